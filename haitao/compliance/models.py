"""The annual CBEC quota ledger, per person (keyed hash of the ID number) and calendar year."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


class QuotaAccount(models.Model):
    """Running totals per person and year. The conditional UPDATE on this row is what stops two
    concurrent orders (in any brands) from together passing the annual limit."""

    id_hash = models.CharField(verbose_name=_("ID number hash"), max_length=64)
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    # Whole fen (integers), so the limit comparison is exact on every database (SQLite has no decimal type).
    reserved_fen = models.BigIntegerField(verbose_name=_("reserved (fen)"), default=0)
    committed_fen = models.BigIntegerField(verbose_name=_("committed (fen)"), default=0)
    # Orders holding a reservation (unpaid): capped in the same conditional upsert as the amount.
    unpaid_orders = models.IntegerField(verbose_name=_("unpaid orders"), default=0)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quota account")
        verbose_name_plural = _("quota accounts")
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
        RESERVED = "reserved", _("Reserved")
        COMMITTED = "committed", _("Committed")
        RELEASED = "released", _("Released")

    order = models.OneToOneField("orders.Order", verbose_name=_("order"), null=True, blank=True,
                                 on_delete=models.CASCADE,
                                 related_name="quota_entry")
    external_ref = models.CharField(verbose_name=_("external ref"), max_length=80, blank=True,
                                    help_text=_("consolidated history: source platform and order number"))
    id_hash = models.CharField(verbose_name=_("ID number hash"), max_length=64, db_index=True)
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    amount = models.DecimalField(verbose_name=_("amount"), max_digits=14, decimal_places=2)
    state = models.CharField(verbose_name=_("state"), max_length=10, choices=State.choices, default=State.RESERVED)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quota entry")
        verbose_name_plural = _("quota entries")
        constraints = [
            models.UniqueConstraint(fields=["external_ref"], condition=~Q(external_ref=""),
                                    name="one_quota_entry_per_external_order"),
        ]


class PositiveListEntry(models.Model):
    """One 8-digit tariff line of the CBEC positive list, with its remarks (mode and other limits)."""

    code8 = models.CharField(verbose_name=_("8-digit code"), max_length=8, unique=True)
    description = models.CharField(verbose_name=_("description"), max_length=300)
    remarks = models.CharField(verbose_name=_("remarks"), max_length=500, blank=True)
    source = models.CharField(verbose_name=_("source"), max_length=120, blank=True,
                              help_text=_("which published list this row came from"))

    class Meta:
        verbose_name = _("positive list entry")
        verbose_name_plural = _("positive list")
        ordering = ["code8"]

    def __str__(self):
        return f"{self.code8} {self.description}"

