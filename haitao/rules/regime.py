"""Which tax regime an order clears under, or why it may not be placed (docs/rules.md, rule 5).

Within the limits an order pays the CBEC rate; a single indivisible item over the single-transaction
limit may still clear, at full general-trade tax; anything else over a limit is refused. The annual
refusal wins over the single one because splitting the order, the cure for the single limit, cannot
cure the annual one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from haitao.rules.limits import LimitPeriod
from haitao.rules.money import ZERO

CBEC = "cbec"
GENERAL_TRADE = "general_trade"

SINGLE_LIMIT_EXCEEDED = "single_limit_exceeded"
ANNUAL_LIMIT_EXCEEDED = "annual_limit_exceeded"


class LimitExceeded(Exception):
    """The order may not be placed. ``code`` is machine-readable; ``message`` tells the buyer the
    amounts: ``amount_over`` the limit, the ``limit`` itself, and the annual quota ``remaining``
    before this order."""

    def __init__(
        self, code: str, message: str, *, amount_over: Decimal, remaining: Decimal, limit: Decimal,
        value: Decimal,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.amount_over = amount_over
        self.remaining = remaining
        self.limit = limit
        self.value = value


@dataclass(frozen=True)
class RegimeDecision:
    regime: str
    quota_value: Decimal  # what this order adds to the buyer's annual total


def annual_remaining(used: Decimal, annual_limit: Decimal) -> Decimal:
    """What the buyer may still buy this year; never negative, even if the ledger is already over."""
    return max(annual_limit - used, ZERO)


def annual_limit_exceeded(
    used: Decimal, value: Decimal, annual_limit: Decimal, single_limit: Decimal | None = None
) -> LimitExceeded:
    """The refusal for ``used + value > annual_limit``. Pass ``single_limit`` when the order is also
    refused for the single limit, and the message says so too."""
    remaining = annual_remaining(used, annual_limit)
    over = used + value - annual_limit
    message = (
        f"This order's value of {value:.2f} CNY exceeds your annual cross-border quota of "
        f"{annual_limit:.2f} CNY by {over:.2f} CNY: you have used {used:.2f} CNY this year and "
        f"{remaining:.2f} CNY remains."
    )
    if single_limit is not None:
        message += (
            f" It is also {value - single_limit:.2f} CNY over the single-transaction limit of "
            f"{single_limit:.2f} CNY, but splitting it into several orders would not bring it within "
            f"the annual quota."
        )
    return LimitExceeded(
        ANNUAL_LIMIT_EXCEEDED, message, amount_over=over, remaining=remaining, limit=annual_limit,
        value=value,
    )


def single_limit_exceeded(used: Decimal, value: Decimal, period: LimitPeriod) -> LimitExceeded:
    """The refusal for a multi-unit order over the single-transaction limit."""
    over = value - period.single
    message = (
        f"This order's value of {value:.2f} CNY exceeds the single-transaction limit of "
        f"{period.single:.2f} CNY by {over:.2f} CNY. Only an order of one single item may exceed "
        f"it; you may split this order into several orders of at most {period.single:.2f} CNY each."
    )
    return LimitExceeded(
        SINGLE_LIMIT_EXCEEDED, message, amount_over=over,
        remaining=annual_remaining(used, period.annual), limit=period.single, value=value,
    )


def choose_regime(
    cbec_value: Decimal, general_trade_value: Decimal, units: int, used: Decimal, period: LimitPeriod
) -> RegimeDecision:
    """Apply rule 5. The values are the order's value on the chosen limit basis, computed under each
    regime (they differ only when the basis includes tax). Raises ``LimitExceeded``."""
    if cbec_value <= period.single:
        decision = RegimeDecision(CBEC, cbec_value)
    elif units == 1:
        decision = RegimeDecision(GENERAL_TRADE, general_trade_value)
    else:
        if used + cbec_value > period.annual:
            raise annual_limit_exceeded(used, cbec_value, period.annual, period.single)
        raise single_limit_exceeded(used, cbec_value, period)
    check_annual(used, decision.quota_value, period.annual)
    return decision


def check_annual(used: Decimal, value: Decimal, annual_limit: Decimal) -> Decimal:
    """The used total after adding ``value``; raises ``LimitExceeded`` (annual_limit_exceeded) when it
    would pass the limit. Reaching the limit exactly is allowed."""
    after = used + value
    if after > annual_limit:
        raise annual_limit_exceeded(used, value, annual_limit)
    return after
