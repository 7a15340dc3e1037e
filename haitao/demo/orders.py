"""Past demo orders, placed, paid and moved along the state machine by the real services.

Each demo order has a fixed Idempotency-Key ("demo-order-01" …), so placing it again returns the
order already there. The order is then advanced from wherever it is to the status the demo wants,
one event at a time, so a load that stopped half-way is completed by the next one and a finished
load changes nothing. The services stamp payments and events with the wall clock; the demo moves
those timestamps back to the order's own (past) timeline so the history reads naturally.

Paying declares the order to customs (declarations reacts to OrderPaid); later statuses are reached
through the real customs path — outbox, the local customs simulator, receipts and the built-in
carrier — so every demo order has its declarations, receipts and shipment like a live one.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from haitao.accounts.models import Identity
from haitao.brands.models import Brand
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider

from . import reference, way_back
from .people import customers_by_email

PAID_AFTER = timedelta(minutes=3)
ORDER_OF_STATUS = [Status.PENDING_PAYMENT, Status.PAID, Status.DECLARED, Status.CUSTOMS_ACCEPTED, Status.RELEASED,
                   Status.SHIPPED, Status.DELIVERED]
# How long after placement each step of the story happened (events are restamped to these times).
STORY = {Status.DECLARED: timedelta(minutes=12), Status.CUSTOMS_ACCEPTED: timedelta(minutes=40),
         Status.RELEASED: timedelta(hours=5), Status.SHIPPED: timedelta(hours=20), Status.DELIVERED: timedelta(days=3)}
# Orders going furthest are paid and cleared first: each later group is paid after the earlier groups
# have gone through customs, so the customs passes that move them do not move the later ones too.
GROUPS = [Status.DELIVERED, Status.SHIPPED, Status.RELEASED, Status.DECLARED, Status.PAID]


def load_orders(now=None, log=print) -> int:
    now = now or timezone.now()
    brands = {b.code: b for b in Brand.objects.all()}
    customers = customers_by_email()
    placed: list[tuple[Order, dict]] = []
    created = 0
    for index, spec in enumerate(reference.ORDERS):
        placed_at = _placed_at(now, spec["days_ago"], index)
        with transaction.atomic():
            order, was_created = _place(customers[spec["email"]], brands[spec["brand"]], spec, placed_at)
            if spec["status"] == Status.CANCELLED and order.status == Status.PENDING_PAYMENT:
                orders.cancel(order, "customer", "changed my mind")
                _stamp_events_after(order, 0, order.placed_at + timedelta(minutes=8))
        created += was_created
        placed.append((order, spec))
    for group in GROUPS:
        members = [order for order, spec in placed if spec["status"] == group and _before(order, group)]
        for order in members:
            _pay(order)
        if members and ORDER_OF_STATUS.index(group) > ORDER_OF_STATUS.index(Status.DECLARED):
            _through_customs(members, group)
    for order, spec in placed:  # the way back: cancelled through customs, returned after release
        if spec["status"] in way_back.WAY_BACK:
            order.refresh_from_db()
            if order.status == Status.PENDING_PAYMENT:
                _pay(order)
            if spec["status"] == way_back.CANCELLED_AFTER_DECLARATION:
                way_back.cancel_after_declaration(order)
            else:
                way_back.return_one_unit(order)
    for order, spec in placed:
        order.refresh_from_db()
        if created:
            log(f"  order {spec['key']} {order.number} {order.brand.code} ¥{order.actual_paid} → {order.status}")
    return created


def _before(order: Order, target: str) -> bool:
    return order.status in ORDER_OF_STATUS and ORDER_OF_STATUS.index(order.status) < ORDER_OF_STATUS.index(target)


def _through_customs(members: list[Order], target: str, passes: int = 8) -> None:
    """Run the real customs path (outbox → local customs simulator → receipts → carrier) until every
    member reached `target`; parcels are only shipped when the target is past release."""
    from haitao.declarations import config, outbox, receipts
    from haitao.declarations import services as declarations
    from haitao.declarations.worker import default_simulator_config, run_simulator

    # A purchase's other customs orders travel with the first (one payment declared them all).
    members = list(Order.objects.filter(pk__in=[o.pk for o in members]) | Order.objects.filter(
        purchase_id__in=[o.purchase_id for o in members if o.purchase_id]))
    marks = {order.pk: orders.last_event_id(order) for order in members}
    ship = ORDER_OF_STATUS.index(target) > ORDER_OF_STATUS.index(Status.RELEASED)
    for _ in range(passes):
        statuses = dict(Order.objects.filter(pk__in=marks).values_list("pk", "status"))
        if all(s not in ORDER_OF_STATUS or ORDER_OF_STATUS.index(s) >= ORDER_OF_STATUS.index(target)
               for s in statuses.values()):
            break
        declarations.declare_pending()
        outbox.deliver_due()
        run_simulator(config.outbox_dir(), config.inbox_dir(), default_simulator_config(),
                      config.simulator_state_file())
        receipts.process_inbox()
        if ship:
            declarations.advance_shipments()
    for order in members:  # put the customs and carrier events on the order's own timeline
        orders.restamp_history(order, lambda status, placed=order.placed_at: placed + STORY.get(status, PAID_AFTER),
                               after_event_id=marks[order.pk])


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


def _pay(order: Order):
    """Pay through the sandbox provider exactly as its servers would call back; returns when it was paid.
    (Customs declares the order in the payment's transaction, so it can come back `declared`.)"""
    when = order.placed_at + PAID_AFTER
    payment = payments.start(order, "sandbox", now=when)
    body, signature = SandboxProvider().callback_for(payment)
    outcome = payments.handle_callback("sandbox", body, signature)
    if outcome != "paid":
        raise RuntimeError(f"demo order {order.number}: the sandbox payment came back '{outcome}'")
    payments.restamp_history(payment, created_at=order.placed_at + timedelta(minutes=1), paid_at=when)
    orders.restamp_history(order, paid_at=when)
    order.refresh_from_db()
    return when


def _stamp_events_after(order: Order, event_id: int, when) -> None:
    """The audit events a step wrote carry the wall clock; put them at the step's time in the story."""
    orders.restamp_history(order, when, after_event_id=event_id)
