"""Declarations (one row per customs message of an order), the outbox that delivers them, the
receipts that came back, and the built-in carrier's shipments with their tracking events.

The message XML holds the buyer's ID number, phone and address, so it is stored encrypted
(docs/rules.md, invariant 6); operators see a masked copy.
"""

from django.db import models

from haitao.common.crypto import EncryptedTextField


class DeclarationQuerySet(models.QuerySet):
    def for_order(self, order):
        return self.filter(order=order).order_by("id")


class Declaration(models.Model):
    """One declaration message (CEB311/411/511/621) of one order, as its sender sends it."""

    class Type(models.TextChoices):
        ORDER = "CEB311", "CEB311 order"
        PAYMENT = "CEB411", "CEB411 payment record"
        WAYBILL = "CEB511", "CEB511 waybill"
        INVENTORY = "CEB621", "CEB621 inventory list"

    class Sender(models.TextChoices):
        PLATFORM = "platform", "Platform / e-commerce enterprise"
        PAYMENT = "payment", "Payment company"
        CARRIER = "carrier", "Logistics company"

    class Status(models.TextChoices):
        BUILD_FAILED = "build_failed", "Could not be built (data error)"
        QUEUED = "queued", "Queued in the outbox"
        SENT = "sent", "Delivered to the customs client"
        ACCEPTED = "accepted", "Accepted by customs (120)"
        RELEASED = "released", "Released by customs (800)"
        REJECTED = "rejected", "Rejected"
        EXTERNAL = "external", "Sent by the sender itself"

    # Statuses only move up this ladder (receipts can arrive out of order); rejected is final.
    RANK = {Status.BUILD_FAILED: 0, Status.QUEUED: 1, Status.SENT: 2, Status.EXTERNAL: 2, Status.ACCEPTED: 3,
            Status.RELEASED: 4, Status.REJECTED: 5}

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="declarations")
    message_type = models.CharField(max_length=6, choices=Type.choices)
    sender_role = models.CharField(max_length=10, choices=Sender.choices)
    sender_code = models.CharField(max_length=18)
    sender_name = models.CharField(max_length=100)
    guid = models.CharField(max_length=36, unique=True, help_text="guid of the business record (OrderHead …)")
    message_guid = models.CharField(max_length=36, unique=True, help_text="guid of the CEBnnnMessage root")
    xml = EncryptedTextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    return_status = models.CharField(max_length=8, blank=True, help_text="last customs returnStatus")
    return_info = models.CharField(max_length=1000, blank=True)
    error_code = models.CharField(max_length=10, blank=True)
    buyer_message = models.CharField(max_length=300, blank=True, help_text="explanation shown to the buyer (zh)")
    buyer_message_en = models.CharField(max_length=300, blank=True)
    last_error = models.TextField(blank=True, help_text="why it could not be built (operators)")
    invt_no = models.CharField(max_length=18, blank=True, db_index=True)
    pre_no = models.CharField(max_length=18, blank=True)
    tax_bill = models.JSONField(default=dict, blank=True, help_text="CEB816 tax bill (CEB621 only)")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
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
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up; retry from the admin)"

    declaration = models.OneToOneField(Declaration, on_delete=models.CASCADE, related_name="outbox")
    filename = models.CharField(max_length=120, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "outbox message"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.filename} {self.status}"


class Receipt(models.Model):
    """One receipt record customs sent back (CEB312/412/512/622/816/900), kept as it came."""

    message_type = models.CharField(max_length=6)
    message_guid = models.CharField(max_length=36, help_text="guid of the receipt message")
    record_index = models.PositiveSmallIntegerField(default=0, help_text="position in a multi-record receipt")
    declaration = models.ForeignKey(Declaration, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="receipts")
    return_status = models.CharField(max_length=8, blank=True)
    return_info = models.CharField(max_length=1000, blank=True)
    return_time = models.CharField(max_length=17, blank=True)
    error_code = models.CharField(max_length=10, blank=True)
    filename = models.CharField(max_length=160, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["message_guid", "record_index"], name="one_receipt_record")]

    def __str__(self):
        return f"{self.message_type} {self.return_status}"


class Shipment(models.Model):
    """The parcel of one order with the carrier that sent the CEB511 waybill."""

    class Status(models.TextChoices):
        CREATED = "created", "Waybill created, awaiting release"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"

    order = models.OneToOneField("orders.Order", on_delete=models.PROTECT, related_name="shipment")
    logistics_code = models.CharField(max_length=18)
    logistics_name = models.CharField(max_length=100)
    waybill_no = models.CharField(max_length=60)
    weight_kg = models.DecimalField(max_digits=12, decimal_places=4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CREATED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["logistics_code", "waybill_no"], name="one_waybill_number")]

    def __str__(self):
        return f"{self.logistics_code} {self.waybill_no}"


class TrackingEvent(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    code = models.CharField(max_length=20)
    description = models.CharField(max_length=200)
    description_en = models.CharField(max_length=200)
    location = models.CharField(max_length=100, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["shipment", "occurred_at", "id"]
        constraints = [models.UniqueConstraint(fields=["shipment", "code"], name="one_tracking_event_per_code")]

    def __str__(self):
        return f"{self.code} {self.occurred_at:%Y-%m-%d %H:%M}"

