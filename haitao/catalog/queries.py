"""Read-side catalog queries shared by the storefront and the API."""

import json
import re
from decimal import Decimal

from django.core.cache import cache
from django.db import connection

from haitao.brands.models import Brand
from haitao.common.errors import NotFound
from haitao.rules.positive_list import mode_of_warehouse

from .models import Listing, visible_sql


BRAND_CACHE_SECONDS = 60


def brand_cache_key(code: str) -> str:
    return f"brand:{code}"


def brand_by_code(code: str) -> Brand:
    """Brands are read on every request and change rarely: cached (shared through Redis in production),
    dropped on save (see brands.models), at most a minute stale in other processes without Redis."""
    if not isinstance(code, str) or len(code) > 32:
        raise NotFound("unknown_brand", "No such brand.", field="brand")
    key = brand_cache_key(code)
    brand = cache.get(key)
    if brand is None:
        brand = Brand.objects.filter(code=code, active=True).first()
        if brand is not None:
            cache.set(key, brand, BRAND_CACHE_SECONDS)
    if brand is None:
        raise NotFound("unknown_brand", f"No brand '{code}'.", field="brand")
    return brand


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_query(raw: str) -> str:
    """A search as typed, without control characters (a NUL would match everything on SQLite and be
    refused by PostgreSQL); blank means no search."""
    return _CONTROL_CHARACTERS.sub("", raw or "").strip()


def search_listings(brand: Brand, q: str = "", category: str = "", sort: str = "relevance", filters=None,
                    limit: int = 60, offset: int = 0, facets: bool = False):
    """Visible listings of `brand`, in a category (slug), matching `q` (catalog.search: segmentation,
    synonyms, pinyin, typos, units), best first or in `sort` order; a `q` left blank after dropping
    control characters is no search. Returns (listings, SearchResult)."""
    from .search.ranking import Filters, search

    filters = filters or Filters()
    if category:
        filters.category = category
    result = search(brand, clean_query(q), sort, filters, limit, offset, facets)
    by_id = Listing.objects.visible().for_brand(brand).select_related("brand").in_bulk(result.listing_ids)
    return [by_id[i] for i in result.listing_ids if i in by_id], result


_AVAILABILITY = """
SELECT st.sku_id, w.kind, SUM(st.on_hand - st.allocated) FROM inventory_stock st
  JOIN inventory_warehouse w ON w.id = st.warehouse_id
 WHERE w.active AND st.sku_id IN ({})
 GROUP BY st.sku_id, w.kind
"""


def availability(sku_ids) -> dict[int, dict]:
    """{sku_id: {"available": n, "modes": ["1210", "9610"]}} over active warehouses, one query."""
    ids = sorted({int(i) for i in sku_ids})
    out: dict[int, dict] = {}
    if not ids:
        return out
    with connection.cursor() as cursor:
        cursor.execute(_AVAILABILITY.format(", ".join(["%s"] * len(ids))), ids)
        rows = cursor.fetchall()
    for sku_id, kind, available in rows:
        entry = out.setdefault(sku_id, {"available": 0, "modes": []})
        if available > 0:
            entry["available"] += available
            entry["modes"].append(mode_of_warehouse(kind))
    for entry in out.values():
        entry["modes"].sort()
    return out


# --- cached catalog reads (product pages, search and list pages) -------------------------------
#
# Product facts (title, price, merchant, tax rates…) are cached under a catalog *version*: any save or
# delete of a Listing, Sku, Category, Brand, Merchant or Warehouse replaces the version (at once and
# again when the transaction commits, so a reader racing the commit cannot file old rows under the new
# version), and every entry of the old version is simply never read again. Availability changes on
# every order, so it is cached apart, per SKU, for AVAILABILITY_SECONDS only; placement re-checks stock
# in its own transaction, so a page that shows a unit too many can never oversell.
# Writes that bypass signals (QuerySet.update) must call bump_catalog_version() themselves.

CATALOG_VERSION_KEY = "catalog:version"
CATALOG_SECONDS = 60  # a bound for writes that bypass signals (QuerySet.update); otherwise invalidated by version
AVAILABILITY_SECONDS = 2
_TAIL_FIELDS = ("available", "modes")


