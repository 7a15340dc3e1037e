"""Input hygiene at the edge (issue 11): control characters refused with a 422 naming the field, a
NUL anywhere a 400 (not PostgreSQL's 500), every /api/ answer in the error shape, malformed signed
callbacks a 400."""

import json

import pytest
from django.test import Client

from haitao.accounts.services import issue_token
from haitao.orders.models import Order
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f
from tests.api.test_api import ORDER, error_of, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    brand = f.brand()
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 10)
    return brand


@pytest.fixture
def buyer():
    customer = f.customer()
    return customer, {"HTTP_AUTHORIZATION": f"Bearer {issue_token(customer.user)}"}


def _with(path: str, value):
    body = json.loads(json.dumps(ORDER))
    *parents, last = path.split(".")
    target = body
    for name in parents:
        target = target[name]
    target[last] = value
    return body


@pytest.mark.parametrize("path, value", [
    ("consignee.name", "张\x01三"), ("consignee.detail", "文三路\x0b100号"), ("consignee.city", "杭州\ufffe"),
    ("consignee.district", "西湖\ud800区"), ("buyer.real_name", "张三\x7f"), ("consignee.province", "浙江\x85"),
])
def test_api_refuses_control_characters_naming_the_field(shop, buyer, path, value):
    _, auth = buyer
    body = json.dumps(_with(path, value))  # \\ud800 travels as a JSON escape, as a client would send it
    response = post(Client(), "/api/v1/brands/dolphin/orders", body, **auth)
    assert response.status_code == 422, response.content
    error = error_of(response)
    assert error["code"] == "invalid_characters" and error["field"] == path
    assert not Order.objects.exists()


@pytest.mark.parametrize("name", ["张\x01三", "张三\x00", "\ufffe"])
def test_placement_service_refuses_them_too(shop, name):
    """Any caller of placement (the storefront, an import), not only the API."""
    from haitao.common.errors import InvalidInput
    from haitao.orders import services as orders
    from tests.core.test_placement import request_for

    request = request_for(shop, [("APT3", 1)])
    request.consignee.name = name
    with pytest.raises(InvalidInput) as refused:
        orders.place_order(f.customer(), request)
    assert refused.value.code == "invalid_characters" and refused.value.field == "consignee.name"


def test_storefront_checkout_form_names_the_field(shop):
    customer = f.customer()
    client = Client()
    client.force_login(customer.user)
    client.post("/s/dolphin/cart/add/", {"sku": "APT3", "quantity": "1"})
    form = {"consignee.name": "张三", "consignee.phone": "13800138000", "consignee.province": "浙江省",
            "consignee.city": "杭州市", "consignee.district": "西湖区", "consignee.detail": "文三路\x01100号",
            "buyer.real_name": "张三", "buyer.id_number": "11010519491231002X", "risk_notice_accepted": "on"}
    response = client.post("/s/dolphin/checkout/", form)
    assert response.status_code == 422
    assert response.context["errors"].keys() == {"consignee.detail"}
    assert not Order.objects.exists()


def test_registration_refuses_control_characters(shop):
    response = post(Client(), "/api/v1/auth/register",
                    {"email": "new@example.com", "password": "long-enough-9", "display_name": "me\x1b[31m"})
    assert response.status_code == 422 and error_of(response)["field"] == "display_name"


NUL_PROBES = [
    ("get", "/api/v1/brands/%00", None, None),
    ("get", "/api/v1/brands/dolphin/products?q=%00", None, None),
    ("get", "/api/v1/brands/dolphin/products?category=a%00b", None, None),
    ("post", "/api/v1/auth/token", {"email": "a\x00@example.com", "password": "x"}, "json"),
    ("post", "/api/v1/auth/register", {"email": "a@example.com", "password": "x\x00yyyyyyyy"}, "json"),
    ("post", "/api/v1/brands/dolphin/orders", _with("consignee.name", "张\x00三"), "json"),
    ("get", "/s/dolphin/search/?q=%00", None, None),
    ("get", "/s/dolphin/p/APT3%00/", None, None),
    ("get", "/s/dolphin/orders/%00/", None, None),
    ("post", "/account/login/", {"email": "a\x00@example.com", "password": "x"}, "form"),
    ("post", "/account/register/", {"email": "a@example.com", "password": "x", "display_name": "\x00"}, "form"),
]


