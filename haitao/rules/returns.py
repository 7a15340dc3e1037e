"""The way back under CBEC, as pure rules (Part A rule 12; GACC 2020 No. 45).

A return is applied for within 30 days of the inventory list's release (CEB622 status 800) and the
goods must be back at the original warehouse within 45 days of it. What a partial return gives back
(the quota, the tax not levied, the money) is the returned share of each line, to the fen; returning
a whole line gives back exactly that line's amounts, so shares of a fully returned order sum to it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from haitao.rules.money import to_fen

REQUEST_DAYS = 30  # apply within 30 days of release
GOODS_BACK_DAYS = 45  # goods back at the original warehouse within 45 days of release


class WindowClosed(Exception):
    """A return window has passed; ``code`` is machine-readable, the texts are for the buyer."""

    def __init__(self, code: str, message_zh: str, message_en: str, deadline: datetime):
        super().__init__(message_en)
        self.code, self.message_zh, self.message_en, self.deadline = code, message_zh, message_en, deadline


def request_deadline(released_at: datetime) -> datetime:
    return released_at + timedelta(days=REQUEST_DAYS)


def goods_back_deadline(released_at: datetime) -> datetime:
    return released_at + timedelta(days=GOODS_BACK_DAYS)


def check_request_window(released_at: datetime | None, now: datetime) -> None:
    """Raise WindowClosed unless a return may be applied for now."""
    if released_at is None:
        raise WindowClosed("return_before_release", "订单尚未海关放行，不能退货；放行前请直接取消订单。",
                           "The order has not been released by customs yet: cancel it instead of returning it.",
                           now)
    deadline = request_deadline(released_at)
    if now > deadline:
        raise WindowClosed("return_window_closed",
                           f"退货须在海关放行后{REQUEST_DAYS}天内申请，本单已于{deadline:%Y-%m-%d}截止。",
                           f"Returns must be requested within {REQUEST_DAYS} days of customs release; "
                           f"this order's window closed on {deadline:%Y-%m-%d}.", deadline)


def check_goods_back(released_at: datetime, now: datetime) -> None:
    """Raise WindowClosed if the goods arrive back after the 45-day limit."""
    deadline = goods_back_deadline(released_at)
    if now > deadline:
        raise WindowClosed("return_goods_late",
                           f"退货商品须在海关放行后{GOODS_BACK_DAYS}天内运回原仓库，已于{deadline:%Y-%m-%d}截止。",
                           f"Returned goods must be back at the warehouse within {GOODS_BACK_DAYS} days of "
                           f"customs release; the limit was {deadline:%Y-%m-%d}.", deadline)


def returned_share(amount: Decimal, quantity: int | Decimal, of: int | Decimal) -> Decimal:
    """The part of a line's ``amount`` that ``quantity`` of its ``of`` units carry, to the fen
    (half-up); all of them carry exactly ``amount``."""
    if not 0 < quantity <= of:
        raise ValueError(f"returned quantity {quantity} must be between 1 and {of}")
    return amount if quantity == of else to_fen(amount * Decimal(quantity) / Decimal(of))
