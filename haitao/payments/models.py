"""Payments through pluggable providers; every provider callback is verified and recorded once."""

from django.db import models


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        REFUNDED = "refunded", "Refunded"

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=20)
    reference = models.CharField(max_length=40, unique=True, help_text="our id, given to the provider")
    transaction_id = models.CharField(max_length=60, blank=True, help_text="provider's id (payTransactionId)")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    payer_name = models.CharField(max_length=60, blank=True)
    payer_id_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "transaction_id"],
                                    condition=~models.Q(transaction_id=""), name="unique_provider_transaction"),
        ]

    def __str__(self):
        return f"{self.reference} {self.status} ¥{self.amount}"


class PaymentCallback(models.Model):
    """Every verified callback, keyed by the provider's event id, so a repeat changes nothing."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=80)
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="callbacks")
    outcome = models.CharField(max_length=40)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="one_callback_per_event")]


class Refund(models.Model):
    """Money given back against an order's succeeded payment, once per (order, key): a caller that
    retries with the same key gets the same refund, never a second one."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"  # asked of the provider, not yet confirmed
        SUCCEEDED = "succeeded", "Succeeded"

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    reason = models.CharField(max_length=200)
    key = models.CharField(max_length=80, help_text="the caller's idempotency key, unique per order")
    reference = models.CharField(max_length=40, unique=True, help_text="our id, given to the provider")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    provider_reference = models.CharField(max_length=80, blank=True, help_text="the provider's refund id")
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["order", "key"], name="one_refund_per_order_key")]

    def __str__(self):
        return f"{self.reference} {self.status} ¥{self.amount}"
