"""Payment writes: start a payment, apply a provider's verified callback exactly once, and refund.

The public API other apps call: :func:`start`, :func:`handle_callback`, :func:`refund`,
:func:`settle_refund`. Other apps learn of payments through ``haitao.payments.events``."""

import secrets
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from haitao.common import events
from haitao.common.crypto import id_hash
from haitao.common.errors import Conflict, InvalidInput, NotFound
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status

from .events import PaymentRefunded, PaymentSucceeded
from .models import Payment, PaymentCallback, Refund
from .providers import provider


def start(order: Order, provider_code: str = "sandbox", now=None) -> Payment:
    """A pending payment for the order's full amount (the buyer pays acturalPaid, nothing else)."""
    now = now or timezone.now()
    if order.status == Status.PENDING_PAYMENT and order.expires_at and order.expires_at <= now:
        orders.expire_unpaid(now)
        order.refresh_from_db()
    if order.status != Status.PENDING_PAYMENT:
        code = "order_expired" if order.status == Status.EXPIRED else "order_not_payable"
        raise Conflict(code, f"Order {order.number} is {order.get_status_display().lower()} and cannot be paid.",
                       field="order")
    provider(provider_code)
    pending = order.payments.filter(status=Payment.Status.PENDING, provider=provider_code).first()
    if pending:
        return pending
    return Payment.objects.create(order=order, provider=provider_code, amount=order.actual_paid,
                                  reference="PAY" + secrets.token_hex(10).upper())


def handle_callback(provider_code: str, body: bytes, signature: str | None) -> str:
    """Verify and apply a callback. Returns the outcome; a repeated event returns 'duplicate' and
    changes nothing; a forged one raises before anything is read from it."""
    prov = provider(provider_code)
    payload = prov.verify(body, signature)
    try:
        amount = Decimal(payload["amount"])
    except InvalidOperation:
        raise InvalidInput("invalid_amount", "The callback amount is not a decimal.", field="amount") from None
    try:
        with transaction.atomic():
            payment = (Payment.objects.select_for_update().select_related("order")
                       .filter(reference=payload["reference"], provider=provider_code).first())
            if payment is None:
                raise InvalidInput("unknown_payment", "No payment with this reference.", field="reference")
            callback = PaymentCallback.objects.create(provider=provider_code, event_id=payload["event_id"],
                                                      payment=payment, outcome="received")
            outcome = _apply(payment, payload, amount)
            callback.outcome = outcome
            callback.save(update_fields=["outcome"])
            return outcome
    except IntegrityError:
        if PaymentCallback.objects.filter(provider=provider_code, event_id=payload["event_id"]).exists():
            return "duplicate"
        raise


def _apply(payment: Payment, payload: dict, amount: Decimal) -> str:
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    if payment.status != Payment.Status.PENDING:
        return f"already_{payment.status}"
    if payload["status"] != "succeeded":
        payment.status = Payment.Status.FAILED
        payment.save(update_fields=["status"])
        return "failed"
    if amount != payment.amount:
        raise InvalidInput("amount_mismatch", f"Paid {amount}, but the order is {payment.amount}.", field="amount")
    payer_hash = id_hash(payload.get("payer_id_number") or "")
    payment.transaction_id = payload["transaction_id"]
    payment.payer_name = payload.get("payer_name") or ""
    payment.payer_id_hash = payer_hash
    payment.paid_at = timezone.now()
    # Rule 7: the payer must be the orderer; a payment by anyone else is returned, never applied.
    payer_is_orderer = payment.payer_name == order.buyer_name and payer_hash == order.buyer_id_hash
    if not payer_is_orderer or order.status != Status.PENDING_PAYMENT:
        payment.status = Payment.Status.REFUNDED
        payment.refunded_at = timezone.now()
        payment.save()
        return "refunded_payer_mismatch" if not payer_is_orderer else "refunded_order_not_payable"
    payment.status = Payment.Status.SUCCEEDED
    payment.save()
    # OrderPaid's in-transaction handler (customs) writes the declarations and their outbox rows here.
    orders.mark_paid(order, payment.paid_at, f"provider:{payment.provider}", f"payment {payment.reference}")
    events.publish(PaymentSucceeded(order_id=order.pk, payment_id=payment.pk, amount=payment.amount,
                                    provider=payment.provider))
    return "paid"


