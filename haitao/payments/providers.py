"""Payment providers. A provider makes a hosted pay page URL and verifies its own callbacks.

The sandbox stands in for Alipay / WeChat Pay customs-declaring payment: a hosted page on this
server, and an HMAC-SHA256-signed JSON callback (header `X-Sandbox-Signature: <hex>`), which is
verified exactly as a real provider's signature would be.
"""

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from haitao.common.errors import InvalidInput, Unauthorized


@dataclass(frozen=True)
class ProviderRefund:
    """A provider's answer to a refund request: its own id for the refund, and whether the money has
    already moved (``settled``) or the provider confirms later (then ``payments.services.settle_refund``
    runs on its notice)."""

    reference: str
    settled: bool


class SandboxProvider:
    code = "sandbox"
    name = "haitao Sandbox Pay"
    pay_code = "312226T001"  # customs code of the payment company (payCode), fictional
    signature_header = "X-Sandbox-Signature"

    def pay_url(self, payment) -> str:
        return reverse("web:sandbox-pay", args=[payment.reference])

    def sign(self, body: bytes) -> str:
        return hmac.new(settings.PAYMENT_SANDBOX_SECRET, body, hashlib.sha256).hexdigest()

    def verify(self, body: bytes, signature: str | None) -> dict:
        if not signature or not hmac.compare_digest(self.sign(body), signature.strip().lower()):
            raise Unauthorized("invalid_signature", "The callback signature does not verify.",
                               field=self.signature_header)
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput("malformed_json", "The callback body is not JSON.") from None
        for name in ("event_id", "reference", "status", "amount", "transaction_id"):
            if not isinstance(payload.get(name), str) or not payload[name]:
                raise InvalidInput("missing_field", f"The callback lacks '{name}'.", field=name)
        return payload

    def refund(self, payment, amount: Decimal, refund_reference: str) -> ProviderRefund:
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


PROVIDERS = {SandboxProvider.code: SandboxProvider()}


def provider(code: str):
    try:
        return PROVIDERS[code]
    except KeyError:
        raise InvalidInput("unknown_provider", f"No payment provider '{code}'.", field="provider") from None
