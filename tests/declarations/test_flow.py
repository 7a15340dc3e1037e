"""Paid order → declared → accepted → released → shipped → delivered through the simulator, and a
customs refusal → refund, quota and stock released; all by worker passes, no manual step."""

from __future__ import annotations

from decimal import Decimal

import pytest

from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.customs import SimulatorConfig, check_three_documents, parse, validate, verify
from haitao.declarations import services
from haitao.declarations.config import signer
from haitao.declarations.models import Declaration, OutboxMessage, Receipt, Shipment
from haitao.declarations.worker import default_simulator_config, worker_tick
from haitao.inventory.models import Stock
from haitao.orders.states import Status
from haitao.payments.models import Payment

pytestmark = pytest.mark.django_db
D = Declaration


def run_worker(order, until: str, sim: SimulatorConfig | None = None, max_ticks: int = 8) -> list[dict]:
    passes = []
    for _ in range(max_ticks):
        passes.append(worker_tick(simulator_config=sim))
        order.refresh_from_db()
        if order.status == until:
            return passes
    raise AssertionError(f"order stuck in {order.status} after {max_ticks} passes: {passes}")


def messages_of(order) -> dict[str, object]:
    return {d.message_type: parse(d.xml.encode()) for d in order.declarations.exclude(xml="")}


def test_payment_declares_the_order_in_its_transaction(place_and_pay):
    order = place_and_pay([("APT3", 2)])
    assert order.status == Status.DECLARED
    decls = {d.message_type: d for d in order.declarations.all()}
    assert set(decls) == {"CEB311", "CEB411", "CEB511"}  # CEB621 waits for the three to be accepted
    assert {d.status for d in decls.values()} == {D.Status.QUEUED}
    assert (decls["CEB411"].sender_role, decls["CEB411"].sender_code) == ("payment", "312226T001")
    assert decls["CEB511"].sender_role == "carrier"
    assert OutboxMessage.objects.filter(declaration__order=order, status="pending").count() == 3
    for d in decls.values():
        validate(d.xml.encode())
        assert d.outbox.filename == f"{d.message_type}_{order.number}_{d.message_guid}.xml"
    msgs = messages_of(order)
    head = msgs["CEB311"].orders[0].head
    assert (head.goodsValue, head.taxTotal, head.acturalPaid) == (Decimal("400.00"), Decimal("36.40"), Decimal("436.40"))
    assert head.buyerIdNumber == "11010519491231002X" and head.consigneeAddress == "浙江省杭州市西湖区文三路 100 号"
    assert msgs["CEB311"].orders[0].items[0].country == "304"  # DE
    assert check_three_documents(msgs["CEB311"], msgs["CEB411"], msgs["CEB511"]) == []
    shipment = Shipment.objects.get(order=order)
    assert msgs["CEB511"].waybills[0].head.logisticsNo == shipment.waybill_no
    assert shipment.weight_kg == Decimal("2.0")  # 2 × 1.0 kg gross
    # The stored XML holds the ID number, so the column is encrypted (docs/rules.md, invariant 6).
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT xml FROM declarations_declaration WHERE id = %s", [decls["CEB311"].id])
        assert "11010519491231002X" not in cur.fetchone()[0]


def test_worker_takes_a_bonded_order_to_delivered(place_and_pay):
    order = place_and_pay([("APT3", 2), ("SER1", 1)])
    stock = Stock.objects.get(sku__code="APT3")
    passes = run_worker(order, Status.DELIVERED)
    # pass 1: 311/411/511 sent and accepted, 621 queued; 2: 621 sent, released, shipped; 3: delivered
    assert [(p["sent"], p["parcels_shipped"], p["parcels_delivered"]) for p in passes] == [(3, 0, 0), (1, 1, 0), (0, 0, 1)]
    events = list(order.events.values_list("event", flat=True))
    assert events == ["place", "pay", "declare", "customs_accept", "release", "ship", "deliver"]
    invt = Declaration.objects.get(order=order, message_type="CEB621")
    assert invt.status == D.Status.RELEASED and invt.invt_no and invt.tax_bill["lines"]
    xml = invt.xml.encode()
    assert verify(xml, signer().cert_pem)
    head = parse(xml).inventories[0].head
    assert (head.tradeMode, head.emsNo, head.areaCode, head.country) == ("1210", "T2991W000001", "3301W60001", "142")
    assert head.trafNo is None and head.billNo is None
    assert {i.itemRecordNo for i in parse(xml).inventories[0].items} == {
        f"IR{Stock.objects.get(sku__code=c).sku_id:06d}" for c in ("APT3", "SER1")}
    stock.refresh_from_db()
    assert (stock.on_hand, stock.allocated) == (48, 0)  # consumed when shipped
    shipment = order.shipment
    assert shipment.status == Shipment.Status.DELIVERED
    assert [e.code for e in shipment.events.all()] == ["created", "released", "shipped", "delivered"]
    view = services.buyer_view(order)
    assert [s for s, _ in view["history"]][-5:] == ["declared", "customs_accepted", "released", "shipped", "delivered"]
    assert view["waybill"]["number"] == shipment.waybill_no and not view["customs_explanation"]
    assert Receipt.objects.filter(declaration__order=order).count() == 6  # 312, 412, 512, 622 120 + 800, 816
    assert not Receipt.objects.filter(declaration=None).exists()


