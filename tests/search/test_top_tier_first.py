"""A page is the same whichever way it is found: from the listings that rank before all others alone when
they fill it (PostgreSQL: those with every word of several, or with every alternative of one; the other
matches are then only counted and faceted), or by ranking every match. And a query of several words may
be sorted by something else than relevance."""

import pytest
from django.db import connection

from haitao.catalog.models import Listing
from haitao.catalog.search import ranking
from haitao.catalog.search.ranking import Filters, search


def _codes(ids):
    by_id = dict(Listing.objects.filter(pk__in=ids).values_list("pk", "sku__code"))
    return [by_id[i] for i in ids]


@pytest.mark.parametrize("q", ["aptamil stage 3", "800g 爱他美", "爱他美 3段", "奶粉 德国", "奶粉", "红酒", "尿不湿",
                               "milk powder", "手表"])
def test_every_page_is_a_slice_of_the_whole_ranking(catalog, q):
    brand = catalog["dolphin"]
    whole = search(brand, q, limit=100, facets=True, cached=False)
    assert whole.count == len(whole.listing_ids) >= 1
    for offset in range(whole.count):
        for limit in (1, 2, 3):
            page = search(brand, q, limit=limit, offset=offset, facets=True, cached=False)
            assert page.listing_ids == whole.listing_ids[offset:offset + limit], (offset, limit)
            assert (page.count, page.facets, page.relaxed) == (whole.count, whole.facets, whole.relaxed)
            plain = search(brand, q, limit=limit, offset=offset, cached=False)
            assert (plain.listing_ids, plain.count, plain.relaxed) == (page.listing_ids, page.count, page.relaxed)


def test_the_listings_with_every_word_fill_the_page_without_ranking_the_rest(catalog, monkeypatch):
    def rank_all(*args):
        raise AssertionError("every match was ranked")

    if connection.vendor == "postgresql":
        monkeypatch.setattr(ranking, "_one_pass", rank_all)
    page = search(catalog["dolphin"], "aptamil stage 3", limit=1, facets=True, cached=False)
    assert _codes(page.listing_ids) == ["APT-3"] and page.count == 3 and not page.relaxed
    assert sum(f["count"] for f in page.facets["category"]) == 3
    filtered = search(catalog["dolphin"], "800g 爱他美", limit=2, filters=Filters(brand="Aptamil"), cached=False)
    assert sorted(_codes(filtered.listing_ids)) == ["APT-1", "APT-3"] and filtered.count == 2


def test_of_one_word_the_listings_with_all_its_alternatives_fill_the_page_without_ranking_the_rest(catalog, monkeypatch):
    whole = search(catalog["dolphin"], "奶粉", limit=10, facets=True, cached=False)  # synonyms: infant formula, milk powder …
    assert whole.count == 4 and whole.relaxed is False

    def rank_all(*args):
        raise AssertionError("every match was ranked")

    if connection.vendor == "postgresql":
        monkeypatch.setattr(ranking, "_one_pass", rank_all)
    page = search(catalog["dolphin"], "奶粉", limit=1, facets=True, cached=False)
    assert page.listing_ids == whole.listing_ids[:1] and (page.count, page.facets) == (4, whole.facets)
    assert page.relaxed is False and page.did_you_mean is None


@pytest.mark.parametrize("sort", ["price_asc", "price_desc", "newest", "sales"])
def test_several_words_in_another_order(catalog, sort):
    page = search(catalog["dolphin"], "aptamil stage 3", sort=sort, facets=True, cached=False)
    assert sorted(_codes(page.listing_ids)) == ["APT-1", "APT-3", "FRI-3"] and not page.relaxed
    if sort == "price_asc":
        assert _codes(page.listing_ids) == ["FRI-3", "APT-1", "APT-3"]
    relaxed = search(catalog["dolphin"], "aptamil 纸尿裤", sort=sort, cached=False)
    assert relaxed.relaxed and sorted(_codes(relaxed.listing_ids)) == ["APT-1", "APT-3", "PAM-M"]
