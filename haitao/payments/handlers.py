"""How payments reacts to other apps' events (registered in PaymentsConfig.ready)."""

from haitao.common import domain_events as ev
from haitao.common.events import subscribe

from . import services
from .models import Payment


@subscribe(ev.CustomsRejected, in_transaction=True)
def refund_rejected_order(event: ev.CustomsRejected) -> None:
    """Customs refused the parcel: the buyer gets back all that is left of the payment, in the
    rejection's transaction (a redelivered rejection finds the same key and refunds nothing twice)."""
    payment = Payment.objects.filter(order_id=event.order_id, status=Payment.Status.SUCCEEDED).first()
    if payment is None:
        return
    rest = services.refundable(payment)
    if rest > 0:
        services.refund(payment.order, rest, f"customs rejection {event.code}", key="customs-rejection")