def _prefix() -> str:
    from django.conf import settings

    return f"cat:{settings.DATABASES['default'].get('NAME', '')}"


def bump_catalog_version(**_kwargs) -> None:
    """Make every cached product and page stale (now, and again on commit)."""
    import time

    from django.db import transaction

    def bump():
        cache.set(CATALOG_VERSION_KEY, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)


def catalog_version() -> int:
    import time

    version = cache.get(CATALOG_VERSION_KEY)
    if version is None:
        cache.add(CATALOG_VERSION_KEY, time.time_ns(), None)
        version = cache.get(CATALOG_VERSION_KEY)
    return version


def _connect_invalidation() -> None:
    from django.db.models.signals import post_delete, post_save

    from haitao.brands.models import Merchant

    from .models import Category, Sku

    # Warehouses (a listing's availability by kind) are connected by inventory, which depends on catalog.
    for model in (Listing, Sku, Category, Brand, Merchant):
        post_save.connect(bump_catalog_version, sender=model, dispatch_uid=f"catalog-cache-{model.__name__}-save")
        post_delete.connect(bump_catalog_version, sender=model, dispatch_uid=f"catalog-cache-{model.__name__}-del")


_connect_invalidation()


def product_facts(listing) -> dict:
    """Everything on a product but its availability."""
    sku = listing.sku
    return {"sku": sku.code, "gtin": sku.gtin, "brand_name": sku.brand_name, "title": sku.title,
            "title_en": sku.title_en, "category": sku.category.slug, "price": listing.price,
            "compare_at_price": listing.compare_at_price, "merchant": listing.merchant.name,
            "origin_country": sku.origin_country, "hs_code": sku.hs_code, "net_weight_kg": sku.net_weight_kg,
            "vat_rate": sku.vat_rate, "consumption_tax_rate": sku.consumption_tax_rate}


_DECIMAL_PLACES = {"price": 2, "compare_at_price": 2, "net_weight_kg": 4, "vat_rate": 4, "consumption_tax_rate": 4}


def _head(facts: dict) -> str:
    """The product's JSON as the API renders ProductOut (decimals as strings at the column's scale,
    ninja's json.dumps defaults), without the availability fields and the closing brace, which are
    appended per request."""
    out = dict(facts)
    for name, places in _DECIMAL_PLACES.items():
        value = out[name]
        if value is not None:
            out[name] = str(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)))
    return json.dumps(out)[:-1]


def _json_head(listing) -> str:
    return _head(product_facts(listing))


_PRODUCT = """
SELECT l.sku_id, s.code, s.gtin, s.brand_name, s.title, s.title_en, c.slug, l.price, l.compare_at_price, m.name,
       s.origin_country, s.hs_code, s.net_weight_kg, s.vat_rate, s.consumption_tax_rate
  FROM catalog_listing l
  JOIN brands_brand b ON b.id = l.brand_id
  JOIN catalog_sku s ON s.id = l.sku_id
  JOIN catalog_category c ON c.id = s.category_id
  JOIN brands_merchant m ON m.id = l.merchant_id
 WHERE b.code = %s AND {visible} AND s.code = %s
""".format(visible=visible_sql("l", "b"))
_PRODUCT_FIELDS = ("sku", "gtin", "brand_name", "title", "title_en", "category", "price", "compare_at_price",
                   "merchant", "origin_country", "hs_code", "net_weight_kg", "vat_rate", "consumption_tax_rate")


def _product_row(brand_code: str, sku_code: str):
    """(sku_id, JSON head) of a visible listing in an active brand, one query; None when there is none."""
    with connection.cursor() as cursor:
        cursor.execute(_PRODUCT, [brand_code, sku_code])
        row = cursor.fetchone()
    if row is None:
        return None
    return row[0], _head(dict(zip(_PRODUCT_FIELDS, row[1:])))


def _json_tail(avail: dict) -> str:
    modes = ", ".join(f'"{m}"' for m in avail["modes"])
    return f', "available": {avail["available"]}, "modes": [{modes}]}}'


