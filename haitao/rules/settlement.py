"""Merchant settlement arithmetic (docs/marketplace.md): commission, refunds' shares, currency
conversion and the statement's totals. Pure Decimal, no Django.

Rounding, in one place:
- a commission is computed per statement line (goods × rate) and rounded half-up to the fen, then
  summed, as customs does with tax (rule 3): the statement's lines add up to its totals exactly;
- a refund's share of a line (goods and tax alike) is ``amount × refunded / paid``, half-up to the fen;
  a refund in full is exactly the line;
- the net payable is summed in CNY and converted ONCE, at the end, at the recorded rate (CNY per unit
  of the settlement currency), half-up to the currency's minor unit (0 for JPY/KRW, else 2).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .money import ZERO, to_fen

# Used when no commission row matches at all; an operator's default row (no merchant, brand or
# category) overrides it.
DEFAULT_COMMISSION = Decimal("0.0500")
# ISO 4217 minor units of the settlement currencies that have no cents; every other has two.
NO_MINOR_UNIT = {"JPY", "KRW", "VND", "CLP", "ISK"}

SALE, REFUND, RETURN = "sale", "refund", "return"


def minor_unit(currency: str) -> Decimal:
    return Decimal("1") if currency.upper() in NO_MINOR_UNIT else Decimal("0.01")


def convert(amount_cny: Decimal, cny_per_unit: Decimal, currency: str) -> Decimal:
    """``amount_cny`` in ``currency`` at ``cny_per_unit`` CNY for one unit, half-up to its minor unit."""
    if currency.upper() == "CNY":
        return to_fen(amount_cny)
    if not cny_per_unit > 0:
        raise ValueError("an exchange rate must be positive")
    return (amount_cny / cny_per_unit).quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def commission(goods: Decimal, rate: Decimal) -> Decimal:
    """The platform's commission on ``goods`` (signed: a refund's is negative), to the fen."""
    if not Decimal("0") <= rate < Decimal("1"):
        raise ValueError(f"a commission rate is a fraction in [0, 1), not {rate}")
    return to_fen(goods * rate)


def refunded_share(amount: Decimal, refunded: Decimal, paid: Decimal) -> Decimal:
    """The part of a line's ``amount`` that a refund of ``refunded`` out of ``paid`` gives back."""
    if not paid > 0 or not ZERO <= refunded <= paid:
        raise ValueError(f"refund {refunded} of {paid} paid")
    return amount if refunded == paid else to_fen(amount * refunded / paid)


@dataclass(frozen=True)
class Rate:
    """One commission row: ``None`` in a key matches anything."""

    rate: Decimal
    merchant: object = None
    brand: object = None
    category: object = None


def pick_rate(rates: Iterable[Rate], merchant, brand, category) -> Decimal:
    """The most specific matching rate: a merchant's own beats a brand's, which beats a category's;
    the catch-all row, else :data:`DEFAULT_COMMISSION`."""
    best, best_score = None, -1
    for row in rates:
        keys = ((row.merchant, merchant, 4), (row.brand, brand, 2), (row.category, category, 1))
        if any(key is not None and key != value for key, value, _ in keys):
            continue
        score = sum(weight for key, _, weight in keys if key is not None)
        if score > best_score:
            best, best_score = row.rate, score
    return DEFAULT_COMMISSION if best is None else best


@dataclass(frozen=True)
class Line:
    kind: str  # sale, refund, return
    goods: Decimal  # signed CNY: a refund or return is negative
    tax: Decimal  # signed CNY: tax collected for customs on the merchant's behalf
    commission: Decimal  # signed CNY


@dataclass(frozen=True)
class Totals:
    sales: Decimal
    refunds: Decimal  # negative or zero
    returns: Decimal  # negative or zero
    net_sales: Decimal
    commission: Decimal
    tax_collected: Decimal  # passed to customs, not paid to the merchant
    net_payable: Decimal  # CNY: net sales − commission

    def reconciles(self) -> bool:
        return (self.net_sales == self.sales + self.refunds + self.returns
                and self.net_payable == self.net_sales - self.commission)


def totals(lines: Sequence[Line]) -> Totals:
    def total(kind=None, attr="goods"):
        return sum((getattr(x, attr) for x in lines if kind is None or x.kind == kind), ZERO)

    net_sales, commission_total = total(), total(attr="commission")
    return Totals(sales=total(SALE), refunds=total(REFUND), returns=total(RETURN), net_sales=net_sales,
                  commission=commission_total, tax_collected=total(attr="tax"),
                  net_payable=net_sales - commission_total)


def month_bounds(period: str) -> tuple[date, date]:
    """``YYYY-MM`` → (first day, first day of the next month); ValueError otherwise."""
    try:
        year_text, month_text = period.split("-")
        if len(year_text) != 4 or len(month_text) != 2:
            raise ValueError
        first = date(int(year_text), int(month_text), 1)
    except ValueError:
        raise ValueError(f"a period is written YYYY-MM, not {period!r}") from None
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, after
