"""What `haitao consolidate` remembers: runs, the source → haitao mapping, and the operator review queue.

``SourceRecord`` is run-independent (platform + kind + source_id is unique) and written in the same
transaction as the objects it points at: a second run, or a run resumed after a crash, skips every
record that already has a row, so nothing is created twice.
"""

from django.db import models

from haitao.common.crypto import EncryptedTextField


class ConsolidationRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    platform = models.CharField(max_length=20)
    brand = models.ForeignKey("brands.Brand", on_delete=models.PROTECT, related_name="consolidation_runs")
    folder = models.CharField(max_length=500)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    counts = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.platform} → {self.brand.code} ({self.status}, {self.started_at:%Y-%m-%d %H:%M})"


class SourceRecord(models.Model):
    """One source record (merchant, product, customer, order) and the haitao object it became."""

    class Kind(models.TextChoices):
        MERCHANT = "merchant", "Merchant"
        PRODUCT = "product", "Product"
        CUSTOMER = "customer", "Customer"
        ORDER = "order", "Order"

    platform = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source_id = models.CharField(max_length=100)
    decision = models.CharField(max_length=10, help_text="matched/created/review, linked, imported")
    target = models.CharField(max_length=64, blank=True,
                              help_text="SKU code, customer id, merchant id or order id; empty while in review")
    score = models.FloatField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True, help_text="reasons, conflicts, notes (no personal data)")
    run = models.ForeignKey(ConsolidationRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["platform", "kind", "source_id"]
        constraints = [models.UniqueConstraint(fields=["platform", "kind", "source_id"],
                                               name="one_mapping_per_source_record")]

    def __str__(self):
        return f"{self.platform}:{self.kind}:{self.source_id} → {self.decision} {self.target}"


class ReviewItem(models.Model):
    """A product or customer the matcher could not decide: it waits here for an operator."""

    class Kind(models.TextChoices):
        PRODUCT = "product", "Product"
        CUSTOMER = "customer", "Customer"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted (merged)"
        REJECTED = "rejected", "Rejected (created new)"

    platform = models.CharField(max_length=20)
    brand = models.ForeignKey("brands.Brand", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source_id = models.CharField(max_length=100)
    source = models.JSONField(help_text="the source record; personal data masked")
    source_sealed = EncryptedTextField(blank=True, help_text="the full source record, encrypted")
    proposed = models.CharField(max_length=64, blank=True, help_text="SKU code or customer id proposed")
    candidates = models.JSONField(default=list, blank=True)
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    result = models.CharField(max_length=64, blank=True, help_text="what the decision produced")
    decided_by = models.CharField(max_length=60, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["state", "kind", "source_id"]
        constraints = [models.UniqueConstraint(fields=["platform", "kind", "source_id"],
                                               name="one_review_per_source_record")]

    def __str__(self):
        return f"{self.platform}:{self.kind}:{self.source_id} ({self.state})"
