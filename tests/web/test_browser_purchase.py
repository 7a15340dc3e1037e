"""End to end in headless Chromium: one account buys in both storefronts and pays through the
sandbox provider's hosted page; the account page then lists both orders.

Runs Debian's /usr/bin/chromium (never a downloaded browser) against pytest-django's live server.
"""

import re

import pytest
from django.conf import settings

from haitao.catalog.models import Category
from haitao.orders.states import Status
from tests import factories

from .conftest import ID_NUMBER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAID_OR_LATER = set(Status.COUNTING)
EMAIL = "zhang.san@example.com"
PASSWORD = "a-long-password-1"


GOODS = [  # (code, category, zh title, en title, goods brand, hue, dolphin price, wombat price)
    ("VIT-1", "health", "维生素D3软胶囊 90粒", "Vitamin D3 softgels, 90", "Swisse", 40, "129.00", "119.00"),
    ("MAN-1", "snacks", "麦卢卡蜂蜜 UMF10+ 250g", "Manuka honey UMF10+ 250g", "Comvita", 28, "269.00", "259.00"),
    ("SUN-1", "skincare", "清爽防晒乳 SPF50 60ml", "Light sunscreen SPF50 60ml", "Anessa", 190, "168.00", None),
    ("CRM-1", "skincare", "保湿面霜 50ml", "Moisturising cream 50ml", "Nivea", 250, "89.00", "95.00"),
    ("CHO-1", "snacks", "黑巧克力礼盒 200g", "Dark chocolate box 200g", "Lindt", 15, "99.00", None),
]
CATEGORIES = {"health": ("营养保健", "Health"), "snacks": ("美食零食", "Food & snacks"), "skincare": ("美妆护肤", "Skincare")}


@pytest.fixture
def more_goods(shop):
    """A few more listings so the screenshots show storefronts as a buyer would see them."""
    for code, slug, title, title_en, goods_brand, hue, dolphin_price, wombat_price in GOODS:
        name, name_en = CATEGORIES[slug]
        category = Category.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})[0]
        sku = factories.sku(code=code, category=category, title=title, title_en=title_en, brand_name=goods_brand,
                            image_hue=hue, origin_country="AU" if goods_brand in ("Swisse",) else "DE")
        factories.stock(sku, 4 if code == "CHO-1" else 40, shop["warehouse"])
        factories.listed(shop["dolphin"], sku, dolphin_price, featured=True)
        if wombat_price:
            factories.listed(shop["wombat"], sku, wombat_price, featured=True)


def _screenshot(page, url, name):
    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _buy(page, base, brand_code, first_time: bool) -> str:
    """Product → cart → checkout → order page; returns the order number."""
    page.goto(f"{base}/s/{brand_code}/p/APT-1/")
    page.click("form.add-to-cart button[type=submit]")
    page.wait_for_url(re.compile(rf"/s/{brand_code}/cart/$"))
    assert page.locator("tr.line[data-sku='APT-1']").count() == 1
    page.click("#checkout-link")
    page.wait_for_url(re.compile(rf"/s/{brand_code}/checkout/$"))
    if first_time:
        page.fill("[name='consignee.name']", "张三")
        page.fill("[name='consignee.phone']", "13800138000")
        page.fill("[name='consignee.province']", "浙江省")
        page.fill("[name='consignee.city']", "杭州市")
        page.fill("[name='consignee.district']", "西湖区")
        page.fill("[name='consignee.detail']", "文三路 100 号")
        page.fill("[name='buyer.real_name']", "张三")
        page.fill("[name='buyer.id_number']", ID_NUMBER)
    else:  # the saved address and the account's identity (masked) are prefilled
        assert page.input_value("[name='consignee.detail']") == "文三路 100 号"
        assert page.input_value("#id-buyer\\.id_number") == "1101**********002X"
    page.check("#risk_notice_accepted")
    page.click("#place-order")
    page.wait_for_url(re.compile(rf"/s/{brand_code}/orders/HT\d+/$"))
    assert page.get_attribute("#order-status", "data-status") == "pending_payment"
    return page.url.rstrip("/").rsplit("/", 1)[1]


def _pay(page, brand_code, number, amount):
    page.click("#pay-now")
    page.wait_for_url(re.compile(r"/pay/sandbox/PAY[0-9A-F]+/$"))
    _screenshot(page, page.url, f"{brand_code}-sandbox-pay")
    assert "haitao" in page.inner_text("#payee")
    assert page.inner_text("#pay-order") == number
    assert page.inner_text("#pay-amount") == amount
    assert "/themes/" not in page.content()  # the provider's page, not the storefront's
    page.click("#sandbox-pay")
    page.wait_for_url(re.compile(rf"/s/{brand_code}/orders/{number}/$"))
    # Paid; the in-process declaration worker may already have moved it on to "declared".
    assert page.get_attribute("#order-status", "data-status") in PAID_OR_LATER
    assert page.locator(".history li[data-status='paid']").count() == 1
    return page.inner_text("#paid-at")


def test_one_account_buys_and_pays_in_both_brands(live_server, shop, more_goods, browser_page):
    page, base = browser_page, live_server.url
    _screenshot(page, f"{base}/", "landing")
    _screenshot(page, f"{base}/s/dolphin/", "dolphin-home")
    _screenshot(page, f"{base}/s/wombat/", "wombat-home")
    _screenshot(page, f"{base}/s/dolphin/p/APT-1/", "dolphin-product")
    _screenshot(page, f"{base}/s/wombat/p/APT-1/", "wombat-product")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    _screenshot(page, f"{base}/s/dolphin/", "dolphin-home-mobile")
    _screenshot(page, f"{base}/s/wombat/", "wombat-home-mobile")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Register once, in brand 1 (Chinese by default).
    page.goto(f"{base}/s/dolphin/")
    page.click("a[href^='/account/login/']")
    page.click("#register-link")
    page.fill("#id-email", EMAIL)
    page.fill("#id-password", PASSWORD)
    page.click("#register")
    page.wait_for_url(re.compile(r"/s/dolphin/$"))

    first = _buy(page, base, "dolphin", first_time=True)
    assert "待支付" in page.inner_text("#order-status")
    _screenshot(page, page.url, "dolphin-order")
    assert _pay(page, "dolphin", first, "¥218.20").startswith("✓ 已支付")  # 200.00 + 18.20 tax

    # Brand 2 with the same account, still signed in (English by default).
    second = _buy(page, base, "wombat", first_time=False)
    assert _pay(page, "wombat", second, "¥237.84").startswith("✓ Paid")  # 218.00 + 19.84 tax

    page.goto(f"{base}/s/wombat/account/")
    _screenshot(page, page.url, "wombat-account")
    rows = {page.get_attribute(f"tr.order-row:nth-child({i})", "data-number"): page.inner_text(
        f"tr.order-row:nth-child({i}) .order-brand") for i in (1, 2)}
    assert rows == {first: "Dolphin Global", second: "Wombat Select"}
    assert page.inner_text("#quota-used") == "¥418.00"
