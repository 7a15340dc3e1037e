"""Invariant 7 for merchants: every portal page and API endpoint, as merchant A, merchant B and every
other kind of caller. A never reads B's offers, orders, returns or settlements (not even whether they
exist), nor any buyer's personal data in clear, nor an operator page; a bad token, a buyer's or an
operator's token, an unknown role, a switched-off membership are refused (fail closed)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from haitao.accounts.services import issue_token as buyer_token
from haitao.marketplace import services
from haitao.marketplace.models import MerchantUser

from .support import order, returned, shanghai, world

pytestmark = pytest.mark.django_db
PASSWORD = "merchant-pass-1"
CLEAR = ["11010519491231002X", "13911110001", "建国路88号", "王小明"]  # what a buyer's data is in clear


@pytest.fixture
def m():
    w = world()
    from tests import factories as f

    f.listed(w["dolphin"], w["formula"], merchant_obj=w["a"], price="111.00")
    f.listed(w["dolphin"], w["wine"], merchant_obj=w["b"], price="345.67")
    f.stock(w["formula"], 7)
    services.record_exchange_rate("EUR", "7.7", date(2026, 11, 30), "PBOC", "test")
    services.record_exchange_rate("JPY", "0.0475", date(2026, 11, 30), "PBOC", "test")
    oa = order(w, w["dolphin"], [(w["a"], w["formula"], 2, "111.00", "9.00")], shanghai(2026, 11, 3))
    ob = order(w, w["dolphin"], [(w["b"], w["wine"], 1, "345.67", "20.00")], shanghai(2026, 11, 4))
    returned(oa, 1, 1, shanghai(2026, 11, 20))
    returned(ob, 1, 1, shanghai(2026, 11, 21))
    services.run_settlement(w["a"], "2026-11", "test")
    services.run_settlement(w["b"], "2026-11", "test")
    users = {}
    for name, merchant, role in (("a-manager", w["a"], "manager"), ("a-staff", w["a"], "staff"),
                                 ("a-accountant", w["a"], "accountant"), ("b-manager", w["b"], "manager")):
        users[name] = services.add_portal_user(merchant, name, PASSWORD, role)
    get_user_model().objects.create_user("operator", "op@x.test", PASSWORD, is_staff=True, is_superuser=True)
    return {**w, "oa": oa, "ob": ob, "users": users}


def _web(username):
    client = Client()
    assert client.post("/merchant/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _pages(m, number, period="2026-11"):
    return ["/merchant/", "/merchant/orders/", f"/merchant/orders/{number}/", "/merchant/returns/",
            "/merchant/settlements/", f"/merchant/settlements/{period}/",
            f"/merchant/settlements/{period}/statement.csv"]


def test_merchant_a_sees_its_own_and_nothing_of_b_on_the_web(m):
    client = _web("a-manager")
    seen = ""
    for url in _pages(m, m["oa"].number):
        response = client.get(url)
        assert response.status_code == 200, url
        seen += response.content.decode("utf-8-sig")
    assert m["oa"].number in seen and m["formula"].code in seen and "111.00" in seen
    for foreign in (m["ob"].number, m["wine"].code, "345.67"):
        assert foreign not in seen, (foreign, seen[max(0, seen.find(foreign) - 300):seen.find(foreign) + 100])
    assert [text for text in CLEAR if text in seen] == []
    assert "王**" in seen or "王*" in seen  # the masked name is what a merchant sees
    assert client.get(f"/merchant/orders/{m['ob'].number}/").status_code == 404  # B's order: not found
    assert client.get("/merchant/settlements/2026-10/").status_code == 404


def test_b_sees_only_b(m):
    client = _web("b-manager")
    page = client.get("/merchant/orders/").content.decode()
    assert m["ob"].number in page and m["oa"].number not in page
    assert client.get(f"/merchant/orders/{m['oa'].number}/").status_code == 404


def test_merchants_get_no_operator_page(m):
    client = _web("a-manager")
    for url in ("/admin/", "/admin/orders/order/", "/admin/marketplace/settlement/", "/ops/"):
        assert client.get(url).status_code == 302, url  # to the operators' sign-in: not staff


@pytest.mark.parametrize("who", ["operator", "buyer", "nobody", "wrong-password"])
def test_only_merchant_accounts_sign_in(m, who):
    from tests import factories as f

    if who == "buyer":
        f.customer(email="buyer@x.test", password=PASSWORD)
    username = {"operator": "operator", "buyer": "buyer@x.test", "nobody": "ghost", "wrong-password": "a-manager"}[who]
    password = "wrong-password-1" if who == "wrong-password" else PASSWORD
    client = Client()
    response = client.post("/merchant/login/", {"username": username, "password": password})
    assert response.status_code == 403
    assert client.get("/merchant/orders/").status_code == 302  # still signed out


def test_an_operator_signed_in_elsewhere_is_refused(m):
    client = Client()
    client.force_login(get_user_model().objects.get(username="operator"))
    assert client.get("/merchant/orders/").status_code == 403


@pytest.mark.parametrize(("username", "allowed", "refused"), [
    ("a-staff", "/merchant/orders/", "/merchant/settlements/"),
    ("a-accountant", "/merchant/settlements/", "/merchant/orders/"),
])
def test_roles_open_their_areas_only(m, username, allowed, refused):
    client = _web(username)
    assert client.get(allowed).status_code == 200
    assert client.get(refused).status_code == 403


def test_unknown_role_or_switched_off_membership_fails_closed(m):
    client = _web("a-manager")
    MerchantUser.objects.filter(user__username="a-manager").update(role="owner")
    assert client.get("/merchant/orders/").status_code == 403
    MerchantUser.objects.filter(user__username="a-manager").update(role="manager", active=False)
    assert client.get("/merchant/orders/").status_code == 403


# --- API ------------------------------------------------------------------------------------------


def _token(client, username):
    response = client.post("/api/v1/merchant/auth/token", {"username": username, "password": PASSWORD},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _get(client, url, token):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_api_is_cut_to_the_tokens_merchant(m):
    client = Client()
    token = _token(client, "a-manager")
    assert token.startswith("hm_")
    seen = ""
    for url in ("/api/v1/merchant/offers", "/api/v1/merchant/orders", f"/api/v1/merchant/orders/{m['oa'].number}",
                "/api/v1/merchant/returns", "/api/v1/merchant/settlements", "/api/v1/merchant/settlements/2026-11",
                "/api/v1/merchant/settlements/2026-11/statement/csv"):
        response = _get(client, url, token)
        assert response.status_code == 200, (url, response.content)
        seen += response.content.decode("utf-8-sig")
    assert m["oa"].number in seen and m["ob"].number not in seen and m["wine"].code not in seen
    assert [text for text in CLEAR if text in seen] == []
    offers = _get(client, "/api/v1/merchant/offers", token).json()
    assert [(o["sku"], o["price"], [s["available"] for s in o["stock"]]) for o in offers] == [
        (m["formula"].code, "111.00", [7])]
    missing = _get(client, f"/api/v1/merchant/orders/{m['ob'].number}", token)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "order_not_found"


@pytest.mark.parametrize("kind", ["none", "garbage", "buyer", "revoked", "unknown_role", "inactive_user"])
def test_api_refuses_what_is_not_a_valid_merchant_token(m, kind):
    client = Client()
    token = _token(client, "a-manager")
    if kind == "none":
        response = client.get("/api/v1/merchant/orders")
    else:
        if kind == "garbage":
            token = "hm_" + "x" * 43
        elif kind == "buyer":
            from tests import factories as f

            token = buyer_token(f.customer().user)
        elif kind == "revoked":
            member = m["users"]["a-manager"]
            services.revoke_token(member, member.tokens.get().pk)
        elif kind == "unknown_role":
            MerchantUser.objects.filter(user__username="a-manager").update(role="superuser")
        elif kind == "inactive_user":
            get_user_model().objects.filter(username="a-manager").update(is_active=False)
        response = _get(client, "/api/v1/merchant/orders", token)
    expected = 403 if kind in ("unknown_role", "inactive_user") else 401
    assert response.status_code == expected
    assert "error" in response.json()


def test_token_endpoint_refuses_operators_buyers_and_narrow_roles(m):
    client = Client()
    for username in ("operator", "a-staff", "ghost"):
        response = client.post("/api/v1/merchant/auth/token", {"username": username, "password": PASSWORD},
                               content_type="application/json")
        assert response.status_code == 403, username


def test_merchant_token_is_unknown_to_the_shop_api(m):
    client = Client()
    token = _token(client, "a-manager")
    assert _get(client, "/api/v1/me", token).status_code == 401
