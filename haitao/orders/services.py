"""Order writes: state transitions with audit events, paying a purchase, expiry, history imports.

Placement (docs/architecture.md, "The main flow"; docs/marketplace.md) is in orders.placement: one
transaction writes a purchase and its customs orders, one per seller × warehouse/mode.
"""

import hashlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Listing, Sku
from haitao.common import events
from haitao.common import domain_events as ev
from haitao.common.errors import Conflict, InvalidInput, NotFound
from haitao.compliance import quota as quota_ledger
from haitao.inventory import services as inventory
from haitao.rules import identity as id_rules
from haitao.rules.quota import quota_year

from .models import Order, OrderEvent, OrderLine
# Placement lives in its own modules (one job each); these names are the orders app's public API.
from .placement import max_unpaid_orders, place_order, place_purchase  # noqa: F401
from .purchases import customer_purchase, plan_summary, preview, purchase_summary  # noqa: F401
from .request import Consignee, LimitRefused, PlaceOrder  # noqa: F401
from .states import IllegalTransition, Status, next_status


# The state-machine events other apps hear of (haitao.common.domain_events); customs' own moves are
# published by declarations, which knows why they happened.
PUBLISHED = {"pay": ev.OrderPaid, "cancel": ev.OrderCancelled, "expire": ev.OrderExpired, "ship": ev.OrderShipped,
             "deliver": ev.OrderDelivered, "refund": ev.OrderRefunded}


def transition(order: Order, event: str, actor: str, note: str = "", **columns) -> Order:
    """Move the order along one event of the state machine. Concurrency-safe: the UPDATE only
    succeeds from the status we read, so two workers cannot both apply the same event. Publishes the
    matching domain event (its in-transaction handlers run inside this call). ``columns`` are set by
    the same UPDATE (the caller has set them on ``order``)."""
    to_status = next_status(order.status, event)
    moved = Order.objects.filter(pk=order.pk, status=order.status).update(status=to_status, **columns)
    if moved != 1:
        order.refresh_from_db(fields=["status"])
        raise IllegalTransition(order.status, event)
    OrderEvent.objects.create(order=order, event=event, from_status=order.status, to_status=to_status,
                              actor=actor, note=note[:300])
    order.status = to_status
    if event in PUBLISHED:
        events.publish(PUBLISHED[event](order_id=order.pk, number=order.number))
    return order


def transition_many(orders: list[Order], event: str, actor: str, notes: list[str]) -> None:
    """:func:`transition` for many orders at once, set-based (the customs worker declares a batch):
    one UPDATE from their common status, one INSERT of their audit events, the same domain events.
    Raises IllegalTransition (the caller rolls back) unless every order moved."""
    if not orders:
        return
    from_status = orders[0].status
    if any(order.status != from_status for order in orders):
        raise ValueError("transition_many moves orders of one status")
    to_status = next_status(from_status, event)
    if Order.objects.filter(pk__in=[o.pk for o in orders], status=from_status).update(status=to_status) != len(orders):
        raise IllegalTransition(from_status, event)
    OrderEvent.objects.bulk_create([OrderEvent(order=order, event=event, from_status=from_status, to_status=to_status,
                                               actor=actor, note=note[:300]) for order, note in zip(orders, notes)])
    for order in orders:
        order.status = to_status
        if event in PUBLISHED:
            events.publish(PUBLISHED[event](order_id=order.pk, number=order.number))


def mark_paid(order: Order, paid_at, actor: str, note: str = "", frees_slot: bool | None = None) -> Order:
    """A verified payment by the orderer: record when it was paid, commit the quota reservation and
    move the order to ``paid`` (publishing OrderPaid: customs declares it in this transaction).
    ``frees_slot``: whether this is the purchase's last unpaid order (None: the ledger finds out)."""
    order.paid_at = paid_at
    entry = getattr(order, "quota_entry", None)
    if entry is not None:
        quota_ledger.commit(entry, frees_slot)
    return transition(order, "pay", actor, note, paid_at=paid_at)  # one UPDATE: status and paid_at


def release_holds(order: Order) -> None:
    """Give back what an order that will not ship holds: its stock to sellable, its quota (rule 6)."""
    inventory.release_order(order.pk)
    entry = getattr(order, "quota_entry", None)
    if entry is not None:
        quota_ledger.release(entry)


