"""A purchase through the fake Alipay over real HTTP: payment, verified notification, customs push
(报关), paid and declared, refund, statement; forged, tampered, replayed and malformed notifications."""

from __future__ import annotations

import urllib.parse
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from haitao.common.errors import DomainError
from haitao.declarations.config import platform
from haitao.declarations.mapping import payment_message
from haitao.declarations.models import Declaration
from haitao.declarations import services as declarations
from haitao.declarations.worker import worker_tick
from haitao.orders.states import Status
from haitao.payments import services
from haitao.payments.ledger import reconcile
from haitao.payments.models import LedgerEntry, Payment, PaymentCallback, PaymentDeclaration

from .fake_alipay import content
from .fake_common import sign

pytestmark = pytest.mark.django_db
URL = "/api/v1/payments/alipay/callback"
BEIJING = ZoneInfo("Asia/Shanghai")
PAYER = ("张三", "11010519491231002X")


def _notify(client, body: bytes):
    return client.post(URL, data=body, content_type="application/x-www-form-urlencoded; charset=utf-8")


def _started(place):
    order = place()
    payment = services.start(order, "alipay")
    return order, payment


def test_purchase_through_alipay_is_paid_declared_and_refunded(client, alipay, place):
    order, payment = _started(place)
    assert payment.pay_url.startswith("https://qr.alipay.com/")
    assert alipay.requests[-1]["method"] == "alipay.trade.precreate"
    paid_at = (datetime.now(BEIJING) - timedelta(minutes=3)).strftime("%Y-%m-%d %H:%M:%S")
    resp = _notify(client, alipay.pay(payment.reference, PAYER, gmt_payment=paid_at))
    assert resp.status_code == 200 and resp.content == b"success"
    order.refresh_from_db()
    assert order.status == Status.PAID  # the callback queued its declaration; the worker builds it
    declarations.declare_queued()
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == Status.DECLARED and payment.status == Payment.Status.SUCCEEDED
    # payTime is Alipay's transaction time, not the moment haitao processed the notification.
    assert payment.paid_at == datetime.strptime(paid_at, "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
    assert payment_message(order, payment, platform(), platform()).payments[0].head.payTime == paid_at.replace(
        "-", "").replace(" ", "").replace(":", "")
    # Alipay declares its own payment record: the CEB411 is external, pushed through its customs API.
    assert order.declarations.get(message_type="CEB411").status == Declaration.Status.EXTERNAL
    assert services.push_customs() == 1
    decl = PaymentDeclaration.objects.get(payment=payment)
    assert (decl.status, decl.identity_check) == ("submitted", "same")
    pushed = next(iter(alipay.declarations.values()))["biz"]
    assert pushed["buyer_info"] == {"buyer_name": "张三", "buyer_cert_no": PAYER[1], "buyer_cert_type": "ID_CARD"}
    assert (pushed["trade_no"], pushed["amount"]) == (payment.transaction_id, str(order.actual_paid))
    assert services.poll_customs() == 1
    decl.refresh_from_db()
    assert decl.status == "succeeded"
    assert services.redeclare(decl) and next(iter(alipay.declarations.values()))["pushes"] == 2
    for _ in range(6):
        worker_tick()
    order.refresh_from_db()
    assert order.status in (Status.RELEASED, Status.SHIPPED, Status.DELIVERED), list(order.declarations.values_list("return_info"))
    kinds = set(order.declarations.exclude(xml="").values_list("message_type", flat=True))
    assert {"CEB311", "CEB511", "CEB621"} <= kinds
    # Refund (payments.refund, as returns and cancellations call it): back through Alipay, into the ledger.
    row = services.refund(order, order.actual_paid, "customer cancelled", key="cancel")
    assert row.status == "succeeded" and row.reference in alipay.refunds
    trade = alipay.trades[payment.reference]
    assert trade["refunded"] == order.actual_paid
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    kinds = sorted(LedgerEntry.objects.filter(payment=payment).values_list("kind", "amount"))
    assert LedgerEntry.objects.get(kind="refund").reference == row.reference
    fee = (order.actual_paid * Decimal("0.006")).quantize(Decimal("0.01"))
    assert kinds == [("fee", fee), ("payment", order.actual_paid), ("refund", order.actual_paid)]
    # The same key is the same refund: no second payout; nothing is left for another one.
    assert services.refund(order, order.actual_paid, "customer cancelled", key="cancel") == row
    with pytest.raises(DomainError):
        services.refund(order, Decimal("1.00"), "again", key="again")
    assert trade["refunded"] == order.actual_paid
    # The statement of the day agrees with the ledger.
    day = datetime.now(BEIJING).date()
    assert reconcile("alipay", day) == []


def test_reconcile_reports_every_mismatch(client, alipay, place):
    order, payment = _started(place)
    _notify(client, alipay.pay(payment.reference, PAYER))
    alipay.fee_rate = Decimal("0.01")  # Alipay kept more than the contract says
    other = place()
    other_payment = services.start(other, "alipay")
    alipay.pay(other_payment.reference, PAYER)  # paid at Alipay, its notification never arrived
    day = datetime.now(BEIJING).date()
    problems = {(m.kind, m.problem) for m in reconcile("alipay", day)}
    assert problems == {("fee", "amount_differs"), ("payment", "missing_in_ledger"), ("fee", "missing_in_ledger")}


def test_a_payer_who_is_not_the_orderer_fails_the_customs_push(client, alipay, place):
    order, payment = _started(place)
    _notify(client, alipay.pay(payment.reference, ("李四", "110105194912310029")))
    services.push_customs()
    decl = PaymentDeclaration.objects.get(payment=payment)
    assert (decl.status, decl.identity_check) == ("failed", "different")


def test_split_declaration_pushes_each_sub_order(client, alipay, place):
    order, payment = _started(place)
    _notify(client, alipay.pay(payment.reference, PAYER))
    half = (payment.amount / 2).quantize(Decimal("0.01"))
    services.split_declaration(payment, [("S1", half), ("S2", payment.amount - half)])
    assert services.push_customs() == 2
    pushed = [d["biz"] for d in alipay.declarations.values()]
    assert {(p["is_split"], p["sub_out_biz_no"]) for p in pushed} == {("T", "S1"), ("T", "S2")}


def test_forged_notification_is_refused(client, alipay, place, keypairs):
    order, payment = _started(place)
    body = dict(urllib.parse.parse_qsl(alipay.pay(payment.reference, PAYER).decode()))
    body["sign"] = sign(keypairs["stranger"][0], content(body, ("sign", "sign_type")))
    resp = _notify(client, urllib.parse.urlencode(body).encode())
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_signature"
    order.refresh_from_db()
    assert order.status == Status.PENDING_PAYMENT and not PaymentCallback.objects.exists()


def test_tampered_notification_is_refused(client, alipay, place):
    order, payment = _started(place)
    body = dict(urllib.parse.parse_qsl(alipay.pay(payment.reference, PAYER).decode()))
    body["total_amount"] = "0.01"
    resp = _notify(client, urllib.parse.urlencode(body).encode())
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_signature"
    order.refresh_from_db()
    assert order.status == Status.PENDING_PAYMENT


def test_replayed_notification_changes_nothing_and_a_stale_one_is_refused(client, alipay, place):
    order, payment = _started(place)
    body = alipay.pay(payment.reference, PAYER)
    assert _notify(client, body).status_code == 200
    assert _notify(client, body).status_code == 200  # Alipay retries until it reads "success"
    assert list(PaymentCallback.objects.values_list("outcome", flat=True)) == ["paid"]
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    old = (datetime.now(BEIJING) - timedelta(hours=30)).strftime("%Y-%m-%d %H:%M:%S")
    resp = _notify(client, alipay.notification(payment.reference, notify_time=old))
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "replayed_notification"


def test_notification_for_another_app_is_refused(client, alipay, place):
    order, payment = _started(place)
    alipay.pay(payment.reference, PAYER)
    resp = _notify(client, alipay.notification(payment.reference, app_id="2021999999999999"))
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "wrong_recipient"


@pytest.mark.parametrize("body", [b"\xff\xfe", b"a=1&&b", b"no-equals-sign"])
def test_malformed_notification_is_a_400(client, alipay, body):
    resp = _notify(client, body)
    assert resp.status_code == 400
    assert set(resp.json()["error"]) >= {"code", "message", "field"}


def test_signed_notification_lacking_fields_is_a_400(client, alipay, place):
    order, payment = _started(place)
    alipay.pay(payment.reference, PAYER)
    resp = _notify(client, alipay.notification(payment.reference, notify_id=""))
    assert resp.status_code == 400 and resp.json()["error"]["field"] == "notify_id"


def test_requests_signed_with_the_wrong_key_are_refused_by_alipay(alipay, place, keypairs, tmp_path, monkeypatch):
    (tmp_path / "wrong.pem").write_bytes(keypairs["stranger"][0])
    monkeypatch.setenv("HAITAO_ALIPAY_PRIVATE_KEY_FILE", str(tmp_path / "wrong.pem"))
    from haitao.common.errors import DomainError

    with pytest.raises(DomainError) as err:
        services.start(place(), "alipay")
    assert "invalid-signature" in err.value.message
