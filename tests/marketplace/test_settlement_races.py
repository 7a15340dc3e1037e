"""Settling one merchant's month from many threads at once: one settlement row, one set of lines;
and a close racing re-runs leaves the closed figures alone. Real threads (PostgreSQL in CI)."""

import threading
from datetime import date

import pytest
from django.db import close_old_connections, connection

from haitao.marketplace import services
from haitao.marketplace.models import Settlement, SettlementLine

from .support import order, shanghai, world

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8


def _race(work) -> list:
    barrier, results = threading.Barrier(THREADS), [None] * THREADS

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_concurrent_runs_make_one_settlement_with_one_set_of_lines():
    w = world()
    services.record_exchange_rate("EUR", "7.7", date(2026, 11, 30), "PBOC", "test")
    for day in (3, 4, 5):
        order(w, w["dolphin"], [(w["a"], w["formula"], 1, "100.00", "5.00")], shanghai(2026, 11, day))
    results = _race(lambda i: services.run_settlement(w["a"], "2026-11", f"thread-{i}").pk)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len(set(results)) == 1 and Settlement.objects.count() == 1
    assert SettlementLine.objects.count() == 3


def test_close_racing_reruns_keeps_the_closed_figures():
    w = world()
    services.record_exchange_rate("EUR", "7.7", date(2026, 11, 30), "PBOC", "test")
    order(w, w["dolphin"], [(w["a"], w["formula"], 1, "100.00", "5.00")], shanghai(2026, 11, 3))
    settlement = services.run_settlement(w["a"], "2026-11", "test")

    def work(i):
        if i == 0:
            return services.close_settlement(settlement, "finance").status
        return services.run_settlement(w["a"], "2026-11", f"thread-{i}").status

    results = _race(work)
    assert [r for r in results if isinstance(r, Exception)] == []
    settlement.refresh_from_db()
    assert settlement.status == "closed" and SettlementLine.objects.filter(settlement=settlement).count() == 1
    order(w, w["dolphin"], [(w["a"], w["formula"], 1, "100.00", "5.00")], shanghai(2026, 11, 4))
    assert services.run_settlement(w["a"], "2026-11", "again").lines.count() == 1
