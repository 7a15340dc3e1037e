"""``haitao consolidate --engine``: the Splink engine runs the whole merge and keeps the GTIN decisions."""

from __future__ import annotations

import json

import pytest

from haitao.consolidation import cli, services

from .conftest import SAMPLE

pytestmark = pytest.mark.django_db


def _by_gtin(report: dict) -> dict:
    return {p["source_id"]: p["sku"] for p in report["products"] if p["decision"] == "matched" and p["reasons"][0] == "gtin"}


def test_splink_duckdb_engine_runs_the_merge_and_keeps_every_gtin_match(demo_db, capsys):
    default = services.consolidate(SAMPLE, "kiwi", dry_run=True)
    assert cli.main(["consolidate", str(SAMPLE), "--brand", "kiwi", "--dry-run", "--json", "--quiet",
                     "--engine", "splink-duckdb"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["counts"]["products"]["read"] == 61
    splink = services.consolidate(SAMPLE, "kiwi", dry_run=True, engine="splink-duckdb")
    assert _by_gtin(default) and _by_gtin(splink) == _by_gtin(default)
    counts = splink["counts"]["products"]
    assert counts["matched"] + counts["created"] + counts["review"] + counts["quarantined"] == 61


def test_unknown_engine_is_refused(db, capsys):
    with pytest.raises(services.ConsolidationError, match="engine"):
        services.consolidate(SAMPLE, "kiwi", engine="nope")
    with pytest.raises(SystemExit):
        cli.main(["consolidate", str(SAMPLE), "--brand", "kiwi", "--engine", "nope"])
