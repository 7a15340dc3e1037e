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
    """One owner's units of one SKU in one warehouse. In a bonded warehouse this is one item of the
    customs account book (itemRecordNo): the goods and their account belong to the seller of record
    who sells them (rule 10), so two merchants selling one SKU there hold two rows, two items."""

    owner = models.ForeignKey("brands.Merchant", verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="stocks", help_text=_("the merchant who owns these goods"))
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
        ordering = ["warehouse", "sku", "owner"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "warehouse", "sku"], name="one_stock_row_per_owner_warehouse_sku"),
            models.UniqueConstraint(fields=["warehouse", "item_record_no"], condition=~Q(item_record_no=""),
                                    name="one_account_book_item_per_stock_row"),
            models.CheckConstraint(condition=Q(allocated__lte=F("on_hand")), name="stock_never_oversold"),
        ]

    def __str__(self):
        return f"{self.sku.code}@{self.warehouse.code}/{self.owner.code}: {self.available}/{self.on_hand}"

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


class StockMovement(models.Model):
    """The account book's movements of one stock row (owner × warehouse × SKU): what came in, went out
    with a parcel, came back, was destroyed, or was counted differently. Every change of ``on_hand``
    and ``quarantined`` writes one, so the book reconciles with the stock row (inventory.ledger)."""

    class Kind(models.TextChoices):
        IN = "in", _("In (received)")
        OUT = "out", _("Out (sold and shipped)")
        RETURNED = "returned", _("Returned (sellable)")
        QUARANTINED = "quarantined", _("Returned damaged (quarantined)")
        DESTROYED = "destroyed", _("Destroyed")
        ADJUSTED = "adjusted", _("Count adjusted")

    stock = models.ForeignKey(Stock, verbose_name=_("stock"), on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(verbose_name=_("kind"), max_length=12, choices=Kind.choices)
    quantity = models.IntegerField(verbose_name=_("quantity"),
                                   help_text=_("units, signed: what the movement adds to its column"))
    order_line = models.ForeignKey("orders.OrderLine", verbose_name=_("order line"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(verbose_name=_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["stock", "id"]

    def __str__(self):
        return f"{self.kind} {self.quantity:+d}"
