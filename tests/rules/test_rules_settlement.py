"""Settlement arithmetic (rules.settlement), without a database: rounding, conversion, the most
specific commission rate, and totals that reconcile whatever the lines."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from haitao.rules import settlement as s

D = Decimal


def test_commission_is_rounded_half_up_to_the_fen_per_line():
    assert s.commission(D("100.05"), D("0.0500")) == D("5.00")  # 5.0025
    assert s.commission(D("100.10"), D("0.0500")) == D("5.01")  # 5.005 → half-up
    assert s.commission(D("-100.10"), D("0.0500")) == D("-5.01")  # a refund's mirrors the sale's
    with pytest.raises(ValueError):
        s.commission(D("1"), D("1.2"))


def test_conversion_once_at_the_recorded_rate_to_the_minor_unit():
    assert s.convert(D("364.00"), D("7.7"), "EUR") == D("47.27")
    assert s.convert(D("92.00"), D("0.0475"), "JPY") == D("1937")  # no minor unit
    assert s.convert(D("10.005"), D("1"), "CNY") == D("10.01")
    assert s.convert(D("-77.00"), D("7.7"), "EUR") == D("-10.00")  # a merchant can owe
    with pytest.raises(ValueError):
        s.convert(D("1"), D("0"), "EUR")


def test_refunded_share():
    assert s.refunded_share(D("200.00"), D("210.00"), D("210.00")) == D("200.00")  # in full: exactly the line
    assert s.refunded_share(D("300.00"), D("33.00"), D("330.00")) == D("30.00")
    assert s.refunded_share(D("0.05"), D("1.00"), D("3.00")) == D("0.02")  # 0.01666… half-up
    with pytest.raises(ValueError):
        s.refunded_share(D("1"), D("5"), D("4"))


def test_the_most_specific_rate_wins():
    table = [s.Rate(D("0.05")), s.Rate(D("0.08"), brand=1), s.Rate(D("0.10"), category=7),
             s.Rate(D("0.12"), brand=1, category=7), s.Rate(D("0.03"), merchant=9)]
    assert s.pick_rate(table, 5, 1, 7) == D("0.12")
    assert s.pick_rate(table, 5, 1, 8) == D("0.08")
    assert s.pick_rate(table, 5, 2, 7) == D("0.10")
    assert s.pick_rate(table, 5, 2, 8) == D("0.05")
    assert s.pick_rate(table, 9, 1, 7) == D("0.03")  # a merchant's own rate beats brand and category
    assert s.pick_rate([], 5, 1, 7) == s.DEFAULT_COMMISSION


def test_month_bounds():
    assert s.month_bounds("2026-12") == (date(2026, 12, 1), date(2027, 1, 1))
    for bad in ("2026-13", "26-01", "2026-1", "x", ""):
        with pytest.raises(ValueError):
            s.month_bounds(bad)


amounts = st.decimals(min_value=-10000, max_value=10000, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(st.sampled_from([s.SALE, s.REFUND, s.RETURN]), amounts, amounts,
                          st.sampled_from([D("0"), D("0.05"), D("0.0825"), D("0.12")])), max_size=30))
def test_totals_always_reconcile(rows):
    lines = [s.Line(kind, goods, tax, s.commission(goods, rate)) for kind, goods, tax, rate in rows]
    totals = s.totals(lines)
    assert totals.reconciles()
    assert totals.net_sales == sum((x.goods for x in lines), D("0"))
    assert totals.tax_collected == sum((x.tax for x in lines), D("0"))  # never part of the payable
    assert totals.net_payable == totals.net_sales - totals.commission
