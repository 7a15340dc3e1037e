"""Search results cached per (brand, analysed query, sort, filters, page, facets), in the Django cache
(Redis in production): a repeated search costs one cache read instead of matching and ranking
thousands of listings.

A cached page is keyed by three versions, so that nothing needs deleting when something changes:
- the catalog version (catalog.queries): any listing, SKU, category, brand or merchant saved, or a
  listing shown or hidden in bulk;
- the lexicon version (catalog.search.lexicon): a synonym, category or SKU changed the analysis;
- the index version (here): search documents written, or a listing sold out or back in stock.
Units sold move with every order and are left to the page's lifetime (SECONDS): the order of a page
may lag sales by that much, which ranking can afford; availability cannot, so it bumps the version.
The query is keyed by its analysed tokens, so 800克 and 800g, or ＡＰＴＡＭＩＬ and aptamil, share a page.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction

INDEX_VERSION_KEY = "search:index:version"
SECONDS = 60


def index_version() -> int:
    value = cache.get(INDEX_VERSION_KEY)
    if value is None:
        cache.add(INDEX_VERSION_KEY, time.time_ns(), None)
        value = cache.get(INDEX_VERSION_KEY)
    return value


def bump_index_version() -> None:
    """Documents changed: every cached page is stale (now, and again on commit, so that a reader racing
    the commit cannot file old rows under the new version)."""

    def bump():
        cache.set(INDEX_VERSION_KEY, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)


def key(brand, tokens, sort, filters, limit, offset, facets) -> str:
    from django.conf import settings

    from ..queries import catalog_version
    from . import lexicon

    versions = cache.get_many([INDEX_VERSION_KEY, lexicon.LEXICON_VERSION_KEY])
    parts = (settings.DATABASES["default"].get("NAME", ""), catalog_version(), versions.get(INDEX_VERSION_KEY) or index_version(),
             versions.get(lexicon.LEXICON_VERSION_KEY) or lexicon.version(), brand.pk, tokens, sort, filters, limit,
             offset, facets)
    return "search:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def get(page_key: str):
    return cache.get(page_key)


def put(page_key: str, value) -> None:
    cache.set(page_key, value, SECONDS)
