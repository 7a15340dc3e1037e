"""Scoring of e2e_c: the truth (source ids of both exports) is mapped through the first report's SKUs."""

import pytest

from benchmarks.consolidation.e2e_c import score


def report(items):
    return {"products": [{"source_id": s, "decision": d, "sku": t} for s, d, t in items]}


def test_matched_counts_only_when_the_sku_is_the_one_the_true_product_became():
    first = report([("h1", "created", "SKU-1"), ("h2", "created", "SKU-2"), ("h3", "matched", "SKU-1")])
    second = report([("a1", "matched", "SKU-1"), ("a2", "matched", "SKU-1"), ("a3", "created", "SKU-9"),
                     ("a4", "review", None), ("a5", "created", "SKU-8")])
    truth = {"a1": "h1", "a2": "h2", "a3": "h2", "a4": "h1", "a5": None}
    result = score(truth, first, second, "products", "sku", "matched")
    assert result["matched"] == 2 and result["correct"] == 1 and result["precision"] == 0.5
    assert result["true"] == 4 and result["recall"] == 0.25
    assert result["duplicates_created"] == 1 and result["review"] == 1
    assert result["first_import_created_share"] == round(2 / 3, 4)


def test_with_keys_a_merge_into_a_listing_created_in_the_same_run_is_right_when_it_is_the_same_product():
    first = report([("h1", "created", "SKU-1")])
    second = report([("a1", "created", "SKU-5"), ("a2", "matched", "SKU-5"), ("a3", "matched", "SKU-5"),
                     ("a4", "matched", "SKU-1")])
    truth = {"a1": None, "a2": None, "a3": None, "a4": "h1"}
    keys = {"h1": "k1", "a1": "k5", "a2": "k5", "a3": "k6", "a4": "k1"}
    result = score(truth, first, second, "products", "sku", "matched", keys)
    assert result["matched"] == 3 and result["correct"] == 2 and result["recall"] == 1.0


def test_it_refuses_a_folder_that_exists_so_it_never_fills_a_real_database(tmp_path, capsys):
    from benchmarks.consolidation.e2e_c import main

    with pytest.raises(SystemExit) as stop:
        main(["--var-dir", str(tmp_path), "--workdir", str(tmp_path / "data")])
    assert stop.value.code == 2 and "exists" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()
