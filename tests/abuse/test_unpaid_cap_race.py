"""The unpaid-order cap under concurrency (PostgreSQL in CI): parallel placements of one buyer are
counted after the quota reserve, which serialises them on the person's quota row."""

import pytest
from django.test import override_settings

from haitao.orders.models import Order
from haitao.orders import services as orders
from tests import factories as f
from tests.core.test_placement import request_for
from tests.core.test_races import _race

pytestmark = pytest.mark.django_db(transaction=True)


@override_settings(MAX_UNPAID_ORDERS_PER_ACCOUNT=5, MAX_UNPAID_ORDERS_PER_BUYER=5,
                   PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_sixteen_parallel_orders_leave_five_unpaid():
    brand = f.brand()
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "100.00")
    f.stock(sku, 100)
    buyer = f.customer()
    orders.place_order(buyer, request_for(brand, [("APT3", 1)], key="first"))  # records the identity
    results = _race(16, lambda i: orders.place_order(buyer, request_for(brand, [("APT3", 1)], key=f"r{i}"))[0])
    placed = [r for r in results if isinstance(r, Order)]
    codes = {getattr(r, "code", repr(r)) for r in results if not isinstance(r, Order)}
    assert len(placed) == 4 and codes == {"too_many_unpaid_orders"}, results
    assert Order.objects.filter(status="pending_payment").count() == 5
