"""How customs reacts to other apps' events (registered in DeclarationsConfig.ready)."""

from haitao.common import domain_events as ev
from haitao.common.events import subscribe

from . import services


@subscribe(ev.OrderPaid, in_transaction=True)
def declare_paid_order(event: ev.OrderPaid) -> None:
    """The transactional outbox: one "declare" row commits or rolls back with the payment; the worker
    builds, validates and signs CEB311/411/511 from it afterwards, outside the callback's transaction."""
    services.queue_declaration(event.order_id)
