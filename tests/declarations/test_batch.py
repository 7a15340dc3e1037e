"""The declaration worker in batches (issue 15): many queued paid orders declared in one transaction
with a few set-based statements, each exactly once; an order whose message the customs XSD refuses
is kept back as ``build_failed`` without holding the others; a worker killed mid-batch loses
nothing and declares nothing twice; the outbox is delivered in batches too."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import haitao
from haitao.customs import SchemaError, validate
from haitao.declarations import outbox
from haitao.declarations import services as declarations
from haitao.declarations.models import Declaration, DeclareTask, OutboxMessage, Shipment, TrackingEvent
from haitao.orders import services as orders
from haitao.orders.models import OrderEvent, OrderLine
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f

from .conftest import BUYER_ID, consignee
from .test_outbox import _database_url

THREE = {"CEB311", "CEB411", "CEB511"}


@pytest.fixture
def paid(shop):
    """paid(n) → n paid orders of one buyer, each with its pending "declare" task, none declared yet."""
    buyer = f.customer()

    def make(n):
        out = []
        for _ in range(n):
            order, _ = orders.place_order(buyer, orders.PlaceOrder(
                brand=shop, items=[("APT3", 1)], consignee=consignee(), buyer_name="张三", buyer_id_number=BUYER_ID,
                risk_notice_accepted=True))
            payment = payments.start(order)
            assert payments.handle_callback("sandbox", *SandboxProvider().callback_for(payment)) == "paid"
            out.append(order)
        return out

    return make


def _declared_once(order) -> None:
    order.refresh_from_db()
    assert order.status == Status.DECLARED
    assert sorted(order.declarations.values_list("message_type", flat=True)) == sorted(THREE)
    assert Shipment.objects.filter(order=order).count() == 1
    assert TrackingEvent.objects.filter(shipment__order=order, code="created").count() == 1
    assert OrderEvent.objects.filter(order=order, event="declare").count() == 1
    assert OutboxMessage.objects.filter(declaration__order=order).count() == 3
    for decl in order.declarations.all():
        validate(decl.xml.encode("utf-8"))  # what is stored is what the XSD accepts


@pytest.mark.django_db
def test_a_batch_declares_every_order_once_with_a_few_statements(paid):
    batch = paid(5)
    with CaptureQueriesContext(connection) as declaring:
        assert declarations.declare_queued() == 5
    statements = [q["sql"] for q in declaring.captured_queries if "SAVEPOINT" not in q["sql"]]
    print(f"\ndeclaring 5 orders: {len(statements)} statements")
    # One order alone took 16; the batch reads and writes set-based, whatever its size.
    assert len(statements) <= 20, statements
    for order in batch:
        _declared_once(order)
    assert set(DeclareTask.objects.values_list("status", flat=True)) == {DeclareTask.Status.DONE}
    assert declarations.declare_queued() == 0


@pytest.mark.django_db
def test_an_order_the_xsd_refuses_is_kept_back_and_the_batch_goes_on(paid):
    good, bad, other = paid(3)
    OrderLine.objects.filter(order=bad).update(title="")  # itemName has minLength 1 in the customs XSD
    assert declarations.declare_queued() == 3
    for order in (good, other):
        _declared_once(order)
    bad.refresh_from_db()
    assert bad.status == Status.PAID  # the payment stands; the operator sees the failed build
    failed = Declaration.objects.get(order=bad)
    assert failed.status == Declaration.Status.BUILD_FAILED and "itemName" in failed.last_error
    assert not OutboxMessage.objects.filter(declaration__order=bad).exists()
    assert DeclareTask.objects.get(order=bad).status == DeclareTask.Status.DONE


@pytest.mark.django_db
def test_the_xsd_check_is_real_an_invalid_message_is_refused(paid):
    order, = paid(1)
    assert declarations.declare_queued() == 1
    good = order.declarations.get(message_type="CEB311").xml.encode("utf-8")
    validate(good)
    for bad in (good.replace(b"<ceb:orderType>I</ceb:orderType>", b"<ceb:orderType>IX</ceb:orderType>", 1),
                good.replace(b"<ceb:appType>1</ceb:appType>", b"", 1),
                good.replace(b"</ceb:OrderHead>", b"<ceb:surprise>1</ceb:surprise></ceb:OrderHead>", 1)):
        assert bad != good
        with pytest.raises(SchemaError) as info:
            validate(bad)
        assert info.value.errors and all(e.startswith("line ") for e in info.value.errors)


KILL_MID_BATCH = """
import os, django
django.setup()
from haitao.declarations import services
real = services.write_plans
def killed(plans, now):
    real(plans, now)
    assert len(plans) == 3
    os._exit(9)   # killed with the whole batch written, before it commits
services.write_plans = killed
services.declare_queued()
"""


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_nothing_and_declares_once(paid):
    batch = paid(3)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "haitao.settings", "HAITAO_DATABASE_URL": _database_url()}
    root = Path(haitao.__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", KILL_MID_BATCH], env=env, cwd=root, capture_output=True, timeout=120)
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]
    for order in batch:
        order.refresh_from_db()
        assert order.status == Status.PAID and not order.declarations.exists()
    assert not Shipment.objects.exists()
    assert set(DeclareTask.objects.values_list("status", flat=True)) == {DeclareTask.Status.PENDING}
    assert declarations.declare_queued() == 3
    for order in batch:
        _declared_once(order)


@pytest.mark.django_db
def test_the_outbox_is_delivered_in_a_batch_once(paid, customs_env):
    batch = paid(3)
    assert declarations.declare_queued() == 3
    with CaptureQueriesContext(connection) as delivering:
        assert outbox.deliver_due() == {"sent": 9, "send_failed": 0}
    statements = [q["sql"] for q in delivering.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) <= 6, statements  # one order's three rows took nine before
    assert outbox.deliver_due() == {"sent": 0, "send_failed": 0}
    files = sorted(p.name for p in (customs_env / "outbox").glob("*.xml"))
    assert files == sorted(OutboxMessage.objects.values_list("filename", flat=True))
    assert set(Declaration.objects.filter(order__in=batch).values_list("status", flat=True)) == {"sent"}
