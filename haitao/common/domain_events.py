"""Every domain event of haitao, in one place (Cosmic Python's ``domain/events.py``).

The events are plain frozen dataclasses that import nothing of haitao, so that any app can subscribe
to any other's events without an import cycle: customs (``declarations``) depends on ``orders`` and
``payments``, yet those two react to a customs rejection; ``orders`` reacts to a refund of
``payments``, which depends on ``orders``. An event is published by the one app named in its
section (through :func:`haitao.common.events.publish`); the table of producers, handlers and their
mode is in docs/architecture.md. Ids, not model instances: a handler that runs after the commit
reads the rows it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class OrderEvent:
    """Something happened to one order. Subclasses add no fields unless they say so."""

    order_id: int
    number: str


# --- orders (haitao.orders.services) -------------------------------------------------------------


class OrderPlaced(OrderEvent):
    """A new order awaits payment (stock and quota held)."""


class OrderPaid(OrderEvent):
    """The order moved to ``paid`` (quota committed), inside the payment's transaction."""


class OrderCancelled(OrderEvent):
    """Cancelled before payment; its stock and quota are given back in the same transaction."""


class OrderExpired(OrderEvent):
    """Unpaid past its deadline; its stock and quota are given back in the same transaction."""


class OrderShipped(OrderEvent):
    """The parcel left the warehouse (stock consumed)."""


class OrderDelivered(OrderEvent):
    """The buyer signed for the parcel."""


class OrderRefunded(OrderEvent):
    """The order moved to ``refunded`` (its payment given back in full)."""


# --- payments (haitao.payments.services) ---------------------------------------------------------


@dataclass(frozen=True)
class PaymentSucceeded:
    """A verified payment by the orderer was applied: the order is paid."""

    order_id: int
    payment_id: int
    amount: Decimal
    provider: str


@dataclass(frozen=True)
class PaymentRefunded:
    """A refund settled with the provider. ``in_full``: nothing of the payment is left to refund."""

    order_id: int
    refund_id: int
    amount: Decimal
    reason: str
    key: str
    in_full: bool = False


# --- customs (haitao.declarations.services) ------------------------------------------------------


class OrderDeclared(OrderEvent):
    """CEB311/411/511 and their outbox rows are written (the outbox can be delivered once committed)."""


class CustomsAccepted(OrderEvent):
    """Customs accepted the inventory list (CEB622 120)."""


@dataclass(frozen=True)
class CustomsReleased(OrderEvent):
    """Customs released the parcel (CEB622 800)."""

    invt_no: str


@dataclass(frozen=True)
class CustomsRejected(OrderEvent):
    """Customs (or the exchange) refused one of the order's messages; the order is ``customs_rejected``.
    Reacting apps give back what the order holds: the payment (payments), stock and quota (orders)."""

    code: str
    reason: str


@dataclass(frozen=True)
class RequestAnswered:
    """Customs answered a cancellation (CEB623 → CEB624) or a return (CEB625 → CEB626) request; the
    returns app reacts (refund, quota, stock) in the receipt's transaction, the order row locked."""

    order_id: int
    message_type: str  # "CEB623" | "CEB625"
    accepted: bool
    code: str = ""
    info: str = ""
