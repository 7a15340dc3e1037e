"""Demo orders that took the way back (rule 12), through the real services and the local customs:
one cancelled after its inventory list was declared (CEB623 → CEB624), one partly returned after
release (CEB625 → CEB626, goods received, refunded). Each step is guarded by where the order is, so
a second load changes nothing."""

from dataclasses import replace

from haitao.orders.models import Order
from haitao.orders.states import Status

CANCELLED_AFTER_DECLARATION = "cancelled_after_declaration"
RETURNED = "returned"
WAY_BACK = (CANCELLED_AFTER_DECLARATION, RETURNED)


def _customs_pass(hold: Order | None = None) -> None:
    """Outbox → local customs (``hold``: its list is accepted, not released) → receipts → carrier."""
    from haitao.declarations import config, outbox, receipts
    from haitao.declarations import services as declarations
    from haitao.declarations.worker import default_simulator_config, run_simulator

    sim = default_simulator_config()
    if hold is not None:
        sim = replace(sim, hold_order_nos={hold.number})
    declarations.declare_pending()
    outbox.deliver_due()
    run_simulator(config.outbox_dir(), config.inbox_dir(), sim, config.simulator_state_file())
    receipts.process_inbox()
    if hold is None:
        declarations.advance_shipments()


def _until(order: Order, statuses: set[str], hold: Order | None = None, passes: int = 8) -> None:
    for _ in range(passes):
        order.refresh_from_db()
        if order.status in statuses:
            return
        _customs_pass(hold)
    raise RuntimeError(f"demo order {order.number} stuck in {order.status}")


def cancel_after_declaration(order: Order) -> None:
    from haitao.returns import services as returns

    if order.status in (Status.PAID, Status.DECLARED):
        _until(order, {Status.CUSTOMS_ACCEPTED}, hold=order)
    if order.status == Status.CUSTOMS_ACCEPTED:
        returns.cancel_order(order, "customer", "买家改变主意（放行前撤单）")
    if order.status != Status.CANCELLED:
        _until(order, {Status.CANCELLED}, hold=order)


def return_one_unit(order: Order) -> None:
    from haitao.returns import services as returns
    from haitao.returns.models import ReturnRequest

    if order.status in (Status.PAID, Status.DECLARED, Status.CUSTOMS_ACCEPTED, Status.RELEASED, Status.SHIPPED):
        _until(order, {Status.DELIVERED})
    if order.status == Status.DELIVERED:
        returns.request_return(order.customer, order, {1: 1}, "多买了一罐，未开封")
    request = ReturnRequest.objects.filter(order=order).first()
    if request is None:
        return
    if request.status == ReturnRequest.Status.REQUESTED:
        request = returns.approve(request, "operator:demo")
    for _ in range(4):  # the CEB625 out, the CEB626 back
        request.refresh_from_db()
        if request.customs_accepted_at or request.status != ReturnRequest.Status.DECLARED:
            break
        _customs_pass()
    if request.status == ReturnRequest.Status.DECLARED and not request.received_at:
        returns.receive(request, "operator:demo", {1: "sellable"})
