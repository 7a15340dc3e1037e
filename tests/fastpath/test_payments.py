"""The fast server's lean payment path keeps the API contract: starting a payment and its signed
sandbox callback give the same answers and write the same rows as on Django, once per event, and a
paid order is declared once however many callbacks race (docs/scaling.md, "The lean payment path")."""

import json
import secrets
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from haitao.accounts.models import ApiToken
from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.declarations.models import DeclareTask
from haitao.orders.models import Order, OrderEvent
from haitao.payments.models import LedgerEntry, Payment, PaymentCallback, PaymentExchange
from haitao.payments.providers import SandboxProvider
from tests.core.test_races import _race
from tests.fastpath.conftest import buyer, lean_expected, run

pytestmark = pytest.mark.django_db(transaction=True)
CALLBACK = "/api/v1/payments/sandbox/callback"


def placed(who: dict) -> str:
    """An order placed for ``who`` on the normal path; its number."""
    response = Client().post("/api/v1/brands/dolphin/orders", data=json.dumps(who["body"]),
                             content_type="application/json", HTTP_AUTHORIZATION=who["auth"]["Authorization"])
    assert response.status_code == 201, response.content
    return response.json()["number"]


def signed(who: dict, reference: str, amount, event_id: str = "", status: str = "succeeded", **change):
    """The sandbox's signed callback for ``who``'s payment: (body, signature)."""
    payload = {"event_id": event_id or "evt_" + secrets.token_hex(12), "reference": reference, "status": status,
               "amount": str(amount), "transaction_id": "SBX" + secrets.token_hex(10).upper(),
               "payer_name": who["body"]["buyer"]["real_name"], "payer_id_number": who["body"]["buyer"]["id_number"],
               **change}
    body = json.dumps(payload, ensure_ascii=False).encode()
    return body, SandboxProvider().sign(body)


async def start(client, who: dict, number: str):
    return await client.post(f"/api/v1/orders/{number}/payments", headers=who["auth"])


async def notify(client, body: bytes, signature: str | None):
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Sandbox-Signature"] = signature
    return await client.post(CALLBACK, content=body, headers=headers)


def _rows(number: str) -> dict:
    """Everything a payment writes, without ids, references and times that differ between two orders."""
    order = Order.objects.get(number=number)
    payment = Payment.objects.get(order=order)
    ref = payment.reference
    return {
        "order": (order.status, order.paid_at == payment.paid_at),
        "payment": (payment.provider, payment.amount, payment.status, payment.payer_name, bool(payment.payer_id_hash),
                    payment.payer_id_hash == order.buyer_id_hash, payment.pay_url.replace(ref, "REF"),
                    payment.refunded_at, payment.purchase_id == order.purchase_id, bool(payment.transaction_id)),
        "callbacks": [(c.provider, c.outcome) for c in PaymentCallback.objects.filter(payment=payment)],
        "exchanges": [(e.kind, json.loads(e.request)["reference"] == ref, e.response)
                      for e in PaymentExchange.objects.filter(payment=payment)],
        "ledger": [(e.provider, e.kind, e.amount, e.reference == payment.transaction_id, e.occurred_at == payment.paid_at)
                   for e in LedgerEntry.objects.filter(payment=payment).order_by("id")],
        "events": [(e.event, e.from_status, e.to_status, e.actor, e.note.replace(ref, "REF"))
                   for e in OrderEvent.objects.filter(order=order).order_by("id")],
        "quota": (QuotaEntry.objects.get(order=order).state,
                  QuotaAccount.objects.filter(id_hash=order.buyer_id_hash)
                  .values_list("reserved_fen", "committed_fen", "unpaid_orders").get()),
        "declare": [(t.status, t.attempts, t.last_error, t.done_at) for t in DeclareTask.objects.filter(order=order)],
    }


