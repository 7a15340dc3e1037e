"""Keeps catalog_searchdocument (one row per listing) in step with the catalog.

Every listing is indexed, visible or not: visibility is decided when searching, by the catalog's own
visible-listing query, so hiding a listing or a brand needs no reindex. A saved listing, SKU or category
refreshes its documents at once (signals); a synonym refreshes the documents whose titles contain its
phrase (its words may cut titles differently). Bulk writes that send no signal (the demo loader,
imports) call `rebuild()` afterwards.
"""

from decimal import Decimal

from babel import Locale
from django.db import transaction
from django.db.models import F, Q, Sum
from django.db.models.signals import post_delete, post_save

from haitao.rules.positive_list import BONDED, DIRECT

from ..models import Category, Listing, SearchDocument, SearchTerm, Sku, Synonym
from . import analysis
from . import lexicon as lexicons
from .pages import bump_index_version

# Upper bounds (CNY, goods price) of the price bands shown as a facet; the last band is open.
PRICE_BANDS = (Decimal("100"), Decimal("300"), Decimal("600"), Decimal("1500"), Decimal("5000"))
_NOT_SOLD = ("cancelled", "expired")
_LOCALES = (Locale("zh"), Locale("en"))
MODE_BITS = {BONDED: 1, DIRECT: 2}  # SearchDocument.stock_modes


def price_band(price: Decimal) -> int:
    return next((i for i, bound in enumerate(PRICE_BANDS) if price < bound), len(PRICE_BANDS))


def _join(tokens) -> str:
    return " ".join(dict.fromkeys(tokens))


def document(listing: Listing, lexicon, sales: int = 0, stock: dict | None = None, analyse=None) -> SearchDocument:
    """The search document of one listing (SKU and category loaded); `stock` as catalog.queries.availability
    gives it; `analyse` (text → tokens) may memoise the lexicon's document analysis across listings."""
    analyse = analyse or lexicon.document_tokens
    sku, category = listing.sku, listing.sku.category
    origin_names = " ".join(loc.territories.get(sku.origin_country, "") for loc in _LOCALES)
    brand_text = " ".join([sku.brand_name, sku.brand_name_zh, lexicons.pinyin_key(sku.brand_name_zh)])
    stock = stock or {}
    return SearchDocument(
        listing=listing, brand_id=listing.brand_id, sku=sku,
        t_title=_join(analyse(f"{sku.title} {sku.title_en}")),
        t_brand=_join(analyse(brand_text)),
        t_category=_join(analyse(f"{category.name} {category.name_en}")),
        t_extra=_join(analyse(f"{sku.gmodel} {origin_names} {sku.code} {sku.gtin}") + analysis.bigrams(sku.title)),
        goods_brand=sku.brand_name, category=category.slug, origin=sku.origin_country, price=listing.price,
        price_band=price_band(listing.price), featured=listing.featured, category_position=category.position,
        sku_code=sku.code, sales=sales, listed_at=sku.created_at, available=stock.get("available", 0) > 0,
        stock_modes=mode_bits(stock.get("modes", ())))


def mode_bits(modes) -> int:
    return sum(bit for mode, bit in MODE_BITS.items() if mode in modes)


def _sales(listings) -> dict[int, int]:
    """Units ordered per listing (orders of its brand, not cancelled or expired), one query."""
    rows = Listing.objects.filter(pk__in=[listing.pk for listing in listings]).annotate(sold=Sum(
        "sku__order_lines__quantity",
        filter=Q(sku__order_lines__order__brand=F("brand")) & ~Q(sku__order_lines__order__status__in=_NOT_SOLD)))
    return {row.pk: row.sold or 0 for row in rows}


def _write(listings, batch: int = 2000, fresh: bool = False) -> int:
    """Write the documents of `listings`; `fresh`: none of them has one yet (a rebuild), skip the delete."""
    from ..queries import availability

    lexicon = lexicons.current()
    memo: dict[str, list[str]] = {}  # a SKU listed in two brands, and every category and brand name, analysed once

    def analyse(text: str) -> list[str]:
        if text not in memo:
            if len(memo) > 50_000:
                memo.clear()
            memo[text] = lexicon.document_tokens(text)
        return memo[text]

    written = 0
    for start in range(0, len(listings), batch):
        chunk = listings[start:start + batch]
        sales = _sales(chunk)
        stock = availability(listing.sku_id for listing in chunk)
        docs = [document(listing, lexicon, sales.get(listing.pk, 0), stock.get(listing.sku_id), analyse)
                for listing in chunk]
        if not fresh:
            SearchDocument.objects.filter(listing__in=[listing.pk for listing in chunk]).delete()
        SearchDocument.objects.bulk_create(docs, batch_size=1000)
        terms = {t for d in docs for col in (d.t_title, d.t_brand, d.t_category, d.t_extra) for t in col.split()}
        SearchTerm.objects.bulk_create([SearchTerm(term=t[:80]) for t in terms], ignore_conflicts=True,
                                       batch_size=1000)
        written += len(docs)
    if written:
        bump_index_version()
    return written


def _listings(qs):
    return list(qs.select_related("sku", "sku__category").order_by("pk"))


def reindex(listing_ids) -> int:
    """Refresh the documents of these listings."""
    return _write(_listings(Listing.objects.filter(pk__in=list(listing_ids))))


def rebuild() -> int:
    """Every document and the term list from scratch (after bulk loads; also `haitao search-index`)."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        return _write(_listings(Listing.objects.all()), fresh=True)


def stale() -> bool:
    """True when some listing has no document (rows were bulk-written without signals)."""
    return Listing.objects.filter(search_document__isnull=True).exists()


# --- signals ------------------------------------------------------------------------------------
def _on_listing(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex([instance.pk])


def _on_sku(sender, instance, raw=False, **kwargs):
    if not raw:
        lexicons.bump()
        reindex(Listing.objects.filter(sku=instance).values_list("pk", flat=True))


def _on_category(sender, instance, raw=False, **kwargs):
    if not raw:
        lexicons.bump()
        reindex(Listing.objects.filter(sku__category=instance).values_list("pk", flat=True))


def _on_synonym(sender, instance, raw=False, **kwargs):
    from ..queries import bump_catalog_version

    lexicons.bump()
    bump_catalog_version()
    if not raw:
        phrase = instance.phrase
        reindex(Listing.objects.filter(Q(sku__title__icontains=phrase) | Q(sku__title_en__icontains=phrase))
                .values_list("pk", flat=True))


def _on_stock(sender, instance, raw=False, **kwargs):
    if not raw:
        from .freshness import refresh

        refresh([instance.sku_id])


def connect() -> None:
    # Inventory depends on catalog: its Stock model is named, not imported (a lazy sender).
    post_save.connect(_on_stock, sender="inventory.Stock", dispatch_uid="search-stock")
    post_save.connect(_on_listing, sender=Listing, dispatch_uid="search-listing")
    post_save.connect(_on_sku, sender=Sku, dispatch_uid="search-sku")
    post_save.connect(_on_category, sender=Category, dispatch_uid="search-category")
    post_save.connect(_on_synonym, sender=Synonym, dispatch_uid="search-synonym-save")
    post_delete.connect(_on_synonym, sender=Synonym, dispatch_uid="search-synonym-delete")
