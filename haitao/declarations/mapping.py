"""Order → customs messages (CEB311/411/511/621, and CEB623/625 from the declared list). Reads
models, writes nothing.

The three-document identities (docs/rules.md, rule 11) hold by construction: every amount, name and
consignee field of the four documents is read from the one order row, and :func:`check` runs
:func:`haitao.customs.check_three_documents` on the result before anything is queued.

- ``freight`` of the order message is the order's freight plus insurance: the order head has no
  insurance field, and ``acturalPaid = goodsValue + freight + taxTotal − discount`` must hold. The
  waybill and the list carry them apart (``freight``, ``insuredFee``).
- The e-commerce enterprise (ebc) is the order's seller of record (issue 13: a purchase is split so
  that each customs order has one); the platform is only ever the ebp. An old order without a seller
  falls back to the merchant of its lines, and is refused when they disagree.
- ``buyerTelephone`` and the payer's ``telephone`` are the orderer's own phone (the account's), not the
  consignee's; only an account without one falls back to the consignee's phone given at checkout. It is
  frozen on the order at placement (``Order.buyer_phone``), so the account changing later changes nothing.
- ``qty1`` is in the legal first unit: kg (035) = net weight × quantity, litres (095) = net content in
  ml × quantity / 1000; other units count pieces. ``gmodel`` carries the brand, as the declaration
  elements (申报要素) ask.
- 1210 lists carry the warehouse's ``emsNo``/``areaCode``/``areaName`` and each line's
  ``itemRecordNo`` (of the stock row it was allocated from), country 142; 9610 lists carry the
  carrier's flight (``trafNo``), the flight date (``voyageNo``) and the master bill (``billNo``), and
  the departure country of the overseas warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from haitao.customs import (
    CEB311, CEB411, CEB511, CEB621, CEB623, CEB625, BaseTransfer, Inventory, InventoryHead, InventoryItem, InvtCancel,
    InvtRefund, InvtRefundHead, InvtRefundItem, Logistics, LogisticsHead, Order, OrderHead, OrderItem, Payment,
    PaymentHead, app_time, check_three_documents, decl_date,
)

from . import config
from .config import Carrier, Party
from .countries import customs_country


class MappingError(ValueError):
    """The order's data cannot make a valid declaration (an operator must fix the data)."""


@dataclass(frozen=True)
class Parcel:
    """What the carrier's waybill says: its number and the parcel's weights."""

    number: str
    gross_kg: Decimal
    net_kg: Decimal


def transfer(party: Party) -> BaseTransfer:
    return BaseTransfer(copCode=party.code, copName=party.name, dxpId=party.dxp_id)


def _lines(order) -> list:
    """The order's lines with SKU, merchant and allocated stock, read once per order object."""
    cached = getattr(order, "_customs_lines", None)
    if cached is None:
        cached = list(order.lines.select_related("sku", "merchant").prefetch_related("allocations__stock")
                      .order_by("gnum"))
        order._customs_lines = cached
    return cached


def enterprise(order, platform: Party) -> Party:
    """The seller of record: never the platform (rule 10)."""
    merchant = order.seller
    if merchant is None:
        merchants = {line.merchant for line in _lines(order)}
        if len(merchants) != 1:
            raise MappingError(f"order {order.number} has no single seller of record")
        merchant = merchants.pop()
    return Party(merchant.ebc_code, merchant.ebc_name, platform.dxp_id)


def parcel(order, carrier: Carrier) -> Parcel:
    lines = _lines(order)
    gross = sum((line.sku.gross_weight_kg * line.quantity for line in lines), Decimal(0))
    net = sum((line.sku.net_weight_kg * line.quantity for line in lines), Decimal(0))
    return Parcel(waybill_number(order, carrier), gross.normalize() if gross else Decimal(0), net.normalize())


def waybill_number(order, carrier: Carrier) -> str:
    """Unique per carrier (order numbers are unique), well within the spec's six-month rule."""
    return f"{carrier.code[-3:]}{order.number.removeprefix('HT')}"


def _buyer_phone(order) -> str:
    """The orderer's own phone as frozen on the order at placement (the account's, else the
    consignee's); an order from before that froze it falls back to the consignee's."""
    return order.buyer_phone or order.consignee_phone


def _district(order) -> str | None:
    code = order.consignee_district or ""
    return code if len(code) == 6 and code.isdigit() else None


