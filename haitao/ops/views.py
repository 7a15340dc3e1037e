"""The operator dashboard at /ops/: KPI tiles and server-rendered SVG charts (staff only).

The template lives in this package and is loaded through a private template Engine, so the app
does not need to be in INSTALLED_APPS.
"""

from functools import cache
from pathlib import Path

from babel.numbers import format_currency, format_percent
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.template import Context, Engine
from django.utils import timezone

from . import charts, queries

MODE_COLORS = {"1210": "#2b6cb0", "9610": "#dd6b20"}
OUTCOME_COLORS = ["#3182ce", "#38a169", "#e53e3e"]


def cny(amount) -> str:
    return format_currency(amount, "CNY", locale="zh_CN")


@cache
def _engine() -> Engine:
    return Engine(dirs=[Path(__file__).parent / "templates"], app_dirs=False)


@staff_member_required
def dashboard(request):
    now = timezone.now()
    k = queries.kpis(now)
    days, series = queries.gmv_by_day(now)
    outcomes, errors = queries.customs_outcomes()
    modes = queries.mode_split()
    tiles = [
        ("GMV", cny(k.gmv), f"{k.sold_orders} paid orders"),
        ("Imported history GMV", cny(k.history_gmv), f"{k.history_orders} consolidated orders"),
        ("Orders today", str(k.orders_today), "placed since 00:00 Asia/Shanghai"),
        ("Paid today", str(k.paid_today), "paid since 00:00 Asia/Shanghai"),
        ("Average order value", cny(k.average_order_value), "GMV / paid orders"),
        ("Tax collected", cny(k.tax_collected), "duty + consumption tax + VAT"),
        ("Customs clearance",
         format_percent(k.clearance_rate, locale="zh_CN") if k.clearance_rate is not None else "–",
         f"{k.released} released / {k.declared} declared"),
        ("Outbox failed", str(k.outbox_failed), "declarations given up on"),
        ("Tax mismatch", str(k.tax_mismatches),
         f"tax bills ≠ tax withheld: billed − withheld = {cny(k.tax_gap)}" if k.tax_mismatches
         else "every customs tax bill agrees with the tax withheld"),
        ("Low-stock SKUs", str(k.low_stock_skus), f"available ≤ {queries.LOW_STOCK}"),
    ]
    chart_list = [
        ("GMV per day, last 30 days", charts.line_chart(
            [d.strftime("%m-%d") for d in days], [(s.name, s.color, s.values) for s in series],
            "GMV per day by brand", fmt=cny)),
        ("Orders by status", charts.bar_chart(
            [(label, n, "#4a5568") for label, n in queries.orders_by_status()], "Orders by status")),
        ("Mode split (paid orders)", charts.bar_chart(
            [(f"{mode} · {n} orders", gmv, MODE_COLORS[mode]) for mode, n, gmv in modes],
            "GMV by customs mode", fmt=cny)),
        ("Customs outcomes (declarations)", charts.bar_chart(
            [(label, n, color) for (label, n), color in zip(outcomes, OUTCOME_COLORS, strict=True)],
            "Customs outcomes")),
        ("Top rejection error codes", charts.bar_chart(
            [(code, n, "#e53e3e") for code, n in errors], "Rejections by error code")),
    ]
    html = _engine().get_template("ops/dashboard.html").render(Context({
        "tiles": tiles, "charts": chart_list, "now": timezone.localtime(now, queries.SHANGHAI),
        "user": request.user, "request": request,  # request.csp_nonce for the inline <style>
    }))
    return HttpResponse(html)
