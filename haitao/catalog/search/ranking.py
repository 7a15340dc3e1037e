"""A brand's search: match, filter, rank or sort, count facets — over the listings the catalog's own
visible-listing query (Listing.objects.visible()) lets buyers see, never a definition of its own.

Listings with every word of the query come first, then those with some of them (so a query that
matches products never comes back empty, and a narrow query still shows its neighbours); within each,
relevance (engine score: title matches weigh most, then brand, category, other facts), then units sold
and whether it is in stock. `relaxed` says that no listing had every word.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Window

from haitao.common.errors import InvalidInput
from haitao.rules.positive_list import BONDED, DIRECT, mode_of_warehouse

from ..models import Listing, SearchDocument
from . import lexicon as lexicons
from .engines import engine as current_engine
from .index import PRICE_BANDS
from .query import loosen, parse

SORTS = ("relevance", "price_asc", "price_desc", "newest", "sales")
FACETS = ("brand", "category", "origin", "mode", "price")
MODES = (BONDED, DIRECT)
_FACET_COLUMNS = {"brand": "goods_brand", "category": "category", "origin": "origin", "price": "price_band"}
_ORDER = {"price_asc": ("price", "sku_code"), "price_desc": ("-price", "sku_code"),
          "newest": ("-listed_at", "sku_code"), "sales": ("-sales", "sku_code")}


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


# Stock is inventory's: read here through its tables, as catalog.queries.availability does (inventory
# depends on catalog, so catalog does not import it).
_STOCKED = """SELECT st.sku_id FROM inventory_stock st JOIN inventory_warehouse w ON w.id = st.warehouse_id
 WHERE w.active AND st.on_hand > st.allocated"""


def _kinds(mode: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT kind FROM inventory_warehouse")
        return [kind for (kind,) in cursor.fetchall() if mode_of_warehouse(kind) == mode] or ["-"]


def _in_mode(docs, mode: str):
    kinds = _kinds(mode)
    # Unqualified sku_id: the condition must also hold where Django renames the table in a subquery.
    return docs.extra(where=[f"sku_id IN ({_STOCKED} AND w.kind IN ({', '.join(['%s'] * len(kinds))}))"],
                      params=kinds)


def _mode_counts(docs) -> dict[str, int]:
    """SKUs with stock per mode among the matching documents, one query."""
    try:
        sql, params = docs.values("sku_id").query.sql_with_params()
    except EmptyResultSet:  # the documents are known to be none (e.g. an empty `in`): nothing to count
        return dict.fromkeys(MODES, 0)
    kinds = {mode: _kinds(mode) for mode in MODES}
    counts = ", ".join(f"COUNT(DISTINCT CASE WHEN w.kind IN ({', '.join(['%s'] * len(k))}) THEN st.sku_id END)"
                       for k in kinds.values())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts} FROM inventory_stock st JOIN inventory_warehouse w ON w.id = st.warehouse_id"
                       f" WHERE w.active AND st.on_hand > st.allocated AND st.sku_id IN ({sql})",
                       [kind for k in kinds.values() for kind in k] + list(params))
        row = cursor.fetchone()
    return dict(zip(MODES, row))


def _base(brand, filters: Filters):
    visible = Listing.objects.visible().filter(pk=OuterRef("listing_id"))  # the catalog's one definition
    docs = SearchDocument.objects.filter(Exists(visible), brand=brand)
    for name, column in _FACET_COLUMNS.items():
        value = getattr(filters, name)
        if value not in (None, ""):
            docs = docs.filter(**{column: value})
    if filters.mode:
        docs = _in_mode(docs, filters.mode)
    return docs


def _facets(docs) -> dict:
    """Counts per value of each facet over the matching documents, in two queries: one grouped by the
    four stored facets together (few combinations), one for the warehouse modes with stock."""
    totals = {name: defaultdict(int) for name in _FACET_COLUMNS}
    columns = list(_FACET_COLUMNS.values())
    for row in docs.values(*columns).annotate(n=Count("id")).order_by():
        for name, column in _FACET_COLUMNS.items():
            totals[name][row[column]] += row["n"]
    out = {name: [{"value": value, "count": n} for value, n in sorted(counts.items())]
           for name, counts in totals.items()}
    counts = _mode_counts(docs)
    out["mode"] = [{"value": mode, "count": counts[mode]} for mode in MODES if counts.get(mode)]
    return out


def price_band_bounds(band: int) -> tuple[Decimal | None, Decimal | None]:
    low = PRICE_BANDS[band - 1] if band > 0 else None
    high = PRICE_BANDS[band] if band < len(PRICE_BANDS) else None
    return low, high


def search(brand, q: str = "", sort: str = "relevance", filters: Filters | None = None, limit: int = 24,
           offset: int = 0, facets: bool = False) -> SearchResult:
    """One page of a brand's listings for a query (blank = browse), filters and sort order."""
    with current_engine().session():
        return _search(brand, q, sort, filters, limit, offset, facets)


