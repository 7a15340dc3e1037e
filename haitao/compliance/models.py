"""The annual CBEC quota ledger, per person (keyed hash of the ID number) and calendar year."""

from decimal import Decimal

from django.db import models
from django.db.models import Q


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


class QuotaAccount(models.Model):
    """Running totals per person and year. The conditional UPDATE on this row is what stops two
    concurrent orders (in any brands) from together passing the annual limit."""

    id_hash = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField()
    # Whole fen (integers), so the limit comparison is exact on every database (SQLite has no decimal type).
    reserved_fen = models.BigIntegerField(default=0)
    committed_fen = models.BigIntegerField(default=0)
    # Orders holding a reservation (unpaid): capped in the same conditional upsert as the amount.
    unpaid_orders = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["id_hash", "year"], name="one_quota_account_per_person_year"),
            models.CheckConstraint(condition=Q(reserved_fen__gte=0) & Q(committed_fen__gte=0),
                                   name="quota_non_negative"),
        ]

    def __str__(self):
        return f"{self.id_hash[:10]}… {self.year}: {self.used}"

    @property
    def reserved(self) -> Decimal:
        return yuan(self.reserved_fen)

    @property
    def committed(self) -> Decimal:
        return yuan(self.committed_fen)

    @property
    def used(self) -> Decimal:
        return yuan(self.reserved_fen + self.committed_fen)


class QuotaEntry(models.Model):
    """One order's claim on the quota: reserved when placed → committed when paid → released."""

    class State(models.TextChoices):
        RESERVED = "reserved", "Reserved"
        COMMITTED = "committed", "Committed"
        RELEASED = "released", "Released"

    order = models.OneToOneField("orders.Order", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="quota_entry")
    external_ref = models.CharField(max_length=80, blank=True,
                                    help_text="consolidated history: source platform and order number")
    id_hash = models.CharField(max_length=64, db_index=True)
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RESERVED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "quota entries"
        constraints = [
            models.UniqueConstraint(fields=["external_ref"], condition=~Q(external_ref=""),
                                    name="one_quota_entry_per_external_order"),
        ]


class PositiveListEntry(models.Model):
    """One 8-digit tariff line of the CBEC positive list, with its remarks (mode and other limits)."""

    code8 = models.CharField(max_length=8, unique=True)
    description = models.CharField(max_length=300)
    remarks = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=120, blank=True, help_text="which published list this row came from")

    class Meta:
        ordering = ["code8"]
        verbose_name_plural = "positive list"

    def __str__(self):
        return f"{self.code8} {self.description}"

