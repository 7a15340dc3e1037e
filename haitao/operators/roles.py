"""The operator roles as Django groups, kept in step with this table after every migrate (and by
`haitao roles sync`). A permission not listed here is not granted: new models stay closed to every
role but the platform admin until someone decides who may see them."""

from django.apps import apps as global_apps
from django.db import transaction

PLATFORM_ADMIN = "platform admin"
BRAND_OPERATOR = "brand operator"
CUSTOMER_SERVICE = "customer service"
FINANCE = "finance"


def _view(*labels):
    return [f"{label.split('.')[0]}.view_{label.split('.')[1].lower()}" for label in labels]


def _change(*labels):
    return [f"{label.split('.')[0]}.change_{label.split('.')[1].lower()}" for label in labels]


ORDER_READ = _view("orders.Purchase", "orders.Order", "orders.OrderLine", "orders.OrderEvent")
CUSTOMER_READ = _view("accounts.Customer", "accounts.Identity", "accounts.Address")
CATALOG_READ = _view("catalog.Sku", "catalog.Category", "brands.Merchant")

ROLES: dict[str, list[str]] = {
    # Their brands: listings and prices, orders, the customers who bought there, their dashboard.
    BRAND_OPERATOR: [
        *_view("brands.Brand", "catalog.Listing", "inventory.Stock", "inventory.StockMovement", "inventory.Warehouse",
               "declarations.Shipment",
               "declarations.TrackingEvent", "returns.ReturnRequest"),
        *_change("catalog.Listing", "orders.Order"),
        *CATALOG_READ, *ORDER_READ, *CUSTOMER_READ,
        "operators.view_dashboard",
    ],
    # Orders and the people behind them; refunds up to their own limit (OperatorProfile.refund_limit).
    CUSTOMER_SERVICE: [
        *ORDER_READ, *_change("orders.Order"), *CUSTOMER_READ, *CATALOG_READ,
        *_view("catalog.Listing", "payments.Payment", "payments.Refund", "declarations.Declaration",
               "returns.ReturnRequest", "returns.OrderCancellation", "declarations.Shipment",
               "declarations.TrackingEvent", "compliance.QuotaEntry"),
        "operators.refund_order", "operators.reveal_id_number",
    ],
    # Payments, tax (order lines, CEB816 tax bills on the inventory declarations) and settlements.
    FINANCE: [
        *ORDER_READ,
        *_view("payments.Payment", "payments.PaymentCallback", "payments.Refund", "payments.PaymentDeclaration",
               "payments.LedgerEntry", "declarations.Declaration",
               "declarations.Receipt", "declarations.TaxBillCheck", "returns.ReturnRequest",
               "compliance.QuotaEntry", "brands.Brand", "brands.Merchant"),
        "operators.view_dashboard",
    ],
}


def _permission_ids(Permission, codes):
    wanted = {tuple(code.split(".", 1)) for code in codes}
    found = {(p.content_type.app_label, p.codename): p.pk
             for p in Permission.objects.select_related("content_type")}
    missing = wanted - found.keys()
    if missing:  # a table entry that names no permission is a bug in this file, not something to skip
        raise LookupError(f"unknown permissions in roles.py: {sorted('.'.join(m) for m in missing)}")
    return [found[w] for w in wanted]


@transaction.atomic
def sync_groups(apps=global_apps) -> dict[str, int]:
    """Create or update the four groups; the platform admin gets every permission there is."""
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    out = {}
    admin_group, _ = Group.objects.get_or_create(name=PLATFORM_ADMIN)
    admin_group.permissions.set(Permission.objects.all())
    out[PLATFORM_ADMIN] = admin_group.permissions.count()
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permission_ids(Permission, codes))
        out[name] = len(codes)
    return out


def sync_after_migrate(sender, app_config=None, **kwargs):
    # post_migrate fires once per app; the permissions of every app exist only after the last one.
    if app_config is not None and app_config is list(global_apps.get_app_configs())[-1]:
        sync_groups()
