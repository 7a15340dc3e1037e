"""Catalog writes that carry a rule: a listing is visible only for a SKU that may be sold under CBEC.

docs/rules.md, rules 8 and 9: a SKU with specific-rate consumption tax, or whose tariff line is
not on the positive list for any mode, cannot be listed; the refusal says why.
"""

from decimal import Decimal, InvalidOperation

from haitao.common.errors import InvalidInput
from haitao.compliance.services import sellability

from .models import Listing


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
    visible and the SKU cannot be sold under CBEC. Other Listing fields go in `kw`."""
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
