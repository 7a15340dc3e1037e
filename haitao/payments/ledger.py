"""Reconciliation: the money ledger of one provider and day against that provider's statement (bill).
Reads only; every mismatch is reported, none is corrected (an operator decides)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from .models import LedgerEntry
from .providers import StatementRow, known

CHINA = ZoneInfo("Asia/Shanghai")  # providers cut their statements at midnight Beijing time


@dataclass(frozen=True)
class Mismatch:
    kind: str  # payment | refund | fee
    reference: str
    problem: str  # missing_in_statement | missing_in_ledger | amount_differs
    ledger: Decimal | None
    statement: Decimal | None

    def __str__(self):
        return f"{self.kind} {self.reference}: {self.problem} (ledger {self.ledger}, statement {self.statement})"


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=CHINA)
    return start, start + timedelta(days=1)


def _statement_amounts(rows: list[StatementRow]) -> dict[tuple[str, str], Decimal]:
    amounts: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        key = ("refund", row.refund_id) if row.kind == "refund" else ("payment", row.transaction_id)
        amounts[key] = amounts.get(key, Decimal(0)) + row.amount
        if row.kind == "payment":
            amounts[("fee", row.transaction_id)] = amounts.get(("fee", row.transaction_id), Decimal(0)) + row.fee
    return amounts


def reconcile(provider_code: str, day: date, rows: list[StatementRow] | None = None) -> list[Mismatch]:
    """Compare the ledger's entries of ``day`` with the provider's statement of ``day``."""
    if rows is None:
        rows = known(provider_code).statement(day)
    start, end = _day_bounds(day)
    ledger: dict[tuple[str, str], Decimal] = {}
    for entry in LedgerEntry.objects.filter(provider=provider_code, occurred_at__gte=start, occurred_at__lt=end):
        ledger[(entry.kind, entry.reference)] = ledger.get((entry.kind, entry.reference), Decimal(0)) + entry.amount
    statement = _statement_amounts(rows)
    out = []
    for key in sorted(set(ledger) | set(statement)):
        mine, theirs = ledger.get(key), statement.get(key)
        if key[0] == "fee" and not mine and not theirs:
            continue
        if mine is None:
            out.append(Mismatch(*key, "missing_in_ledger", None, theirs))
        elif theirs is None:
            out.append(Mismatch(*key, "missing_in_statement", mine, None))
        elif mine != theirs:
            out.append(Mismatch(*key, "amount_differs", mine, theirs))
    return out