def _search(brand, q, sort, filters, limit, offset, facets) -> SearchResult:
    sort = check_sort(sort)
    docs = _base(brand, filters or Filters())
    parsed = parse(q, lexicons.current(), current_engine()) if q.strip() else None
    if parsed is not None and not parsed.groups:
        return SearchResult([], 0, _facets(docs.none()) if facets else {}, None)
    base, relaxed = docs, False
    docs, every, order, rows = _page(base, parsed, sort, limit, offset)
    if parsed is not None and not rows and not offset:
        loose = loosen(parsed, lexicons.current())
        if loose is not None:
            parsed = loose
            docs, every, order, rows = _page(base, parsed, sort, limit, offset)
    if every is not None and rows:  # several words: did any listing have them all?
        relaxed = not rows[0][3] if sort == "relevance" else not docs.extra(where=[every[0]], params=every[1]).exists()
    page = _in_stock_first(rows, len(order) - 1) if sort in ("relevance", "sales") and parsed is not None else [
        row[0] for row in rows]
    count = rows[0][1] if rows else (docs.count() if offset else 0)
    return SearchResult(page, count, _facets(docs) if facets else {},
                        parsed.corrected if parsed is not None else None, relaxed)


def _page(docs, parsed, sort, limit, offset):
    """(matching docs, every-word condition, order, rows of the page: listing id, total, SKU id, keys)."""
    ranked, every = docs, None
    if parsed is not None:
        docs, ranked, every = _match(docs, current_engine(), parsed.alternatives)
    if sort != "relevance":
        order = _ORDER[sort]
    elif parsed is not None:
        order = ("-every_word",) * (every is not None) + ("-score", "-sales", "sku_code")
    else:
        order = ("-featured", "category_position", "sku_code")
    rows = list(ranked.annotate(total=Window(Count("id"))).order_by(*order)
                .values_list("listing_id", "total", "sku_id", *order_keys(order))[offset:offset + limit])
    return docs, every, order, rows


def order_keys(order) -> list[str]:
    return [key.lstrip("-") for key in order]


def _in_stock_first(rows, ties: int) -> list[int]:
    """Among listings equal on every ranking key but the last (the SKU code), those in stock first. Done
    on the page, not in SQL, where it would cost a stock lookup for every match."""
    from ..queries import availability

    stock = availability(row[2] for row in rows)
    keyed = [(tuple(row[3:3 + ties]), not stock.get(row[2], {}).get("available"), i, row[0])
             for i, row in enumerate(rows)]
    groups: dict = {}
    for key, out, i, listing_id in keyed:
        groups.setdefault(key, []).append((out, i, listing_id))
    return [listing_id for key in dict.fromkeys(k for k, *_ in keyed) for _, _, listing_id in sorted(groups[key])]


def _match(docs, eng, groups):
    """(matching docs, the same with score and every-word columns to rank by, the every-word condition
    or None for a one-word query): listings with any of the words match, those with all rank first."""
    if len(groups) == 1:
        where, params = eng.where(groups, "all")
        score, score_params = eng.score(groups, "all")
        matched = docs.extra(where=[where], params=params)
        return matched, matched.extra(select={"score": score}, select_params=score_params), None
    where, params = eng.where(groups, "any")
    every, every_params = eng.where(groups, "all")
    score, score_params = eng.score(groups, "any")
    matched = docs.extra(where=[where], params=params)
    ranked = matched.extra(select={"score": score, "every_word": every}, select_params=score_params + every_params)
    return matched, ranked, (every, every_params)
