"""Receipts customs (or E-port) sends back: CEB312, CEB412, CEB512, CEB622, CEB624, CEB626, CEB816, CEB900.

Same conventions as :mod:`haitao.customs.messages` (XSD element names, XSD order, keyword-only).
Receipts have no BaseTransfer and no signature. ``returnStatus`` codes are in :class:`ReturnStatus`;
a rejection carries the spec error code at the start of ``returnInfo`` (see :func:`error_code`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from .formats import china_now, new_guid, return_time

_record = dataclass(frozen=True, kw_only=True)


def _now17() -> str:
    return return_time(china_now())


class ReturnStatus:
    """``returnStatus`` values [Spec p.66, p.86]; negative values are processing errors."""

    DRAFT = "1"
    DECLARING = "2"
    SENT_TO_CUSTOMS = "3"
    SEND_FAILED = "4"
    REJECTED = "100"  # 海关退单
    ACCEPTED = "120"  # 海关入库
    MANUAL_REVIEW = "300"
    CONCLUDED = "399"
    INSPECTION = "500"
    RETURNED_ABROAD = "700"
    RELEASED = "800"  # 放行
    CLOSED = "899"  # 结关


_CODE = re.compile(r"^\s*\[?(?:Code:)?\s*(-?\d{4,7})\b")


def error_code(return_info: str) -> str | None:
    """The spec error code a rejection's ``returnInfo`` starts with ("-621005:…" → "-621005")."""
    match = _CODE.match(return_info)
    return match.group(1) if match else None


@_record
class _Envelope:
    """Root attributes of a receipt message."""

    guid: str = field(default_factory=new_guid)
    version: str = "1.0"


@_record
class OrderReturn:
    TAG: ClassVar[str] = "OrderReturn"
    guid: str
    ebpCode: str
    ebcCode: str
    orderNo: str
    returnStatus: str
    returnTime: str = field(default_factory=_now17)
    returnInfo: str


@_record
class CEB312(_Envelope):
    TAG: ClassVar[str] = "CEB312Message"
    returns: tuple[OrderReturn, ...]


@_record
class PaymentReturn:
    TAG: ClassVar[str] = "PaymentReturn"
    guid: str
    payCode: str
    payTransactionId: str
    returnStatus: str
    returnTime: str = field(default_factory=_now17)
    returnInfo: str


@_record
class CEB412(_Envelope):
    TAG: ClassVar[str] = "CEB412Message"
    returns: tuple[PaymentReturn, ...]


@_record
class LogisticsReturn:
    TAG: ClassVar[str] = "LogisticsReturn"
    guid: str
    logisticsCode: str
    logisticsNo: str
    returnStatus: str
    returnTime: str = field(default_factory=_now17)
    returnInfo: str


@_record
class CEB512(_Envelope):
    TAG: ClassVar[str] = "CEB512Message"
    returns: tuple[LogisticsReturn, ...]


@_record
class InventoryReturn:
    TAG: ClassVar[str] = "InventoryReturn"
    guid: str
    customsCode: str | None = None
    ebpCode: str | None = None
    ebcCode: str | None = None
    agentCode: str | None = None
    copNo: str
    preNo: str
    invtNo: str | None = None
    returnStatus: str
    returnTime: str = field(default_factory=_now17)
    returnInfo: str


@_record
class CEB622(_Envelope):
    TAG: ClassVar[str] = "CEB622Message"
    returns: tuple[InventoryReturn, ...]


@_record
class _ListRequestReturn:
    """Answer to a cancellation (CEB623) or return (CEB626) request; XSD order differs from the
    CEB622 one (agentCode comes before ebpCode here). 120 accepted, 399 concluded, 100 refused."""

    guid: str
    customsCode: str | None = None
    agentCode: str | None = None
    ebpCode: str | None = None
    ebcCode: str | None = None
    copNo: str
    preNo: str
    invtNo: str | None = None
    returnStatus: str
    returnTime: str = field(default_factory=_now17)
    returnInfo: str


@_record
class InvtCancelReturn(_ListRequestReturn):
    TAG: ClassVar[str] = "InvtCancelReturn"


@_record
class CEB624(_Envelope):
    """Receipt of a cancellation request (CEB623)."""

    TAG: ClassVar[str] = "CEB624Message"
    returns: tuple[InvtCancelReturn, ...]


@_record
class InvtRefundReturn(_ListRequestReturn):
    TAG: ClassVar[str] = "InvtRefundReturn"


@_record
class CEB626(_Envelope):
    """Receipt of a return request (CEB625)."""

    TAG: ClassVar[str] = "CEB626Message"
    returns: tuple[InvtRefundReturn, ...]


@_record
class TaxHeadRd:
    """Tax bill head; ``status`` 1 generated, 2 summarised, 3 void. (No orderNo: the XSD has none.)"""

    TAG: ClassVar[str] = "TaxHeadRd"
    guid: str = field(default_factory=new_guid)
    returnTime: str = field(default_factory=_now17)
    invtNo: str
    taxNo: str
    customsTax: Decimal
    valueAddedTax: Decimal
    consumptionTax: Decimal
    status: str = "1"
    entDutyNo: str | None = None
    note: str | None = None
    assureCode: str | None = None
    ebcCode: str | None = None
    logisticsCode: str | None = None
    agentCode: str | None = None
    customsCode: str | None = None


@_record
class TaxListRd:
    """Tax of one list line; ``taxPrice`` is the line's dutiable value."""

    TAG: ClassVar[str] = "TaxListRd"
    gnum: int
    gcode: str
    taxPrice: Decimal
    customsTax: Decimal
    valueAddedTax: Decimal
    consumptionTax: Decimal


@_record
class Tax:
    TAG: ClassVar[str] = "Tax"
    head: TaxHeadRd
    items: tuple[TaxListRd, ...]


@_record
class CEB816(_Envelope):
    """Electronic tax bill, customs → enterprise."""

    TAG: ClassVar[str] = "CEB816Message"
    taxes: tuple[Tax, ...]


@_record
class MessageReturn:
    """Format-validation receipt body. returnStatus uses the exchange codes: "0001" not
    well-formed, "0002" fails the schema, "1001" invalid signature [Spec table 7-1]."""

    TAG: ClassVar[str] = "MessageReturn"
    guid: str = field(default_factory=new_guid)
    returnStatus: str
    returnInfo: str
    returnTime: str = field(default_factory=_now17)
    oriCopMsgId: str = ""
    oriMessageType: str = "Unknown"
    oriBizMessage: str = ""


@_record
class CEB900(_Envelope):
    TAG: ClassVar[str] = "CEB900Message"
    result: MessageReturn


Receipt = CEB312 | CEB412 | CEB512 | CEB622 | CEB624 | CEB626 | CEB816 | CEB900
