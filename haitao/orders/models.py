"""Orders, their lines (with each line's tax) and the audit trail of every state change."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from haitao.common.crypto import EncryptedTextField

from .states import Status


class OrderQuerySet(models.QuerySet):
    def for_customer(self, customer):
        return self.filter(customer=customer).select_related("brand")

    def expired_unpaid(self, now):
        return self.filter(status=Status.PENDING_PAYMENT, expires_at__lte=now)


class Purchase(models.Model):
    """What the buyer sees and pays once: one checkout, split into one customs order per seller of
    record × warehouse/mode (rule 10). Its totals are the sums of its orders'."""

    number = models.CharField(verbose_name=_("number"), max_length=32, unique=True)
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.PROTECT,
                              related_name="purchases")
    customer = models.ForeignKey("accounts.Customer", verbose_name=_("customer"), on_delete=models.PROTECT,
                                 related_name="purchases")
    goods_value = models.DecimalField(verbose_name=_("goods value"), max_digits=14, decimal_places=2)
    tax_total = models.DecimalField(verbose_name=_("tax total"), max_digits=12, decimal_places=2)
    actual_paid = models.DecimalField(verbose_name=_("actual paid"), max_digits=14, decimal_places=2)
    idempotency_key = models.CharField(verbose_name=_("idempotency key"), max_length=80, blank=True)
    request_digest = models.CharField(verbose_name=_("request digest"), max_length=64, blank=True)
    placed_at = models.DateTimeField(verbose_name=_("placed at"), db_index=True)

    class Meta:
        verbose_name = _("purchase")
        verbose_name_plural = _("purchases")
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="one_purchase_per_idempotency_key"),
        ]

    def __str__(self):
        return self.number


class Order(models.Model):
    """One customs order (one CEB311/621): one seller of record, one warehouse, one mode."""

    class Regime(models.TextChoices):
        CBEC = "cbec", _("CBEC (70% of VAT and CT, no duty)")
        GENERAL_TRADE = "general_trade", _("General trade (full tax)")

    number = models.CharField(verbose_name=_("number"), max_length=32, unique=True)
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.PROTECT,
                              related_name="orders")
    customer = models.ForeignKey("accounts.Customer", verbose_name=_("customer"), on_delete=models.PROTECT,
                                 related_name="orders")
    purchase = models.ForeignKey(Purchase, verbose_name=_("purchase"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="orders",
                                 help_text=_("the checkout this order is part of (none for imported history)"))
    seller = models.ForeignKey("brands.Merchant", verbose_name=_("seller of record"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="sold_orders",
                               help_text=_("the e-commerce enterprise (ebc) this order is declared under"))
    status = models.CharField(verbose_name=_("status"), max_length=20, choices=Status.CHOICES,
                              default=Status.PENDING_PAYMENT, db_index=True)
    mode = models.CharField(verbose_name=_("trade mode"), max_length=4, choices=[("1210", _("1210 bonded")),
                            ("9610", _("9610 direct mail"))])
    warehouse = models.ForeignKey("inventory.Warehouse", verbose_name=_("warehouse"), on_delete=models.PROTECT,
                                  related_name="orders")
    regime = models.CharField(verbose_name=_("regime"), max_length=16, choices=Regime.choices, default=Regime.CBEC)
    currency = models.CharField(verbose_name=_("currency"), max_length=3, default="CNY")
    goods_value = models.DecimalField(verbose_name=_("goods value"), max_digits=14, decimal_places=2)
    freight = models.DecimalField(verbose_name=_("freight"), max_digits=12, decimal_places=2, default=0)
    insurance = models.DecimalField(verbose_name=_("insurance"), max_digits=12, decimal_places=2, default=0)
    discount = models.DecimalField(verbose_name=_("discount"), max_digits=12, decimal_places=2, default=0)
    dutiable_value = models.DecimalField(verbose_name=_("dutiable value"), max_digits=14, decimal_places=2)
    tax_total = models.DecimalField(verbose_name=_("tax total"), max_digits=12, decimal_places=2)
    actual_paid = models.DecimalField(verbose_name=_("actual paid"), max_digits=14, decimal_places=2)
    # The orderer (the taxpayer and quota holder) — copied from the identity at placement.
    buyer_name = models.CharField(verbose_name=_("buyer name"), max_length=60)
    buyer_id_number = EncryptedTextField(verbose_name=_("buyer ID number"))
    buyer_id_masked = models.CharField(verbose_name=_("buyer ID number (masked)"), max_length=18)
    buyer_id_hash = models.CharField(verbose_name=_("buyer ID number hash"), max_length=64, db_index=True)
    # The consignee; frozen at placement because the waybill must match it exactly.
    consignee = models.CharField(verbose_name=_("consignee"), max_length=100)
    consignee_phone = EncryptedTextField(verbose_name=_("consignee phone"))
    consignee_phone_masked = models.CharField(verbose_name=_("consignee phone (masked)"), max_length=20)
    consignee_address = EncryptedTextField(verbose_name=_("consignee address"))
    consignee_address_masked = models.CharField(verbose_name=_("consignee address (masked)"), max_length=120)
    consignee_district = models.CharField(verbose_name=_("consignee district code"), max_length=6, blank=True)
    risk_notice_accepted_at = models.DateTimeField(verbose_name=_("risk notice accepted at"))
    risk_notice_digest = models.CharField(verbose_name=_("risk notice digest"), max_length=64,
                                          help_text=_("SHA-256 of the notice text accepted"))
    # The purchase's key on its first order, "<key>#<n>" on the n-th: unique per customer like the purchase's.
    idempotency_key = models.CharField(verbose_name=_("idempotency key"), max_length=90, blank=True)
    request_digest = models.CharField(verbose_name=_("request digest"), max_length=64, blank=True)
    placed_at = models.DateTimeField(verbose_name=_("placed at"), db_index=True)
    expires_at = models.DateTimeField(verbose_name=_("expires at"), null=True, blank=True)
    paid_at = models.DateTimeField(verbose_name=_("paid at"), null=True, blank=True)
    source = models.CharField(verbose_name=_("source"), max_length=20, default="haitao",
                              help_text=_("'haitao', or the consolidated platform"))

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="one_order_per_idempotency_key"),
        ]

    def __str__(self):
        return self.number