def restamp_history(payment: Payment, created_at, paid_at) -> None:
    """For data that tells a past story (the demo): the payment and its callbacks at their story's
    times instead of the wall clock the services stamped."""
    Payment.objects.filter(pk=payment.pk).update(created_at=created_at, paid_at=paid_at)
    PaymentCallback.objects.filter(payment=payment).update(received_at=paid_at)


# --- refunds ----------------------------------------------------------------------------------


def _refund_amount(amount) -> Decimal:
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise InvalidInput("invalid_amount", "A refund amount is a Decimal in yuan.", field="amount")
    amount = Decimal(amount)
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput("invalid_amount", "A refund is a positive amount in whole fen.", field="amount")
    return amount.quantize(Decimal("0.01"))


def refund(order: Order, amount: Decimal, reason: str, key: str, now=None) -> Refund:
    """Refund ``amount`` of the order's succeeded payment through its provider.

    Idempotent on ``key`` (unique per order): the same key returns the first refund, and the same key
    with a different amount is refused. Refunds of one payment are serialised by a row lock on it, so
    together they never exceed what was paid. A refund the provider settles at once publishes
    :class:`~haitao.payments.events.PaymentRefunded` (in-transaction handlers run inside this call);
    once all of it is given back the payment reads ``refunded``. A provider that raises leaves nothing
    behind: the refund row rolls back with it."""
    amount = _refund_amount(amount)
    key = (key or "").strip()
    if not key or len(key) > 80:
        raise InvalidInput("invalid_refund_key", "A refund needs a key of at most 80 characters.", field="key")
    reason = (reason or "").strip()[:200]
    now = now or timezone.now()
    with transaction.atomic():
        payment = (Payment.objects.select_for_update()
                   .filter(order_id=order.pk, status=Payment.Status.SUCCEEDED)
                   .order_by("paid_at", "pk").first())
        existing = Refund.objects.filter(order_id=order.pk, key=key).first()
        if existing is not None:
            if existing.amount != amount:
                raise Conflict("refund_key_reused", "This refund key was used for a different amount.", field="key")
            return existing
        if payment is None:
            raise Conflict("not_refundable", f"Order {order.number} has no paid amount left to refund.",
                           field="order")
        rest = refundable(payment)
        if amount > rest:
            raise Conflict("refund_exceeds_payment", f"At most {rest} of this payment is left to refund.",
                           field="amount")
        row = Refund.objects.create(order_id=order.pk, payment=payment, amount=amount, reason=reason, key=key,
                                    reference="RFD" + secrets.token_hex(10).upper())
        answer = provider(payment.provider).refund(payment, amount, row.reference)
        row.provider_reference = answer.reference
        row.save(update_fields=["provider_reference"])
        in_full = amount == rest
        if in_full:
            payment.status, payment.refunded_at = Payment.Status.REFUNDED, now
            payment.save(update_fields=["status", "refunded_at"])
        if answer.settled:
            _settled(row, now, in_full)
    return row


def refundable(payment: Payment) -> Decimal:
    """What is left of ``payment`` to refund (pending refunds count as given)."""
    given = sum((r.amount for r in payment.refunds.all()), Decimal("0.00"))
    return payment.amount - given


def settle_refund(refund_id: int, provider_reference: str = "", now=None) -> Refund:
    """A provider's confirmation of a pending refund (its refund notice). Settling twice changes nothing."""
    with transaction.atomic():
        row = Refund.objects.select_for_update().filter(pk=refund_id).first()
        if row is None:
            raise NotFound("unknown_refund", "No such refund.", field="refund")
        if row.status == Refund.Status.PENDING:
            if provider_reference:
                row.provider_reference = provider_reference[:80]
            _settled(row, now or timezone.now(), row.payment.status == Payment.Status.REFUNDED)
    return row


def _settled(row: Refund, now, in_full: bool) -> None:
    row.status, row.settled_at = Refund.Status.SUCCEEDED, now
    row.save(update_fields=["status", "settled_at", "provider_reference"])
    events.publish(PaymentRefunded(order_id=row.order_id, refund_id=row.pk, amount=row.amount, reason=row.reason,
                                   key=row.key, in_full=in_full))
