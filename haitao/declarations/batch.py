"""Declaring the queued paid orders (the payment callbacks' "declare" outbox rows) in batches.

One transaction per batch of up to ``limit`` tasks (issue 15: the per-order transaction cost some
16 statements and most of the worker's CPU per order):

1. claim the due tasks with ``FOR UPDATE SKIP LOCKED`` (another worker takes the next ones);
2. lock their orders (in id order) and re-check them: paid, no declaration yet;
3. read their lines, SKUs, merchants, allocated stock and payments in a few set-based queries;
4. build and validate each order's CEB311/411/511 (an order whose data cannot make a valid
   message gets its ``build_failed`` declaration for the operator, as before);
5. write shipments, tracking events, declarations, outbox rows, the orders' move to ``declared``
   with their audit events, and mark the tasks done: one bulk statement each (the writes are
   :mod:`.services`', as every write of this app).

Crash-safe and exactly once as before: a worker killed mid-batch rolls the whole batch back (tasks
stay pending, nothing was written) and the next pass builds it again; a task is claimed by one
worker, an order is re-checked under its lock, and (order, message type) is unique. A batch that
fails for any other reason (a database error, one bad row) is retried task by task, each in its own
transaction with its own backoff, so one bad order never holds the others back.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from haitao.orders.models import Order
from haitao.orders.states import Status

from . import config, mapping, services
from .models import Declaration, DeclareTask

logger = logging.getLogger(__name__)


def declare_queued(limit: int = 100, now=None) -> int:
    """Declare the orders of up to ``limit`` due tasks; returns how many orders it declared."""
    now = now or timezone.now()
    due = list(DeclareTask.objects.filter(status=DeclareTask.Status.PENDING, next_attempt_at__lte=now)
               .order_by("id").values_list("id", flat=True)[:limit])
    if not due:
        return 0
    if len(due) > 1:
        try:
            return declare_batch(due, now)
        except Exception as exc:  # noqa: BLE001 - rolled back whole; each task is retried on its own below
            logger.warning("declaring a batch of %s tasks failed, declaring them one by one: %s", len(due), exc)
    return sum(_declare_one(task_id, now) for task_id in due)


def declare_batch(task_ids: list[int], now) -> int:
    """Steps 1-5 above in one transaction; raises (having written nothing) if any step fails."""
    with transaction.atomic():
        tasks = list(DeclareTask.objects.select_for_update(skip_locked=True)
                     .filter(pk__in=task_ids, status=DeclareTask.Status.PENDING).order_by("id"))
        if not tasks:
            return 0  # other workers have them, or had them
        order_ids = [task.order_id for task in tasks]
        locked = list(Order.objects.select_for_update(of=("self",)).select_related("seller", "warehouse")
                      .filter(pk__in=order_ids).order_by("pk"))
        declared = set(Declaration.objects.filter(order_id__in=order_ids).values_list("order_id", flat=True))
        todo = [order for order in locked if order.status == Status.PAID and order.pk not in declared]
        mapping.preload(todo)
        plans = []
        for order in todo:
            try:
                plans.append(services.plan(order, now))
            except services.BUILD_ERRORS as exc:  # the payment stands; the operator sees and retries it
                logger.warning("order %s cannot be declared: %s", order.number, exc)
                services.build_failed(order, Declaration.Type.ORDER, Declaration.Sender.PLATFORM, config.platform(),
                                      exc)
        services.write_plans(plans, now)
        services.tasks_done([task.pk for task in tasks])
    return len(todo)


def _declare_one(task_id: int, now) -> int:
    """One task in a transaction of its own; a failure is recorded on the task, which backs off."""
    try:
        with transaction.atomic():
            task = (DeclareTask.objects.select_for_update(skip_locked=True)
                    .filter(pk=task_id, status=DeclareTask.Status.PENDING).first())
            if task is None:
                return 0  # another worker has it, or had it
            order = Order.objects.select_for_update().get(pk=task.order_id)
            done = 0
            if order.status == Status.PAID and not order.declarations.exists():
                services.on_order_paid(order)
                done = 1
            services.tasks_done([task.pk])
            return done
    except Exception as exc:  # noqa: BLE001 - retried with backoff, never lost (the row stays pending)
        services.task_failed(task_id, exc, now)
        logger.warning("declaring the order of task %s failed (retried): %s", task_id, exc)
        return 0
