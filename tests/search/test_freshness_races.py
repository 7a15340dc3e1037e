"""Buyers racing for a hot SKU each refresh its search document after their commit: the refreshes never
fail or hold up an order (PostgreSQL skips rows another refresh holds), never count more than was sold,
and the sweep leaves the document exact."""

import pytest

from haitao.catalog.models import SearchDocument
from haitao.catalog.search import freshness
from haitao.common.errors import DomainError
from haitao.orders import services as orders
from haitao.orders.models import Order
from tests import factories as f
from tests.core.test_placement import request_for
from tests.core.test_races import _race, _valid_id

pytestmark = pytest.mark.django_db(transaction=True)

BUYERS = 20


def test_racing_buyers_refresh_the_hot_skus_document_without_blocking_or_overcounting():
    brand = f.brand()
    sku = f.sku(code="HOT")
    f.listed(brand, sku, "100.00")
    f.stock(sku, 7)
    buyers = [f.customer() for _ in range(BUYERS)]

    def buy(i):
        return orders.place_order(buyers[i], request_for(brand, [("HOT", 1)], buyer_id_number=_valid_id(i),
                                                         buyer_name=f"买家{i}"))[0]

    results = _race(BUYERS, buy)
    assert [r for r in results if not isinstance(r, (Order, DomainError))] == []
    assert sum(isinstance(r, Order) for r in results) == 7
    doc = SearchDocument.objects.get(sku=sku)
    assert doc.sales <= 7
    freshness.refresh()  # the periodic sweep
    doc.refresh_from_db()
    assert (doc.sales, doc.available, doc.stock_modes) == (7, False, 0)
