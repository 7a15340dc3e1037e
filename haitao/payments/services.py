"""Payment writes: start a payment at its provider, apply a verified notification exactly once, refund
through the provider, push the payment company's customs declaration (报关), record customs' requests
for payment data, and keep the money ledger.

The public API other apps call: :func:`start`, :func:`handle_callback`, :func:`refund`,
:func:`settle_refund`. Other apps learn of payments through ``haitao.payments.events``."""

import logging
import secrets
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from haitao.common import events
from haitao.common.crypto import id_hash
from haitao.common.errors import Conflict, DomainError, InvalidInput, NotFound
from haitao.common.text import check_text
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status

from . import recording
from .events import PaymentRefunded, PaymentSucceeded
from .models import (
    LedgerEntry, Payment, PaymentCallback, PaymentDataRequest, PaymentDeclaration, PaymentExchange, Refund,
)
from .providers import CustomsPush, Exchange, Notification, SandboxProvider, fee_rate, known, provider

log = logging.getLogger(__name__)


def _purchase_orders(order: Order) -> list[Order]:
    """Every customs order the payment of ``order``'s purchase covers (just ``order`` without one)."""
    if order.purchase_id is None:
        return [order]
    return list(Order.objects.filter(purchase_id=order.purchase_id).order_by("id"))


def start(order: Order, provider_code: str = "sandbox", now=None) -> Payment:
    """One pending payment for the whole purchase of ``order`` (the buyer pays once: the sum of every
    sub-order's acturalPaid, nothing else), created at the provider, whose pay URL the buyer is sent to."""
    now = now or timezone.now()
    covered = _purchase_orders(order)
    if any(o.status == Status.PENDING_PAYMENT and o.expires_at and o.expires_at <= now for o in covered):
        orders.expire_unpaid(now)
        covered = [Order.objects.get(pk=o.pk) for o in covered]
    for each in covered:
        if each.status != Status.PENDING_PAYMENT:
            code = "order_expired" if each.status == Status.EXPIRED else "order_not_payable"
            raise Conflict(code, f"Order {each.number} is {each.get_status_display().lower()} and cannot be paid.",
                           field="order")
    order = covered[0]
    prov = provider(provider_code)
    payment = order.payments.filter(status=Payment.Status.PENDING, provider=provider_code).first()
    if payment is not None and payment.pay_url:
        return payment
    if payment is None:
        payment = Payment.objects.create(order=order, purchase_id=order.purchase_id, provider=provider_code,
                                         amount=sum((o.actual_paid for o in covered), Decimal("0.00")),
                                         reference="PAY" + secrets.token_hex(10).upper())
    started = prov.start(payment)
    payment.pay_url = started.pay_url
    payment.save(update_fields=["pay_url"])
    _record(payment, started.exchange)
    return payment


def _record(payment: Payment, exchange: Exchange | None) -> None:
    if exchange is not None:
        PaymentExchange.objects.create(payment=payment, kind=exchange.kind, request=exchange.request,
                                       response=exchange.response)


def handle_callback(provider_code: str, body: bytes, headers) -> str:
    """Verify and apply a notification. Returns the outcome; a repeated event returns 'duplicate' and
    changes nothing; a forged, tampered or stale one raises before anything is read from it.

    Lean on purpose (issue 15: at most 8 statements, 6 on PostgreSQL): one locking read of the payment
    with its order and quota entry, one statement for payments' own rows, the order marked paid, its
    quota committed and one customs "declare" outbox row. The customs documents are built by the
    worker from that row, outside this transaction."""
    note = _well_formed(provider(provider_code).verify(body, headers))
    try:
        with transaction.atomic():
            payment = (Payment.objects.select_for_update(of=("self", "order"))
                       .select_related("order", "order__quota_entry")
                       .filter(reference=note.reference, provider=provider_code).first())
            if payment is None:
                raise InvalidInput("unknown_payment", "No payment with this reference.", field="reference")
            return _apply(payment, note, provider_code)
    except IntegrityError:
        if PaymentCallback.objects.filter(provider=provider_code, event_id=note.event_id).exists():
            return "duplicate"
        raise


