"""Polling the payment companies for customs' result (services.poll_customs) when more declarations wait
than one pass asks about: each pass takes the ones asked least recently, so every declaration is asked in
turn — none starves behind the same few, whatever the provider answered or failed to."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from haitao.payments import services
from haitao.payments.models import PaymentDeclaration

from .test_alipay import PAYER, _notify

pytestmark = pytest.mark.django_db
WAITING, LIMIT = 5, 3


def _submitted(client, alipay, place, n: int) -> list[str]:
    """``n`` declarations of one paid Alipay payment (split into sub-orders), pushed: their request numbers
    in the order they were pushed."""
    order = place()
    payment = services.start(order, "alipay")
    _notify(client, alipay.pay(payment.reference, PAYER))
    payment.refresh_from_db()
    part = (payment.amount / n).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    parts = [part] * (n - 1) + [payment.amount - part * (n - 1)]
    services.split_declaration(payment, [(f"{order.number}-{i}", amount) for i, amount in enumerate(parts, 1)])
    assert services.push_customs() == n
    return list(PaymentDeclaration.objects.filter(status=PaymentDeclaration.Status.SUBMITTED)
                .order_by("updated_at", "id").values_list("request_no", flat=True))


def _asked(alipay, since: int) -> list[str]:
    """The request numbers Alipay was asked about (customs.query), in order, from its request ``since``."""
    return [json.loads(r["biz_content"])["out_request_nos"] for r in alipay.requests[since:]
            if r.get("method") == "alipay.trade.customs.query"]


def test_every_submitted_declaration_is_asked_in_turn(client, alipay, place):
    waiting = _submitted(client, alipay, place, WAITING)
    alipay.customs_status = "sending"  # sent on to customs, no decision yet: every answer is "still submitted"
    since = len(alipay.requests)
    for _ in range(4):
        assert services.poll_customs(limit=LIMIT) == 0
    asked = _asked(alipay, since)
    assert len(asked) == 4 * LIMIT
    assert asked[:LIMIT] == waiting[:LIMIT]  # the longest waiting first
    # every one asked before any is asked again, turn after turn
    assert sorted(asked[:WAITING]) == sorted(waiting)
    assert sorted(asked[WAITING:2 * WAITING]) == sorted(waiting)
    assert set(PaymentDeclaration.objects.values_list("status", flat=True)) == {"submitted"}


def test_a_query_that_fails_does_not_keep_its_declaration_first(client, alipay, place):
    waiting = _submitted(client, alipay, place, WAITING)
    alipay.customs_status = "sending"
    alipay.customs_query_refused = {waiting[0]}  # the longest waiting one's query fails every time
    since = len(alipay.requests)
    for _ in range(2):
        assert services.poll_customs(limit=LIMIT) == 0
    asked = _asked(alipay, since)
    assert sorted(asked[:WAITING]) == sorted(waiting)
    assert asked[WAITING] == waiting[0]  # failed, and asked again in its turn, not on every pass



def test_a_declaration_of_a_provider_no_longer_installed_does_not_stop_the_pass(client, alipay, place):
    from haitao.payments.models import Payment

    waiting = _submitted(client, alipay, place, WAITING)
    payment = PaymentDeclaration.objects.get(request_no=waiting[0]).payment_id
    Payment.objects.filter(pk=payment).update(provider="retired")  # its provider's module was removed since
    since = len(alipay.requests)
    assert services.poll_customs(limit=LIMIT) == 0  # a refusal per declaration, not an AttributeError
    assert _asked(alipay, since) == []
    assert set(PaymentDeclaration.objects.values_list("status", flat=True)) == {"submitted"}
    # the ones asked went to the back of the queue: the next pass asks the two not yet asked first
    after = list(PaymentDeclaration.objects.order_by("updated_at", "id").values_list("request_no", flat=True))
    assert after[:WAITING - LIMIT] == waiting[LIMIT:]


@pytest.mark.django_db(transaction=True)
def test_two_passes_at_once_ask_about_different_declarations(client, alipay, place):
    """Two workers' ticks at the same instant: each claims its declarations under SKIP LOCKED row locks
    before asking, so no declaration is asked twice and none is left out (threads; PostgreSQL in CI)."""
    import threading

    from django.db import connection

    waiting = _submitted(client, alipay, place, 2 * LIMIT)
    alipay.customs_status = "sending"
    since = len(alipay.requests)
    barrier, errors = threading.Barrier(2), []

    def tick():
        try:
            barrier.wait()
            services.poll_customs(limit=LIMIT)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    asked = _asked(alipay, since)
    assert errors == []
    assert sorted(asked) == sorted(waiting)  # each asked once: none twice, none left out
