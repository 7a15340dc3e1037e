"""Which consumption-tax rate a SKU carries (docs/rules.md, rule 8).

Consumption tax applies only where the SKU says so. Cosmetics pay it only when "high-end" (财税〔2016〕
103号): a price of at least 10 CNY per ml or g, or 15 CNY per piece or sheet, so the flag follows
from the SKU's price and net content rather than being typed in by hand. Specific-rate consumption
tax (beer, spirits: an amount per ton or per 500 g) does not fit the ad-valorem CBEC formula, so such a
SKU cannot be sold under CBEC here, and the catalog must be able to say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from haitao.rules.money import ZERO
from haitao.rules.validation import rate_field

CT_HIGH_END_COSMETICS = Decimal("0.15")
HIGH_END_PER_ML_OR_G = Decimal("10")
HIGH_END_PER_PIECE = Decimal("15")
CONTENT_UNITS = ("ml", "g", "piece")


class ConsumptionTaxBasis:
    NONE = "none"
    AD_VALOREM = "ad_valorem"
    HIGH_END_COSMETICS = "high_end_cosmetics"
    SPECIFIC = "specific"
    ALL = (NONE, AD_VALOREM, HIGH_END_COSMETICS, SPECIFIC)


class UnsupportedConsumptionTax(ValueError):
    """The SKU's consumption tax cannot be computed by the CBEC formula."""


def is_high_end_cosmetic(unit_price: Decimal, net_content: Decimal | None, content_unit: str) -> bool:
    """True at or above 10 CNY per ml/g or 15 CNY per piece. ``net_content`` is the ml, g or number
    of pieces in one unit sold; for ``piece`` it may be left out, meaning one piece. Compared by
    multiplication, so no division rounds the threshold."""
    if content_unit not in CONTENT_UNITS:
        raise ValueError(f"content_unit must be one of {', '.join(CONTENT_UNITS)}, got {content_unit!r}")
    if net_content is None:
        if content_unit != "piece":
            raise ValueError(f"net_content in {content_unit} is needed to tell a high-end cosmetic")
        net_content = Decimal(1)
    if net_content <= 0:
        raise ValueError(f"net_content must be positive, got {net_content}")
    threshold = HIGH_END_PER_PIECE if content_unit == "piece" else HIGH_END_PER_ML_OR_G
    return unit_price >= threshold * net_content


def cbec_sellable_basis(basis: str) -> tuple[bool, str]:
    """Whether a SKU with this consumption-tax basis may be listed for CBEC sale, and if not, why."""
    if basis not in ConsumptionTaxBasis.ALL:
        raise ValueError(f"unknown consumption-tax basis {basis!r}")
    if basis == ConsumptionTaxBasis.SPECIFIC:
        return (
            False,
            "specific-rate consumption tax (e.g. beer, spirits) is not supported for CBEC sale: the "
            "CBEC tax formula is ad valorem only",
        )
    return True, ""


@dataclass(frozen=True)
class SkuTaxFacts:
    """What the catalog knows about a SKU's consumption tax."""

    basis: str = ConsumptionTaxBasis.NONE
    ad_valorem_rate: Decimal = ZERO
    unit_price: Decimal | None = None
    net_content: Decimal | None = None
    content_unit: str | None = None


def consumption_tax_rate_for(facts: SkuTaxFacts) -> Decimal:
    """The rate to put on the order line (``LineInput.consumption_tax_rate``)."""
    sellable, reason = cbec_sellable_basis(facts.basis)
    if not sellable:
        raise UnsupportedConsumptionTax(reason)
    if facts.basis == ConsumptionTaxBasis.AD_VALOREM:
        return rate_field(facts.ad_valorem_rate, "ad_valorem_rate")
    if facts.basis == ConsumptionTaxBasis.HIGH_END_COSMETICS:
        if facts.unit_price is None or facts.content_unit is None:
            raise ValueError("a cosmetic needs unit_price and content_unit to tell whether it is high-end")
        high_end = is_high_end_cosmetic(facts.unit_price, facts.net_content, facts.content_unit)
        return CT_HIGH_END_COSMETICS if high_end else ZERO
    return ZERO
