"""Generator c (benchmarks/consolidation/generate_c.py): deterministic, in the documented export format,
with ground truth that agrees with the hidden product keys."""

import json
import re
from collections import Counter
from datetime import datetime
from decimal import Decimal

import pytest

from benchmarks.consolidation import generate_c
from benchmarks.consolidation import run as bench
from haitao.consolidation.reader import Quarantined, open_export

SIZE = 400


def lines(path):
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gtin_valid(digits: str) -> bool:
    body, check = digits[:-1], digits[-1]
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10) == check


def id_number_valid(number: str) -> bool:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return number[-1] == "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], weights)) % 11]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return generate_c.generate(SIZE, tmp_path_factory.mktemp("c"), seed=11)


def test_same_seed_same_files_other_seed_other_files(out, tmp_path):
    again = generate_c.generate(SIZE, tmp_path / "again", seed=11)
    other = generate_c.generate(SIZE, tmp_path / "other", seed=12)
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert len(files) >= 12
    for name in files:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    assert (other / "export" / "products.jsonl").read_bytes() != (out / "export" / "products.jsonl").read_bytes()


def test_each_side_has_size_products_with_unique_ids(out):
    for folder in ("haitao-export", "export"):
        ids = [row["id"] for row in lines(out / folder / "products.jsonl")]
        assert len(ids) == SIZE and len(set(ids)) == SIZE
    assert [row["sku"] for row in lines(out / "catalog.jsonl")] == [
        row["id"] for row in lines(out / "haitao-export" / "products.jsonl")]


def test_products_follow_the_documented_format(out):
    manifest = json.loads((out / "export" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == 1 and manifest["platform"]
    assert datetime.fromisoformat(manifest["exported_at"]).utcoffset() is not None
    merchants = {row["id"]: row for row in lines(out / "export" / "merchants.jsonl")}
    assert {m["kind"] for m in merchants.values()} == {"self_operated", "marketplace"}
    for folder in ("haitao-export", "export"):
        for row in lines(out / folder / "products.jsonl"):
            assert isinstance(row["id"], str) and isinstance(row["title"], str) and row["title"].strip()
            assert Decimal(row["price"]) > 0 and re.fullmatch(r"\d+\.\d\d", row["price"])
            assert all(isinstance(row[k], str) for k in ("brand", "gtin", "spec", "hs_code") if k in row)
            assert re.fullmatch(r"\d{8}|\d{10}", row["hs_code"])
            assert re.fullmatch(r"[A-Z]{2}", row.get("origin_country", "CN"))
            assert row.get("status", "on_sale") in ("on_sale", "off_sale")
            assert row.get("merchant_id", "M000") in merchants
            for stock in row["stock"]:
                assert isinstance(stock["warehouse"], str) and isinstance(stock["quantity"], int)


def test_the_projects_reader_quarantines_nothing(out):
    for folder in ("haitao-export", "export"):
        items = list(open_export(out / folder).products())
        assert len(items) == SIZE
        assert not [item for item in items if isinstance(item, Quarantined)]


def test_truth_agrees_with_the_hidden_product_keys(out):
    haitao_by_key = {}
    for row in lines(out / "keys_haitao.jsonl"):
        assert row["key"] not in haitao_by_key, "one real product is one haitao SKU"
        haitao_by_key[row["key"]] = row["id"]
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    acquired = {row["id"] for row in lines(out / "export" / "products.jsonl")}
    assert set(truth) == acquired
    for row in lines(out / "truth_detail.jsonl"):
        assert truth[row["id"]] == row["sku"] == haitao_by_key.get(row["key"])
    positives = sum(1 for sku in truth.values() if sku)
    assert 0.5 * SIZE < positives < 0.8 * SIZE


def test_hard_cases_are_present(out):
    counts = json.loads((out / "stats.json").read_text(encoding="utf-8"))["counts"]
    assert counts["acquired.no_match_with_sibling_in_catalog"] > 0.1 * SIZE  # same line, other variant
    assert counts["acquired.in_export_duplicate"] > 0
    assert counts["acquired.gtin:absent"] > 0.2 * SIZE
    assert sum(v for k, v in counts.items() if k.startswith("acquired.title:pack_")) > 0.05 * SIZE
    assert sum(v for k, v in counts.items() if k.startswith("acquired.gtin:wrong_")) > 0
    titles = " ".join(row["title"] for row in lines(out / "export" / "products.jsonl"))
    assert "【" in titles and re.search(r"[\u4e00-\u9fff]", titles) and re.search(r"[A-Za-z]{4}", titles)


def test_canonical_gtins_are_valid_and_wrong_ones_are_tagged(out):
    keyed = {row["id"]: row["tags"] for row in lines(out / "truth_detail.jsonl")}
    for row in lines(out / "export" / "products.jsonl"):
        tags = keyed[row["id"]]
        if "gtin:canonical" in tags or "gtin:gtin14" in tags or "gtin:ean13_padded_upc" in tags:
            assert row["gtin"].isdigit() and len(row["gtin"]) in (12, 13, 14) and gtin_valid(row["gtin"])
        if "gtin:wrong_typo" in tags:
            assert not gtin_valid(row["gtin"])


def test_customers_and_their_truth(out):
    haitao = {row["id"]: row for row in lines(out / "haitao-export" / "customers.jsonl")}
    acquired = {row["id"]: row for row in lines(out / "export" / "customers.jsonl")}
    truth = json.loads((out / "customers_truth.json").read_text(encoding="utf-8"))
    assert set(truth) == set(acquired) and len(haitao) == len(acquired) == SIZE // 4
    assert all(id_number_valid(row["id_number"]) for row in haitao.values() if "id_number" in row)
    numbers = Counter(row["id_number"] for row in haitao.values() if "id_number" in row)
    assert max(numbers.values()) == 1, "one account per ID number"
    linked = [(acquired[a], haitao[h]) for a, h in truth.items() if h]
    assert len(linked) > SIZE // 16
    for a, h in linked:
        if "id_number" in a and "id_number" in h and id_number_valid(a["id_number"]):
            assert a["id_number"] == h["id_number"]
        if "phone" in a and "phone" in h:
            assert re.sub(r"\D", "", a["phone"])[-11:] == h["phone"]


def test_the_benchmark_runs_generator_c(tmp_path):
    result = bench.run(300, tmp_path / "c-300", seed=5, generator="c")
    assert result["generator"] == "c" and result["source"] == 300 and result["quarantined"] == 0
    assert result["true_matches"] > 150
    assert result["matched"] + result["review"] + result["created"] == 300
    assert result["first_import"]["created"] + result["first_import"]["in_export_duplicates"] + \
        result["first_import"]["review"] == 300


def test_the_breakdown_splits_the_runners_figures(tmp_path):
    from benchmarks.consolidation import breakdown_c

    assert breakdown_c.gtin14("0 737628 064502") == "00737628064502" == breakdown_c.gtin14("737628064502")
    assert breakdown_c.gtin14("0000000000000") is None and breakdown_c.gtin14("6.90123E+12") is None
    result = breakdown_c.breakdown(300, tmp_path / "c-300", seed=5)
    split = result["breakdown"]
    assert split["false_matched_with_mistaken_gtin"] + split["false_matched_other"] == result["false_matched"]
    assert split["true_matches_with_same_valid_gtin"] <= result["true_matches"]
    assert sum(split["missed"].values()) == result["true_matches"] - result["correct_matched"]
    merges = split["first_import_merges_same_product"] + split["first_import_merges_different_products"]
    assert merges == result["first_import"]["in_export_duplicates"]
