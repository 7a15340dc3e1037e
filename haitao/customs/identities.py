"""Three-document identities (三单对碰, docs/rules.md rule 11), checked before customs checks them.

Customs compares the order, the payment record and the waybill (and, at list time, the
inventory list: "four documents"). Finding a mismatch here costs nothing; finding it in a
CEB622 rejection costs a refund and a re-declaration.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .formats import CURRENCY_CNY
from .messages import CEB311, CEB411, CEB511, CEB621, Inventory, LogisticsHead, Order, PaymentHead


@dataclass(frozen=True)
class Mismatch:
    """One broken identity. ``kind`` is stable (for code); ``detail`` is for people."""

    kind: str
    field: str
    expected: Any
    actual: Any
    detail: str = ""


ARITHMETIC = "arithmetic"  # acturalPaid = goodsValue + freight + taxTotal − discount
LINE_TOTAL = "line_total"  # totalPrice = price × qty; Σ totalPrice = goodsValue
AMOUNT_PAID = "amount_paid"  # payment amountPaid = order acturalPaid
PAYER = "payer"  # payer = orderer (rule 7)
CONSIGNEE = "consignee"  # order and waybill consignee, telephone, address
CURRENCY = "currency"  # 142 everywhere
ORDER_NO = "order_no"  # orderNo links all four
PAY_LINK = "pay_link"  # payCode + payTransactionId link order and payment (when the order names them)
LOGISTICS_LINK = "logistics_link"  # logisticsNo + logisticsCode link waybill and list
GNUM = "gnum"  # inventory gnum ↔ order gnum one to one
GNAME = "gname"  # inventory gname = order itemName
BUYER = "buyer"  # list buyer = order buyer


def _one(doc: Any, kind: type, attr: str) -> Any:
    """Accept the record itself or a message holding exactly one of it."""
    if isinstance(doc, kind):
        records = getattr(doc, attr)
        if len(records) != 1:
            raise ValueError(f"{kind.__name__} must hold exactly one record to be matched, not {len(records)}")
        doc = records[0]
    return getattr(doc, "head", doc) if not isinstance(doc, (Order, Inventory)) else doc


def _eq(out: list[Mismatch], kind: str, field: str, expected: Any, actual: Any, detail: str = "") -> None:
    if expected != actual:
        out.append(Mismatch(kind, field, expected, actual, detail))


def check_three_documents(
    order: Order | CEB311,
    payment: PaymentHead | CEB411,
    waybill: LogisticsHead | CEB511,
    inventory: Inventory | CEB621 | None = None,
) -> list[Mismatch]:
    """Every broken identity between the documents; an empty list means they match."""
    order = _one(order, CEB311, "orders")
    pay = _one(payment, CEB411, "payments")
    bill = _one(waybill, CEB511, "waybills")
    invt = _one(inventory, CEB621, "inventories") if inventory is not None else None
    head, out = order.head, []

    computed = head.goodsValue + head.freight + head.taxTotal - head.discount
    _eq(out, ARITHMETIC, "acturalPaid", computed, head.acturalPaid, "goodsValue + freight + taxTotal − discount")
    for item in order.items:
        _eq(out, LINE_TOTAL, f"OrderList[{item.gnum}].totalPrice", item.price * item.qty, item.totalPrice)
    _eq(out, LINE_TOTAL, "goodsValue", sum((i.totalPrice for i in order.items), Decimal(0)), head.goodsValue)

    _eq(out, AMOUNT_PAID, "amountPaid", head.acturalPaid, pay.amountPaid)
    _eq(out, PAYER, "payerIdNumber", head.buyerIdNumber, pay.payerIdNumber)
    _eq(out, PAYER, "payerName", head.buyerName, pay.payerName)
    if head.payCode is not None:
        _eq(out, PAY_LINK, "payCode", head.payCode, pay.payCode)
    if head.payTransactionId is not None:
        _eq(out, PAY_LINK, "payTransactionId", head.payTransactionId, pay.payTransactionId)
    for name in ("consignee", "consigneeTelephone", "consigneeAddress"):
        _eq(out, CONSIGNEE, name, getattr(head, name), getattr(bill, name))

    currencies = [("OrderHead", head.currency), ("PaymentHead", pay.currency), ("LogisticsHead", bill.currency)]
    currencies += [(f"OrderList[{i.gnum}]", i.currency) for i in order.items]
    _eq(out, ORDER_NO, "PaymentHead.orderNo", head.orderNo, pay.orderNo)
    _eq(out, ORDER_NO, "LogisticsHead.orderNo", head.orderNo, bill.orderNo)

    if invt is not None:
        ih = invt.head
        currencies += [("InventoryHead", ih.currency)] + [(f"InventoryList[{i.gnum}]", i.currency) for i in invt.items]
        _eq(out, ORDER_NO, "InventoryHead.orderNo", head.orderNo, ih.orderNo)
        _eq(out, LOGISTICS_LINK, "logisticsNo", bill.logisticsNo, ih.logisticsNo)
        _eq(out, LOGISTICS_LINK, "logisticsCode", bill.logisticsCode, ih.logisticsCode)
        _eq(out, BUYER, "buyerIdNumber", head.buyerIdNumber, ih.buyerIdNumber)
        _eq(out, BUYER, "buyerName", head.buyerName, ih.buyerName)
        out += _match_lines(order, invt)
    for where, code in currencies:
        _eq(out, CURRENCY, f"{where}.currency", CURRENCY_CNY, code)
    return out


def _match_lines(order: Order, invt: Inventory) -> list[Mismatch]:
    out: list[Mismatch] = []
    order_lines = {i.gnum: i for i in order.items}
    invt_gnums = [i.gnum for i in invt.items]
    if len(set(invt_gnums)) != len(invt_gnums) or len(order_lines) != len(order.items):
        out.append(Mismatch(GNUM, "gnum", "unique gnum", invt_gnums, "repeated gnum"))
    _eq(out, GNUM, "gnum", sorted(order_lines), sorted(set(invt_gnums)), "inventory lines ↔ order lines one to one")
    for item in invt.items:
        line = order_lines.get(item.gnum)
        if line is not None:
            _eq(out, GNAME, f"InventoryList[{item.gnum}].gname", line.itemName, item.gname)
    return out
