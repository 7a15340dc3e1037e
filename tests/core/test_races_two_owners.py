"""Issue 13: one SKU sold by two merchants (in two brands) from one bonded warehouse, each from its
own stock row. Threads racing placements in both brands never oversell either owner's units and never
draw one seller's order from the other owner's row. Real threads; on PostgreSQL the conditional
UPDATE per owner row holds under concurrency (on SQLite writers serialise and the same holds)."""

import pytest

from haitao.common.errors import DomainError
from haitao.inventory.models import Allocation, Stock
from haitao.orders import services as orders
from haitao.orders.models import Order
from tests import factories as f
from tests.core.test_placement import request_for
from tests.core.test_races import _race, _valid_id

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 30
OWN_UNITS, PARTNER_UNITS = 5, 3


def test_two_owners_of_one_sku_in_one_bonded_warehouse_never_oversold_nor_mixed():
    own, partner = f.merchant(), f.merchant("kr-beauty", name="K Beauty", kind="marketplace", country="KR",
                                             ebc_code="KR0000001", ebc_name="K")
    dolphin, wombat = f.brand(), f.brand("wombat")
    sku = f.sku(code="TWIN")
    f.listed(dolphin, sku, "100.00", merchant_obj=own)
    f.listed(wombat, sku, "110.00", merchant_obj=partner)
    bonded = f.warehouse()
    own_row = f.stock(sku, OWN_UNITS, wh=bonded, owner=own, item_record_no="IR-OWN")
    partner_row = f.stock(sku, PARTNER_UNITS, wh=bonded, owner=partner, item_record_no="IR-KR")
    buyers = [f.customer() for _ in range(THREADS)]
    brands = [dolphin if i % 2 == 0 else wombat for i in range(THREADS)]

    def buy(i):
        return orders.place_order(buyers[i], request_for(brands[i], [("TWIN", 1)], buyer_id_number=_valid_id(i),
                                                         buyer_name=f"买家{i}"))[0]

    results = _race(THREADS, buy)
    won = [r for r in results if isinstance(r, Order)]
    lost = [r for r in results if isinstance(r, DomainError)]
    assert not [r for r in results if not isinstance(r, (Order, DomainError))]
    assert {e.code for e in lost} == {"out_of_stock"}
    by_brand = {code: [o for o in won if o.brand.code == code] for code in ("dolphin", "wombat")}
    assert (len(by_brand["dolphin"]), len(by_brand["wombat"])) == (OWN_UNITS, PARTNER_UNITS)
    own_row.refresh_from_db()
    partner_row.refresh_from_db()
    assert (own_row.allocated, partner_row.allocated) == (OWN_UNITS, PARTNER_UNITS)
    assert all(row.allocated <= row.on_hand for row in Stock.objects.all())
    # every order's units come from its own seller's row: none crossed owners
    for order in Order.objects.select_related("seller", "brand"):
        rows = set(Allocation.objects.filter(order_line__order=order).values_list("stock__owner_id", flat=True))
        assert rows == {order.seller_id} and order.seller_id == (own.id if order.brand == dolphin else partner.id)
    assert Allocation.objects.filter(stock=own_row).count() == OWN_UNITS
    assert Allocation.objects.filter(stock=partner_row).count() == PARTNER_UNITS
