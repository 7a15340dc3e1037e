"""How customs reacts to other apps' events (registered in DeclarationsConfig.ready)."""

from haitao.common import domain_events as ev
from haitao.common.events import subscribe
from haitao.orders.models import Order

from . import services


@subscribe(ev.OrderPaid, in_transaction=True)
def declare_paid_order(event: ev.OrderPaid) -> None:
    """The transactional outbox: CEB311/411/511 and their outbox rows commit or roll back with the
    payment (never raises for bad data: an undeclarable order stays paid with a build_failed row)."""
    services.on_order_paid(Order.objects.get(pk=event.order_id))
