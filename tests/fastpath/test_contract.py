"""The fast path keeps the API contract: the same answers, codes and rows as POST /orders on Django."""

import asyncio
import json

import pytest
from django.test import Client

from haitao.accounts.models import ApiToken
from haitao.catalog.models import Listing
from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.inventory.models import Allocation, Stock
from haitao.orders.models import Order, OrderEvent, OrderLine
from tests.fastpath.conftest import CONSIGNEE, buyer, lean_expected, place, run

pytestmark = pytest.mark.django_db(transaction=True)

VOLATILE = {"number", "placed_at", "expires_at", "created_at", "buyer_id"}  # two buyers, two ID numbers


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def test_a_placement_answers_and_writes_as_the_normal_path_does(shop):
    fast_buyer, django_buyer = buyer(1), buyer(2)

    async def scenario(app, client):
        response = await place(client, fast_buyer, key="k-1")
        return response, dict(app.stats)

    response, stats = run(scenario)
    assert response.status_code == 201, response.text
    assert stats["lean"] == (1 if lean_expected() else 0)
    reference = Client().post("/api/v1/brands/dolphin/orders", data=json.dumps(django_buyer["body"]),
                              content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2",
                              HTTP_AUTHORIZATION=django_buyer["auth"]["Authorization"])
    assert reference.status_code == 201
    assert _stable(response.json()) == _stable(reference.json())
    fast, slow = (Order.objects.get(number=r.json()["number"]) for r in (response, reference))
    skip = {"id", "number", "customer", "purchase", "placed_at", "expires_at", "risk_notice_accepted_at", "request_digest",
            "idempotency_key", "buyer_id_number", "buyer_id_masked", "buyer_id_hash"}
    for field in Order._meta.concrete_fields:
        if field.name not in skip:
            assert getattr(fast, field.attname) == getattr(slow, field.attname), field.name
    assert fast.buyer_id_number == fast_buyer["body"]["buyer"]["id_number"]  # encrypted, as the identity's
    assert fast.consignee_phone == "13800138000" and fast.consignee_address == slow.consignee_address
    for order in (fast, slow):
        line = OrderLine.objects.get(order=order)
        assert Allocation.objects.get(order_line=line).quantity == 1
        assert OrderEvent.objects.get(order=order).to_status == "pending_payment"
        assert QuotaEntry.objects.get(order=order).state == "reserved"
        assert QuotaAccount.objects.get(id_hash=order.buyer_id_hash).unpaid_orders == 1
    assert Stock.objects.get().allocated == 2


def test_the_same_key_gives_the_same_order_and_a_reused_key_is_refused(shop):
    who = buyer(3)

    async def scenario(app, client):
        first = await place(client, who, key="same")
        again = await place(client, who, key="same")
        other = await place(client, who, key="same", body={**who["body"], "consignee": {**CONSIGNEE, "name": "李四"}})
        return first, again, other

    first, again, other = run(scenario)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["number"] == again.json()["number"]
    assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_key_reused"
    assert Order.objects.count() == 1 and Stock.objects.get().allocated == 1


@pytest.mark.parametrize("change, status, code", [
    ({"items": [{"sku": "NOPE", "quantity": 1}]}, 404, "unknown_sku"),
    ({"items": [{"sku": "APT3", "quantity": -1}]}, 422, "invalid_request"),
    ({"items": []}, 422, "empty_order"),
    ({"risk_notice_accepted": False}, 422, "risk_notice_not_accepted"),
    ({"buyer": {"real_name": "张三", "id_number": "110105194912310021"}}, 422, "invalid_id_number"),
    ({"buyer": {"real_name": "李四", "id_number": "11010519491231002X"}}, 422, "identity_mismatch"),
    ({"consignee": {**CONSIGNEE, "phone": "12345"}}, 422, "invalid_phone"),
])
def test_bad_input_gets_the_normal_paths_answer_and_changes_nothing(shop, change, status, code):
    who = buyer(4)

    async def scenario(app, client):
        return await place(client, who, body={**who["body"], **change})

    response = run(scenario)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert Order.objects.count() == 0 and Stock.objects.get().allocated == 0