def cancel(order: Order, actor: str, note: str = "") -> Order:
    with transaction.atomic():
        transition(order, "cancel", actor, note)
        release_holds(order)
    return order


def expire_unpaid(now=None, brand_ids=None) -> int:
    """Expire unpaid orders past their deadline (of `brand_ids` only, when given: an operator's run),
    giving back stock and quota. Safe to run anywhere, any number of times at once: the status UPDATE
    decides which run does each order."""
    now = now or timezone.now()
    done = 0
    due = Order.objects.expired_unpaid(now)
    if brand_ids is not None:
        due = due.filter(brand_id__in=brand_ids)
    for order in due.only("id", "status", "number")[:500]:
        try:
            with transaction.atomic():
                transition(order, "expire", "system", "unpaid past the payment deadline")
                release_holds(order)
            done += 1
        except IllegalTransition:
            continue  # paid or cancelled meanwhile
    return done


def restamp_history(order: Order, at=None, after_event_id: int = 0, paid_at=None) -> None:
    """For data that tells a past story (the demo): the audit events written after ``after_event_id``
    move to ``at`` (a time, or a function of the event's new status giving one), and the order's
    ``paid_at`` to ``paid_at`` if given — the services stamp the wall clock."""
    for event in () if at is None else OrderEvent.objects.filter(order=order, id__gt=after_event_id).only("id", "to_status"):
        when = at(event.to_status) if callable(at) else at
        OrderEvent.objects.filter(pk=event.pk).update(created_at=when)
    if paid_at is not None:
        Order.objects.filter(pk=order.pk).update(paid_at=paid_at)


def last_event_id(order: Order) -> int:
    """The newest audit event's id (0 if none): a mark for :func:`restamp_history`."""
    return OrderEvent.objects.filter(order=order).order_by("-id").values_list("id", flat=True).first() or 0


def customer_order(customer, number: str) -> Order:
    order = Order.objects.select_related("brand", "warehouse").filter(number=number).first()
    if order is None or order.customer_id != customer.id:
        # Someone else's order reads as not found, so order numbers cannot be probed.
        raise NotFound("order_not_found", "No such order in your account.", field="order")
    return order


def release_foreign_holds(customer) -> int:
    """The ID number's owner releases what other accounts hold on their quota: every unpaid order
    placed with the owner's ID number by another account (before the number was bound, or by an
    account that shared it) is cancelled, giving back its stock and quota. Returns how many."""
    identity = getattr(customer, "identity", None)
    if identity is None or not identity.owner:
        return 0
    released = 0
    for order in (Order.objects.filter(buyer_id_hash=identity.id_hash, status=Status.PENDING_PAYMENT)
                  .exclude(customer=customer).only("id", "status", "number")):
        try:
            cancel(order, "owner", "released by the ID number's owner")
            released += 1
        except IllegalTransition:
            continue  # paid, expired or cancelled meanwhile
    return released


def foreign_holds(customer) -> list[dict]:
    """Unpaid orders other accounts placed with this (owning) account's ID number."""
    identity = getattr(customer, "identity", None)
    if identity is None or not identity.owner:
        return []
    return list(Order.objects.filter(buyer_id_hash=identity.id_hash, status=Status.PENDING_PAYMENT)
                .exclude(customer=customer).values("number", "actual_paid", "placed_at"))


def quota_usage(customer, now=None) -> dict:
    identity = getattr(customer, "identity", None)
    from haitao.checkout.quote import limit_schedule

    now = now or timezone.now()
    period = limit_schedule().on(timezone.localdate(now))
    used = quota_ledger.used(identity.id_hash, quota_year(now)) if identity else Decimal("0.00")
    return {"year": quota_year(now), "used": used, "limit": period.annual,
            "remaining": max(period.annual - used, Decimal("0.00")), "single_limit": period.single}


# --- history orders from an acquired platform (consolidation; ISSUE 9: one writer per app) ---

HISTORY_STATUSES = (Status.DECLARED, Status.RELEASED, Status.SHIPPED, Status.DELIVERED, Status.CANCELLED,
                    Status.RETURNED)
NO_IDENTITY_MASK = "(none)"  # buyer fields of a history order whose customer has no valid identity


@dataclass(frozen=True)
class HistoryLine:
    sku: Sku
    merchant: Merchant
    quantity: int
    unit_price: Decimal
    listing: Listing | None = None


