"""Warehouses and stock. `available = on_hand - allocated` is never negative (docs/rules.md, invariant 1)."""

from django.db import models
from django.db.models import F, Q

from haitao.rules.positive_list import mode_of_warehouse


class Warehouse(models.Model):
    class Kind(models.TextChoices):
        BONDED = "bonded", "Bonded (1210)"
        OVERSEAS = "overseas", "Overseas (9610 direct mail)"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 of where it stands")
    city = models.CharField(max_length=60)
    customs_code = models.CharField(max_length=4, help_text="customs district code, e.g. 2991")
    port_code = models.CharField(max_length=4, help_text="port code of entry/exit")
    area_code = models.CharField(max_length=18, blank=True, help_text="bonded: in-zone warehouse company code")
    area_name = models.CharField(max_length=100, blank=True)
    ems_no = models.CharField(max_length=30, blank=True, help_text="bonded account-book number")
    priority = models.PositiveSmallIntegerField(default=10, help_text="lower ships first within its kind")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["priority", "code"]

    def __str__(self):
        return self.name_en

    @property
    def mode(self) -> str:
        """The customs trade mode an order shipped from here is declared under."""
        return mode_of_warehouse(self.kind)


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="stocks")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="stocks")
    on_hand = models.PositiveIntegerField(default=0)
    allocated = models.PositiveIntegerField(default=0)
    item_record_no = models.CharField(max_length=30, blank=True, help_text="bonded account-book item number")

    class Meta:
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

    order_line = models.ForeignKey("orders.OrderLine", on_delete=models.CASCADE, related_name="allocations")
    stock = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="allocations")
    quantity = models.PositiveIntegerField()
    released = models.BooleanField(default=False)
    shipped = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order_line", "stock"], name="one_allocation_per_line_stock")]
