"""Fixtures for the merge (Django, database)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import Sum

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "haitao" / "demo" / "data" / "sample-export"


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_db(fast_passwords):
    from haitao.demo import load

    load(stdout=io.StringIO())


def row_counts(exclude=("consolidation.ConsolidationRun",)) -> dict:
    """Rows of every model, plus the sums that a duplicate would change (stock, quota)."""
    from haitao.compliance.models import QuotaAccount
    from haitao.inventory.models import Stock

    counts = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.label not in exclude}
    counts["Σ stock.on_hand"] = Stock.objects.aggregate(s=Sum("on_hand"))["s"] or 0
    counts["Σ quota.committed_fen"] = QuotaAccount.objects.aggregate(s=Sum("committed_fen"))["s"] or 0
    return counts


@pytest.fixture
def make_export(tmp_path):
    """``make_export(platform="koala", products=[...], customers=[...], orders=[...])`` → folder."""

    def make(platform="koala", **files):
        folder = tmp_path / f"export-{platform}"
        folder.mkdir(exist_ok=True)
        (folder / "manifest.json").write_text(json.dumps(
            {"format_version": 1, "platform": platform, "exported_at": "2026-11-01T08:00:00+08:00"}), encoding="utf-8")
        for kind, lines in files.items():
            body = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
            (folder / f"{kind}.jsonl").write_text(body + "\n", encoding="utf-8")
        return folder

    return make
