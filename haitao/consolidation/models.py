"""What `haitao consolidate` remembers: runs, the source → haitao mapping, and the operator review queue.

``SourceRecord`` is run-independent (platform + kind + source_id is unique) and written in the same
transaction as the objects it points at: a second run, or a run resumed after a crash, skips every
record that already has a row, so nothing is created twice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from haitao.common.crypto import EncryptedTextField


class ConsolidationRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")

    platform = models.CharField(verbose_name=_("platform"), max_length=20)
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.PROTECT,
                              related_name="consolidation_runs")
    folder = models.CharField(verbose_name=_("folder"), max_length=500)
    started_at = models.DateTimeField(verbose_name=_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(verbose_name=_("finished at"), null=True, blank=True)
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    counts = models.JSONField(verbose_name=_("counts"), default=dict, blank=True)
    error = models.CharField(verbose_name=_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("consolidation run")
        verbose_name_plural = _("consolidation runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.platform} → {self.brand.code} ({self.status}, {self.started_at:%Y-%m-%d %H:%M})"


class SourceRecord(models.Model):
    """One source record (merchant, product, customer, order) and the haitao object it became."""

    class Kind(models.TextChoices):
        MERCHANT = "merchant", _("Merchant")
        PRODUCT = "product", _("Product")
        CUSTOMER = "customer", _("Customer")
        ORDER = "order", _("Order")

    platform = models.CharField(verbose_name=_("platform"), max_length=20)
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    source_id = models.CharField(verbose_name=_("source id"), max_length=100)
    decision = models.CharField(verbose_name=_("decision"), max_length=10,
                                help_text=_("matched/created/review, linked, imported"))
    target = models.CharField(verbose_name=_("target"), max_length=64, blank=True,
                              help_text=_("SKU code, customer id, merchant id or order id; empty while in review"))
    score = models.FloatField(verbose_name=_("score"), null=True, blank=True)
    detail = models.JSONField(verbose_name=_("detail"), default=dict, blank=True,
                              help_text=_("reasons, conflicts, notes (no personal data)"))
    run = models.ForeignKey(ConsolidationRun, verbose_name=_("run"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        ordering = ["platform", "kind", "source_id"]
        constraints = [models.UniqueConstraint(fields=["platform", "kind", "source_id"],
                                               name="one_mapping_per_source_record")]

    def __str__(self):
        return f"{self.platform}:{self.kind}:{self.source_id} → {self.decision} {self.target}"


class ReviewItem(models.Model):
    """A product or customer the matcher could not decide: it waits here for an operator."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        CUSTOMER = "customer", _("Customer")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted (merged)")
        REJECTED = "rejected", _("Rejected (created new)")

    platform = models.CharField(verbose_name=_("platform"), max_length=20)
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    source_id = models.CharField(verbose_name=_("source id"), max_length=100)
    source = models.JSONField(verbose_name=_("source"), help_text=_("the source record; personal data masked"))
    source_sealed = EncryptedTextField(verbose_name=_("sealed source record"), blank=True,
                                       help_text=_("the full source record, encrypted"))
    proposed = models.CharField(verbose_name=_("proposed"), max_length=64, blank=True,
                                help_text=_("SKU code or customer id proposed"))
    candidates = models.JSONField(verbose_name=_("candidates"), default=list, blank=True)
    score = models.FloatField(verbose_name=_("score"), null=True, blank=True)
    reasons = models.JSONField(verbose_name=_("reasons"), default=list, blank=True)
    state = models.CharField(verbose_name=_("state"), max_length=10, choices=State.choices, default=State.PENDING,
                             db_index=True)
    result = models.CharField(verbose_name=_("result"), max_length=64, blank=True,
                              help_text=_("what the decision produced"))
    decided_by = models.CharField(verbose_name=_("decided by"), max_length=60, blank=True)
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["state", "kind", "source_id"]
        constraints = [models.UniqueConstraint(fields=["platform", "kind", "source_id"],
                                               name="one_review_per_source_record")]

    def __str__(self):
        return f"{self.platform}:{self.kind}:{self.source_id} ({self.state})"