@pytest.mark.parametrize("method, url, body, kind", NUL_PROBES)
def test_a_nul_anywhere_is_a_400(shop, buyer, method, url, body, kind):
    _, auth = buyer
    client = Client(raise_request_exception=False)
    client.force_login(f.customer().user)
    if kind == "json":
        response = client.post(url, data=json.dumps(body), content_type="application/json", **auth)
    elif kind == "form":
        response = client.post(url, body)
    else:
        response = getattr(client, method)(url, **auth)
    assert response.status_code == 400, (url, response.status_code, response.content[:200])
    if url.startswith("/api/"):
        assert error_of(response)["code"] == "nul_character"


def test_a_nul_in_a_cookie_or_header_is_a_400(shop):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abc%00def"
    assert client.get("/s/dolphin/").status_code == 400
    response = Client().post("/api/v1/brands/dolphin/orders", data=json.dumps(ORDER), content_type="application/json",
                             HTTP_IDEMPOTENCY_KEY="k\x00")
    assert response.status_code == 400 and error_of(response)["field"] == "header"


def test_an_uncaught_exception_under_api_has_the_error_shape(shop, monkeypatch):
    from haitao.api import routes

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(routes, "brand_by_code", broken)
    response = Client(raise_request_exception=False).get("/api/v1/brands/dolphin")
    assert response.status_code == 500 and error_of(response)["code"] == "internal_error"


def test_a_500_raised_outside_the_api_handlers_is_reshaped(shop, monkeypatch):
    """An exception in a middleware below the API never reaches ninja: Django's HTML 500 is reshaped."""
    from haitao.common import hygiene

    def broken(request):
        raise RuntimeError("a bug in a middleware")

    monkeypatch.setattr(hygiene.InputHygieneMiddleware, "_nul_outside_body", staticmethod(broken))
    response = Client(raise_request_exception=False).get("/api/v1/brands")
    assert response.status_code == 500 and error_of(response)["code"] == "internal_error"


def _signed(body: bytes):
    return {"HTTP_X_SANDBOX_SIGNATURE": SandboxProvider().sign(body)}


@pytest.mark.parametrize("payload", [
    [1, 2, 3],
    "a string",
    {"event_id": "e1", "reference": "PAYX", "status": "succeeded", "amount": "sNaN", "transaction_id": "t"},
    {"event_id": "e1", "reference": "PAYX", "status": "succeeded", "amount": "NaN", "transaction_id": "t"},
    {"event_id": "e1", "reference": "PAYX", "status": "succeeded", "amount": "1E+999999", "transaction_id": "t"},
    {"event_id": "e" * 500, "reference": "PAYX", "status": "succeeded", "amount": "1.00", "transaction_id": "t"},
    {"event_id": "e1", "reference": "P" * 500, "status": "succeeded", "amount": "1.00", "transaction_id": "t"},
    {"event_id": "e1", "reference": "PAYX", "status": "succeeded", "amount": "1.00", "transaction_id": "t" * 500},
    {"event_id": "e1", "reference": "PAYX", "status": "succeeded", "amount": "1.00", "transaction_id": "t",
     "payer_name": "x" * 500},
    {"event_id": "e1", "reference": "PAYX", "status": "succeeded", "amount": "1.00", "transaction_id": "t",
     "payer_name": ["not", "a", "string"]},
])
def test_malformed_signed_callbacks_are_a_400(shop, buyer, payload):
    customer, auth = buyer
    client = Client(raise_request_exception=False)
    order = post(client, "/api/v1/brands/dolphin/orders", ORDER, **auth).json()
    payment = payments.start(Order.objects.get(number=order["number"]))
    if isinstance(payload, dict) and payload.get("reference") == "PAYX":
        payload["reference"] = payment.reference
    body = json.dumps(payload).encode()
    response = client.post("/api/v1/payments/sandbox/callback", data=body, content_type="application/json",
                           **_signed(body))
    assert response.status_code in (400, 422), response.content[:300]
    assert error_of(response)["code"] in ("malformed_callback", "malformed_json", "invalid_amount", "missing_field")
    assert Order.objects.get(number=order["number"]).status == "pending_payment"
