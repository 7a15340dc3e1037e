"""Alipay (cross-border inbound, OpenAPI gateway), written to Alipay's public API documentation.

Every request is a form POST to the gateway carrying the common parameters and ``biz_content``, signed
RSA2 (SHA256withRSA) over the sorted ``k=v&…`` string of all non-empty parameters but ``sign``; every
answer is JSON ``{"<method>_response": {...}, "sign": "..."}`` whose signature covers the exact text
of the response node and is checked with Alipay's public key before the answer is believed.
Asynchronous notifications are form posts signed the same way (``sign`` and ``sign_type`` excluded);
haitao answers the literal ``success``.

Methods: ``alipay.trade.precreate`` (QR pay URL), ``alipay.trade.query``, ``alipay.trade.refund``,
``alipay.data.dataservice.bill.downloadurl.query`` (the zipped CSV statement) and
``alipay.trade.customs.declare`` / ``alipay.trade.customs.query`` — the OpenAPI form of
``alipay.acquire.customs`` (报关: the payment record pushed to customs with the payer's name and ID;
calling again with the same ``out_request_no`` re-pushes; ``is_split``/``sub_out_biz_no`` split).
"""

from __future__ import annotations

import csv
import io
import json
import os
import urllib.parse
import zipfile
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from haitao.common.errors import DomainError, Unauthorized

from . import http
from .crypto import SignatureError, rsa2_sign, rsa2_verify
from .providers import CustomsPush, CustomsResult, Exchange, Notification, ProviderRefund, Started, StatementRow, decimal_amount

BEIJING = ZoneInfo("Asia/Shanghai")
GATEWAY = "https://openapi.alipay.com/gateway.do"
# Alipay retries a notification for about 25 hours; anything older is a replay, not a retry.
NOTIFY_MAX_AGE = timedelta(hours=26)
NOTIFY_FIELDS = ("notify_id", "notify_time", "app_id", "out_trade_no", "trade_no", "trade_status", "total_amount")


class ProviderError(DomainError):
    status = 502


def signing_string(params: dict, exclude: tuple[str, ...] = ("sign",)) -> bytes:
    return "&".join(f"{k}={params[k]}" for k in sorted(params) if k not in exclude and params[k] not in ("", None)).encode()


def response_node_text(body: str, node: str) -> str:
    """The exact JSON text of ``node`` in the answer: the signature covers these bytes, not a re-dump."""
    key = f'"{node}"'
    at = body.find(key)
    if at < 0:
        raise ProviderError("provider_protocol", f"Alipay's answer lacks {node}.")
    start = body.index(":", at + len(key)) + 1
    while body[start].isspace():
        start += 1
    _, end = json.JSONDecoder().raw_decode(body, start)
    return body[start:end]


def beijing_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
    except ValueError:
        raise DomainError("malformed_notification", f"'{text}' is not an Alipay time.", field="notify_time") from None


