"""The outbox delivers each message exactly once: a worker killed between writing the file and
marking the row sent re-delivers the same file (same guid, same name) and customs sees it once;
delivery errors are retried with backoff and parked as failed for an operator to retry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

import haitao
from haitao.customs import SimulatorState
from haitao.declarations import config, outbox, services
from haitao.declarations.models import Declaration, OutboxMessage, Receipt
from haitao.declarations.worker import worker_tick
from haitao.orders.states import Status


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so no handler in the worker sees it."""


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.xml"))


def _assert_seen_once(order, customs_env):
    state = SimulatorState.load(customs_env / "simulator-state.json")
    names = [d.outbox.filename for d in order.declarations.exclude(outbox=None)]
    assert all(name in state.processed for name in names)
    # a second copy would have come back as a duplicate refusal (-301010 …): there is none
    assert not Receipt.objects.filter(return_status="100").exists()
    assert Receipt.objects.filter(message_type="CEB312", declaration__order=order).count() == 1


@pytest.mark.django_db
def test_killed_between_write_and_ack_delivers_once(place_and_pay, customs_env, monkeypatch):
    order = place_and_pay([("APT3", 1)])
    row = OutboxMessage.objects.get(declaration__order=order, declaration__message_type="CEB311")

    def crash(r, path):
        if r.pk == row.pk:
            raise WorkerKilled

    monkeypatch.setattr(outbox, "_after_write", crash)
    with pytest.raises(WorkerKilled):
        worker_tick()
    written = customs_env / "outbox" / row.filename
    assert written.exists()  # the file is out …
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 0)  # … but never acknowledged
    first_bytes = written.read_bytes()

    monkeypatch.setattr(outbox, "_after_write", lambda r, path: None)  # the restarted worker
    for _ in range(3):
        worker_tick()
    order.refresh_from_db()
    assert order.status == Status.DELIVERED
    row.refresh_from_db()
    assert row.status == "sent"
    archived = customs_env / "outbox" / "sent-archive" / row.filename
    assert archived.read_bytes() == first_bytes  # same guid, same name, same bytes
    assert _files(customs_env / "outbox").count(row.filename) == 1
    _assert_seen_once(order, customs_env)


@pytest.mark.django_db
def test_crash_after_the_client_took_the_file_only_marks_it_sent(place_and_pay, customs_env, monkeypatch):
    """Killed after the write, and the customs client uploads the file before the worker restarts."""
    order = place_and_pay([("APT3", 1)])
    monkeypatch.setattr(outbox, "_after_write", lambda r, path: (_ for _ in ()).throw(WorkerKilled()))
    with pytest.raises(WorkerKilled):
        outbox.deliver_due()
    from haitao.declarations.worker import default_simulator_config, run_simulator

    assert run_simulator(config.outbox_dir(), config.inbox_dir(), default_simulator_config(),
                         config.simulator_state_file()) == 1  # the client sends it; customs answers once
    monkeypatch.setattr(outbox, "_after_write", lambda r, path: None)
    for _ in range(3):
        worker_tick()
    order.refresh_from_db()
    assert order.status == Status.DELIVERED
    _assert_seen_once(order, customs_env)


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


KILL_SCRIPT = """
import os, django
django.setup()
from haitao.declarations import outbox
outbox._after_write = lambda row, path: os._exit(9)   # killed right after the first file write
outbox.deliver_due()
"""


@pytest.mark.django_db(transaction=True)
def test_worker_process_killed_mid_send_then_restarted(place_and_pay, customs_env):
    order = place_and_pay([("APT3", 1)])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "haitao.settings", "HAITAO_DATABASE_URL": _database_url()}
    root = Path(haitao.__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT], env=env, cwd=root, capture_output=True, timeout=120)
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]
    assert len(_files(customs_env / "outbox")) == 1
    assert OutboxMessage.objects.filter(declaration__order=order, status="pending").count() == 3
    for _ in range(3):
        worker_tick()
    order.refresh_from_db()
    assert order.status == Status.DELIVERED
    assert set(OutboxMessage.objects.filter(declaration__order=order).values_list("status", flat=True)) == {"sent"}
    _assert_seen_once(order, customs_env)
    assert json.loads((customs_env / "simulator-state.json").read_text())["processed"]


@pytest.mark.django_db
def test_delivery_errors_back_off_then_park_as_failed_and_retry(place_and_pay, customs_env, monkeypatch):
    order = place_and_pay([("APT3", 1)])
    blocked = customs_env / "not-a-folder"
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("x")
    monkeypatch.setenv("HAITAO_CUSTOMS_OUTBOX", str(blocked))  # mkdir fails: every delivery errors
    now = timezone.now()
    assert outbox.deliver_due(now) == {"sent": 0, "send_failed": 3}
    row = OutboxMessage.objects.filter(declaration__order=order).first()
    assert row.attempts == 1 and row.status == "pending" and row.last_error
    assert row.next_attempt_at == now + timedelta(seconds=30)
    assert outbox.deliver_due(now) == {"sent": 0, "send_failed": 0}  # not due yet
    later = now
    for attempt in range(2, services.MAX_ATTEMPTS + 1):
        later = later + services.backoff(attempt - 1)
        outbox.deliver_due(later)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", services.MAX_ATTEMPTS)  # visible to operators
    assert services.backoff(20) == timedelta(hours=1)

    monkeypatch.setenv("HAITAO_CUSTOMS_OUTBOX", str(customs_env / "outbox"))  # the operator fixed it
    decl = row.declaration
    assert services.retry_declaration(decl) == "requeued"
    for r in OutboxMessage.objects.filter(status="failed"):
        services.retry_outbox(r)
    assert outbox.deliver_due()["sent"] == 3
    assert Declaration.objects.filter(order=order, status="sent").count() == 3
