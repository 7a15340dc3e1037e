"""A local customs: receives declarations, answers with the receipts real customs would send.

Pure core: ``CustomsSimulator(config, state).receive(xml) -> [receipt xml, …]``; all memory is in
:class:`SimulatorState` (JSON-serialisable so a CLI process can keep it in a file) and every
decision a test wants to force is in :class:`SimulatorConfig`.

What it plays, per message:
- invalid XML → CEB900 (0001 not well-formed, 0002 fails the XSD);
- CEB311/411/511 → stored; CEB312/412/512 with 120, or 100 with the spec code in returnInfo
  (-301010/-401007/-504015 duplicates; appType 2 replaces, 3 deletes);
- CEB621 → four-document match, then limits (-621018 annual before -621005 single, as rule 5
  reports), then CEB622 120, and if ``config.release``: CEB622 800 plus the CEB816 tax bill. The
  quota year is the list's declaration year (its appTime, China time), as the ledger counts it.
- CEB623 (cancel) → CEB624: 399 for a declared, unreleased list (its quota given back); 100 with
  -623003 unknown list, -623005 already released (return it instead), -623009 cancelled before.
- CEB625 (return) → CEB626: 399 for a released list within 30 days of release whose lines and
  quantities are within the list (the returned lines' dutiable value given back to the quota);
  100 with -625016 unknown list, -625004 not released / past 30 days, -625209 no such line,
  -625001 quantity over the declared one, -625033 a return declared before.
Receipts and other types get a CEB900 "2999" saying the simulator does not handle them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from haitao.rules.returns import REQUEST_DAYS, returned_share

from . import messages as m
from . import receipts as r
from .build import build
from .errors import SchemaError
from .formats import app_time, china_now, parse_app_time, return_time
from .identities import check_three_documents
from .parse import message_type, parse
from .sign import verify
from .taxbill import TaxRates, dutiable_value, inventory_taxes, tax_bill
from .validate import parse_xml, validate
from .xmlmap import from_element, to_element

CANCELLED = "cancelled"

REJECTED, ACCEPTED, RELEASED = r.ReturnStatus.REJECTED, r.ReturnStatus.ACCEPTED, r.ReturnStatus.RELEASED


@dataclass(frozen=True)
class SimulatorConfig:
    """Limits, tax rates and the decisions a test may force."""

    reject_order_nos: frozenset[str] | set[str] = frozenset()  # CEB311 orders answered 100
    reject_all_inventory: bool = False  # every CEB621 answered 100 with rejection_code
    release: bool = True  # accepted lists go on to 800 + CEB816; False stops at 120
    hold_order_nos: frozenset[str] | set[str] = frozenset()  # these lists stop at 120 (not released)
    rejection_code: str = "-621003"
    rejection_info: str = "清单申报失败，[simulator forced rejection]"
    single_limit: Decimal = Decimal(5000)
    annual_limit: Decimal = Decimal(26000)
    tax_rates: TaxRates = field(default_factory=TaxRates)
    trusted_cert_pem: bytes | None = None  # when set, CEB621 signatures are verified (-621029)


@dataclass
class SimulatorState:
    """What customs remembers. Records are kept as their XML (the mapper reads them back)."""

    orders: dict[str, str] = field(default_factory=dict)  # orderNo → ceb:Order
    # payCode|payTransactionId|orderNo → ceb:PaymentHead: one payment split over a purchase's customs
    # orders is declared once per sub-order (the providers' split declaration), so the key has the order.
    payments: dict[str, str] = field(default_factory=dict)
    waybills: dict[str, str] = field(default_factory=dict)  # logisticsCode|logisticsNo → ceb:LogisticsHead
    inventories: dict[str, dict[str, Any]] = field(default_factory=dict)  # orderNo → invtNo, status, value, …
    quota_used: dict[str, dict[str, str]] = field(default_factory=dict)  # sha256(id) → year → amount
    serial: int = 0
    processed: dict[str, str] = field(default_factory=dict)  # outbox file → sha256 (folder transport)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SimulatorState:
        return cls(**json.loads(text))

    @classmethod
    def load(cls, path: Path | str) -> SimulatorState:
        """The state in ``path``, or a fresh one if the file does not exist yet."""
        path = Path(path)
        return cls.from_json(path.read_text("utf-8")) if path.exists() else cls()

    def used(self, buyer_id: str, year: int) -> Decimal:
        return Decimal(self.quota_used.get(_buyer_key(buyer_id), {}).get(str(year), "0"))

    def add_used(self, buyer_id: str, year: int, value: Decimal) -> None:
        years = self.quota_used.setdefault(_buyer_key(buyer_id), {})
        years[str(year)] = str(Decimal(years.get(str(year), "0")) + value)


def _buyer_key(buyer_id: str) -> str:
    # The quota ledger never needs the ID number itself, so the state file does not hold it there.
    return hashlib.sha256(buyer_id.encode()).hexdigest()


def _xml(record: Any) -> str:
    return etree.tostring(to_element(record), encoding="unicode")


def _record(cls: type, text: str) -> Any:
    return from_element(cls, etree.fromstring(text))


def _info(code: str, text: str) -> str:
    return f"{code}:{text}"


class CustomsSimulator:
    def __init__(self, config: SimulatorConfig | None = None, state: SimulatorState | None = None,
                 clock: Callable[[], datetime] = china_now) -> None:
        self.config = config or SimulatorConfig()
        self.state = state if state is not None else SimulatorState()
        self.clock = clock

    # -- entry point ---------------------------------------------------------------------------

    def receive(self, xml_bytes: bytes) -> list[bytes]:
        """Handle one message; return the receipts (already valid XML) in the order sent."""
        try:
            validate(xml_bytes)
        except SchemaError as exc:
            return [self._format_error(xml_bytes, exc)]
        handler = {
            m.CEB311.TAG: self._orders, m.CEB411.TAG: self._payments,
            m.CEB511.TAG: self._waybills, m.CEB621.TAG: self._inventories,
            m.CEB623.TAG: self._cancels, m.CEB625.TAG: self._refunds,
        }.get(message_type(xml_bytes))
        if handler is None:
            return [self._ceb900(xml_bytes, "2999", "其他业务逻辑错误: the simulator does not handle this message type")]
        return [build(receipt) for receipt in handler(parse(xml_bytes, check_schema=False), xml_bytes)]

    # -- CEB900 --------------------------------------------------------------------------------

    def _format_error(self, xml_bytes: bytes, exc: SchemaError) -> bytes:
        code = "0001" if exc.message.startswith("message is not well-formed") else "0002"
        return self._ceb900(xml_bytes, code, "; ".join([exc.message, *exc.errors])[:5000])

    def _ceb900(self, xml_bytes: bytes, code: str, info: str) -> bytes:
        try:
            root = parse_xml(xml_bytes)
            ori_type, ori_id = etree.QName(root).localname[:15], (root.get("guid") or "")[:255]
        except SchemaError:
            ori_type, ori_id = "Unknown", ""
        body = r.MessageReturn(returnStatus=code, returnInfo=info, returnTime=self._now(), oriCopMsgId=ori_id,
                               oriMessageType=ori_type, oriBizMessage=xml_bytes.decode("utf-8", "replace"))
        return build(r.CEB900(result=body))

    def _now(self) -> str:
        return return_time(self.clock())

    # -- CEB311/411/511 ------------------------------------------------------------------------

    def _orders(self, msg: m.CEB311, _: bytes) -> list[r.CEB312]:
        out = []
        for order in msg.orders:
            h = order.head
            status, info = self._store(self.state.orders, h.orderNo, h.appType, _xml(order), "-301010", "已存在相同编号的订单")
            if status == ACCEPTED and h.orderNo in self.config.reject_order_nos:
                del self.state.orders[h.orderNo]
                status, info = REJECTED, _info("-301008", "参数校验不通过，[simulator forced rejection]")
            out.append(r.OrderReturn(guid=h.guid, ebpCode=h.ebpCode, ebcCode=h.ebcCode, orderNo=h.orderNo,
                                     returnStatus=status, returnTime=self._now(), returnInfo=info))
        return [r.CEB312(returns=tuple(out))]

    def _payments(self, msg: m.CEB411, _: bytes) -> list[r.CEB412]:
        out = []
        for pay in (p.head for p in msg.payments):
            key = f"{pay.payCode}|{pay.payTransactionId}|{pay.orderNo}"
            status, info = self._store(self.state.payments, key, pay.appType, _xml(pay), "-401007", "已存在相同编号的支付单")
            out.append(r.PaymentReturn(guid=pay.guid, payCode=pay.payCode, payTransactionId=pay.payTransactionId,
                                       returnStatus=status, returnTime=self._now(), returnInfo=info))
        return [r.CEB412(returns=tuple(out))]

    def _waybills(self, msg: m.CEB511, _: bytes) -> list[r.CEB512]:
        out = []
        for bill in (w.head for w in msg.waybills):
            key = f"{bill.logisticsCode}|{bill.logisticsNo}"
            status, info = self._store(self.state.waybills, key, bill.appType, _xml(bill), "-504015", "已存在相同编号的运单")
            out.append(r.LogisticsReturn(guid=bill.guid, logisticsCode=bill.logisticsCode, logisticsNo=bill.logisticsNo,
                                         returnStatus=status, returnTime=self._now(), returnInfo=info))
        return [r.CEB512(returns=tuple(out))]

    @staticmethod
    def _store(table: dict[str, str], key: str, app_type: str, xml: str, dup_code: str, dup_text: str) -> tuple[str, str]:
        """appType 1 adds (duplicate → rejected), 2 replaces, 3 deletes."""
        if app_type == "1" and key in table:
            return REJECTED, _info(dup_code, dup_text)
        if app_type in ("2", "3") and key not in table:
            return REJECTED, _info(dup_code[:4] + "009", f"[{key}]未找到操作的单据")
        if app_type == "3":
            del table[key]
            return ACCEPTED, "删除成功"
        table[key] = xml
        return ACCEPTED, "新增申报成功" if app_type == "1" else "变更申报成功"

    # -- CEB621 --------------------------------------------------------------------------------

    def _inventories(self, msg: m.CEB621, xml_bytes: bytes) -> list[Any]:
        signed_ok = self.config.trusted_cert_pem is None or verify(xml_bytes, self.config.trusted_cert_pem)
        out: list[Any] = []
        for invt in msg.inventories:
            h = invt.head
            problem = ("-621029", "验签失败！") if not signed_ok else self._inventory_problem(invt)
            if problem:
                out.append(r.CEB622(returns=(self._invt_return(h, REJECTED, _info(*problem)),)))
                continue
            out += self._accept(invt)
        return out

    def _inventory_problem(self, invt: m.Inventory) -> tuple[str, str] | None:
        """The first reason customs would refuse this list, as (code, text), or None."""
        h, cfg = invt.head, self.config
        if cfg.reject_all_inventory:
            return cfg.rejection_code, cfg.rejection_info
        previous = self.state.inventories.get(h.orderNo)
        if previous and previous["status"] != REJECTED and h.appType == "1":
            return "-621004", f"清单[{h.orderNo}]已经申报过，请勿重复申报"
        docs = self._documents(h)
        if isinstance(docs, str):
            return "-621002", f"四单回执解析失败，[{docs}]！"
        mismatches = check_three_documents(*docs, invt)
        if mismatches:
            return "-621001", "清单报文校验失败，[" + "; ".join(f"{x.kind}:{x.field}" for x in mismatches) + "]"
        value = dutiable_value(invt)
        year = _year(h)
        used = self.state.used(h.buyerIdNumber, year)
        if used + value > cfg.annual_limit:
            return "-621018", (f"清单[{h.orderNo}]中购买人[{h.buyerName}]已用购买额度为[{used}]，"
                               f"本次购买将超过年度限额[{cfg.annual_limit}]")
        if value > cfg.single_limit and not _one_unit(invt):
            return "-621005", f"清单[{h.orderNo}]的购买金额超过单笔限额[{cfg.single_limit}]"
        return None

    def _documents(self, h: m.InventoryHead) -> tuple[m.Order, m.PaymentHead, m.LogisticsHead] | str:
        order = self.state.orders.get(h.orderNo)
        pays = [p for p in self.state.payments.values() if _record(m.PaymentHead, p).orderNo == h.orderNo]
        bill = self.state.waybills.get(f"{h.logisticsCode}|{h.logisticsNo}")
        missing = [name for name, doc in (("order", order), ("payment", pays), ("waybill", bill)) if not doc]
        if missing:
            return "missing " + ", ".join(missing)
        return _record(m.Order, order), _record(m.PaymentHead, pays[0]), _record(m.LogisticsHead, bill)

    def _accept(self, invt: m.Inventory) -> list[Any]:
        h = invt.head
        self.state.serial += 1
        now = self.clock()
        pre_no = f"B{now:%Y%m%d}{self.state.serial:09d}"
        invt_no = f"{h.customsCode}{now:%Y}I{self.state.serial:09d}"
        value = dutiable_value(invt)
        self.state.add_used(h.buyerIdNumber, _year(h), value)
        release = self.config.release and h.orderNo not in self.config.hold_order_nos
        general = value > self.config.single_limit  # one unit of one SKU: general-trade tax (rule 4)
        lines = inventory_taxes(invt, self.config.tax_rates, general_trade=general)
        self.state.inventories[h.orderNo] = {
            "invtNo": invt_no, "preNo": pre_no, "status": RELEASED if release else ACCEPTED, "value": str(value),
            "year": _year(h), "buyer": _buyer_key(h.buyerIdNumber), "released_at": app_time(now) if release else "",
            "lines": {str(i.gnum): {"gcode": i.gcode, "qty": str(i.qty), "value": str(x.dutiable)}
                      for i, x in zip(invt.items, lines)},
        }
        out: list[Any] = [r.CEB622(returns=(self._invt_return(h, ACCEPTED, "新增申报成功", pre_no, invt_no),))]
        if release:
            out.append(r.CEB622(returns=(self._invt_return(h, RELEASED, "放行", pre_no, invt_no),)))
            out.append(r.CEB816(taxes=(tax_bill(invt, invt_no, lines, self._now()),)))
        return out

    def _invt_return(self, h: m.InventoryHead, status: str, info: str, pre_no: str | None = None,
                     invt_no: str | None = None) -> r.InventoryReturn:
        return r.InventoryReturn(
            guid=h.guid, customsCode=h.customsCode, ebpCode=h.ebpCode, ebcCode=h.ebcCode, agentCode=h.agentCode,
            copNo=(h.copNo or h.orderNo)[:20], preNo=pre_no or _pre_no(h.preNo), invtNo=invt_no,
            returnStatus=status, returnTime=self._now(), returnInfo=info,
        )


    # -- CEB623 cancellation, CEB625 return --------------------------------------------------------

    def _cancels(self, msg: m.CEB623, _: bytes) -> list[r.CEB624]:
        out = []
        for h in msg.cancels:
            invt, problem = self._listed(h, "-623003", "系统中不存在清单编号为[{}]的清单！")
            if problem is None and invt["status"] == CANCELLED:
                problem = "-623009", f"撤单清单[{h.invtNo}]已经申报过"
            elif problem is None and invt["status"] != ACCEPTED:  # released (return it) or refused
                problem = "-623005", f"清单的状态不符合撤单申报要求(清单编号[{h.invtNo}])！"
            if problem is None:
                invt["status"] = CANCELLED
                self._give_back(invt, Decimal(invt["value"]))
            out.append(self._request_return(r.InvtCancelReturn, h, invt, problem, "撤单审核通过"))
        return [r.CEB624(returns=tuple(out))]

    def _refunds(self, msg: m.CEB625, _: bytes) -> list[r.CEB626]:
        out = []
        for refund in msg.refunds:
            h = refund.head
            invt, problem = self._listed(h, "-625016", "查无此数据[{}]")
            problem = problem or self._refund_problem(refund, invt)
            if problem is None:
                invt["refunded"] = {str(i.gnum): str(i.qty) for i in refund.items}
                self._give_back(invt, sum((_share(invt["lines"][str(i.gnum)], i.qty) for i in refund.items),
                                          Decimal(0)))
            out.append(self._request_return(r.InvtRefundReturn, h, invt, problem, "退货审核通过"))
        return [r.CEB626(returns=tuple(out))]

    def _listed(self, h: m.InvtCancel | m.InvtRefundHead, code: str, text: str):
        invt = self.state.inventories.get(h.orderNo)
        if invt is None or invt["invtNo"] != h.invtNo:
            return None, (code, text.format(h.invtNo))
        return invt, None

    def _refund_problem(self, refund: m.InvtRefund, invt: dict[str, Any]) -> tuple[str, str] | None:
        h, lines = refund.head, invt.get("lines", {})
        if invt.get("refunded"):
            return "-625033", f"退货申请单[{h.invtNo}]已经申报过，请勿重复申报"
        if invt["status"] != RELEASED or not invt.get("released_at"):
            return "-625004", f"退货申请单申报失败，[清单[{h.invtNo}]未放行，不能退货]"
        days = (parse_app_time(h.appTime) - parse_app_time(invt["released_at"])).total_seconds() / 86400
        if days > REQUEST_DAYS:
            return "-625004", f"退货申请单申报失败，[清单[{h.invtNo}]放行已超过{REQUEST_DAYS}天，不予退货]"
        for item in refund.items:
            line = lines.get(str(item.gnum))
            if line is None or line["gcode"] != item.gcode:
                return "-625209", (f"退货申请单[{h.invtNo}],在关联的清单中未找到表体序号为[{item.gnum}],"
                                   f"商品编号为[{item.gcode}]的数据")
            if item.qty > Decimal(line["qty"]):
                return "-625001", (f"退货申请单报文校验失败，[表体第[{item.gnum}]项退货数量[{item.qty}]"
                                   f"大于清单数量[{line['qty']}]]")
        return None

    def _give_back(self, invt: dict[str, Any], value: Decimal) -> None:
        years = self.state.quota_used.setdefault(invt["buyer"], {})
        year = str(invt["year"])
        years[year] = str(max(Decimal(years.get(year, "0")) - value, Decimal(0)))

    def _request_return(self, cls: type, h: Any, invt: dict[str, Any] | None, problem: tuple[str, str] | None,
                        accepted: str) -> Any:
        status, info = (REJECTED, _info(*problem)) if problem else (r.ReturnStatus.CONCLUDED, accepted)
        return cls(guid=h.guid, customsCode=h.customsCode, agentCode=h.agentCode, ebpCode=h.ebpCode,
                   ebcCode=h.ebcCode, copNo=(h.copNo or h.orderNo)[:20],
                   preNo=(invt or {}).get("preNo") or _pre_no(h.preNo), invtNo=h.invtNo, returnStatus=status,
                   returnTime=self._now(), returnInfo=info)


def _year(h: m.InventoryHead) -> int:
    """Customs counts the quota in the year the list is declared (its appTime, China time)."""
    return int(h.appTime[:4])


def _share(line: dict[str, str], qty: Decimal) -> Decimal:
    """The returned units' part of a line's dutiable value, to the fen (the ledger's own rule)."""
    return returned_share(Decimal(line["value"]), qty, Decimal(line["qty"]))


def _one_unit(invt: m.Inventory) -> bool:
    return len(invt.items) == 1 and invt.items[0].qty == 1


def _pre_no(declared: str | None) -> str:
    """preNo is C18 in the receipt: the declared one if it has that form, else a blank number."""
    return declared if declared and len(declared) == 18 else "B" + "0" * 17


# --- customs' request for payment data (海关总署公告2018年第179号) ---------------------------------


def payment_data_sign_string(payload: dict) -> bytes:
    """What the platform signs: the four parts joined by ``||``, each as ``"name":"value"``."""
    parts = [("sessionID", payload["sessionID"]),
             ("payExchangeInfoHead", json.dumps(payload["payExchangeInfoHead"], ensure_ascii=False, separators=(",", ":"))),
             ("payExchangeInfoLists", json.dumps(payload["payExchangeInfoLists"], ensure_ascii=False, separators=(",", ":"))),
             ("serviceTime", str(payload["serviceTime"]))]
    return "||".join(f'"{name}":"{value}"' for name, value in parts).encode()


def sample_for_payment_data(order_nos: list[str], already: set[str], every: int = 3) -> list[str]:
    """Customs asks about a sample of declared orders: deterministically every ``every``-th by hash,
    so the demo exercises the request without asking about everything."""
    return [no for no in order_nos if no not in already
            and int(hashlib.sha1(no.encode()).hexdigest(), 16) % every == 0]  # noqa: S324 - sampling, not security


def check_payment_data(payload: dict, cert_pem: bytes) -> list[str]:
    """What real customs would find wrong with an uploaded answer (empty: accepted)."""
    from base64 import b64decode

    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    problems = [f"missing {name}" for name in ("sessionID", "payExchangeInfoHead", "payExchangeInfoLists",
                                               "serviceTime", "certNo", "signValue") if not payload.get(name)]
    if problems:
        return problems
    head = payload["payExchangeInfoHead"]
    problems += [f"payExchangeInfoHead lacks {name}" for name in ("guid", "initalRequest", "initalResponse", "ebpCode",
                                                                 "payCode", "payTransactionId", "totalAmount",
                                                                 "tradingTime") if not head.get(name)]
    try:
        x509.load_pem_x509_certificate(cert_pem).public_key().verify(
            b64decode(payload["signValue"]), payment_data_sign_string(payload), padding.PKCS1v15(), hashes.SHA1())  # noqa: S303 - customs spec
    except (InvalidSignature, ValueError):
        problems.append("signValue does not verify")
    return problems