class AlipayProvider:
    code = "alipay"
    name = "支付宝（中国）网络技术有限公司"
    pay_code = "31222699S7"  # Alipay's customs registration code (payCode)
    declares_customs = True

    # --- configuration (read on use: 12-factor) -------------------------------------------------
    @staticmethod
    def _read(name: str) -> bytes:
        path = os.environ.get(name, "")
        return Path(path).read_bytes() if path else b""

    @property
    def app_id(self) -> str:
        return os.environ.get("HAITAO_ALIPAY_APP_ID", "")

    @property
    def gateway(self) -> str:
        return os.environ.get("HAITAO_ALIPAY_GATEWAY", GATEWAY)

    def config_problems(self) -> list[str]:
        problems = [] if self.app_id else ["HAITAO_ALIPAY_APP_ID: missing"]
        for name in ("HAITAO_ALIPAY_PRIVATE_KEY_FILE", "HAITAO_ALIPAY_PUBLIC_KEY_FILE"):
            try:
                if not self._read(name):
                    problems.append(f"{name}: missing")
            except OSError as exc:
                problems.append(f"{name}: unreadable ({exc.strerror})")
        return problems

    # --- signed calls ---------------------------------------------------------------------------
    def _call(self, method: str, biz: dict, kind: str, notify_url: str = "") -> tuple[dict, Exchange]:
        params = {"app_id": self.app_id, "method": method, "format": "JSON", "charset": "utf-8",
                  "sign_type": "RSA2", "version": "1.0", "notify_url": notify_url,
                  "timestamp": timezone.now().astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
                  "biz_content": json.dumps(biz, ensure_ascii=False, separators=(",", ":"))}
        params = {k: v for k, v in params.items() if v}
        params["sign"] = rsa2_sign(self._read("HAITAO_ALIPAY_PRIVATE_KEY_FILE"), signing_string(params))
        body = urllib.parse.urlencode(params).encode()
        resp = http.request("POST", self.gateway + "?charset=utf-8", body,
                            {"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"})
        text = resp.body.decode("utf-8", "replace")
        node = method.replace(".", "_") + "_response"
        node_text = response_node_text(text, node)
        try:
            sign = json.loads(text).get("sign", "")
            rsa2_verify(self._read("HAITAO_ALIPAY_PUBLIC_KEY_FILE"), node_text.encode(), sign)
        except (SignatureError, ValueError, AttributeError):
            raise ProviderError("provider_signature", f"Alipay's answer to {method} does not verify.") from None
        answer = json.loads(node_text)
        if answer.get("code") != "10000":
            raise ProviderError("provider_refused", f"Alipay refused {method}: {answer.get('sub_code')} "
                                f"{answer.get('sub_msg') or answer.get('msg')}")
        return answer, Exchange(kind, body.decode(), text)

    # --- payments -------------------------------------------------------------------------------
    def start(self, payment) -> Started:
        order = payment.order
        answer, exchange = self._call("alipay.trade.precreate", {
            "out_trade_no": payment.reference, "total_amount": str(payment.amount),
            "subject": f"{order.brand.name} {order.number}", "timeout_express": "30m",
        }, "create", notify_url=f"{settings.PUBLIC_BASE_URL}/api/v1/payments/alipay/callback")
        return Started(answer["qr_code"], exchange)

    def verify(self, body: bytes, headers) -> Notification:
        try:
            pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
        except (UnicodeDecodeError, ValueError):
            raise DomainError("malformed_notification", "The notification is not a form body.") from None
        params = dict(pairs)
        if not params.get("sign"):
            raise Unauthorized("invalid_signature", "The notification is not signed.", field="sign")
        try:
            rsa2_verify(self._read("HAITAO_ALIPAY_PUBLIC_KEY_FILE"), signing_string(params, ("sign", "sign_type")),
                        params["sign"])
        except SignatureError:
            raise Unauthorized("invalid_signature", "The notification signature does not verify.", field="sign") from None
        missing = [name for name in NOTIFY_FIELDS if not params.get(name)]
        if missing:
            raise DomainError("malformed_notification", f"The notification lacks '{missing[0]}'.", field=missing[0])
        if params["app_id"] != self.app_id:
            raise Unauthorized("wrong_recipient", "The notification is for another Alipay app.", field="app_id")
        sent = beijing_time(params["notify_time"])
        if timezone.now() - sent > NOTIFY_MAX_AGE:
            raise Unauthorized("replayed_notification", "The notification is too old to be a retry.",
                               field="notify_time")
        status = {"TRADE_SUCCESS": "succeeded", "TRADE_FINISHED": "succeeded",
                  "TRADE_CLOSED": "failed"}.get(params["trade_status"], "pending")
        return Notification(params["notify_id"], params["out_trade_no"], status,
                            decimal_amount(params["total_amount"], "total_amount"), params["trade_no"],
                            beijing_time(params.get("gmt_payment")), raw=body.decode())

    def acknowledge(self, outcome: str):
        return HttpResponse("success", content_type="text/plain")  # anything else and Alipay retries

    def query(self, payment) -> Notification:
        answer, exchange = self._call("alipay.trade.query", {"out_trade_no": payment.reference}, "query")
        status = {"TRADE_SUCCESS": "succeeded", "TRADE_FINISHED": "succeeded",
                  "TRADE_CLOSED": "failed"}.get(answer.get("trade_status"), "pending")
        return Notification("query:" + answer.get("trade_no", ""), answer["out_trade_no"], status,
                            Decimal(answer["total_amount"]), answer.get("trade_no", ""),
                            beijing_time(answer.get("send_pay_date")), raw=exchange.response)

    def refund(self, payment, amount: Decimal, refund_reference: str, reason: str = "") -> ProviderRefund:
        """``out_request_no`` is our refund reference: Alipay refunds once per number, however often asked.
        A synchronous success is the money moved (``fund_change`` Y, or N on a repeat of a done refund)."""
        answer, exchange = self._call("alipay.trade.refund", {
            "out_trade_no": payment.reference, "refund_amount": str(amount), "out_request_no": refund_reference,
            "refund_reason": reason[:256]}, "refund")
        return ProviderRefund(refund_reference, answer.get("fund_change") in ("Y", "N"), exchange)

    # --- customs (报关) --------------------------------------------------------------------------
    def declare_customs(self, payment, push: CustomsPush, redeclare: bool = False) -> CustomsResult:
        biz = {"out_request_no": push.request_no, "trade_no": payment.transaction_id,
               "merchant_customs_code": settings.PLATFORM["ebp_code"],
               "merchant_customs_name": settings.PLATFORM["ebp_name"], "amount": str(push.amount),
               "customs_place": os.environ.get("HAITAO_ALIPAY_CUSTOMS_PLACE", "ZONGSHU"),
               "buyer_info": {"buyer_name": push.payer_name, "buyer_cert_no": push.payer_id_number,
                              "buyer_cert_type": "ID_CARD"}}
        if push.sub_order_no:
            biz.update(is_split="T", sub_out_biz_no=push.sub_order_no)
        answer, exchange = self._call("alipay.trade.customs.declare", biz, "customs")
        check = {"T": "same", "F": "different"}.get(answer.get("identity_check", ""), "unchecked")
        return CustomsResult("submitted", answer.get("alipay_declare_no", ""), check, "", exchange)

    def customs_status(self, payment, request_no: str) -> CustomsResult:
        answer, exchange = self._call("alipay.trade.customs.query", {"out_request_nos": request_no}, "customs_query")
        record = next((r for r in answer.get("records", []) if r.get("out_request_no") == request_no), {})
        status = {"SUCC": "succeeded", "FAIL": "failed"}.get(record.get("status", ""), "submitted")
        return CustomsResult(status, record.get("alipay_declare_no", ""), "unchecked",
                             record.get("customs_result_info", ""), exchange)

    # --- statement ------------------------------------------------------------------------------
    def statement(self, day) -> list[StatementRow]:
        answer, _ = self._call("alipay.data.dataservice.bill.downloadurl.query",
                               {"bill_type": "trade", "bill_date": day.isoformat()}, "bill")
        resp = http.request("GET", answer["bill_download_url"])
        if resp.status != 200:
            raise ProviderError("provider_refused", f"Alipay's bill download answered {resp.status}.")
        return parse_statement(resp.body)


def parse_statement(zipped: bytes) -> list[StatementRow]:
    """The detail CSV of Alipay's zipped trade bill (GBK, '#' comment lines, 业务类型 交易/退款)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(zipped))
        name = next(n for n in archive.namelist() if "汇总" not in n)
        text = archive.read(name).decode("gbk")
    except (zipfile.BadZipFile, StopIteration, UnicodeDecodeError):
        raise ProviderError("provider_protocol", "Alipay's bill is not the documented zipped CSV.") from None
    rows = [line for line in csv.reader(io.StringIO(text)) if line and not line[0].startswith("#")]
    head, out = [c.strip() for c in rows[0]], []
    for row in rows[1:]:
        rec = dict(zip(head, (c.strip() for c in row)))
        if not rec.get("支付宝交易号"):
            continue
        refund = rec.get("业务类型") == "退款"
        out.append(StatementRow("refund" if refund else "payment", rec["支付宝交易号"], rec["商户订单号"],
                                abs(Decimal(rec["订单金额（元）"])), abs(Decimal(rec.get("服务费（元）") or "0")),
                                rec.get("退款批次号/请求号", "") if refund else ""))
    return out
