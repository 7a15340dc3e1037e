"""Split a purchase into customs orders (docs/rules.md, rule 10).

A customs order has one seller of record, ships from one warehouse under one mode. Each seller's
lines go bonded (1210) first, to the seller's bonded warehouses that hold them, as few orders as
the stock allows (the warehouse covering most lines first, then the preferred one); what no bonded
warehouse of the seller holds goes direct mail (9610) from the seller's overseas warehouses the same
way. A line is never split across warehouses, and another seller's stock is never used. What cannot be
placed is reported, never dropped: the buyer sees the split before paying.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

BONDED, DIRECT_MAIL = "1210", "9610"
MODE_ORDER = (BONDED, DIRECT_MAIL)


@dataclass(frozen=True)
class Line:
    """``quantity`` of ``sku`` sold by ``seller``; ``modes`` the customs modes it may ship under
    (the positive list's remarks may allow one only)."""

    sku: int
    seller: int
    quantity: int
    modes: frozenset[str] = field(default=frozenset(MODE_ORDER))


@dataclass(frozen=True)
class Warehouse:
    id: int
    mode: str
    priority: int = 10


@dataclass(frozen=True)
class SubOrder:
    seller: int
    warehouse: int
    mode: str
    lines: tuple[Line, ...]


class Unplaceable(ValueError):
    """Lines no single warehouse of their seller can fill now."""

    def __init__(self, lines: list[Line]):
        super().__init__(f"no warehouse of their seller holds SKUs {[line.sku for line in lines]}")
        self.lines = lines


def split(lines: Iterable[Line], available: Mapping[tuple[int, int, int], int],
          warehouses: Iterable[Warehouse]) -> list[SubOrder]:
    """The customs orders for ``lines``; ``available[(seller, warehouse, sku)]`` is what that seller
    has free there. Orders come by seller id, then bonded before direct mail, then warehouse preference;
    lines keep their given order inside an order. Raises Unplaceable listing every line left over."""
    lines = list(lines)
    if len({line.sku for line in lines}) != len(lines):
        raise ValueError("one line per SKU")
    ranked = sorted(warehouses, key=lambda w: (MODE_ORDER.index(w.mode), w.priority, w.id))
    orders: list[SubOrder] = []
    left: list[Line] = []
    for seller in sorted({line.seller for line in lines}):
        remaining = [line for line in lines if line.seller == seller]
        for mode in MODE_ORDER:
            remaining = _cover(seller, mode, remaining, available, [w for w in ranked if w.mode == mode], orders)
        left += remaining
    if left:
        raise Unplaceable(left)
    return orders


def _cover(seller: int, mode: str, remaining: list[Line], available, candidates: list[Warehouse],
           orders: list[SubOrder]) -> list[Line]:
    """Greedy cover of ``remaining`` by ``candidates`` (one mode): appends orders, returns what is left."""
    while True:
        best, best_lines = None, []
        for warehouse in candidates:
            held = [line for line in remaining
                    if mode in line.modes and available.get((seller, warehouse.id, line.sku), 0) >= line.quantity]
            if len(held) > len(best_lines):  # ties keep the earlier (preferred) warehouse
                best, best_lines = warehouse, held
        if best is None:
            return remaining
        orders.append(SubOrder(seller, best.id, mode, tuple(best_lines)))
        remaining = [line for line in remaining if line not in best_lines]
