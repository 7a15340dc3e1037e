"""Orders, their lines (with each line's tax) and the audit trail of every state change."""

from django.db import models
from django.db.models import Q

from haitao.common.crypto import EncryptedTextField

from .states import Status


class OrderQuerySet(models.QuerySet):
    def for_customer(self, customer):
        return self.filter(customer=customer).select_related("brand")

    def expired_unpaid(self, now):
        return self.filter(status=Status.PENDING_PAYMENT, expires_at__lte=now)


class Order(models.Model):
    class Regime(models.TextChoices):
        CBEC = "cbec", "CBEC (70% of VAT and CT, no duty)"
        GENERAL_TRADE = "general_trade", "General trade (full tax)"

    number = models.CharField(max_length=32, unique=True)
    brand = models.ForeignKey("brands.Brand", on_delete=models.PROTECT, related_name="orders")
    customer = models.ForeignKey("accounts.Customer", on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(max_length=20, choices=Status.CHOICES, default=Status.PENDING_PAYMENT, db_index=True)
    mode = models.CharField(max_length=4, choices=[("1210", "1210 bonded"), ("9610", "9610 direct mail")])
    warehouse = models.ForeignKey("inventory.Warehouse", on_delete=models.PROTECT, related_name="orders")
    regime = models.CharField(max_length=16, choices=Regime.choices, default=Regime.CBEC)
    currency = models.CharField(max_length=3, default="CNY")
    goods_value = models.DecimalField(max_digits=14, decimal_places=2)
    freight = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    insurance = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    discount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    dutiable_value = models.DecimalField(max_digits=14, decimal_places=2)
    tax_total = models.DecimalField(max_digits=12, decimal_places=2)
    actual_paid = models.DecimalField(max_digits=14, decimal_places=2)
    # The orderer (the taxpayer and quota holder) — copied from the identity at placement.
    buyer_name = models.CharField(max_length=60)
    buyer_id_number = EncryptedTextField()
    buyer_id_masked = models.CharField(max_length=18)
    buyer_id_hash = models.CharField(max_length=64, db_index=True)
    # The consignee; frozen at placement because the waybill must match it exactly.
    consignee = models.CharField(max_length=100)
    consignee_phone = EncryptedTextField()
    consignee_phone_masked = models.CharField(max_length=20)
    consignee_address = EncryptedTextField()
    consignee_address_masked = models.CharField(max_length=120)
    consignee_district = models.CharField(max_length=6, blank=True)
    risk_notice_accepted_at = models.DateTimeField()
    risk_notice_digest = models.CharField(max_length=64, help_text="SHA-256 of the notice text accepted")
    idempotency_key = models.CharField(max_length=80, blank=True)
    request_digest = models.CharField(max_length=64, blank=True)
    placed_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, default="haitao", help_text="'haitao', or the consolidated platform")

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="one_order_per_idempotency_key"),
        ]

    def __str__(self):
        return self.number


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    gnum = models.PositiveSmallIntegerField(help_text="line number in customs messages, from 1")
    listing = models.ForeignKey("catalog.Listing", null=True, on_delete=models.SET_NULL, related_name="+")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="order_lines")
    merchant = models.ForeignKey("brands.Merchant", on_delete=models.PROTECT, related_name="order_lines")
    title = models.CharField(max_length=250)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    goods_value = models.DecimalField(max_digits=14, decimal_places=2)
    freight_share = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    insurance_share = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    dutiable_value = models.DecimalField(max_digits=14, decimal_places=2)
    duty = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    consumption_tax = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    vat = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ["order", "gnum"]
        constraints = [models.UniqueConstraint(fields=["order", "gnum"], name="unique_gnum_per_order")]

    def __str__(self):
        return f"line {self.gnum}: {self.title} × {self.quantity}"

    @property
    def tax_total(self):
        return self.duty + self.consumption_tax + self.vat


class OrderEvent(models.Model):
    """Audit trail: who moved the order from which status to which, and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    event = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.CharField(max_length=60, help_text="customer, operator:<name>, system, provider:<name>")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.event}: {self.from_status or '—'} → {self.to_status}"
