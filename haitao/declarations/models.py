"""Declarations (one row per customs message of an order), the outbox that delivers them, the
receipts that came back, and the built-in carrier's shipments with their tracking events.

The message XML holds the buyer's ID number, phone and address, so it is stored encrypted
(docs/rules.md, invariant 6); operators see a masked copy.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from haitao.common.crypto import EncryptedTextField


class DeclarationQuerySet(models.QuerySet):
    def for_order(self, order):
        return self.filter(order=order).order_by("id")


class Declaration(models.Model):
    """One declaration message (CEB311/411/511/621/623/625) of one order, as its sender sends it.
    Customs takes one cancellation and one return request per list (-623009, -625033), hence one
    row per type still holds."""

    class Type(models.TextChoices):
        ORDER = "CEB311", _("CEB311 order")
        PAYMENT = "CEB411", _("CEB411 payment record")
        WAYBILL = "CEB511", _("CEB511 waybill")
        INVENTORY = "CEB621", _("CEB621 inventory list")
        CANCEL = "CEB623", _("CEB623 cancellation request")
        RETURN = "CEB625", _("CEB625 return request")

    class Sender(models.TextChoices):
        PLATFORM = "platform", _("Platform / e-commerce enterprise")
        PAYMENT = "payment", _("Payment company")
        CARRIER = "carrier", _("Logistics company")

    class Status(models.TextChoices):
        BUILD_FAILED = "build_failed", _("Could not be built (data error)")
        QUEUED = "queued", _("Queued in the outbox")
        SENT = "sent", _("Delivered to the customs client")
        ACCEPTED = "accepted", _("Accepted by customs (120)")
        RELEASED = "released", _("Released by customs (800)")
        REJECTED = "rejected", _("Rejected")
        EXTERNAL = "external", _("Sent by the sender itself")

    # Statuses only move up this ladder (receipts can arrive out of order); rejected is final.
    RANK = {Status.BUILD_FAILED: 0, Status.QUEUED: 1, Status.SENT: 2, Status.EXTERNAL: 2, Status.ACCEPTED: 3,
            Status.RELEASED: 4, Status.REJECTED: 5}

    order = models.ForeignKey("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT,
                              related_name="declarations")
    message_type = models.CharField(verbose_name=_("message type"), max_length=6, choices=Type.choices)
    sender_role = models.CharField(verbose_name=_("sender role"), max_length=10, choices=Sender.choices)
    sender_code = models.CharField(verbose_name=_("sender code"), max_length=18)
    sender_name = models.CharField(verbose_name=_("sender name"), max_length=100)
    guid = models.CharField(verbose_name=_("GUID"), max_length=36, unique=True,
                            help_text=_("guid of the business record (OrderHead …)"))
    message_guid = models.CharField(verbose_name=_("message GUID"), max_length=36, unique=True,
                                    help_text=_("guid of the CEBnnnMessage root"))
    xml = EncryptedTextField(verbose_name=_("XML"), blank=True)
    status = models.CharField(verbose_name=_("status"), max_length=12, choices=Status.choices, db_index=True)
    return_status = models.CharField(verbose_name=_("return status"), max_length=8, blank=True,
                                     help_text=_("last customs returnStatus"))
    return_info = models.CharField(verbose_name=_("return info"), max_length=1000, blank=True)
    error_code = models.CharField(verbose_name=_("error code"), max_length=10, blank=True)
    buyer_message = models.CharField(verbose_name=_("buyer message"), max_length=300, blank=True,
                                     help_text=_("explanation shown to the buyer (zh)"))
    buyer_message_en = models.CharField(verbose_name=_("buyer message (English)"), max_length=300, blank=True)
    last_error = models.TextField(verbose_name=_("last error"), blank=True,
                                  help_text=_("why it could not be built (operators)"))
    invt_no = models.CharField(verbose_name=_("inventory list number"), max_length=18, blank=True, db_index=True)
    pre_no = models.CharField(verbose_name=_("pre-entry number"), max_length=18, blank=True)
    tax_bill = models.JSONField(verbose_name=_("tax bill"), default=dict, blank=True,
                                help_text=_("CEB816 tax bill (CEB621 only)"))
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["order", "message_type"], name="one_declaration_per_type")]

    def __str__(self):
        return f"{self.message_type} {self.order.number} {self.status}"

    @property
    def filename(self) -> str:
        """Export name, ``CEB311_HT20261125000123.xml``."""
        return f"{self.message_type}_{self.order.number}.xml"


class OutboxMessage(models.Model):
    """A declaration waiting to be (or already) handed to the customs client. Written in the same
    transaction as the declaration; delivered by the worker; never re-made, so a retry re-sends the
    same bytes under the same guid and file name."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up; retry from the admin)")

    declaration = models.OneToOneField(Declaration, verbose_name=_("declaration"), on_delete=models.CASCADE,
                                       related_name="outbox")
    filename = models.CharField(verbose_name=_("filename"), max_length=120, unique=True)
    status = models.CharField(verbose_name=_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(verbose_name=_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(verbose_name=_("next attempt at"), db_index=True)
    last_error = models.TextField(verbose_name=_("last error"), blank=True)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.filename} {self.status}"


class Receipt(models.Model):
    """One receipt record customs sent back (CEB312/412/512/622/816/900), kept as it came."""

    message_type = models.CharField(verbose_name=_("message type"), max_length=6)
    message_guid = models.CharField(verbose_name=_("message GUID"), max_length=36,
                                    help_text=_("guid of the receipt message"))
    record_index = models.PositiveSmallIntegerField(verbose_name=_("record index"), default=0,
                                                    help_text=_("position in a multi-record receipt"))
    declaration = models.ForeignKey(Declaration, verbose_name=_("declaration"), null=True, blank=True,
                                    on_delete=models.SET_NULL,
                                    related_name="receipts")
    return_status = models.CharField(verbose_name=_("return status"), max_length=8, blank=True)
    return_info = models.CharField(verbose_name=_("return info"), max_length=1000, blank=True)
    return_time = models.CharField(verbose_name=_("return time"), max_length=17, blank=True)
    error_code = models.CharField(verbose_name=_("error code"), max_length=10, blank=True)
    filename = models.CharField(verbose_name=_("filename"), max_length=160, blank=True)
    received_at = models.DateTimeField(verbose_name=_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["message_guid", "record_index"], name="one_receipt_record")]

    def __str__(self):
        return f"{self.message_type} {self.return_status}"


