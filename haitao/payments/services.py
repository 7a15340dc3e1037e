"""Payment writes: start a payment, and apply a provider's verified callback exactly once."""

import secrets
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from haitao.common.crypto import id_hash
from haitao.common.errors import Conflict, InvalidInput
from haitao.common.text import check_text
from haitao.compliance import quota as quota_ledger
from haitao.declarations import services as declarations
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status

from .models import Payment, PaymentCallback
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
    payload = _well_formed(prov.verify(body, signature))
    amount = _amount(payload["amount"])
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


# Longest value each callback field may hold: the column it is stored in (a longer one is not ours).
_MAX_LENGTHS = {"event_id": PaymentCallback._meta.get_field("event_id").max_length,
                "reference": Payment._meta.get_field("reference").max_length,
                "transaction_id": Payment._meta.get_field("transaction_id").max_length,
                "payer_name": Payment._meta.get_field("payer_name").max_length,
                "status": 20, "amount": 20, "payer_id_number": 30}


def _well_formed(payload) -> dict:
    """A signed body is still checked before use: a provider's bug (or a leaked key) must give a 400,
    never a 500 half-way through applying it."""
    if not isinstance(payload, dict):
        raise InvalidInput("malformed_callback", "The callback body is not a JSON object.")
    for name, longest in _MAX_LENGTHS.items():
        value = payload.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidInput("malformed_callback", f"The callback's '{name}' is not a string.", field=name)
        if len(value) > longest:
            raise InvalidInput("malformed_callback", f"The callback's '{name}' is longer than {longest}.", field=name)
        check_text(value, name)
    return payload


def _amount(text: str) -> Decimal:
    try:
        amount = Decimal(text)
        whole_fen = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))  # sNaN, NaN, 1E+999…
    except InvalidOperation:
        whole_fen = False
    if not whole_fen:
        raise InvalidInput("invalid_amount", "The callback amount is not a decimal of whole fen.", field="amount")
    return amount


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
    order.paid_at = payment.paid_at
    order.save(update_fields=["paid_at"])
    orders.transition(order, "pay", f"provider:{payment.provider}", f"payment {payment.reference}")
    entry = getattr(order, "quota_entry", None)
    if entry is not None:
        quota_ledger.commit(entry)
    declarations.on_order_paid(order)
    return "paid"
