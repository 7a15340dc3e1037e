"""Settlement per merchant and month: sales, refunds and returns, commission per brand and category,
tax collected for customs shown apart, conversion at a recorded rate (none: refused), idempotent
re-runs and closed settlements that never change."""

from datetime import date
from decimal import Decimal

import pytest

from haitao.common.errors import Conflict, InvalidInput
from haitao.marketplace import services
from haitao.marketplace.models import Settlement, SettlementLine
from haitao.orders.states import Status

from .support import order, refund, returned, shanghai, world

pytestmark = pytest.mark.django_db

NOV = "2026-11"


@pytest.fixture
def w():
    w = world()
    services.record_exchange_rate("EUR", "7.7000", date(2026, 11, 30), "PBOC central parity", "test")
    services.set_commission_rate("0.0500")  # the default row
    services.set_commission_rate("0.0800", brand=w["dolphin"])
    services.set_commission_rate("0.1000", category=w["wine"].category)
    services.set_commission_rate("0.1200", brand=w["dolphin"], category=w["wine"].category)
    return w


def test_sales_of_the_month_with_commission_per_brand_and_category(w):
    a, b = w["a"], w["b"]
    order(w, w["dolphin"], [(a, w["formula"], 2, "100.00", "9.10"), (b, w["wine"], 1, "300.00", "50.00")],
          shanghai(2026, 11, 3, 10))
    order(w, w["wombat"], [(a, w["wine"], 1, "200.00", "30.00")], shanghai(2026, 11, 1, 0, 30))  # Nov in Shanghai
    order(w, w["wombat"], [(a, w["formula"], 1, "999.00", "0")], shanghai(2026, 10, 31, 23, 59))  # October
    s = services.run_settlement(a, NOV, "test")
    lines = {(x.order_number[:2], x.brand.code, x.sku_code): x for x in s.lines.all()}
    assert len(lines) == 2  # merchant B's wine line and October's order are not A's November
    rates = sorted((x.brand.code, x.commission_rate, x.commission) for x in s.lines.all())
    assert rates == [("dolphin", Decimal("0.0800"), Decimal("16.00")), ("wombat", Decimal("0.1000"), Decimal("20.00"))]
    assert (s.sales, s.net_sales, s.commission) == (Decimal("400.00"), Decimal("400.00"), Decimal("36.00"))
    assert s.tax_collected == Decimal("39.10")  # shown apart: paid to customs, not to the merchant
    assert s.net_payable_cny == Decimal("364.00") == s.net_sales - s.commission
    assert s.net_payable == Decimal("47.27")  # 364 / 7.7 = 47.2727… half-up to the cent
    assert (s.rate_date, s.rate_source, s.cny_per_unit) == (date(2026, 11, 30), "PBOC central parity",
                                                            Decimal("7.70000000"))


def test_refunds_and_returns_reverse_their_share(w):
    a = w["a"]
    cancelled = order(w, w["dolphin"], [(a, w["formula"], 2, "100.00", "10.00")], shanghai(2026, 10, 20),
                      status=Status.REFUNDED)
    refund(cancelled, "210.00", shanghai(2026, 11, 2))  # in full, in November, of an October sale
    goodwill = order(w, w["dolphin"], [(a, w["formula"], 1, "300.00", "30.00")], shanghai(2026, 11, 5))
    refund(goodwill, "33.00", shanghai(2026, 11, 6), key="goodwill")  # a tenth of what was paid
    kept = order(w, w["dolphin"], [(a, w["formula"], 3, "50.00", "15.00")], shanghai(2026, 11, 7))
    returned(kept, 1, 1, shanghai(2026, 11, 20))
    refund(kept, "55.00", shanghai(2026, 11, 20), key="return:RTx")  # the return's money: counted once, as a return
    s = services.run_settlement(a, NOV, "test")
    by_kind = {}
    for x in s.lines.all():
        by_kind.setdefault(x.kind, []).append((x.goods, x.tax, x.commission))
    assert sorted(by_kind["refund"]) == [(Decimal("-200.00"), Decimal("-10.00"), Decimal("-16.00")),
                                         (Decimal("-30.00"), Decimal("-3.00"), Decimal("-2.40"))]
    assert by_kind["return"] == [(Decimal("-50.00"), Decimal("-5.00"), Decimal("-4.00"))]
    assert (s.sales, s.refunds, s.returns) == (Decimal("450.00"), Decimal("-230.00"), Decimal("-50.00"))
    assert s.net_sales == Decimal("170.00") and s.commission == Decimal("13.60")
    assert s.tax_collected == Decimal("45.00") - Decimal("18.00")
    totals = [sum(getattr(x, f) for x in s.lines.all()) for f in ("goods", "tax", "commission")]
    assert totals == [s.net_sales, s.tax_collected, s.commission]  # the lines reconcile with the totals


