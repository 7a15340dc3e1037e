"""The order state machine: every state change is a named event; anything else is an error.

Plain Python so the rules can be read and tested without a database.
"""

from django.utils.translation import gettext_lazy as _


class Status:
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    DECLARED = "declared"
    CUSTOMS_ACCEPTED = "customs_accepted"
    RELEASED = "released"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    CUSTOMS_REJECTED = "customs_rejected"
    REFUNDED = "refunded"
    RETURN_REQUESTED = "return_requested"
    RETURNED = "returned"
    CANCEL_REQUESTED = "cancel_requested"

    CHOICES = [
        (PENDING_PAYMENT, _("Awaiting payment")),
        (PAID, _("Paid")),
        (DECLARED, _("Declared to customs")),
        (CUSTOMS_ACCEPTED, _("Accepted by customs")),
        (RELEASED, _("Released by customs")),
        (SHIPPED, _("Shipped")),
        (DELIVERED, _("Delivered")),
        (CANCELLED, _("Cancelled")),
        (EXPIRED, _("Expired unpaid")),
        (CUSTOMS_REJECTED, _("Rejected by customs")),
        (REFUNDED, _("Refunded")),
        (RETURN_REQUESTED, _("Return requested")),
        (RETURNED, _("Returned")),
        (CANCEL_REQUESTED, _("Cancellation sent to customs")),
    ]

    # Orders in these states hold stock and quota that must eventually be released or consumed.
    OPEN = {PENDING_PAYMENT, PAID, DECLARED, CUSTOMS_ACCEPTED, CANCEL_REQUESTED, RELEASED, SHIPPED}
    # Orders that count toward the buyer's annual CBEC quota once paid.
    COUNTING = {PAID, DECLARED, CUSTOMS_ACCEPTED, CANCEL_REQUESTED, RELEASED, SHIPPED, DELIVERED, RETURN_REQUESTED}
    # Customs has released the goods: the way back is a return (CEB625), no longer a cancellation.
    RELEASED_ONWARD = {RELEASED, SHIPPED, DELIVERED, RETURN_REQUESTED, RETURNED}


# event -> {from_status: to_status}
# Cancellation (rule 12): before the inventory list is declared an order cancels at once ("cancel");
# after, a CEB623 goes out ("request_cancel") and its receipt decides ("cancel_confirmed" or
# "cancel_refused"). A release receipt reaching a pending cancellation wins ("release" from
# cancel_requested): customs released the goods first, so the way back is a return.
TRANSITIONS: dict[str, dict[str, str]] = {
    "pay": {Status.PENDING_PAYMENT: Status.PAID},
    "cancel": {Status.PENDING_PAYMENT: Status.CANCELLED, Status.PAID: Status.CANCELLED,
               Status.DECLARED: Status.CANCELLED},
    "request_cancel": {Status.DECLARED: Status.CANCEL_REQUESTED, Status.CUSTOMS_ACCEPTED: Status.CANCEL_REQUESTED},
    "cancel_confirmed": {Status.CANCEL_REQUESTED: Status.CANCELLED},
    "cancel_refused": {Status.CANCEL_REQUESTED: Status.CUSTOMS_ACCEPTED},
    "expire": {Status.PENDING_PAYMENT: Status.EXPIRED},
    "declare": {Status.PAID: Status.DECLARED},
    "customs_accept": {Status.DECLARED: Status.CUSTOMS_ACCEPTED},
    "release": {Status.DECLARED: Status.RELEASED, Status.CUSTOMS_ACCEPTED: Status.RELEASED,
                Status.CANCEL_REQUESTED: Status.RELEASED},
    "customs_reject": {Status.DECLARED: Status.CUSTOMS_REJECTED, Status.CUSTOMS_ACCEPTED: Status.CUSTOMS_REJECTED,
                       Status.CANCEL_REQUESTED: Status.CUSTOMS_REJECTED},
    "refund": {Status.CUSTOMS_REJECTED: Status.REFUNDED, Status.PAID: Status.REFUNDED},
    "ship": {Status.RELEASED: Status.SHIPPED},
    "deliver": {Status.SHIPPED: Status.DELIVERED},
    "request_return": {Status.RELEASED: Status.RETURN_REQUESTED, Status.SHIPPED: Status.RETURN_REQUESTED,
                       Status.DELIVERED: Status.RETURN_REQUESTED},
    "complete_return": {Status.RETURN_REQUESTED: Status.RETURNED},
    "close_return": {Status.RETURN_REQUESTED: Status.DELIVERED},  # refused or lapsed: the buyer keeps the goods
}


class IllegalTransition(Exception):
    def __init__(self, status: str, event: str):
        self.status, self.event = status, event
        super().__init__(f"an order in status '{status}' cannot '{event}'")


def next_status(status: str, event: str) -> str:
    try:
        return TRANSITIONS[event][status]
    except KeyError:
        raise IllegalTransition(status, event) from None


def allowed_events(status: str) -> list[str]:
    return [event for event, moves in TRANSITIONS.items() if status in moves]
