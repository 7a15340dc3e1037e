"""A local Alipay OpenAPI gateway that speaks the documented protocol and checks what the real one
checks: the app's RSA2 signature on every request, the app id, amounts, refund limits, the trade's
state; it signs every answer and notification with "Alipay's" key."""

from __future__ import annotations

import csv
import io
import json
import secrets
import urllib.parse
import urllib.request
import zipfile
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from .fake_common import FakeServer, sign, verifies

BEIJING = ZoneInfo("Asia/Shanghai")


def content(params: dict, skip: tuple[str, ...]) -> bytes:
    keys = sorted(k for k, v in params.items() if k not in skip and v != "")
    return "&".join(f"{k}={params[k]}" for k in keys).encode()


def now_text() -> str:
    return datetime.now(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


class FakeAlipay(FakeServer):
    def __init__(self, app_id: str, app_public_pem: bytes, alipay_key_pem: bytes, fee_rate=Decimal("0.006"),
                 declares=None):
        self.declares = declares  # (transaction_id, order_no, payer, amount, payTime): Alipay's CEB411 to customs
        self.app_id, self.app_public_pem, self.alipay_key_pem = app_id, app_public_pem, alipay_key_pem
        self.fee_rate = fee_rate
        self.trades: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.declarations: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.customs_status = "SUCC"  # what customs.query answers for a declaration pushed ("sending": undecided)
        self.customs_query_refused: set[str] = set()  # out_request_nos whose query fails (a system error)

    # --- the gateway ----------------------------------------------------------------------------
    def handle(self, method, path, headers, body):
        if path.startswith("/bill/"):
            return 200, {"Content-Type": "application/zip"}, self._bill(path.split("/")[-1].removesuffix(".zip"))
        params = dict(urllib.parse.parse_qsl(body.decode()))
        self.requests.append(params)
        name = params.get("method", "")
        node = name.replace(".", "_") + "_response"
        if params.get("app_id") != self.app_id:
            return self._answer(node, {"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-app-id"})
        if not verifies(self.app_public_pem, content(params, ("sign",)), params.get("sign", "")):
            return self._answer(node, {"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-signature"})
        biz = json.loads(params.get("biz_content") or "{}")
        handler = {"alipay.trade.precreate": self._precreate, "alipay.trade.query": self._query,
                   "alipay.trade.refund": self._refund, "alipay.trade.customs.declare": self._declare,
                   "alipay.trade.customs.query": self._customs_query,
                   "alipay.data.dataservice.bill.downloadurl.query": self._bill_url}.get(name)
        if handler is None:
            return self._answer(node, {"code": "40004", "msg": "Business Failed", "sub_code": "isv.invalid-method"})
        return self._answer(node, handler(biz, params))

    def _answer(self, node: str, payload: dict):
        if "code" not in payload:
            payload = {"code": "10000", "msg": "Success", **payload}
        node_text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        text = '{"%s":%s,"sign":"%s"}' % (node, node_text, sign(self.alipay_key_pem, node_text.encode()))
        return 200, {"Content-Type": "application/json;charset=utf-8"}, text.encode()

    @staticmethod
    def _fail(sub_code: str) -> dict:
        return {"code": "40004", "msg": "Business Failed", "sub_code": sub_code}

    def _precreate(self, biz, params):
        no = biz["out_trade_no"]
        if no in self.trades:
            return {"out_trade_no": no, "qr_code": self.trades[no]["qr_code"]}
        trade = {"out_trade_no": no, "total_amount": Decimal(biz["total_amount"]), "status": "WAIT_BUYER_PAY",
                 "trade_no": datetime.now().strftime("%Y%m%d") + secrets.token_hex(10),
                 "qr_code": f"https://qr.alipay.com/bax0{secrets.token_hex(8)}", "notify_url": params.get("notify_url"),
                 "refunded": Decimal(0), "payer": None, "gmt_payment": None}
        self.trades[no] = trade
        return {"out_trade_no": no, "qr_code": trade["qr_code"]}

    def _query(self, biz, params):
        trade = self.trades.get(biz.get("out_trade_no"))
        if trade is None:
            return self._fail("ACQ.TRADE_NOT_EXIST")
        return {"out_trade_no": trade["out_trade_no"], "trade_no": trade["trade_no"],
                "trade_status": trade["status"], "total_amount": str(trade["total_amount"]),
                "send_pay_date": trade["gmt_payment"] or ""}

    def _refund(self, biz, params):
        trade = self.trades.get(biz.get("out_trade_no"))
        if trade is None or trade["status"] != "TRADE_SUCCESS":
            return self._fail("ACQ.TRADE_STATUS_ERROR")
        if biz["out_request_no"] in self.refunds:  # the same request: answered again, paid once
            return {"trade_no": trade["trade_no"], "out_trade_no": trade["out_trade_no"], "fund_change": "N",
                    "refund_fee": str(trade["refunded"])}
        amount = Decimal(biz["refund_amount"])
        if amount <= 0 or trade["refunded"] + amount > trade["total_amount"]:
            return self._fail("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL")
        trade["refunded"] += amount
        self.refunds[biz["out_request_no"]] = {"trade": trade, "amount": amount, "time": now_text()}
        return {"trade_no": trade["trade_no"], "out_trade_no": trade["out_trade_no"], "fund_change": "Y",
                "refund_fee": str(trade["refunded"]), "gmt_refund_pay": now_text()}

    def _declare(self, biz, params):
        trade = next((t for t in self.trades.values() if t["trade_no"] == biz.get("trade_no")), None)
        if trade is None or trade["status"] != "TRADE_SUCCESS":
            return self._fail("TRADE_NOT_EXIST")
        for name in ("out_request_no", "merchant_customs_code", "merchant_customs_name", "amount", "customs_place"):
            if not biz.get(name):
                return self._fail("ILLEGAL_ARGUMENT")
        if Decimal(biz["amount"]) > trade["total_amount"]:
            return self._fail("AMOUNT_OVER_LIMIT")
        if biz.get("is_split") in ("T", "t") and not biz.get("sub_out_biz_no"):
            return self._fail("SUB_OUT_BIZ_NO_REQUIRED")
        buyer = biz.get("buyer_info") or {}
        same = (buyer.get("buyer_name"), buyer.get("buyer_cert_no")) == trade["payer"]
        record = self.declarations.setdefault(biz["out_request_no"], {
            "alipay_declare_no": "2026" + secrets.token_hex(8), "biz": biz, "pushes": 0})
        record["pushes"] += 1
        if self.declares and record["pushes"] == 1:  # a re-push of a record customs holds sends nothing new
            order_no = biz.get("sub_out_biz_no") or trade["out_trade_no"]
            pay_time = trade["gmt_payment"].replace("-", "").replace(" ", "").replace(":", "")
            self.declares(trade["trade_no"], order_no, (buyer.get("buyer_name"), buyer.get("buyer_cert_no")),
                          Decimal(biz["amount"]), pay_time)
        return {"trade_no": trade["trade_no"], "alipay_declare_no": record["alipay_declare_no"],
                "pay_code": "31222699S7", "pay_transaction_id": trade["trade_no"],
                "total_amount": str(trade["total_amount"]), "currency": "CNY", "ver_dept": "1",
                "identity_check": "T" if same else "F"}

    def _customs_query(self, biz, params):
        asked = biz.get("out_request_nos", "").split(",")
        if self.customs_query_refused.intersection(asked):
            return self._fail("ACQ.SYSTEM_ERROR")
        records = [{"out_request_no": no, "alipay_declare_no": self.declarations[no]["alipay_declare_no"],
                    "status": self.customs_status, "customs_result_info": "海关审核通过"}
                   for no in asked if no in self.declarations]
        return {"records": records}

    def _bill_url(self, biz, params):
        return {"bill_download_url": f"{self.url}/bill/{biz['bill_date']}.zip"}

    def _bill(self, day: str) -> bytes:
        head = ["支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间", "完成时间", "订单金额（元）",
                "商家实收（元）", "退款批次号/请求号", "服务费（元）", "备注"]
        out = io.StringIO()
        out.write("#支付宝业务明细查询\n#账号：[20880000000000000156]\n")
        writer = csv.writer(out)
        writer.writerow(head)
        for t in self.trades.values():
            if t["gmt_payment"] and t["gmt_payment"].startswith(day):
                fee = (t["total_amount"] * self.fee_rate).quantize(Decimal("0.01"))
                writer.writerow([t["trade_no"], t["out_trade_no"], "交易", "goods", t["gmt_payment"], t["gmt_payment"],
                                 str(t["total_amount"]), str(t["total_amount"]), "", f"-{fee}", ""])
        for no, r in self.refunds.items():
            if r["time"].startswith(day):
                t = r["trade"]
                writer.writerow([t["trade_no"], t["out_trade_no"], "退款", "goods", r["time"], r["time"],
                                 f"-{r['amount']}", f"-{r['amount']}", no, "0.00", ""])
        out.write("#业务明细列表结束\n")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as archive:
            archive.writestr(f"20880000000000000156_{day}_业务明细.csv", out.getvalue().encode("gbk"))
            archive.writestr(f"20880000000000000156_{day}_业务明细(汇总).csv", "#汇总\n".encode("gbk"))
        return buf.getvalue()

    # --- the buyer pays; Alipay notifies --------------------------------------------------------
    def notification(self, out_trade_no: str, notify_time: str | None = None, **override) -> bytes:
        t = self.trades[out_trade_no]
        params = {"notify_time": notify_time or now_text(), "notify_type": "trade_status_sync",
                  "notify_id": secrets.token_hex(16), "app_id": self.app_id, "charset": "utf-8", "version": "1.0",
                  "sign_type": "RSA2", "trade_no": t["trade_no"], "out_trade_no": out_trade_no,
                  "trade_status": t["status"], "total_amount": str(t["total_amount"]),
                  "receipt_amount": str(t["total_amount"]), "gmt_payment": t["gmt_payment"] or "",
                  "buyer_logon_id": "buy***@example.com", **override}
        params["sign"] = sign(self.alipay_key_pem, content(params, ("sign", "sign_type")))
        return urllib.parse.urlencode(params).encode()

    def pay(self, out_trade_no: str, payer: tuple[str, str], gmt_payment: str | None = None) -> bytes:
        t = self.trades[out_trade_no]
        t["status"], t["payer"], t["gmt_payment"] = "TRADE_SUCCESS", payer, gmt_payment or now_text()
        return self.notification(out_trade_no)

    def send(self, body: bytes, url: str | None = None) -> tuple[int, bytes]:
        """POST a notification the way Alipay does (form body) to haitao's notify_url."""
        req = urllib.request.Request(url, data=body, method="POST",  # noqa: S310 - haitao's notify_url
                                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - haitao's notify_url
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
