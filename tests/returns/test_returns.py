"""Returns after release, per line and quantity: windows (30 days to request, 45 to be back), the
operator's approve/receive/inspect, CEB625/CEB626, quota and tax given back, the refund."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from haitao.common.errors import Conflict, InvalidInput
from haitao.compliance import quota as quota_ledger
from haitao.compliance.models import QuotaEntry
from haitao.customs import parse, validate
from haitao.customs.simulator import SimulatorState
from haitao.declarations import config, services as declarations
from haitao.declarations.export import order_messages
from haitao.declarations.models import Declaration
from haitao.inventory.models import Stock
from haitao.orders.states import Status
from haitao.payments.models import Refund
from haitao.returns import services as returns
from haitao.returns.models import ReturnRequest

from .conftest import run_until

pytestmark = pytest.mark.django_db
D, R = Declaration, ReturnRequest


@pytest.fixture
def delivered(place_and_pay):
    """2 × APT3 (200.00) + 1 × SER1 (300.00), released and delivered."""
    order = place_and_pay([("APT3", 2), ("SER1", 1)])
    run_until(order, Status.DELIVERED)
    return order


def simulator_used() -> Decimal:
    state = SimulatorState.load(config.simulator_state_file())
    return sum((Decimal(v) for years in state.quota_used.values() for v in years.values()), Decimal(0))


def test_partial_return_end_to_end(delivered):
    order, customer = delivered, delivered.customer
    entry = QuotaEntry.objects.get(order=order)
    used_before = quota_ledger.used(entry.id_hash, entry.year)
    on_hand = Stock.objects.get(sku__code="APT3").on_hand
    apt3 = order.lines.get(sku__code="APT3")
    request = returns.request_return(customer, order, {apt3.gnum: 1}, "尺寸不合适")
    assert request.status == R.Status.REQUESTED
    line = request.lines.get()
    # One of two units: half of the line's dutiable value and tax; what the buyer paid for it.
    assert line.dutiable_value == apt3.dutiable_value / 2 and line.tax == apt3.tax_total / 2
    assert request.refund_amount == line.dutiable_value + line.tax
    order.refresh_from_db()
    assert order.status == Status.RETURN_REQUESTED

    returns.approve(request, "operator:ops")
    request.refresh_from_db()
    assert request.status == R.Status.DECLARED
    ceb625 = order.declarations.get(message_type=D.Type.RETURN)
    run_until(order, Status.RETURN_REQUESTED)  # CEB625 delivered, CEB626 399 applied
    request.refresh_from_db()
    assert request.customs_accepted_at and request.quota_released == line.dutiable_value
    assert request.tax_not_levied == line.tax
    assert quota_ledger.used(entry.id_hash, entry.year) == used_before - line.dutiable_value
    assert simulator_used() == used_before - line.dutiable_value  # customs and the ledger agree
    assert not Refund.objects.filter(order=order).exists()  # not before the goods are back

    returns.receive(request, "operator:ops", {apt3.gnum: "sellable"})
    request.refresh_from_db()
    order.refresh_from_db()
    assert (request.status, order.status) == (R.Status.COMPLETED, Status.RETURNED)
    assert [r.amount for r in Refund.objects.filter(order=order)] == [request.refund_amount]
    assert Stock.objects.get(sku__code="APT3").on_hand == on_hand + 1  # back in the owner's bonded stock
    # The exported CEB625 validates and agrees with its order and declared list.
    ceb625.refresh_from_db()
    assert ceb625.status == D.Status.ACCEPTED
    xml = order_messages(order)["CEB625"]
    validate(xml)
    refund_msg = parse(xml).refunds[0]
    invt = order.declarations.get(message_type=D.Type.INVENTORY)
    listed = {i.gnum: i for i in parse(invt.xml.encode()).inventories[0].items}
    assert (refund_msg.head.orderNo, refund_msg.head.invtNo) == (order.number, invt.invt_no)
    assert [(i.gnum, i.qty, i.gcode, i.gname) for i in refund_msg.items] == [
        (apt3.gnum, Decimal(1), listed[apt3.gnum].gcode, listed[apt3.gnum].gname)]
    view = returns.buyer_view(order)
    assert view["return"]["status"] == "completed" and view["can_return"] is False


def test_damaged_goods_go_to_quarantine_never_back_on_sale(delivered):
    ser1 = delivered.lines.get(sku__code="SER1")
    stock = Stock.objects.get(sku__code="SER1")
    request = returns.request_return(delivered.customer, delivered, {ser1.gnum: 1}, "瓶子破损")
    returns.receive(returns.approve(request, "operator:ops"), "operator:ops", {ser1.gnum: "damaged"})
    after = Stock.objects.get(pk=stock.pk)
    assert (after.on_hand, after.quarantined) == (stock.on_hand, stock.quarantined + 1)


def test_request_window_is_30_days_from_release(delivered):
    released = declarations.released_at(delivered)
    gnum = delivered.lines.first().gnum
    with pytest.raises(Conflict) as late:
        returns.request_return(delivered.customer, delivered, {gnum: 1}, "late", now=released + timedelta(days=30, minutes=1))
    body = late.value.as_dict()
    assert body["code"] == "return_window_closed" and "30" in body["message_zh"] and "30 days" in body["message"]
    request = returns.request_return(delivered.customer, delivered, {gnum: 1}, "just in time",
                                     now=released + timedelta(days=29, hours=23))
    assert request.status == R.Status.REQUESTED


def test_approval_after_30_days_lapses_the_return(delivered):
    released = declarations.released_at(delivered)
    request = returns.request_return(delivered.customer, delivered, {1: 1}, "slow operator",
                                     now=released + timedelta(days=29))
    returns.approve(request, "operator:ops", now=released + timedelta(days=31))
    request.refresh_from_db()
    delivered.refresh_from_db()
    assert (request.status, request.error_code, delivered.status) == (R.Status.REFUSED, "return_window_closed",
                                                                      Status.DELIVERED)
    assert not delivered.declarations.filter(message_type=D.Type.RETURN).exists()


def test_goods_must_be_back_within_45_days(delivered):
    released = declarations.released_at(delivered)
    request = returns.approve(returns.request_return(delivered.customer, delivered, {1: 1}, "x"), "operator:ops")
    with pytest.raises(Conflict) as late:
        returns.receive(request, "operator:ops", {1: "sellable"}, now=released + timedelta(days=45, minutes=1))
    assert late.value.code == "return_goods_late" and "45" in late.value.as_dict()["message_zh"]
    returns.receive(request, "operator:ops", {1: "sellable"}, now=released + timedelta(days=44))


def test_return_before_release_is_refused(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    with pytest.raises(Conflict) as early:
        returns.request_return(order.customer, order, {1: 1}, "x")
    assert early.value.code == "return_before_release"


def test_quantities_are_checked(delivered):
    for quantities, code in (({1: 3}, "return_quantity_invalid"), ({9: 1}, "unknown_line"), ({}, "empty_return"),
                             ({1: 0}, "empty_return"), ({1: "1"}, "return_quantity_invalid")):
        with pytest.raises(InvalidInput) as bad:
            returns.request_return(delivered.customer, delivered, quantities, "x")
        assert bad.value.code == code and bad.value.as_dict()["message_zh"]


def test_one_return_per_order(delivered):
    returns.request_return(delivered.customer, delivered, {1: 1}, "x")
    with pytest.raises(Conflict) as again:
        returns.request_return(delivered.customer, delivered, {2: 1}, "y")
    assert again.value.code == "return_exists"


def test_customs_refusing_the_ceb625_closes_the_return(delivered):
    request = returns.approve(returns.request_return(delivered.customer, delivered, {1: 1}, "x"), "operator:ops")
    decl = delivered.declarations.get(message_type=D.Type.RETURN)
    declarations.receive_record("CEB626", "F" * 36, 0, decl, return_status="100",
                                return_info="-625004:退货申请单申报失败，[超过30天]", code="-625004")
    request.refresh_from_db()
    delivered.refresh_from_db()
    assert (request.status, request.error_code, delivered.status) == (R.Status.CUSTOMS_REFUSED, "-625004",
                                                                      Status.DELIVERED)
    assert "30" in request.message and not Refund.objects.filter(order=delivered).exists()
