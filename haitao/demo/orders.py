"""Past demo orders, placed, paid and moved along the state machine by the real services.

Each demo order has a fixed Idempotency-Key ("demo-order-01" …), so placing it again returns the
order already there. The order is then advanced from wherever it is to the status the demo wants,
one event at a time, so a load that stopped half-way is completed by the next one and a finished
load changes nothing. The services stamp payments and events with the wall clock; the demo moves
those timestamps back to the order's own (past) timeline so the history reads naturally.

Paying runs the payment service's own follow-up (it may declare the order to customs at once), so an
order is advanced until it reaches its demo status *or passes it*. The later steps (customs
acceptance, release, shipping, delivery) are applied with `orders.services.transition`, shipping
also consuming the order's stock allocations.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from haitao.accounts.models import Identity
from haitao.brands.models import Brand
from haitao.inventory import services as inventory
from haitao.inventory.models import Allocation
from haitao.orders import services as orders
from haitao.orders.models import Order, OrderEvent
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.payments.models import Payment, PaymentCallback
from haitao.payments.providers import SandboxProvider

from . import reference
from .people import customers_by_email

# status -> (event that leaves it on the way to delivery, actor, note, time after placement)
FORWARD = {
    Status.PAID: ("declare", "system", "CEB311 order, CEB411 payment and CEB511 waybill declared",
                  timedelta(minutes=12)),
    Status.DECLARED: ("customs_accept", "system", "CEB622 receipt: accepted (120)", timedelta(minutes=40)),
    Status.CUSTOMS_ACCEPTED: ("release", "system", "CEB622 receipt: released (800)", timedelta(hours=5)),
    Status.RELEASED: ("ship", "operator:demo", "handed to the carrier", timedelta(hours=20)),
    Status.SHIPPED: ("deliver", "system", "carrier tracking: signed for by the consignee", timedelta(days=3)),
}
PAID_AFTER = timedelta(minutes=3)
ORDER_OF_STATUS = [Status.PENDING_PAYMENT, Status.PAID, Status.DECLARED, Status.CUSTOMS_ACCEPTED, Status.RELEASED,
                   Status.SHIPPED, Status.DELIVERED]


def load_orders(now=None, log=print) -> int:
    now = now or timezone.now()
    brands = {b.code: b for b in Brand.objects.all()}
    customers = customers_by_email()
    created = 0
    for index, spec in enumerate(reference.ORDERS):
        placed_at = _placed_at(now, spec["days_ago"], index)
        with transaction.atomic():
            order, was_created = _place(customers[spec["email"]], brands[spec["brand"]], spec, placed_at)
            _advance(order, spec["status"], min(now, placed_at + timedelta(days=max(spec["days_ago"], 1))))
        created += was_created
        if was_created:
            log(f"  order {spec['key']} {order.number} {order.brand.code} ¥{order.actual_paid} → {order.status}")
    return created


def _placed_at(now, days_ago: int, index: int):
    """A time of day between 09:00 and 22:00 (Shanghai), `days_ago` days back; a few minutes ago for 0."""
    if days_ago == 0:
        return now - timedelta(minutes=5)
    day = timezone.localtime(now) - timedelta(days=days_ago)
    return day.replace(hour=9 + (index * 5) % 13, minute=(index * 17) % 60, second=0, microsecond=0)


def _place(customer, brand, spec, placed_at) -> tuple[Order, bool]:
    identity: Identity = customer.identity
    address = customer.addresses.order_by("-is_default", "id").first()
    consignee = orders.Consignee(name=address.consignee, phone=address.phone, province=address.province,
                                 city=address.city, district=address.district, detail=address.detail,
                                 district_code=address.district_code)
    request = orders.PlaceOrder(brand=brand, items=list(spec["items"]), consignee=consignee,
                                buyer_name=identity.real_name, buyer_id_number=identity.id_number,
                                risk_notice_accepted=True, idempotency_key=spec["key"])
    order, created = orders.place_order(customer, request, now=placed_at)
    if created:
        _stamp_events_after(order, 0, placed_at)
    return order, created


def _advance(order: Order, target: str, latest) -> None:
    """Apply events until the order is in `target` or past it (or cannot get there from where it is)."""
    if target == Status.CANCELLED:
        if order.status == Status.PENDING_PAYMENT:
            mark = _last_event_id(order)
            orders.cancel(order, "customer", "changed my mind")
            _stamp_events_after(order, mark, order.placed_at + timedelta(minutes=8))
        return
    if target not in ORDER_OF_STATUS or order.status not in ORDER_OF_STATUS:
        return  # e.g. expired or cancelled meanwhile: leave it as history
    while ORDER_OF_STATUS.index(order.status) < ORDER_OF_STATUS.index(target):
        mark = _last_event_id(order)
        if order.status == Status.PENDING_PAYMENT:
            when = _pay(order)
        else:
            event, actor, note, after = FORWARD[order.status]
            if event == "ship":  # the parcel leaves the warehouse: its units leave the stock
                inventory.consume(list(Allocation.objects.filter(order_line__order=order)))
            orders.transition(order, event, actor, note)
            when = min(latest, order.placed_at + after)
        _stamp_events_after(order, mark, when)


def _pay(order: Order):
    """Pay through the sandbox provider exactly as its servers would call back; returns when it was paid.
    (The payment service may declare the order at once, so it can come back `declared`.)"""
    when = order.placed_at + PAID_AFTER
    payment = payments.start(order, "sandbox", now=when)
    body, signature = SandboxProvider().callback_for(payment)
    outcome = payments.handle_callback("sandbox", body, signature)
    if outcome != "paid":
        raise RuntimeError(f"demo order {order.number}: the sandbox payment came back '{outcome}'")
    Payment.objects.filter(pk=payment.pk).update(created_at=order.placed_at + timedelta(minutes=1), paid_at=when)
    PaymentCallback.objects.filter(payment=payment).update(received_at=when)
    Order.objects.filter(pk=order.pk).update(paid_at=when)
    order.refresh_from_db()
    return when


def _last_event_id(order: Order) -> int:
    last = OrderEvent.objects.filter(order=order).order_by("-id").values_list("id", flat=True).first()
    return last or 0


def _stamp_events_after(order: Order, event_id: int, when) -> None:
    """The audit events a step wrote carry the wall clock; put them at the step's time in the story."""
    OrderEvent.objects.filter(order=order, id__gt=event_id).update(created_at=when)
