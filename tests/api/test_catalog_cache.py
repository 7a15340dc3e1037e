"""Cached catalog reads: product pages and search pages come from the cache, are dropped on any
catalog change, and show availability at most AVAILABILITY_SECONDS old — with the same JSON as before."""

import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from ninja.responses import NinjaJSONEncoder

from haitao.api.schemas import ProductOut
from haitao.catalog import queries
from haitao.catalog.models import Listing
from haitao.inventory.services import set_on_hand
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    brand = f.brand()
    sku = f.sku(code="APT3")
    listing = f.listed(brand, sku, "200.00")
    f.stock(sku, 10)
    return brand, sku, listing


def _drop_availability():
    cache.delete_many([f"{queries._prefix()}:a:{code}" for code in ("APT3", "B2")])


def test_product_page_json_matches_the_schema_and_second_read_costs_no_sql(shop):
    c = Client()
    first = c.get("/api/v1/brands/dolphin/products/APT3")
    assert first.status_code == 200 and first["Content-Type"] == "application/json; charset=utf-8"
    body = first.json()
    ProductOut.model_validate(body)
    assert body["price"] == "200.00" and body["available"] == 10 and body["modes"] == ["1210"]
    with CaptureQueriesContext(connection) as again:
        second = c.get("/api/v1/brands/dolphin/products/APT3")
    assert second.content == first.content
    assert len(again.captured_queries) == 0
    # byte for byte what ninja renders for ProductOut
    listing = Listing.objects.select_related("sku__category", "merchant").get(pk=shop[2].pk)  # as the view read it
    rendered = json.dumps(ProductOut.model_validate({**queries.product_facts(listing), "available": 10,
                                                     "modes": ["1210"]}).model_dump(), cls=NinjaJSONEncoder)
    assert first.content.decode() == rendered
    assert queries._json_head(listing) == queries._product_row("dolphin", "APT3")[1]


def test_a_listing_or_sku_change_shows_at_once(shop):
    brand, sku, listing = shop
    c = Client()
    assert c.get("/api/v1/brands/dolphin/products/APT3").json()["price"] == "200.00"
    listing.price = Decimal("180.00")
    listing.save()
    assert c.get("/api/v1/brands/dolphin/products/APT3").json()["price"] == "180.00"
    sku.title_en = "Renamed"
    sku.save()
    assert c.get("/api/v1/brands/dolphin/products/APT3").json()["title_en"] == "Renamed"
    assert c.get("/api/v1/brands/dolphin/products", {"q": "Renamed"}).json()["count"] == 1
    listing.visible = False
    listing.save()
    assert c.get("/api/v1/brands/dolphin/products/APT3").status_code == 404
    assert c.get("/api/v1/brands/dolphin/products").json() == {"count": 0, "items": []}


def test_availability_is_cached_briefly_and_then_current(shop):
    c = Client()
    assert c.get("/api/v1/brands/dolphin/products/APT3").json()["available"] == 10
    set_on_hand("hz-bonded", "APT3", 3)  # a stock count does not touch the product facts
    assert c.get("/api/v1/brands/dolphin/products/APT3").json()["available"] == 10  # within the TTL
    _drop_availability()  # as AVAILABILITY_SECONDS passing does
    assert c.get("/api/v1/brands/dolphin/products/APT3").json()["available"] == 3
    page = c.get("/api/v1/brands/dolphin/products").json()
    assert page["count"] == 1 and page["items"][0]["available"] == 3
    assert queries.AVAILABILITY_SECONDS <= 2


def test_search_pages_count_and_cache_per_query(shop):
    brand, _, _ = shop
    other = f.sku(code="B2", title_en="Blue thing")
    f.listed(brand, other, "50.00")
    c = Client()
    everything = c.get("/api/v1/brands/dolphin/products", {"limit": 1}).json()
    assert everything["count"] == 2 and len(everything["items"]) == 1
    second = c.get("/api/v1/brands/dolphin/products", {"limit": 1, "offset": 1}).json()
    assert second["count"] == 2 and second["items"][0]["sku"] != everything["items"][0]["sku"]
    blue = c.get("/api/v1/brands/dolphin/products", {"q": "blue"}).json()
    assert blue["count"] == 1 and blue["items"][0]["sku"] == "B2" and blue["items"][0]["available"] == 0
    with CaptureQueriesContext(connection) as again:
        assert c.get("/api/v1/brands/dolphin/products", {"q": "blue"}).json() == blue
    # only the search rate limit's counter (in the database without Redis; in Redis in production)
    catalog_reads = [q for q in again.captured_queries if "throttle_counter" not in q["sql"]]
    assert len(catalog_reads) == 0
    assert c.get("/api/v1/brands/dolphin/products", {"limit": 0}).status_code == 422
    assert c.get("/api/v1/brands/dolphin/products/no%20such").status_code == 404


def test_a_brand_change_drops_its_pages(shop):
    brand, _, _ = shop
    c = Client()
    assert c.get("/api/v1/brands/dolphin/products/APT3").status_code == 200
    brand.active = False
    brand.save()
    assert c.get("/api/v1/brands/dolphin/products/APT3").status_code == 404
