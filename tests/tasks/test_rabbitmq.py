"""On a real RabbitMQ: a Celery worker (in a thread of this process, so it shares the test database)
consumes a queue of its own; tasks sent to it change the database within a bounded wait. CI starts
RabbitMQ (.ci/run): an unreachable broker is a failure here, never a skip."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections, transaction
from kombu import Connection

from haitao import tasks
from haitao.declarations.models import OutboxMessage

AMQP_URL = os.environ.get("HAITAO_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
WAIT_SECONDS = 15

pytestmark = pytest.mark.django_db(transaction=True)  # the worker thread must see committed rows


def _close_worker_connections(sender=None, **kwargs):
    """What Celery's Django fixup does in a real worker: no connection outlives the task (else the
    test database could not be flushed or dropped while the worker thread holds one)."""
    if not getattr(sender.request, "is_eager", False):
        connections.close_all()


@pytest.fixture
def rabbitmq_worker():
    """A Celery worker on RabbitMQ consuming a fresh queue; yields the queue's name."""
    try:
        with Connection(AMQP_URL, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"RabbitMQ is not reachable at {AMQP_URL}: {exc!r}. Start it with `rabbitmq-server -detached` "
                    "(.ci/run does) or point HAITAO_TEST_AMQP_URL at one.")
    queue = f"haitao-test-{uuid.uuid4().hex[:12]}"
    tasks.configure(AMQP_URL, queue)  # what .delay() and enqueue_after_commit send to
    task_postrun.connect(_close_worker_connections)
    try:
        # without_heartbeat=False: the heartbeat's timer wakes the worker's event loop every 2 s, so
        # it notices the shutdown (without it the loop sleeps in poll() until a message arrives).
        with start_worker(tasks.app, pool="solo", queues=[queue], perform_ping_check=False,
                          without_heartbeat=False, shutdown_timeout=10):
            yield queue
    finally:
        task_postrun.disconnect(_close_worker_connections)
        with Connection(AMQP_URL, connect_timeout=3) as conn:
            tasks.app.amqp.queues[queue].bind(conn.default_channel).delete()
        tasks.configure()


def wait_until(check, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {WAIT_SECONDS}s over RabbitMQ: {what}")


def pending(order) -> int:
    return OutboxMessage.objects.filter(declaration__order=order, status="pending").count()


def test_customs_tick_over_rabbitmq_moves_the_order_forward(rabbitmq_worker, place_and_pay):
    order = place_and_pay([("APT3", 2)])
    # The payment's after-commit trigger (haitao.declare_paid) reaches this worker and builds the three
    # declarations (and may send them) in its own time — so the test waits for them, and no "3 pending".
    wait_until(lambda: order.declarations.count() == 3, "declare_paid: the paid order's three declarations built")
    tasks.customs_tick.delay()
    wait_until(lambda: order.declarations.filter(status="accepted").count() == 3,
               "customs_tick: CEB311/411/511 sent and accepted")


def test_deliver_outbox_sent_after_the_commit_over_rabbitmq(rabbitmq_worker, place_and_pay):
    """The hook on_order_paid gets: the trigger leaves when the payment's transaction commits."""
    with transaction.atomic():
        order = place_and_pay([("APT3", 1)])
        assert tasks.enqueue_after_commit(tasks.deliver_outbox) is True
        time.sleep(0.5)
        assert pending(order) == 3  # nothing sent yet: the rows are not committed
    wait_until(lambda: pending(order) == 0, "deliver_outbox: the order's 3 outbox rows delivered")


def test_a_paid_order_is_declared_over_rabbitmq_once_the_callback_commits(rabbitmq_worker, shop):
    """Issue 15: the callback only queues; OrderPaid's after-commit trigger sends haitao.declare_paid,
    which builds CEB311/411/511 from the outbox row and delivers them (no beat runs in this test)."""
    from haitao.declarations.models import DeclareTask
    from haitao.orders import services as orders
    from haitao.payments import services as payments
    from haitao.payments.providers import SandboxProvider
    from tests import factories as f
    from tests.declarations.conftest import BUYER_ID, consignee

    order, _ = orders.place_order(f.customer(), orders.PlaceOrder(
        brand=shop, items=[("APT3", 1)], consignee=consignee(), buyer_name="张三", buyer_id_number=BUYER_ID,
        risk_notice_accepted=True))
    payment = payments.start(order)
    assert payments.handle_callback("sandbox", *SandboxProvider().callback_for(payment)) == "paid"
    wait_until(lambda: order.declarations.count() == 3 and pending(order) == 0,
               "declare_paid: the paid order's documents built and delivered")
    assert DeclareTask.objects.get(order=order).status == DeclareTask.Status.DONE
