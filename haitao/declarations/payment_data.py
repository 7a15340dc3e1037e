"""Customs' request for payment data (海关总署公告2018年第179号): customs names an order (and a
session id); the platform uploads, signed, what the payment company actually exchanged with it for that
order — the original request and the provider's response — with the goods and the receiving account.

The answer is built from the stored :class:`PaymentExchange` rows, never re-created. In the demo the
local customs simulator asks about a sample of declared orders and checks each answer's signature.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import time
import urllib.parse
import uuid

from django.conf import settings

from haitao.common.errors import DomainError
from haitao.customs.folder_transport import write_atomic
from haitao.customs.formats import app_time
from haitao.customs.simulator import check_payment_data, payment_data_sign_string, sample_for_payment_data
from haitao.payments import services as payments
from haitao.payments.http import request as http_request
from haitao.payments.models import Payment, PaymentDataRequest
from haitao.payments.providers import known

from . import config as customs_config
from .models import Declaration

# The local customs reads at most this many declaration rows a look (an order has three to six).
SAMPLE_BATCH = 500


def _exchange_texts(payment: Payment) -> tuple[str, str]:
    """The original payment request and the provider's answer (for the sandbox: its callback)."""
    exchanges = list(payment.exchanges.all())
    create = next((e for e in exchanges if e.kind == "create"), None)
    notify = next((e for e in exchanges if e.kind == "notify"), None)
    request = create.request if create else (notify.request if notify else "")
    response = notify.request if notify else (create.response if create else "")
    return request, response


def build_answer(session_id: str, order_no: str) -> dict:
    """The 179 payment data of one customs order; a purchase's one payment answers for each of its
    sub-orders with that sub-order's own number, goods and amount."""
    from django.db.models import Q

    from haitao.orders.models import Order

    order = Order.objects.filter(number=order_no).first()
    paid_for = Q(order__number=order_no)
    if order is not None and order.purchase_id:
        paid_for |= Q(purchase_id=order.purchase_id)
    payment = (Payment.objects.select_related("order").filter(paid_for, status__in=(
        Payment.Status.SUCCEEDED, Payment.Status.REFUNDED)).order_by("-paid_at").first())
    if payment is None or order is None:
        raise DomainError("no_payment", f"Order {order_no} has no completed payment.", field="orderNo")
    request, response = _exchange_texts(payment)
    if not request or not response:
        raise DomainError("no_exchange", f"No stored payment exchange for order {order_no}.", field="orderNo")
    prov = known(payment.provider)
    base = settings.PUBLIC_BASE_URL
    head = {"guid": str(uuid.uuid4()).upper(), "initalRequest": request, "initalResponse": response,
            "ebpCode": settings.PLATFORM["ebp_code"], "payCode": prov.pay_code,
            "payTransactionId": payment.transaction_id, "totalAmount": float(order.actual_paid), "currency": "142",
            "verDept": "3", "payType": "1", "tradingTime": app_time(payment.paid_at), "note": ""}
    goods = [{"gname": line.title, "itemLink": f"{base}/s/{order.brand.code}/p/{line.sku.code}/"}
             for line in order.lines.select_related("sku").order_by("gnum")]
    lists = [{"orderNo": order.number, "goodsInfo": goods,
              "recpAccount": os.environ.get("HAITAO_RECEIVING_ACCOUNT", settings.PLATFORM["ebp_code"]),
              "recpCode": settings.PLATFORM["ebp_code"], "recpName": settings.PLATFORM["ebp_name"]}]
    payload = {"sessionID": session_id, "payExchangeInfoHead": head, "payExchangeInfoLists": lists,
               "serviceTime": int(time.time() * 1000)}
    signer = customs_config.signer()
    from cryptography import x509

    payload["certNo"] = format(x509.load_pem_x509_certificate(signer.cert_pem).serial_number, "x")
    payload["signValue"] = base64.b64encode(signer.sign_value(payment_data_sign_string(payload))).decode()
    return payload


def upload_to_customs(payload: dict) -> None:
    """POST the answer to customs' data-upload address (``payExInfoStr``)."""
    url = os.environ.get("HAITAO_CUSTOMS_DATA_UPLOAD_URL", "")
    if not url:
        raise DomainError("not_configured", "HAITAO_CUSTOMS_DATA_UPLOAD_URL is not set.")
    body = urllib.parse.urlencode({"payExInfoStr": json.dumps(payload, ensure_ascii=False)}).encode()
    resp = http_request("POST", url, body, {"Content-Type": "application/x-www-form-urlencoded"})
    answer = json.loads(resp.body or b"{}")
    if resp.status != 200 or str(answer.get("code")) != "10000":
        raise DomainError("customs_refused", f"Customs refused the payment data: {answer.get('message', resp.status)}")


def _simulator_upload(payload: dict) -> None:
    problems = check_payment_data(payload, customs_config.signer().cert_pem)
    if problems:
        raise DomainError("customs_refused", "; ".join(problems))


def payment_data_tick(limit: int = 20) -> dict[str, int]:
    """Answer customs' pending requests (uploaded to customs); in the demo the simulator first asks
    about a sample of declared orders, and the answers go to it."""
    if customs_config.simulator_mode() != "inprocess":
        if os.environ.get("HAITAO_CUSTOMS_DATA_UPLOAD_URL"):
            return {"payment data answered": payments.answer_data_requests(build_answer, upload_to_customs)}
        return {}
    _simulator_asks(limit)
    return {"payment data answered": payments.answer_data_requests(build_answer, _simulator_upload)}


def _simulator_asks(limit: int) -> None:
    """The local customs asks about a sample of the orders with a succeeded payment declared since its
    last look, at most ``limit`` a tick. It reads only the declarations after the last one it looked at
    (kept beside its state, like the rest of its memory): the worker runs this every few seconds, and
    reading every declared payment and every request each time grew with every order."""
    seen_file = customs_config.simulator_payment_data_file()
    seen_file.parent.mkdir(parents=True, exist_ok=True)
    with open(seen_file.with_name(seen_file.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one look at a time, so two workers never ask twice
        seen = int(seen_file.read_text() or 0) if seen_file.exists() else 0
        rows = list(Declaration.objects.filter(id__gt=seen).order_by("id")
                    .values_list("id", "order_id")[:SAMPLE_BATCH])
        if not rows:
            return
        paid = dict(Payment.objects.filter(status=Payment.Status.SUCCEEDED, order_id__in={o for _, o in rows})
                    .order_by().values_list("order_id", "order__number"))
        sampled = set(sample_for_payment_data(sorted(set(paid.values())), set()))
        asked = set(PaymentDataRequest.objects.filter(order_no__in=sampled).values_list("order_no", flat=True))
        to_ask: list[str] = []
        for decl_id, order_id in rows:
            number = paid.get(order_id)
            if number in sampled and number not in asked:
                if len(to_ask) == limit:
                    break  # this order and the rest at the next look
                to_ask.append(number)
                asked.add(number)
            seen = decl_id
        for number in to_ask:
            payments.receive_data_request(uuid.uuid4().hex, number)
        write_atomic(seen_file, str(seen).encode())
