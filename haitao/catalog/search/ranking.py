"""A brand's search: match, filter, rank or sort, count facets — over the listings the catalog's own
visible-listing query (Listing.objects.visible()) lets buyers see, never a definition of its own.

Listings with every word of the query come first, then those with some of them (so a query that
matches products never comes back empty, and a narrow query still shows its neighbours); within each,
relevance (engine score: title matches weigh most, then brand, category, other facts), then units sold
and whether it is in stock. `relaxed` says that no listing had every word.
"""

from collections import defaultdict
from dataclasses import astuple, dataclass, field
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Q, Window

from haitao.brands.models import Brand
from haitao.common.errors import InvalidInput
from haitao.rules.positive_list import BONDED, DIRECT

from ..models import VISIBLE, Listing, SearchDocument
from . import lexicon as lexicons
from . import pages
from .engines import engine as current_engine
from .index import MODE_BITS, PRICE_BANDS
from .query import loosen, parse

SORTS = ("relevance", "price_asc", "price_desc", "newest", "sales")
FACETS = ("brand", "category", "origin", "mode", "price")
MODES = (BONDED, DIRECT)
_FACET_COLUMNS = {"brand": "goods_brand", "category": "category", "origin": "origin", "price": "price_band"}
_ORDER = {"price_asc": ("price", "sku_code"), "price_desc": ("-price", "sku_code"),
          "newest": ("-listed_at", "sku_code"), "sales": ("-sales", "-available", "sku_code")}


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


def _base(brand, filters: Filters):
    """The brand's visible documents under the filters. Visibility is the catalog's one definition
    (models.VISIBLE: the listing shown, its brand active, its merchant approved), split in three because
    one brand is searched: the brand's part is checked once; the merchants failing theirs are looked up
    once (a handful of rows); the brand's hidden listings — shown off, or of such a merchant — are then
    excluded by a hashed NOT IN over two small index reads (the partial `listing_hidden_by_brand` and the
    merchant index), rather than a lookup per match, or a join of every listing of the brand to its
    merchant (99,929 rows read for every search at 100k listings, 19–37 ms)."""
    brand_part = {k.removeprefix("brand__"): v for k, v in VISIBLE.items() if k.startswith("brand__")}
    docs = SearchDocument.objects.filter(brand=brand)
    if not Brand.objects.filter(pk=brand.pk, **brand_part).exists():
        return docs.none()
    own = {k: v for k, v in VISIBLE.items() if "__" not in k}
    hidden = ~Q(**own)
    related = defaultdict(dict)
    for lookup, value in VISIBLE.items():
        name, _, rest = lookup.partition("__")
        if rest and name != "brand":
            related[name][rest] = value
    for name, part in related.items():
        failing = list(Listing._meta.get_field(name).related_model.objects.exclude(**part).values_list("pk", flat=True))
        if failing:
            hidden |= Q(**{f"{name}_id__in": failing})
    docs = docs.exclude(listing_id__in=Listing.objects.filter(brand=brand).filter(hidden).values("pk"))
    for name, column in _FACET_COLUMNS.items():
        value = getattr(filters, name)
        if value not in (None, ""):
            docs = docs.filter(**{column: value})
    if filters.mode:
        docs = docs.extra(where=["(stock_modes & %s) <> 0"], params=[MODE_BITS[filters.mode]])
    return docs


def _facets(rows) -> dict:
    """Counts per value of each facet from (goods brand, category, origin, price band, stock modes, n)
    rows: the matching documents grouped by the stored facet columns together (few combinations);
    modes count the documents with stock in each."""
    totals = {name: defaultdict(int) for name in (*_FACET_COLUMNS, "mode")}
    for *values, modes, n in rows:
        for name, value in zip(_FACET_COLUMNS, values, strict=True):
            totals[name][value] += n
        for mode, bit in MODE_BITS.items():
            if modes & bit:
                totals["mode"][mode] += n
    out = {name: [{"value": value, "count": n} for value, n in sorted(counts.items())]
           for name, counts in totals.items() if name != "mode"}
    out["mode"] = [{"value": mode, "count": totals["mode"][mode]} for mode in MODES if totals["mode"].get(mode)]
    return out


def price_band_bounds(band: int) -> tuple[Decimal | None, Decimal | None]:
    low = PRICE_BANDS[band - 1] if band > 0 else None
    high = PRICE_BANDS[band] if band < len(PRICE_BANDS) else None
    return low, high


