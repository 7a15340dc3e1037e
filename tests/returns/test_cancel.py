"""Cancellation after payment: at once before the list is declared, through CEB623/CEB624 after,
refused after release (→ a return); and the race of a cancellation against the release receipt."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection

from haitao.common.errors import Conflict
from haitao.compliance.models import QuotaEntry
from haitao.customs import parse, validate
from haitao.customs.simulator import SimulatorState
from haitao.declarations import config, services as declarations
from haitao.declarations.export import order_messages
from haitao.declarations.models import Declaration, Receipt
from haitao.inventory.models import Stock
from haitao.orders.states import Status
from haitao.payments.models import Refund
from haitao.returns import services as returns

from .conftest import run_until

pytestmark = pytest.mark.django_db
D = Declaration


def allocated(code="APT3"):
    return Stock.objects.get(sku__code=code).allocated


def test_paid_order_with_no_list_at_customs_cancels_at_once(place_and_pay):
    order = place_and_pay([("APT3", 2)])
    assert order.status == Status.DECLARED and allocated() == 2
    assert returns.cancel_order(order, "customer", "changed my mind") == "cancelled"
    order.refresh_from_db()
    assert order.status == Status.CANCELLED and allocated() == 0
    assert QuotaEntry.objects.get(order=order).state == QuotaEntry.State.RELEASED
    assert [r.amount for r in Refund.objects.filter(order=order)] == [order.actual_paid]
    assert order.shipment.status == "cancelled"
    assert not order.declarations.filter(message_type=D.Type.CANCEL).exists()


def test_declared_unreleased_order_is_cancelled_through_a_ceb623(place_and_pay):
    order = place_and_pay([("APT3", 2)])
    run_until(order, Status.CUSTOMS_ACCEPTED, hold=True)
    state = SimulatorState.load(config.simulator_state_file())
    assert sum(Decimal(v) for years in state.quota_used.values() for v in years.values()) == Decimal("400.00")
    assert returns.cancel_order(order, "operator:cs", "buyer called") == "cancel_requested"
    order.refresh_from_db()
    assert order.status == Status.CANCEL_REQUESTED and allocated() == 2  # customs decides first
    assert not Refund.objects.filter(order=order).exists()
    run_until(order, Status.CANCELLED, hold=True)
    cancel = order.declarations.get(message_type=D.Type.CANCEL)
    assert (cancel.status, cancel.return_status) == (D.Status.ACCEPTED, "399")
    assert allocated() == 0 and [r.amount for r in Refund.objects.filter(order=order)] == [order.actual_paid]
    assert QuotaEntry.objects.get(order=order).state == QuotaEntry.State.RELEASED
    assert all(Decimal(v) == 0 for years in SimulatorState.load(config.simulator_state_file()).quota_used.values()
               for v in years.values())  # customs gave the quota back too
    # The exported CEB623 is XSD-valid and names this order's declared list.
    xml = order_messages(order)["CEB623"]
    validate(xml)
    head = parse(xml).cancels[0]
    invt = order.declarations.get(message_type=D.Type.INVENTORY)
    assert (head.orderNo, head.invtNo, head.copNo) == (order.number, invt.invt_no, order.number)
    assert head.buyerIdNumber == order.buyer_id_number and head.reason == "buyer called"


def test_after_release_a_cancellation_is_refused_pointing_to_returns(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    run_until(order, Status.SHIPPED)  # released, and shipped in the same worker pass
    with pytest.raises(Conflict) as refused:
        returns.cancel_order(order, "customer")
    body = refused.value.as_dict()
    assert body["code"] == "order_released_use_return" and "退货" in body["message_zh"] and "return" in body["message"]
    order.refresh_from_db()
    assert order.status == Status.SHIPPED


def test_a_second_cancellation_waits_for_customs(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    run_until(order, Status.CUSTOMS_ACCEPTED, hold=True)
    returns.cancel_order(order, "customer")
    with pytest.raises(Conflict) as pending:
        returns.cancel_order(order, "customer")
    assert pending.value.code == "cancel_pending"


def _release(invt, tag: str):
    return declarations.receive_record("CEB622", tag.ljust(36, "0")[:36], 0, invt, return_status="800",
                                       return_info="放行", return_time="20261129120000000", invt_no=invt.invt_no)


def _refuse_cancel(order, tag: str):
    cancel_decl = order.declarations.get(message_type=D.Type.CANCEL)
    declarations.receive_record("CEB624", tag.ljust(36, "0")[:36], 0, cancel_decl, return_status="100",
                                return_info="-623005:清单的状态不符合撤单申报要求", code="-623005")
    cancel_decl.refresh_from_db()
    return cancel_decl


def test_release_first_then_cancel_is_refused(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    run_until(order, Status.CUSTOMS_ACCEPTED, hold=True)
    _release(order.declarations.get(message_type=D.Type.INVENTORY), "REL-FIRST")
    with pytest.raises(Conflict) as refused:
        returns.cancel_order(order, "customer")
    assert refused.value.code == "order_released_use_return"


def test_cancel_first_then_release_the_release_stands(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    run_until(order, Status.CUSTOMS_ACCEPTED, hold=True)
    assert returns.cancel_order(order, "customer") == "cancel_requested"
    assert _release(order.declarations.get(message_type=D.Type.INVENTORY), "REL-SECOND") == "released"
    order.refresh_from_db()
    assert order.status == Status.RELEASED
    assert _refuse_cancel(order, "ANS-SECOND").status == D.Status.REJECTED
    order.refresh_from_db()
    assert order.status == Status.RELEASED and not Refund.objects.filter(order=order).exists()
    assert allocated() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(4))
def test_cancellation_racing_the_release_receipt_is_decided_one_way(place_and_pay, round_):
    """A buyer cancels while the CEB622 800 is being applied. Whichever commits first on the order row
    wins, and the release always stands: never refunded and released, never stock both freed and shipped.
    (PostgreSQL: the order row lock decides; SQLite: its IMMEDIATE transactions serialise the two.)"""
    order = place_and_pay([("APT3", 1)])
    run_until(order, Status.CUSTOMS_ACCEPTED, hold=True)
    invt = order.declarations.get(message_type=D.Type.INVENTORY)
    barrier, outcome = threading.Barrier(2), {}

    def cancel():
        barrier.wait()
        try:
            outcome["cancel"] = returns.cancel_order(order, "customer")
        except Conflict as exc:
            outcome["cancel"] = exc.code
        finally:
            connection.close()

    def release():
        barrier.wait()
        try:
            outcome["release"] = declarations.receive_record(
                "CEB622", f"RACE-{round_}-{order.pk}".ljust(36, "0")[:36], 0, invt, return_status="800",
                return_info="放行", return_time="20261129120000000", invt_no=invt.invt_no)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel), threading.Thread(target=release)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    order.refresh_from_db()
    assert order.status == Status.RELEASED, outcome
    assert outcome["cancel"] in ("cancel_requested", "order_released_use_return")
    if outcome["cancel"] == "cancel_requested":  # customs, having released, refuses the CEB623
        cancel_decl = order.declarations.get(message_type=D.Type.CANCEL)
        declarations.receive_record("CEB624", f"ANS-{round_}-{order.pk}".ljust(36, "0")[:36], 0, cancel_decl,
                                    return_status="100", return_info="-623005:清单的状态不符合撤单申报要求",
                                    code="-623005")
        cancel_decl.refresh_from_db()
        assert cancel_decl.status == D.Status.REJECTED and "退货" in cancel_decl.buyer_message
    order.refresh_from_db()
    assert order.status == Status.RELEASED
    assert not Refund.objects.filter(order=order).exists()
    assert allocated() == 1 and QuotaEntry.objects.get(order=order).state == QuotaEntry.State.COMMITTED
    assert Receipt.objects.filter(declaration=invt, return_status="800").count() == 1
