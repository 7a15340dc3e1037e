"""What the merchant portal shows one merchant (web and API read the same dicts): its offers, its
orders with their customs statuses, its returns and its settlements — and nothing else.

Every query starts from the merchant; a row of another merchant is "not found", never "forbidden",
so its existence is not disclosed either. The buyer is shown masked only (rules.identity: the name
partially, phone, ID number and address masked); the encrypted clear values are never read here.
Of an order that also holds another merchant's goods (before the split per seller), only this
merchant's lines and their sums are shown.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch

from haitao.catalog.models import Listing
from haitao.common.crypto import EncryptedTextField
from haitao.common.errors import NotFound
from haitao.declarations.models import Declaration
from haitao.inventory.models import Stock
from haitao.orders.models import Order
from haitao.returns.models import ReturnRequest
from haitao.rules.identity import mask_name

from .models import Settlement

PAGE = 200
# The clear personal data is never even loaded (reading it would decrypt it): masked copies only.
SECRETS = [f.name for f in Order._meta.fields if isinstance(f, EncryptedTextField)]
ZERO = Decimal("0.00")


def _stock_rows(merchant, sku_ids):
    rows = Stock.objects.filter(sku_id__in=sku_ids).select_related("warehouse")
    if any(f.name == "owner" for f in Stock._meta.get_fields()):  # stock per owner (issue 13's split)
        rows = rows.filter(owner=merchant)
    return rows


def offers(merchant) -> list[dict]:
    """The merchant's listings (price per brand) with stock per warehouse of each SKU."""
    listings = list(Listing.objects.filter(merchant=merchant).select_related("brand", "sku")
                    .order_by("sku__code", "brand__code")[:PAGE])
    stock: dict[int, list[dict]] = {}
    for row in _stock_rows(merchant, {x.sku_id for x in listings}).order_by("warehouse__code"):
        stock.setdefault(row.sku_id, []).append({"warehouse": row.warehouse.code, "on_hand": row.on_hand,
                                                 "allocated": row.allocated,
                                                 "available": row.on_hand - row.allocated})
    return [{"sku": x.sku.code, "title": x.sku.title, "brand": x.brand.code, "price": x.price,
             "visible": x.visible, "stock": stock.get(x.sku_id, [])} for x in listings]


def _buyer(order: Order) -> dict:
    return {"name": mask_name(order.buyer_name), "id_number": order.buyer_id_masked,
            "consignee": mask_name(order.consignee), "phone": order.consignee_phone_masked,
            "address": order.consignee_address_masked}


def _order_dict(order: Order, merchant, detail: bool) -> dict:
    mine = [line for line in order.lines.all() if line.merchant_id == merchant.pk]
    out = {"number": order.number, "brand": order.brand.code, "status": order.status,
           "status_label": str(order.get_status_display()), "mode": order.mode, "placed_at": order.placed_at,
           "paid_at": order.paid_at, "goods_value": sum((x.goods_value for x in mine), ZERO),
           "tax": sum((x.tax_total for x in mine), ZERO),
           "customs": [{"message": d.message_type, "status": d.status, "label": str(d.get_status_display())}
                       for d in order.declarations.all()]}
    if detail:
        out["buyer"] = _buyer(order)
        out["lines"] = [{"gnum": x.gnum, "sku": x.sku.code, "title": x.title, "quantity": x.quantity,
                         "unit_price": x.unit_price, "goods_value": x.goods_value, "tax": x.tax_total} for x in mine]
    return out


def _orders(merchant):
    return (Order.objects.filter(pk__in=Order.objects.filter(lines__merchant=merchant).values("pk"))
            .select_related("brand").defer(*SECRETS)
            .prefetch_related("lines__sku", Prefetch("declarations", Declaration.objects.defer("xml"))))


def orders(merchant) -> list[dict]:
    return [_order_dict(o, merchant, False) for o in _orders(merchant).order_by("-placed_at")[:PAGE]]


def order(merchant, number: str) -> dict:
    found = _orders(merchant).filter(number=number or "").first()
    if found is None:
        raise NotFound("order_not_found", "No such order of yours.", field="number")
    return _order_dict(found, merchant, True)


def returns(merchant) -> list[dict]:
    rows = (ReturnRequest.objects.filter(order__lines__merchant=merchant).distinct()
            .select_related("order").defer(*(f"order__{name}" for name in SECRETS))
            .prefetch_related("lines__order_line").order_by("-requested_at")[:PAGE])
    return [{"number": r.number, "order": r.order.number, "status": r.status, "status_label": str(r.get_status_display()),
             "requested_at": r.requested_at, "completed_at": r.completed_at, "reason": r.reason,
             "lines": [{"gnum": x.order_line.gnum, "quantity": x.quantity, "condition": x.condition,
                        "refund_amount": x.refund_amount}
                       for x in r.lines.all() if x.order_line.merchant_id == merchant.pk]} for r in rows]


def _settlement_dict(s: Settlement, detail: bool) -> dict:
    out = {"period": s.period, "status": s.status, "currency": s.currency, "cny_per_unit": s.cny_per_unit,
           "rate_date": s.rate_date, "rate_source": s.rate_source, "sales": s.sales, "refunds": s.refunds,
           "returns": s.returns, "net_sales": s.net_sales, "commission": s.commission,
           "tax_collected": s.tax_collected, "net_payable_cny": s.net_payable_cny, "net_payable": s.net_payable}
    if detail:
        out["lines"] = [{"kind": x.kind, "occurred_at": x.occurred_at, "order": x.order_number,
                         "reference": x.reference, "brand": x.brand.code,
                         "category": x.category.slug if x.category else "", "sku": x.sku_code,
                         "quantity": x.quantity, "goods": x.goods, "tax": x.tax,
                         "commission_rate": x.commission_rate, "commission": x.commission}
                        for x in s.lines.select_related("brand", "category")]
    return out


def settlements(merchant) -> list[dict]:
    return [_settlement_dict(s, False) for s in Settlement.objects.filter(merchant=merchant)[:PAGE]]


def settlement_of(merchant, period: str) -> Settlement:
    found = Settlement.objects.filter(merchant=merchant, period=period or "").first()
    if found is None:
        raise NotFound("settlement_not_found", "No settlement of yours for this period.", field="period")
    return found


def settlement(merchant, period: str) -> dict:
    return _settlement_dict(settlement_of(merchant, period), True)