def search(brand, q: str = "", sort: str = "relevance", filters: Filters | None = None, limit: int = 24,
           offset: int = 0, facets: bool = False, cached: bool = True) -> SearchResult:
    """One page of a brand's listings for a query (blank = browse), filters and sort order; served from
    the page cache (catalog.search.pages) when `cached` and the same search was made since the last change."""
    sort, filters = check_sort(sort), filters or Filters()
    page_key = pages.key(brand, tuple(lexicons.current().tokens(q)), sort, filters, limit, offset, facets)
    hit = pages.get(page_key) if cached else None
    if hit is not None:
        return SearchResult(*hit)
    with current_engine().session():
        result = _search(brand, q, sort, filters, limit, offset, facets)
    pages.put(page_key, astuple(result))
    return result


def _search(brand, q, sort, filters, limit, offset, facets) -> SearchResult:
    docs = _base(brand, filters)
    parsed = parse(q, lexicons.current(), current_engine()) if q.strip() else None
    if parsed is not None and not parsed.groups:
        return SearchResult([], 0, _facets([]) if facets else {}, None)
    page = _page(brand, docs, parsed, sort, limit, offset, facets)
    if parsed is not None and not page.count:
        loose = loosen(parsed, lexicons.current())
        if loose is not None:
            parsed = loose
            page = _page(brand, docs, parsed, sort, limit, offset, facets)
    relaxed = page.all_words is False  # several words, and no listing had them all
    return SearchResult(page.ids, page.count, _facets(page.facet_rows) if facets else {},
                        parsed.corrected if parsed is not None else None, relaxed)


@dataclass
class _Page:
    ids: list[int]
    count: int
    facet_rows: list  # (goods brand, category, origin, price band, stock modes, n), when facets were asked
    all_words: bool | None  # some listing had every word (None: a one-word query, or no match)


def _page(brand, docs, parsed, sort, limit, offset, facets) -> _Page:
    ranked, every, first = docs, None, None
    if parsed is not None:
        docs, ranked, every, first = _match(docs, current_engine(), parsed.alternatives, brand.pk)
    if sort != "relevance":
        order, first = _ORDER[sort], None
    elif parsed is not None:
        order = ("-every_word",) * (every is not None) + ("-score", "-sales", "-available", "sku_code")
    else:
        order = ("-featured", "category_position", "sku_code")
    window = slice(offset, offset + limit)
    if connection.vendor != "postgresql":
        return _in_steps(docs, ranked, every, order, window, facets)
    if first is not None:
        page = _top_tier_first(docs, first, order[1:] if every is not None else order, window, facets,
                               True if every is not None else None)
        if page is not None:
            return page
    return _one_pass(docs, ranked, every, order, window, facets)


_FACET_ROW = (*_FACET_COLUMNS.values(), "stock_modes")


def _in_steps(docs, ranked, every, order, window, facets) -> _Page:
    """The page with the total (a window count), then the facets, then whether any listing had every word:
    the embedded engine, whose catalogs are small."""
    rows = list(ranked.annotate(total=Window(Count("id"))).order_by(*order)
                .values_list("listing_id", "total")[window])
    count = rows[0][1] if rows else (docs.count() if window.start else 0)
    all_words = docs.extra(where=[every[0]], params=every[1]).exists() if every is not None and count else None
    facet_rows = list(docs.values_list(*_FACET_ROW).annotate(n=Count("id")).order_by()) if facets else []
    return _Page([row[0] for row in rows], count, facet_rows, all_words)


def _order_sql(order) -> str:
    return ", ".join(f"{key.lstrip('-')} {'DESC' if key.startswith('-') else 'ASC'}" for key in order)


def _facet_sql(rows_sql: str) -> str:
    """The facet rows (goods brand, category, origin, price band, stock modes, n) of `rows_sql`, as one json array."""
    columns = ", ".join(_FACET_ROW)
    return (f"(SELECT json_agg(json_build_array({columns}, n)) FROM (SELECT {columns}, COUNT(*) AS n "
            f"FROM {rows_sql} GROUP BY {columns}) f)")


