"""Which rows of each model a staff user may see: the brand scope, as one table of paths.

A model's rows belong to the brands its path leads to; SHARED models (the catalog every brand sells
from, warehouses, the positive list) are visible to anyone whose role may view them. A model in
neither table is fail-closed: a brand-scoped operator sees none of its rows.
"""

from django.db.models import QuerySet

# model label -> lookup path to brands.Brand ("pk" for the brand itself)
BRAND_PATHS = {
    "brands.Brand": "pk",
    "catalog.Listing": "brand",
    "checkout.Cart": "brand",
    "checkout.CartLine": "cart__brand",
    "orders.Order": "brand",
    "orders.Purchase": "brand",
    "orders.OrderLine": "order__brand",
    "orders.OrderEvent": "order__brand",
    "payments.Payment": "order__brand",
    "payments.PaymentCallback": "payment__order__brand",
    "payments.Refund": "order__brand",
    "payments.PaymentDeclaration": "payment__order__brand",
    "payments.LedgerEntry": "order__brand",
    "declarations.TaxBillCheck": "order__brand",
    "returns.ReturnRequest": "order__brand",
    "returns.OrderCancellation": "brand",
    "compliance.QuotaEntry": "order__brand",
    "inventory.Allocation": "order_line__order__brand",
    "declarations.Declaration": "order__brand",
    "declarations.OutboxMessage": "declaration__order__brand",
    "declarations.Receipt": "declaration__order__brand",
    "declarations.Shipment": "order__brand",
    "declarations.TrackingEvent": "shipment__order__brand",
    "consolidation.ConsolidationRun": "brand",
    "consolidation.ReviewItem": "brand",
    # Customers are shared across brands: an operator sees those who bought in one of theirs.
    "accounts.Customer": "orders__brand",
    "accounts.Identity": "customer__orders__brand",
    "accounts.Address": "customer__orders__brand",
    # Stock is shared by every brand: visible where the SKU is listed in one of theirs.
    "inventory.Stock": "sku__listings__brand",
    "inventory.StockMovement": "stock__sku__listings__brand",
    "operators.AuditEntry": None,  # filtered by brand_code below
}
# Paths that cross a to-many relation are filtered through a subquery so no row appears twice.
MANY = {"accounts.Customer", "accounts.Identity", "accounts.Address", "inventory.Stock", "inventory.StockMovement"}
SHARED = {"catalog.Sku", "catalog.Category", "catalog.Synonym", "brands.Merchant", "inventory.Warehouse",
          "compliance.PositiveListEntry"}


def limit(qs: QuerySet, brand_ids) -> QuerySet:
    """`qs` cut to the rows of `brand_ids` (None = every brand)."""
    label = qs.model._meta.label
    if brand_ids is None or label in SHARED:
        return qs
    if label == "operators.AuditEntry":
        from haitao.brands.models import Brand  # noqa: PLC0415  (brand codes, not ids, are logged)

        return qs.filter(brand_code__in=Brand.objects.filter(pk__in=brand_ids).values("code"))
    path = BRAND_PATHS.get(label)
    if path is None:
        return qs.none()
    lookup = {f"{path}__in": list(brand_ids)}
    if label in MANY:
        return qs.filter(pk__in=qs.model._base_manager.filter(**lookup).values("pk"))
    return qs.filter(**lookup)


def brand_of(obj):
    """The brand ids `obj` belongs to (a set); None for a shared model."""
    label = obj._meta.label
    if label in SHARED:
        return None
    path = BRAND_PATHS.get(label)
    if path is None:
        return set()
    lookup = "pk" if path == "pk" else f"{path}__pk"
    return set(type(obj)._base_manager.filter(pk=obj.pk).values_list(lookup, flat=True)) - {None}
