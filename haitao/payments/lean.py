"""The lean payment path's Python half (docs/scaling.md, "The lean payment path"): what the fast
server (haitao/fastpath/payments.py) needs to start a sandbox payment and apply its signed callback
in one statement each, with no ORM instance — the same rows and answers as `services.start` and
`services.handle_callback`, which stay the record of what a payment does. Anything this path does
not handle exactly (another provider, an order that is not payable or has expired, a purchase of
several orders, an existing payment without a pay URL) is left to the normal path unchanged.

- Start: :data:`START_SQL` reads the order and its purchase's orders, finds the newest pending
  payment of the provider, or inserts one — one statement, one transaction.
- Callback: :func:`verify` checks the signature and the fields (fail closed: before anything in the
  body is believed), :func:`callback_params` gives the values that need Python (the payer's ID hash,
  the encrypted raw notification, the fee), and `haitao_pay_callback` (payments/lean_sql.py) does
  the rest in one call; :func:`after_commit` runs the after-commit reactions of OrderPaid and
  PaymentSucceeded that the normal path would have scheduled.
"""

from __future__ import annotations

import json
import secrets
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse

from haitao.common import domain_events as ev
from haitao.common import events
from haitao.common.crypto import id_hash
from haitao.orders.states import Status

from . import services
from .models import PaymentExchange
from .providers import Notification, SandboxProvider, default_code, enabled_codes, fee_rate

SANDBOX = SandboxProvider.code
CALLBACK_SQL = "SELECT * FROM haitao_pay_callback(%s::jsonb)"
# The reactions the SQL function does itself, by name (payments imports no app that reacts): any
# other in-transaction handler of these events sends every callback to the normal path.
IN_TRANSACTION = {ev.OrderPaid: {"haitao.declarations.handlers.declare_paid_order"}, ev.PaymentSucceeded: set()}

# The buyer's token, checked again by the statement (the fast server caches who a token is).
SIGNED_IN_SQL = """SELECT 1 FROM accounts_apitoken t JOIN auth_user u ON u.id = t.user_id
                WHERE t.key_hash = %(token)s AND NOT t.revoked AND t.expires_at > now() AND u.is_active"""
KNOWN_EVENT_SQL = "SELECT EXISTS (SELECT 1 FROM payments_paymentcallback WHERE provider = %s AND event_id = %s)"
START_SQL = f"""
WITH o AS (
  SELECT id, customer_id, purchase_id FROM orders_order WHERE number = %(number)s AND EXISTS ({SIGNED_IN_SQL})
), covered AS (
  SELECT x.id, x.status, x.expires_at, x.actual_paid FROM orders_order x JOIN o
      ON x.id = o.id OR x.purchase_id = o.purchase_id
), head AS (
  SELECT min(c.id) AS first_id, sum(c.actual_paid) AS amount,
         bool_and(c.status = '{Status.PENDING_PAYMENT}' AND (c.expires_at IS NULL OR c.expires_at > now())) AS payable
    FROM covered c
), existing AS (
  SELECT p.reference, p.amount, p.status, p.pay_url FROM payments_payment p JOIN head ON p.order_id = head.first_id
   WHERE p.status = 'pending' AND p.provider = %(provider)s
   ORDER BY p.created_at DESC LIMIT 1
), made AS (
  INSERT INTO payments_payment (order_id, purchase_id, provider, reference, transaction_id, amount, status,
                                payer_name, payer_id_hash, created_at, pay_url)
  SELECT head.first_id, o.purchase_id, %(provider)s, %(reference)s, '', head.amount, 'pending', '', '', now(),
         %(pay_url)s
    FROM head, o WHERE o.customer_id = %(customer)s AND head.payable AND NOT EXISTS (SELECT 1 FROM existing)
  RETURNING reference, amount, status, pay_url
)
SELECT o.customer_id = %(customer)s, head.payable, e.reference, e.amount, e.status, e.pay_url,
       m.reference, m.amount, m.status, m.pay_url
  FROM o CROSS JOIN head LEFT JOIN existing e ON true LEFT JOIN made m ON true
"""


def supported() -> bool:
    """Whether the lean path may answer payments here: the sandbox is the provider it pays with and
    the events' in-transaction reactions are the ones the SQL function does."""
    if SANDBOX not in enabled_codes():
        return False
    for event_type, known in IN_TRANSACTION.items():
        names = {f"{h.__module__}.{h.__qualname__}" for h, in_tx in events.handlers_of(event_type) if in_tx}
        if names != known:
            return False
    return True


@lru_cache(maxsize=1)
def _pay_url_template() -> str:
    """The sandbox's pay URL with a placeholder (a reference is letters and digits: nothing to quote)."""
    return reverse("web:sandbox-pay", args=["REFERENCE"])


def start_params(customer_id: int, token_hash: str, number: str) -> dict | None:
    """The statement's parameters for the default provider's payment, or None (the normal path)."""
    if default_code() != SANDBOX:
        return None
    reference = "PAY" + secrets.token_hex(10).upper()  # as services.start
    return {"number": number, "customer": customer_id, "token": token_hash, "provider": SANDBOX, "reference": reference,
            "pay_url": _pay_url_template().replace("REFERENCE", reference)}


def start_answer(row) -> dict | str:
    """The 201 body of the statement's row, or "not_found" (no such order of this buyer, or a token
    no longer valid: the caller tells which) or
    "fallback" (not payable, expired, a payment without a pay URL: the normal path answers)."""
    if row is None or not row[0]:
        return "not_found"
    if not row[1]:
        return "fallback"
    reference, amount, status, pay_url = row[6:10] if row[6] is not None else row[2:6]
    if reference is None or not pay_url:
        return "fallback"
    return {"reference": reference, "provider": SANDBOX, "amount": amount, "status": status,
            "pay_url": urljoin(settings.PUBLIC_BASE_URL, pay_url)}


def verify(body: bytes, signature: str | None) -> Notification:
    """The sandbox's verification and the normal path's field checks: raises the same DomainError."""
    return services._well_formed(SandboxProvider().verify(body, signature))


def callback_params(note: Notification) -> str:
    """The JSON argument of `haitao_pay_callback` for a verified notification."""
    field = PaymentExchange._meta.get_field("request")
    fee = (note.amount * fee_rate(SANDBOX)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    named = note.payer_name is not None
    return json.dumps({
        "provider": SANDBOX, "reference": note.reference, "event_id": note.event_id, "status": note.status,
        "amount": str(note.amount), "transaction_id": note.transaction_id, "paid_at": note.paid_at.isoformat(),
        "payer_name": note.payer_name, "payer_id_hash": id_hash(note.payer_id_number or "") if named else None,
        "raw": field.get_prep_value(note.raw), "response": field.get_prep_value(""), "fee": str(fee)})


def after_commit(order_id: int, number: str, payment_id: int, amount: Decimal) -> None:
    """The after-commit reactions of a paid order (a broker's "declare now", for one): what
    `events.publish` schedules on the normal path, run once the function's transaction committed.
    Synchronous (a reaction may use the database): the fast server runs it in a thread."""
    for event in (ev.OrderPaid(order_id=order_id, number=number),
                  ev.PaymentSucceeded(order_id=order_id, payment_id=payment_id, amount=amount, provider=SANDBOX)):
        for handler, in_transaction in events.handlers_of(type(event)):
            if not in_transaction:
                events._after_commit(handler, event)


def has_after_commit() -> bool:
    return any(not in_tx for t in IN_TRANSACTION for _, in_tx in events.handlers_of(t))
