"""The buyer's annual CBEC quota ledger, as pure rules (docs/rules.md, rule 6).

An order reserves its value when placed, so two orders placed at the same moment cannot both spend
the last of a quota; payment commits the reservation; cancellation, expiry, a customs rejection or a
return releases it. The ledger is keyed by a keyed hash of the ID number so that the table never holds
an ID number in clear, and one person's orders meet in one place whichever brand they bought from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from haitao.rules.china_time import CHINA_TZ
from haitao.rules.identity import id_key, normalise_id_number
from haitao.rules.money import ZERO
from haitao.rules.regime import check_annual

__all__ = [
    "EntryEvent", "EntryState", "IllegalTransition", "QuotaEntry", "TRANSITIONS",
    "check_annual", "quota_key", "quota_year", "transition", "used",
]


def quota_year(placed_at: datetime) -> int:
    """The quota year of an order: the calendar year in Beijing time when it was placed, so an order
    placed at 2026-12-31 23:30 in Shanghai counts for 2026 whatever the server's clock zone."""
    if placed_at.tzinfo is None or placed_at.utcoffset() is None:
        raise ValueError("placed_at must be timezone-aware: a naive time has no calendar year in Shanghai")
    return placed_at.astimezone(CHINA_TZ).year


def quota_key(id_number: str, secret: bytes) -> str:
    """The quota ledger's key of a person: the keyed hash of the ID number (identity.id_key)."""
    if not normalise_id_number(id_number):
        raise ValueError("id_number must not be empty")
    return id_key(id_number, secret)


class EntryState:
    RESERVED = "reserved"
    COMMITTED = "committed"
    RELEASED = "released"
    ALL = (RESERVED, COMMITTED, RELEASED)
    COUNTED = frozenset({RESERVED, COMMITTED})  # what the annual total includes


class EntryEvent:
    PAID = "paid"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    CUSTOMS_REJECTED = "customs_rejected"
    RETURNED = "returned"
    ALL = (PAID, CANCELLED, EXPIRED, CUSTOMS_REJECTED, RETURNED)


class IllegalTransition(ValueError):
    """The event cannot happen to an entry in that state; never silently ignored."""

    def __init__(self, state: str, event: str) -> None:
        super().__init__(f"a quota entry that is {state!r} cannot be {event!r}")
        self.state = state
        self.event = event


# (state, event) -> new state. Expiry only ever hits unpaid orders and a return only paid ones;
# a paid order may still be cancelled (refunded before declaration) or rejected by customs.
TRANSITIONS: dict[tuple[str, str], str] = {
    (EntryState.RESERVED, EntryEvent.PAID): EntryState.COMMITTED,
    (EntryState.RESERVED, EntryEvent.CANCELLED): EntryState.RELEASED,
    (EntryState.RESERVED, EntryEvent.EXPIRED): EntryState.RELEASED,
    (EntryState.RESERVED, EntryEvent.CUSTOMS_REJECTED): EntryState.RELEASED,
    (EntryState.COMMITTED, EntryEvent.CANCELLED): EntryState.RELEASED,
    (EntryState.COMMITTED, EntryEvent.CUSTOMS_REJECTED): EntryState.RELEASED,
    (EntryState.COMMITTED, EntryEvent.RETURNED): EntryState.RELEASED,
}


def transition(state: str, event: str) -> str:
    """The entry's state after ``event``; raises ``IllegalTransition`` (released is final)."""
    if state not in EntryState.ALL:
        raise ValueError(f"unknown quota entry state {state!r}")
    if event not in EntryEvent.ALL:
        raise ValueError(f"unknown quota entry event {event!r}")
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise IllegalTransition(state, event) from None


class HasAmountAndState(Protocol):
    amount: Decimal
    state: str


@dataclass(frozen=True)
class QuotaEntry:
    """One order's claim on the annual quota."""

    amount: Decimal
    state: str = EntryState.RESERVED


def used(entries: Iterable[HasAmountAndState]) -> Decimal:
    """The buyer's used quota: committed + reserved (released entries no longer count)."""
    return sum((entry.amount for entry in entries if entry.state in EntryState.COUNTED), ZERO)
