"""Quota griefing (issue 11): a second account registered with a victim's name and ID number placed 16
unpaid orders and cut the victim's remaining annual quota from 25,788 to 146 CNY; one account held 30
of 30 unpaid orders; a per-buyer limit of 6 was bypassed with 4 orders of 6."""

import json
from decimal import Decimal

import pytest
from django.test import Client, override_settings

from haitao.accounts.models import Identity
from haitao.accounts.services import issue_token
from haitao.common.errors import DomainError
from haitao.orders import services as orders
from haitao.orders.models import Order
from tests import factories as f
from tests.api.test_api import ORDER, error_of
from tests.core.test_placement import request_for

pytestmark = pytest.mark.django_db
VICTIM_ID = ORDER["buyer"]["id_number"]


@pytest.fixture
def shop():
    brand = f.brand()
    for code, price, limit in (("SMALL", "212.00", None), ("BIG", "1602.60", None), ("LIMITED", "10.00", 6)):
        sku = f.sku(code=code)
        f.listed(brand, sku, price, per_buyer_limit=limit)
        f.stock(sku, 500)
    return brand


def _client(customer):
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(customer.user)}")


def _order(client, sku, quantity=1, key=""):
    body = {**ORDER, "items": [{"sku": sku, "quantity": quantity}]}
    return client.post("/api/v1/brands/dolphin/orders", data=json.dumps(body), content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY=key)


def _remaining(client) -> Decimal:
    return Decimal(client.get("/api/v1/me").json()["quota"]["remaining"])


def test_a_second_account_cannot_reserve_the_victims_quota(shop):
    victim = _client(f.customer())
    assert _order(victim, "SMALL").status_code == 201
    assert _remaining(victim) == Decimal("25788.00")
    attacker_account = f.customer(email="griefer@example.com")
    attacker = _client(attacker_account)
    for i in range(16):
        refused = _order(attacker, "BIG", key=f"grief-{i}")
        assert refused.status_code == 403 and error_of(refused)["code"] == "id_number_bound"
    assert _remaining(victim) == Decimal("25788.00")
    assert Order.objects.filter(customer=attacker_account).count() == 0
    # the rightful owner sees who tried
    guard = victim.get("/api/v1/me/identity/guard").json()
    assert len(guard["attempts"]) == 16 and guard["attempts"][0]["account"] == "g***@example.com"
    assert guard["holds"] == []
    # … and the attacker sees nothing of the victim
    assert attacker.get("/api/v1/me/identity/guard").json() == {"attempts": [], "holds": []}


def test_the_owner_releases_what_an_account_sharing_the_number_held(shop):
    """Accounts that shared the number before binding existed (the migration made the first one its
    owner): their unpaid orders are the owner's to release, and they cannot place more."""
    victim_account, attacker_account = f.customer(), f.customer(email="griefer@example.com")
    victim, attacker = _client(victim_account), _client(attacker_account)
    assert _order(victim, "SMALL").status_code == 201
    Identity.objects.filter(customer=victim_account).update(owner=False)  # as before issue 11: both allowed
    for i in range(3):
        assert _order(attacker, "BIG", key=f"old-{i}").status_code == 201
    Identity.objects.filter(customer=attacker_account).update(owner=False)  # what the migration decides
    Identity.objects.filter(customer=victim_account).update(owner=True)
    assert _remaining(victim) == Decimal("25788.00") - 3 * Decimal("1602.60")
    refused = _order(attacker, "BIG", key="new")
    assert refused.status_code == 403 and error_of(refused)["code"] == "id_number_bound"
    holds = victim.get("/api/v1/me/identity/guard").json()["holds"]
    assert len(holds) == 3 and {h["actual_paid"] for h in holds} != set()
    assert attacker.post("/api/v1/me/identity/release").json() == {"released": 0}  # not the owner
    assert victim.post("/api/v1/me/identity/release").json() == {"released": 3}
    assert _remaining(victim) == Decimal("25788.00")
    assert set(Order.objects.filter(customer=attacker_account).values_list("status", flat=True)) == {"cancelled"}


@override_settings(MAX_UNPAID_ORDERS_PER_ACCOUNT=5, MAX_UNPAID_ORDERS_PER_BUYER=5)
def test_unpaid_orders_per_account_are_capped(shop):
    client = _client(f.customer())
    for i in range(5):
        assert _order(client, "SMALL", key=f"k{i}").status_code == 201
    refused = _order(client, "SMALL", key="k5")
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "too_many_unpaid_orders" and error_of(refused)["limit"] == 5
    # paying or cancelling one makes room again
    number = Order.objects.filter(status="pending_payment").first().number
    assert client.post(f"/api/v1/orders/{number}/cancel").status_code == 200
    assert _order(client, "SMALL", key="k6").status_code == 201


@override_settings(MAX_UNPAID_ORDERS_PER_ACCOUNT=10, MAX_UNPAID_ORDERS_PER_BUYER=3)
def test_unpaid_orders_per_buyer_id_are_capped(shop):
    brand = shop
    buyer = f.customer()
    for i in range(3):
        orders.place_order(buyer, request_for(brand, [("SMALL", 1)], key=f"b{i}"))
    with pytest.raises(DomainError) as refused:
        orders.place_order(buyer, request_for(brand, [("SMALL", 1)], key="b3"))
    assert refused.value.code == "too_many_unpaid_orders" and refused.value.details["limit"] == 3


@override_settings(PER_BUYER_LIMIT_WINDOW_DAYS=30)
def test_per_buyer_limit_counts_across_orders(shop):
    client = _client(f.customer())
    assert _order(client, "LIMITED", 6, key="a").status_code == 201
    for i in range(3):  # the issue's 4 orders of 6
        refused = _order(client, "LIMITED", 6, key=f"b{i}")
        assert refused.status_code == 422 and error_of(refused)["code"] == "over_per_buyer_limit"
    refused = _order(client, "LIMITED", 1, key="c")
    assert error_of(refused)["code"] == "over_per_buyer_limit"
    assert Order.objects.count() == 1
    # a cancelled order no longer counts
    assert client.post(f"/api/v1/orders/{Order.objects.get().number}/cancel").status_code == 200
    assert _order(client, "LIMITED", 6, key="d").status_code == 201


def test_per_buyer_limit_window_ends(shop):
    from datetime import timedelta

    from django.utils import timezone

    brand = shop
    buyer = f.customer()
    old, _ = orders.place_order(buyer, request_for(brand, [("LIMITED", 6)], key="old"),
                                now=timezone.now() - timedelta(days=31))
    Order.objects.filter(pk=old.pk).update(status="paid")
    new, created = orders.place_order(buyer, request_for(brand, [("LIMITED", 6)], key="new"))
    assert created
