"""Units sold and availability in the ranking follow orders and stock as they change, not only when a
listing is saved or the index rebuilt (catalog.search.freshness, catalog.handlers)."""

import pytest

from haitao import tasks
from haitao.catalog.models import SearchDocument
from haitao.catalog.search import freshness
from haitao.catalog.search.ranking import Filters, search
from haitao.common import domain_events as ev
from haitao.common.events import handlers_of
from haitao.inventory.models import Stock, Warehouse
from haitao.orders import services as orders
from tests import factories as f
from tests.declarations.conftest import BUYER_ID, consignee

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    """Two twin SKUs in dolphin (same words, same price): ranking can only tell them apart by sales and
    stock. B-2 sorts first by code, so it wins a tie."""
    brand = f.brand()
    skus = {code: f.sku(code=code, title="爱他美白金版 3段 800g", title_en="Aptamil Stage 3 800g", brand_name="Aptamil",
                        brand_name_zh="爱他美") for code in ("B-2", "C-1")}
    for s in skus.values():
        f.listed(brand, s, "200.00")
    f.stock(skus["B-2"], 5)
    f.stock(skus["C-1"], 2)
    return brand, skus


def _doc(sku):
    return SearchDocument.objects.get(sku=sku)


def _place(brand, items):
    order, _ = orders.place_order(f.customer(), orders.PlaceOrder(
        brand=brand, items=items, consignee=consignee(), buyer_name="张三", buyer_id_number=BUYER_ID,
        risk_notice_accepted=True))
    return order


def _codes(brand, q="爱他美", **kw):
    from haitao.catalog.models import Listing

    ids = search(brand, q, **kw).listing_ids
    return [Listing.objects.get(pk=i).sku.code for i in ids]


def test_an_order_moves_units_sold_and_availability_and_a_cancellation_gives_them_back(
        shop, django_capture_on_commit_callbacks):
    brand, skus = shop
    assert _codes(brand) == ["B-2", "C-1"]
    with django_capture_on_commit_callbacks(execute=True):  # the handlers run once the order has committed
        order = _place(brand, [("C-1", 2)])  # the last two units
    doc = _doc(skus["C-1"])
    assert (doc.sales, doc.available, doc.stock_modes) == (2, False, 0)
    assert _codes(brand) == ["C-1", "B-2"]  # sold more: first, without a reindex
    assert search(brand, "爱他美", facets=True).facets["mode"] == [{"value": "1210", "count": 1}]
    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel(order, "test")
    doc = _doc(skus["C-1"])
    assert (doc.sales, doc.available, doc.stock_modes) == (0, True, 1)
    assert _codes(brand) == ["B-2", "C-1"]


def test_in_stock_comes_first_among_equals(shop):
    brand, skus = shop
    Stock.objects.filter(sku=skus["B-2"]).update(allocated=5)  # sold out by a write that sends no signal
    assert _codes(brand) == ["B-2", "C-1"]  # the document does not know yet
    assert tasks.search_refresh.delay().get() == {"search_documents": 1}  # the periodic sweep: one changed
    assert freshness.refresh() == 0  # and nothing is rewritten that did not change
    assert _codes(brand) == ["C-1", "B-2"]
    assert _codes(brand, sort="sales") == ["C-1", "B-2"]
    assert _codes(brand, filters=Filters(mode="1210")) == ["C-1"]


def test_stock_received_makes_a_listing_available_in_its_mode(shop):
    brand, skus = shop
    extra = f.sku(code="D-9", title="爱他美白金版 3段 800g", title_en="Aptamil Stage 3 800g", brand_name="Aptamil",
                  brand_name_zh="爱他美")
    f.listed(brand, extra, "200.00")
    assert _doc(extra).available is False
    assert "D-9" not in _codes(brand, filters=Filters(mode="9610"))
    f.stock(extra, 3, f.warehouse("de-direct", kind=Warehouse.Kind.OVERSEAS))
    doc = _doc(extra)
    assert (doc.available, doc.stock_modes) == (True, 2)
    assert _codes(brand, filters=Filters(mode="9610")) == ["D-9"]


@pytest.mark.parametrize("event", [ev.OrderPlaced, ev.OrderCancelled, ev.OrderExpired, ev.OrderRefunded,
                                   ev.CustomsRejected, ev.RequestAnswered])
def test_the_order_events_that_move_sales_or_stock_refresh_search_after_commit(event):
    wired = {(h.__module__, h.__name__, in_tx) for h, in_tx in handlers_of(event)}
    assert ("haitao.catalog.handlers", "refresh_search_signals", False) in wired
