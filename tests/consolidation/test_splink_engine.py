"""The Splink engine (Fellegi–Sunter with EM) on DuckDB and on Spark in local mode.

Both backends: precision and recall on a small generated pair of exports, and the GTIN-first rule
(an equal normalised GTIN matches unless the brands clearly differ; two valid GTINs under one brand
are different products). Timings are not asserted: docs/benchmarks.md has them.
"""

import json

import pytest

from benchmarks.consolidation.generate import generate
from benchmarks.consolidation.run import evaluate, run
from haitao.consolidation.normalise import default_normaliser, merge_aliases
from haitao.consolidation.normalise import normalise_catalog_item as item
from haitao.consolidation.normalise import normalise_product as source
from haitao.consolidation.reader import Quarantined, open_export
from haitao.consolidation.splink_engine import ENGINES, SplinkIndex, make_index
from haitao.consolidation.splink_model import local_spark

UPC_A = "036000291452"  # = EAN-13 0036000291452 = GTIN-14 00036000291452
GTIN_APTAMIL_3 = "4008976022343"
GTIN_OTHER = "4008976022336"
GTIN_FRESH = "4006381333931"  # valid, on no catalog SKU


@pytest.fixture(scope="module")
def spark():
    session = local_spark(cores=2, memory="1g")
    yield session
    session.stop()


def _catalog():
    rows = [item("APT-3-800", "Aptamil Platinum Infant Formula Stage 3 800g", brand="Aptamil", gtin=GTIN_APTAMIL_3,
                 hs_code="1901101000", origin="DE"),
            item("APT-2-800", "Aptamil Platinum Infant Formula Stage 2 800g", brand="Aptamil", gtin=GTIN_OTHER),
            item("KLX-200", "Kleenex Facial Tissue 200 sheets", brand="Kleenex", gtin=UPC_A)]
    # a catalog large enough for the model to train on: lines of two brands in several sizes
    for n in range(60):
        rows.append(item(f"NIV-{n}", f"Nivea Soft Cream moisturising line{n} {50 + n}ml", brand="Nivea"))
        rows.append(item(f"SWI-{n}", f"Swisse Fish Oil capsules series{n} {30 + n}粒", brand="Swisse"))
    return rows


def _sources():
    rows = [source("g-stage", "爱他美 白金 奶粉 1段 800g", brand="Aptamil", gtin=GTIN_APTAMIL_3),  # GTIN wins over stage
            source("g-brand", "Lancome serum 50ml", brand="Lancome", gtin=GTIN_APTAMIL_3),
            source("g-upc", "Kleenex tissue 200 sheets", brand="Kleenex", gtin="00036000291452"),
            source("g-fresh", "Aptamil Platinum Infant Formula Stage 2 800g", brand="Aptamil", gtin=GTIN_FRESH)]
    for n in range(0, 60, 2):
        rows.append(source(f"niv-{n}", f"妮维雅 Nivea soft cream moisturising line{n} {50 + n}ml", brand="Nivea"))
        rows.append(source(f"swi-{n}", f"Swisse fish oil series{n} {30 + n} capsules", brand="Swisse"))
    return rows


def _gtin_first(index, extra=()):
    index.learn([*_sources(), *extra])
    decisions = {s.source_id: index.match(s) for s in _sources()}
    stage = decisions["g-stage"]
    assert (stage.decision, stage.sku, stage.reasons) == ("matched", "APT-3-800", ["gtin", "conflict: stage differs"])
    assert decisions["g-brand"].decision == "review" and "brand differs" in decisions["g-brand"].reasons
    assert (decisions["g-upc"].decision, decisions["g-upc"].sku) == ("matched", "KLX-200")
    # same title as APT-2-800 but another valid GTIN under the same brand: another product
    assert decisions["g-fresh"].decision != "matched"
    matched = {d.sku for d in decisions.values() if d.decision == "matched" and d.reasons[0] == "splink"}
    assert matched  # the model does match the untagged products
    return decisions


def test_gtin_first_rule_on_duckdb():
    decisions = _gtin_first(make_index("splink-duckdb", _catalog()))
    assert sum(d.decision == "matched" for d in decisions.values()) >= 40


def test_splink_duckdb_on_a_small_generated_pair_of_exports(tmp_path):
    result = run(2000, workdir=tmp_path / "bench", engine="splink-duckdb")
    assert result["engine"] == "splink-duckdb"
    assert result["precision"] >= 0.99 and result["recall"] >= 0.85
    assert result["created_with_a_catalog_gtin"] == 0 and result["false_matched_by_gtin"] == 0
    assert result["matched"] + result["review"] + result["created"] == 2000


def test_spark_local_mode_generated_exports_and_gtin_first_rule(spark, tmp_path):
    # one Splink training on Spark (each is hundreds of small Spark jobs): a generated pair of
    # exports, with the GTIN cases of the DuckDB test added to it
    generate(300, tmp_path, seed=5)
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    normaliser = default_normaliser().with_aliases(
        merge_aliases(json.loads((tmp_path / "aliases.json").read_text(encoding="utf-8"))))
    with (tmp_path / "catalog.jsonl").open(encoding="utf-8") as handle:
        catalog = [normaliser.product(r["sku"], r["title"], brand=r.get("brand"), gtin=r.get("gtin"),
                                      hs_code=r.get("hs_code"), origin=r.get("origin_country"), sku=r["sku"])
                   for r in map(json.loads, handle)]
    generated = [normaliser.source_product(p) for p in open_export(tmp_path / "export").products()
                 if not isinstance(p, Quarantined)]
    index = SplinkIndex(catalog + _catalog(), backend="spark", spark=spark)
    _gtin_first(index, extra=generated)
    result = evaluate([index.match(s) for s in generated], truth)
    assert result["precision"] >= 0.99 and result["recall"] >= 0.8
    assert result["false_matched_by_gtin"] == 0


def test_a_source_not_seen_by_learn_is_scored_alone_and_first_import_creates():
    index = make_index("splink-duckdb", _catalog())
    index.learn(_sources())
    late = index.match(source("late", "Nivea soft cream moisturising line4 54ml", brand="Nivea"))
    assert (late.decision, late.sku) == ("matched", "NIV-4")
    empty = make_index("splink-duckdb")
    assert empty.learn(_sources())["scored_sources"] == 0
    assert {empty.match(s).decision for s in _sources()} == {"created"}


def test_unknown_engine_is_refused():
    assert "default" in ENGINES
    with pytest.raises(ValueError, match="unknown matching engine"):
        make_index("splink-sqlite")