def order_message(order, payment, platform: Party, pay_code: str, pay_name: str) -> CEB311:
    ebc = enterprise(order, platform)
    head = OrderHead(
        orderNo=order.number, ebpCode=platform.code, ebpName=platform.name, ebcCode=ebc.code, ebcName=ebc.name,
        goodsValue=order.goods_value, freight=order.freight + order.insurance, discount=order.discount,
        taxTotal=order.tax_total, acturalPaid=order.actual_paid, buyerRegNo=f"HT{order.customer_id}",
        buyerName=order.buyer_name, buyerTelephone=_buyer_phone(order), buyerIdNumber=order.buyer_id_number,
        payCode=pay_code, payName=pay_name, payTransactionId=payment.transaction_id, consignee=order.consignee,
        consigneeTelephone=order.consignee_phone, consigneeAddress=order.consignee_address,
        consigneeDistrict=_district(order),
    )
    items = tuple(
        OrderItem(gnum=line.gnum, itemNo=line.sku.code, itemName=line.title, gmodel=_gmodel(line.sku),
                  barCode=line.sku.gtin or None, unit=line.sku.unit_code, qty=Decimal(line.quantity),
                  price=line.unit_price, totalPrice=line.unit_price * line.quantity,
                  country=customs_country(line.sku.origin_country))
        for line in _lines(order)
    )
    return CEB311(orders=(Order(head=head, items=items),), base_transfer=transfer(platform))


def payment_message(order, payment, platform: Party, sender: Party) -> CEB411:
    head = PaymentHead(
        payCode=sender.code, payName=sender.name, payTransactionId=payment.transaction_id, orderNo=order.number,
        ebpCode=platform.code, ebpName=platform.name, payerIdNumber=order.buyer_id_number,
        payerName=payment.payer_name or order.buyer_name, telephone=_buyer_phone(order),
        amountPaid=order.actual_paid,  # this sub-order's part of the purchase's one payment
        payTime=app_time(payment.paid_at or datetime.now()),
    )
    return CEB411(payments=(Payment(head=head),), base_transfer=transfer(sender))


def _master_bill(carrier: Carrier, when: datetime) -> tuple[str, str]:
    """(voyageNo, billNo) of the carrier's consolidated flight of the day."""
    day = decl_date(when)
    return day, f"{carrier.traf_no}-{day}"


def waybill_message(order, box: Parcel, carrier: Carrier, when: datetime) -> CEB511:
    bill_no = _master_bill(carrier, when)[1] if order.mode == "9610" else None
    head = LogisticsHead(
        logisticsCode=carrier.code, logisticsName=carrier.name, logisticsNo=box.number, billNo=bill_no,
        orderNo=order.number, freight=order.freight, insuredFee=order.insurance, weight=box.gross_kg,
        consignee=order.consignee, consigneeAddress=order.consignee_address,
        consigneeTelephone=order.consignee_phone,
    )
    return CEB511(waybills=(Logistics(head=head),), base_transfer=transfer(carrier))


def _record_no(line) -> str:
    numbers = {a.stock.item_record_no for a in line.allocations.all() if a.stock.item_record_no}
    if len(numbers) != 1:
        raise MappingError(f"line {line.gnum} ({line.sku.code}) needs exactly one bonded itemRecordNo, found {sorted(numbers)}")
    return numbers.pop()


LITRE, KILOGRAM = "095", "035"


def _qty1(line) -> Decimal:
    """The quantity in the legal first unit: kg from net weight, litres from net content (ml)."""
    sku = line.sku
    if sku.unit1_code == KILOGRAM:
        return (sku.net_weight_kg * line.quantity).normalize()
    if sku.unit1_code == LITRE:
        if sku.content_unit != "ml" or not sku.net_content:
            raise MappingError(f"line {line.gnum} ({sku.code}) is declared in litres but has no volume in ml")
        return (sku.net_content * line.quantity / 1000).normalize()
    return Decimal(line.quantity)


def _gmodel(sku) -> str:
    """The declared model with the brand (申报要素: 品牌), unless it names the brand already."""
    brand = "/".join(name for name in (sku.brand_name_zh, sku.brand_name) if name)
    if not brand or any(name and name in sku.gmodel for name in (sku.brand_name_zh, sku.brand_name)):
        return sku.gmodel
    return f"品牌：{brand}；{sku.gmodel}"[:510]