class TaxBillCheck(models.Model):
    """A customs tax bill (CEB816) set against the tax haitao withheld from the buyer. The platform
    guarantees the tax (assureCode), so any gap is the operator's to settle."""

    order = models.OneToOneField("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT,
                                 related_name="tax_bill_check")
    invt_no = models.CharField(verbose_name=_("inventory list number"), max_length=18)
    tax_no = models.CharField(verbose_name=_("tax no"), max_length=40, blank=True)
    withheld = models.DecimalField(verbose_name=_("withheld"), max_digits=14, decimal_places=2,
                                   help_text=_("taxTotal charged to the buyer"))
    billed = models.DecimalField(verbose_name=_("billed"), max_digits=14, decimal_places=2,
                                 help_text=_("duty + VAT + CT on the CEB816"))
    difference = models.DecimalField(verbose_name=_("difference"), max_digits=14, decimal_places=2,
                                     help_text=_("billed − withheld"))
    lines = models.JSONField(verbose_name=_("lines"), default=list, blank=True,
                             help_text=_("per gnum: withheld, billed"))
    received_at = models.DateTimeField(verbose_name=_("received at"), db_index=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name, verbose_name_plural = _("customs tax bill check"), _("customs tax bill checks")

    def __str__(self):
        return f"{self.invt_no}: billed {self.billed}, withheld {self.withheld}"

    @property
    def mismatch(self) -> bool:
        return self.difference != 0


class Shipment(models.Model):
    """The parcel of one order with the carrier that sent the CEB511 waybill."""

    class Status(models.TextChoices):
        CREATED = "created", _("Waybill created, awaiting release")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    order = models.OneToOneField("orders.Order", verbose_name=_("order"), on_delete=models.PROTECT,
                                 related_name="shipment")
    logistics_code = models.CharField(verbose_name=_("logistics code"), max_length=18)
    logistics_name = models.CharField(verbose_name=_("logistics name"), max_length=100)
    # Receipts name their parcel by waybill number (receipts._by_guid's fallback): without an index each
    # receipt read every shipment (616M rows read in one flash-sale run's declaration drain).
    waybill_no = models.CharField(verbose_name=_("waybill number"), max_length=60, db_index=True)
    weight_kg = models.DecimalField(verbose_name=_("weight (kg)"), max_digits=12, decimal_places=4)
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices,
                              default=Status.CREATED, db_index=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    shipped_at = models.DateTimeField(verbose_name=_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(verbose_name=_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["logistics_code", "waybill_no"], name="one_waybill_number")]

    def __str__(self):
        return f"{self.logistics_code} {self.waybill_no}"


class TrackingEvent(models.Model):
    shipment = models.ForeignKey(Shipment, verbose_name=_("shipment"), on_delete=models.CASCADE,
                                 related_name="events")
    code = models.CharField(verbose_name=_("code"), max_length=20)
    description = models.CharField(verbose_name=_("description"), max_length=200)
    description_en = models.CharField(verbose_name=_("English description"), max_length=200)
    location = models.CharField(verbose_name=_("location"), max_length=100, blank=True)
    occurred_at = models.DateTimeField(verbose_name=_("occurred at"))

    class Meta:
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        ordering = ["shipment", "occurred_at", "id"]
        constraints = [models.UniqueConstraint(fields=["shipment", "code"], name="one_tracking_event_per_code")]

    def __str__(self):
        return f"{self.code} {self.occurred_at:%Y-%m-%d %H:%M}"



class DeclareTask(models.Model):
    """The outbox row of a paid order whose customs documents are still to be built: written in the
    payment callback's transaction (one INSERT, so a paid order is never forgotten), consumed by the
    worker, which builds, validates and signs CEB311/411/511 in a transaction of its own. One per
    order (unique), so a paid order is declared once however often the worker runs or crashes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")

    order = models.OneToOneField("orders.Order", verbose_name=_("order"), on_delete=models.CASCADE,
                                 related_name="declare_task")
    status = models.CharField(verbose_name=_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(verbose_name=_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(verbose_name=_("next attempt at"))
    last_error = models.TextField(verbose_name=_("last error"), blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"))
    done_at = models.DateTimeField(verbose_name=_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("declare task")
        verbose_name_plural = _("declare tasks")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="declare_task_due")]

    def __str__(self):
        return f"declare order {self.order_id} {self.status}"
