"""Payments through pluggable providers; every provider callback is verified and recorded once."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from haitao.common.crypto import EncryptedTextField


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        REFUNDED = "refunded", _("Refunded")

    order = models.ForeignKey("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT,
                              related_name="payments", help_text=_("the purchase's first order"))
    purchase = models.ForeignKey("orders.Purchase", verbose_name=_("purchase"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="payments",
                                 help_text=_("one payment covers every order of the purchase"))
    provider = models.CharField(verbose_name=_("provider"), max_length=20)
    reference = models.CharField(verbose_name=_("reference"), max_length=40, unique=True,
                                 help_text=_("our id, given to the provider"))
    transaction_id = models.CharField(verbose_name=_("transaction id"), max_length=60, blank=True,
                                      help_text=_("provider's id (payTransactionId)"))
    amount = models.DecimalField(verbose_name=_("amount"), max_digits=14, decimal_places=2)
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    payer_name = models.CharField(verbose_name=_("payer name"), max_length=60, blank=True)
    payer_id_hash = models.CharField(verbose_name=_("payer ID number hash"), max_length=64, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    paid_at = models.DateTimeField(verbose_name=_("paid at"), null=True, blank=True,
                                   help_text=_("the provider's transaction time (payTime of CEB411)"))
    pay_url = models.CharField(verbose_name=_("pay URL"), max_length=500, blank=True,
                               help_text=_("where the buyer pays (at the provider)"))
    refunded_at = models.DateTimeField(verbose_name=_("refunded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "transaction_id"],
                                    condition=~models.Q(transaction_id=""), name="unique_provider_transaction"),
        ]

    def __str__(self):
        return f"{self.reference} {self.status} ¥{self.amount}"


class PaymentCallback(models.Model):
    """Every verified callback, keyed by the provider's event id, so a repeat changes nothing."""

    provider = models.CharField(verbose_name=_("provider"), max_length=20)
    event_id = models.CharField(verbose_name=_("event id"), max_length=80)
    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.CASCADE,
                                related_name="callbacks")
    outcome = models.CharField(verbose_name=_("outcome"), max_length=40)
    received_at = models.DateTimeField(verbose_name=_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment callback")
        verbose_name_plural = _("payment callbacks")
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="one_callback_per_event")]


class Refund(models.Model):
    """Money given back against an order's succeeded payment, once per (order, key): a caller that
    retries with the same key gets the same refund, never a second one."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")  # asked of the provider, not yet confirmed
        SUCCEEDED = "succeeded", _("Succeeded")

    order = models.ForeignKey("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT,
                              related_name="refunds")
    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(verbose_name=_("amount"), max_digits=14, decimal_places=2)
    reason = models.CharField(verbose_name=_("reason"), max_length=200)
    key = models.CharField(verbose_name=_("key"), max_length=80,
                           help_text=_("the caller's idempotency key, unique per order"))
    reference = models.CharField(verbose_name=_("reference"), max_length=40, unique=True,
                                 help_text=_("our id, given to the provider"))
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    provider_reference = models.CharField(verbose_name=_("provider reference"), max_length=80, blank=True,
                                          help_text=_("the provider's refund id"))
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    settled_at = models.DateTimeField(verbose_name=_("settled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["order", "key"], name="one_refund_per_order_key")]

    def __str__(self):
        return f"{self.reference} {self.status} ¥{self.amount}"


class PaymentExchange(models.Model):
    """Every request haitao sent a provider about a payment and its answer, verbatim. Customs may ask
    for them (海关总署公告2018年第179号); encrypted because they carry the payer's name and ID."""

    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.CASCADE,
                                related_name="exchanges")
    # create | notify | query | refund | customs | customs_query | bill
    kind = models.CharField(verbose_name=_("kind"), max_length=20)
    request = EncryptedTextField(verbose_name=_("request"), blank=True)
    response = EncryptedTextField(verbose_name=_("response"), blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("provider exchange")
        verbose_name_plural = _("provider exchanges")
        ordering = ["id"]


class PaymentDeclaration(models.Model):
    """The payment company's declaration of one payment to customs (报关), pushed through its API."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUBMITTED = "submitted", _("Submitted")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.PROTECT,
                                related_name="declarations")
    request_no = models.CharField(verbose_name=_("request number"), max_length=32, unique=True,
                                  help_text=_("out_request_no: ours, one per declaration"))
    sub_order_no = models.CharField(verbose_name=_("sub-order number"), max_length=40, blank=True,
                                    help_text=_("the order number declared (split: each sub-order's)"))
    amount = models.DecimalField(verbose_name=_("amount"), max_digits=14, decimal_places=2)
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    identity_check = models.CharField(verbose_name=_("identity check"), max_length=10, blank=True,
                                      help_text=_("same | different | unchecked"))
    provider_declare_no = models.CharField(verbose_name=_("provider's declaration number"), max_length=64,
                                           blank=True)
    message = models.CharField(verbose_name=_("message"), max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(verbose_name=_("attempts"), default=0)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("payment customs declaration")
        verbose_name_plural = _("payment customs declarations")
        # The worker's pushes and polls (services.push_customs, poll_customs) look for the few rows still
        # to do: partial indexes keep an idle pass off the rows already settled (docs/benchmarks.md). Polls
        # take the least recently asked first, so that index is in their order.
        indexes = [
            models.Index(fields=["id"], condition=Q(status="pending"), name="payment_decl_to_push"),
            models.Index(fields=["updated_at", "id"], condition=Q(status="submitted"), name="payment_decl_to_poll"),
        ]


class LedgerEntry(models.Model):
    """Money per order and provider: what came in, what went back, what the provider kept. Amounts are
    positive; ``kind`` says the direction. Reconciled against the provider's statement."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment")
        REFUND = "refund", _("Refund")
        FEE = "fee", _("Fee")

    order = models.ForeignKey("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT,
                              related_name="ledger_entries")
    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.PROTECT,
                                related_name="ledger_entries")
    provider = models.CharField(verbose_name=_("provider"), max_length=20)
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(verbose_name=_("amount"), max_digits=14, decimal_places=2)
    reference = models.CharField(verbose_name=_("reference"), max_length=64,
                                 help_text=_("provider's transaction id, or our refund reference"))
    occurred_at = models.DateTimeField(verbose_name=_("occurred at"))

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["occurred_at", "id"]
        constraints = [models.UniqueConstraint(fields=["provider", "kind", "reference"], name="one_ledger_entry")]


class PaymentDataRequest(models.Model):
    """Customs asking for the raw payment data behind an order (海关总署公告2018年第179号)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ANSWERED = "answered", _("Answered")
        FAILED = "failed", _("Failed")

    session_id = models.CharField(verbose_name=_("session id"), max_length=64, unique=True)
    order_no = models.CharField(verbose_name=_("order number"), max_length=60)
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    message = models.CharField(verbose_name=_("message"), max_length=255, blank=True)
    received_at = models.DateTimeField(verbose_name=_("received at"), auto_now_add=True)
    answered_at = models.DateTimeField(verbose_name=_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("customs payment-data request")
        verbose_name_plural = _("customs payment-data requests")
        # The worker answers the pending ones (services.answer_data_requests) on every pass; the demo's
        # customs asks about an order only if no request names it yet (declarations.payment_data).
        indexes = [
            models.Index(fields=["id"], condition=Q(status="pending"), name="payment_data_to_answer"),
            models.Index(fields=["order_no"], name="payment_data_order_no"),
        ]
