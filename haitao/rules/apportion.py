"""Split an amount over lines to the fen so that the parts add up exactly (docs/rules.md, rule 2).

Freight and insurance are charged per order but taxed per line, so each line needs its share. Rounding
each share on its own can lose or invent a fen; the largest-remainder method cannot: every line first
gets its share rounded down, and the fen left over go one each to the lines whose dropped fraction was
largest. Each part is then within one fen of its exact pro-rata share.

The arithmetic runs on integers (fen, and weights scaled to integers), so it is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from haitao.rules.money import FEN, is_whole_fen


def apportion(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights``; the parts sum exactly to ``total``.

    Ties in the dropped fraction go to the lower index, so the result is deterministic. When every
    weight is zero (e.g. free goods) there is no proportion to follow: the total is split equally,
    the leftover fen again going to the lowest indices.
    """
    if total < 0 or not is_whole_fen(total):
        raise ValueError(f"total must be a non-negative amount in whole fen, got {total}")
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    if not weights:
        if total:
            raise ValueError(f"cannot apportion {total} over no lines")
        return []

    scaled = _as_integers(weights)
    if not any(scaled):
        scaled = [1] * len(scaled)
    total_fen = int(total / FEN)
    weight_sum = sum(scaled)

    floors = [total_fen * w // weight_sum for w in scaled]
    remainders = [total_fen * w % weight_sum for w in scaled]
    leftover = total_fen - sum(floors)
    by_remainder = sorted(range(len(scaled)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[:leftover]:
        floors[i] += 1
    return [Decimal(fen) * FEN for fen in floors]


def _as_integers(weights: Sequence[Decimal]) -> list[int]:
    """Scale every weight by the same power of ten so that all become integers (ratios unchanged)."""
    places = max(-min(Decimal(w).as_tuple().exponent, 0) for w in weights)
    return [int(Decimal(w).scaleb(places)) for w in weights]
