"""The cross-border comprehensive tax of an order (docs/rules.md, rules 1 to 5).

Tax is computed per line and per tax type, each rounded half-up to the fen, then summed: that is the
shape of the customs electronic tax bill (CEB816 ``TaxListRd``), so the figures here are the ones
customs will withhold. The dutiable value includes freight and insurance and is never lowered by
coupons or points (rule 1): those go to ``discount``, which only lowers what the buyer pays.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, replace
from datetime import date, datetime
from decimal import Decimal, localcontext
from typing import NamedTuple

from haitao.rules.apportion import apportion
from haitao.rules.limits import DEFAULT_LIMITS, LimitSchedule, NoLimitPeriod
from haitao.rules.money import ZERO, to_fen
from haitao.rules.regime import CBEC, GENERAL_TRADE, LimitExceeded, choose_regime
from haitao.rules.validation import InvalidInput, money_field, rate_field

__all__ = [
    "CBEC_FACTOR", "LIMIT_BASES", "LimitExceeded", "LineInput", "LineTax", "OrderInput", "Quote",
    "TaxAmounts", "cbec_line_tax", "general_trade_line_tax", "quote",
]

CBEC_FACTOR = Decimal("0.7")  # within the limits, VAT and consumption tax are 70% of the statutory amount
LIMIT_BASES = ("dutiable_value", "actual_paid")
_PRECISION = 40  # digits for the unrounded intermediates: far beyond any fen that can be affected


@dataclass(frozen=True)
class LineInput:
    """One order line as priced: the unit price actually charged (a sale price open to every buyer
    is the price itself), and the SKU's rates as fractions (0.13 for 13%)."""

    sku: str
    unit_price: Decimal
    quantity: int
    vat_rate: Decimal
    consumption_tax_rate: Decimal = ZERO
    tariff_rate: Decimal = ZERO

    def __post_init__(self) -> None:
        if not isinstance(self.sku, str) or not self.sku.strip():
            raise InvalidInput("sku", "must be a non-empty string")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise InvalidInput("quantity", f"must be an integer, not {type(self.quantity).__name__}")
        if self.quantity < 1:
            raise InvalidInput("quantity", f"must be at least 1, got {self.quantity}")
        object.__setattr__(self, "unit_price", money_field(self.unit_price, "unit_price"))
        for name in ("vat_rate", "consumption_tax_rate", "tariff_rate"):
            object.__setattr__(self, name, rate_field(getattr(self, name), name))

    @property
    def goods_value(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class OrderInput:
    """An order to quote. ``discount`` is what the buyer pays with coupons, points or vouchers;
    ``annual_used`` the buyer's committed + reserved CBEC value this year; ``on`` the order's date in
    Asia/Shanghai, which picks the limits in force."""

    lines: tuple[LineInput, ...]
    freight: Decimal = ZERO
    insurance: Decimal = ZERO
    discount: Decimal = ZERO
    annual_used: Decimal = ZERO
    _: KW_ONLY
    on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
        if not self.lines:
            raise InvalidInput("lines", "an order needs at least one line")
        for index, line in enumerate(self.lines):
            if not isinstance(line, LineInput):
                raise InvalidInput(f"lines[{index}]", f"must be a LineInput, not {type(line).__name__}")
        for name in ("freight", "insurance", "discount", "annual_used"):
            object.__setattr__(self, name, money_field(getattr(self, name), name))
        if isinstance(self.on, datetime) or not isinstance(self.on, date):
            raise InvalidInput("on", "must be a date (the order's calendar day in Asia/Shanghai)")
        payable = self.goods_value + self.freight + self.insurance
        if self.discount > payable:
            raise InvalidInput(
                "discount",
                f"{self.discount} is more than goods value + freight + insurance ({payable})",
            )

    @property
    def goods_value(self) -> Decimal:
        return sum((line.goods_value for line in self.lines), ZERO)

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)


class TaxAmounts(NamedTuple):
    """The three taxes of one line, each already rounded to the fen."""

    duty: Decimal
    consumption_tax: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.duty + self.consumption_tax + self.vat


@dataclass(frozen=True)
class LineTax:
    sku: str
    goods_value: Decimal
    freight_share: Decimal
    insurance_share: Decimal
    dutiable_value: Decimal
    duty: Decimal
    consumption_tax: Decimal
    vat: Decimal

    @property
    def tax_total(self) -> Decimal:
        return self.duty + self.consumption_tax + self.vat


@dataclass(frozen=True)
class Quote:
    """What the order costs and how it clears. Identity: ``actual_paid = goods_value + freight +
    insurance + tax_total - discount`` (the CEB311 ``acturalPaid``, with insurance folded into
    freight there)."""

    regime: str
    goods_value: Decimal
    freight: Decimal
    insurance: Decimal
    discount: Decimal
    dutiable_value: Decimal
    lines: tuple[LineTax, ...]
    tax_total: Decimal
    actual_paid: Decimal
    annual_used_before: Decimal
    annual_used_after: Decimal
    single_limit: Decimal
    annual_limit: Decimal
    limit_basis: str = "dutiable_value"

    @property
    def annual_remaining_after(self) -> Decimal:
        return self.annual_limit - self.annual_used_after

    @property
    def quota_value(self) -> Decimal:
        """What this order adds to the buyer's annual total (the amount the ledger reserves)."""
        return self.annual_used_after - self.annual_used_before

    @property
    def duty_total(self) -> Decimal:
        return sum((line.duty for line in self.lines), ZERO)

    @property
    def consumption_tax_total(self) -> Decimal:
        return sum((line.consumption_tax for line in self.lines), ZERO)

    @property
    def vat_total(self) -> Decimal:
        return sum((line.vat for line in self.lines), ZERO)


