"""Generator d (benchmarks/consolidation/generate_d.py): its export parses, its truth is consistent with
both sides and with the issue's GTIN rule, and it is deterministic for a seed."""

from __future__ import annotations

import json
import re

import stdnum.cn.ric as ric
from stdnum import ean

from benchmarks.consolidation.generate_d import generate
from haitao.consolidation.reader import Quarantined, open_export


def _lines(path):
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _gtin(text):
    """The 14-digit form of a valid GTIN (UPC-A, EAN-13, GTIN-14, or UPC-A that lost its leading zero)."""
    digits = re.sub(r"\D", "", text or "")
    if not 11 <= len(digits) <= 14:
        return None
    digits = digits.zfill(14)
    return digits if ean.is_valid(digits) else None


def _norm(brand):
    return re.sub(r"\W", "", (brand or "").lower())


def test_generated_set_is_consistent(tmp_path):
    check_set(generate(300, tmp_path / "d", seed=11), 300)


def check_set(out, size):
    export = list(open_export(out / "export").products())
    assert len(export) == size
    assert not [item for item in export if isinstance(item, Quarantined)]
    haitao = list(open_export(out / "haitao-export").products())
    assert len(haitao) == size and not [item for item in haitao if isinstance(item, Quarantined)]
    for side in ("export", "haitao-export"):
        people = list(open_export(out / side).customers())
        assert len(people) == max(4, size // 4) and not [p for p in people if isinstance(p, Quarantined)]

    catalog = {row["sku"]: row for row in _lines(out / "catalog.jsonl")}
    listings = {row["id"]: row for row in _lines(out / "export" / "products.jsonl")}
    detail = {row["id"]: row for row in _lines(out / "truth_detail.jsonl")}
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert len(catalog) == size and set(truth) == set(listings) == set(detail)
    assert {sku for sku in truth.values() if sku} <= set(catalog)
    matched = sum(sku is not None for sku in truth.values())
    assert 0.35 * size < matched < 0.65 * size
    assert json.loads((out / "aliases.json").read_text()) == {}

    # one hidden variant per haitao SKU: two listings with the same key have the same truth
    by_key = {}
    for pid, row in detail.items():
        assert row["truth"] == truth[pid]
        by_key.setdefault(row["key"], set()).add(truth[pid])
    assert all(len(skus) == 1 for skus in by_key.values())

    # the GTIN rule: an equal valid GTIN is the true pair unless the brands clearly differ,
    # and a true pair never carries two different valid GTINs
    owner = {_gtin(row.get("gtin")): sku for sku, row in catalog.items() if _gtin(row.get("gtin"))}
    assert len(owner) == sum(1 for row in catalog.values() if row.get("gtin"))
    equal = 0
    for pid, row in listings.items():
        gtin = _gtin(row.get("gtin"))
        if gtin is None:
            continue
        if gtin in owner:
            equal += 1
            if truth[pid] != owner[gtin]:
                assert "gtin_copied_other_brand" in detail[pid]["tags"]
                mine, theirs = _norm(row.get("brand")), _norm(catalog[owner[gtin]].get("brand"))
                assert mine and theirs and mine not in theirs and theirs not in mine
        if truth[pid] and _gtin(catalog[truth[pid]].get("gtin")):
            assert _gtin(catalog[truth[pid]]["gtin"]) == gtin
    assert equal > 20

    customers = {row["id"]: row for row in _lines(out / "haitao-export" / "customers.jsonl")}
    acquired = {row["id"]: row for row in _lines(out / "export" / "customers.jsonl")}
    ctruth = json.loads((out / "customers_truth.json").read_text(encoding="utf-8"))
    assert set(ctruth) == set(acquired) and {c for c in ctruth.values() if c} <= set(customers)
    assert all(ric.is_valid(row["id_number"]) for row in customers.values())
    for cid, hid in ctruth.items():
        if hid and acquired[cid].get("id_number"):
            assert acquired[cid]["id_number"].upper() == customers[hid]["id_number"]
        if hid is None and acquired[cid].get("id_number"):
            assert acquired[cid]["id_number"].upper() not in {c["id_number"] for c in customers.values()}
    assert sum(1 for c in ctruth.values() if c) > 20


def test_deterministic_for_a_seed(tmp_path):
    files = ["catalog.jsonl", "export/products.jsonl", "truth.json", "export/customers.jsonl", "customers_truth.json"]
    a, b, c = (generate(120, tmp_path / name, seed=seed) for name, seed in (("a", 3), ("b", 3), ("c", 4)))
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert (a / "export/products.jsonl").read_bytes() != (c / "export/products.jsonl").read_bytes()
