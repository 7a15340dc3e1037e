"""Shared test setup. The suite runs on the database HAITAO_DATABASE_URL names (PostgreSQL in CI,
the SQLite default otherwise). In CI a missing PostgreSQL is a failure, never a silent skip."""

import os

import pytest


def pytest_report_header(config):
    from django.conf import settings

    return f"haitao database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(scope="session", autouse=True)
def _ci_requires_postgresql(request):
    if request.config.pluginmanager.hasplugin("django") and os.environ.get("HAITAO_REQUIRE_POSTGRESQL") == "1":
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        assert engine == "django.db.backends.postgresql", (
            f"HAITAO_REQUIRE_POSTGRESQL=1 but the suite runs on {engine}: point HAITAO_DATABASE_URL at PostgreSQL")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher(request):
    """Test accounts need no key stretching: PBKDF2's 1M rounds were 44% of the suite's time (354
    hashes). Production keeps Django's default hashers; this changes only the test process."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Cached rows (brands) must not outlive the test database rows they were read from.
    (The pure suites — rules, customs, consolidation core — also run with `-p no:django`.)"""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_customs_folders(tmp_path, monkeypatch):
    """Each test its own customs folder exchange and simulator state: the simulator keeps a per-buyer
    annual ledger, which must not carry over from one test (or one run) to the next."""
    monkeypatch.setenv("HAITAO_CUSTOMS_OUTBOX", str(tmp_path / "customs" / "outbox"))
    monkeypatch.setenv("HAITAO_CUSTOMS_INBOX", str(tmp_path / "customs" / "inbox"))
    monkeypatch.delenv("HAITAO_CUSTOMS_SIMULATOR_STATE", raising=False)


@pytest.fixture(autouse=True)
def _strict_event_handlers(monkeypatch):
    """A failing after-commit event handler fails the test instead of only being logged."""
    from haitao.common import events

    monkeypatch.setattr(events, "STRICT", True)


@pytest.fixture(autouse=True)
def _sandbox_payments(request, monkeypatch):
    """The sandbox provider is switched on explicitly (HAITAO_PAYMENT_SANDBOX): tests pay with it unless
    a test switches it off (production mode)."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings

    monkeypatch.setattr(settings, "PAYMENT_SANDBOX", True)
