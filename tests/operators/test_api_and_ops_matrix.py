"""Every operator API endpoint, /ops/ and the ID-number reveal as every role: permission first,
then brand scope; nothing read or written across a brand; the audit log records the writes."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from haitao.accounts.services import issue_token
from haitao.inventory.models import Stock
from haitao.operators.models import AuditEntry

from .conftest import ROLE_NAMES, login

pytestmark = pytest.mark.django_db

# role -> expected status of: list orders, list stock, set stock, expire, /ops/
EXPECTED = {
    "platform_admin": (200, 200, 200, 200, 200),
    "dolphin_operator": (200, 200, 403, 200, 200),
    "wombat_operator": (200, 200, 403, 200, 200),
    "customer_service": (200, 403, 403, 200, 403),
    "finance": (200, 403, 403, 403, 200),
    "staff_without_role": (403, 403, 403, 403, 403),
    "buyer": (403, 403, 403, 403, 302),
    "anonymous": (401, 401, 401, 401, 302),
}


def _api(world, role):
    user = world["users"][role]
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"} if user is not None else {}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_operator_api_and_dashboard(world, role):
    c, auth, allowed = Client(), _api(world, role), world["allowed"][role]
    sku = world["wombat"]["sku"].code
    before = Stock.objects.get(sku__code=sku).on_hand
    orders = c.get("/api/v1/operator/orders?limit=500", **auth)
    stock = c.get("/api/v1/operator/stock", **auth)
    put = c.put("/api/v1/operator/stock", json.dumps({"warehouse": "wh-wombat", "sku": sku, "on_hand": 7}),
                content_type="application/json", **auth)
    expire = c.post("/api/v1/operator/orders/expire", **auth)
    dashboard = login(Client(), world["users"][role]).get("/ops/")
    got = (orders.status_code, stock.status_code, put.status_code, expire.status_code, dashboard.status_code)
    assert got == EXPECTED[role]
    codes = {world["brands"][code]: code for code in ("dolphin", "wombat")}
    if orders.status_code == 200:
        seen = {row["brand"] for row in orders.json()}
        assert seen == ({"dolphin", "wombat"} if allowed is None else {codes[pk] for pk in allowed})
    if stock.status_code == 200:
        seen = {row["warehouse"] for row in stock.json()}
        assert seen == ({"wh-dolphin", "wh-wombat"} if allowed is None else {f"wh-{codes[pk]}" for pk in allowed})
    assert Stock.objects.get(sku__code=sku).on_hand == (7 if put.status_code == 200 else before)
    for response in (orders, stock, put, expire):
        if response.status_code >= 400:
            assert set(response.json()["error"]) >= {"code", "message", "field"}
    if put.status_code == 200:
        entry = AuditEntry.objects.get(action="set_on_hand")
        assert (entry.actor_name, entry.via, entry.detail) == (world["users"][role].username, "api",
                                                              {"before": before, "after": 7})
    if dashboard.status_code == 200:
        page = dashboard.content.decode()
        for code, pk in world["brands"].items():
            assert (f"{code}海淘" in page) == (allowed is None or pk in allowed)


def test_brand_filter_cannot_reach_another_brand(world):
    auth = _api(world, "dolphin_operator")
    assert Client().get("/api/v1/operator/orders?brand=wombat", **auth).json() == []


def test_reveal_id_number_needs_the_permission_and_the_brand_and_is_logged(world):
    dolphin_order, wombat_order = world["dolphin"]["paid"], world["wombat"]["paid"]
    url = reverse("admin:orders_order_reveal_id", args=[dolphin_order.pk])
    cs = login(Client(), world["users"]["customer_service"])
    assert "11010519491231002X" not in cs.get(url).content.decode()  # GET only asks
    shown = cs.post(url)
    assert shown.status_code == 200 and "11010519491231002X" in shown.content.decode()
    entry = AuditEntry.objects.get(action="reveal_id_number")
    assert (entry.actor_name, entry.area, entry.brand_code, entry.target_id) == (
        "cs-dolphin", "personal_data", "dolphin", str(dolphin_order.pk))
    assert cs.post(reverse("admin:orders_order_reveal_id", args=[wombat_order.pk])).status_code == 404
    operator = login(Client(), world["users"]["dolphin_operator"])
    assert operator.post(url).status_code == 403
    assert AuditEntry.objects.count() == 1


def test_audit_log_is_read_only_even_for_the_platform_admin(world, admin_client):
    login(Client(), world["users"]["customer_service"]).post(
        reverse("admin:orders_order_reveal_id", args=[world["dolphin"]["paid"].pk]))
    entry = AuditEntry.objects.get()
    for client in (admin_client, login(Client(), world["users"]["platform_admin"])):
        assert client.get(reverse("admin:operators_auditentry_changelist")).status_code == 200
        assert client.post(reverse("admin:operators_auditentry_delete", args=[entry.pk]),
                           {"post": "yes"}).status_code == 403
        assert client.post(reverse("admin:operators_auditentry_change", args=[entry.pk]),
                           {"action": "x"}).status_code == 403
    assert AuditEntry.objects.count() == 1
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_admin_writes_stay_in_the_brand_and_are_logged(world):
    op = login(Client(), world["users"]["dolphin_operator"])
    changelist = reverse("admin:orders_order_changelist")
    for order in (world["wombat"]["unpaid"], world["dolphin"]["unpaid"]):
        op.post(changelist, {"action": "cancel_unpaid", "_selected_action": [order.pk]})
    world["wombat"]["unpaid"].refresh_from_db()
    world["dolphin"]["unpaid"].refresh_from_db()
    assert (world["wombat"]["unpaid"].status, world["dolphin"]["unpaid"].status) == ("pending_payment", "cancelled")
    listing = world["wombat"]["listing"]
    op.post(reverse("admin:catalog_listing_change", args=[listing.pk]),
            {"brand": listing.brand_id, "sku": listing.sku_id, "merchant": listing.merchant_id, "price": "1.00"})
    listing.refresh_from_db()
    assert str(listing.price) == "200.00"
    entry = AuditEntry.objects.get(action="action:cancel_unpaid", brand_code="dolphin")
    assert entry.actor_name == "dolphin-op" and entry.detail["count"] == 1
