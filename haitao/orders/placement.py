"""Placement: a purchase and its customs orders, in one transaction (docs/marketplace.md).

Everything that can be checked without writing is checked first (input, identity, the split and each
sub-order's quote and limits); then one transaction allocates each sub-order's stock from its seller's
rows, writes the purchase, its orders, lines and allocations, and reserves the quota of every order
(their sum is judged by the ledger's conditional reserves, all or none), so either the whole purchase
stands or nothing does. Idempotent on (customer, Idempotency-Key) for the whole purchase.
"""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from haitao.accounts.services import add_address, check_identity, ensure_identity, id_number_bound
from haitao.checkout import services as carts
from haitao.common import events, prebuilt
from haitao.common import domain_events as ev
from haitao.common.errors import Conflict, DomainError, InvalidInput
from haitao.compliance import quota as quota_ledger
from haitao.compliance.services import check_sellable
from haitao.inventory import services as inventory
from haitao.rules import identity as id_rules
from haitao.rules.quota import quota_year
from haitao.rules.tax import LimitExceeded

from . import numbers
from .models import Order, OrderEvent, OrderLine, Purchase
from .plan import Plan, plan
from .request import PlaceOrder, _check_consignee, _digest, _listings, _merge_items, _refusal
from .states import Status

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
                raise  # not the number (a replayed Idempotency-Key): place_purchase answers it


def place_order(customer, request: PlaceOrder, now=None) -> tuple[Order, bool]:
    """Place the purchase; returns (its first order, created), the purchase at ``order.purchase`` with
    all its orders at ``purchase.placed_orders``. Kept for callers that think in one order."""
    purchase, created = place_purchase(customer, request, now)
    return purchase.placed_orders[0], created


def place_purchase(customer, request: PlaceOrder, now=None) -> tuple[Purchase, bool]:
    """Place the purchase; returns (purchase, created). A replayed Idempotency-Key returns the first one.

    The happy path is kept to the statements that must run (listing read, stock read, per sub-order:
    stock take, order, lines, allocations, audit event, quota reserve and entry): the annual quota is
    decided by the ledger's conditional reserve rather than a read before it, and a replayed key is
    recognised by the unique constraint rather than a lookup on every purchase.
    """
    now = now or timezone.now()
    key = (request.idempotency_key or "").strip()
    if len(key) > 80:
        raise InvalidInput("invalid_idempotency_key", "Idempotency-Key is at most 80 characters.",
                           field="Idempotency-Key")
    digest = _digest(request)
    try:
        purchase = _place(customer, request, key, digest, now)
    except (DomainError, IntegrityError):
        if key:  # a replay (or the same key racing us): the first purchase is the answer
            existing = Purchase.objects.filter(customer=customer, idempotency_key=key).first()
            if existing is not None:
                return _replay(existing, digest), False
        raise
    if request.cart is not None:
        carts.remove_ordered(request.cart, [code for code, _ in request.items])
    return purchase, True


def _place(customer, request: PlaceOrder, key: str, digest: str, now) -> Purchase:
    if request.risk_notice_accepted is not True:
        raise InvalidInput("risk_notice_not_accepted", "Accept the cross-border risk notice to place the order.",
                           field="risk_notice_accepted")
    wanted = _merge_items(request.items)
    consignee = _check_consignee(request.consignee)
    check_identity(request.buyer_name, request.buyer_id_number)
    listings = _listings(request.brand, wanted, now)
    identity = ensure_identity(customer, request.buyer_name, request.buyer_id_number, save=False)
    year, today = quota_year(now), timezone.localdate(now)
    try:
        the_plan = plan(request.brand, listings, wanted, Decimal("0.00"), today)
    except LimitExceeded:  # the annual refusal outranks the single one: judge again with the real usage
        raise _refusal_with_usage(request.brand, listings, wanted, identity, year, today) from None
    new_identity = identity.pk is None
    try:
        with transaction.atomic():
            if new_identity:  # the first order records the buyer, in the order's transaction
                _record_identity(identity)
            purchase = _write(customer, request, consignee, identity, listings, wanted, the_plan, key, digest, now)
            for extra, (order, planned) in enumerate(zip(purchase.placed_orders, the_plan.orders)):
                # The unpaid cap is judged when the purchase starts: its own further sub-orders pass it.
                quota_ledger.reserve(order, identity.id_hash, year, planned.quote.quota_value,
                                     planned.quote.annual_limit, max_unpaid=max_unpaid_orders() + extra)
            # After the reserve: it holds the person's quota row until commit, so concurrent orders of
            # one buyer count each other here, exactly.
            _check_per_buyer_limits(identity.id_hash, listings, wanted, now)
            for order in purchase.placed_orders:
                events.publish(ev.OrderPlaced(order_id=order.pk, number=order.number))
    except BaseException as exc:
        if new_identity:  # rolled back with the order: a refused order records nobody
            identity.pk, identity._state.adding = None, True
        if isinstance(exc, quota_ledger.QuotaExhausted):
            raise _refusal_with_usage(request.brand, listings, wanted, identity, year, today, fallback=exc) from None
        raise
    if request.save_address and not customer.addresses.exists():
        add_address(customer, consignee=consignee.name, phone=consignee.phone, province=consignee.province,
                    city=consignee.city, district=consignee.district, detail=consignee.detail,
                    district_code=consignee.district_code, is_default=True)
    return purchase


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
    by the quota ledger's reserve (per ID number, in its one statement) when a purchase starts; the
    ledger counts customs orders, so a purchase split three ways then holds three. It is also the per-account cap: an account buys as its one
    identity, and only the ID number's owner account may order with it."""
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


