"""Generators e, f and g (benchmarks/consolidation/generate_e.py, generate_f.py, generate_g.py), written apart from
the matcher with one output interface: each set parses, is consistent and deterministic."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import stdnum.cn.ric as ric

from benchmarks.consolidation import generate_e, generate_f, generate_g
from haitao.consolidation.reader import Quarantined, open_export

SIZE, SEED = 300, 11


def _read(folder: Path, kind: str) -> list:
    return list(getattr(open_export(folder), kind)())


def _digest(out: Path) -> str:
    h = hashlib.sha256()
    for name in ("catalog.jsonl", "truth.json", "truth_detail.jsonl", "customers_truth.json",
                 "export/products.jsonl", "export/customers.jsonl", "haitao-export/customers.jsonl"):
        h.update((out / name).read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("generator", [generate_e, generate_f, generate_g], ids=["e", "f", "g"])
def test_generate(generator, tmp_path: Path) -> None:
    out = generator.generate(SIZE, tmp_path / "a", seed=SEED)
    products, haitao = _read(out / "export", "products"), _read(out / "haitao-export", "products")
    customers, haitao_customers = _read(out / "export", "customers"), _read(out / "haitao-export", "customers")
    for items in (products, haitao, customers, haitao_customers, _read(out / "export", "merchants")):
        assert not [i for i in items if isinstance(i, Quarantined)]
    assert len(products) == len(haitao) == SIZE
    catalog = [json.loads(line) for line in (out / "catalog.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(catalog) == SIZE and {r["sku"] for r in catalog} == {p.id for p in haitao}
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert set(truth) == {p.id for p in products}
    skus = {r["sku"] for r in catalog}
    assert all(sku in skus for sku in truth.values() if sku)
    assert 0.35 <= sum(1 for sku in truth.values() if sku) / SIZE <= 0.65
    assert generator.gtin_rule_violations(out) == []
    gtins = [r["gtin"].zfill(14) for r in catalog if r.get("gtin")]
    assert len(set(gtins)) == len(gtins) and 0.8 < len(gtins) / SIZE < 0.95
    detail = [json.loads(line) for line in (out / "truth_detail.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {d["id"]: d["truth"] for d in detail} == truth and all(d["tags"] for d in detail)
    people = json.loads((out / "customers_truth.json").read_text(encoding="utf-8"))
    haitao_ids = {c.id for c in haitao_customers}
    assert set(people) == {c.id for c in customers} and all(v in haitao_ids for v in people.values() if v)
    assert len({v for v in people.values() if v}) == sum(1 for v in people.values() if v)
    assert all(ric.is_valid(c.id_number.replace(" ", "").upper()) for c in haitao_customers + customers if c.id_number)
    assert generator.generate(SIZE, tmp_path / "b", seed=SEED) and _digest(out) == _digest(tmp_path / "b")
