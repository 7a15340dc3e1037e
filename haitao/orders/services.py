"""Order writes: placement (one transaction), state transitions with audit events, expiry.

Placement (docs/architecture.md, "The main flow"): everything that can be checked without writing is checked first
(input, identity, quote and limits); then one transaction allocates stock, reserves quota and writes
the order, so either all of it happens or none. Idempotent on (customer, Idempotency-Key).
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.db.models import Sum
from django.utils import timezone

from haitao.accounts.services import add_address, check_identity, ensure_identity, id_number_bound, normalise_mobile
from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Category, Listing, Sku, visible_sql
from haitao.checkout.quote import Item, quote_items
from haitao.checkout import services as carts
from haitao.checkout.services import validate_quantity
from haitao.common import events, prebuilt
from haitao.common import domain_events as ev
from haitao.common.errors import Conflict, DomainError, InvalidInput, NotFound
from haitao.common.text import check_text
from haitao.compliance import quota as quota_ledger
from haitao.compliance.services import check_sellable
from haitao.inventory import services as inventory
from haitao.rules import identity as id_rules
from haitao.rules.quota import quota_year
from haitao.rules.tax import LimitExceeded

from . import numbers
from .models import Order, OrderEvent, OrderLine, Purchase
from .states import IllegalTransition, Status, next_status



@dataclass
class Consignee:
    name: str
    phone: str
    province: str
    city: str
    district: str
    detail: str
    district_code: str = ""

    def address(self) -> str:
        return f"{self.province}{self.city}{self.district}{self.detail}"


@dataclass
class PlaceOrder:
    """What a buyer submits at checkout. `items` are (sku code, quantity) pairs."""

    brand: object
    items: list[tuple[str, int]]
    consignee: Consignee
    buyer_name: str
    buyer_id_number: str
    risk_notice_accepted: bool
    idempotency_key: str = ""
    save_address: bool = False
    extra: dict = field(default_factory=dict)
    cart: object = None  # the cart ordered from, if any: the ordered lines leave it once the order stands


class LimitRefused(InvalidInput):
    """The CBEC limits refuse this order; details say by how much and what quota remains."""


def _digest(request: PlaceOrder) -> str:
    body = {"brand": request.brand.code, "items": sorted(request.items), "consignee": request.consignee.__dict__,
            "buyer": [request.buyer_name, request.buyer_id_number], "risk": request.risk_notice_accepted}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _merge_items(items) -> dict[str, int]:
    if not isinstance(items, (list, tuple)) or not items:
        raise InvalidInput("empty_order", "An order needs at least one item.", field="items")
    if len(items) > 99:
        raise InvalidInput("too_many_lines", "An order has at most 99 lines.", field="items")
    merged: dict[str, int] = {}
    for index, (sku, quantity) in enumerate(items):
        if not isinstance(sku, str) or not sku.strip():
            raise InvalidInput("missing_field", "Each item needs a SKU code.", field=f"items[{index}].sku")
        validate_quantity(quantity, field=f"items[{index}].quantity")
        merged[sku] = validate_quantity(merged.get(sku, 0) + quantity, field=f"items[{index}].quantity")
    return merged


def _check_consignee(consignee: Consignee) -> Consignee:
    for name in ("name", "province", "city", "district", "detail"):
        value = getattr(consignee, name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput("missing_field", f"The consignee's {name} is required.", field=f"consignee.{name}")
    for name in ("name", "phone", "province", "city", "district", "detail", "district_code"):
        check_text(getattr(consignee, name), f"consignee.{name}")  # else the customs XML cannot be built
    if len(consignee.address()) > 200:
        raise InvalidInput("too_long", "The address is longer than customs accepts (200 characters).",
                           field="consignee.detail")
    consignee.phone = normalise_mobile(consignee.phone, field="consignee.phone")
    return consignee


@lru_cache(maxsize=4)
def _listing_read(alias: str):
    """(SQL head, columns) of `Listing.objects.visible().for_brand(brand).filter(sku__code__in=…)` as one
    prebuilt statement: placement reads its listings on every order, and compiling the ORM query cost
    more CPU than the rest of the read (see docs/scaling.md)."""
    models = ((Listing, "l"), (Sku, "s"), (Category, "c"), (Merchant, "m"))
    cols = prebuilt.columns(alias, models)

    def col(model, name):
        return prebuilt.column(model, name, alias)

    def tab(model):
        return prebuilt.table(model, alias)

    sql = (f"SELECT {cols.select} FROM {tab(Listing)} l "
           f"JOIN {tab(Brand)} b ON b.{col(Brand, 'id')} = l.{col(Listing, 'brand')} "
           f"JOIN {tab(Sku)} s ON s.{col(Sku, 'id')} = l.{col(Listing, 'sku')} "
           f"JOIN {tab(Category)} c ON c.{col(Category, 'id')} = s.{col(Sku, 'category')} "
           f"JOIN {tab(Merchant)} m ON m.{col(Merchant, 'id')} = l.{col(Listing, 'merchant')} "
           f"WHERE l.{col(Listing, 'brand')} = %s AND {visible_sql('l', 'b', connections[alias].ops.quote_name)} "
           f"AND s.{col(Sku, 'code')} IN ")
    return sql, cols


def _visible_listings(brand, codes: list[str], alias: str = "default") -> dict[str, Listing]:
    """{sku code: visible listing of `brand`}, with its sku, sku.category and merchant loaded."""
    sql, cols = _listing_read(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql + "(" + ", ".join(["%s"] * len(codes)) + ")", [brand.pk, *codes])
        rows = cursor.fetchall()
    found = {}
    for row in rows:
        listing, sku, category, merchant = cols.instances(row, alias)
        sku.category, listing.sku, listing.merchant = category, sku, merchant
        found[sku.code] = listing
    return found


def _listings(brand, wanted: dict[str, int], now) -> dict[str, Listing]:
    found = _visible_listings(brand, list(wanted))
    for code, quantity in wanted.items():
        listing = found.get(code)
        if listing is None:
            raise NotFound("unknown_sku", f"'{code}' is not sold in {brand.name_en}.", field="items")
        if (listing.sale_starts and now < listing.sale_starts) or (listing.sale_ends and now >= listing.sale_ends):
            raise Conflict("not_on_sale", f"'{code}' is not on sale right now.", field="items")
        if listing.per_buyer_limit and quantity > listing.per_buyer_limit:
            raise InvalidInput("over_per_buyer_limit", f"At most {listing.per_buyer_limit} of '{code}' per buyer.",
                               field="items")
    return found


def _refusal(exc: LimitExceeded) -> LimitRefused:
    return LimitRefused(exc.code, exc.message, field=None, amount_over=str(exc.amount_over),
                        remaining=str(exc.remaining), limit=str(exc.limit), value=str(exc.value))


NUMBER_ATTEMPTS = 5


def _insert_numbered(order: Order, now, purchase: Purchase | None = None) -> None:
    """Insert the order (and its purchase, numbered like it with HP for HT) under a new number; a number
    already taken is drawn again (orders/numbers.py), inside a savepoint so the order's transaction
    survives the refused INSERT."""
    for attempt in range(NUMBER_ATTEMPTS):
        order.number = numbers.new_number(now)
        try:
            with transaction.atomic():
                if purchase is not None:
                    purchase.number = "HP" + order.number.removeprefix("HT")
                    prebuilt.insert([purchase])
                    order.purchase = purchase
                prebuilt.insert([order])
            return
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS - 1 or not Order.objects.filter(number=order.number).exists():
                raise  # not the number (a replayed Idempotency-Key): place_order answers it


def place_order(customer, request: PlaceOrder, now=None) -> tuple[Order, bool]:
    """Place the order; returns (order, created). A replayed Idempotency-Key returns the first order.

    The happy path is kept to the statements that must run (listing read, stock take, order, lines,
    allocations, audit event, quota reserve and entry): the annual quota is decided by the ledger's
    conditional reserve rather than a read before it, and a replayed key is recognised by the unique
    constraint rather than a lookup on every order. Refusal paths read what they need to explain
    themselves.
    """
    now = now or timezone.now()
    key = (request.idempotency_key or "").strip()
    if len(key) > 80:
        raise InvalidInput("invalid_idempotency_key", "Idempotency-Key is at most 80 characters.",
                           field="Idempotency-Key")
    digest = _digest(request)
    try:
        order = _place(customer, request, key, digest, now)
    except (DomainError, IntegrityError):
        if key:  # a replay (or the same key racing us): the first order is the answer
            existing = Order.objects.filter(customer=customer, idempotency_key=key).first()
            if existing is not None:
                return _replay(existing, digest), False
        raise
    if request.cart is not None:
        carts.remove_ordered(request.cart, [code for code, _ in request.items])
    return order, True


def _place(customer, request: PlaceOrder, key: str, digest: str, now) -> Order:
    if request.risk_notice_accepted is not True:
        raise InvalidInput("risk_notice_not_accepted", "Accept the cross-border risk notice to place the order.",
                           field="risk_notice_accepted")
    wanted = _merge_items(request.items)
    consignee = _check_consignee(request.consignee)
    check_identity(request.buyer_name, request.buyer_id_number)
    listings = _listings(request.brand, wanted, now)
    identity = ensure_identity(customer, request.buyer_name, request.buyer_id_number, save=False)
    year, today = quota_year(now), timezone.localdate(now)
    items = [Item(listings[code], quantity) for code, quantity in wanted.items()]
    try:
        quote = quote_items(request.brand, items, Decimal("0.00"), today)
    except LimitExceeded:  # the annual refusal outranks the single one: judge again with the real usage
        raise _refusal_with_usage(request.brand, items, identity, year, today) from None
    new_identity = identity.pk is None
    try:
        with transaction.atomic():
            if new_identity:  # the first order records the buyer, in the order's transaction
                _record_identity(identity)
            order = _write(customer, request, consignee, identity, listings, wanted, quote, key, digest, now)
            quota_ledger.reserve(order, identity.id_hash, year, quote.quota_value, quote.annual_limit,
                                 max_unpaid=max_unpaid_orders())
            # After the reserve: it holds the person's quota row until commit, so concurrent orders of
            # one buyer count each other here, exactly.
            _check_per_buyer_limits(identity.id_hash, listings, wanted, now)
            events.publish(ev.OrderPlaced(order_id=order.pk, number=order.number))
    except BaseException as exc:
        if new_identity:  # rolled back with the order: a refused order records nobody
            identity.pk, identity._state.adding = None, True
        if isinstance(exc, quota_ledger.QuotaExhausted):
            raise _refusal_with_usage(request.brand, items, identity, year, today, fallback=exc) from None
        raise
    if request.save_address and not customer.addresses.exists():
        add_address(customer, consignee=consignee.name, phone=consignee.phone, province=consignee.province,
                    city=consignee.city, district=consignee.district, detail=consignee.detail,
                    district_code=consignee.district_code, is_default=True)
    return order


def _record_identity(identity) -> None:
    try:
        with transaction.atomic():
            identity.save(force_insert=True)
    except IntegrityError:
        if type(identity).objects.filter(customer_id=identity.customer_id).exists():
            # another checkout of this account recorded it this very moment
            raise Conflict("identity_changed", "Your identity was just recorded by another checkout; please try "
                           "again.", field="buyer") from None
        # another account bound this ID number this very moment
        raise id_number_bound(identity.customer, identity.id_hash, identity.real_name) from None


def max_unpaid_orders() -> int:
    """Unpaid orders hold stock and quota, so unbounded they take both from others. The cap is kept
    by the quota ledger's reserve (per ID number, in its one statement). It is also the per-account
    cap: an account buys as its one identity, and only the ID number's owner account may order with
    it, so an account's unpaid orders are among its ID number's."""
    return min(settings.MAX_UNPAID_ORDERS_PER_ACCOUNT, settings.MAX_UNPAID_ORDERS_PER_BUYER)


def _check_per_buyer_limits(id_hash: str, listings: dict, wanted: dict, now) -> None:
    """A listing's per-buyer limit counts what this person (by ID number, over every account) ordered
    of it in the last settings.PER_BUYER_LIMIT_WINDOW_DAYS, this order included — not each order alone."""
    limited = {listing.id: listing for listing in listings.values() if listing.per_buyer_limit}
    if not limited:
        return
    since = now - timedelta(days=settings.PER_BUYER_LIMIT_WINDOW_DAYS)
    bought = (OrderLine.objects.filter(listing_id__in=limited, order__buyer_id_hash=id_hash,
                                       order__placed_at__gte=since)
              .exclude(order__status__in=[Status.CANCELLED, Status.EXPIRED])
              .values_list("listing_id").annotate(total=Sum("quantity")))
    for listing_id, total in bought:
        listing = limited[listing_id]
        if total > listing.per_buyer_limit:
            raise InvalidInput("over_per_buyer_limit",
                               f"At most {listing.per_buyer_limit} of '{listing.sku.code}' per buyer in "
                               f"{settings.PER_BUYER_LIMIT_WINDOW_DAYS} days; your orders already hold "
                               f"{total - wanted[listing.sku.code]}.", field="items",
                               limit=listing.per_buyer_limit, window_days=settings.PER_BUYER_LIMIT_WINDOW_DAYS)


def _refusal_with_usage(brand, items, identity, year, today, fallback=None) -> DomainError:
    try:
        quote_items(brand, items, quota_ledger.used(identity.id_hash, year), today)
    except LimitExceeded as exc:
        return _refusal(exc)
    return fallback or Conflict("quota_changed", "Your quota changed while ordering; please try again.")


def _replay(order: Order, digest: str) -> Order:
    if order.request_digest and order.request_digest != digest:
        raise Conflict("idempotency_key_reused", "This Idempotency-Key was used for a different order.",
                       field="Idempotency-Key", order=order.number)
    return order


def _write(customer, request, consignee, identity, listings, wanted, quote, key, digest, now) -> Order:
    sellers = {listings[code].merchant_id for code in wanted}
    seller_id = listings[next(iter(wanted))].merchant_id
    allocated = inventory.allocate({listings[code].sku_id: qty for code, qty in wanted.items()},
                                   owner_id=seller_id if len(sellers) == 1 else None)
    # The positive list's remarks may allow one mode only; the mode is known once the warehouse is.
    check_sellable([listings[code].sku for code in wanted], allocated.mode)
    purchase = Purchase(brand=request.brand, customer=customer, goods_value=quote.goods_value,
                        tax_total=quote.tax_total, actual_paid=quote.actual_paid, idempotency_key=key,
                        request_digest=digest, placed_at=now)
    order = Order(
        brand=request.brand, customer=customer, seller_id=seller_id, status=Status.PENDING_PAYMENT,
        mode=allocated.mode, warehouse_id=allocated.warehouse_id, regime=quote.regime, goods_value=quote.goods_value,
        freight=quote.freight, insurance=quote.insurance, discount=quote.discount,
        dutiable_value=quote.dutiable_value, tax_total=quote.tax_total, actual_paid=quote.actual_paid,
        buyer_name=identity.real_name, buyer_id_number=identity.id_number, buyer_id_masked=identity.id_masked,
        buyer_id_hash=identity.id_hash, consignee=consignee.name, consignee_phone=consignee.phone,
        consignee_phone_masked=id_rules.mask_phone(consignee.phone), consignee_address=consignee.address(),
        consignee_address_masked=id_rules.mask_address(consignee.province, consignee.city, consignee.district),
        consignee_district=consignee.district_code, risk_notice_accepted_at=now,
        risk_notice_digest=hashlib.sha256(request.brand.risk_notice.encode()).hexdigest(),
        idempotency_key=key, request_digest=digest, placed_at=now,
        expires_at=now + timedelta(minutes=settings.UNPAID_ORDER_TTL_MINUTES))
    _insert_numbered(order, now, purchase)
    taxes = {line.sku: line for line in quote.lines}
    lines = []
    for gnum, code in enumerate(wanted, start=1):
        listing, line_tax = listings[code], taxes[code]
        lines.append(OrderLine(
            order=order, gnum=gnum, listing=listing, sku=listing.sku, merchant=listing.merchant,
            title=listing.sku.title, quantity=wanted[code], unit_price=listing.price,
            goods_value=line_tax.goods_value, freight_share=line_tax.freight_share,
            insurance_share=line_tax.insurance_share, dutiable_value=line_tax.dutiable_value,
            duty=line_tax.duty, consumption_tax=line_tax.consumption_tax, vat=line_tax.vat))
    prebuilt.insert(lines)
    line_by_sku = {line.sku_id: line for line in lines}
    inventory.record([(line_by_sku[h.sku_id].id, h) for h in allocated.held])
    event = OrderEvent(order=order, event="place", from_status="", to_status=Status.PENDING_PAYMENT, actor="customer")
    prebuilt.insert([event])
    # What the response needs is in hand: the API builds it from these instead of reading them back.
    order.placed_lines, order.placed_events = lines, [event]
    order.warehouse_code = allocated.warehouse_code
    return order


# The state-machine events other apps hear of (haitao.common.domain_events); customs' own moves are
# published by declarations, which knows why they happened.
PUBLISHED = {"pay": ev.OrderPaid, "cancel": ev.OrderCancelled, "expire": ev.OrderExpired, "ship": ev.OrderShipped,
             "deliver": ev.OrderDelivered, "refund": ev.OrderRefunded}


def transition(order: Order, event: str, actor: str, note: str = "") -> Order:
    """Move the order along one event of the state machine. Concurrency-safe: the UPDATE only
    succeeds from the status we read, so two workers cannot both apply the same event. Publishes the
    matching domain event (its in-transaction handlers run inside this call)."""
    to_status = next_status(order.status, event)
    moved = Order.objects.filter(pk=order.pk, status=order.status).update(status=to_status)
    if moved != 1:
        order.refresh_from_db(fields=["status"])
        raise IllegalTransition(order.status, event)
    OrderEvent.objects.create(order=order, event=event, from_status=order.status, to_status=to_status,
                              actor=actor, note=note[:300])
    order.status = to_status
    if event in PUBLISHED:
        events.publish(PUBLISHED[event](order_id=order.pk, number=order.number))
    return order


def mark_paid(order: Order, paid_at, actor: str, note: str = "") -> Order:
    """A verified payment by the orderer: record when it was paid, commit the quota reservation and
    move the order to ``paid`` (publishing OrderPaid: customs declares it in this transaction)."""
    order.paid_at = paid_at
    order.save(update_fields=["paid_at"])
    entry = getattr(order, "quota_entry", None)
    if entry is not None:
        quota_ledger.commit(entry)
    return transition(order, "pay", actor, note)


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