def _one_pass(docs, ranked, every, order, window, facets) -> _Page:
    """PostgreSQL: the matches are found and scored once (a materialised CTE of narrow rows), and the
    count, the page, whether any had every word and the facet counts are all read from them in the
    same statement, instead of one scan of the matches for each. The CTE carries the facet columns only
    when facets are asked (three text columns of every match: ~20% of a broad search's time), and the
    page's sort only the listing and its keys."""
    keys = [key.lstrip("-") for key in order]
    # every_word as well when another sort is asked: "relaxed" reads it (it was left out: a 500 for a query
    # of several words sorted by price on PostgreSQL)
    columns = list(dict.fromkeys(["listing_id", *keys, *("every_word",) * (every is not None),
                                  *(_FACET_ROW if facets else ())]))
    try:
        inner, params = ranked.order_by().values(*columns).query.sql_with_params()
    except EmptyResultSet:  # known to match nothing (the brand is inactive)
        return _Page([], 0, [], None)
    order_sql = _order_sql(order)
    sql = (f"WITH m AS MATERIALIZED ({inner}) SELECT (SELECT COUNT(*) FROM m), "
           f"(SELECT array_agg(listing_id ORDER BY {order_sql}) FROM "
           f"(SELECT {', '.join(dict.fromkeys(['listing_id', *keys]))} FROM m ORDER BY {order_sql} LIMIT %s OFFSET %s) p), "
           f"{'(SELECT bool_or(every_word) FROM m)' if every is not None else 'NULL'}, "
           f"{_facet_sql('m') if facets else 'NULL'}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, window.stop - window.start, window.start])
        count, ids, all_words, facet_rows = cursor.fetchone()
    return _Page(ids or [], count, facet_rows or [], all_words)


def _top_tier_first(docs, first, order, window, facets, all_words) -> _Page | None:
    """PostgreSQL, sorted by relevance: the listings `first` rank before all other matches — for a query
    of several words those with every word; for one word with several alternatives (synonyms) those
    with every one of its lexemes, which have the highest score there is (the score grows with the
    number of the query's lexemes a listing has, see docs/search.md). When they alone fill the page (the
    engine's index finds them, usually a small part of the matches), the page is theirs, ranked among
    themselves, and the other matches are only counted (and faceted), never scored. A full page from
    them means they reach past its end; only then is the count read (an InitPlan behind the CASE runs
    only when its branch is taken). None when they do not fill it: the caller ranks every match."""
    size = window.stop - window.start
    if size <= 0:
        return None
    keys = [key.lstrip("-") for key in order]
    try:
        page_sql, page_params = first.order_by().values(*dict.fromkeys(["listing_id", *keys])).query.sql_with_params()
        count_sql, count_params = docs.order_by().values(*(_FACET_ROW if facets else ("id",))).query.sql_with_params()
    except EmptyResultSet:
        return None
    order_sql = _order_sql(order)
    total = _facet_sql(f"({count_sql}) c") if facets else f"(SELECT COUNT(*) FROM ({count_sql}) c)"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ids, CASE WHEN cardinality(ids) = %s THEN {total} END FROM "
                       f"(SELECT array_agg(listing_id ORDER BY {order_sql}) AS ids FROM ({page_sql} "
                       f"ORDER BY {order_sql} LIMIT %s OFFSET %s) p) page",
                       [size, *count_params, *page_params, size, window.start])
        ids, total = cursor.fetchone()
    if not ids or len(ids) < size:
        return None
    if facets:
        facet_rows = total or []
        return _Page(ids, sum(row[-1] for row in facet_rows), facet_rows, all_words)
    return _Page(ids, total, [], all_words)


def _match(docs, eng, groups, brand_id):
    """(matching docs, the same with score and every-word columns to rank by, the every-word condition
    or None for a one-word query, the docs that rank before all others, scored, or None): listings with
    any of the words match, those with all rank first; of one word's alternatives, those with all."""
    if len(groups) == 1:
        where, params = eng.match(groups, "all", brand_id)
        score, score_params = eng.score(groups, "all")
        matched = docs.extra(where=[where], params=params)
        first = None
        if len(groups[0]) > 1:  # alternatives: those with every lexeme of them score highest
            lexemes = [{(token,)} for token in sorted({token for alt in groups[0] for token in alt})]
            all_where, all_params = eng.match(lexemes, "all", brand_id)
            first = docs.extra(where=[all_where], params=all_params).extra(select={"score": score},
                                                                          select_params=score_params)
        return matched, matched.extra(select={"score": score}, select_params=score_params), None, first
    where, params = eng.match(groups, "any", brand_id)
    every, every_params = eng.where(groups, "all")
    score, score_params = eng.score(groups, "any")
    matched = docs.extra(where=[where], params=params)
    ranked = matched.extra(select={"score": score, "every_word": every}, select_params=score_params + every_params)
    all_where, all_params = eng.match(groups, "all", brand_id)
    first = docs.extra(where=[all_where], params=all_params).extra(select={"score": score}, select_params=score_params)
    return matched, ranked, (every, every_params), first
