"""How orders reacts to other apps' events (registered in OrdersConfig.ready)."""

from haitao.common import domain_events as ev
from haitao.common.events import subscribe
from haitao.orders.states import TRANSITIONS, IllegalTransition

from . import services
from .models import Order


@subscribe(ev.CustomsRejected, in_transaction=True)
def give_back_holds_of_rejected_order(event: ev.CustomsRejected) -> None:
    """A parcel customs refused never ships: its stock goes back to sellable and its quota is released,
    in the rejection's transaction (rule 6)."""
    services.release_holds(Order.objects.get(pk=event.order_id))


@subscribe(ev.PaymentRefunded, in_transaction=True)
def mark_refunded(event: ev.PaymentRefunded) -> None:
    """An order whose payment was given back in full reads ``refunded`` — where the state machine allows
    it (a refused or a paid, undeclared order); a partial refund changes no status."""
    if not event.in_full:
        return
    order = Order.objects.select_for_update().get(pk=event.order_id)
    if order.status in TRANSITIONS["refund"]:
        try:
            services.transition(order, "refund", "system:payments", f"{event.reason}: refunded")
        except IllegalTransition:  # moved meanwhile; the status it reached says what happened
            pass
