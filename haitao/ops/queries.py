"""Dashboard figures, each aggregated in the database: a fixed number of queries however many
orders there are (no per-row Python loops over orders)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from haitao.brands.models import Brand
from haitao.catalog.models import Listing
from haitao.declarations.models import Declaration, OutboxMessage
from haitao.inventory.models import Stock
from haitao.orders.models import Order
from haitao.orders.states import Status

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZERO = Decimal("0.00")
LOW_STOCK = 5
OWN_SOURCE = "haitao"

# Paid and still a sale (quota-counting statuses): what GMV, AOV and tax collected are summed over.
SOLD = sorted(Status.COUNTING)
# An order rejected by customs ends `refunded`, as does a paid order refunded before it was declared:
# a refunded order counts as declared when it has a declaration that was built (was sent to customs).
DECLARED_OR_LATER = [Status.DECLARED, Status.CUSTOMS_ACCEPTED, Status.CANCEL_REQUESTED, Status.RELEASED,
                     Status.SHIPPED, Status.DELIVERED, Status.CUSTOMS_REJECTED, Status.RETURN_REQUESTED, Status.RETURNED]
RELEASED_OR_LATER = [Status.RELEASED, Status.SHIPPED, Status.DELIVERED, Status.RETURN_REQUESTED, Status.RETURNED]


def local_day_start(now: datetime) -> datetime:
    today = timezone.localtime(now, SHANGHAI).date()
    return datetime.combine(today, time.min, tzinfo=SHANGHAI)


@dataclass
class Kpis:
    gmv: Decimal
    sold_orders: int
    history_gmv: Decimal
    history_orders: int
    orders_today: int
    paid_today: int
    tax_collected: Decimal
    declared: int
    released: int
    outbox_failed: int
    low_stock_skus: int
    tax_mismatches: int = 0  # customs tax bills (CEB816) that disagree with the tax withheld
    tax_gap: Decimal = ZERO  # Σ billed − withheld over them

    @property
    def average_order_value(self) -> Decimal:
        return (self.gmv / self.sold_orders).quantize(Decimal("0.01")) if self.sold_orders else ZERO

    @property
    def clearance_rate(self) -> float | None:
        return self.released / self.declared if self.declared else None


def reached_declaration() -> Q:
    """Orders that were declared to customs: in a declared-or-later status, or refunded after a
    declaration of theirs was built (rejected by customs, then refunded)."""
    built = Declaration.objects.filter(order=OuterRef("pk")).exclude(status=Declaration.Status.BUILD_FAILED)
    return Q(status__in=DECLARED_OR_LATER) | Q(Exists(built), status=Status.REFUNDED)


def _of(qs, path: str, brand_ids):
    """`qs` cut to the orders (or whatever `path` leads from) of `brand_ids`; None = every brand."""
    return qs if brand_ids is None else qs.filter(**{f"{path}__in": list(brand_ids)})


def low_stock_count(brand_ids=None) -> int:
    """SKUs with at most LOW_STOCK units available over all their stock rows, plus SKUs listed visibly
    without any stock row at all (out of stock); for some brands, only SKUs listed in them. Two queries."""
    stock = Stock.objects.all()
    if brand_ids is not None:
        stock = stock.filter(sku__in=Listing.objects.filter(brand_id__in=list(brand_ids)).values("sku"))
    low = (stock.values("sku").annotate(available=Sum(F("on_hand") - F("allocated")))
           .filter(available__lte=LOW_STOCK).count())
    unstocked = (_of(Listing.objects.visible(), "brand", brand_ids)
                 .exclude(Exists(Stock.objects.filter(sku=OuterRef("sku")))).values("sku").distinct().count())
    return low + unstocked


def kpis(now: datetime, brand_ids=None) -> Kpis:
    """Four queries: one conditional aggregate over orders, the outbox, the stock (two)."""
    start = local_day_start(now)
    own, history, sold = Q(source=OWN_SOURCE), ~Q(source=OWN_SOURCE), Q(status__in=SOLD)
    mismatch = Q(tax_bill_check__difference__gt=0) | Q(tax_bill_check__difference__lt=0)
    row = _of(Order.objects, "brand", brand_ids).aggregate(
        gmv=Sum("actual_paid", filter=own & sold),
        sold_orders=Count("id", filter=own & sold),
        history_gmv=Sum("actual_paid", filter=history & sold),
        history_orders=Count("id", filter=history & sold),
        orders_today=Count("id", filter=own & Q(placed_at__gte=start)),
        paid_today=Count("id", filter=own & Q(paid_at__gte=start)),
        tax_collected=Sum("tax_total", filter=own & sold),
        declared=Count("id", filter=own & reached_declaration()),
        released=Count("id", filter=own & Q(status__in=RELEASED_OR_LATER)),
        tax_mismatches=Count("id", filter=mismatch),
        tax_gap=Sum("tax_bill_check__difference", filter=mismatch),
    )
    for key in ("gmv", "history_gmv", "tax_collected", "tax_gap"):
        row[key] = row[key] or ZERO
    outbox_failed = _of(OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED),
                        "declaration__order__brand", brand_ids).count()
    return Kpis(outbox_failed=outbox_failed, low_stock_skus=low_stock_count(brand_ids), **row)


@dataclass
class BrandSeries:
    name: str
    color: str
    values: list[Decimal]


def gmv_by_day(now: datetime, days: int = 30, brand_ids=None) -> tuple[list[date], list[BrandSeries]]:
    """Daily GMV (Shanghai calendar days, by placement) of the last `days` days, per brand. Two queries."""
    start = local_day_start(now) - timedelta(days=days - 1)
    day_list = [start.date() + timedelta(days=i) for i in range(days)]
    rows = (_of(Order.objects, "brand", brand_ids).filter(source=OWN_SOURCE, status__in=SOLD, placed_at__gte=start)
            .annotate(day=TruncDate("placed_at", tzinfo=SHANGHAI))
            .values("day", "brand_id").annotate(total=Sum("actual_paid")).order_by())
    totals = {(r["brand_id"], r["day"]): r["total"] for r in rows}
    brands = _of(Brand.objects, "pk", brand_ids).values("id", "name", "primary_color").order_by("code")
    series = [BrandSeries(b["name"], b["primary_color"], [totals.get((b["id"], d), ZERO) for d in day_list])
              for b in brands]
    return day_list, series


def brands_of(brand_ids):
    return _of(Brand.objects, "pk", brand_ids).order_by("code")


def orders_by_status(brand_ids=None) -> list[tuple[str, int]]:
    counts = dict(_of(Order.objects, "brand", brand_ids).filter(source=OWN_SOURCE).values_list("status")
                  .annotate(n=Count("id")).order_by())
    return [(label, counts[code]) for code, label in Status.CHOICES if counts.get(code)]


def mode_split(brand_ids=None) -> list[tuple[str, int, Decimal]]:
    """(mode, orders, GMV) for 1210 bonded and 9610 direct mail, sold orders only."""
    rows = {r["mode"]: r for r in _of(Order.objects, "brand", brand_ids).filter(source=OWN_SOURCE, status__in=SOLD)
            .values("mode").annotate(n=Count("id"), gmv=Sum("actual_paid")).order_by()}
    return [(mode, rows.get(mode, {}).get("n", 0), rows.get(mode, {}).get("gmv") or ZERO)
            for mode in ("1210", "9610")]


def customs_outcomes(top: int = 5, brand_ids=None) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Declaration counts by outcome (accepted / released / rejected) and the top rejection error codes."""
    wanted = [Declaration.Status.ACCEPTED, Declaration.Status.RELEASED, Declaration.Status.REJECTED]
    declarations = _of(Declaration.objects, "order__brand", brand_ids)
    counts = dict(declarations.filter(status__in=wanted).values_list("status")
                  .annotate(n=Count("id")).order_by())
    outcomes = [(Declaration.Status(s).label, counts.get(s, 0)) for s in wanted]
    errors = [(r["error_code"] or "(none)", r["n"]) for r in
              declarations.filter(status=Declaration.Status.REJECTED).values("error_code")
              .annotate(n=Count("id")).order_by("-n", "error_code")[:top]]
    return outcomes, errors

