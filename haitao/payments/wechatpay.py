"""WeChat Pay (API v3), written to WeChat Pay's public API documentation.

- Requests carry ``Authorization: WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,timestamp=…,serial_no=…,
  signature=…``: SHA256withRSA with the merchant's API key over ``METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n``.
- Answers and notifications are signed by WeChat Pay's *platform certificate*
  (``Wechatpay-Timestamp/-Nonce/-Signature/-Serial`` over ``TIMESTAMP\\nNONCE\\nBODY\\n``). Platform
  certificates come from ``GET /v3/certificates``, each encrypted AES-256-GCM under the APIv3 key
  (which authenticates them); they are cached and fetched again when an unknown serial appears.
- Notification resources are AES-256-GCM encrypted under the APIv3 key; nothing in them is read
  before the signature, the timestamp window and the authentication tag have been checked.
- Sensitive fields sent to WeChat Pay (the payer's name and ID in the customs push) are RSA-OAEP
  encrypted with the platform certificate named in ``Wechatpay-Serial``.

Customs (报关): ``POST /v3/global/customs/orders`` (sub-orders with ``sub_order_no``),
``GET /v3/global/customs/orders`` (its result) and ``POST /v3/global/customs/redeclare`` (re-push).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import secrets
import threading
import time
import urllib.parse
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from haitao.common.errors import DomainError, Unauthorized

from . import http
from .crypto import SignatureError, aes_gcm_decrypt, oaep_encrypt, rsa2_sign, rsa2_verify
from .providers import CustomsPush, CustomsResult, Exchange, Notification, ProviderRefund, Started, StatementRow

BASE_URL = "https://api.mch.weixin.qq.com"
MAX_SKEW_SECONDS = 300  # WeChat Pay's advice: refuse a signed message more than 5 minutes off
_certs: dict[str, bytes] = {}  # platform certificates by serial (PEM), shared by the threads of a process
_certs_lock = threading.Lock()


class ProviderError(DomainError):
    status = 502


def fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def yuan(value) -> Decimal:
    return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


def _header(headers, name: str) -> str:
    return headers.get(name) or headers.get(name.lower()) or ""


class WeChatPayProvider:
    code = "wechatpay"
    name = "财付通支付科技有限公司"
    pay_code = "4403169D3W"  # Tenpay's customs registration code (payCode)
    declares_customs = True

    # --- configuration --------------------------------------------------------------------------
    @property
    def mchid(self) -> str:
        return os.environ.get("HAITAO_WECHATPAY_MCHID", "")

    @property
    def appid(self) -> str:
        return os.environ.get("HAITAO_WECHATPAY_APPID", "")

    @property
    def base_url(self) -> str:
        return os.environ.get("HAITAO_WECHATPAY_BASE_URL", BASE_URL).rstrip("/")

    @property
    def apiv3_key(self) -> bytes:
        return os.environ.get("HAITAO_WECHATPAY_APIV3_KEY", "").encode()

    def _private_key(self) -> bytes:
        return Path(os.environ["HAITAO_WECHATPAY_PRIVATE_KEY_FILE"]).read_bytes()

    def config_problems(self) -> list[str]:
        problems = [f"{name}: missing" for name in ("HAITAO_WECHATPAY_MCHID", "HAITAO_WECHATPAY_APPID",
                                                   "HAITAO_WECHATPAY_CERT_SERIAL") if not os.environ.get(name)]
        if len(self.apiv3_key) != 32:
            problems.append("HAITAO_WECHATPAY_APIV3_KEY: missing or not 32 bytes")
        path = os.environ.get("HAITAO_WECHATPAY_PRIVATE_KEY_FILE", "")
        if not path or not Path(path).is_file():
            problems.append("HAITAO_WECHATPAY_PRIVATE_KEY_FILE: missing or unreadable")
        return problems

    # --- signed calls ---------------------------------------------------------------------------
    def _authorization(self, method: str, path: str, body: str) -> str:
        ts, nonce = str(int(time.time())), secrets.token_hex(16)
        signature = rsa2_sign(self._private_key(), f"{method}\n{path}\n{ts}\n{nonce}\n{body}\n".encode())
        return (f'WECHATPAY2-SHA256-RSA2048 mchid="{self.mchid}",nonce_str="{nonce}",signature="{signature}",'
                f'timestamp="{ts}",serial_no="{os.environ.get("HAITAO_WECHATPAY_CERT_SERIAL", "")}"')

    def _send(self, method: str, path: str, payload: dict | None = None, extra: dict | None = None) -> http.Response:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) if payload is not None else ""
        headers = {"Authorization": self._authorization(method, path, body), "Accept": "application/json",
                   "Content-Type": "application/json", **(extra or {})}
        return http.request(method, self.base_url + path, body.encode() if payload is not None else None, headers)

    def _call(self, method: str, path: str, kind: str, payload: dict | None = None,
              extra: dict | None = None) -> tuple[dict, Exchange]:
        resp = self._send(method, path, payload, extra)
        self._verify_signed(resp.headers, resp.body, ProviderError("provider_signature",
                                                                   f"WeChat Pay's answer to {path} does not verify."))
        answer = json.loads(resp.body) if resp.body else {}
        if resp.status >= 300:
            raise ProviderError("provider_refused", f"WeChat Pay refused {path}: {answer.get('code')} {answer.get('message')}")
        request_text = f"{method} {path}\n" + (json.dumps(payload, ensure_ascii=False) if payload is not None else "")
        return answer, Exchange(kind, request_text, resp.body.decode())

    def _verify_signed(self, headers, body: bytes, error: Exception) -> None:
        ts, nonce = _header(headers, "Wechatpay-Timestamp"), _header(headers, "Wechatpay-Nonce")
        serial, signature = _header(headers, "Wechatpay-Serial"), _header(headers, "Wechatpay-Signature")
        if not (ts and nonce and serial and signature):
            raise error
        cert = self.platform_certificate(serial)
        if cert is None:
            raise error
        cert = cert[1]
        try:
            rsa2_verify(cert, f"{ts}\n{nonce}\n".encode() + body + b"\n", signature)
        except SignatureError:
            raise error from None

    # --- platform certificates ------------------------------------------------------------------
    def platform_certificate(self, serial: str | None = None) -> tuple[str, bytes] | None:
        """(serial, PEM) of the platform certificate with this serial (the newest without), downloaded
        when unknown."""
        with _certs_lock:
            if not _certs or (serial and serial not in _certs):
                _certs.update(self._download_certificates())
            if serial:
                return (serial, _certs[serial]) if serial in _certs else None
            return list(_certs.items())[-1] if _certs else None

    def _download_certificates(self) -> dict[str, bytes]:
        resp = self._send("GET", "/v3/certificates")
        if resp.status != 200:
            raise ProviderError("provider_refused", f"WeChat Pay's certificate download answered {resp.status}.")
        certs = {}
        try:
            for item in json.loads(resp.body)["data"]:
                enc = item["encrypt_certificate"]
                certs[item["serial_no"]] = aes_gcm_decrypt(self.apiv3_key, enc["nonce"], enc["ciphertext"],
                                                           enc.get("associated_data", ""))
        except (SignatureError, ValueError, KeyError, TypeError):
            raise ProviderError("provider_signature", "WeChat Pay's certificates do not decrypt with the APIv3 key.") from None
        serial, signature = _header(resp.headers, "Wechatpay-Serial"), _header(resp.headers, "Wechatpay-Signature")
        ts, nonce = _header(resp.headers, "Wechatpay-Timestamp"), _header(resp.headers, "Wechatpay-Nonce")
        try:
            rsa2_verify(certs.get(serial, b""), f"{ts}\n{nonce}\n".encode() + resp.body + b"\n", signature)
        except (SignatureError, ValueError):
            raise ProviderError("provider_signature", "WeChat Pay's certificate list does not verify.") from None
        return certs

    # --- payments -------------------------------------------------------------------------------
    def start(self, payment) -> Started:
        order = payment.order
        answer, exchange = self._call("POST", "/v3/pay/transactions/native", "create", {
            "appid": self.appid, "mchid": self.mchid, "description": f"{order.brand.name} {order.number}",
            "out_trade_no": payment.reference,
            "notify_url": f"{settings.PUBLIC_BASE_URL}/api/v1/payments/wechatpay/callback",
            "amount": {"total": fen(payment.amount), "currency": "CNY"}})
        return Started(answer["code_url"], exchange)

    def verify(self, body: bytes, headers) -> Notification:
        self._verify_signed(headers, body, Unauthorized("invalid_signature",
                                                        "The notification signature does not verify.",
                                                        field="Wechatpay-Signature"))
        ts = _header(headers, "Wechatpay-Timestamp")
        if not ts.isdigit() or abs(time.time() - int(ts)) > MAX_SKEW_SECONDS:
            raise Unauthorized("replayed_notification", "The notification's timestamp is outside the window.",
                               field="Wechatpay-Timestamp")
        try:
            envelope = json.loads(body)
            resource = envelope["resource"]
            event_id = str(envelope["id"])
        except (ValueError, KeyError, TypeError):
            raise DomainError("malformed_notification", "The notification is not the documented JSON.") from None
        try:
            plain = aes_gcm_decrypt(self.apiv3_key, resource["nonce"], resource["ciphertext"],
                                    resource.get("associated_data", ""))
        except (SignatureError, KeyError, TypeError):
            raise Unauthorized("invalid_ciphertext", "The notification resource does not authenticate.",
                               field="resource") from None
        tx = json.loads(plain)
        if tx.get("mchid") != self.mchid:
            raise Unauthorized("wrong_recipient", "The notification is for another merchant.", field="mchid")
        return self._notification(event_id, tx, plain.decode())

    def _notification(self, event_id: str, tx: dict, raw: str) -> Notification:
        state = tx.get("trade_state", "")
        status = "succeeded" if state == "SUCCESS" else "failed" if state in {"CLOSED", "PAYERROR", "REVOKED"} else "pending"
        paid = datetime.fromisoformat(tx["success_time"]) if tx.get("success_time") else None
        return Notification(event_id, tx["out_trade_no"], status, yuan(tx["amount"]["total"]),
                            tx.get("transaction_id", ""), paid, raw=raw)

    def acknowledge(self, outcome: str):
        return {"outcome": outcome}  # WeChat Pay takes any 2xx as received

    def query(self, payment) -> Notification:
        path = f"/v3/pay/transactions/out-trade-no/{urllib.parse.quote(payment.reference)}?mchid={self.mchid}"
        answer, exchange = self._call("GET", path, "query")
        return self._notification("query:" + answer.get("transaction_id", ""), answer, exchange.response)

    def refund(self, payment, amount: Decimal, refund_reference: str, reason: str = "") -> ProviderRefund:
        """``out_refund_no`` is our refund reference (WeChat Pay refunds once per number); PROCESSING
        settles later (its refund notice or a query)."""
        answer, exchange = self._call("POST", "/v3/refund/domestic/refunds", "refund", {
            "out_trade_no": payment.reference, "out_refund_no": refund_reference, "reason": reason[:80] or None,
            "amount": {"refund": fen(amount), "total": fen(payment.amount), "currency": "CNY"}})
        return ProviderRefund(answer.get("refund_id", refund_reference), answer.get("status") == "SUCCESS", exchange)

    # --- customs (报关) --------------------------------------------------------------------------
    def _customs_ids(self, payment) -> dict:
        return {"appid": self.appid, "mchid": self.mchid, "out_trade_no": payment.reference,
                "transaction_id": payment.transaction_id,
                "customs": os.environ.get("HAITAO_WECHATPAY_CUSTOMS", "ZONGSHU"),
                "merchant_customs_no": settings.PLATFORM["ebp_code"]}

    def declare_customs(self, payment, push: CustomsPush, redeclare: bool = False) -> CustomsResult:
        if redeclare:
            payload = {**self._customs_ids(payment), "sub_order_no": push.sub_order_no or None}
            answer, exchange = self._call("POST", "/v3/global/customs/redeclare", "customs",
                                          {k: v for k, v in payload.items() if v})
            return self._customs_result(answer, exchange)
        serial, cert = self.platform_certificate()
        payload = {**self._customs_ids(payment), "fee_type": "CNY", "order_fee": fen(push.amount),
                   "transport_fee": fen(push.freight), "product_fee": fen(push.goods),
                   "certificate_type": "IDCARD", "certificate_id": oaep_encrypt(cert, push.payer_id_number),
                   "certificate_name": oaep_encrypt(cert, push.payer_name)}
        if push.sub_order_no:
            payload["sub_order_no"] = push.sub_order_no
        answer, exchange = self._call("POST", "/v3/global/customs/orders", "customs", payload,
                                      {"Wechatpay-Serial": serial})
        return self._customs_result(answer, exchange)

    def _customs_result(self, answer: dict, exchange: Exchange) -> CustomsResult:
        status = {"SUCCESS": "succeeded", "FAIL": "failed", "EXCEPT": "failed"}.get(answer.get("state", ""), "submitted")
        check = {"SAME": "same", "DIFFERENT": "different"}.get(answer.get("cert_check_result", ""), "unchecked")
        return CustomsResult(status, answer.get("sub_order_id") or answer.get("transaction_id", ""), check,
                             answer.get("explanation", ""), exchange)

    def customs_status(self, payment, request_no: str) -> CustomsResult:
        ids = self._customs_ids(payment)
        query = urllib.parse.urlencode({"appid": ids["appid"], "mchid": ids["mchid"], "order_type": "out_trade_no",
                                        "order_no": payment.reference, "customs": ids["customs"],
                                        "offset": 0, "limit": 20})
        answer, exchange = self._call("GET", f"/v3/global/customs/orders?{query}", "customs_query")
        records = answer.get("data") or [{}]
        return self._customs_result(records[0], exchange)

    # --- statement ------------------------------------------------------------------------------
    def statement(self, day) -> list[StatementRow]:
        answer, _ = self._call("GET", f"/v3/bill/tradebill?bill_date={day.isoformat()}&bill_type=ALL", "bill")
        url = urllib.parse.urlsplit(answer["download_url"])
        resp = self._send("GET", url.path + (f"?{url.query}" if url.query else ""))
        digest = hashlib.sha1(resp.body).hexdigest()  # noqa: S324 - the bill's announced hash_type
        if resp.status != 200 or digest != answer.get("hash_value", "").lower():
            raise ProviderError("provider_signature", "WeChat Pay's bill does not match its announced SHA1.")
        return parse_statement(resp.body.decode("utf-8-sig"))


def parse_statement(text: str) -> list[StatementRow]:
    """WeChat Pay's trade bill: a CSV whose values start with a backtick, then a summary block."""
    lines = text.splitlines()
    head = [c.strip() for c in next(csv.reader([lines[0]]))]
    out = []
    for row in csv.reader(lines[1:]):
        values = [c.strip().lstrip("`") for c in row]
        if len(values) != len(head):
            break  # the summary block (总交易单数, …) follows the details
        rec = dict(zip(head, values))
        refund = rec.get("退款金额", "0.00") not in ("", "0.00", "0")
        amount = Decimal(rec["退款金额"] if refund else rec["应结订单金额"])
        fee = Decimal(rec.get("手续费") or "0")
        out.append(StatementRow("refund" if refund else "payment", rec["微信订单号"], rec["商户订单号"],
                                abs(amount), abs(fee), rec.get("商户退款单号", "") if refund else ""))
    return out
