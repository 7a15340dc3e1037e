"""Fixtures for the pure consolidation core: no Django, no database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ is a package beside haitao/, not installed
    sys.path.insert(0, str(ROOT))

MANIFEST = {"format_version": 1, "platform": "koala", "exported_at": "2026-11-01T08:00:00+08:00"}


@pytest.fixture
def export_dir(tmp_path):
    """Build an export folder: ``export_dir(products=[...lines...], manifest={...})``.

    A line given as a dict is written as JSON; a string is written as is (for broken lines).
    """

    def make(manifest=MANIFEST, **files):
        folder = tmp_path / "export"
        folder.mkdir(exist_ok=True)
        if manifest is not None:
            text = manifest if isinstance(manifest, str) else json.dumps(manifest)
            (folder / "manifest.json").write_text(text, encoding="utf-8")
        for kind, lines in files.items():
            body = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
            (folder / f"{kind}.jsonl").write_text(body + "\n", encoding="utf-8")
        return folder

    return make


def pytest_ignore_collect(collection_path, config):
    """The merge tests (``django/``) need the database: skip them when the core runs with -p no:django."""
    if collection_path.name == "django" and not config.pluginmanager.hasplugin("django"):
        return True
    return None