class OrderLine(models.Model):
    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines")
    gnum = models.PositiveSmallIntegerField(verbose_name=_("line number"),
                                            help_text=_("line number in customs messages, from 1"))
    listing = models.ForeignKey("catalog.Listing", verbose_name=_("listing"), null=True, on_delete=models.SET_NULL,
                                related_name="+")
    sku = models.ForeignKey("catalog.Sku", verbose_name=_("SKU"), on_delete=models.PROTECT,
                            related_name="order_lines")
    merchant = models.ForeignKey("brands.Merchant", verbose_name=_("merchant"), on_delete=models.PROTECT,
                                 related_name="order_lines")
    title = models.CharField(verbose_name=_("title"), max_length=250)
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"))
    unit_price = models.DecimalField(verbose_name=_("unit price"), max_digits=12, decimal_places=2)
    goods_value = models.DecimalField(verbose_name=_("goods value"), max_digits=14, decimal_places=2)
    freight_share = models.DecimalField(verbose_name=_("freight share"), max_digits=12, decimal_places=2, default=0)
    insurance_share = models.DecimalField(verbose_name=_("insurance share"), max_digits=12, decimal_places=2,
                                          default=0)
    dutiable_value = models.DecimalField(verbose_name=_("dutiable value"), max_digits=14, decimal_places=2)
    duty = models.DecimalField(verbose_name=_("duty"), max_digits=12, decimal_places=2, default=0)
    consumption_tax = models.DecimalField(verbose_name=_("consumption tax"), max_digits=12, decimal_places=2,
                                          default=0)
    vat = models.DecimalField(verbose_name=_("VAT"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "gnum"]
        constraints = [models.UniqueConstraint(fields=["order", "gnum"], name="unique_gnum_per_order")]

    def __str__(self):
        return f"line {self.gnum}: {self.title} × {self.quantity}"

    @property
    def tax_total(self):
        return self.duty + self.consumption_tax + self.vat


class OrderEvent(models.Model):
    """Audit trail: who moved the order from which status to which, and why."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="events")
    event = models.CharField(verbose_name=_("event"), max_length=30)
    from_status = models.CharField(verbose_name=_("from status"), max_length=20, blank=True)
    to_status = models.CharField(verbose_name=_("to status"), max_length=20)
    actor = models.CharField(verbose_name=_("actor"), max_length=60,
                             help_text=_("customer, operator:<name>, system, provider:<name>"))
    note = models.CharField(verbose_name=_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.event}: {self.from_status or '—'} → {self.to_status}"
