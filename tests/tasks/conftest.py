"""Fixtures of the Celery task tests: the declaration tests' shop, customs folders and paid orders,
and the task app put back in eager mode (no broker) around every test."""

from __future__ import annotations

import pytest

from tests.declarations.conftest import cert_files, customs_env, place_and_pay, shop  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def eager_app(monkeypatch):
    """Every test starts without a broker (the demo's setting), whatever the environment says."""
    from haitao import tasks

    monkeypatch.delenv("HAITAO_BROKER_URL", raising=False)
    tasks.configure()
    yield tasks.app
    tasks.configure()