def cbec_line_tax(P: Decimal, c: Decimal, v: Decimal) -> TaxAmounts:
    """Rule 3: no duty; consumption tax and VAT at 70% of the statutory amounts, which are computed
    unrounded (VAT is levied on the value including the consumption tax)."""
    P, c, v = _checked(P, c=c, v=v)
    with localcontext(prec=_PRECISION):
        ct_stat = P * c / (1 - c)
        vat_stat = (P + ct_stat) * v
        return TaxAmounts(
            duty=ZERO,
            consumption_tax=to_fen(CBEC_FACTOR * ct_stat),
            vat=to_fen(CBEC_FACTOR * vat_stat),
        )


def general_trade_line_tax(P: Decimal, t: Decimal, c: Decimal, v: Decimal) -> TaxAmounts:
    """Rule 4: full duty, consumption tax and VAT, each from unrounded intermediates and rounded once."""
    P, t, c, v = _checked(P, t=t, c=c, v=v)
    with localcontext(prec=_PRECISION):
        duty = P * t
        ct = (P + duty) * c / (1 - c)
        vat = (P + duty + ct) * v
        return TaxAmounts(duty=to_fen(duty), consumption_tax=to_fen(ct), vat=to_fen(vat))


def _checked(P: Decimal, **rates: Decimal) -> list[Decimal]:
    """The formulas' own guard: a negative value or a rate of 1 or more has no meaning here."""
    return [money_field(P, "P")] + [rate_field(rate, name) for name, rate in rates.items()]


def quote(
    order: OrderInput, limits: LimitSchedule = DEFAULT_LIMITS, limit_basis: str = "dutiable_value"
) -> Quote:
    """Price the order under the regime rule 5 assigns it, or raise ``LimitExceeded``.

    ``limit_basis`` says which amount is held against the limits and counted in the annual quota:
    the dutiable value (the default of docs/rules.md, rule 5) or the amount actually paid, tax included."""
    if limit_basis not in LIMIT_BASES:
        raise InvalidInput("limit_basis", f"must be one of {', '.join(LIMIT_BASES)}, got {limit_basis!r}")
    try:
        period = limits.on(order.on)
    except NoLimitPeriod as error:
        raise InvalidInput("on", str(error)) from error

    cbec = _priced(order, CBEC, period.single, period.annual, limit_basis)
    general = _priced(order, GENERAL_TRADE, period.single, period.annual, limit_basis)
    decision = choose_regime(
        _limit_value(cbec, limit_basis), _limit_value(general, limit_basis), order.units,
        order.annual_used, period,
    )
    chosen = cbec if decision.regime == CBEC else general
    return _with_used_after(chosen, order.annual_used + decision.quota_value)


def _priced(order: OrderInput, regime: str, single: Decimal, annual: Decimal, basis: str) -> Quote:
    """The order's figures under one regime, before the limits are applied."""
    weights = [line.goods_value for line in order.lines]
    freight_shares = apportion(order.freight, weights)
    insurance_shares = apportion(order.insurance, weights)
    lines = tuple(
        _line_tax(line, regime, freight, insurance)
        for line, freight, insurance in zip(order.lines, freight_shares, insurance_shares)
    )
    tax_total = sum((line.tax_total for line in lines), ZERO)
    return Quote(
        regime=regime,
        goods_value=order.goods_value,
        freight=order.freight,
        insurance=order.insurance,
        discount=order.discount,
        dutiable_value=sum((line.dutiable_value for line in lines), ZERO),
        lines=lines,
        tax_total=tax_total,
        actual_paid=order.goods_value + order.freight + order.insurance + tax_total - order.discount,
        annual_used_before=order.annual_used,
        annual_used_after=order.annual_used,
        single_limit=single,
        annual_limit=annual,
        limit_basis=basis,
    )


def _line_tax(line: LineInput, regime: str, freight: Decimal, insurance: Decimal) -> LineTax:
    dutiable = line.goods_value + freight + insurance
    if regime == CBEC:
        taxes = cbec_line_tax(dutiable, line.consumption_tax_rate, line.vat_rate)
    else:
        taxes = general_trade_line_tax(
            dutiable, line.tariff_rate, line.consumption_tax_rate, line.vat_rate
        )
    return LineTax(
        sku=line.sku,
        goods_value=line.goods_value,
        freight_share=freight,
        insurance_share=insurance,
        dutiable_value=dutiable,
        duty=taxes.duty,
        consumption_tax=taxes.consumption_tax,
        vat=taxes.vat,
    )


def _limit_value(priced: Quote, basis: str) -> Decimal:
    return priced.dutiable_value if basis == "dutiable_value" else priced.actual_paid


def _with_used_after(priced: Quote, used_after: Decimal) -> Quote:
    return replace(priced, annual_used_after=used_after)
