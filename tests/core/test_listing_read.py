"""Placement's one-statement listing read gives what the ORM query it replaces gives: the same listings,
field values and types, with sku, category and merchant loaded, and the same ones left out."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from haitao.catalog.models import Listing
from haitao.orders.request import _visible_listings
from tests import factories as f

pytestmark = pytest.mark.django_db


def _fields(obj):
    return {k: v for k, v in obj.__dict__.items() if not k.startswith("_")}


def _orm(brand, codes):
    return {listing.sku.code: listing for listing in Listing.objects.visible().for_brand(brand).filter(sku__code__in=codes)}


def test_same_listings_and_values_as_the_orm_query():
    brand, other = f.brand(), f.brand("wombat")
    shown = f.sku(code="APT3", consumption_tax_rate=Decimal("0.15"))
    f.listed(brand, shown, "199.90", compare_at_price=Decimal("229.00"), per_buyer_limit=3)
    f.listed(other, shown, "188.00")  # the other brand's listing of the same SKU is not ours
    f.listed(brand, f.sku(code="HIDDEN"), visible=False)
    f.listed(brand, f.sku(code="B2"), "59.00", merchant_obj=f.merchant("kr-shop", name="Seoul Shop"))
    codes = ["APT3", "HIDDEN", "B2", "NOPE"]

    orm = _orm(brand, codes)
    with CaptureQueriesContext(connection) as read:
        mine = _visible_listings(brand, codes)
    assert len(read.captured_queries) == 1
    assert sorted(mine) == sorted(orm) == ["APT3", "B2"]
    for code, listing in mine.items():
        assert _fields(listing) == _fields(orm[code])
        with CaptureQueriesContext(connection) as related:
            sku, category, merchant = listing.sku, listing.sku.category, listing.merchant
        assert len(related.captured_queries) == 0  # loaded with the listing
        assert _fields(sku) == _fields(orm[code].sku) and _fields(merchant) == _fields(orm[code].merchant)
        assert _fields(category) == _fields(orm[code].sku.category)
    assert mine["APT3"].price == Decimal("199.90") and isinstance(mine["APT3"].sku.vat_rate, Decimal)
    assert mine["B2"].merchant.name == "Seoul Shop"


def test_an_inactive_brand_sells_nothing():
    brand = f.brand()
    f.listed(brand, f.sku(code="APT3"))
    brand.active = False
    brand.save()
    assert _visible_listings(brand, ["APT3"]) == {} == _orm(brand, ["APT3"])


def test_a_closed_storefront_shows_nothing_through_either_read():
    closed = f.brand("closed", active=False)
    f.listed(closed, f.sku(code="C1"), "10.00")
    assert _orm(closed, ["C1"]) == {} == _visible_listings(closed, ["C1"])
