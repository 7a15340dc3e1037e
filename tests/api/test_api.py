"""The REST API over HTTP: the buyer's path, and every kind of bad input getting a specific 4xx."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from haitao.accounts.services import issue_token
from haitao.inventory.models import Stock
from haitao.orders.models import Order
from haitao.payments.models import Payment
from haitao.payments.providers import SandboxProvider
from tests import factories as f

pytestmark = pytest.mark.django_db

ORDER = {"items": [{"sku": "APT3", "quantity": 2}],
         "consignee": {"name": "张三", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
                       "district": "西湖区", "detail": "文三路 100 号"},
         "buyer": {"real_name": "张三", "id_number": "11010519491231002X"},
         "risk_notice_accepted": True}


@pytest.fixture
def shop():
    brand = f.brand()
    f.brand("wombat")
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 10)
    return brand


@pytest.fixture
def buyer():
    customer = f.customer()
    return customer, {"HTTP_AUTHORIZATION": f"Bearer {issue_token(customer.user)}"}


def post(client, url, body, **headers):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **headers)


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]


def test_brands_and_catalog(shop):
    c = Client()
    brands = c.get("/api/v1/brands").json()
    assert [b["code"] for b in brands] == ["dolphin", "wombat"]
    page = c.get("/api/v1/brands/dolphin/products").json()
    assert page["count"] == 1 and page["items"][0]["price"] == "200.00"
    assert page["items"][0]["available"] == 10 and page["items"][0]["modes"] == ["1210"]
    assert c.get("/api/v1/brands/wombat/products").json()["count"] == 0
    assert error_of(c.get("/api/v1/brands/nope/products"))["code"] == "unknown_brand"
    assert c.get("/api/v1/brands/dolphin/products/APT3").status_code == 200
    assert error_of(c.get("/api/v1/brands/wombat/products/APT3"))["code"] == "unknown_sku"


def test_openapi_document(shop):
    doc = Client().get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/brands/{code}/orders" in doc["paths"]


def test_docs_are_served_without_a_cdn(shop):
    page = Client().get("/api/docs")
    assert page.status_code == 200
    assert b"cdn.jsdelivr.net" not in page.content and b"/static/ninja/swagger-ui" in page.content


@pytest.mark.parametrize("method, path, status, code", [
    ("get", "/api/v1/nope", 404, "not_found"),
    ("get", "/api/nope", 404, "not_found"),
    ("delete", "/api/v1/brands", 405, "method_not_allowed"),
])
def test_errors_made_before_a_view_runs_have_the_api_shape(shop, method, path, status, code):
    response = getattr(Client(), method)(path)
    assert response.status_code == status and response["Content-Type"] == "application/json"
    assert error_of(response)["code"] == code


def test_a_body_over_the_limit_is_a_400_in_the_api_shape(shop, buyer, settings):
    _, auth = buyer
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(Client(), "/api/v1/brands/dolphin/orders", {**ORDER, "padding": "x" * 2000}, **auth)
    assert response.status_code == 400 and error_of(response)["code"] == "bad_request"
    assert Order.objects.count() == 0


def test_storefront_pages_keep_their_own_404(shop):
    response = Client().get("/s/dolphin/p/NOPE/")
    assert response.status_code == 404 and not response["Content-Type"].startswith("application/json")


def test_cart_quote_order_pay_over_http(shop, buyer):
    customer, auth = buyer
    c = Client()
    cart = post(c, "/api/v1/brands/dolphin/carts", {}, **auth)
    assert cart.status_code == 201
    cart_id = cart.json()["id"]
    added = post(c, f"/api/v1/carts/{cart_id}/lines", {"sku": "APT3", "quantity": 2}, **auth).json()
    assert added["quote"]["tax_total"] == "36.40" and added["quote"]["actual_paid"] == "436.40"
    placed = post(c, "/api/v1/brands/dolphin/orders", {**ORDER, "items": None, "cart": cart_id},
                  HTTP_IDEMPOTENCY_KEY="abc-1", **auth)
    assert placed.status_code == 201, placed.json()
    number = placed.json()["number"]
    assert placed.json()["buyer_id"] == "1101**********002X"
    again = post(c, "/api/v1/brands/dolphin/orders", {**ORDER, "items": None, "cart": cart_id},
                 HTTP_IDEMPOTENCY_KEY="abc-1", **auth)
    assert again.status_code in (200, 404)  # the cart is checked out; the key still answers below
    replay = post(c, "/api/v1/brands/dolphin/orders", ORDER, HTTP_IDEMPOTENCY_KEY="abc-2", **auth)
    replay2 = post(c, "/api/v1/brands/dolphin/orders", ORDER, HTTP_IDEMPOTENCY_KEY="abc-2", **auth)
    assert (replay.status_code, replay2.status_code) == (201, 200)
    assert replay.json()["number"] == replay2.json()["number"]
    assert Order.objects.count() == 2
    pay = post(c, f"/api/v1/orders/{number}/payments", {}, **auth)
    assert pay.status_code == 201
    payment = Payment.objects.get(reference=pay.json()["reference"])
    body, signature = SandboxProvider().callback_for(payment)
    url = "/api/v1/payments/sandbox/callback"
    ok = c.post(url, data=body, content_type="application/json", HTTP_X_SANDBOX_SIGNATURE=signature)
    assert ok.json() == {"outcome": "paid"}
    dup = c.post(url, data=body, content_type="application/json", HTTP_X_SANDBOX_SIGNATURE=signature)
    assert dup.json() == {"outcome": "duplicate"}
    forged = c.post(url, data=body, content_type="application/json", HTTP_X_SANDBOX_SIGNATURE="ab" * 32)
    assert forged.status_code == 401 and error_of(forged)["code"] == "invalid_signature"
    mine = c.get("/api/v1/orders", **auth).json()
    assert {o["number"] for o in mine} == set(Order.objects.values_list("number", flat=True))
    me = c.get("/api/v1/me", **auth).json()
    assert me["quota"]["used"] == "800.00" and me["identity"].endswith("1101**********002X")


@pytest.mark.parametrize("body, status, code, field", [
    ("{not json", 400, "malformed_json", None),
    ({**ORDER, "items": [{"sku": "APT3", "quantity": -1}]}, 422, "invalid_request", "items[0].quantity"),
    ({**ORDER, "items": [{"sku": "APT3", "quantity": 10**20}]}, 422, "invalid_request", "items[0].quantity"),
    ({**ORDER, "items": [{"sku": "APT3", "quantity": "2"}]}, 422, "invalid_request", "items[0].quantity"),
    ({**ORDER, "items": [{"sku": "NOPE", "quantity": 1}]}, 404, "unknown_sku", "items"),
    ({k: v for k, v in ORDER.items() if k != "buyer"}, 422, "invalid_request", "buyer"),
    ({**ORDER, "buyer": {"real_name": "张三", "id_number": "110105194912310021"}}, 422, "invalid_id_number",
     "buyer.id_number"),
    ({**ORDER, "risk_notice_accepted": False}, 422, "risk_notice_not_accepted", "risk_notice_accepted"),
    ({**ORDER, "risk_notice_accepted": "yes"}, 422, "invalid_request", "risk_notice_accepted"),
    ({**ORDER, "risk_notice_accepted": 1}, 422, "invalid_request", "risk_notice_accepted"),
    ({**ORDER, "items": []}, 422, "empty_order", "items"),
    ([1, 2, 3], 422, "invalid_request", None),
])
def test_bad_order_input_gets_a_specific_4xx_and_changes_nothing(shop, buyer, body, status, code, field):
    _, auth = buyer
    response = post(Client(), "/api/v1/brands/dolphin/orders", body, **auth)
    assert response.status_code == status, response.content
    err = error_of(response)
    assert err["code"] == code
    if field:
        assert err["field"] == field
    assert Order.objects.count() == 0 and Stock.objects.get().allocated == 0


def test_unknown_brand_missing_token_and_someone_elses_cart_or_order(shop, buyer):
    customer, auth = buyer
    c = Client()
    assert error_of(post(c, "/api/v1/brands/nope/orders", ORDER, **auth))["code"] == "unknown_brand"
    assert error_of(post(c, "/api/v1/brands/dolphin/orders", ORDER))["code"] == "unauthorized"
    assert error_of(post(c, "/api/v1/brands/dolphin/orders", ORDER,
                         HTTP_AUTHORIZATION="Bearer wrong"))["code"] == "unauthorized"
    number = post(c, "/api/v1/brands/dolphin/orders", ORDER, **auth).json()["number"]
    cart_id = post(c, "/api/v1/brands/dolphin/carts", {}, **auth).json()["id"]
    other = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(f.customer().user)}"}
    assert c.get(f"/api/v1/orders/{number}", **other).status_code == 404
    assert error_of(c.get(f"/api/v1/carts/{cart_id}", **other))["code"] == "not_your_cart"
    assert error_of(c.get("/api/v1/carts/not-a-uuid", **other))["code"] == "cart_not_found"
    assert error_of(post(c, f"/api/v1/orders/{number}/payments", {}, **other))["code"] == "order_not_found"


def test_expired_order_cannot_be_paid(shop, buyer):
    _, auth = buyer
    c = Client()
    number = post(c, "/api/v1/brands/dolphin/orders", ORDER, **auth).json()["number"]
    Order.objects.filter(number=number).update(expires_at="2000-01-01T00:00:00Z")
    response = post(c, f"/api/v1/orders/{number}/payments", {}, **auth)
    assert response.status_code == 409 and error_of(response)["code"] == "order_expired"
    assert Stock.objects.get().allocated == 0


def test_operator_endpoints_need_staff(shop, buyer):
    _, auth = buyer
    c = Client()
    assert error_of(c.get("/api/v1/operator/orders", **auth))["code"] == "operator_only"
    staff = f.customer()
    staff.user.is_staff = True
    staff.user.save()
    op = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(staff.user)}"}
    assert error_of(c.get("/api/v1/operator/stock", **op))["code"] == "permission_denied"  # no role, no access
    staff.user.groups.add(Group.objects.get(name="platform admin"))
    assert c.get("/api/v1/operator/stock", **op).json()[0]["available"] == 10
    put = c.put("/api/v1/operator/stock", data=json.dumps({"warehouse": "hz-bonded", "sku": "APT3", "on_hand": 3}),
                content_type="application/json", **op)
    assert put.json()["on_hand"] == 3


def test_hiding_a_listing_in_bulk_drops_it_from_cached_pages(shop):
    from haitao.catalog.models import Listing

    c = Client()
    assert c.get("/api/v1/brands/dolphin/products/APT3").status_code == 200  # now cached
    Listing.objects.filter(sku__code="APT3").update(visible=False)
    assert c.get("/api/v1/brands/dolphin/products/APT3").status_code == 404
    assert c.get("/api/v1/brands/dolphin/products").json()["count"] == 0


@pytest.mark.parametrize("offset", ["348499251106638266368", "1000001", "-1"])
def test_an_order_list_offset_out_of_range_is_a_422_not_a_500(client, shop, buyer, offset):
    """An offset past PostgreSQL's bigint reached the database and failed there (found by schemathesis)."""
    _, headers = buyer
    response = client.get("/api/v1/orders", {"offset": offset}, **headers)
    assert response.status_code == 422, response.content
    assert error_of(response)["code"] == "invalid_request"
