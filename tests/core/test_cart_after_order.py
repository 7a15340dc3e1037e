"""The order service owns what happens to the cart an order came from, for the API and the storefront
alike: the ordered lines leave it; a cart left empty is closed."""

import pytest

from haitao.checkout import services as carts
from haitao.checkout.models import Cart
from haitao.common.errors import InvalidInput
from haitao.orders import services as orders
from tests import factories as f
from tests.core.test_placement import request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def cart():
    brand = f.brand()
    for code in ("APT3", "SER1"):
        sku = f.sku(code=code)
        f.listed(brand, sku, "100.00")
        f.stock(sku, 10)
    buyer = f.customer()
    basket = carts.open_cart(brand, buyer)
    carts.add(basket, "APT3", 2)
    carts.add(basket, "SER1", 1)
    return buyer, basket


def _left(basket):
    return {line.listing.sku.code: line.quantity for line in carts.lines(basket)}


def test_the_ordered_lines_leave_the_cart_and_the_rest_stays(cart):
    buyer, basket = cart
    orders.place_order(buyer, request_for(basket.brand, [("APT3", 2)], cart=basket))
    assert _left(basket) == {"SER1": 1}
    assert not Cart.objects.get(pk=basket.pk).checked_out


def test_a_cart_ordered_whole_is_closed(cart):
    buyer, basket = cart
    orders.place_order(buyer, request_for(basket.brand, [("APT3", 2), ("SER1", 1)], cart=basket))
    assert _left(basket) == {} and Cart.objects.get(pk=basket.pk).checked_out


def test_a_refused_order_leaves_the_cart_as_it_was(cart):
    buyer, basket = cart
    with pytest.raises(InvalidInput):
        orders.place_order(buyer, request_for(basket.brand, [("APT3", 2)], cart=basket, risk_notice_accepted=False))
    assert _left(basket) == {"APT3": 2, "SER1": 1}