def test_no_rate_no_settlement(w):
    order(w, w["dolphin"], [(w["b"], w["formula"], 1, "100.00", "0")], shanghai(2026, 11, 3))
    with pytest.raises(Conflict) as refused:
        services.run_settlement(w["b"], NOV, "test")  # JPY: no rate recorded for November
    assert refused.value.code == "no_exchange_rate"
    assert not Settlement.objects.filter(merchant=w["b"]).exists()
    services.record_exchange_rate("JPY", "0.0475", date(2026, 10, 31), "PBOC", "test")
    with pytest.raises(Conflict):  # October's rate does not settle November
        services.run_settlement(w["b"], NOV, "test")
    services.record_exchange_rate("JPY", "0.0475", date(2026, 11, 28), "PBOC", "test")
    s = services.run_settlement(w["b"], NOV, "test")
    assert s.net_payable == Decimal("1937")  # (100 − 8) / 0.0475 = 1936.84 → whole yen, half-up


def test_rerun_does_not_double_count_and_closed_is_immutable(w):
    a = w["a"]
    order(w, w["dolphin"], [(a, w["formula"], 1, "100.00", "5.00")], shanghai(2026, 11, 3))
    first = services.run_settlement(a, NOV, "test")
    again = services.run_settlement(a, NOV, "test")
    assert first.pk == again.pk and SettlementLine.objects.filter(settlement=first).count() == 1
    assert again.net_sales == Decimal("100.00")
    order(w, w["dolphin"], [(a, w["formula"], 1, "50.00", "2.00")], shanghai(2026, 11, 4))
    assert services.run_settlement(a, NOV, "test").net_sales == Decimal("150.00")  # a draft follows the orders
    closed = services.close_settlement(again, "finance")
    order(w, w["dolphin"], [(a, w["formula"], 1, "70.00", "2.00")], shanghai(2026, 11, 5))
    after = services.run_settlement(a, NOV, "test")
    assert (after.status, after.net_sales, after.closed_by) == ("closed", Decimal("150.00"), "finance")
    assert after.lines.count() == 2 and closed.closed_at == after.closed_at


def test_run_period_settles_every_merchant_and_reports_refusals(w):
    order(w, w["dolphin"], [(w["a"], w["formula"], 1, "100.00", "0"), (w["b"], w["formula"], 1, "80.00", "0")],
          shanghai(2026, 11, 3))
    done, refused = services.run_period(NOV, "test")
    assert [s.merchant.code for s in done] == ["merchant-a"]
    assert [(m.code, "JPY" in why) for m, why in refused] == [("merchant-b", True)]


@pytest.mark.parametrize("period", ["2026-13", "2026-1", "nov", "", "2026-11-01"])
def test_bad_period_is_refused(w, period):
    with pytest.raises(InvalidInput):
        services.run_settlement(w["a"], period, "test")


def test_rates_are_validated(w):
    with pytest.raises(InvalidInput):
        services.set_commission_rate("1.5")
    with pytest.raises(InvalidInput):
        services.set_commission_rate("0.08123")
    with pytest.raises(InvalidInput):
        services.record_exchange_rate("EUR", "-1", date(2026, 11, 1), "x", "test")
    with pytest.raises(InvalidInput):
        services.record_exchange_rate("EUR", "7.7", date(2026, 11, 1), "", "test")
    with pytest.raises(Conflict):
        services.record_exchange_rate("EUR", "7.8", date(2026, 11, 30), "other", "test")