def _refusal_with_usage(brand, listings, wanted, identity, year, today, fallback=None) -> DomainError:
    try:
        plan(brand, listings, wanted, quota_ledger.used(identity.id_hash, year), today)
    except LimitExceeded as exc:
        return _refusal(exc)
    return fallback or Conflict("quota_changed", "Your quota changed while ordering; please try again.")


def _replay(purchase: Purchase, digest: str) -> Purchase:
    if purchase.request_digest and purchase.request_digest != digest:
        raise Conflict("idempotency_key_reused", "This Idempotency-Key was used for a different order.",
                       field="Idempotency-Key", order=purchase.number)
    purchase.placed_orders = list(purchase.orders.order_by("id"))
    return purchase


def _write(customer, request, consignee, identity, listings, wanted, the_plan: Plan, key, digest, now) -> Purchase:
    purchase = Purchase(brand=request.brand, customer=customer, goods_value=the_plan.goods_value,
                        tax_total=the_plan.tax_total, actual_paid=the_plan.actual_paid, idempotency_key=key,
                        request_digest=digest, placed_at=now)
    purchase.placed_orders = []
    for index, planned in enumerate(the_plan.orders, start=1):
        held = inventory.allocate_at(planned.seller.pk, planned.warehouse_id,
                                     {listings[code].sku_id: wanted[code] for code in planned.codes})
        # The positive list's remarks may allow one mode only; the mode is known once the warehouse is.
        check_sellable([listings[code].sku for code in planned.codes], planned.mode)
        quote = planned.quote
        order = Order(
            brand=request.brand, customer=customer, seller=planned.seller, status=Status.PENDING_PAYMENT,
            mode=planned.mode, warehouse_id=planned.warehouse_id, regime=quote.regime,
            goods_value=quote.goods_value, freight=quote.freight, insurance=quote.insurance,
            discount=quote.discount, dutiable_value=quote.dutiable_value, tax_total=quote.tax_total,
            actual_paid=quote.actual_paid, buyer_name=identity.real_name, buyer_id_number=identity.id_number,
            buyer_id_masked=identity.id_masked, buyer_id_hash=identity.id_hash, consignee=consignee.name,
            consignee_phone=consignee.phone, consignee_phone_masked=id_rules.mask_phone(consignee.phone),
            consignee_address=consignee.address(),
            consignee_address_masked=id_rules.mask_address(consignee.province, consignee.city, consignee.district),
            consignee_district=consignee.district_code, risk_notice_accepted_at=now,
            risk_notice_digest=hashlib.sha256(request.brand.risk_notice.encode()).hexdigest(),
            idempotency_key=key if index == 1 or not key else f"{key}#{index}", request_digest=digest,
            placed_at=now, expires_at=now + timedelta(minutes=settings.UNPAID_ORDER_TTL_MINUTES))
        if index == 1:
            _insert_numbered(order, now, purchase)
        else:
            order.purchase = purchase
            _insert_numbered(order, now)
        _write_lines(order, listings, wanted, planned, held)
        purchase.placed_orders.append(order)
    return purchase


def _write_lines(order: Order, listings, wanted, planned, held) -> None:
    taxes = {line.sku: line for line in planned.quote.lines}
    lines = []
    for gnum, code in enumerate(planned.codes, start=1):
        listing, line_tax = listings[code], taxes[code]
        lines.append(OrderLine(
            order=order, gnum=gnum, listing=listing, sku=listing.sku, merchant=listing.merchant,
            title=listing.sku.title, quantity=wanted[code], unit_price=listing.price,
            goods_value=line_tax.goods_value, freight_share=line_tax.freight_share,
            insurance_share=line_tax.insurance_share, dutiable_value=line_tax.dutiable_value,
            duty=line_tax.duty, consumption_tax=line_tax.consumption_tax, vat=line_tax.vat))
    prebuilt.insert(lines)
    line_by_sku = {line.sku_id: line for line in lines}
    inventory.record([(line_by_sku[h.sku_id].id, h) for h in held])
    event = OrderEvent(order=order, event="place", from_status="", to_status=Status.PENDING_PAYMENT, actor="customer")
    prebuilt.insert([event])
    # What the response needs is in hand: the API builds it from these instead of reading them back.
    order.placed_lines, order.placed_events = lines, [event]
