"""What goes on a merchant's settlement for a month, read from the orders (no writes here; the
services module stores it). docs/marketplace.md says why each amount is what it is.

- a sale: each of the merchant's order lines, in the month its order was paid;
- a refund: a refund of such an order (cancellation, customs rejection, goodwill) in the month it was
  settled with the buyer, for the same share of each line as it is of what the buyer paid;
- a return: each returned line, in the month the return completed (goods back, money refunded).
Orders imported from a consolidated platform's history were settled there and are left out, and so
is money a payment never applied to its order ("return-…" refunds of a refused payment).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from haitao.common.crypto import EncryptedTextField
from haitao.customs.formats import CHINA_TZ
from haitao.orders.models import OrderLine
from haitao.payments.models import Refund
from haitao.returns.models import ReturnLine, ReturnRequest
from haitao.rules import settlement as rules
from haitao.rules.returns import returned_share

from .models import CommissionRate

# Never loaded here (a settlement has no use for personal data, and reading it would decrypt it).
SECRETS = [f.name for f in OrderLine._meta.get_field("order").related_model._meta.fields
           if isinstance(f, EncryptedTextField)]


@dataclass(frozen=True)
class Draft:
    kind: str
    occurred_at: datetime
    order_number: str
    reference: str
    brand_id: int
    category_id: int | None
    sku_code: str
    quantity: int
    goods: Decimal
    tax: Decimal
    commission_rate: Decimal
    commission: Decimal

    def as_rule(self) -> rules.Line:
        return rules.Line(self.kind, self.goods, self.tax, self.commission)


def bounds(period: str) -> tuple[datetime, datetime]:
    """The month as aware datetimes, midnight to midnight in Asia/Shanghai."""
    first, after = rules.month_bounds(period)
    return datetime.combine(first, time(), CHINA_TZ), datetime.combine(after, time(), CHINA_TZ)


def drafts(merchant, period: str) -> list[Draft]:
    start, end = bounds(period)
    table = [rules.Rate(r.rate, r.merchant_id, r.brand_id, r.category_id) for r in CommissionRate.objects.all()]

    def line(kind, when, line_, reference, quantity, goods, tax) -> Draft:
        order = line_.order
        rate = rules.pick_rate(table, merchant.pk, order.brand_id, line_.sku.category_id)
        return Draft(kind, when, order.number, reference, order.brand_id, line_.sku.category_id, line_.sku.code,
                     quantity, goods, tax, rate, rules.commission(goods, rate))

    mine = (OrderLine.objects.filter(merchant=merchant, order__source="haitao").select_related("order", "sku")
            .defer(*(f"order__{name}" for name in SECRETS)))
    out = [line(rules.SALE, ol.order.paid_at, ol, "", ol.quantity, ol.goods_value, ol.tax_total)
           for ol in mine.filter(order__paid_at__gte=start, order__paid_at__lt=end).order_by("order__paid_at", "pk")]

    refunds = (Refund.objects.filter(status=Refund.Status.SUCCEEDED, settled_at__gte=start, settled_at__lt=end,
                                     order__lines__merchant=merchant, order__source="haitao",
                                     order__paid_at__isnull=False)
               .exclude(key__startswith="return:").exclude(key__startswith="return-")
               .select_related("order").defer(*(f"order__{name}" for name in SECRETS))
               .distinct().order_by("settled_at", "pk"))
    for refund in refunds:
        paid = refund.order.actual_paid
        for ol in mine.filter(order=refund.order).order_by("gnum"):
            out.append(line(rules.REFUND, refund.settled_at, ol, refund.reference, -ol.quantity,
                            -rules.refunded_share(ol.goods_value, refund.amount, paid),
                            -rules.refunded_share(ol.tax_total, refund.amount, paid)))

    returned = (ReturnLine.objects.filter(order_line__merchant=merchant, order_line__order__source="haitao",
                                          request__status=ReturnRequest.Status.COMPLETED,
                                          request__completed_at__gte=start, request__completed_at__lt=end)
                .select_related("request", "order_line__order", "order_line__sku")
                .defer(*(f"order_line__order__{name}" for name in SECRETS))
                .order_by("request__completed_at", "pk"))
    for rl in returned:
        ol = rl.order_line
        out.append(line(rules.RETURN, rl.request.completed_at, ol, rl.request.number, -rl.quantity,
                        -returned_share(ol.goods_value, rl.quantity, ol.quantity), -rl.tax))
    return out
