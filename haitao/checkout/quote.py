"""The checkout quote: brand pricing + catalog tax facts → haitao.rules (tax, limits).

This is the seam between the shop and the CBEC rules: everything the rules need is gathered here,
the arithmetic and the limit decisions happen in `haitao.rules`, and the result is what the order
stores, line by line.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from haitao.catalog.models import Listing, Sku
from haitao.common.errors import InvalidInput
from haitao.rules import cosmetics, limits, tax


@dataclass(frozen=True)
class Item:
    listing: Listing
    quantity: int


def limit_schedule() -> limits.LimitSchedule:
    if settings.CBEC_LIMITS:
        return limits.LimitSchedule.from_settings(settings.CBEC_LIMITS)
    return limits.DEFAULT_LIMITS


def consumption_tax_rate(sku: Sku, unit_price: Decimal) -> Decimal:
    """The CT rate for this SKU at this price (rule 8: high-end cosmetics depend on the price)."""
    basis = sku.consumption_tax_basis
    if basis == Sku.ConsumptionTaxBasis.NONE:
        return Decimal("0")
    if basis == Sku.ConsumptionTaxBasis.HIGH_END_COSMETICS:
        high_end = cosmetics.is_high_end_cosmetic(unit_price, sku.net_content, sku.content_unit)
        return cosmetics.CT_HIGH_END_COSMETICS if high_end else Decimal("0")
    if basis == Sku.ConsumptionTaxBasis.AD_VALOREM:
        return sku.consumption_tax_rate
    raise InvalidInput("not_cbec_sellable", f"{sku.code} carries a specific-rate consumption tax, "
                       "which cannot be sold under CBEC.", field="sku")


def freight_for(brand, goods_value: Decimal) -> Decimal:
    if brand.free_freight_over is not None and goods_value >= brand.free_freight_over:
        return Decimal("0.00")
    return brand.freight_flat


def quote_items(brand, items: list[Item], annual_used: Decimal, on: date,
                discount: Decimal = Decimal("0")) -> tax.Quote:
    """Tax and limits for these items; raises rules.tax.LimitExceeded when the order may not be placed."""
    lines = tuple(
        tax.LineInput(sku=item.listing.sku.code, unit_price=item.listing.price, quantity=item.quantity,
                      vat_rate=item.listing.sku.vat_rate,
                      consumption_tax_rate=consumption_tax_rate(item.listing.sku, item.listing.price),
                      tariff_rate=item.listing.sku.tariff_rate)
        for item in items)
    goods_value = sum((item.listing.price * item.quantity for item in items), Decimal("0"))
    order = tax.OrderInput(lines=lines, freight=freight_for(brand, goods_value), insurance=Decimal("0"),
                           discount=discount, annual_used=annual_used, on=on)
    return tax.quote(order, limits=limit_schedule(), limit_basis=settings.CBEC_LIMIT_BASIS)
