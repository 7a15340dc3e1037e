"""Quota ledger writes (docs/rules.md, rule 6). Reserve runs inside the order's transaction.

`reserve` is one statement: an upsert of the person's row for the year whose UPDATE branch only
applies while `reserved + committed + v <= limit` and fewer than `max_unpaid` purchases hold a
reservation. Concurrent orders by one person, from any brand, serialise on that row and can never
together pass the annual limit or the unpaid-order cap. Amounts are whole fen.
"""

from decimal import Decimal

from django.db import connection
from django.db.models import F
from django.utils import timezone

from haitao.common.errors import Conflict, InvalidInput

from .models import QuotaAccount, QuotaEntry

_RESERVE = """
INSERT INTO compliance_quotaaccount (id_hash, year, reserved_fen, committed_fen, unpaid_orders, updated_at)
VALUES (%s, %s, %s, 0, %s, %s)
ON CONFLICT (id_hash, year) DO UPDATE
   SET reserved_fen = compliance_quotaaccount.reserved_fen + excluded.reserved_fen,
       unpaid_orders = compliance_quotaaccount.unpaid_orders + excluded.unpaid_orders,
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


NO_CAP = 2**31 - 1


def reserve(order, id_hash: str, year: int, amount: Decimal, annual_limit: Decimal,
            max_unpaid: int = NO_CAP, takes_slot: bool = True) -> QuotaEntry:
    """Reserve `amount` of the person's `year` quota for `order`, or raise QuotaExhausted (or
    TooManyUnpaidOrders when `max_unpaid` purchases of this person already hold a reservation).

    The unpaid cap counts purchases, not customs orders: a purchase's first order takes the slot
    (`takes_slot`), its further orders reserve without one; the slot is given back when the last
    reserved order of the purchase is paid or released (:func:`_leave_reserved`)."""
    if amount > annual_limit:
        raise QuotaExhausted("annual_limit_exceeded", f"¥{amount} is over the annual limit of ¥{annual_limit}.")
    now = timezone.now()
    combined = connection.vendor == "postgresql"
    slot, cap = (1, max_unpaid) if takes_slot else (0, NO_CAP)
    with connection.cursor() as cursor:
        if combined:
            cursor.execute(_RESERVE_AND_RECORD, [id_hash, year, fen(amount), slot, now, fen(annual_limit), cap,
                                                 order.pk, id_hash, year, amount, QuotaEntry.State.RESERVED, now, now])
        else:
            cursor.execute(_RESERVE, [id_hash, year, fen(amount), slot, now, fen(annual_limit), cap])
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


# PostgreSQL: the entry's new state and the person's totals in one statement (the payment callback's
# budget, issue 15); other databases run the two statements.
_MOVE = """
WITH entry AS (UPDATE compliance_quotaentry SET state = %s, updated_at = %s WHERE id = %s RETURNING id)
UPDATE compliance_quotaaccount SET {sets} WHERE id_hash = %s AND year = %s
"""


def _move(entry: QuotaEntry, to_state: str, **deltas) -> None:
    entry.state = to_state
    if connection.vendor == "postgresql":
        entry.updated_at = timezone.now()
        sets = ", ".join(f"{name} = {name} + %s" for name in deltas)  # names are ours, never input
        with connection.cursor() as cursor:
            cursor.execute(_MOVE.format(sets=sets), [to_state, entry.updated_at, entry.pk, *deltas.values(),
                                                     entry.id_hash, entry.year])
        return
    QuotaAccount.objects.filter(id_hash=entry.id_hash, year=entry.year).update(
        **{name: F(name) + delta for name, delta in deltas.items()})
    entry.save(update_fields=["state", "updated_at"])


def _leave_reserved(entry: QuotaEntry, to_state: str, frees_slot: bool | None, **deltas) -> None:
    """An unpaid order stops holding its reservation; the purchase's unpaid slot goes back with its
    last reserved order. A caller that knows (the payment pays every order of the purchase at once)
    says so in ``frees_slot``; otherwise the account row is locked (by _move's UPDATE) before the
    purchase's other entries are read, so two of its orders leaving at once in two transactions see
    each other."""
    if frees_slot is not None:
        _move(entry, to_state, **deltas, **({"unpaid_orders": -1} if frees_slot else {}))
        return
    _move(entry, to_state, **deltas)
    others = (QuotaEntry.objects.filter(state=QuotaEntry.State.RESERVED, order__purchase__orders__quota_entry=entry)
              .exclude(pk=entry.pk))
    if not others.exists():
        QuotaAccount.objects.filter(id_hash=entry.id_hash, year=entry.year).update(
            unpaid_orders=F("unpaid_orders") - 1)


def commit(entry: QuotaEntry, frees_slot: bool | None = None) -> None:
    if entry.state == QuotaEntry.State.RESERVED:
        cents = fen(entry.amount)
        _leave_reserved(entry, QuotaEntry.State.COMMITTED, frees_slot, reserved_fen=-cents, committed_fen=cents)


def release(entry: QuotaEntry) -> None:
    cents = fen(entry.amount)
    if entry.state == QuotaEntry.State.RESERVED:
        _leave_reserved(entry, QuotaEntry.State.RELEASED, None, reserved_fen=-cents)
    elif entry.state == QuotaEntry.State.COMMITTED:
        _move(entry, QuotaEntry.State.RELEASED, committed_fen=-cents)


_MOVE_IN = """
INSERT INTO compliance_quotaaccount (id_hash, year, reserved_fen, committed_fen, unpaid_orders, updated_at)
VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (id_hash, year) DO UPDATE
   SET reserved_fen = compliance_quotaaccount.reserved_fen + excluded.reserved_fen,
       committed_fen = compliance_quotaaccount.committed_fen + excluded.committed_fen,
       unpaid_orders = compliance_quotaaccount.unpaid_orders + excluded.unpaid_orders,
       updated_at = excluded.updated_at
 WHERE compliance_quotaaccount.reserved_fen + compliance_quotaaccount.committed_fen
       + excluded.reserved_fen + excluded.committed_fen <= %s
RETURNING id
"""


def move_year(entry: QuotaEntry, year: int, annual_limit: Decimal) -> None:
    """Rule 6: customs counts an order in the year its inventory list is declared. Move the entry's
    amount there, checked against that year's limit (one conditional upsert, as reserve), or raise
    QuotaExhausted and leave it where it was. Runs in the caller's transaction."""
    if entry.state == QuotaEntry.State.RELEASED or entry.year == year:
        return
    cents = fen(entry.amount)
    column = "reserved_fen" if entry.state == QuotaEntry.State.RESERVED else "committed_fen"
    reserved, committed = (cents, 0) if column == "reserved_fen" else (0, cents)
    if entry.amount > annual_limit:
        raise QuotaExhausted("annual_limit_exceeded", f"¥{entry.amount} is over the annual limit of ¥{annual_limit}.")
    with connection.cursor() as cursor:
        # A reserved entry is an unpaid order: it counts toward the unpaid cap of the year it moves to.
        unpaid = 1 if column == "reserved_fen" else 0
        cursor.execute(_MOVE_IN, [entry.id_hash, year, reserved, committed, unpaid, timezone.now(),
                                  fen(annual_limit)])
        took = cursor.fetchone()
    if took is None:
        remaining = max(annual_limit - used(entry.id_hash, year), Decimal("0.00"))
        raise QuotaExhausted("annual_limit_exceeded",
                             f"Declared in {year}, this order of ¥{entry.amount} would pass that year's annual "
                             f"limit of ¥{annual_limit}; ¥{remaining} remains.", remaining=str(remaining))
    QuotaAccount.objects.filter(id_hash=entry.id_hash, year=entry.year).update(
        **{column: F(column) - cents}, unpaid_orders=F("unpaid_orders") - unpaid)
    entry.year = year
    entry.save(update_fields=["year", "updated_at"])


def release_part(entry: QuotaEntry, amount: Decimal) -> Decimal:
    """Give back ``amount`` of a committed entry (the dutiable value of returned lines, after customs
    accepted the CEB625); the whole of it releases the entry. Returns what was given back."""
    if entry.state != QuotaEntry.State.COMMITTED or amount <= 0:
        return Decimal("0.00")
    amount = min(amount, entry.amount)
    if amount == entry.amount:
        release(entry)
        return amount
    QuotaAccount.objects.filter(id_hash=entry.id_hash, year=entry.year).update(
        committed_fen=F("committed_fen") - fen(amount))
    entry.amount -= amount
    entry.save(update_fields=["amount", "updated_at"])
    return amount


def record_history(order, external_ref: str, id_hash: str, year: int, amount: Decimal) -> bool:
    """A committed entry for an order placed on an acquired platform (consolidation), and the person's
    account moved with it. Idempotent on ``external_ref``: False when it is already there. History is
    entered even over the annual limit (it happened); the limit then stops new orders. A negative
    amount (a refund larger than the goods) counts as 0."""
    if not (external_ref or "").strip():
        raise InvalidInput("missing_field", "A history entry needs its external reference.", field="external_ref")
    if not (id_hash or "").strip():
        raise InvalidInput("missing_field", "A history entry needs the person's ID hash.", field="id_hash")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidInput("invalid_year", "year is a calendar year.", field="year")
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidInput("invalid_amount", "amount is a Decimal in CNY.", field="amount")
    if QuotaEntry.objects.filter(external_ref=external_ref).exists():
        return False
    amount = max(amount, Decimal("0.00"))
    QuotaEntry.objects.create(order=order, external_ref=external_ref, id_hash=id_hash, year=year, amount=amount,
                              state=QuotaEntry.State.COMMITTED)
    account, _ = QuotaAccount.objects.get_or_create(id_hash=id_hash, year=year)
    QuotaAccount.objects.filter(pk=account.pk).update(committed_fen=F("committed_fen") + fen(amount),
                                                      updated_at=timezone.now())
    return True
