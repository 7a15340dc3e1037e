"""Search pages are cached (catalog.search.pages) and never served after what they show has changed."""

import pytest

from haitao.catalog import services as catalog_services
from haitao.catalog.models import Listing, Synonym
from haitao.catalog.search.ranking import search

pytestmark = pytest.mark.django_db


def _codes(result):
    return [Listing.objects.get(pk=i).sku.code for i in result.listing_ids]


def test_a_repeated_search_costs_no_query(catalog, django_assert_num_queries):
    brand = catalog["dolphin"]
    first = search(brand, "爱他美 3段", facets=True)
    with django_assert_num_queries(0):
        again = search(brand, "爱他美 3段", facets=True)
    assert again == first
    typed = search(brand, "aptamil 3段", facets=True)
    with django_assert_num_queries(0):  # the same words once analysed (full width, case, stage): one page
        assert search(brand, "ＡＰＴＡＭＩＬ stage 3", facets=True) == typed


def test_an_uncached_search_reads_the_index(catalog, django_assert_max_num_queries):
    brand = catalog["dolphin"]
    search(brand, "奶粉")
    with django_assert_max_num_queries(20) as ctx:
        search(brand, "奶粉", cached=False)
    assert len(ctx.captured_queries) > 0


def test_a_hidden_listing_leaves_the_cached_page(catalog):
    brand, apt3 = catalog["dolphin"], catalog["skus"]["APT-3"]
    assert "APT-3" in _codes(search(brand, "奶粉"))
    catalog_listing = Listing.objects.get(brand=brand, sku=apt3)
    catalog_services.set_visible(catalog_listing, False)  # a bulk update: no save signal
    assert "APT-3" not in _codes(search(brand, "奶粉"))


def test_a_changed_title_or_synonym_leaves_the_cached_page(catalog):
    brand, pen = catalog["dolphin"], catalog["skus"]["PEN-1"]
    assert _codes(search(brand, "宝石红")) == []
    Synonym.objects.get_or_create(group="cabernet-test", phrase="宝石红")
    Synonym.objects.get_or_create(group="cabernet-test", phrase="赤霞珠")
    assert _codes(search(brand, "宝石红")) == ["PEN-1"]
    pen.title = "奔富 Bin 389 红葡萄酒 750ml"
    pen.title_en = pen.gmodel = "Penfolds Bin 389 750ml"
    pen.save()
    assert _codes(search(brand, "宝石红")) == []
