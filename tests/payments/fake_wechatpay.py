"""A local WeChat Pay API v3 that checks what the real one checks: the merchant's
WECHATPAY2-SHA256-RSA2048 Authorization (signature, serial, mchid, timestamp window) on every request,
the platform serial on encrypted fields; it signs every answer and notification with its platform
key, encrypts certificates and notification resources AES-256-GCM under the APIv3 key."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import time
import urllib.parse
import urllib.request
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .fake_common import FakeServer, sign, verifies

BEIJING = ZoneInfo("Asia/Shanghai")
AUTH = re.compile(r'(\w+)="([^"]*)"')


class FakeWeChatPay(FakeServer):
    def __init__(self, mchid, appid, merchant_cert_pem, merchant_serial, platform_key_pem, platform_cert_pem,
                 platform_serial, apiv3_key: bytes, fee_rate=Decimal("0.006"), declares=None):
        self.declares = declares  # (transaction_id, order_no, payer, amount, payTime): Tenpay's CEB411 to customs
        self.mchid, self.appid = mchid, appid
        self.merchant_cert_pem, self.merchant_serial = merchant_cert_pem, merchant_serial
        self.platform_key_pem, self.platform_cert_pem, self.platform_serial = platform_key_pem, platform_cert_pem, platform_serial
        self.apiv3_key, self.fee_rate = apiv3_key, fee_rate
        self.trades: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.customs: dict[str, dict] = {}
        self.rejected: list[str] = []

    # --- transport ------------------------------------------------------------------------------
    def handle(self, method, path, headers, body):
        problem = self._check_auth(method, path, headers, body)
        if problem:
            self.rejected.append(problem)
            return self._signed(401, {"code": "SIGN_ERROR", "message": problem})
        url = urllib.parse.urlsplit(path)
        query = dict(urllib.parse.parse_qsl(url.query))
        data = json.loads(body) if body else {}
        if url.path == "/v3/certificates":
            return self._signed(200, {"data": [self._encrypted_certificate()]})
        if url.path == "/v3/pay/transactions/native" and method == "POST":
            return self._native(data)
        if url.path.startswith("/v3/pay/transactions/out-trade-no/"):
            trade = self.trades.get(url.path.rsplit("/", 1)[1])
            return self._signed(200, self._transaction(trade)) if trade else self._signed(404, {"code": "ORDER_NOT_EXIST", "message": "订单不存在"})
        if url.path == "/v3/refund/domestic/refunds":
            return self._refund(data)
        if url.path == "/v3/global/customs/orders" and method == "POST":
            return self._declare(data, headers)
        if url.path == "/v3/global/customs/orders" and method == "GET":
            rec = self.customs.get(query.get("order_no"))
            return self._signed(200, {"data": [self._customs_answer(rec, "SUCCESS")] if rec else [], "limit": 20, "offset": 0})
        if url.path == "/v3/global/customs/redeclare":
            rec = self.customs.get(data.get("out_trade_no"))
            if rec is None:
                return self._signed(404, {"code": "ORDER_NOT_EXIST", "message": "no declaration"})
            rec["pushes"] += 1
            return self._signed(200, self._customs_answer(rec, "PROCESSING"))
        if url.path == "/v3/bill/tradebill":
            bill = self._bill(query["bill_date"]).encode()
            token = secrets.token_hex(8)
            self.bills = {token: bill}
            return self._signed(200, {"hash_type": "SHA1", "hash_value": hashlib.sha1(bill).hexdigest(),  # noqa: S324 - documented
                                      "download_url": f"{self.url}/v3/billdownload/file?token={token}"})
        if url.path == "/v3/billdownload/file":
            return 200, {"Content-Type": "text/plain"}, self.bills[query["token"]]
        return self._signed(404, {"code": "NOT_FOUND", "message": "no such API"})

    def _check_auth(self, method, path, headers, body) -> str:
        auth = headers.get("Authorization", "")
        if not auth.startswith("WECHATPAY2-SHA256-RSA2048 "):
            return "no WECHATPAY2-SHA256-RSA2048 Authorization"
        fields = dict(AUTH.findall(auth))
        if fields.get("mchid") != self.mchid or fields.get("serial_no") != self.merchant_serial:
            return "unknown mchid or merchant certificate serial"
        if abs(time.time() - int(fields.get("timestamp", "0"))) > 300:
            return "timestamp outside the window"
        message = f"{method}\n{path}\n{fields['timestamp']}\n{fields.get('nonce_str')}\n".encode() + body + b"\n"
        return "" if verifies(self.merchant_cert_pem, message, fields.get("signature", "")) else "signature does not verify"

    def signed_headers(self, body: bytes, timestamp: int | None = None) -> dict:
        ts, nonce = str(timestamp or int(time.time())), secrets.token_hex(16)
        return {"Wechatpay-Timestamp": ts, "Wechatpay-Nonce": nonce, "Wechatpay-Serial": self.platform_serial,
                "Wechatpay-Signature": sign(self.platform_key_pem, f"{ts}\n{nonce}\n".encode() + body + b"\n")}

    def _signed(self, status: int, payload: dict):
        body = json.dumps(payload, ensure_ascii=False).encode()
        return status, {"Content-Type": "application/json", **self.signed_headers(body)}, body

    def _encrypt(self, plain: bytes, associated: str) -> dict:
        nonce = secrets.token_hex(6)
        return {"algorithm": "AEAD_AES_256_GCM", "nonce": nonce, "associated_data": associated,
                "ciphertext": base64.b64encode(AESGCM(self.apiv3_key).encrypt(nonce.encode(), plain, associated.encode())).decode()}

    def _encrypted_certificate(self) -> dict:
        return {"serial_no": self.platform_serial, "effective_time": "2026-01-01T00:00:00+08:00",
                "expire_time": "2031-01-01T00:00:00+08:00",
                "encrypt_certificate": self._encrypt(self.platform_cert_pem, "certificate")}

    # --- payments -------------------------------------------------------------------------------
    def _native(self, data):
        if data.get("mchid") != self.mchid or data.get("appid") != self.appid:
            return self._signed(400, {"code": "PARAM_ERROR", "message": "appid/mchid"})
        no = data["out_trade_no"]
        self.trades.setdefault(no, {"out_trade_no": no, "total": int(data["amount"]["total"]), "state": "NOTPAY",
                                    "transaction_id": "42000" + secrets.token_hex(12), "notify_url": data["notify_url"],
                                    "success_time": None, "payer": None, "refunded": 0,
                                    "code_url": f"weixin://wxpay/bizpayurl?pr={secrets.token_hex(6)}"})
        return self._signed(200, {"code_url": self.trades[no]["code_url"]})

    def _transaction(self, t) -> dict:
        return {"appid": self.appid, "mchid": self.mchid, "out_trade_no": t["out_trade_no"],
                "transaction_id": t["transaction_id"], "trade_type": "NATIVE", "trade_state": t["state"],
                "success_time": t["success_time"], "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
                "amount": {"total": t["total"], "payer_total": t["total"], "currency": "CNY", "payer_currency": "CNY"}}

    def _refund(self, data):
        t = self.trades.get(data.get("out_trade_no"))
        if t is None or t["state"] != "SUCCESS":
            return self._signed(400, {"code": "INVALID_REQUEST", "message": "trade not paid"})
        amount = data["amount"]
        if data["out_refund_no"] not in self.refunds:
            if amount["total"] != t["total"] or t["refunded"] + amount["refund"] > t["total"]:
                return self._signed(400, {"code": "INVALID_REQUEST", "message": "refund amount"})
            t["refunded"] += amount["refund"]
            self.refunds[data["out_refund_no"]] = {"trade": t, "refund": amount["refund"],
                                                   "refund_id": "50300" + secrets.token_hex(10),
                                                   "time": datetime.now(BEIJING).isoformat(timespec="seconds")}
        r = self.refunds[data["out_refund_no"]]
        return self._signed(200, {"refund_id": r["refund_id"], "out_refund_no": data["out_refund_no"],
                                  "transaction_id": t["transaction_id"], "out_trade_no": t["out_trade_no"],
                                  "status": "SUCCESS", "success_time": r["time"],
                                  "amount": {"refund": r["refund"], "total": t["total"], "currency": "CNY"}})

    def _decrypt_field(self, value: str) -> str:
        key = serialization.load_pem_private_key(self.platform_key_pem, password=None)
        oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)  # noqa: S303 - documented
        return key.decrypt(base64.b64decode(value), oaep).decode()

    def _declare(self, data, headers):
        if headers.get("Wechatpay-Serial") != self.platform_serial:
            return self._signed(400, {"code": "PARAM_ERROR", "message": "Wechatpay-Serial is not a platform certificate"})
        t = self.trades.get(data.get("out_trade_no"))
        if t is None or t["state"] != "SUCCESS" or data.get("transaction_id") != t["transaction_id"]:
            return self._signed(400, {"code": "ORDER_NOT_EXIST", "message": "no paid transaction"})
        for name in ("appid", "mchid", "customs", "merchant_customs_no"):
            if not data.get(name):
                return self._signed(400, {"code": "PARAM_ERROR", "message": f"{name} missing"})
        payer = (self._decrypt_field(data["certificate_name"]), self._decrypt_field(data["certificate_id"]))
        rec = self.customs.setdefault(t["out_trade_no"], {"trade": t, "pushes": 0, "data": data})
        rec["pushes"] += 1
        rec["check"] = "SAME" if payer == t["payer"] else "DIFFERENT"
        rec["sub_order_id"] = "C" + secrets.token_hex(8) if data.get("sub_order_no") else ""
        if self.declares:
            pay_time = datetime.fromisoformat(t["success_time"]).astimezone(BEIJING).strftime("%Y%m%d%H%M%S")
            self.declares(t["transaction_id"], data.get("sub_order_no") or t["out_trade_no"], payer,
                          Decimal(data["order_fee"]) / 100, pay_time)
        return self._signed(200, self._customs_answer(rec, "PROCESSING"))

    def _customs_answer(self, rec, state: str) -> dict:
        t = rec["trade"]
        return {"appid": self.appid, "mchid": self.mchid, "out_trade_no": t["out_trade_no"],
                "transaction_id": t["transaction_id"], "customs": rec["data"]["customs"],
                "merchant_customs_no": rec["data"]["merchant_customs_no"], "state": state,
                "sub_order_no": rec["data"].get("sub_order_no", ""), "sub_order_id": rec["sub_order_id"],
                "cert_check_result": rec["check"], "verify_department": "UNIONPAY",
                "verify_department_trade_id": "2018112288340107038204310100000", "explanation": ""}

    def _bill(self, day: str) -> str:
        head = ["交易时间", "公众账号ID", "商户号", "微信订单号", "商户订单号", "交易类型", "交易状态", "应结订单金额",
                "微信退款单号", "商户退款单号", "退款金额", "退款状态", "商品名称", "手续费", "费率"]
        lines = [",".join(head)]

        def yuan(fen):
            return f"{Decimal(fen) / 100:.2f}"
        for t in self.trades.values():
            if t["success_time"] and t["success_time"].startswith(day):
                fee = (Decimal(t["total"]) / 100 * self.fee_rate).quantize(Decimal("0.01"))
                row = [t["success_time"], self.appid, self.mchid, t["transaction_id"], t["out_trade_no"], "NATIVE",
                       "SUCCESS", yuan(t["total"]), "0", "0", "0.00", "", "goods", f"{fee}", "0.60%"]
                lines.append(",".join("`" + v for v in row))
        for no, r in self.refunds.items():
            if r["time"].startswith(day):
                t = r["trade"]
                row = [r["time"], self.appid, self.mchid, t["transaction_id"], t["out_trade_no"], "NATIVE", "REFUND",
                       "0.00", r["refund_id"], no, yuan(r["refund"]), "SUCCESS", "goods", "0.00", "0.60%"]
                lines.append(",".join("`" + v for v in row))
        lines += ["总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额", "`1,`0.00,`0.00,`0.00,`0.00"]
        return "\n".join(lines) + "\n"

    # --- the buyer pays; WeChat Pay notifies ----------------------------------------------------
    def pay(self, out_trade_no: str, payer: tuple[str, str]) -> tuple[bytes, dict]:
        t = self.trades[out_trade_no]
        t["state"], t["payer"] = "SUCCESS", payer
        t["success_time"] = datetime.now(BEIJING).isoformat(timespec="seconds")
        return self.notification(out_trade_no)

    def notification(self, out_trade_no: str, timestamp: int | None = None) -> tuple[bytes, dict]:
        resource = self._encrypt(json.dumps(self._transaction(self.trades[out_trade_no])).encode(), "transaction")
        body = json.dumps({"id": os.urandom(8).hex(), "create_time": datetime.now(BEIJING).isoformat(timespec="seconds"),
                           "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
                           "summary": "支付成功", "resource": {**resource, "original_type": "transaction"}}).encode()
        return body, {"Content-Type": "application/json", **self.signed_headers(body, timestamp)}

    def send(self, url: str, body: bytes, headers: dict) -> tuple[int, bytes]:
        req = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310 - haitao's notify_url
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - haitao's notify_url
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
