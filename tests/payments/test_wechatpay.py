"""A purchase through the fake WeChat Pay (API v3) over real HTTP: signed requests, platform
certificates, AES-256-GCM notifications, customs push with encrypted payer fields, refund, statement;
forged, tampered, replayed and malformed notifications."""

from __future__ import annotations

import base64
import json
import time
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from haitao.common.errors import DomainError
from haitao.declarations import services as declarations
from haitao.declarations.worker import worker_tick
from haitao.orders.states import Status
from haitao.payments import services
from haitao.payments.ledger import reconcile
from haitao.payments.models import LedgerEntry, Payment, PaymentCallback, PaymentDeclaration, PaymentExchange

from .fake_common import sign

pytestmark = pytest.mark.django_db
URL = "/api/v1/payments/wechatpay/callback"
BEIJING = ZoneInfo("Asia/Shanghai")
PAYER = ("张三", "11010519491231002X")


def _notify(client, body: bytes, headers: dict):
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items() if k != "Content-Type"}
    return client.post(URL, data=body, content_type="application/json", **extra)


def _started(place):
    order = place()
    return order, services.start(order, "wechatpay")


def test_purchase_through_wechat_pay_is_paid_declared_and_refunded(client, wechat, place):
    order, payment = _started(place)
    assert payment.pay_url.startswith("weixin://wxpay/bizpayurl")
    assert wechat.rejected == []  # every request carried a valid merchant signature
    body, headers = wechat.pay(payment.reference, PAYER)
    resp = _notify(client, body, headers)
    assert resp.status_code == 200 and resp.json() == {"outcome": "paid"}
    order.refresh_from_db()
    assert order.status == Status.PAID  # the callback queued its declaration; the worker builds it
    declarations.declare_queued()
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == Status.DECLARED and payment.status == Payment.Status.SUCCEEDED
    assert payment.paid_at == datetime.fromisoformat(wechat.trades[payment.reference]["success_time"])
    assert payment.transaction_id == wechat.trades[payment.reference]["transaction_id"]
    # The customs push: the payer's name and ID travel RSA-OAEP encrypted to the platform certificate.
    assert services.push_customs() == 1
    decl = PaymentDeclaration.objects.get(payment=payment)
    assert (decl.status, decl.identity_check) == ("submitted", "same")
    sent = wechat.customs[payment.reference]["data"]
    assert PAYER[1] not in json.dumps(sent) and sent["order_fee"] == int(order.actual_paid * 100)
    assert services.poll_customs() == 1
    decl.refresh_from_db()
    assert decl.status == "succeeded"
    assert services.redeclare(decl) and wechat.customs[payment.reference]["pushes"] == 2
    for _ in range(6):
        worker_tick()
    order.refresh_from_db()
    assert order.status in (Status.RELEASED, Status.SHIPPED, Status.DELIVERED), list(order.declarations.values_list("return_info"))
    assert {"CEB311", "CEB511", "CEB621"} <= set(order.declarations.exclude(xml="").values_list("message_type", flat=True))
    # Refund through WeChat Pay, booked in the ledger; the statement agrees.
    row = services.refund(order, Decimal("10.00"), "damaged", key="damaged")
    assert row.status == "succeeded" and wechat.trades[payment.reference]["refunded"] == 1000
    assert row.provider_reference == wechat.refunds[row.reference]["refund_id"]
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED  # partly refunded
    assert LedgerEntry.objects.get(kind="refund").amount == Decimal("10.00")
    assert reconcile("wechatpay", datetime.now(BEIJING).date()) == []
    assert set(PaymentExchange.objects.filter(payment=payment).values_list("kind", flat=True)) >= {
        "create", "notify", "customs", "customs_query", "refund"}


def test_query_reads_the_provider_time(wechat, place):
    order, payment = _started(place)
    wechat.pay(payment.reference, PAYER)
    from haitao.payments.providers import known

    note = known("wechatpay").query(payment)
    assert note.status == "succeeded" and note.amount == order.actual_paid and note.paid_at is not None


def test_forged_notification_is_refused(client, wechat, place, keypairs):
    order, payment = _started(place)
    body, headers = wechat.pay(payment.reference, PAYER)
    ts, nonce = headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"]
    headers["Wechatpay-Signature"] = sign(keypairs["stranger"][0], f"{ts}\n{nonce}\n".encode() + body + b"\n")
    resp = _notify(client, body, headers)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_signature"
    order.refresh_from_db()
    assert order.status == Status.PENDING_PAYMENT and not PaymentCallback.objects.exists()


def test_tampered_notification_is_refused(client, wechat, place):
    order, payment = _started(place)
    body, headers = wechat.pay(payment.reference, PAYER)
    resp = _notify(client, body.replace(b'"TRANSACTION.SUCCESS"', b'"TRANSACTION.SUCCESZ"'), headers)
    assert resp.status_code == 401


def test_resource_not_encrypted_with_the_apiv3_key_is_refused(client, wechat, place):
    """Signed correctly, but the resource does not authenticate under the APIv3 key."""
    order, payment = _started(place)
    body, _ = wechat.pay(payment.reference, PAYER)
    envelope = json.loads(body)
    raw = bytearray(base64.b64decode(envelope["resource"]["ciphertext"]))
    raw[0] ^= 1
    envelope["resource"]["ciphertext"] = base64.b64encode(bytes(raw)).decode()
    body = json.dumps(envelope).encode()
    resp = _notify(client, body, wechat.signed_headers(body))
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_ciphertext"
    order.refresh_from_db()
    assert order.status == Status.PENDING_PAYMENT


def test_replayed_notification_changes_nothing_and_an_old_one_is_refused(client, wechat, place):
    order, payment = _started(place)
    body, headers = wechat.pay(payment.reference, PAYER)
    assert _notify(client, body, headers).json() == {"outcome": "paid"}
    assert _notify(client, body, headers).json() == {"outcome": "duplicate"}
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    old_body, old_headers = wechat.notification(payment.reference, timestamp=int(time.time()) - 3600)
    resp = _notify(client, old_body, old_headers)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "replayed_notification"


def test_malformed_notification_is_a_400(client, wechat, place):
    _started(place)  # the platform certificate is known
    body = b"{not json"
    resp = _notify(client, body, wechat.signed_headers(body))
    assert resp.status_code == 400 and set(resp.json()["error"]) >= {"code", "message", "field"}


def test_unsigned_notification_is_refused(client, wechat, place):
    _started(place)
    resp = client.post(URL, data=b"{}", content_type="application/json")
    assert resp.status_code == 401


def test_requests_signed_with_the_wrong_key_are_refused_by_wechat_pay(wechat, place, keypairs, tmp_path, monkeypatch):
    (tmp_path / "wrong.pem").write_bytes(keypairs["stranger"][0])
    monkeypatch.setenv("HAITAO_WECHATPAY_PRIVATE_KEY_FILE", str(tmp_path / "wrong.pem"))
    with pytest.raises(DomainError):
        services.start(place(), "wechatpay")
    assert "signature does not verify" in wechat.rejected


def test_a_payer_who_is_not_the_orderer_fails_the_customs_push(client, wechat, place):
    order, payment = _started(place)
    _notify(client, *wechat.pay(payment.reference, ("李四", "110105194912310029")))
    services.push_customs()
    decl = PaymentDeclaration.objects.get(payment=payment)
    assert (decl.status, decl.identity_check) == ("failed", "different")
