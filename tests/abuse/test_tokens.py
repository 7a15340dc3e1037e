"""API tokens expire, are listed and revocable by their owner (issue 11: tokens never expired and
could not be revoked); registration does not reveal whether an address has an account; registration,
checkout and search are rate limited."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from haitao.accounts.models import ApiToken
from haitao.accounts.services import issue_token
from tests import factories as f
from tests.api.test_api import ORDER, error_of

pytestmark = pytest.mark.django_db


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_tokens_expire_after_the_ttl(settings):
    settings.API_TOKEN_TTL_DAYS = 30
    customer = f.customer()
    raw = issue_token(customer.user)
    token = ApiToken.objects.get()
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert Client().get("/api/v1/me", **_bearer(raw)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = Client().get("/api/v1/me", **_bearer(raw))
    assert refused.status_code == 401 and error_of(refused)["code"] == "unauthorized"


def test_owner_lists_and_revokes_tokens():
    customer, other = f.customer(), f.customer()
    first, second = issue_token(customer.user, "laptop"), issue_token(customer.user, "script")
    theirs = issue_token(other.user)
    client = Client()
    listed = client.get("/api/v1/auth/tokens", **_bearer(first)).json()
    assert [t["name"] for t in listed] == ["script", "laptop"] and all(t["active"] for t in listed)
    assert all(set(t) == {"id", "name", "prefix", "created_at", "expires_at", "revoked", "active"} for t in listed)
    assert first not in json.dumps(listed)  # never the secret
    script_id = listed[0]["id"]
    revoked = client.delete(f"/api/v1/auth/tokens/{script_id}", **_bearer(first))
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True and revoked.json()["active"] is False
    assert client.get("/api/v1/me", **_bearer(second)).status_code == 401
    assert client.get("/api/v1/me", **_bearer(first)).status_code == 200
    # someone else's token reads as not found, and stays valid
    their_id = ApiToken.objects.get(user=other.user).id
    missing = client.delete(f"/api/v1/auth/tokens/{their_id}", **_bearer(first))
    assert missing.status_code == 404 and error_of(missing)["code"] == "token_not_found"
    assert client.get("/api/v1/me", **_bearer(theirs)).status_code == 200


def test_registration_answers_alike_for_new_and_taken_addresses():
    f.brand()
    f.customer(email="taken@example.com")
    client = Client()

    def register(email):
        return client.post("/api/v1/auth/register", data=json.dumps({"email": email, "password": "a-long-pass-9"}),
                           content_type="application/json", REMOTE_ADDR="10.3.3.3")

    def sign_in(email):
        return client.post("/api/v1/auth/token", data=json.dumps({"email": email, "password": "a-long-pass-9"}),
                           content_type="application/json")

    taken, new = register("taken@example.com"), register("new@example.com")
    assert (taken.status_code, taken.json()) == (new.status_code, new.json()) and new.status_code == 202
    assert sign_in("new@example.com").status_code == 201
    assert sign_in("taken@example.com").status_code == 401  # the existing account kept its own password


def test_registration_is_rate_limited_per_address(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register": [3, 3600]}
    client = Client()
    statuses = [client.post("/api/v1/auth/register",
                            data=json.dumps({"email": f"n{i}@example.com", "password": "a-long-pass-9"}),
                            content_type="application/json", REMOTE_ADDR="10.4.4.4").status_code for i in range(4)]
    assert statuses == [202, 202, 202, 429]


def test_checkout_and_search_are_rate_limited(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "checkout": [2, 600], "search": [2, 60]}
    brand = f.brand()
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 10)
    client = Client(**_bearer(issue_token(f.customer().user)))
    placed = [client.post("/api/v1/brands/dolphin/orders", data=json.dumps(ORDER), content_type="application/json",
                          HTTP_IDEMPOTENCY_KEY=f"k{i}") for i in range(3)]
    assert [r.status_code for r in placed] == [201, 201, 429] and int(placed[2]["Retry-After"]) >= 1
    searches = [client.get("/api/v1/brands/dolphin/products", {"q": "test"}).status_code for _ in range(3)]
    assert searches == [200, 200, 429]
    assert client.get("/api/v1/brands/dolphin/products").status_code == 200  # browsing is not searching
    web = [Client().get("/s/dolphin/search/", {"q": "test"}, REMOTE_ADDR="10.5.5.5") for _ in range(3)]
    assert [r.status_code for r in web] == [200, 200, 429] and web[2].has_header("Retry-After")
