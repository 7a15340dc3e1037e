"""Read-side catalog queries shared by the storefront and the API."""

from django.core.cache import cache
from django.db.models import F, Q, Sum

from haitao.brands.models import Brand
from haitao.common.errors import NotFound
from haitao.inventory.models import Stock

from .models import Listing


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


def search_listings(brand: Brand, q: str = "", category: str = ""):
    listings = Listing.objects.visible().for_brand(brand)
    if category:
        listings = listings.filter(sku__category__slug=category)
    q = (q or "").strip()
    if q:
        listings = listings.filter(Q(sku__title__icontains=q) | Q(sku__title_en__icontains=q)
                                   | Q(sku__brand_name__icontains=q) | Q(sku__brand_name_zh__icontains=q)
                                   | Q(sku__gtin=q) | Q(sku__code__iexact=q))
    return listings.order_by("-featured", "sku__category__position", "sku__code")


def availability(sku_ids) -> dict[int, dict]:
    """{sku_id: {"available": n, "modes": ["1210", "9610"]}} over active warehouses, one query."""
    rows = (Stock.objects.filter(sku_id__in=list(sku_ids), warehouse__active=True)
            .values("sku_id", "warehouse__kind")
            .annotate(available=Sum(F("on_hand") - F("allocated"))))
    out: dict[int, dict] = {}
    for row in rows:
        entry = out.setdefault(row["sku_id"], {"available": 0, "modes": []})
        if row["available"] > 0:
            entry["available"] += row["available"]
            entry["modes"].append("1210" if row["warehouse__kind"] == "bonded" else "9610")
    for entry in out.values():
        entry["modes"].sort()
    return out
