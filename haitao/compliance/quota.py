"""Quota ledger writes (cbec-rules.md Part A rule 6). Reserve runs inside the order's transaction.

`reserve` is one conditional UPDATE: `reserved = reserved + v WHERE reserved + committed + v <= limit`,
so concurrent orders by one person, from any brand, serialise on that person's row and can never
together pass the limit.
"""

from decimal import Decimal

from django.db.models import F

from haitao.common.errors import Conflict

from .models import QuotaAccount, QuotaEntry


def used(id_hash: str, year: int) -> Decimal:
    account = QuotaAccount.objects.filter(id_hash=id_hash, year=year).only("reserved", "committed").first()
    return account.used if account else Decimal("0.00")


def reserve(order, id_hash: str, year: int, amount: Decimal, annual_limit: Decimal) -> QuotaEntry:
    QuotaAccount.objects.bulk_create([QuotaAccount(id_hash=id_hash, year=year)], ignore_conflicts=True)
    took = (QuotaAccount.objects
            .filter(id_hash=id_hash, year=year, reserved__lte=annual_limit - amount - F("committed"))
            .update(reserved=F("reserved") + amount))
    if took != 1:
        remaining = max(annual_limit - used(id_hash, year), Decimal("0.00"))
        raise Conflict("annual_limit_exceeded",
                       f"This order of ¥{amount} would pass the annual cross-border limit of ¥{annual_limit}; "
                       f"¥{remaining} of this year's quota remains.", field=None,
                       remaining=str(remaining), amount_over=str(amount - remaining))
    return QuotaEntry.objects.create(order=order, id_hash=id_hash, year=year, amount=amount)


def _move(entry: QuotaEntry, to_state: str, **deltas) -> None:
    QuotaAccount.objects.filter(id_hash=entry.id_hash, year=entry.year).update(
        **{name: F(name) + delta for name, delta in deltas.items()})
    entry.state = to_state
    entry.save(update_fields=["state", "updated_at"])


def commit(entry: QuotaEntry) -> None:
    if entry.state == QuotaEntry.State.RESERVED:
        _move(entry, QuotaEntry.State.COMMITTED, reserved=-entry.amount, committed=entry.amount)


def release(entry: QuotaEntry) -> None:
    if entry.state == QuotaEntry.State.RESERVED:
        _move(entry, QuotaEntry.State.RELEASED, reserved=-entry.amount)
    elif entry.state == QuotaEntry.State.COMMITTED:
        _move(entry, QuotaEntry.State.RELEASED, committed=-entry.amount)
