"""Background jobs on Celery: a faster, scalable *trigger* for work whose record is in the database.

The customs outbox rows are the source of truth (issue #4's transactional outbox): the payment's
transaction writes the declaration and outbox rows; these tasks only say "look now". A lost or
duplicated message loses or doubles nothing — every task re-reads what is due and each row is
claimed once (``outbox.deliver_due`` and ``declare_queued`` lock their batch of rows with ``SELECT …
FOR UPDATE SKIP LOCKED`` and re-check ``status=pending``; expiry and shipments move by conditional
UPDATEs), and the beat's periodic ``customs_tick`` delivers everything due even if no trigger ever arrived.

Broker: ``HAITAO_BROKER_URL`` (``amqp://user:pass@host:5672//`` for RabbitMQ, or ``redis://…``);
queue ``HAITAO_BROKER_QUEUE`` (default ``haitao``).
Unset — the demo and the tests — tasks run eagerly in-process (``customs_tick.delay()`` runs it right
here) and :func:`enqueue_after_commit` does nothing: the plain ``haitao worker`` loop sweeps instead.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
logger = logging.getLogger(__name__)

CUSTOMS_TICK_SECONDS = 5.0
EXPIRE_ORDERS_SECONDS = 60.0
SEARCH_REFRESH_SECONDS = 300.0

app = Celery("haitao")


def configure(broker_url: str | None = None, queue: str | None = None) -> None:
    """(Re)configure :data:`app` for ``broker_url`` (default ``HAITAO_BROKER_URL``; empty → eager) and
    ``queue`` (default ``HAITAO_BROKER_QUEUE``, else ``haitao``: one queue per deployment on a broker)."""
    broker_url = (os.environ.get("HAITAO_BROKER_URL", "") if broker_url is None else broker_url).strip()
    queue = queue or os.environ.get("HAITAO_BROKER_QUEUE", "").strip() or "haitao"
    app.close()  # drop pooled connections made for a previous broker
    app.__dict__.pop("amqp", None)  # and the queues/routes cached for a previous queue
    app.conf.update(
        broker_url=broker_url or "memory://localhost/",
        task_always_eager=not broker_url,
        task_eager_propagates=True,
        task_ignore_result=True,  # nobody waits for a result: the effect is in the database
        task_acks_late=True,  # a worker killed mid-task leaves the message for another worker
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=4,
        task_default_queue=queue,
        timezone="UTC",
        worker_hijack_root_logger=False,
        beat_schedule={
            # A tick nobody ran before the next one was due is dropped, not queued behind it.
            "customs-tick": {"task": "haitao.customs_tick", "schedule": timedelta(seconds=CUSTOMS_TICK_SECONDS),
                             "options": {"expires": CUSTOMS_TICK_SECONDS}},
            "expire-orders": {"task": "haitao.expire_orders", "schedule": timedelta(seconds=EXPIRE_ORDERS_SECONDS),
                              "options": {"expires": EXPIRE_ORDERS_SECONDS}},
            "search-refresh": {"task": "haitao.search_refresh", "schedule": timedelta(seconds=SEARCH_REFRESH_SECONDS),
                               "options": {"expires": SEARCH_REFRESH_SECONDS}},
        },
    )


def broker_configured() -> bool:
    return not app.conf.task_always_eager


configure()


@app.task(name="haitao.customs_tick", acks_late=True)
def customs_tick() -> dict[str, int]:
    """One pass of the customs worker: declare, deliver the outbox, (demo) simulate, receipts, shipments;
    the payment companies' customs pushes and customs' payment-data requests."""
    from haitao.declarations.payment_data import payment_data_tick
    from haitao.declarations.worker import worker_tick
    from haitao.payments.worker import payments_tick

    return _log("customs_tick", {**worker_tick(), **payments_tick(), **payment_data_tick()})


@app.task(name="haitao.expire_orders", acks_late=True)
def expire_orders() -> dict[str, int]:
    from haitao.orders.services import expire_unpaid

    return _log("expire_orders", {"expired": expire_unpaid()})


@app.task(name="haitao.declare_paid", acks_late=True)
def declare_paid() -> dict[str, int]:
    """Build the customs documents of the queued paid orders, then deliver them: the work the payment
    callback leaves out of its transaction (its "declare" outbox row is the record; this is the trigger)."""
    from haitao.declarations import outbox, services

    return _log("declare_paid", {"declared": services.declare_queued(), **outbox.deliver_due()})


@app.task(name="haitao.search_refresh", acks_late=True)
def search_refresh() -> dict[str, int]:
    """Units sold and availability on the search documents, for stock moved without an event (bulk
    updates, imports); order events refresh their own SKUs at once (catalog.search.freshness)."""
    from haitao.catalog.search.freshness import refresh

    return _log("search_refresh", {"search_documents": refresh()})


@app.task(name="haitao.deliver_outbox", acks_late=True)
def deliver_outbox() -> dict[str, int]:
    """Deliver the due outbox rows now (sent right after an order is paid, not to wait for the tick)."""
    from haitao.declarations import outbox

    return _log("deliver_outbox", outbox.deliver_due())


def _log(name: str, counts: dict[str, int]) -> dict[str, int]:
    busy = {k: v for k, v in counts.items() if v}
    if busy:
        logger.info("%s: %s", name, ", ".join(f"{k} {v}" for k, v in busy.items()))
    return counts


def enqueue_after_commit(task, *args, **kwargs) -> bool:
    """Send ``task`` once the current transaction commits (at once outside one; never if it rolls back),
    so the task never looks for rows that are not committed yet. Without a broker this does nothing
    (returns False): the periodic sweep does the work. A broker that cannot be reached is logged,
    never raised — the transaction has committed and the rows will be swept anyway."""
    if not broker_configured():
        return False
    from django.db import transaction

    def send() -> None:
        try:
            task.apply_async(args, kwargs, retry=False)
        except Exception as exc:  # noqa: BLE001 - a trigger, not the record: the sweep covers it
            logger.warning("could not enqueue %s (the periodic sweep will do it): %s", task.name, exc)

    transaction.on_commit(send, robust=True)
    return True


def deliver_soon(event) -> None:
    """After an order's declarations commit (OrderDeclared): a broker, if configured, delivers them at
    once instead of waiting for the next tick."""
    enqueue_after_commit(deliver_outbox)


def declare_soon(event) -> None:
    """After a payment commits (OrderPaid): a broker, if configured, builds its declarations at once
    instead of waiting for the next tick."""
    enqueue_after_commit(declare_paid)
