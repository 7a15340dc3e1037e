"""The operator dashboard at /ops/: KPI tiles and server-rendered SVG charts (roles with view_dashboard,
figures of their brands only).

The template lives in this package and is loaded through a private template Engine, so the app
does not need to be in INSTALLED_APPS.
"""

from functools import cache
from pathlib import Path

from babel.numbers import format_currency, format_percent
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import Context, Engine
from django.utils import timezone
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from haitao.operators import services as operators

from . import charts, queries

MODE_COLORS = {"1210": "#2b6cb0", "9610": "#dd6b20"}
OUTCOME_COLORS = ["#3182ce", "#38a169", "#e53e3e"]


def cny(amount) -> str:
    return format_currency(amount, "CNY", locale="zh_CN")


@cache
def _engine() -> Engine:
    return Engine(dirs=[Path(__file__).parent / "templates"], app_dirs=False,
                  builtins=["django.templatetags.i18n"])


@staff_member_required
def dashboard(request):
    """The figures of the brands the user operates (all of them for a platform-wide role)."""
    if not request.user.has_perm("operators.view_dashboard"):
        raise PermissionDenied
    brand_ids = operators.brand_ids(request.user)
    now = timezone.now()
    k = queries.kpis(now, brand_ids)
    days, series = queries.gmv_by_day(now, brand_ids=brand_ids)
    outcomes, errors = queries.customs_outcomes(brand_ids=brand_ids)
    modes = queries.mode_split(brand_ids)
    locale = to_locale(get_language() or "zh-hans")
    rate = format_percent(k.clearance_rate, locale=locale) if k.clearance_rate is not None else "–"
    # (stable key for tests and scripts, label, value, note)
    tiles = [
        ("gmv", _("GMV"), cny(k.gmv), _("%(n)s paid orders") % {"n": k.sold_orders}),
        ("imported-history-gmv", _("Imported history GMV"), cny(k.history_gmv),
         _("%(n)s consolidated orders") % {"n": k.history_orders}),
        ("orders-today", _("Orders today"), str(k.orders_today), _("placed since 00:00 Asia/Shanghai")),
        ("paid-today", _("Paid today"), str(k.paid_today), _("paid since 00:00 Asia/Shanghai")),
        ("average-order-value", _("Average order value"), cny(k.average_order_value), _("GMV / paid orders")),
        ("tax-collected", _("Tax collected"), cny(k.tax_collected), _("duty + consumption tax + VAT")),
        ("customs-clearance", _("Customs clearance"), rate,
         _("%(released)s released / %(declared)s declared") % {"released": k.released, "declared": k.declared}),
        ("outbox-failed", _("Outbox failed"), str(k.outbox_failed), _("declarations given up on")),
        ("tax-mismatch", _("Tax mismatch"), str(k.tax_mismatches),
         _("tax bills ≠ tax withheld: billed − withheld = %(gap)s") % {"gap": cny(k.tax_gap)} if k.tax_mismatches
         else _("every customs tax bill agrees with the tax withheld")),
        ("low-stock-skus", _("Low-stock SKUs"), str(k.low_stock_skus),
         _("available ≤ %(n)s") % {"n": queries.LOW_STOCK}),
    ]
    chart_list = [
        (_("GMV per day, last 30 days"), charts.line_chart(
            [d.strftime("%m-%d") for d in days], [(s.name, s.color, s.values) for s in series],
            _("GMV per day by brand"), fmt=cny)),
        (_("Orders by status"), charts.bar_chart(
            [(label, n, "#4a5568") for label, n in queries.orders_by_status(brand_ids)], _("Orders by status"))),
        (_("Mode split (paid orders)"), charts.bar_chart(
            [(_("%(mode)s · %(n)s orders") % {"mode": mode, "n": n}, gmv, MODE_COLORS[mode]) for mode, n, gmv in modes],
            _("GMV by customs mode"), fmt=cny)),
        (_("Customs outcomes (declarations)"), charts.bar_chart(
            [(label, n, color) for (label, n), color in zip(outcomes, OUTCOME_COLORS, strict=True)],
            _("Customs outcomes"))),
        (_("Top rejection error codes"), charts.bar_chart(
            [(code, n, "#e53e3e") for code, n in errors], _("Rejections by error code"))),
    ]
    html = _engine().get_template("ops/dashboard.html").render(Context({
        "tiles": tiles, "charts": chart_list, "now": timezone.localtime(now, queries.SHANGHAI),
        "user": request.user, "language": get_language(), "request": request,  # request.csp_nonce
        "brands": [b.name for b in queries.brands_of(brand_ids)],
    }))
    response = HttpResponse(html)
    response["Content-Language"] = get_language()
    return response
