"""Storefront pages through Django's test client: both brands, their look, search, cart, checkout
errors, privacy of orders, and the language switch."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from haitao.orders.services import Consignee, PlaceOrder, place_order
from haitao.orders.states import Status
from tests import factories

from .conftest import ID_NUMBER, PASSWORD

pytestmark = pytest.mark.django_db

CONSIGNEE = {"consignee.name": "张三", "consignee.phone": "13800138000", "consignee.province": "浙江省",
             "consignee.city": "杭州市", "consignee.district": "西湖区", "consignee.detail": "文三路 100 号"}


def _idempotency_key(html: str) -> str:
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', html).group(1)


def _checkout_form(client, brand_code, **overrides):
    page = client.get(reverse("web:checkout", args=[brand_code]))
    assert page.status_code == 200
    data = dict(CONSIGNEE, **{"buyer.real_name": "张三", "buyer.id_number": ID_NUMBER,
                              "risk_notice_accepted": "on", "idempotency_key": _idempotency_key(page.text)})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _add(client, brand_code, sku_code, quantity=1):
    return client.post(reverse("web:cart-add", args=[brand_code]), {"sku": sku_code, "quantity": quantity})


@pytest.mark.parametrize("code,name,other", [("dolphin", "海豚全球购", "wombat"), ("wombat", "Wombat Select", "dolphin")])
def test_every_page_renders_in_each_brand_with_its_own_name_and_theme(client, shop, code, name, other):
    urls = [reverse("web:home", args=[code]), reverse("web:category", args=[code, "formula"]),
            reverse("web:search", args=[code]) + "?q=Aptamil", reverse("web:product", args=[code, "APT-1"]),
            reverse("web:cart", args=[code])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert name in response.text
        assert f"/static/web/themes/{code}.css" in response.text
        assert f"themes/{other}.css" not in response.text
        assert 'name="csrfmiddlewaretoken"' in response.text or "<form" not in response.text.split("</header>")[1]


def test_landing_lists_both_brands(client, shop):
    response = client.get("/")
    assert response.status_code == 200
    assert "/s/dolphin/" in response.text and "/s/wombat/" in response.text


def test_product_page_price_display_follows_the_brand(client, shop):
    separate = client.get(reverse("web:product", args=["dolphin", "APT-1"])).text
    # 200.00 × 13% × 70% = 18.20 estimated tax, shown beside the price
    assert "¥200.00" in separate and "¥18.20" in separate and "data-price-display=\"tax_separate\"" in separate
    inclusive = client.get(reverse("web:product", args=["wombat", "APT-1"])).text
    # 218.00 + 19.84 tax = 237.84 shown as the price
    assert "¥237.84" in inclusive and "¥19.84" in inclusive
    assert "Bonded (1210)" in inclusive and "In stock" in inclusive and "Germany" in inclusive


def test_a_single_item_over_the_limit_says_it_clears_under_general_trade(client, shop):
    dear = factories.sku(code="LAMER-1", brand_name="La Mer")
    factories.stock(dear, 3)
    factories.listed(shop["dolphin"], dear, "6000.00")
    page = client.get(reverse("web:product", args=["dolphin", "LAMER-1"])).text
    assert "将按一般贸易方式全额征收关税和税费" in page  # dolphin speaks zh-Hans by default
    assert "一般贸易" not in client.get(reverse("web:product", args=["dolphin", "APT-1"])).text


def test_low_stock_and_sold_out(client, shop):
    low = client.get(reverse("web:product", args=["dolphin", "SER-1"])).text
    assert "stock-low" in low
    gone = factories.sku(code="GONE-1")
    factories.stock(gone, 0)
    factories.listed(shop["dolphin"], gone, "50.00")
    page = client.get(reverse("web:product", args=["dolphin", "GONE-1"])).text
    assert "stock-sold_out" in page and "add-to-cart" not in page


def test_product_not_listed_in_brand_is_404(client, shop):
    assert client.get(reverse("web:product", args=["wombat", "SER-1"])).status_code == 404


@pytest.mark.parametrize("query", ["爱他美", "profutura", "4008976022329", "aptamil"])
def test_search_finds_by_zh_and_en_title_gtin_and_brand(client, shop, query):
    response = client.get(reverse("web:search", args=["dolphin"]), {"q": query})
    assert "/s/dolphin/p/APT-1/" in response.text


def test_search_without_match(client, shop):
    response = client.get(reverse("web:search", args=["dolphin"]), {"q": "nothing-like-this"})
    assert "/s/dolphin/p/APT-1/" not in response.text


def test_cart_add_update_remove_with_tax_per_line(client, shop):
    response = _add(client, "dolphin", "APT-1", 2)
    assert response.status_code == 302
    page = client.get(reverse("web:cart", args=["dolphin"])).text
    assert "¥400.00" in page and "¥36.40" in page  # worked example 1
    client.post(reverse("web:cart-update", args=["dolphin"]), {"sku": "APT-1", "quantity": 3})
    page = client.get(reverse("web:cart", args=["dolphin"])).text
    assert "¥600.00" in page and "¥54.60" in page
    client.post(reverse("web:cart-update", args=["dolphin"]), {"sku": "APT-1", "remove": "1"})
    page = client.get(reverse("web:cart", args=["dolphin"])).text
    assert "APT-1" not in page


def test_carts_are_per_brand(client, shop):
    _add(client, "dolphin", "APT-1")
    assert "/s/wombat/p/APT-1/" not in client.get(reverse("web:cart", args=["wombat"])).text


def test_anonymous_cart_is_claimed_at_login(client, shop, buyer):
    _add(client, "dolphin", "APT-1", 2)
    response = client.post(reverse("web:login"), {"email": buyer.user.email, "password": PASSWORD,
                                                  "next": "/s/dolphin/cart/"})
    assert response.status_code == 302 and response["Location"] == "/s/dolphin/cart/"
    assert buyer.carts.get(brand=shop["dolphin"]).lines.get().quantity == 2


def test_cart_refusal_shows_amount_over(client, shop):
    expensive = factories.sku(code="BIG-1")
    factories.stock(expensive, 10)
    factories.listed(shop["dolphin"], expensive, "2600.00")
    _add(client, "dolphin", "BIG-1", 2)
    page = client.get(reverse("web:cart", args=["dolphin"])).text
    assert "¥200.00" in page and "refusal" in page  # worked example 4: 5,200 is 200 over 5,000


def test_checkout_requires_login(client, shop):
    response = client.get(reverse("web:checkout", args=["dolphin"]))
    assert response.status_code == 302 and response["Location"].startswith("/account/login/?next=")


def test_checkout_without_risk_notice_is_a_field_error(signed_in, shop):
    _add(signed_in, "dolphin", "APT-1")
    response = signed_in.post(reverse("web:checkout", args=["dolphin"]),
                              _checkout_form(signed_in, "dolphin", risk_notice_accepted=None))
    assert response.status_code == 422
    assert 'data-field="risk_notice_accepted"' in response.text


def test_checkout_with_invalid_id_number_is_a_field_error(signed_in, shop):
    _add(signed_in, "dolphin", "APT-1")
    response = signed_in.post(reverse("web:checkout", args=["dolphin"]),
                              _checkout_form(signed_in, "dolphin", **{"buyer.id_number": "110105194912310021"}))
    assert response.status_code == 422
    assert 'data-field="buyer.id_number"' in response.text


def test_checkout_with_an_id_number_verified_under_another_name_is_refused(signed_in, shop):
    from haitao.accounts.services import ensure_identity

    ensure_identity(factories.customer("other@haitao.test"), "李四", ID_NUMBER)
    _add(signed_in, "dolphin", "APT-1")
    response = signed_in.post(reverse("web:checkout", args=["dolphin"]), _checkout_form(signed_in, "dolphin"))
    assert response.status_code == 422
    assert "该身份证号已以其他姓名完成实名认证" in response.text and "李四" not in response.text


def test_checkout_shows_every_field_error_at_once_and_places_nothing(signed_in, shop):
    from haitao.orders.models import Order

    _add(signed_in, "dolphin", "APT-1")
    form = _checkout_form(signed_in, "dolphin", risk_notice_accepted=None, **{
        "consignee.phone": "12345", "consignee.city": "", "buyer.real_name": "", "buyer.id_number": "110105194912310021"})
    response = signed_in.post(reverse("web:checkout", args=["dolphin"]), form)
    assert response.status_code == 422
    for field in ("consignee.phone", "consignee.city", "buyer.real_name", "buyer.id_number", "risk_notice_accepted"):
        assert f'data-field="{field}"' in response.text, field
    assert 'data-field="consignee.name"' not in response.text and not Order.objects.exists()


def test_checkout_with_bad_mobile_is_a_field_error(signed_in, shop):
    _add(signed_in, "dolphin", "APT-1")
    response = signed_in.post(reverse("web:checkout", args=["dolphin"]),
                              _checkout_form(signed_in, "dolphin", **{"consignee.phone": "12345"}))
    assert 'data-field="consignee.phone"' in response.text


def test_checkout_limit_refusal_shows_amount_over(signed_in, shop):
    expensive = factories.sku(code="BIG-1")
    factories.stock(expensive, 10)
    factories.listed(shop["dolphin"], expensive, "2600.00")
    _add(signed_in, "dolphin", "BIG-1", 2)
    response = signed_in.post(reverse("web:checkout", args=["dolphin"]), _checkout_form(signed_in, "dolphin"))
    assert response.status_code == 422
    assert 'id="form-error"' in response.text and "¥200.00" in response.text


def test_checkout_places_one_order_even_when_submitted_twice(signed_in, shop, buyer):
    _add(signed_in, "dolphin", "APT-1", 2)
    form = _checkout_form(signed_in, "dolphin")
    first = signed_in.post(reverse("web:checkout", args=["dolphin"]), form)
    second = signed_in.post(reverse("web:checkout", args=["dolphin"]), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert buyer.orders.count() == 1
    order = buyer.orders.get()
    assert order.actual_paid == Decimal("436.40") and order.risk_notice_accepted_at is not None
    # the cart is emptied, and the next checkout prefills the saved address and the masked identity
    _add(signed_in, "dolphin", "APT-1")
    page = signed_in.get(reverse("web:checkout", args=["dolphin"])).text
    assert "1101**********002X" in page and ID_NUMBER not in page and "文三路 100 号" in page


def _order(customer, brand, sku="APT-1"):
    request = PlaceOrder(brand=brand, items=[(sku, 1)], buyer_name="张三", buyer_id_number=ID_NUMBER,
                         consignee=Consignee("张三", "13800138000", "浙江省", "杭州市", "西湖区", "文三路 1 号"),
                         risk_notice_accepted=True)
    return place_order(customer, request)[0]


def test_order_page_shows_lines_totals_history_and_pay_button(signed_in, shop, buyer):
    order = _order(buyer, shop["dolphin"])
    page = signed_in.get(reverse("web:order", args=["dolphin", order.number])).text
    assert order.number in page and "¥18.20" in page and "¥218.20" in page
    assert 'data-status="pending_payment"' in page and 'id="pay-now"' in page and 'id="cancel-order"' in page


def test_pay_through_the_sandbox_page(signed_in, shop, buyer):
    order = _order(buyer, shop["dolphin"])
    response = signed_in.post(reverse("web:order-pay", args=["dolphin", order.number]))
    assert response.status_code == 302 and response["Location"].startswith("/pay/sandbox/PAY")
    pay_page = signed_in.get(response["Location"])
    assert "haitao" in pay_page.text and order.number in pay_page.text and "¥218.20" in pay_page.text
    assert "themes/dolphin.css" not in pay_page.text
    done = signed_in.post(response["Location"], {"pay": "1"})
    assert done["Location"] == reverse("web:order", args=["dolphin", order.number])
    order.refresh_from_db()
    assert order.paid_at is not None and order.status in Status.COUNTING  # paid (maybe declared already)
    page = signed_in.get(done["Location"]).text
    assert '<li data-status="paid">' in page and 'id="paid-at"' in page and 'id="pay-now"' not in page


def test_cancel_order(signed_in, shop, buyer):
    order = _order(buyer, shop["dolphin"])
    signed_in.post(reverse("web:order-cancel", args=["dolphin", order.number]))
    order.refresh_from_db()
    assert order.status == "cancelled"


def test_another_customers_order_and_payment_are_404(client, shop, buyer):
    order = _order(buyer, shop["dolphin"])
    someone_else = factories.customer()
    client.force_login(someone_else.user)
    assert client.get(reverse("web:order", args=["dolphin", order.number])).status_code == 404
    assert client.post(reverse("web:order-pay", args=["dolphin", order.number])).status_code == 404
    assert client.post(reverse("web:order-cancel", args=["dolphin", order.number])).status_code == 404
    from haitao.payments.services import start
    payment = start(order)
    assert client.get(reverse("web:sandbox-pay", args=[payment.reference])).status_code == 404


def test_order_under_the_wrong_brand_is_404(signed_in, shop, buyer):
    order = _order(buyer, shop["dolphin"])
    assert signed_in.get(reverse("web:order", args=["wombat", order.number])).status_code == 404


def test_account_lists_orders_across_brands_with_quota(signed_in, shop, buyer):
    first, second = _order(buyer, shop["dolphin"]), _order(buyer, shop["wombat"])
    page = signed_in.get(reverse("web:account", args=["wombat"])).text
    assert first.number in page and second.number in page
    assert "Dolphin Global" in page and "Wombat Select" in page
    assert "1101**********002X" in page and ID_NUMBER not in page
    assert "¥25,582.00" in page  # 26,000 − (200 + 218)


def test_register_then_sign_in_returns_to_next(client, shop):
    response = client.post(reverse("web:register"), {"email": "new@example.com", "password": "a-long-password-1",
                                                     "next": "/s/wombat/"})
    assert response.status_code == 302 and response["Location"] == "/account/login/?next=%2Fs%2Fwombat%2F"
    login = client.get(response["Location"])
    assert 'id="registered-notice"' in login.text and 'value="new@example.com"' in login.text
    signed_in = client.post(reverse("web:login"), {"email": "new@example.com", "password": "a-long-password-1",
                                                   "next": "/s/wombat/"})
    assert signed_in["Location"] == "/s/wombat/"
    assert "Sign out" in client.get("/s/wombat/").text


def test_register_does_not_tell_whether_an_address_has_an_account(client, shop, buyer):
    """Issue 11: registration answered `email_taken` (account enumeration)."""
    answers = []
    for email in (buyer.user.email, "never-seen@example.com"):
        response = client.post(reverse("web:register"), {"email": email, "password": "a-long-password-1",
                                                         "next": "/s/wombat/"})
        answers.append((response.status_code, response["Location"], client.get(response["Location"]).status_code))
    assert answers[0] == answers[1]


def test_register_errors_are_shown(client, shop):
    response = client.post(reverse("web:register"), {"email": "not-an-email", "password": "a-long-password-1"})
    assert response.status_code == 422 and 'data-field="email"' in response.text


def test_login_rejects_bad_password_and_unsafe_next(client, shop, buyer):
    bad = client.post(reverse("web:login"), {"email": buyer.user.email, "password": "wrong"})
    assert bad.status_code == 422
    good = client.post(reverse("web:login"), {"email": buyer.user.email, "password": PASSWORD,
                                              "next": "https://evil.example/"})
    assert good["Location"] == "/"


def test_logout_is_post_only(signed_in, shop):
    assert signed_in.get(reverse("web:logout")).status_code == 405
    signed_in.post(reverse("web:logout"), {"next": "/s/dolphin/"})
    assert signed_in.get(reverse("web:account", args=["dolphin"])).status_code == 302


def test_language_defaults_to_the_brand_and_switches(client, shop):
    assert "购物车" in client.get("/s/dolphin/").text  # dolphin defaults to Chinese
    assert ">Cart<" in client.get("/s/wombat/").text.replace(" ", "")  # wombat defaults to English
    response = client.get("/s/dolphin/?lang=en")
    assert response.status_code == 302 and response["Location"] == "/s/dolphin/"
    page = client.get("/s/dolphin/").text
    assert "Dolphin Global" in page and "Featured" in page and "购物车" not in page
    product = client.get(reverse("web:product", args=["dolphin", "APT-1"])).text
    assert "Aptamil Profutura Stage 1 800g" in product and "Add to cart" in product
    client.get("/s/dolphin/?lang=zh-hans")
    product = client.get(reverse("web:product", args=["dolphin", "APT-1"])).text
    assert "爱他美白金版婴儿配方奶粉1段800g" in product and "加入购物车" in product


def test_forms_are_csrf_protected(shop, buyer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(buyer.user)
    assert strict.post(reverse("web:cart-add", args=["dolphin"]), {"sku": "APT-1", "quantity": 1}).status_code == 403
