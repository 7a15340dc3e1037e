"""The consolidation benchmark on ~2k products: a behaviour test of the matcher (no timing asserted)."""

import json

from benchmarks.consolidation.run import run, update_doc


def test_matcher_precision_on_a_small_synthetic_export(tmp_path):
    result = run(2000, workdir=tmp_path / "bench")
    assert result["catalog"] == 2000 and result["source"] == 2000
    assert result["precision"] >= 0.99
    assert result["recall"] >= 0.85
    assert result["matched"] + result["review"] + result["created"] == 2000
    truth = json.loads((tmp_path / "bench" / "truth.json").read_text())
    assert sum(1 for sku in truth.values() if sku) == result["true_matches"]


def test_held_out_generator_b_runs_and_meets_the_gtin_and_first_import_criteria(tmp_path):
    # only the criteria generator b meets are held here; its precision and recall are measured, not tuned
    result = run(2000, workdir=tmp_path / "bench-b", generator="b")
    assert result["generator"] == "b" and result["source"] == 2000
    assert result["created_with_a_catalog_gtin"] == 0
    assert result["first_import"]["created_share"] >= 0.99 and result["first_import"]["review"] == 0


def test_doc_section_is_updated_in_place(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n## Flash sale\n\nkeep me\n", encoding="utf-8")
    result = {"generator": "a", "size": 10, "precision": 1.0, "recall": 0.9, "matched": 5, "review": 1, "created": 4,
              "duplicates_created": 0, "created_with_a_catalog_gtin": 0, "date": "2026-01-01",
              "first_import": {"created_share": 1.0, "in_export_duplicates": 0},
              "timings": {"total_s": 1, "learn_s": 0.1, "match_s": 0.1}}
    update_doc(result, doc)
    update_doc({**result, "size": 20}, doc)
    update_doc({**result, "precision": 0.5}, doc)
    update_doc({**result, "generator": "b"}, doc)
    text = doc.read_text(encoding="utf-8")
    assert "keep me" in text and text.count("consolidation:start") == 1
    rows = {tuple(c.strip() for c in line.split("|")[1:3]): line for line in text.splitlines()
            if line.startswith("| a |") or line.startswith("| b |")}
    assert set(rows) == {("a", "10"), ("a", "20"), ("b", "10")}
    assert "0.5000" in rows[("a", "10")] and "1.0000" in rows[("a", "20")]
