"""Payment providers: a registry of pluggable payment companies, and the sandbox.

Every provider offers the same operations (haitao.payments.services drives them): ``start`` (create the
payment at the provider, giving the buyer a pay URL), ``verify`` (an asynchronous notification, checked
before anything in it is believed), ``query``, ``refund``, ``statement`` (the bill of a day) and
``declare_customs`` (the payment company pushes its payment record to customs, 报关). Real ones:
Alipay (haitao/payments/alipay.py) and WeChat Pay (haitao/payments/wechatpay.py), switched on by
HAITAO_PAYMENT_PROVIDERS; the sandbox only where HAITAO_PAYMENT_SANDBOX is on (demo, tests).

The sandbox stands in for a customs-declaring payment company: a hosted page on this server and an
HMAC-SHA256-signed JSON callback (header `X-Sandbox-Signature: <hex>`). It moves no money.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from haitao.common.errors import DomainError, NotFound, Unauthorized


@dataclass(frozen=True)
class Exchange:
    """One request to a provider and its answer, verbatim: kept for customs' request for payment data."""

    kind: str
    request: str
    response: str


@dataclass(frozen=True)
class Notification:
    """A verified notification (or query answer), in haitao's words."""

    event_id: str
    reference: str
    status: str  # succeeded | failed | pending
    amount: Decimal
    transaction_id: str
    paid_at: datetime | None  # the provider's transaction time: payTime of CEB311/CEB411
    payer_name: str | None = None
    payer_id_number: str | None = None
    raw: str = ""


@dataclass(frozen=True)
class Started:
    pay_url: str
    exchange: Exchange | None = None


@dataclass(frozen=True)
class ProviderRefund:
    """A provider's answer to a refund request: its own id for the refund, and whether the money has
    already moved (``settled``) or the provider confirms later (then ``payments.services.settle_refund``
    runs on its notice)."""

    reference: str
    settled: bool
    exchange: Exchange | None = None


@dataclass(frozen=True)
class CustomsResult:
    """What the payment company answered to a customs push (报关)."""

    status: str  # submitted | succeeded | failed
    declare_no: str  # the provider's id of this declaration
    identity_check: str  # same | different | unchecked: payer's real name/ID against the orderer
    message: str = ""
    exchange: Exchange | None = None


@dataclass(frozen=True)
class StatementRow:
    """A line of the provider's statement (bill) of a day."""

    kind: str  # payment | refund
    transaction_id: str
    reference: str
    amount: Decimal  # positive for both kinds
    fee: Decimal
    refund_id: str = ""


@dataclass
class CustomsPush:
    """What is pushed to the payment company for one declaration (sub-orders when split)."""

    request_no: str
    payer_name: str
    payer_id_number: str
    amount: Decimal
    sub_order_no: str = ""
    goods: Decimal = Decimal(0)
    freight: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    extra: dict = field(default_factory=dict)


