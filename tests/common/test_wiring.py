"""The reactions between apps are wired as docs/architecture.md says: who handles which event, and how."""

from haitao.common import domain_events as ev
from haitao.common.events import handlers_of


def _wired(event_type):
    return {(h.__module__, h.__name__, in_tx) for h, in_tx in handlers_of(event_type)}


def test_the_payment_transaction_declares_the_order():
    assert ("haitao.declarations.handlers", "declare_paid_order", True) in _wired(ev.OrderPaid)
    assert ("haitao.tasks", "declare_soon", False) in _wired(ev.OrderPaid)  # the build, after the commit


def test_a_customs_rejection_refunds_and_gives_back_holds_in_its_transaction():
    assert _wired(ev.CustomsRejected) >= {("haitao.orders.handlers", "give_back_holds_of_rejected_order", True),
                                          ("haitao.payments.handlers", "refund_rejected_order", True)}


def test_a_full_refund_moves_the_order_and_a_declaration_triggers_delivery_after_commit():
    assert ("haitao.orders.handlers", "mark_refunded", True) in _wired(ev.PaymentRefunded)
    assert ("haitao.tasks", "deliver_soon", False) in _wired(ev.OrderDeclared)
