"""What the brand offers of a SKU: its listing at the source's price, and the source's stock.

A listing the positive list or the consumption-tax rule refuses is created invisible and noted (an
operator completes the SKU and shows it). Warehouses the export names that haitao does not know are
created as inactive overseas warehouses: their customs codes must be filled in before they ship.
Stock arrives through inventory's ``receive``; listings through catalog's ``create_listing``.
"""

from __future__ import annotations

import hashlib

from haitao.brands.models import Merchant
from haitao.catalog.models import Listing, Sku
from haitao.catalog.services import create_listing
from haitao.common.errors import InvalidInput
from haitao.inventory.models import Stock, Warehouse
from haitao.inventory.services import create_warehouse, receive

from .batches import Context
from .normalise import fold, slug
from .reader import SourceProduct
from .records import code, money

INVISIBLE = "listing invisible: "


class Offers:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.warehouses: dict[str, Warehouse] = {}  # folded source name → warehouse

    def offer(self, record: SourceProduct, sku: Sku) -> list[str]:
        """The brand's listing of ``sku`` at the source's price, and the source's stock. Returns notes."""
        ctx = self.ctx
        notes: list[str] = []
        price = money(record.price)
        merchant = self._merchant_for(record)
        if Listing.objects.filter(brand=ctx.brand, sku=sku).exists():
            notes.append("already listed in the brand: listing kept")
        elif price <= 0:
            notes.append("price is not positive: no listing")
        else:
            try:
                create_listing(ctx.brand, sku, merchant, price, visible=record.status == "on_sale")
            except InvalidInput as exc:
                if exc.code not in ("not_cbec_sellable", "not_on_positive_list"):
                    raise
                create_listing(ctx.brand, sku, merchant, price, visible=False)
                reason = "no HS code" if not sku.hs_code else exc.message
                notes.append(INVISIBLE + reason)
                ctx.notes.append({"kind": "listing_invisible", "sku": sku.code, "source_id": record.id,
                                  "reason": reason})
        for line in record.stock:
            receive(self._warehouse(line.warehouse, record), sku, line.quantity, owner=merchant)
        return notes

    def _merchant_for(self, record: SourceProduct) -> Merchant:
        if record.merchant_id and record.merchant_id in self.ctx.merchant_ids:
            return self.ctx.merchant_ids[record.merchant_id]
        return self.ctx.self_merchant

    def _warehouse(self, name: str, record: SourceProduct) -> Warehouse:
        key = fold(name).strip()
        if key in self.warehouses:
            return self.warehouses[key]
        found = None
        for w in Warehouse.objects.all():
            if key in (fold(w.code), fold(w.name), fold(w.name_en)):
                found = w
                break
        readable = slug(name) if name.isascii() else ""
        wh_code = code(self.ctx.platform, "wh-" + (readable or hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8])).lower()
        if found is None:
            found = Warehouse.objects.filter(code=wh_code).first()
        if found is None:
            found = create_warehouse(wh_code, name=name[:120], name_en=name[:120], kind=Warehouse.Kind.OVERSEAS,
                                     country=record.origin_country or "ZZ", active=False, priority=20)
            self.ctx.created_warehouses.append({"source": name, "warehouse": found.code, "created": True})
        self.warehouses[key] = found
        return found


def order_warehouse(ctx: Context, sku: Sku) -> Warehouse:
    """Where a history order shipped from: the SKU's preferred stock row, else one inactive
    ``<platform>-history`` warehouse (created once)."""
    stock = Stock.objects.filter(sku=sku).select_related("warehouse").order_by("warehouse__priority", "id").first()
    if stock is not None:
        return stock.warehouse
    wh_code = code(ctx.platform, "history").lower()
    warehouse = Warehouse.objects.filter(code=wh_code).first()
    if warehouse is None:
        warehouse = create_warehouse(wh_code, name=f"{ctx.platform} history", name_en=f"{ctx.platform} history",
                                     kind=Warehouse.Kind.OVERSEAS, country="ZZ", active=False, priority=99)
        ctx.created_warehouses.append({"source": "(orders without stock)", "warehouse": wh_code, "created": True})
    return warehouse
