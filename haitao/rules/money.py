"""Money as Decimal CNY, to the fen.

Customs computes every tax to the fen (0.01 CNY) with round-half-up (docs/rules.md, rule 3), so
that is the one rounding this package uses. A float never touches money: binary floats cannot hold
0.01 exactly and would drift the sums that the three-document identities compare.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")

# Plain decimal notation only: no exponent, no thousands separator, no NaN or Infinity.
_AMOUNT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")  # ASCII digits only


def to_fen(x: Decimal) -> Decimal:
    """Round to the fen, half-up (away from zero on a tie), as customs does."""
    return x.quantize(FEN, rounding=ROUND_HALF_UP)


def is_whole_fen(x: Decimal) -> bool:
    """True when the amount has no part smaller than a fen (prices and fees are charged in fen)."""
    return x == x.quantize(FEN)


def parse_money(s: str | int | Decimal, *, allow_negative: bool = True) -> Decimal:
    """Read an amount written as plain decimal text ("200", "200.5", "-3.00").

    Digits beyond the fen are kept (the caller decides whether they are acceptable); exponents,
    separators, NaN and infinity are refused because they are never how a price is written.
    """
    if isinstance(s, bool) or not isinstance(s, (str, int, Decimal)):
        raise TypeError(f"an amount must be given as text, not {type(s).__name__}")
    text = str(s).strip()
    if not _AMOUNT.fullmatch(text):
        raise ValueError(f"{text!r} is not a decimal amount (expected digits like '200.00')")
    amount = Decimal(text)
    if amount < 0 and not allow_negative:
        raise ValueError(f"amount must not be negative, got {text}")
    return amount