def inventory_message(order, box: Parcel, platform: Party, carrier: Carrier, when: datetime) -> CEB621:
    warehouse, bonded = order.warehouse, order.mode == "1210"
    if bonded and not (warehouse.ems_no and warehouse.area_code and warehouse.area_name):
        raise MappingError(f"bonded warehouse {warehouse.code} lacks emsNo/areaCode/areaName")
    ebc = enterprise(order, platform)
    voyage, bill = _master_bill(carrier, when)
    head = InventoryHead(
        appTime=app_time(when), orderNo=order.number, ebpCode=platform.code, ebpName=platform.name, ebcCode=ebc.code, ebcName=ebc.name,
        logisticsNo=box.number, logisticsCode=carrier.code, logisticsName=carrier.name, copNo=order.number[:20],
        assureCode=platform.code, emsNo=warehouse.ems_no if bonded else None, declTime=decl_date(when),
        customsCode=warehouse.customs_code, portCode=warehouse.port_code, buyerIdNumber=order.buyer_id_number,
        buyerName=order.buyer_name, buyerTelephone=_buyer_phone(order), consigneeAddress=order.consignee_address,
        agentCode=platform.code, agentName=platform.name,
        areaCode=warehouse.area_code if bonded else None, areaName=warehouse.area_name if bonded else None,
        tradeMode=order.mode, trafMode=carrier.traf_mode_1210 if bonded else carrier.traf_mode_9610,
        trafNo=None if bonded else carrier.traf_no, voyageNo=None if bonded else voyage,
        billNo=None if bonded else bill, country="142" if bonded else customs_country(warehouse.country),
        freight=order.freight, insuredFee=order.insurance, grossWeight=box.gross_kg, netWeight=box.net_kg,
    )
    items = tuple(
        InventoryItem(gnum=line.gnum, itemRecordNo=_record_no(line) if bonded else None, itemNo=line.sku.code,
                      itemName=line.title, gcode=line.sku.hs_code, gname=line.title, gmodel=_gmodel(line.sku),
                      barCode=line.sku.gtin or "无", country=customs_country(line.sku.origin_country),
                      qty=Decimal(line.quantity), unit=line.sku.unit_code, qty1=_qty1(line), unit1=line.sku.unit1_code,
                      price=line.unit_price, totalPrice=line.unit_price * line.quantity)
        for line in _lines(order)
    )
    return CEB621(inventories=(Inventory(head=head, items=items),), base_transfer=transfer(platform))


def _request_head(declared: CEB621, invt_no: str, pre_no: str, reason: str, when: datetime) -> dict:
    """Head fields of a CEB623/CEB625: the declared list's own, so the request names exactly it."""
    h = declared.inventories[0].head
    return dict(appTime=app_time(when), customsCode=h.customsCode, orderNo=h.orderNo, ebpCode=h.ebpCode,
                ebpName=h.ebpName, ebcCode=h.ebcCode, ebcName=h.ebcName, logisticsNo=h.logisticsNo,
                logisticsCode=h.logisticsCode, logisticsName=h.logisticsName, copNo=h.copNo or h.orderNo[:20],
                preNo=pre_no if len(pre_no) == 18 else None, invtNo=invt_no, buyerIdNumber=h.buyerIdNumber,
                buyerName=h.buyerName, buyerTelephone=h.buyerTelephone, agentCode=h.agentCode,
                agentName=h.agentName, reason=(reason or "—")[:1000])


def cancel_message(declared: CEB621, invt_no: str, pre_no: str, reason: str, platform: Party,
                   when: datetime) -> CEB623:
    """CEB623 for the declared list ``declared`` (appType 1, the only one the spec allows)."""
    head = InvtCancel(**_request_head(declared, invt_no, pre_no, reason, when))
    return CEB623(cancels=(head,), base_transfer=transfer(platform))


def return_message(declared: CEB621, invt_no: str, pre_no: str, quantities: dict[int, int], reason: str,
                   platform: Party, when: datetime) -> CEB625:
    """CEB625 returning ``quantities`` ({gnum: units}) of the declared list's lines."""
    lines = {item.gnum: item for item in declared.inventories[0].items}
    unknown = sorted(set(quantities) - set(lines))
    if unknown:
        raise MappingError(f"the list has no line {unknown}")
    items = tuple(InvtRefundItem(gnum=g, gcode=lines[g].gcode, gname=lines[g].gname, qty=Decimal(q),
                                 unit=lines[g].unit) for g, q in sorted(quantities.items()))
    head = InvtRefundHead(**_request_head(declared, invt_no, pre_no, reason, when))
    return CEB625(refunds=(InvtRefund(head=head, items=items),), base_transfer=transfer(platform))


