"""What the payments app tells other apps (see haitao.common.events). Consumers subscribe; payments
imports none of them."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PaymentSucceeded:
    """A verified payment by the orderer was applied: the order is now paid."""

    order_id: int
    payment_id: int
    amount: Decimal
    provider: str


@dataclass(frozen=True)
class PaymentRefunded:
    """A refund settled with the provider (the money is on its way back to the buyer)."""

    order_id: int
    refund_id: int
    amount: Decimal
    reason: str
    key: str
