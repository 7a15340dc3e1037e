"""Declaration messages the enterprise sends: CEB311, CEB411, CEB511, CEB621, CEB623, CEB625.

Why the attribute names are camelCase: every record field *is* the XSD element of the same name,
in XSD order. That keeps the model a literal transcription of the spec (grep-able against it) and
lets one generic mapper (:mod:`haitao.customs.xmlmap`) build and parse every message.

Conventions of the mapper:
- ``TAG`` is the element name of a record; ``str``/``int``/``Decimal`` fields are leaf elements;
  a record field is a child element, a ``tuple[Record, ...]`` field repeats a child element.
- ``X | None = None`` fields are optional elements, omitted when None.
- All records are keyword-only, so callers build them from plain values by name; constant fields
  (appType 1, currency 142, id type 1, orderType/ieFlag "I", packNo 1) carry their defaults.
- Messages carry the root attributes ``guid``/``version`` and, once parsed or signed, the raw
  ``ds:Signature`` element in ``signature`` (build re-emits it verbatim, as the last child).
- Dataclass inheritance puts base fields first, which is exactly where the XSD has the shared
  head fields (guid, appType, appTime, appStatus).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from .formats import CURRENCY_CNY, app_time, china_now, new_guid


def _now() -> str:
    return app_time(china_now())


_record = dataclass(frozen=True, kw_only=True)


@_record
class BaseTransfer:
    """Transfer block of every declaration; ``copCode`` must match the access client's identity."""

    TAG: ClassVar[str] = "BaseTransfer"
    copCode: str
    copName: str
    dxpMode: str = "DXP"
    dxpId: str
    note: str | None = None


@_record
class _Declared:
    """The four fields every declaration record starts with; appStatus 2 = declare (1 = draft)."""

    guid: str = field(default_factory=new_guid)
    appType: str = "1"
    appTime: str = field(default_factory=_now)
    appStatus: str = "2"


@_record
class _Envelope:
    """Root attributes and the raw signature of a declaration message (emitted last by the mapper)."""

    guid: str = field(default_factory=new_guid)
    version: str = "1.0"
    signature: bytes | None = None


# --- CEB311 order -------------------------------------------------------------------------------


@_record
class OrderHead(_Declared):
    TAG: ClassVar[str] = "OrderHead"
    orderType: str = "I"
    orderNo: str
    ebpCode: str
    ebpName: str
    ebcCode: str
    ebcName: str
    goodsValue: Decimal
    freight: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    taxTotal: Decimal
    acturalPaid: Decimal
    currency: str = CURRENCY_CNY
    buyerRegNo: str
    buyerName: str
    buyerTelephone: str
    buyerIdType: str = "1"
    buyerIdNumber: str
    payCode: str | None = None
    payName: str | None = None
    payTransactionId: str | None = None
    batchNumbers: str | None = None
    consignee: str
    consigneeTelephone: str
    consigneeAddress: str
    consigneeDistrict: str | None = None
    note: str | None = None


@_record
class OrderItem:
    """One ``ceb:OrderList`` line; ``totalPrice`` = price × qty (a gift has price 0)."""

    TAG: ClassVar[str] = "OrderList"
    gnum: int
    itemNo: str | None = None
    itemName: str
    gmodel: str
    itemDescribe: str | None = None
    barCode: str | None = None
    unit: str
    qty: Decimal
    price: Decimal
    totalPrice: Decimal
    currency: str = CURRENCY_CNY
    country: str
    note: str | None = None


@_record
class Order:
    TAG: ClassVar[str] = "Order"
    head: OrderHead
    items: tuple[OrderItem, ...]


@_record
class CEB311(_Envelope):
    """E-order message (1..100 orders)."""

    TAG: ClassVar[str] = "CEB311Message"
    orders: tuple[Order, ...]
    base_transfer: BaseTransfer


# --- CEB411 payment -----------------------------------------------------------------------------


@_record
class PaymentHead(_Declared):
    TAG: ClassVar[str] = "PaymentHead"
    payCode: str
    payName: str
    payTransactionId: str
    orderNo: str
    ebpCode: str
    ebpName: str
    payerIdType: str = "1"
    payerIdNumber: str
    payerName: str
    telephone: str | None = None
    amountPaid: Decimal
    currency: str = CURRENCY_CNY
    payTime: str
    note: str | None = None


@_record
class Payment:
    TAG: ClassVar[str] = "Payment"
    head: PaymentHead


@_record
class CEB411(_Envelope):
    """Payment record message (1..100 payments)."""

    TAG: ClassVar[str] = "CEB411Message"
    payments: tuple[Payment, ...]
    base_transfer: BaseTransfer


# --- CEB511 waybill -----------------------------------------------------------------------------


@_record
class LogisticsHead(_Declared):
    TAG: ClassVar[str] = "LogisticsHead"
    logisticsCode: str
    logisticsName: str
    logisticsNo: str
    billNo: str | None = None
    orderNo: str
    freight: Decimal | None = None
    insuredFee: Decimal | None = None
    currency: str = CURRENCY_CNY
    weight: Decimal
    packNo: int = 1
    goodsInfo: str | None = None
    consignee: str
    consigneeAddress: str
    consigneeTelephone: str
    note: str | None = None


