"""History orders: brought into the brand through orders' ``import_history_order``, never declared.

* a source ``paid`` order becomes ``declared`` (the source platform declared it): haitao's safety net
  declares every ``paid`` order that has no declaration, and must never declare this one again;
* a history order whose customer has no valid identity carries placeholder buyer fields and enters
  no quota ledger entry;
* this year's orders that count toward the annual limit enter the ledger once, committed, through
  compliance's ``quota.record_history``;
* orders whose customer or product waits in the review queue are *deferred*: not imported, no
  mapping row, so the run after the operator's decision brings them in.
"""

from __future__ import annotations

from django.utils import timezone

from haitao.accounts.models import Customer
from haitao.catalog.models import Listing, Sku
from haitao.compliance import quota
from haitao.orders.services import HistoryLine, import_history_order
from haitao.orders.states import Status

from .batches import Context
from .link import REVIEW as C_REVIEW
from .match import REVIEW
from .models import SourceRecord
from .reader import Quarantined, SourceOrder
from .records import code, line_numbers, money
from .stock_merge import order_warehouse

STATUS_MAP = {
    "paid": Status.DECLARED,
    "released": Status.RELEASED,
    "shipped": Status.SHIPPED,
    "delivered": Status.DELIVERED,
    "cancelled": Status.CANCELLED,
    "returned": Status.RETURNED,
}


class OrderHistory:
    def __init__(self, ctx: Context, counts: dict):
        self.ctx = ctx
        self.counts = counts
        self.deferred: list[dict] = []
        self.year = timezone.localdate().year

    def run(self) -> None:
        ctx, counts = self.ctx, self.counts
        lines = line_numbers(ctx.export.path("orders"))

        def handle(record: SourceOrder) -> None:
            counts["read"] += 1
            outcome = self._import(record)
            if outcome is None:
                counts["imported"] += 1
            elif outcome[0] == "deferred":
                counts["deferred"] += 1
                self.deferred.append({"source_id": record.id, "reason": outcome[1]})
            else:
                ctx.quarantined.append(Quarantined("orders.jsonl", lines.get(record.id, 0), outcome[1]))

        def replay(row: SourceRecord) -> None:
            counts["read"] += 1
            counts["imported"] += 1
            if row.detail.get("quota"):
                counts["quota_entries"] += 1

        ctx.process("orders", SourceRecord.Kind.ORDER, handle, replay, counts)

    def _import(self, record: SourceOrder) -> tuple[str, str] | None:
        """None when imported, else ("deferred" | "quarantined", reason)."""
        ctx = self.ctx
        mapped = ctx.existing(SourceRecord.Kind.CUSTOMER, [record.customer_id]).get(record.customer_id)
        if mapped is None:
            return "quarantined", f"customer_id: unknown customer {record.customer_id}"
        if mapped.decision == C_REVIEW or not mapped.target:
            return "deferred", "customer waits in the review queue"
        products = ctx.existing(SourceRecord.Kind.PRODUCT, {line.product_id for line in record.lines})
        for index, line in enumerate(record.lines):
            row = products.get(line.product_id)
            if row is None:
                return "quarantined", f"lines[{index}].product_id: unknown product {line.product_id}"
            if row.decision == REVIEW or not row.target:
                return "deferred", f"product {line.product_id} waits in the review queue"
        customer = Customer.objects.select_related("identity").get(pk=mapped.target)
        skus = {s.code: s for s in Sku.objects.filter(code__in=[products[ln.product_id].target for ln in record.lines])}
        warehouse = order_warehouse(ctx, skus[products[record.lines[0].product_id].target])
        listings = {listing.sku_id: listing for listing in Listing.objects.filter(brand=ctx.brand, sku__in=skus.values())}
        history_lines = []
        for line in record.lines:
            sku = skus[products[line.product_id].target]
            listing = listings.get(sku.pk)
            history_lines.append(HistoryLine(sku=sku, listing=listing, quantity=line.quantity,
                                             unit_price=line.unit_price,
                                             merchant=listing.merchant if listing else ctx.self_merchant))
        order = import_history_order(
            code(ctx.platform, record.id, 32).upper(), brand=ctx.brand, customer=customer,
            status=STATUS_MAP[record.status], mode=record.mode or warehouse.mode, warehouse=warehouse,
            currency=ctx.currency, lines=history_lines, freight=record.freight, discount=record.discount,
            tax_total=record.tax_total, actual_paid=record.actual_paid, placed_at=record.placed_at,
            source=ctx.platform, actor=f"system:consolidate:{ctx.platform}",
            note=f"history from {ctx.platform}, source status {record.status}; never declared by haitao")
        identity = getattr(customer, "identity", None) if hasattr(customer, "identity") else None
        entered = False
        local_year = timezone.localtime(record.placed_at).year
        if record.counts_toward_quota and local_year == self.year and identity is not None:
            entered = quota.record_history(order, f"{ctx.platform}:{record.id}", identity.id_hash, local_year,
                                           money(record.actual_paid - record.tax_total))
            if entered:
                self.counts["quota_entries"] += 1
        ctx.map(SourceRecord.Kind.ORDER, record.id, "imported", order.pk, quota=entered)
        return None
