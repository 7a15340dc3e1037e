"""Catalog writes that carry a rule: a listing is visible only for a SKU that may be sold under CBEC.

docs/rules.md, rules 8 and 9: a SKU with specific-rate consumption tax, or whose tariff line is
not on the positive list for any mode, cannot be listed; the refusal says why.
"""

import re
from decimal import Decimal, InvalidOperation

from haitao.brands.services import require_may_list
from haitao.common.errors import Conflict, InvalidInput
from haitao.compliance.services import sellability

from .models import Category, Listing, Sku


def ensure_listable(sku) -> None:
    """InvalidInput not_cbec_sellable unless the SKU may be sold under at least one CBEC mode."""
    verdict = sellability(sku)
    if not verdict.allowed:
        raise InvalidInput("not_cbec_sellable",
                           f"'{sku.code}' cannot be listed for cross-border sale: {verdict.message}.",
                           field="visible", sku=sku.code, reason=verdict.reason_code)


def _price(value, field: str) -> Decimal:
    try:
        price = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput("invalid_price", "The price must be an amount in CNY.", field=field) from None
    if not price.is_finite() or price <= 0 or price != price.quantize(Decimal("0.01")):
        raise InvalidInput("invalid_price", "The price must be a positive amount in whole fen.", field=field)
    return price


def create_listing(brand, sku, merchant, price, **kw) -> Listing:
    """A listing of `sku` in `brand` by `merchant`; refused (not_cbec_sellable) when it would be
    visible and the SKU cannot be sold under CBEC, and for a merchant not approved or not allowed in
    the brand. Other Listing fields go in `kw`."""
    require_may_list(merchant, brand)
    price = _price(price, "price")
    if kw.get("compare_at_price") is not None:
        kw["compare_at_price"] = _price(kw["compare_at_price"], "compare_at_price")
    if kw.get("visible", True):
        ensure_listable(sku)
    if Listing.objects.filter(brand=brand, sku=sku).exists():
        raise InvalidInput("already_listed", f"'{sku.code}' is already listed in {brand.name_en}.", field="sku")
    return Listing.objects.create(brand=brand, sku=sku, merchant=merchant, price=price, **kw)


def set_visible(listing: Listing, visible: bool) -> Listing:
    """Show or hide a listing; showing one whose SKU cannot be sold under CBEC is refused."""
    if visible:
        ensure_listable(listing.sku)
    Listing.objects.filter(pk=listing.pk).update(visible=bool(visible))
    listing.visible = bool(visible)
    return listing


# --- categories and SKUs (the consolidation import creates them here; ISSUE 9: one writer per app) ---


def get_or_create_category(slug: str, *, name: str, name_en: str, position: int = 90) -> Category:
    """The category with ``slug``, created with these names when missing."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", slug or ""):
        raise InvalidInput("invalid_slug", "A category slug is 1-40 lower-case letters, digits, - or _.", field="slug")
    if not (name or "").strip() or not (name_en or "").strip():
        raise InvalidInput("missing_field", "A category needs a name in both languages.", field="name")
    return Category.objects.get_or_create(slug=slug, defaults={"name": name.strip()[:60],
                                                                "name_en": name_en.strip()[:60],
                                                                "position": position})[0]


def _rate(value, field: str) -> Decimal:
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput("invalid_rate", f"{field} must be a decimal fraction.", field=field) from None
    if not rate.is_finite() or not Decimal("0") <= rate < Decimal("1"):
        raise InvalidInput("invalid_rate", f"{field} must be at least 0 and below 1.", field=field)
    return rate


def create_sku(code: str, *, title: str, category: Category, net_weight_kg=Decimal("0"), **fields) -> Sku:
    """A new SKU. Refuses an empty or taken code, an empty title, a negative weight, tax rates outside
    [0, 1), a GTIN that is not 8-14 digits and an HS code that is not digits; other Sku fields in ``fields``."""
    code = (code or "").strip()
    if not code or len(code) > 40:
        raise InvalidInput("invalid_sku_code", "A SKU code is 1-40 characters.", field="code")
    if not (title or "").strip():
        raise InvalidInput("missing_field", "A SKU needs a title.", field="title")
    gtin = fields.get("gtin") or ""
    if gtin and not re.fullmatch(r"\d{8,14}", gtin):
        raise InvalidInput("invalid_gtin", "A GTIN is 8 to 14 digits.", field="gtin")
    hs_code = fields.get("hs_code") or ""
    if hs_code and not re.fullmatch(r"\d{1,10}", hs_code):
        raise InvalidInput("invalid_hs_code", "An HS code is up to 10 digits.", field="hs_code")
    weight = Decimal(str(net_weight_kg))
    if not weight.is_finite() or weight < 0:
        raise InvalidInput("invalid_weight", "The net weight cannot be negative.", field="net_weight_kg")
    for field in ("vat_rate", "consumption_tax_rate"):
        if field in fields:
            fields[field] = _rate(fields[field], field)
    fields.setdefault("gross_weight_kg", weight)
    if Sku.objects.filter(code=code).exists():
        raise Conflict("sku_exists", f"A SKU with code {code!r} already exists.", field="code")
    return Sku.objects.create(code=code, title=title.strip()[:250], category=category, net_weight_kg=weight,
                              **fields)