@_record
class Logistics:
    TAG: ClassVar[str] = "Logistics"
    head: LogisticsHead


@_record
class CEB511(_Envelope):
    """Waybill message (1..100 waybills)."""

    TAG: ClassVar[str] = "CEB511Message"
    waybills: tuple[Logistics, ...]
    base_transfer: BaseTransfer


# --- CEB621 inventory list ----------------------------------------------------------------------


@_record
class InventoryHead(_Declared):
    """List head; appStatus defaults to 2 (declare), which the spec ties to a signature."""

    TAG: ClassVar[str] = "InventoryHead"
    orderNo: str
    ebpCode: str
    ebpName: str
    ebcCode: str
    ebcName: str
    logisticsNo: str
    logisticsCode: str
    logisticsName: str
    copNo: str | None = None
    preNo: str | None = None
    assureCode: str
    emsNo: str | None = None
    invtNo: str | None = None
    ieFlag: str = "I"
    declTime: str
    customsCode: str
    portCode: str
    ieDate: str | None = None
    buyerIdType: str = "1"
    buyerIdNumber: str
    buyerName: str
    buyerTelephone: str
    consigneeAddress: str
    agentCode: str
    agentName: str
    areaCode: str | None = None
    areaName: str | None = None
    tradeMode: str
    trafMode: str
    trafNo: str | None = None
    voyageNo: str | None = None
    billNo: str | None = None
    loctNo: str | None = None
    licenseNo: str | None = None
    country: str
    freight: Decimal = Decimal(0)
    insuredFee: Decimal = Decimal(0)
    currency: str = CURRENCY_CNY
    wrapType: str | None = None
    packNo: int = 1
    grossWeight: Decimal
    netWeight: Decimal
    note: str | None = None


@_record
class InventoryItem:
    """One ``ceb:InventoryList`` line; ``gnum`` and ``gname`` match the order's line."""

    TAG: ClassVar[str] = "InventoryList"
    gnum: int
    itemRecordNo: str | None = None
    itemNo: str | None = None
    itemName: str | None = None
    gcode: str
    gname: str
    gmodel: str
    barCode: str | None = None
    country: str
    tradeCountry: str | None = None
    currency: str = CURRENCY_CNY
    qty: Decimal
    unit: str
    qty1: Decimal
    unit1: str
    qty2: Decimal | None = None
    unit2: str | None = None
    price: Decimal
    totalPrice: Decimal
    note: str | None = None


@_record
class Inventory:
    TAG: ClassVar[str] = "Inventory"
    head: InventoryHead
    items: tuple[InventoryItem, ...]


@_record
class CEB621(_Envelope):
    """Import inventory list (the legal declaration); must be signed."""

    TAG: ClassVar[str] = "CEB621Message"
    inventories: tuple[Inventory, ...]
    base_transfer: BaseTransfer


# --- CEB623 cancellation, CEB625 return ---------------------------------------------------------


@_record
class _ListRequest(_Declared):
    """Head fields shared by the cancellation (InvtCancel) and return (InvtRefundHead) requests."""

    customsCode: str
    orderNo: str
    ebpCode: str
    ebpName: str
    ebcCode: str
    ebcName: str
    logisticsNo: str
    logisticsCode: str
    logisticsName: str
    copNo: str | None = None
    preNo: str | None = None
    invtNo: str
    buyerIdType: str = "1"
    buyerIdNumber: str
    buyerName: str
    buyerTelephone: str
    agentCode: str
    agentName: str
    reason: str
    note: str | None = None


@_record
class InvtCancel(_ListRequest):
    TAG: ClassVar[str] = "InvtCancel"


@_record
class CEB623(_Envelope):
    """Cancellation request of a declared list (appType must be 1); must be signed."""

    TAG: ClassVar[str] = "CEB623Message"
    cancels: tuple[InvtCancel, ...]
    base_transfer: BaseTransfer


@_record
class InvtRefundHead(_ListRequest):
    TAG: ClassVar[str] = "InvtRefundHead"


@_record
class InvtRefundItem:
    TAG: ClassVar[str] = "InvtRefundList"
    gnum: int
    gcode: str
    gname: str
    qty: Decimal
    unit: str
    note: str | None = None


@_record
class InvtRefund:
    TAG: ClassVar[str] = "InvtRefund"
    head: InvtRefundHead
    items: tuple[InvtRefundItem, ...]


@_record
class CEB625(_Envelope):
    """Return request (the PDF's "InvtRefound" is ``InvtRefund`` in the XSD); must be signed."""

    TAG: ClassVar[str] = "CEB625Message"
    refunds: tuple[InvtRefund, ...]
    base_transfer: BaseTransfer


Declaration = CEB311 | CEB411 | CEB511 | CEB621 | CEB623 | CEB625
SIGNED_TYPES: tuple[type, ...] = (CEB621, CEB623, CEB625)  # XSD: ds:Signature minOccurs=1