def _cents(value, field: str) -> Decimal:
    amount = Decimal(str(value))
    if not amount.is_finite() or amount < 0:
        raise InvalidInput("invalid_amount", f"{field} must be an amount of at least 0.", field=field)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def import_history_order(number: str, *, brand: Brand, customer, status: str, mode: str, warehouse,
                         lines: list[HistoryLine], freight, discount, tax_total, actual_paid, placed_at,
                         source: str, actor: str, note: str = "", currency: str = "CNY") -> Order:
    """An order that happened on another platform, with its lines and an ``imported`` event. It is
    never declared by haitao (no declaration, payment, stock hold or quota reservation): its status is
    one the source platform reached after customs (``declared`` and later). The buyer fields come
    from the customer's identity and default address; without an identity they are placeholders
    (``NO_IDENTITY_MASK``). Refuses a taken or malformed number, another status, mode, no lines, a
    non-positive quantity and negative amounts."""
    number = (number or "").strip()
    if not number or len(number) > 32:
        raise InvalidInput("invalid_order_number", "An order number is 1-32 characters.", field="number")
    if status not in HISTORY_STATUSES:
        raise InvalidInput("invalid_status", f"A history order's status is one of {', '.join(HISTORY_STATUSES)}.",
                           field="status")
    if mode not in ("1210", "9610"):
        raise InvalidInput("invalid_mode", "mode is 1210 (bonded) or 9610 (direct mail).", field="mode")
    if not lines:
        raise InvalidInput("no_lines", "A history order has at least one line.", field="lines")
    for index, line in enumerate(lines):
        if not isinstance(line.quantity, int) or line.quantity < 1:
            raise InvalidInput("invalid_quantity", "A line's quantity is at least 1.", field=f"lines[{index}].quantity")
        _cents(line.unit_price, f"lines[{index}].unit_price")
    if placed_at is None or timezone.is_naive(placed_at):
        raise InvalidInput("invalid_placed_at", "placed_at is a time with its zone.", field="placed_at")
    if Order.objects.filter(number=number).exists():
        raise Conflict("order_exists", f"An order {number} already exists.", field="number")
    identity = getattr(customer, "identity", None) if hasattr(customer, "identity") else None
    address = customer.addresses.order_by("-is_default", "id").first()
    goods = _cents(sum((Decimal(str(line.unit_price)) * line.quantity for line in lines), Decimal("0")), "lines")
    freight = _cents(freight, "freight")
    order = Order.objects.create(
        number=number, brand=brand, customer=customer, status=status, mode=mode, warehouse=warehouse,
        currency=currency, goods_value=goods, freight=freight, discount=_cents(discount, "discount"),
        dutiable_value=goods + freight, tax_total=_cents(tax_total, "tax_total"),
        actual_paid=_cents(actual_paid, "actual_paid"),
        buyer_name=(identity.real_name if identity else customer.display_name)[:60],
        buyer_id_number=identity.id_number if identity else "",
        buyer_id_masked=identity.id_masked if identity else NO_IDENTITY_MASK,
        buyer_id_hash=identity.id_hash if identity else "",
        consignee=(address.consignee if address else customer.display_name)[:100],
        consignee_phone=address.phone if address else "",
        consignee_phone_masked=address.phone_masked if address else "",
        consignee_address=address.full_address() if address else "",
        consignee_address_masked=(id_rules.mask_address(address.province, address.city, address.district)
                                  if address else NO_IDENTITY_MASK)[:120],
        consignee_district=address.district_code if address else "",
        risk_notice_accepted_at=placed_at,
        risk_notice_digest=hashlib.sha256(f"history:{source}".encode()).hexdigest(),
        placed_at=placed_at, paid_at=placed_at if status != Status.CANCELLED else None, source=source[:20])
    for gnum, line in enumerate(lines, start=1):
        price = _cents(line.unit_price, "unit_price")
        value = _cents(Decimal(str(line.unit_price)) * line.quantity, "goods_value")
        OrderLine.objects.create(order=order, gnum=gnum, listing=line.listing, sku=line.sku, merchant=line.merchant,
                                 title=line.sku.title, quantity=line.quantity, unit_price=price,
                                 goods_value=value, dutiable_value=value)
    OrderEvent.objects.create(order=order, event="imported", from_status="", to_status=order.status,
                              actor=actor[:60], note=note)
    return order