def test_unknown_or_revoked_tokens_are_refused_even_when_cached(shop):
    who = buyer(5)

    async def scenario(app, client):
        first = await place(client, who)
        await client.get("/api/v1/brands")  # any request: Django through the bridge
        from asgiref.sync import sync_to_async

        await sync_to_async(lambda: ApiToken.objects.update(revoked=True))()
        revoked = await place(client, who)  # the token is still in the fast path's cache
        nobody = await place(client, {**who, "auth": {"Authorization": "Bearer nope"}})
        return first, revoked, nobody

    first, revoked, nobody = run(scenario)
    assert first.status_code == 201
    assert revoked.status_code == 401 and nobody.status_code == 401
    assert Order.objects.count() == 1


def test_a_first_checkout_records_the_identity_on_the_normal_path_then_goes_lean(shop):
    who = buyer(6, identity=False)

    async def scenario(app, client):
        first = await place(client, who)
        second = await place(client, who)
        return first, second, dict(app.stats)

    first, second, stats = run(scenario)
    assert (first.status_code, second.status_code) == (201, 201)
    assert stats["normal_path"] >= 1 and stats["lean"] == (1 if lean_expected() else 0)
    assert Order.objects.count() == 2


def test_a_price_change_is_never_placed_at_the_cached_price(shop):
    who = buyer(7)

    async def scenario(app, client):
        first = await place(client, who)
        from asgiref.sync import sync_to_async

        # a raw UPDATE: no save signal, no catalog version bump; the write's own check catches it
        await sync_to_async(lambda: Listing.objects.filter(sku__code="APT3").update(price="300.00"))()
        second = await place(client, who)
        return first, second

    first, second = run(scenario)
    assert first.json()["goods_value"] == "200.00"
    assert second.status_code == 201 and second.json()["goods_value"] == "300.00"
    assert OrderLine.objects.order_by("id").last().unit_price == 300


def test_sold_out_is_answered_out_of_stock_and_then_by_the_gate(shop):
    Stock.objects.update(on_hand=1)
    first, second, third = buyer(8), buyer(9), buyer(10)

    async def scenario(app, client):
        ok = await place(client, first)
        refused = await place(client, second)
        gated = await place(client, third)
        return ok, refused, gated, dict(app.stats)

    ok, refused, gated, stats = run(scenario)
    assert ok.status_code == 201
    for response in (refused, gated):
        assert response.status_code == 409 and response.json()["error"]["code"] == "out_of_stock"
    if lean_expected():
        assert stats["sold_out_gate"] == 1  # the third was answered without the database
    assert Order.objects.count() == 1 and Stock.objects.get().allocated == 1


def test_the_order_is_one_purchase_of_the_listings_seller_drawn_on_the_sellers_stock(shop):
    who = buyer(11)

    async def scenario(app, client):
        return await place(client, who, key="p-1")

    response = run(scenario)
    order = Order.objects.select_related("purchase").get(number=response.json()["number"])
    listing = Listing.objects.get(sku__code="APT3")
    assert order.seller_id == listing.merchant_id
    assert order.purchase.number == "HP" + order.number[2:] and order.purchase.idempotency_key == "p-1"
    assert order.purchase.actual_paid == order.actual_paid and order.purchase.customer_id == order.customer_id
    stock = Allocation.objects.get(order_line__order=order).stock
    assert stock.owner_id == listing.merchant_id


def test_one_key_sent_twice_at_once_places_one_order_and_answers_both_with_it(shop, monkeypatch):
    """Both requests reach the lane together: the batch function must see the first order's key as
    used by the second (a replay, answered by the normal path with the same order), not write both."""
    from haitao.fastpath import batcher

    lane = batcher.GroupCommit._lane

    async def lane_once_both_are_queued(self, n):  # a loaded machine must not split them in two batches
        deadline = asyncio.get_running_loop().time() + 10
        while len(self._queue) < 2 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.005)
        await lane(self, n)

    monkeypatch.setattr(batcher.GroupCommit, "_lane", lane_once_both_are_queued)
    who = buyer(7)

    async def scenario(app, client):
        answers = await asyncio.gather(place(client, who, key="twice"), place(client, who, key="twice"))
        commit = app.commit
        return answers, (commit.batches, commit.orders) if commit else (0, 0)

    answers, (batches, batched) = run(scenario)
    placed = [r for r in answers if r.status_code in (200, 201)]
    assert len({r.json()["number"] for r in placed}) == 1
    assert Order.objects.count() == 1 and Stock.objects.get().allocated == 1
    assert QuotaEntry.objects.count() == 1
    if lean_expected():
        assert sorted(r.status_code for r in answers) == [200, 201]
        assert (batches, batched) == (1, 2)  # one batch of both, which did not fail on the unique key