def test_paying_answers_and_writes_as_the_normal_path_does(shop):
    fast_buyer, django_buyer = buyer(21), buyer(22)
    fast_number, django_number = placed(fast_buyer), placed(django_buyer)

    async def scenario(app, client):
        started = await start(client, fast_buyer, fast_number)
        paid = await notify(client, *signed(fast_buyer, started.json()["reference"], started.json()["amount"]))
        return started, paid, dict(app.payments.stats)

    started, paid, stats = run(scenario)
    django_started = Client().post(f"/api/v1/orders/{django_number}/payments",
                                   HTTP_AUTHORIZATION=django_buyer["auth"]["Authorization"])
    body, signature = signed(django_buyer, django_started.json()["reference"], django_started.json()["amount"])
    django_paid = Client().post(CALLBACK, data=body, content_type="application/json", HTTP_X_SANDBOX_SIGNATURE=signature)

    assert (started.status_code, paid.status_code) == (django_started.status_code, django_paid.status_code) == (201, 200)
    fast_body, django_body = started.json(), django_started.json()
    assert fast_body["pay_url"].replace(fast_body["reference"], "REF") == \
        django_body["pay_url"].replace(django_body["reference"], "REF")
    assert {k: v for k, v in fast_body.items() if k not in ("reference", "pay_url")} == \
        {k: v for k, v in django_body.items() if k not in ("reference", "pay_url")}
    assert paid.content == django_paid.content == b'{"outcome": "paid"}'
    assert _rows(fast_number) == _rows(django_number)
    assert _rows(fast_number)["declare"] == [("pending", 0, "", None)]
    assert stats == ({"start": 1, "callback": 1, "normal_path": 0} if lean_expected()
                     else {"start": 0, "callback": 0, "normal_path": 0})


def test_starting_again_gives_the_same_payment_and_another_buyers_order_is_not_found(shop):
    owner, other = buyer(23), buyer(24)
    number = placed(owner)

    async def scenario(app, client):
        first = await start(client, owner, number)
        again = await start(client, owner, number)
        foreign = await start(client, other, number)
        unknown = await start(client, owner, "NOPE123")
        return first, again, foreign, unknown

    first, again, foreign, unknown = run(scenario)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json() and first.json()["status"] == "pending"
    for response in (foreign, unknown):
        assert response.status_code == 404 and response.json()["error"]["code"] == "order_not_found"
    assert Payment.objects.count() == 1


def test_a_revoked_token_starts_nothing_even_when_cached(shop):
    who = buyer(25)
    number, other = placed(who), placed(who)

    async def scenario(app, client):
        from asgiref.sync import sync_to_async

        first = await start(client, who, number)
        await sync_to_async(lambda: ApiToken.objects.update(revoked=True))()
        revoked = await start(client, who, other)  # the token is still in the fast path's cache
        return first, revoked

    first, revoked = run(scenario)
    assert first.status_code == 201 and revoked.status_code == 401
    assert Payment.objects.count() == 1


def test_a_paid_order_is_not_payable_again(shop):
    who = buyer(26)
    number = placed(who)

    async def scenario(app, client):
        started = await start(client, who, number)
        await notify(client, *signed(who, started.json()["reference"], started.json()["amount"]))
        return await start(client, who, number)

    again = run(scenario)
    assert again.status_code == 409 and again.json()["error"]["code"] == "order_not_payable"


def test_replays_repeats_and_bad_callbacks_change_nothing(shop):
    who = buyer(27)
    number = placed(who)

    async def scenario(app, client):
        started = (await start(client, who, number)).json()
        reference, amount = started["reference"], started["amount"]
        body, signature = signed(who, reference, amount)
        out = {
            "forged": await notify(client, body, "0" * 64),
            "unsigned": await notify(client, body, None),
            "tampered": await notify(client, body.replace(b"succeeded", b"failed"), signature),
            "wrong_amount": await notify(client, *signed(who, reference, "0.01")),
            "unknown": await notify(client, *signed(who, "PAYNOPE", amount)),
            "paid": await notify(client, body, signature),
            "replay": await notify(client, body, signature),
            "another_event": await notify(client, *signed(who, reference, amount)),
        }
        return out, dict(app.payments.stats)

    out, stats = run(scenario)
    codes = {name: (r.status_code, r.json().get("outcome") or r.json()["error"]["code"]) for name, r in out.items()}
    assert codes == {"forged": (401, "invalid_signature"), "unsigned": (401, "invalid_signature"),
                     "tampered": (401, "invalid_signature"), "wrong_amount": (422, "amount_mismatch"),
                     "unknown": (422, "unknown_payment"), "paid": (200, "paid"), "replay": (200, "duplicate"),
                     "another_event": (200, "already_succeeded")}
    assert out["wrong_amount"].json()["error"]["message"] == f"Paid 0.01, but the order is {Payment.objects.get().amount}."
    payment = Payment.objects.get()
    assert payment.status == "succeeded"
    assert [c.outcome for c in PaymentCallback.objects.order_by("id")] == ["paid", "already_succeeded"]
    assert LedgerEntry.objects.count() == 1 and DeclareTask.objects.count() == 1
    assert OrderEvent.objects.filter(event="pay").count() == 1
    if lean_expected():
        assert stats["normal_path"] == 0 and stats["callback"] == 8