_NO_STOCK = {"available": 0, "modes": []}
_SAFE_KEY = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


def _availability_cached(entries: list[tuple[int, str]]) -> dict[str, dict]:
    """{sku code: availability} for (sku_id, code) pairs: cached ones from the cache, the rest in one query."""
    prefix = _prefix()
    keys = {f"{prefix}:a:{code}": (sku_id, code) for sku_id, code in entries}
    found = cache.get_many(list(keys))
    out = {keys[k][1]: v for k, v in found.items()}
    missing = [pair for key, pair in keys.items() if key not in found]
    if missing:
        fresh = availability(sku_id for sku_id, _ in missing)
        new = {}
        for sku_id, code in missing:
            out[code] = new[f"{prefix}:a:{code}"] = fresh.get(sku_id, _NO_STOCK)
        cache.set_many(new, AVAILABILITY_SECONDS)
    return out


def product_json(brand_code: str, sku_code: str, load) -> str:
    """The product page's JSON body. `load(brand_code, sku_code)` returns the visible Listing (or raises
    NotFound) when the product's facts are not cached for the current catalog version."""
    if not (_SAFE_KEY.match(brand_code) and _SAFE_KEY.match(sku_code)):  # odd input: no cache key of it
        listing = load(brand_code, sku_code)
        return _json_head(listing) + _json_tail(availability([listing.sku_id]).get(listing.sku_id, _NO_STOCK))
    prefix = _prefix()
    avail_key = f"{prefix}:a:{sku_code}"
    first = cache.get_many([CATALOG_VERSION_KEY, avail_key])  # one round trip for both
    version = first.get(CATALOG_VERSION_KEY) or catalog_version()
    key = f"{prefix}:{version}:p:{brand_code}:{sku_code}"
    entry = cache.get(key)
    if entry is None:
        row = _product_row(brand_code, sku_code)
        if row is None:  # the precise NotFound (unknown brand or SKU), or it appeared meanwhile
            listing = load(brand_code, sku_code)
            row = (listing.sku_id, _json_head(listing))
        entry = (row[0], sku_code, row[1])
        cache.set(key, entry, CATALOG_SECONDS)
    sku_id, code, head = entry
    avail = first.get(avail_key)
    if avail is None:
        avail = _availability_cached([(sku_id, code)])[code]
    return head + _json_tail(avail)


def product_page_json(brand: Brand, q: str, category: str, limit: int, offset: int, sort: str = "relevance",
                      filters=None, facets: bool = False) -> str:
    """A search/list page's JSON body ({"count", "items"}, plus "facets" when asked, "did_you_mean" and
    "relaxed" when they apply), cached per catalog version and query."""
    import hashlib

    from .search.ranking import Filters, search

    filters = filters or Filters()
    filters.category = category or filters.category
    version = catalog_version()
    params = hashlib.sha256(f"{q}\x00{limit}\x00{offset}\x00{sort}\x00{filters}\x00{facets}".encode()).hexdigest()[:32]
    key = f"{_prefix()}:{version}:s:{brand.code}:{params}"
    entry = cache.get(key)
    if entry is None:
        result = search(brand, clean_query(q), sort, filters, limit, offset, facets)
        by_id = Listing.objects.for_brand(brand).in_bulk(result.listing_ids)
        page = [by_id[i] for i in result.listing_ids if i in by_id]
        extra = {"facets": result.facets} if facets else {}
        if result.did_you_mean:
            extra["did_you_mean"] = result.did_you_mean
        if result.relaxed:
            extra["relaxed"] = True
        extra_json = ", " + json.dumps(extra, default=str)[1:-1] if extra else ""
        entry = (result.count, [(listing.sku_id, listing.sku.code, _json_head(listing)) for listing in page], extra_json)
        cache.set(key, entry, CATALOG_SECONDS)
    count, items, extra_json = entry
    stock = _availability_cached([(sku_id, code) for sku_id, code, _ in items])
    body = ", ".join(head + _json_tail(stock[code]) for _, code, head in items)
    return f'{{"count": {count}, "items": [{body}]{extra_json}}}'
