"""The report files and the command line."""

from __future__ import annotations

import json

import pytest

from haitao.consolidation import cli, services
from haitao.consolidation.models import SourceRecord

from .conftest import SAMPLE

pytestmark = pytest.mark.django_db


def test_report_files_have_the_documented_shape(demo_db, tmp_path):
    services.consolidate(SAMPLE, "kiwi", report_dir=tmp_path / "r")
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert {"platform", "brand", "dry_run", "counts", "products", "customers", "quarantined", "conflicts"} <= set(report)
    assert (report["platform"], report["brand"], report["dry_run"]) == ("kiwi", "kiwi", False)
    assert set(report["counts"]["products"]) == {"read", "matched", "created", "review", "quarantined"}
    assert {"read", "linked", "created", "review", "quarantined"} <= set(report["counts"]["customers"])
    assert {"read", "imported", "quarantined"} <= set(report["counts"]["orders"])
    assert {"source_id", "decision", "sku", "score", "reasons"} <= set(report["products"][0])
    assert {"source_id", "decision", "customer", "reasons"} <= set(report["customers"][0])
    assert {"file": "products.jsonl", "line": 58, "reason": "price: not a decimal"} in report["quarantined"]
    assert {"sku", "field", "haitao", "source"} == set(report["conflicts"][0])
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Consolidation of kiwi as brand kiwi" in html
    text = json.dumps(report, ensure_ascii=False)
    assert "11010519880315" not in text and "13911110001" not in text  # no personal data in the report


def test_cli_json_summary_and_dry_run(demo_db, capsys, tmp_path):
    assert cli.main(["consolidate", str(SAMPLE), "--brand", "kiwi", "--dry-run", "--json"]) == 0
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert summary["dry_run"] is True and summary["counts"]["products"]["read"] == 61
    assert "consolidate: products 61/61" in err  # the progress line
    assert not SourceRecord.objects.exists()
    assert cli.main(["consolidate", str(SAMPLE), "--brand", "kiwi", "--report", str(tmp_path / "r"), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "23 matched" in out and err == ""
    assert (tmp_path / "r" / "report.html").is_file()


def test_cli_refuses_a_folder_without_manifest(db, capsys, tmp_path):
    assert cli.main(["consolidate", str(tmp_path), "--brand", "kiwi"]) == 2
    assert "manifest.json is missing" in capsys.readouterr().err
    assert cli.main(["consolidate", str(SAMPLE), "--brand", "Not A Code"]) == 2


def test_garbage_never_crashes(make_export, fast_passwords):
    folder = make_export(products=["\xff\xfe binary", "[1, 2]", '{"id": "x", "title": "t", "price": "1.00"}'],
                         customers=['{"id": 5, "name": "数字id"}'], orders=['{"id": "o", "customer_id": "5"}'])
    (folder / "merchants.jsonl").write_bytes(b"\xff\xfe\x00garbage\n")
    report = services.consolidate(folder, "koala")
    assert report["counts"]["products"]["created"] == 1
    assert len(report["quarantined"]) == 4
