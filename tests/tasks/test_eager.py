"""Without a broker (the demo, the tests): the tasks run in-process and do their job; the trigger
sent after a payment waits for the commit and, with no broker, is left to the periodic sweep."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from haitao import cli, tasks
from haitao.declarations.models import OutboxMessage
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status
from tests import factories as f
from tests.declarations.conftest import BUYER_ID, consignee

pytestmark = pytest.mark.django_db


def test_configuration_without_a_broker_is_eager():
    assert not tasks.broker_configured() and tasks.app.conf.task_always_eager
    for task in (tasks.customs_tick, tasks.expire_orders, tasks.deliver_outbox):
        assert task.acks_late is True and task.name in tasks.app.tasks
    beat = {e["task"]: (e["schedule"].total_seconds(), e["options"]["expires"])
            for e in tasks.app.conf.beat_schedule.values()}
    assert beat == {"haitao.customs_tick": (5.0, 5.0), "haitao.expire_orders": (60.0, 60.0),
                    "haitao.search_refresh": (300.0, 300.0)}


def test_configured_broker(monkeypatch):
    monkeypatch.setenv("HAITAO_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
    tasks.configure()
    assert tasks.broker_configured() and tasks.app.conf.broker_url.startswith("amqp://")
    assert tasks.app.conf.task_acks_late and tasks.app.conf.worker_prefetch_multiplier == 1


def test_customs_tick_moves_a_paid_order_forward(place_and_pay):
    order = place_and_pay([("APT3", 2)])
    assert order.status == Status.DECLARED
    counts = tasks.customs_tick.delay().get()  # eager: runs here, now
    assert (counts["sent"], counts["accepted"]) == (3, 3)
    assert dict(order.declarations.values_list("message_type", "status")) == {
        "CEB311": "accepted", "CEB411": "accepted", "CEB511": "accepted", "CEB621": "queued"}
    for _ in range(3):
        tasks.customs_tick.delay()
    order.refresh_from_db()
    assert order.status == Status.DELIVERED


def test_deliver_outbox_sends_the_due_rows(place_and_pay, customs_env):
    order = place_and_pay([("APT3", 1)])
    assert tasks.deliver_outbox.delay().get() == {"sent": 3, "send_failed": 0}
    assert not OutboxMessage.objects.filter(declaration__order=order, status="pending").exists()
    assert len(list((customs_env / "outbox").glob("CEB*.xml"))) == 3
    assert tasks.deliver_outbox.delay().get() == {"sent": 0, "send_failed": 0}  # nothing twice


def test_expire_orders_expires_unpaid_orders_past_their_deadline(shop):
    order, _ = orders.place_order(f.customer(), orders.PlaceOrder(
        brand=shop, items=[("APT3", 1)], consignee=consignee(), buyer_name="张三", buyer_id_number=BUYER_ID,
        risk_notice_accepted=True))
    assert tasks.expire_orders.delay().get() == {"expired": 0}
    Order.objects.filter(pk=order.pk).update(expires_at=order.expires_at - timedelta(days=1))
    assert tasks.expire_orders.delay().get() == {"expired": 1}
    order.refresh_from_db()
    assert order.status == Status.EXPIRED


class FakeTask:
    name = "fake"

    def __init__(self, fail=False):
        self.sent, self.fail = [], fail

    def apply_async(self, args, kwargs, **options):
        if self.fail:
            raise ConnectionRefusedError("broker down")
        self.sent.append((args, kwargs))


def test_enqueue_after_commit_does_nothing_without_a_broker(django_capture_on_commit_callbacks):
    task = FakeTask()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            assert tasks.enqueue_after_commit(task) is False
    assert callbacks == [] and task.sent == []


def test_enqueue_after_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    tasks.configure("memory://localhost/")
    task = FakeTask()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            assert tasks.enqueue_after_commit(task, 7, x=1) is True
            assert task.sent == []  # not before the rows it looks for are committed
    assert len(callbacks) == 1 and task.sent == [((7,), {"x": 1})]


def test_enqueue_after_commit_never_sends_for_a_rolled_back_transaction(django_capture_on_commit_callbacks):
    tasks.configure("memory://localhost/")
    task = FakeTask()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                tasks.enqueue_after_commit(task)
                raise RuntimeError("payment failed")
    assert callbacks == [] and task.sent == []


def test_an_unreachable_broker_is_logged_not_raised(django_capture_on_commit_callbacks, caplog):
    tasks.configure("memory://localhost/")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            tasks.enqueue_after_commit(FakeTask(fail=True))
    assert "periodic sweep will do it" in caplog.text


def test_a_lost_trigger_loses_nothing(place_and_pay):
    """The trigger goes to a broker nobody consumes (lost); the outbox rows still get delivered by the sweep."""
    tasks.configure("memory://localhost/")
    order = place_and_pay([("APT3", 1)])
    tasks.enqueue_after_commit(tasks.deliver_outbox)  # outside a transaction: sent at once, to nobody
    assert OutboxMessage.objects.filter(declaration__order=order, status="pending").count() == 3
    assert tasks.customs_tick.apply().get()["sent"] == 3  # what the beat's periodic tick does


def test_worker_command_without_a_broker_is_the_plain_loop(place_and_pay, capsys, monkeypatch):
    monkeypatch.setenv("HAITAO_DEMO", "1")  # outside the demo the worker refuses the test secrets
    order = place_and_pay([("APT3", 1)])
    assert cli.main(["worker", "--once"]) == 0
    assert "worker: sent 3, simulated 3, accepted 3" in capsys.readouterr().out
    assert order.declarations.get(message_type="CEB311").status == "accepted"
    assert cli.main(["worker", "--celery"]) == 2
    assert "--celery needs HAITAO_BROKER_URL" in capsys.readouterr().err


def test_worker_command_with_a_broker_runs_celery(monkeypatch):
    argvs = []
    monkeypatch.setenv("HAITAO_DEMO", "1")  # outside the demo the worker refuses the test secrets
    monkeypatch.setattr(tasks.app, "worker_main", argvs.append)
    monkeypatch.setenv("HAITAO_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
    tasks.configure()
    assert cli.main(["worker"]) == 0
    assert cli.main(["worker", "--no-beat", "--concurrency", "4"]) == 0
    with_beat, without = argvs
    assert with_beat[0] == "worker" and "--beat" in with_beat and "--concurrency=2" in with_beat
    assert any(a.startswith("--schedule=") and a.endswith("celerybeat-schedule") for a in with_beat)
    assert "--beat" not in without and "--concurrency=4" in without
