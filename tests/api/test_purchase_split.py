"""Issue 13 through the API: the split is shown before paying (cart quote), the placed purchase comes
back with every customs order, and a purchase can be read on its own."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from haitao.accounts.services import issue_token
from haitao.inventory.models import Warehouse
from tests import factories as f

pytestmark = pytest.mark.django_db

BODY = {"consignee": {"name": "张三", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
                      "district": "西湖区", "detail": "文三路 100 号"},
        "buyer": {"real_name": "张三", "id_number": "11010519491231002X"}, "risk_notice_accepted": True}


@pytest.fixture
def market():
    """Two sellers: the self-operated one (bonded milk, overseas wine) and a partner (bonded cream)."""
    brand = f.brand(freight_flat=Decimal("10.00"))
    f.merchant()  # orders come by seller id: the self-operated one first
    partner = f.merchant("kr-beauty", name="K Beauty Ltd", kind="marketplace", country="KR", ebc_code="KR0000001",
                         ebc_name="K Beauty")
    milk, wine, cream = f.sku(code="MILK"), f.sku(code="WINE"), f.sku(code="CREAM")
    f.listed(brand, milk, "200.00")
    f.listed(brand, wine, "300.00")
    f.listed(brand, cream, "100.00", merchant_obj=partner)
    f.stock(milk, 10)
    f.stock(wine, 10, wh=f.warehouse("de-frankfurt", kind=Warehouse.Kind.OVERSEAS))
    f.stock(cream, 10)
    return brand


@pytest.fixture
def client():
    buyer = f.customer()
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(buyer.user)}")


def post(client, url, body=None, **headers):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)


def shape(purchase):
    return [(o["seller_code"], o["warehouse"], o["mode"], [(i["sku"], i["quantity"]) for i in o["items"]])
            for o in purchase["orders"]]


EXPECTED = [("self", "hz-bonded", "1210", [("MILK", 2)]), ("self", "de-frankfurt", "9610", [("WINE", 1)]),
            ("kr-beauty", "hz-bonded", "1210", [("CREAM", 1)])]


def test_the_cart_quote_shows_the_split_and_the_total_paid_once(market, client):
    cart = post(client, "/api/v1/brands/dolphin/carts").json()
    for sku, quantity in [("MILK", 2), ("WINE", 1), ("CREAM", 1)]:
        quote = post(client, f"/api/v1/carts/{cart['id']}/lines", {"sku": sku, "quantity": quantity}).json()["quote"]
    split = quote["split"]
    assert shape(split) == EXPECTED and split["number"] is None and split["order_count"] == 3
    assert [o["number"] for o in split["orders"]] == [None, None, None]
    assert [o["freight"] for o in split["orders"]] == ["10.00", "10.00", "10.00"]  # each order ships on its own
    for order in split["orders"]:
        assert Decimal(order["actual_paid"]) == (Decimal(order["goods_value"]) + Decimal(order["freight"])
                                                 + Decimal(order["tax_total"]))
    assert Decimal(split["actual_paid"]) == sum(Decimal(o["actual_paid"]) for o in split["orders"])
    # the cart's own totals are what is paid: the split's
    assert (quote["actual_paid"], quote["freight"]) == (split["actual_paid"], "30.00")


def test_placing_answers_with_the_purchase_and_every_customs_order(market, client):
    items = [{"sku": "MILK", "quantity": 2}, {"sku": "WINE", "quantity": 1}, {"sku": "CREAM", "quantity": 1}]
    placed = post(client, "/api/v1/brands/dolphin/orders", {**BODY, "items": items}, HTTP_IDEMPOTENCY_KEY="k1")
    assert placed.status_code == 201
    body = placed.json()
    purchase = body["purchase"]
    # backward compatible: the top level is still the first customs order
    assert body["number"] == purchase["orders"][0]["number"] and body["mode"] == "1210"
    assert [line["sku"] for line in body["lines"]] == ["MILK"]
    assert shape(purchase) == EXPECTED and purchase["number"].startswith("HP")
    assert {o["status"] for o in purchase["orders"]} == {"pending_payment"}
    assert Decimal(purchase["actual_paid"]) == sum(Decimal(o["actual_paid"]) for o in purchase["orders"])
    assert client.get(f"/api/v1/purchases/{purchase['number']}").json() == purchase
    assert client.get(f"/api/v1/orders/{purchase['orders'][2]['number']}").json()["purchase"] == purchase
    # a replay answers the same purchase
    again = post(client, "/api/v1/brands/dolphin/orders", {**BODY, "items": items}, HTTP_IDEMPOTENCY_KEY="k1")
    assert again.status_code == 200 and again.json()["purchase"] == purchase
    # one payment for the whole purchase
    payment = post(client, f"/api/v1/orders/{body['number']}/payments").json()
    assert payment["amount"] == purchase["actual_paid"]


def test_someone_elses_purchase_reads_as_not_found(market, client):
    items = [{"sku": "MILK", "quantity": 1}]
    number = post(client, "/api/v1/brands/dolphin/orders", {**BODY, "items": items}).json()["purchase"]["number"]
    other = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(f.customer('other@example.com').user)}")
    response = other.get(f"/api/v1/purchases/{number}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "purchase_not_found"
    assert other.get("/api/v1/purchases/HPnope").status_code == 404


def test_the_purchase_is_in_the_openapi_schema():
    schema = Client().get("/api/openapi.json").json()
    assert "/api/v1/purchases/{number}" in schema["paths"]
    assert {"PurchaseOut", "SubOrderOut"} <= set(schema["components"]["schemas"])
    assert "split" in schema["components"]["schemas"]["QuoteOut"]["properties"]