class SandboxProvider:
    code = "sandbox"
    name = "haitao Sandbox Pay"
    pay_code = "312226T001"  # customs code of the payment company (payCode), fictional
    signature_header = "X-Sandbox-Signature"
    declares_customs = False  # haitao sends the sandbox's CEB411 itself (declarations.config)

    def config_problems(self) -> list[str]:
        if settings.PAYMENT_SANDBOX_SECRET.decode() == settings.DEV_SANDBOX_SECRET:
            return ["HAITAO_PAYMENT_SANDBOX_SECRET: development value"]
        return []

    def start(self, payment) -> Started:
        return Started(reverse("web:sandbox-pay", args=[payment.reference]))  # a page of this server

    def sign(self, body: bytes) -> str:
        return hmac.new(settings.PAYMENT_SANDBOX_SECRET, body, hashlib.sha256).hexdigest()

    def verify(self, body: bytes, headers) -> Notification:
        """``headers``: the request's headers, or (callers in the demo and tests) the signature itself."""
        signature = headers if headers is None or isinstance(headers, str) else headers.get(self.signature_header)
        if not signature or not hmac.compare_digest(self.sign(body), signature.strip().lower()):
            raise Unauthorized("invalid_signature", "The callback signature does not verify.",
                               field=self.signature_header)
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise DomainError("malformed_json", "The callback body is not JSON.") from None
        if not isinstance(payload, dict):
            raise DomainError("malformed_json", "The callback body is not a JSON object.")
        for name in ("event_id", "reference", "status", "amount", "transaction_id"):
            if not isinstance(payload.get(name), str) or not payload[name]:
                raise DomainError("missing_field", f"The callback lacks '{name}'.", field=name)
        return Notification(payload["event_id"], payload["reference"],
                            "succeeded" if payload["status"] == "succeeded" else "failed",
                            decimal_amount(payload["amount"]), payload["transaction_id"], timezone.now(),
                            payload.get("payer_name"), payload.get("payer_id_number"), body.decode())

    def acknowledge(self, outcome: str):
        return {"outcome": outcome}

    def refund(self, payment, amount: Decimal, refund_reference: str, reason: str = "") -> ProviderRefund:
        """Give ``amount`` back against ``payment`` under our id ``refund_reference`` (idempotent at the
        provider on that id). The sandbox holds no money: the refund settles at once."""
        digest = hashlib.sha256(f"{payment.transaction_id}:{refund_reference}".encode()).hexdigest()[:20]
        return ProviderRefund(reference="SBXR" + digest.upper(), settled=True)

    def callback_for(self, payment, status: str = "succeeded", payer_name: str | None = None,
                     payer_id_number: str | None = None) -> tuple[bytes, str]:
        """What the sandbox's servers send after the buyer pays on the hosted page."""
        order = payment.order
        payload = {"event_id": "evt_" + secrets.token_hex(12), "reference": payment.reference, "status": status,
                   "amount": str(payment.amount), "transaction_id": "SBX" + secrets.token_hex(10).upper(),
                   "payer_name": payer_name if payer_name is not None else order.buyer_name,
                   "payer_id_number": payer_id_number if payer_id_number is not None else order.buyer_id_number}
        body = json.dumps(payload, ensure_ascii=False).encode()
        return body, self.sign(body)


def decimal_amount(text, field_name: str = "amount") -> Decimal:
    try:
        value = Decimal(str(text))
    except ArithmeticError:
        raise DomainError("invalid_amount", "The amount is not a decimal.", field=field_name) from None
    try:  # money is whole fen: 1E+999999 or 0.001 is not an amount (quantize raises past the precision)
        whole_fen = value.is_finite() and value == value.quantize(Decimal("0.01"))
    except ArithmeticError:
        whole_fen = False
    if not whole_fen:
        raise DomainError("invalid_amount", "The amount is not a decimal of whole fen.", field=field_name)
    return value


def _real_providers() -> dict:
    from .alipay import AlipayProvider
    from .wechatpay import WeChatPayProvider

    return {p.code: p for p in (AlipayProvider, WeChatPayProvider)}


# The registry: code -> provider class. UnionPay and others plug in here.
PROVIDERS = {SandboxProvider.code: SandboxProvider()}


def enabled_codes() -> list[str]:
    codes = [code for code in settings.PAYMENT_PROVIDERS if code in _real_providers()]
    return codes + ([SandboxProvider.code] if settings.PAYMENT_SANDBOX else [])


def default_code() -> str:
    """The provider a buyer gets without choosing: the first configured (the sandbox in the demo)."""
    codes = enabled_codes()
    return codes[0] if codes else SandboxProvider.code


def known(code: str):
    """The provider by code, enabled or not (declarations of past payments need its payCode/name)."""
    if code == SandboxProvider.code:
        return PROVIDERS[code]
    cls = _real_providers().get(code)
    return cls() if cls else None


def provider(code: str):
    """An enabled provider; a switched-off one (the sandbox in production) does not exist."""
    if code not in enabled_codes():
        raise NotFound("unknown_provider", f"No payment provider '{code}'.", field="provider")
    return known(code)


def unknown_configured() -> list[str]:
    return [code for code in settings.PAYMENT_PROVIDERS if code not in _real_providers()]


def fee_rate(code: str) -> Decimal:
    """The provider's fee on a payment (contract rate; the statement says what it really kept)."""
    import os

    default = "0" if code == SandboxProvider.code else "0.006"
    return Decimal(os.environ.get(f"HAITAO_{code.upper()}_FEE_RATE", default))
