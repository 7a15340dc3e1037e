"""Quota ledger writes (cbec-rules.md Part A rule 6). Reserve runs inside the order's transaction.

`reserve` is one statement: an upsert of the person's row for the year whose UPDATE branch only
applies while `reserved + committed + v <= limit` and fewer than `max_unpaid` orders hold a
reservation. Concurrent orders by one person, from any brand, serialise on that row and can never
together pass the annual limit or the unpaid-order cap. Amounts are whole fen.
"""

from decimal import Decimal

from django.db import connection
from django.db.models import F
from django.utils import timezone

from haitao.common.errors import Conflict

from .models import QuotaAccount, QuotaEntry

_RESERVE = """
INSERT INTO compliance_quotaaccount (id_hash, year, reserved_fen, committed_fen, unpaid_orders, updated_at)
VALUES (%s, %s, %s, 0, 1, %s)
ON CONFLICT (id_hash, year) DO UPDATE
   SET reserved_fen = compliance_quotaaccount.reserved_fen + excluded.reserved_fen,
       unpaid_orders = compliance_quotaaccount.unpaid_orders + 1,
       updated_at = excluded.updated_at
 WHERE compliance_quotaaccount.reserved_fen + compliance_quotaaccount.committed_fen + excluded.reserved_fen <= %s
   AND compliance_quotaaccount.unpaid_orders < %s
RETURNING id
"""


# PostgreSQL: the reserve and the order's entry in one statement (a data-modifying CTE); no entry is
# written when the conditional reserve took nothing. Other databases run the two statements.
_RESERVE_AND_RECORD = "WITH took AS (" + _RESERVE.strip() + """)
INSERT INTO compliance_quotaentry (order_id, external_ref, id_hash, year, amount, state, created_at, updated_at)
SELECT %s, '', %s, %s, %s, %s, %s, %s FROM took
RETURNING id
"""


def fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def used(id_hash: str, year: int) -> Decimal:
    account = QuotaAccount.objects.filter(id_hash=id_hash, year=year).only("reserved_fen", "committed_fen").first()
    return account.used if account else Decimal("0.00")


class QuotaExhausted(Conflict):
    """The conditional reserve found less quota than the order needs (a concurrent order took it)."""


class TooManyUnpaidOrders(Conflict):
    """The person already has `max_unpaid` orders holding a reservation."""


def reserve(order, id_hash: str, year: int, amount: Decimal, annual_limit: Decimal,
            max_unpaid: int = 2**31 - 1) -> QuotaEntry:
    """Reserve `amount` of the person's `year` quota for `order`, or raise QuotaExhausted (or
    TooManyUnpaidOrders when `max_unpaid` orders of this person already hold a reservation)."""
    if amount > annual_limit:
        raise QuotaExhausted("annual_limit_exceeded", f"¥{amount} is over the annual limit of ¥{annual_limit}.")
    now = timezone.now()
    combined = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if combined:
            cursor.execute(_RESERVE_AND_RECORD, [id_hash, year, fen(amount), now, fen(annual_limit), max_unpaid,
                                                 order.pk, id_hash, year, amount, QuotaEntry.State.RESERVED, now, now])
        else:
            cursor.execute(_RESERVE, [id_hash, year, fen(amount), now, fen(annual_limit), max_unpaid])
        took = cursor.fetchone()
    if took is None:
        unpaid = QuotaAccount.objects.filter(id_hash=id_hash, year=year).values_list("unpaid_orders", flat=True).first()
        if unpaid is not None and unpaid >= max_unpaid:
            raise TooManyUnpaidOrders("too_many_unpaid_orders", f"At most {max_unpaid} unpaid orders at a time: pay "
                                      "or cancel one first.", limit=max_unpaid)
        remaining = max(annual_limit - used(id_hash, year), Decimal("0.00"))
        raise QuotaExhausted("annual_limit_exceeded",
                             f"This order of ¥{amount} would pass the annual cross-border limit of "
                             f"¥{annual_limit}; ¥{remaining} of this year's quota remains.",
                             remaining=str(remaining), amount_over=str(amount - remaining), limit=str(annual_limit))
    if not combined:
        return QuotaEntry.objects.create(order=order, id_hash=id_hash, year=year, amount=amount)
    entry = QuotaEntry(id=took[0], order=order, id_hash=id_hash, year=year, amount=amount,
                       state=QuotaEntry.State.RESERVED, created_at=now, updated_at=now)
    entry._state.adding, entry._state.db = False, connection.alias
    return entry


def _move(entry: QuotaEntry, to_state: str, **deltas) -> None:
    QuotaAccount.objects.filter(id_hash=entry.id_hash, year=entry.year).update(
        **{name: F(name) + delta for name, delta in deltas.items()})
    entry.state = to_state
    entry.save(update_fields=["state", "updated_at"])


def commit(entry: QuotaEntry) -> None:
    if entry.state == QuotaEntry.State.RESERVED:
        cents = fen(entry.amount)
        _move(entry, QuotaEntry.State.COMMITTED, reserved_fen=-cents, committed_fen=cents, unpaid_orders=-1)


def release(entry: QuotaEntry) -> None:
    cents = fen(entry.amount)
    if entry.state == QuotaEntry.State.RESERVED:
        _move(entry, QuotaEntry.State.RELEASED, reserved_fen=-cents, unpaid_orders=-1)
    elif entry.state == QuotaEntry.State.COMMITTED:
        _move(entry, QuotaEntry.State.RELEASED, committed_fen=-cents)
