"""Warehouses and stock. `available = on_hand - allocated` is never negative (docs/rules.md, invariant 1)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from haitao.rules.positive_list import mode_of_warehouse


class Warehouse(models.Model):
    class Kind(models.TextChoices):
        BONDED = "bonded", _("Bonded (1210)")
        OVERSEAS = "overseas", _("Overseas (9610 direct mail)")

    code = models.SlugField(verbose_name=_("code"), max_length=40, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=120)
    name_en = models.CharField(verbose_name=_("English name"), max_length=120)
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    country = models.CharField(verbose_name=_("country"), max_length=2,
                               help_text=_("ISO 3166-1 alpha-2 of where it stands"))
    city = models.CharField(verbose_name=_("city"), max_length=60)
    customs_code = models.CharField(verbose_name=_("customs code"), max_length=4,
                                    help_text=_("customs district code, e.g. 2991"))
    port_code = models.CharField(verbose_name=_("port code"), max_length=4, help_text=_("port code of entry/exit"))
    area_code = models.CharField(verbose_name=_("area code"), max_length=18, blank=True,
                                 help_text=_("bonded: in-zone warehouse company code"))
    area_name = models.CharField(verbose_name=_("area name"), max_length=100, blank=True)
    ems_no = models.CharField(verbose_name=_("account-book number"), max_length=30, blank=True,
                              help_text=_("bonded account-book number"))
    priority = models.PositiveSmallIntegerField(verbose_name=_("priority"), default=10,
                                                help_text=_("lower ships first within its kind"))
    active = models.BooleanField(verbose_name=_("active"), default=True)

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ["priority", "code"]

    def __str__(self):
        return self.name_en

    @property
    def mode(self) -> str:
        """The customs trade mode an order shipped from here is declared under."""
        return mode_of_warehouse(self.kind)


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, verbose_name=_("warehouse"), on_delete=models.PROTECT,
                                  related_name="stocks")
    sku = models.ForeignKey("catalog.Sku", verbose_name=_("SKU"), on_delete=models.PROTECT, related_name="stocks")
    on_hand = models.PositiveIntegerField(verbose_name=_("on hand"), default=0)
    allocated = models.PositiveIntegerField(verbose_name=_("allocated"), default=0)
    item_record_no = models.CharField(verbose_name=_("item record no"), max_length=30, blank=True,
                                      help_text=_("bonded account-book item number"))
    quarantined = models.PositiveIntegerField(
        verbose_name=_("quarantined"), default=0,
        help_text=_("returned damaged units held for destruction; never on hand, never sold"))

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stocks")
        ordering = ["warehouse", "sku"]
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "sku"], name="one_stock_row_per_warehouse_sku"),
            models.CheckConstraint(condition=Q(allocated__lte=F("on_hand")), name="stock_never_oversold"),
        ]

    def __str__(self):
        return f"{self.sku.code}@{self.warehouse.code}: {self.available}/{self.on_hand}"

    @property
    def available(self) -> int:
        return self.on_hand - self.allocated


class Allocation(models.Model):
    """Units of one order line held in one stock row; released on cancel, consumed on shipment."""

    order_line = models.ForeignKey("orders.OrderLine", verbose_name=_("order line"), on_delete=models.CASCADE,
                                   related_name="allocations")
    stock = models.ForeignKey(Stock, verbose_name=_("stock"), on_delete=models.PROTECT, related_name="allocations")
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"))
    released = models.BooleanField(verbose_name=_("released"), default=False)
    shipped = models.BooleanField(verbose_name=_("shipped"), default=False)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [models.UniqueConstraint(fields=["order_line", "stock"], name="one_allocation_per_line_stock")]
