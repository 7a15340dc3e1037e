"""The purchase as the buyer sees it: before paying (the planned split) and after (the placed
customs orders). One shape for both, used by the API and the storefront, so the buyer is shown the
same split they then pay for (docs/marketplace.md). Reads only."""

from decimal import Decimal

from django.utils import timezone

from haitao.common.errors import NotFound
from haitao.compliance import quota as quota_ledger
from haitao.inventory.models import Warehouse
from haitao.rules.quota import quota_year

from .models import Order, Purchase
from .plan import Plan, plan
from .request import _listings, _merge_items

ZERO = Decimal("0.00")


def preview(brand, customer, items, now=None) -> Plan:
    """The customs orders ``items`` (sku code, quantity) would be placed as now, each priced, against the
    buyer's annual usage. Raises what placement would (unknown SKU, out of stock, over a limit)."""
    now = now or timezone.now()
    wanted = _merge_items(items)
    listings = _listings(brand, wanted, now)
    identity = getattr(customer, "identity", None) if customer else None
    used = quota_ledger.used(identity.id_hash, quota_year(now)) if identity else ZERO
    return plan(brand, listings, wanted, used, timezone.localdate(now))


def _totals(orders: list[dict], number: str | None) -> dict:
    def total(key):
        return sum((o[key] for o in orders), ZERO)

    return {"number": number, "order_count": len(orders), "goods_value": total("goods_value"),
            "freight": total("freight"), "tax_total": total("tax_total"), "actual_paid": total("actual_paid"),
            "orders": orders}


def plan_summary(the_plan: Plan) -> dict:
    """The split before paying: sub-orders without numbers, the purchase total paid once."""
    codes = dict(Warehouse.objects.filter(id__in={o.warehouse_id for o in the_plan.orders})
                 .values_list("id", "code"))
    orders = [{"number": None, "status": None, "seller": planned.seller.name, "seller_code": planned.seller.code,
               "warehouse": codes[planned.warehouse_id], "mode": planned.mode,
               "goods_value": planned.quote.goods_value, "freight": planned.quote.freight,
               "tax_total": planned.quote.tax_total, "actual_paid": planned.quote.actual_paid,
               "items": [{"sku": sku, "title": title, "quantity": quantity} for sku, title, quantity in planned.items]}
              for planned in the_plan.orders]
    return _totals(orders, None)


def purchase_summary(purchase: Purchase) -> dict:
    """A placed purchase and its customs orders. A just-placed one carries them (placed_orders, each with
    its placed_lines) and costs no read-back."""
    placed = getattr(purchase, "placed_orders", None)
    if placed is None:
        placed = list(purchase.orders.select_related("seller", "warehouse").order_by("id"))
    return _totals([_order_row(order) for order in placed], purchase.number)


def _order_row(order: Order) -> dict:
    lines = getattr(order, "placed_lines", None)
    if lines is None:
        lines = list(order.lines.select_related("sku").order_by("gnum"))
    seller = order.seller
    return {"number": order.number, "status": order.status, "seller": seller.name if seller else "",
            "seller_code": seller.code if seller else "", "warehouse": order.warehouse.code, "mode": order.mode,
            "goods_value": order.goods_value, "freight": order.freight, "tax_total": order.tax_total,
            "actual_paid": order.actual_paid,
            "items": [{"sku": line.sku.code, "title": line.title, "quantity": line.quantity} for line in lines]}


def customer_purchase(customer, number: str) -> Purchase:
    purchase = Purchase.objects.filter(number=number).first()
    if purchase is None or purchase.customer_id != customer.id:
        # Someone else's purchase reads as not found, so numbers cannot be probed.
        raise NotFound("purchase_not_found", "No such purchase in your account.", field="purchase")
    return purchase
