"""Deliver the outbox to the customs client's outbox folder (the folder exchange).

Exactly once, even when the worker dies mid-send: a batch of rows is delivered inside a transaction
that locks them (SKIP LOCKED: another worker takes other rows); each file is written first
(atomically, under a name fixed when the declaration was made: ``<type>_<orderNo>_<guid>.xml``), the
rows are marked sent last. A crash between the two leaves the
rows pending, and the next pass finds the same file either still waiting in the outbox (writing the
same bytes again is a no-op) or already taken by the client into ``sent-archive`` (then it is only
marked sent). The bytes never change, so customs never sees two messages under one guid, nor the
same message twice. Errors are retried with exponential backoff and, after
``services.MAX_ATTEMPTS``, parked as ``failed`` for an operator (admin action "retry").
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from haitao.customs.folder_transport import SENT_ARCHIVE, write_outbox

from . import config, services
from .models import OutboxMessage

logger = logging.getLogger(__name__)


def _after_write(row: OutboxMessage, path: Path) -> None:
    """Seam between writing the file and marking the row sent (tests crash the worker here)."""


def _write(row: OutboxMessage, directory: Path) -> Path:
    data = row.declaration.xml.encode("utf-8")
    taken = directory / SENT_ARCHIVE / row.filename
    if taken.exists() and taken.read_bytes() == data:
        return taken  # the client already took it: a crash came after the write last time
    return write_outbox(directory, row.filename, data)


def deliver_due(now=None, directory: Path | str | None = None, limit: int = 200) -> dict[str, int]:
    """Deliver up to ``limit`` due rows: in one transaction (:func:`deliver_batch`), or one by one if
    that fails as a whole (each row then in its own transaction, with its own backoff)."""
    now = now or timezone.now()
    directory = Path(directory or config.outbox_dir())
    due = list(OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
               .order_by("id").values_list("id", flat=True)[:limit])
    if len(due) > 1:
        try:
            return deliver_batch(due, directory, now)
        except Exception as exc:  # noqa: BLE001 - rolled back whole (nothing marked): retried row by row
            logger.warning("delivering a batch of %s outbox rows failed, one by one instead: %s", len(due), exc)
    sent = failed = 0
    for row_id in due:
        outcome = _deliver_one(row_id, directory, now)
        sent, failed = sent + (outcome == "sent"), failed + (outcome == "failed")
    return {"sent": sent, "send_failed": failed}


def deliver_batch(row_ids: list[int], directory: Path, now) -> dict[str, int]:
    """Claim the rows (SKIP LOCKED), write each file, then mark the written ones sent and the failed
    ones retried, with a few set-based statements, all in one transaction: a worker killed anywhere
    leaves every row of the batch pending, and the next pass rewrites the same bytes (a no-op) or
    finds the file already taken by the client (then only marks it sent)."""
    sent, failed = [], []
    with transaction.atomic():
        rows = list(OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("declaration").filter(pk__in=row_ids, status=OutboxMessage.Status.PENDING)
                    .order_by("id"))
        for row in rows:
            try:
                path = _write(row, directory)
                _after_write(row, path)
                sent.append(row)
            except Exception as exc:  # noqa: BLE001 - this row's file could not be written: retried alone
                failed.append((row, exc))
        services.mark_sent_many(sent, now)
        for row, exc in failed:
            services.mark_attempt_failed(row, f"{type(exc).__name__}: {exc}", now)
    for row, exc in failed:
        logger.warning("customs outbox %s: delivery failed (attempt %s, %s): %s", row.filename, row.attempts,
                       row.status, exc)
    return {"sent": len(sent), "send_failed": len(failed)}


def _deliver_one(row_id: int, directory: Path, now) -> str:
    try:
        with transaction.atomic():
            row = (OutboxMessage.objects.select_for_update(skip_locked=True).select_related("declaration")
                   .filter(pk=row_id, status=OutboxMessage.Status.PENDING).first())
            if row is None:
                return "skipped"  # another worker has it
            path = _write(row, directory)
            _after_write(row, path)
            services.mark_sent(row, now)
        return "sent"
    except Exception as exc:  # noqa: BLE001 - any delivery error is retried, never lost
        with transaction.atomic():
            row = OutboxMessage.objects.select_for_update().get(pk=row_id)
            services.mark_attempt_failed(row, f"{type(exc).__name__}: {exc}", now)
        logger.warning("customs outbox %s: delivery failed (attempt %s, %s): %s", row.filename, row.attempts,
                       row.status, exc)
        return "failed"
