"""The unpaid cap (5) counts purchases, not customs orders: a purchase split into several customs
orders takes one slot, and gives it back when its last unpaid order is paid or released."""

import pytest

from haitao.common.errors import Conflict
from haitao.compliance.models import QuotaAccount
from haitao.inventory.models import Warehouse
from haitao.orders import services as orders
from tests import factories as f

from .test_placement import request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def split_shop(settings):
    """Every purchase of MILK + WINE + CREAM is three customs orders (two sellers, two warehouses)."""
    settings.MAX_UNPAID_ORDERS_PER_ACCOUNT = settings.MAX_UNPAID_ORDERS_PER_BUYER = 5
    brand = f.brand()
    f.merchant()
    partner = f.merchant("kr-beauty", name="K Beauty", kind="marketplace", country="KR", ebc_code="KR0000001",
                         ebc_name="K")
    for code, merchant in (("MILK", None), ("WINE", None), ("CREAM", partner)):
        f.listed(brand, f.sku(code=code), "50.00", merchant_obj=merchant)
    from haitao.catalog.models import Sku

    f.stock(Sku.objects.get(code="MILK"), 100)
    f.stock(Sku.objects.get(code="WINE"), 100, wh=f.warehouse("de-frankfurt", kind=Warehouse.Kind.OVERSEAS))
    f.stock(Sku.objects.get(code="CREAM"), 100)
    return brand


ITEMS = [("MILK", 1), ("WINE", 1), ("CREAM", 1)]


def test_five_three_way_purchases_are_five_slots_not_fifteen(split_shop):
    buyer = f.customer()
    placed = [orders.place_purchase(buyer, request_for(split_shop, ITEMS, key=f"p{n}"))[0] for n in range(5)]
    assert [p.orders.count() for p in placed] == [3] * 5
    assert QuotaAccount.objects.get().unpaid_orders == 5
    with pytest.raises(Conflict) as err:
        orders.place_purchase(buyer, request_for(split_shop, ITEMS, key="p5"))
    assert err.value.code == "too_many_unpaid_orders"
    # cancelling one customs order of a purchase leaves its other two unpaid: the slot stays taken
    first, second, third = placed[0].orders.order_by("id")
    orders.cancel(first, "customer")
    with pytest.raises(Conflict):
        orders.place_purchase(buyer, request_for(split_shop, ITEMS, key="p5"))
    # its last unpaid order leaving (paid or cancelled) gives the slot back
    orders.cancel(second, "customer")
    orders.cancel(third, "customer")
    assert QuotaAccount.objects.get().unpaid_orders == 4
    sixth, created = orders.place_purchase(buyer, request_for(split_shop, ITEMS, key="p5"))
    assert created and sixth.orders.count() == 3 and QuotaAccount.objects.get().unpaid_orders == 5


def test_paying_a_purchase_gives_its_one_slot_back(split_shop):
    from haitao.payments import services as payments
    from haitao.payments.providers import SandboxProvider

    buyer = f.customer()
    purchase, _ = orders.place_purchase(buyer, request_for(split_shop, ITEMS))
    payment = payments.start(purchase.placed_orders[0])
    assert payments.handle_callback("sandbox", *SandboxProvider().callback_for(payment)) == "paid"
    account = QuotaAccount.objects.get()
    assert account.unpaid_orders == 0 and account.reserved_fen == 0 and account.committed_fen > 0
