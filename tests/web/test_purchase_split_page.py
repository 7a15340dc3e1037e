"""Issue 13 in the storefront: the checkout page shows the split into customs orders before the buyer
pays, and the order page shows the purchase (every customs order, the total paid once) after."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from haitao.inventory.models import Warehouse
from tests import factories

from .conftest import ID_NUMBER

pytestmark = pytest.mark.django_db

FORM = {"consignee.name": "张三", "consignee.phone": "13800138000", "consignee.province": "浙江省",
        "consignee.city": "杭州市", "consignee.district": "西湖区", "consignee.detail": "文三路 100 号",
        "buyer.real_name": "张三", "buyer.id_number": ID_NUMBER, "risk_notice_accepted": "on"}


@pytest.fixture
def market(shop):
    """Bonded milk and overseas wine of the self-operated seller, bonded cream of a marketplace seller."""
    brand = shop["dolphin"]
    brand.freight_flat = Decimal("10.00")
    brand.save()
    partner = factories.merchant("kr-beauty", name="K Beauty Ltd", kind="marketplace", country="KR",
                                 ebc_code="KR0000001", ebc_name="K Beauty")
    wine, cream = factories.sku(code="WINE-1"), factories.sku(code="CREAM-1")
    factories.listed(brand, wine, "300.00")
    factories.listed(brand, cream, "100.00", merchant_obj=partner)
    factories.stock(wine, 5, wh=factories.warehouse("de-frankfurt", kind=Warehouse.Kind.OVERSEAS))
    factories.stock(cream, 5)
    return brand


def _add(client, sku, quantity=1):
    client.post(reverse("web:cart-add", args=["dolphin"]), {"sku": sku, "quantity": quantity})


def test_checkout_shows_the_split_before_paying_and_the_order_page_the_purchase(signed_in, market, buyer):
    for sku in ("APT-1", "WINE-1", "CREAM-1"):
        _add(signed_in, sku)
    page = signed_in.get(reverse("web:checkout", args=["dolphin"])).text
    split = re.search(r'<section class="notice purchase-split".*?</section>', page, re.S).group(0)
    assert 'data-orders="3"' in split
    assert re.findall(r'data-mode="(\d+)" data-seller="([\w-]+)"', split) == [
        ("1210", "self"), ("9610", "self"), ("1210", "kr-beauty")]
    assert "K Beauty Ltd" in split and "de-frankfurt" in split and "hz-bonded" in split
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
    response = signed_in.post(reverse("web:checkout", args=["dolphin"]), {**FORM, "idempotency_key": key})
    assert response.status_code == 302
    purchase = buyer.purchases.get()
    assert purchase.orders.count() == 3
    assert f"¥{purchase.actual_paid}" in split  # what the buyer was shown is what the purchase costs
    order_page = signed_in.get(response["Location"]).text
    assert 'data-orders="3"' in order_page and purchase.orders.order_by("id").last().number in order_page
    assert re.search(r'id="pay-now"[^>]*>[^<]*¥' + re.escape(str(purchase.actual_paid)), order_page)


def test_a_purchase_of_one_customs_order_shows_no_split(signed_in, market):
    _add(signed_in, "APT-1")
    page = signed_in.get(reverse("web:checkout", args=["dolphin"])).text
    assert "purchase-split" not in page
