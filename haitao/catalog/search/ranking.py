"""A brand's search: match, filter, rank or sort, count facets — over the listings the catalog's own
visible-listing query (Listing.objects.visible()) lets buyers see, never a definition of its own.

Listings with every word of the query come first, then those with some of them (so a query that
matches products never comes back empty, and a narrow query still shows its neighbours); within each,
relevance (engine score: title matches weigh most, then brand, category, other facts), then units sold
and whether it is in stock. `relaxed` says that no listing had every word.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Count
from django.db.models.expressions import RawSQL

from haitao.common.errors import InvalidInput
from haitao.rules.positive_list import mode_of_warehouse

from ..models import Listing, SearchDocument
from . import lexicon as lexicons
from .engines import engine as current_engine
from .index import PRICE_BANDS
from .query import parse

SORTS = ("relevance", "price_asc", "price_desc", "newest", "sales")
FACETS = ("brand", "category", "origin", "mode", "price")
MODES = {mode_of_warehouse(kind): kind for kind in ("bonded", "overseas")}
_FACET_COLUMNS = {"brand": "goods_brand", "category": "category", "origin": "origin", "price": "price_band"}
_ORDER = {"price_asc": ("price", "sku_code"), "price_desc": ("-price", "sku_code"),
          "newest": ("-listed_at", "sku_code"), "sales": ("-sales", "-in_stock", "sku_code")}


@dataclass
class Filters:
    brand: str = ""
    category: str = ""
    origin: str = ""
    mode: str = ""
    price: int | None = None


@dataclass
class SearchResult:
    listing_ids: list[int]
    count: int
    facets: dict = field(default_factory=dict)
    did_you_mean: str | None = None
    relaxed: bool = False


def check_sort(sort: str) -> str:
    sort = sort or "relevance"
    if sort not in SORTS:
        raise InvalidInput("invalid_sort", f"sort must be one of: {', '.join(SORTS)}.", field="sort")
    return sort


def check_filters(mode: str = "", price=None, **others) -> Filters:
    if mode and mode not in MODES:
        raise InvalidInput("invalid_mode", "mode must be 1210 (bonded) or 9610 (direct mail).", field="mode")
    if price not in (None, ""):
        try:
            price = int(price)
        except (TypeError, ValueError):
            price = -1
        if not 0 <= price <= len(PRICE_BANDS):
            raise InvalidInput("invalid_price_band", f"price must be a band from 0 to {len(PRICE_BANDS)}.",
                               field="price")
    else:
        price = None
    return Filters(mode=mode, price=price, **{k: (v or "")[:80] for k, v in others.items()})


# Availability is read from inventory's tables by SQL, as catalog.queries.availability reads it:
# catalog must not import inventory (inventory's Stock points at catalog's Sku; the import would be a
# cycle), and a read crosses no ownership — only inventory's service writes these rows.
_IN_STOCK = """EXISTS (SELECT 1 FROM inventory_stock st JOIN inventory_warehouse w ON w.id = st.warehouse_id
 WHERE st.sku_id = catalog_searchdocument.sku_id AND w.active AND st.on_hand > st.allocated{kind})"""


def _in_stock(kind=None):
    if kind:
        return RawSQL(_IN_STOCK.format(kind=" AND w.kind = %s"), (kind,), output_field=BooleanField())  # noqa: S611 - constant SQL, kind bound
    return RawSQL(_IN_STOCK.format(kind=""), (), output_field=BooleanField())  # noqa: S611 - constant SQL


def _base(brand, filters: Filters):
    docs = SearchDocument.objects.filter(brand=brand, listing__in=Listing.objects.visible().filter(brand=brand))
    for name, column in _FACET_COLUMNS.items():
        value = getattr(filters, name)
        if value not in (None, ""):
            docs = docs.filter(**{column: value})
    if filters.mode:
        docs = docs.filter(_in_stock(MODES[filters.mode]))
    return docs


def _facets(docs) -> dict:
    out = {}
    for name, column in _FACET_COLUMNS.items():
        rows = docs.values(column).annotate(n=Count("id")).order_by(column)
        out[name] = [{"value": row[column], "count": row["n"]} for row in rows]
    out["mode"] = [{"value": mode, "count": n} for mode, kind in MODES.items()
                   if (n := docs.filter(_in_stock(kind)).count())]
    return out


def price_band_bounds(band: int) -> tuple[Decimal | None, Decimal | None]:
    low = PRICE_BANDS[band - 1] if band > 0 else None
    high = PRICE_BANDS[band] if band < len(PRICE_BANDS) else None
    return low, high


def search(brand, q: str = "", sort: str = "relevance", filters: Filters | None = None, limit: int = 24,
           offset: int = 0, facets: bool = False) -> SearchResult:
    """One page of a brand's listings for a query (blank = browse), filters and sort order."""
    sort = check_sort(sort)
    docs = _base(brand, filters or Filters())
    parsed = parse(q, lexicons.current(), current_engine()) if q.strip() else None
    relaxed = False
    if parsed is not None:
        if not parsed.groups:
            return SearchResult([], 0, _facets(docs.none()) if facets else {}, None)
        docs, relaxed = _match(docs, current_engine(), parsed.alternatives)
    docs = docs.annotate(in_stock=_in_stock())
    if sort != "relevance":
        order = _ORDER[sort]
    elif parsed is not None:
        order = ("-every_word", "-score", "-sales", "-in_stock", "sku_code")
    else:
        order = ("-featured", "category_position", "sku_code")
    page = list(docs.order_by(*order).values_list("listing_id", flat=True)[offset:offset + limit])
    count = len(page) + offset if 0 < len(page) < limit else docs.count()
    return SearchResult(page, count, _facets(docs) if facets else {},
                        parsed.corrected if parsed is not None else None, relaxed)


def _match(docs, eng, groups):
    """Listings with any of the words; those with every word first. (docs, relaxed): relaxed when none
    has every word."""
    if len(groups) == 1:
        where, params = eng.where(groups, "all")
        score, score_params = eng.score(groups, "all")
        # The SQL fragments come from the engine (code, not input); every value is a bound parameter.
        return docs.extra(where=[where], params=params, select={"score": score, "every_word": "1"},  # noqa: S610
                          select_params=score_params), False
    where, params = eng.where(groups, "any")
    every, every_params = eng.where(groups, "all")
    score, score_params = eng.score(groups, "any")
    matched = docs.extra(where=[where], params=params, select={"score": score, "every_word": every},  # noqa: S610
                         select_params=score_params + every_params)
    return matched, not docs.extra(where=[every], params=every_params).exists()  # noqa: S610