def test_a_payer_who_is_not_the_orderer_is_refunded_and_nothing_is_declared(shop):
    who = buyer(28)
    number = placed(who)

    async def scenario(app, client):
        started = (await start(client, who, number)).json()
        return await notify(client, *signed(who, started["reference"], started["amount"], payer_name="李四"))

    response = run(scenario)
    assert response.status_code == 200 and response.json() == {"outcome": "refunded_payer_mismatch"}
    payment = Payment.objects.get()
    assert payment.status == "refunded" and payment.refunded_at is not None and payment.payer_name == "李四"
    assert Order.objects.get(number=number).status == "pending_payment"
    assert DeclareTask.objects.count() == 0 and QuotaEntry.objects.get().state == "reserved"


def test_a_failed_payment_is_recorded_and_the_order_stays_payable(shop):
    who = buyer(29)
    number = placed(who)

    async def scenario(app, client):
        started = (await start(client, who, number)).json()
        failed = await notify(client, *signed(who, started["reference"], started["amount"], status="failed"))
        return failed, await start(client, who, number)

    failed, again = run(scenario)
    assert failed.json() == {"outcome": "failed"} and Payment.objects.get(reference__isnull=False, status="failed")
    assert again.status_code == 201 and again.json()["status"] == "pending"
    assert Payment.objects.count() == 2 and DeclareTask.objects.count() == 0


def test_racing_callbacks_for_one_payment_pay_once_and_declare_once(shop):
    from haitao.payments import lean
    from haitao.payments.services import handle_callback

    who = buyer(30)
    number = placed(who)
    started = Client().post(f"/api/v1/orders/{number}/payments", HTTP_AUTHORIZATION=who["auth"]["Authorization"]).json()
    same = signed(who, started["reference"], started["amount"], event_id="evt_same")
    bodies = [same if i % 2 else signed(who, started["reference"], started["amount"]) for i in range(8)]

    def work(i):
        body, signature = bodies[i]
        if i % 4 == 3 or connection.vendor != "postgresql":  # the normal path races the lean one (SQLite: alone)
            return handle_callback("sandbox", body, signature)
        with connection.cursor() as cursor:
            cursor.execute(lean.CALLBACK_SQL, [lean.callback_params(lean.verify(body, signature))])
            return cursor.fetchone()[0]

    outcomes = _race(8, work)
    unique_violations = [o for o in outcomes if isinstance(o, Exception)]
    assert all("one_callback_per_event" in str(e) for e in unique_violations), unique_violations
    outcomes = [o for o in outcomes if not isinstance(o, Exception)]
    assert outcomes.count("paid") == 1, outcomes
    assert set(outcomes) <= {"paid", "duplicate", "already_succeeded"}
    order = Order.objects.get(number=number)
    assert order.status == "paid" and DeclareTask.objects.filter(order=order).count() == 1
    assert LedgerEntry.objects.count() == 1 and OrderEvent.objects.filter(event="pay").count() == 1
    assert QuotaAccount.objects.get(id_hash=order.buyer_id_hash).unpaid_orders == 0
    assert PaymentCallback.objects.filter(event_id="evt_same").count() == 1


def test_what_the_lean_path_does_not_handle_goes_to_django_unchanged(shop):
    """An order past its payment deadline (Django expires it), and a payment of a purchase larger
    than its first order (the function hands it back): the normal path's answers."""
    late, purchase = buyer(31), buyer(32)
    late_number, number = placed(late), placed(purchase)
    Order.objects.filter(number=late_number).update(expires_at=timezone.now() - timedelta(minutes=1))

    async def scenario(app, client):
        expired = await start(client, late, late_number)
        started = (await start(client, purchase, number)).json()
        from asgiref.sync import sync_to_async

        amount = Decimal(started["amount"]) + 1  # as if the purchase had a second order
        await sync_to_async(lambda: Payment.objects.filter(reference=started["reference"]).update(amount=amount))()
        paid = await notify(client, *signed(purchase, started["reference"], amount))
        return expired, paid, dict(app.payments.stats)

    expired, paid, stats = run(scenario)
    assert expired.status_code == 409 and expired.json()["error"]["code"] == "order_expired"
    assert paid.status_code == 200 and paid.json() == {"outcome": "paid"}
    assert Order.objects.get(number=number).status == "paid" and DeclareTask.objects.count() == 1
    if lean_expected():
        assert stats == {"start": 1, "callback": 0, "normal_path": 2}
