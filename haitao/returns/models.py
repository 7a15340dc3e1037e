"""Returns after release (rule 12): one per order (customs takes one CEB625 per list), per line and
quantity. Written only by :mod:`haitao.returns.services`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from haitao.orders.models import Order


class ReturnRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested by the buyer")
        DECLARED = "declared", _("Approved; return request (CEB625) sent to customs")
        REFUSED = "refused", _("Refused by the operator")
        CUSTOMS_REFUSED = "customs_refused", _("Refused by customs")
        COMPLETED = "completed", _("Accepted, goods back, refunded")

    OPEN = (Status.REQUESTED, Status.DECLARED)

    number = models.CharField(verbose_name=_("number"), max_length=32, unique=True)
    order = models.OneToOneField("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT,
                                 related_name="return_request")
    status = models.CharField(verbose_name=_("status"), max_length=16, choices=Status.choices,
                              default=Status.REQUESTED, db_index=True)
    reason = models.CharField(verbose_name=_("reason"), max_length=300)
    released_at = models.DateTimeField(verbose_name=_("released at"),
                                       help_text=_("customs release (CEB622 800): the windows run from here"))
    requested_at = models.DateTimeField(verbose_name=_("requested at"))
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True,
                                      help_text=_("approved or refused by the operator"))
    customs_accepted_at = models.DateTimeField(verbose_name=_("customs accepted at"), null=True, blank=True,
                                               help_text=_("CEB626 concluded"))
    received_at = models.DateTimeField(verbose_name=_("received at"), null=True, blank=True,
                                       help_text=_("goods back at the warehouse"))
    completed_at = models.DateTimeField(verbose_name=_("completed at"), null=True, blank=True)
    refund_amount = models.DecimalField(verbose_name=_("refund amount"), max_digits=14, decimal_places=2, default=0)
    tax_not_levied = models.DecimalField(verbose_name=_("tax not levied"), max_digits=12, decimal_places=2, default=0)
    quota_released = models.DecimalField(verbose_name=_("quota released"), max_digits=14, decimal_places=2, default=0)
    error_code = models.CharField(verbose_name=_("error code"), max_length=40, blank=True)
    message = models.CharField(verbose_name=_("message"), max_length=300, blank=True, help_text=_("why refused (zh)"))
    message_en = models.CharField(verbose_name=_("message en"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name, verbose_name_plural = _("return"), _("returns")

    def __str__(self):
        return f"{self.number} ({self.order.number}) {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class ReturnLine(models.Model):
    class Condition(models.TextChoices):
        PENDING = "pending", _("Not received yet")
        SELLABLE = "sellable", _("Sellable: back to the owner's bonded stock")
        DAMAGED = "damaged", _("Damaged: quarantined for destruction, never resold")

    request = models.ForeignKey(ReturnRequest, verbose_name=_("request"), on_delete=models.CASCADE,
                                related_name="lines")
    order_line = models.ForeignKey("orders.OrderLine", verbose_name=_("order line"), on_delete=models.PROTECT,
                                   related_name="+")
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"))
    dutiable_value = models.DecimalField(verbose_name=_("dutiable value"), max_digits=14, decimal_places=2,
                                         help_text=_("returned share: quota back"))
    tax = models.DecimalField(verbose_name=_("tax"), max_digits=12, decimal_places=2,
                              help_text=_("returned share of the tax: not levied"))
    refund_amount = models.DecimalField(verbose_name=_("refund amount"), max_digits=14, decimal_places=2)
    condition = models.CharField(verbose_name=_("condition"), max_length=10, choices=Condition.choices,
                                 default=Condition.PENDING)

    class Meta:
        ordering = ["request", "order_line__gnum"]
        verbose_name, verbose_name_plural = _("returned line"), _("returned lines")
        constraints = [models.UniqueConstraint(fields=["request", "order_line"], name="one_return_line_per_order_line")]

    def __str__(self):
        return f"line {self.order_line.gnum} × {self.quantity}"


class OrderCancellation(Order):
    """Orders as customer service sees them to cancel (a proxy: no table, writes via the services)."""

    class Meta:
        proxy = True
        verbose_name = _("order to cancel (customer service)")
        verbose_name_plural = _("orders to cancel (customer service)")