@dataclass(frozen=True)
class Documents:
    """The four messages of one order; ``ceb411`` is None when the payment company sends its own."""

    ceb311: CEB311
    ceb411: CEB411 | None
    ceb511: CEB511
    ceb621: CEB621
    parcel: Parcel
    pay_code: str
    pay_name: str
    pay_sender: Party | None


def _paid(order):
    from django.db.models import Q

    from haitao.payments.models import Payment

    if hasattr(order, "_customs_payment"):  # read with its batch (preload)
        if order._customs_payment is None:
            raise MappingError(f"order {order.number} has no succeeded payment")
        return order._customs_payment
    paid_for = Q(order_id=order.pk) | Q(purchase_id=order.purchase_id) if order.purchase_id else Q(order_id=order.pk)
    payment = Payment.objects.filter(paid_for, status=Payment.Status.SUCCEEDED).order_by("-paid_at", "-id").first()
    if payment is None:
        raise MappingError(f"order {order.number} has no succeeded payment")
    return payment


def preload(orders: list) -> None:
    """Read what :func:`documents` needs of many orders in a few set-based queries (their lines with
    SKU, merchant and allocated stock; their latest succeeded payment) instead of some ten per order.
    Load the orders themselves with ``select_related("seller", "warehouse")``."""
    from django.db.models import Prefetch, Q, prefetch_related_objects

    from haitao.orders.models import OrderLine
    from haitao.payments.models import Payment

    if not orders:
        return
    lines = (OrderLine.objects.select_related("sku", "merchant").prefetch_related("allocations__stock")
             .order_by("gnum"))
    prefetch_related_objects(orders, Prefetch("lines", queryset=lines, to_attr="_customs_lines"))
    purchases = {o.purchase_id for o in orders if o.purchase_id}
    paid_for = Q(order_id__in=[o.pk for o in orders]) | Q(purchase_id__in=purchases) if purchases else Q(
        order_id__in=[o.pk for o in orders])
    payments = list(Payment.objects.filter(paid_for, status=Payment.Status.SUCCEEDED).order_by("-paid_at", "-id"))
    first_of_order: dict = {}
    first_of_purchase: dict = {}
    for i, payment in enumerate(payments):
        first_of_order.setdefault(payment.order_id, i)
        first_of_purchase.setdefault(payment.purchase_id, i)
    for order in orders:  # the payment _paid() picks: the latest of the order's own or its purchase's
        found = [i for i in (first_of_order.get(order.pk),
                             first_of_purchase.get(order.purchase_id) if order.purchase_id else None) if i is not None]
        order._customs_payment = payments[min(found)] if found else None


def documents(order, when: datetime, box: Parcel | None = None) -> Documents:
    """All four messages of a paid order, their identities checked (rule 11)."""
    from haitao.payments.providers import known

    payment, platform, carrier = _paid(order), config.platform(), config.carrier()
    prov = known(payment.provider)
    pay_code, pay_name = getattr(prov, "pay_code", payment.provider), getattr(prov, "name", payment.provider)
    pay_sender = config.payment_sender(payment.provider)
    box = box or parcel(order, carrier)
    docs = Documents(
        ceb311=order_message(order, payment, platform, pay_code, pay_name),
        ceb411=payment_message(order, payment, platform, pay_sender) if pay_sender else None,
        ceb511=waybill_message(order, box, carrier, when),
        ceb621=inventory_message(order, box, platform, carrier, when),
        parcel=box, pay_code=pay_code, pay_name=pay_name, pay_sender=pay_sender)
    check(docs.ceb311, docs.ceb411, docs.ceb511, docs.ceb621)
    return docs


def check(order_msg: CEB311, payment_msg: CEB411 | None, waybill_msg: CEB511, inventory_msg: CEB621 | None = None) -> None:
    """Raise MappingError on any broken three-document identity (rule 11)."""
    if payment_msg is None:
        return
    mismatches = check_three_documents(order_msg, payment_msg, waybill_msg, inventory_msg)
    if mismatches:
        raise MappingError("three-document mismatch: " + "; ".join(f"{m.kind}:{m.field}" for m in mismatches))