# Longest value each notification field may hold: the column it is stored in (a longer one is not ours).
_MAX_LENGTHS = {"event_id": PaymentCallback._meta.get_field("event_id").max_length,
                "reference": Payment._meta.get_field("reference").max_length,
                "transaction_id": Payment._meta.get_field("transaction_id").max_length,
                "payer_name": Payment._meta.get_field("payer_name").max_length,
                "payer_id_number": 30}


def _well_formed(note: Notification) -> Notification:
    """A signed notification is still checked before use, whatever the provider: a provider's bug (or a
    leaked key) must give a 400, never a 500 half-way through applying it."""
    for name, longest in _MAX_LENGTHS.items():
        value = getattr(note, name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidInput("malformed_callback", f"The callback's '{name}' is not a string.", field=name)
        if len(value) > longest:
            raise InvalidInput("malformed_callback", f"The callback's '{name}' is longer than {longest}.", field=name)
        check_text(value, name)
    return note


def _apply(payment: Payment, note: Notification, provider_code: str) -> str:
    """Decide the outcome, then write it: the callback row (unique per event: a repeat raises
    IntegrityError and undoes everything), the raw notification, the ledger and the payment at once.
    A purchase's payment covers every one of its customs orders (locked in id order, as every writer
    of these orders does)."""
    order = payment.order
    covered = [order]
    # A purchase of several orders pays more than its first order (every order costs something); one
    # of a single order needs no second read.
    if payment.purchase_id is not None and payment.amount != order.actual_paid:
        covered = list(Order.objects.select_for_update(of=("self",)).select_related("quota_entry")
                       .filter(purchase_id=payment.purchase_id).order_by("id"))
    rows: list[tuple[list, bool]] = [
        ([PaymentCallback(provider=provider_code, event_id=note.event_id, payment=payment)], False),
        ([PaymentExchange(payment=payment, kind="notify", request=note.raw, response="")], False)]

    def done(outcome: str, fields: list[str] | None = None, ledger: list | None = None) -> str:
        rows[0][0][0].outcome = outcome
        recording.write([*rows, (ledger or [], True)], payment if fields else None, fields)
        return outcome

    if payment.status != Payment.Status.PENDING:
        return done(f"already_{payment.status}")
    if note.status == "pending":
        return done("pending")
    if note.status != "succeeded":
        payment.status = Payment.Status.FAILED
        return done("failed", ["status"])
    if note.amount != payment.amount:
        raise InvalidInput("amount_mismatch", f"Paid {note.amount}, but the order is {payment.amount}.", field="amount")
    prov = known(payment.provider)
    payment.transaction_id = note.transaction_id
    payment.paid_at = note.paid_at or timezone.now()  # the provider's time: customs' payTime
    if note.payer_name is None:
        # Alipay/WeChat Pay do not name the payer in a notification: they check the payer's real name
        # against the orderer when the payment is declared (identity_check of the customs push).
        payment.payer_name, payment.payer_id_hash = order.buyer_name, order.buyer_id_hash
    else:
        payment.payer_name, payment.payer_id_hash = note.payer_name, id_hash(note.payer_id_number or "")
    ledger = [_ledger_entry(payment, LedgerEntry.Kind.PAYMENT, payment.amount)]
    fee = (payment.amount * fee_rate(payment.provider)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if fee:
        ledger.append(_ledger_entry(payment, LedgerEntry.Kind.FEE, fee))
    fields = ["status", "transaction_id", "paid_at", "payer_name", "payer_id_hash"]
    # Rule 7: the payer must be the orderer; a payment by anyone else is returned, never applied.
    payer_is_orderer = payment.payer_name == order.buyer_name and payment.payer_id_hash == order.buyer_id_hash
    payable = all(o.status == Status.PENDING_PAYMENT for o in covered)
    if not payer_is_orderer or not payable:
        reason = "payer is not the orderer" if not payer_is_orderer else "order no longer payable"
        outcome = "refunded_payer_mismatch" if not payer_is_orderer else "refunded_order_not_payable"
        if isinstance(prov, SandboxProvider):  # holds no money: returned at once
            payment.status, payment.refunded_at = Payment.Status.REFUNDED, timezone.now()
            return done(outcome, [*fields, "refunded_at"], ledger)
        # the money is at the provider: give each order's part back through its refund API once this commits
        payment.status = Payment.Status.SUCCEEDED
        for each in covered:
            transaction.on_commit(lambda each=each: refund(each, each.actual_paid, reason,
                                                           key=f"return-{payment.reference}"))
        return done(outcome, fields, ledger)
    payment.status = Payment.Status.SUCCEEDED
    done("paid", fields, ledger)
    for each in covered:
        if getattr(prov, "declares_customs", False):
            # Each sub-order declared on its own (customs matches CEB311/411 by orderNo): the provider's
            # customs call takes the sub-order's number and amount; our out_trade_no is the reference.
            PaymentDeclaration.objects.create(payment=payment, request_no=_request_no(), amount=each.actual_paid,
                                              sub_order_no=each.number)
        # OrderPaid's in-transaction handler (customs) writes each order's "declare" outbox row here.
        # Every order of the purchase is paid here, all of them unpaid until now: the last one frees
        # the purchase's one unpaid slot.
        orders.mark_paid(each, payment.paid_at, f"provider:{payment.provider}", f"payment {payment.reference}",
                         frees_slot=each is covered[-1])
        events.publish(PaymentSucceeded(order_id=each.pk, payment_id=payment.pk, amount=each.actual_paid,
                                        provider=payment.provider))
    return "paid"


def _ledger_entry(payment: Payment, kind: str, amount: Decimal) -> LedgerEntry:
    return LedgerEntry(provider=payment.provider, kind=kind, reference=payment.transaction_id,
                       order_id=payment.order_id, payment=payment, amount=amount, occurred_at=payment.paid_at)


def restamp_history(payment: Payment, created_at, paid_at) -> None:
    """For data that tells a past story (the demo): the payment and its callbacks at their story's
    times instead of the wall clock the services stamped."""
    Payment.objects.filter(pk=payment.pk).update(created_at=created_at, paid_at=paid_at)
    PaymentCallback.objects.filter(payment=payment).update(received_at=paid_at)


def _ledger(payment: Payment, kind: str, amount: Decimal, reference: str, when) -> None:
    LedgerEntry.objects.get_or_create(provider=payment.provider, kind=kind, reference=reference, defaults={
        "order_id": payment.order_id, "payment": payment, "amount": amount, "occurred_at": when})


def _request_no() -> str:
    return timezone.now().strftime("%Y%m%d") + secrets.token_hex(6).upper()


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
        paid_for = Q(order_id=order.pk) | Q(purchase_id=order.purchase_id) if order.purchase_id else Q(order_id=order.pk)
        payment = (Payment.objects.select_for_update()
                   .filter(paid_for, status=Payment.Status.SUCCEEDED)
                   .order_by("paid_at", "pk").first())
        existing = Refund.objects.filter(order_id=order.pk, key=key).first()
        if existing is not None:
            if existing.amount != amount:
                raise Conflict("refund_key_reused", "This refund key was used for a different amount.", field="key")
            return existing
        if payment is None:
            raise Conflict("not_refundable", f"Order {order.number} has no paid amount left to refund.",
                           field="order")
        payment_rest = refundable(payment)
        rest = min(payment_rest, order_refundable(order, payment))
        if amount > rest:
            raise Conflict("refund_exceeds_payment", f"At most {rest} of this payment is left to refund.",
                           field="amount")
        row = Refund.objects.create(order_id=order.pk, payment=payment, amount=amount, reason=reason, key=key,
                                    reference="RFD" + secrets.token_hex(10).upper())
        # The provider's own refund API (a switched-off sandbox still refunds what it took).
        answer = _provider_of(payment).refund(payment, amount, row.reference)
        _record(payment, answer.exchange)
        row.provider_reference = answer.reference
        row.save(update_fields=["provider_reference"])
        if amount == payment_rest:  # the whole payment is given back (every order's part)
            payment.status, payment.refunded_at = Payment.Status.REFUNDED, now
            payment.save(update_fields=["status", "refunded_at"])
        in_full = amount == rest  # nothing of this order's part is left to refund
        if answer.settled:
            _settled(row, now, in_full)
    return row


def order_refundable(order: Order, payment: Payment) -> Decimal:
    """What is left to refund of ``order``'s part of a purchase's payment (its acturalPaid)."""
    if payment.purchase_id is None or payment.amount == order.actual_paid:
        return refundable(payment)
    given = sum((r.amount for r in payment.refunds.all() if r.order_id == order.pk), Decimal("0.00"))
    return order.actual_paid - given


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
            _settled(row, now or timezone.now(), order_refundable(row.order, row.payment) <= 0
                     if row.payment.purchase_id else row.payment.status == Payment.Status.REFUNDED)
    return row


def _settled(row: Refund, now, in_full: bool) -> None:
    row.status, row.settled_at = Refund.Status.SUCCEEDED, now
    row.save(update_fields=["status", "settled_at", "provider_reference"])
    _ledger(row.payment, LedgerEntry.Kind.REFUND, row.amount, row.reference, now)
    events.publish(PaymentRefunded(order_id=row.order_id, refund_id=row.pk, amount=row.amount, reason=row.reason,
                                   key=row.key, in_full=in_full))


# --- the payment company's customs declaration (报关) -----------------------------------------


def split_declaration(payment: Payment, parts: list[tuple[str, Decimal]]) -> list[PaymentDeclaration]:
    """Declare one payment as sub-orders (sub_order_no, amount), where the provider supports it."""
    if sum((amount for _, amount in parts), Decimal(0)) != payment.amount:
        raise InvalidInput("split_mismatch", "The sub-orders must add up to the payment.", field="parts")
    with transaction.atomic():
        payment.declarations.filter(status=PaymentDeclaration.Status.PENDING).delete()
        return [PaymentDeclaration.objects.create(payment=payment, request_no=_request_no(), sub_order_no=no,
                                                  amount=amount) for no, amount in parts]


def push_customs(limit: int = 50) -> int:
    """Push every pending declaration to its payment company; returns how many were accepted."""
    pending = (PaymentDeclaration.objects.filter(status=PaymentDeclaration.Status.PENDING, attempts__lt=10)
               .select_related("payment__order").order_by("id")[:limit])
    return sum(_push(decl) for decl in list(pending))


def redeclare(decl: PaymentDeclaration) -> bool:
    """Push an already submitted declaration again (the provider's re-push)."""
    return _push(decl, redeclare=True)


def _push(decl: PaymentDeclaration, redeclare: bool = False) -> bool:
    payment = decl.payment
    # The sub-order declared: its own goods, freight and tax (a purchase's payment covers several).
    order = (Order.objects.filter(number=decl.sub_order_no).first() if decl.sub_order_no else None) or payment.order
    push = CustomsPush(decl.request_no, order.buyer_name, order.buyer_id_number, decl.amount, decl.sub_order_no,
                       goods=order.goods_value, freight=order.freight + order.insurance, tax=order.tax_total)
    try:
        result = _provider_of(payment).declare_customs(payment, push, redeclare)
    except DomainError as exc:
        decl.attempts += 1
        decl.message = exc.message[:255]
        decl.save(update_fields=["attempts", "message", "updated_at"])
        log.warning("customs push %s for %s failed: %s", decl.request_no, order.number, exc.message)
        return False
    with transaction.atomic():
        _record(payment, result.exchange)
        decl.attempts += 1
        decl.status, decl.identity_check = result.status, result.identity_check
        decl.provider_declare_no, decl.message = result.declare_no, result.message[:255]
        if result.identity_check == "different":  # rule 7: the payer is not the orderer
            decl.status, decl.message = PaymentDeclaration.Status.FAILED, "payer's real name is not the orderer's"
        decl.save()
    return decl.status != PaymentDeclaration.Status.FAILED


def _provider_of(payment: Payment):
    """The provider that took ``payment``. One no longer installed is a refusal (its declaration waits and
    is asked again in turn), not an AttributeError that stops the worker's whole pass."""
    found = known(payment.provider)
    if found is None:
        raise NotFound("unknown_provider", f"Payment provider '{payment.provider}' is not installed.", field="provider")
    return found


def poll_customs(limit: int = 50) -> int:
    """Ask the payment companies for customs' result of the submitted declarations asked least recently.

    The pass first claims its declarations: it takes them under row locks that another worker's pass skips
    (SKIP LOCKED), and marks them asked (``updated_at``) in one short transaction, before any network call.
    Two passes at once, say two workers' ticks, then ask about different declarations. With more than
    ``limit`` waiting, the next pass asks the others instead of the same ``limit`` again."""
    done = 0
    for decl in _claim_for_poll(limit):
        try:
            result = _provider_of(decl.payment).customs_status(decl.payment, decl.request_no)
        except DomainError as exc:
            log.warning("customs query %s failed: %s", decl.request_no, exc.message)
            continue
        with transaction.atomic():
            _record(decl.payment, result.exchange)
            if result.status != decl.status:
                decl.status, decl.message = result.status, result.message[:255]
                decl.save(update_fields=["status", "message", "updated_at"])
                done += 1
    return done


def _claim_for_poll(limit: int) -> list[PaymentDeclaration]:
    with transaction.atomic():
        due = list(PaymentDeclaration.objects.select_for_update(skip_locked=True, of=("self",))
                   .filter(status=PaymentDeclaration.Status.SUBMITTED).select_related("payment")
                   .order_by("updated_at", "id")[:limit])
        now = timezone.now()
        for position, decl in enumerate(due):  # a microsecond apart: the next passes keep this pass's order
            decl.updated_at = now + timedelta(microseconds=position)
            PaymentDeclaration.objects.filter(pk=decl.pk).update(updated_at=decl.updated_at)
    return due


# --- customs' request for payment data (海关总署公告2018年第179号) ---------------------------------


def receive_data_request(session_id: str, order_no: str) -> PaymentDataRequest:
    if not session_id or not order_no or len(session_id) > 64 or len(order_no) > 60:
        raise DomainError("malformed_request", "sessionID and orderNo are required.", field="openReq")
    req, _ = PaymentDataRequest.objects.get_or_create(session_id=session_id, defaults={"order_no": order_no})
    return req


def answer_data_requests(build_answer, upload, limit: int = 50) -> int:
    """Answer pending requests: ``build_answer(session_id, order_no)`` makes the signed answer from what
    the provider actually sent (declarations.payment_data), ``upload(payload)`` delivers it."""
    answered = 0
    for req in list(PaymentDataRequest.objects.filter(status=PaymentDataRequest.Status.PENDING)[:limit]):
        try:
            payload = build_answer(req.session_id, req.order_no)
            upload(payload)
        except DomainError as exc:
            req.status, req.message = PaymentDataRequest.Status.FAILED, exc.message[:255]
            req.save(update_fields=["status", "message"])
            continue
        req.status, req.answered_at = PaymentDataRequest.Status.ANSWERED, timezone.now()
        req.save(update_fields=["status", "answered_at"])
        answered += 1
    return answered