def test_direct_mail_order_carries_flight_and_master_bill(place_and_pay):
    order = place_and_pay([("VIT9", 1)])
    assert order.mode == "9610"
    run_worker(order, Status.SHIPPED)
    msgs = messages_of(order)
    head = msgs["CEB621"].inventories[0].head
    assert head.tradeMode == "9610" and head.emsNo is None and head.areaCode is None
    assert head.trafMode == "5" and head.trafNo == "HT9610" and head.voyageNo == head.declTime
    assert head.billNo == msgs["CEB511"].waybills[0].head.billNo == f"HT9610-{head.declTime}"
    assert head.country == "601" and msgs["CEB621"].inventories[0].items[0].itemRecordNo is None
    assert check_three_documents(msgs["CEB311"], msgs["CEB411"], msgs["CEB511"], msgs["CEB621"]) == []


def _assert_refunded_and_released(order, quota_before: Decimal):
    order.refresh_from_db()
    assert order.status == Status.REFUNDED
    assert list(order.events.values_list("event", flat=True))[-2:] == ["customs_reject", "refund"]
    assert order.payments.get().status == Payment.Status.REFUNDED
    refund = order.refunds.get()  # through payments.refund, keyed so a redelivered rejection refunds once
    assert (refund.key, refund.amount, refund.status) == ("customs-rejection", order.actual_paid, "succeeded")
    assert refund.reason.startswith("customs rejection ")
    assert QuotaEntry.objects.get(order=order).state == QuotaEntry.State.RELEASED
    assert QuotaAccount.objects.get(id_hash=order.buyer_id_hash).used == quota_before
    assert Stock.objects.get(sku__code="APT3").allocated == 0
    assert order.shipment.status == Shipment.Status.CANCELLED


def test_rejected_inventory_list_refunds_and_releases(place_and_pay):
    order = place_and_pay([("APT3", 3)])
    assert QuotaAccount.objects.get(id_hash=order.buyer_id_hash).committed == Decimal("600.00")
    sim = SimulatorConfig(**{**default_simulator_config().__dict__, "reject_all_inventory": True,
                             "rejection_code": "-621005", "rejection_info": "清单的购买金额超过单笔限额"})
    run_worker(order, Status.REFUNDED, sim)
    _assert_refunded_and_released(order, Decimal("0.00"))
    invt = Declaration.objects.get(order=order, message_type="CEB621")
    assert (invt.status, invt.error_code) == (D.Status.REJECTED, "-621005")
    assert "单笔" in invt.buyer_message and "refunded" in invt.buyer_message_en
    view = services.buyer_view(order)
    assert view["status"] == "refunded" and view["customs_explanation"] == invt.buyer_message
    assert "-621005" in order.events.get(event="customs_reject").note


def test_rejected_order_message_refunds_before_any_list(place_and_pay, monkeypatch):
    order = place_and_pay([("APT3", 1)])
    monkeypatch.setenv("HAITAO_CUSTOMS_SIMULATOR_REJECT_ORDERS", order.number)
    run_worker(order, Status.REFUNDED)
    _assert_refunded_and_released(order, Decimal("0.00"))
    decl = Declaration.objects.get(order=order, message_type="CEB311")
    assert (decl.status, decl.error_code) == (D.Status.REJECTED, "-301008")
    assert not Declaration.objects.filter(order=order, message_type="CEB621").exists()
    worker_tick()  # later passes change nothing
    order.refresh_from_db()
    assert order.status == Status.REFUNDED


def test_out_of_order_receipts_never_move_backwards(place_and_pay):
    order = place_and_pay([("APT3", 1)])
    run_worker(order, Status.SHIPPED)
    invt = Declaration.objects.get(order=order, message_type="CEB621")
    # a late 120 for the list after its 800: the declaration stays released, the order too
    assert services.receive_record("CEB622", "LATE-120-GUID", 0, invt, return_status="120", return_info="x") \
        .startswith("accepted")
    invt.refresh_from_db()
    order.refresh_from_db()
    assert invt.status == D.Status.RELEASED and order.status == Status.SHIPPED
