"""How payments reacts to other apps' events (registered in PaymentsConfig.ready)."""

from haitao.common import domain_events as ev
from haitao.common.events import subscribe

from . import services
from .models import Payment


@subscribe(ev.CustomsRejected, in_transaction=True)
def refund_rejected_order(event: ev.CustomsRejected) -> None:
    """Customs refused the parcel: the buyer gets back all that is left of this order's part of the
    payment (a purchase's other orders go on), in the rejection's transaction (a redelivered rejection
    finds the same key and refunds nothing twice)."""
    from django.db.models import Q

    from haitao.orders.models import Order

    order = Order.objects.get(pk=event.order_id)
    paid_for = Q(order_id=order.pk) | Q(purchase_id=order.purchase_id) if order.purchase_id else Q(order_id=order.pk)
    payment = Payment.objects.filter(paid_for, status=Payment.Status.SUCCEEDED).first()
    if payment is None:
        return
    rest = services.order_refundable(order, payment)
    if rest > 0:
        services.refund(order, rest, f"customs rejection {event.code}", key="customs-rejection")
