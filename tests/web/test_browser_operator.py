"""In headless Chromium (Debian's /usr/bin/chromium), a brand operator of dolphin with a Chinese browser
signs into the admin and /ops/: every page reads Chinese, and nothing of the other brand shows."""

import re

import pytest
from django.contrib.auth.models import Group

from haitao.operators import roles
from haitao.operators import services as operators
from tests import factories
from tests.compliance.support import place


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "operator-pw-12345"
# English words an untranslated haitao or Django admin page would show (the brands' own English names
# and the data's SKU titles are not interface text).
ENGLISH = re.compile(r"\b(Orders|Order lines|Listings|Customers|Amounts|Status|Actual paid|Dashboard|"
                     r"Operator dashboard|Paid orders|Welcome|Log out|View site|Change password|Action|Go|"
                     r"Filter|Search|Save|Home)\b")


@pytest.fixture
def operator_world(shop):
    buyer = factories.customer()  # one account for the one ID number the orders carry
    dolphin_orders = [place(shop["dolphin"], [("APT-1", 1)], buyer=buyer) for _ in range(2)]
    wombat_order = place(shop["wombat"], [("APT-1", 1)], buyer=buyer)
    user = operators.add_operator("dolphin-op", "dolphin-op@example.com", PASSWORD, roles.BRAND_OPERATOR,
                                  brands=[shop["dolphin"]])
    assert Group.objects.get(name=roles.BRAND_OPERATOR) in user.groups.all()
    return {"dolphin_orders": dolphin_orders, "wombat_order": wombat_order}


def _text(page) -> str:
    return page.inner_text("body")


def test_a_chinese_brand_operator_sees_chinese_and_only_their_brand(live_server, shop, operator_world,
                                                                     browser_page):
    page, base = browser_page, live_server.url
    page.goto(f"{base}/admin/login/?next=/admin/")
    assert "用户名" in _text(page)
    page.fill("#id_username", "dolphin-op")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    index = _text(page)
    assert "订单" in index and "上架商品" in index and "顾客" in index
    assert not ENGLISH.search(index), ENGLISH.search(index)

    page.goto(f"{base}/admin/orders/order/")
    orders = _text(page)
    for order in operator_world["dolphin_orders"]:
        assert order.number in orders
    assert operator_world["wombat_order"].number not in orders
    assert "袋熊优选" not in orders and "海豚全球购" in orders
    assert not ENGLISH.search(orders), ENGLISH.search(orders)

    page.click(f"text={operator_world['dolphin_orders'][0].number}")
    page.wait_for_url(re.compile(r".*/admin/orders/order/\d+/change/"))
    page.wait_for_load_state("load")
    detail = _text(page)
    assert "金额（元）" in detail and "订购人与收货人（脱敏）" in detail and "状态变更（审计记录）" in detail
    assert not ENGLISH.search(detail), ENGLISH.search(detail)
    page.goto(f"{base}/admin/orders/order/{operator_world['wombat_order'].pk}/change/")
    assert operator_world["wombat_order"].number not in _text(page)  # another brand's order: not found

    page.goto(f"{base}/admin/catalog/listing/")
    listings = _text(page)
    assert "海豚全球购" in listings and "袋熊优选" not in listings

    page.goto(f"{base}/ops/")
    dashboard = _text(page)
    assert "运营看板" in dashboard and "成交额" in dashboard and "海豚全球购" in dashboard
    assert "袋熊优选" not in dashboard
    assert not ENGLISH.search(dashboard), ENGLISH.search(dashboard)
