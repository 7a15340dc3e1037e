"""Rules 1-5: dutiable value, apportionment, CBEC and general-trade tax, limits and their precedence."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from haitao.rules.limits import LimitSchedule
from haitao.rules.tax import (
    LimitExceeded,
    LineInput,
    OrderInput,
    cbec_line_tax,
    general_trade_line_tax,
    quote,
)
from haitao.rules.validation import InvalidInput

# -- rule 3 and 4: the per-line formulas -------------------------------------------------------


def test_cbec_line_tax_is_70_percent_of_statutory_vat_and_ct():
    assert cbec_line_tax(D("1020.00"), D("0.15"), D("0.13")) == (D("0.00"), D("126.00"), D("109.20"))
    assert cbec_line_tax(D("400.00"), D("0"), D("0.17")).total == D("47.60")  # lianlianpay, pre-2018 VAT


def test_cbec_line_tax_rounds_each_tax_half_up():
    # 0.7 x 0.13 x 0.50 = 0.0455 -> 0.05 (half-even would give 0.04 from 0.045 in two steps)
    assert cbec_line_tax(D("0.50"), D("0"), D("0.13")).vat == D("0.05")
    # 0.7 x 0.09 x 1.00 = 0.063 -> 0.06
    assert cbec_line_tax(D("1.00"), D("0"), D("0.09")).vat == D("0.06")


def test_cbec_vat_is_levied_on_the_unrounded_statutory_consumption_tax():
    # P=2.01, c=15%: CT_stat = 0.354705.. ; 0.7 x (2.01 + 0.354705..) x 0.13 = 0.21518.. -> 0.22,
    # whereas rounding CT_stat to 0.35 first would give 0.7 x 2.36 x 0.13 = 0.21476 -> 0.21
    taxes = cbec_line_tax(D("2.01"), D("0.15"), D("0.13"))
    assert taxes.consumption_tax == D("0.25")  # 0.7 x 0.354705.. = 0.2483
    assert taxes.vat == D("0.22")


def test_general_trade_line_tax_uses_unrounded_intermediates():
    assert general_trade_line_tax(D("5800"), D("0.01"), D("0.15"), D("0.13")) == (
        D("58.00"), D("1033.76"), D("895.93"))
    # P=100.10, t=5%: duty 5.005 -> 5.01, CT 18.5479 -> 18.55; VAT from unrounded = 16.0749 -> 16.07,
    # whereas VAT from the rounded duty and CT would be (100.10 + 5.01 + 18.55) x 0.13 = 16.0758 -> 16.08
    assert general_trade_line_tax(D("100.10"), D("0.05"), D("0.15"), D("0.13")) == (
        D("5.01"), D("18.55"), D("16.07"))


def test_general_trade_is_never_cheaper_than_cbec():
    for p in ("0.01", "99.99", "5000.01", "12345.67"):
        assert general_trade_line_tax(D(p), D("0"), D("0.15"), D("0.13")).total >= cbec_line_tax(
            D(p), D("0.15"), D("0.13")).total


@pytest.mark.parametrize(("c", "v"), [(D("1"), D("0.13")), (D("0.1"), D("1.2")), (D("-0.1"), D("0.13"))])
def test_line_tax_refuses_rates_outside_0_to_1(c, v):
    with pytest.raises(ValueError):
        cbec_line_tax(D("100"), c, v)


def test_line_tax_refuses_floats():
    with pytest.raises(ValueError, match="not float"):
        cbec_line_tax(100.0, D("0"), D("0.13"))


# -- rules 1 and 2: dutiable value, discount, apportionment --------------------------------------


def test_coupons_do_not_lower_the_dutiable_value(order, line):
    with_coupon = quote(order(line("300.00"), discount="50.00"))
    without = quote(order(line("300.00")))
    assert with_coupon.dutiable_value == without.dutiable_value == D("300.00")
    assert with_coupon.tax_total == without.tax_total == D("27.30")
    assert with_coupon.actual_paid == D("277.30")


def test_freight_and_insurance_are_apportioned_by_goods_value(order, line):
    q = quote(order(line("100.00", sku="A"), line("200.00", sku="B"), freight="10.00", insurance="1.00"))
    assert [(x.freight_share, x.insurance_share) for x in q.lines] == [
        (D("3.33"), D("0.33")), (D("6.67"), D("0.67"))]
    assert [x.dutiable_value for x in q.lines] == [D("103.66"), D("207.34")]
    assert q.dutiable_value == D("311.00") == q.goods_value + q.freight + q.insurance
    assert q.actual_paid == q.goods_value + q.freight + q.insurance + q.tax_total - q.discount


def test_tax_total_is_the_sum_of_rounded_line_taxes_not_the_rounded_sum(order, line):
    # each line: 0.7 x 0.13 x 0.50 = 0.0455 -> 0.05; rounding the order total would give 0.09
    q = quote(order(line("0.50", sku="A"), line("0.50", sku="B")))
    assert [x.vat for x in q.lines] == [D("0.05"), D("0.05")]
    assert q.tax_total == D("0.10") == q.vat_total
    assert q.duty_total == q.consumption_tax_total == D("0.00")


# -- rule 5: limits and regimes ---------------------------------------------------------------


@pytest.mark.parametrize("qty_price", [(2, "2500.00"), (1, "5000.00"), (4, "1250.00")])
def test_exactly_the_single_limit_is_cbec(order, line, qty_price):
    qty, price = qty_price
    q = quote(order(line(price, qty=qty)))
    assert q.regime == "cbec" and q.dutiable_value == D("5000.00")


def test_one_fen_over_the_single_limit_with_two_units_is_refused(order, line):
    with pytest.raises(LimitExceeded) as refused:
        quote(order(line("4999.99"), line("0.02", sku="B")))
    assert refused.value.code == "single_limit_exceeded"
    assert refused.value.amount_over == D("0.01")
    assert refused.value.remaining == D("26000.00")


def test_freight_can_push_an_order_over_the_single_limit(order, line):
    with pytest.raises(LimitExceeded, match="single-transaction"):
        quote(order(line("2500.00", qty=2), freight="0.01"))


def test_one_unit_one_fen_over_is_general_trade(order, line):
    q = quote(order(line("5000.01", tariff="0.01")))
    assert q.regime == "general_trade"
    assert q.lines[0].duty == D("50.00")
    assert q.annual_used_after == D("5000.01")


def test_one_unit_of_one_sku_in_two_lines_is_two_units(order, line):
    with pytest.raises(LimitExceeded, match="single"):
        quote(order(line("3000.00", sku="A"), line("3000.00", sku="A")))


def test_annual_limit_reached_exactly_is_allowed(order, line):
    q = quote(order(line("200.00"), used="25800.00"))
    assert q.regime == "cbec"
    assert q.annual_used_after == D("26000.00")
    assert q.annual_remaining_after == D("0.00")


def test_annual_limit_one_fen_over_is_refused(order, line):
    with pytest.raises(LimitExceeded) as refused:
        quote(order(line("200.00"), used="25800.01"))
    assert refused.value.code == "annual_limit_exceeded"
    assert (refused.value.remaining, refused.value.amount_over) == (D("199.99"), D("0.01"))


def test_general_trade_item_still_counts_against_the_annual_quota(order, line):
    with pytest.raises(LimitExceeded) as refused:
        quote(order(line("5800.00"), used="20200.01"))
    assert refused.value.code == "annual_limit_exceeded"
    assert "single-transaction" not in refused.value.message  # one item: splitting is no question
    assert quote(order(line("5800.00"), used="20200.00")).annual_used_after == D("26000.00")


def test_annual_refusal_wins_when_both_limits_are_broken(order, line):
    with pytest.raises(LimitExceeded) as refused:
        quote(order(line("3000.00", qty=2), used="21000.00"))
    error = refused.value
    assert error.code == "annual_limit_exceeded"
    assert error.remaining == D("5000.00") and error.amount_over == D("1000.00")
    assert error.limit == D("26000.00")
    assert "single-transaction limit of 5000.00" in error.message
    assert "1000.00 CNY over the single-transaction" in error.message


def test_quota_already_over_reports_zero_remaining(order, line):
    with pytest.raises(LimitExceeded) as refused:
        quote(order(line("1.00"), used="26500.00"))
    assert refused.value.remaining == D("0.00")
    assert refused.value.amount_over == D("501.00")


def test_quote_reports_limits_and_quota(order, line):
    q = quote(order(line("100.00"), used="1000.00"))
    assert (q.single_limit, q.annual_limit) == (D("5000"), D("26000"))
    assert (q.annual_used_before, q.annual_used_after) == (D("1000.00"), D("1100.00"))
    assert q.annual_remaining_after == D("24900.00")


# -- the dated history -----------------------------------------------------------------------


def test_an_order_of_2018_uses_2000_and_20000(order, line):
    on = date(2018, 6, 1)
    q = quote(order(line("2000.00"), on=on))
    assert q.regime == "cbec" and (q.single_limit, q.annual_limit) == (D("2000"), D("20000"))
    with pytest.raises(LimitExceeded) as single:
        quote(order(line("1000.01", qty=2), on=on))
    assert single.value.code == "single_limit_exceeded" and single.value.limit == D("2000")
    assert quote(order(line("2000.01"), on=on)).regime == "general_trade"
    with pytest.raises(LimitExceeded) as annual:
        quote(order(line("100.01"), used="19900.00", on=on))
    assert annual.value.code == "annual_limit_exceeded" and annual.value.remaining == D("100.00")


def test_new_limits_apply_from_2019_01_01(order, line):
    with pytest.raises(LimitExceeded):
        quote(order(line("1500.00", qty=2), on=date(2018, 12, 31)))
    assert quote(order(line("1500.00", qty=2), on=date(2019, 1, 1))).regime == "cbec"


def test_an_order_before_the_regime_names_its_date(order, line):
    with pytest.raises(InvalidInput) as invalid:
        quote(order(line(), on=date(2016, 4, 7)))
    assert invalid.value.field == "on"


def test_limits_come_from_the_schedule_given(order, line):
    schedule = LimitSchedule.from_settings([{"valid_from": "2019-01-01", "single": "100", "annual": "150"}])
    with pytest.raises(LimitExceeded, match="single"):
        quote(order(line("50.01", qty=2)), limits=schedule)
    with pytest.raises(LimitExceeded, match="annual"):
        quote(order(line("60.00"), used="90.01"), limits=schedule)


# -- limit_basis = actual_paid ---------------------------------------------------------------


def test_actual_paid_basis_counts_the_tax(order, line):
    # dutiable 4600.00, tax 418.60: 5018.60 paid is over the limit on that basis
    o = order(line("2300.00", qty=2))
    assert quote(o).regime == "cbec"
    with pytest.raises(LimitExceeded) as refused:
        quote(o, limit_basis="actual_paid")
    assert refused.value.amount_over == D("18.60")


def test_actual_paid_basis_counts_what_is_paid_in_the_quota(order, line):
    q = quote(order(line("1000.00"), discount="100.00", used="10.00"), limit_basis="actual_paid")
    assert q.actual_paid == D("991.00")
    assert q.annual_used_after == D("1001.00")
    assert q.limit_basis == "actual_paid"


def test_actual_paid_basis_single_item_is_judged_on_general_trade_amount(order, line):
    q = quote(order(line("4800.00", ct="0.15")), limit_basis="actual_paid")
    assert q.regime == "general_trade"
    assert q.annual_used_after == q.actual_paid == D("4800.00") + q.tax_total


def test_unknown_limit_basis_is_refused(order, line):
    with pytest.raises(InvalidInput, match="limit_basis"):
        quote(order(line()), limit_basis="paid")


# -- input validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"quantity": 0}, "quantity"), ({"quantity": -1}, "quantity"), ({"quantity": True}, "quantity"),
     ({"quantity": 1.0}, "quantity"), ({"unit_price": D("-0.01")}, "unit_price"),
     ({"unit_price": D("1.005")}, "unit_price"), ({"unit_price": 1.5}, "unit_price"),
     ({"unit_price": D("NaN")}, "unit_price"), ({"vat_rate": D("13")}, "vat_rate"),
     ({"vat_rate": D("1")}, "vat_rate"), ({"consumption_tax_rate": D("1")}, "consumption_tax_rate"),
     ({"tariff_rate": D("-0.01")}, "tariff_rate"), ({"sku": " "}, "sku")],
)
def test_line_input_names_the_bad_field(kwargs, field):
    fields = {"sku": "A", "unit_price": D("1.00"), "quantity": 1, "vat_rate": D("0.13")} | kwargs
    with pytest.raises(ValueError, match=f"^{field}: ") as invalid:
        LineInput(**fields)
    assert invalid.value.field == field


def test_line_input_accepts_ints_and_writes_amounts_to_the_fen():
    line = LineInput("A", 200, 2, D("0.13"))
    assert str(line.unit_price) == "200.00" and line.goods_value == D("400.00")
    assert line.consumption_tax_rate == 0 and line.tariff_rate == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"freight": D("-1")}, "freight"), ({"insurance": D("0.001")}, "insurance"),
     ({"annual_used": D("-0.01")}, "annual_used"), ({"discount": D("100.01")}, "discount"),
     ({"lines": ()}, "lines"), ({"lines": ("x",)}, "lines[0]"),
     ({"on": datetime(2026, 1, 1, 12)}, "on"), ({"on": "2026-01-01"}, "on")],
)
def test_order_input_names_the_bad_field(line, kwargs, field):
    fields = {"lines": (line("90.00"),), "freight": D("10.00"), "on": date(2026, 1, 1)} | kwargs
    with pytest.raises(InvalidInput) as invalid:
        OrderInput(**fields)
    assert invalid.value.field == field


def test_discount_may_cover_goods_freight_and_insurance(order, line):
    q = quote(order(line("90.00"), freight="10.00", insurance="1.00", discount="101.00"))
    assert q.actual_paid == q.tax_total == D("9.19")  # 101.00 x 9.1%


def test_order_lines_are_kept_as_a_tuple(line):
    o = OrderInput([line()], on=date(2026, 1, 1))
    assert isinstance(o.lines, tuple) and hash(o)
