"""The five worked examples of docs/rules.md, with their exact figures."""

from decimal import Decimal

import pytest

from haitao.rules.tax import LimitExceeded, quote


def test_example_1_ordinary_goods_within_limits(order, line):
    q = quote(order(line("200.00", qty=2, vat="0.13")))
    assert q.regime == "cbec"
    assert q.dutiable_value == Decimal("400.00")
    assert q.lines[0].vat == Decimal("36.40")
    assert q.tax_total == Decimal("36.40")
    assert q.actual_paid == Decimal("436.40")


def test_example_2_high_end_serum_within_limits(order, line):
    q = quote(order(line("1000.00", vat="0.13", ct="0.15"), freight="20.00"))
    assert q.regime == "cbec"
    assert q.dutiable_value == Decimal("1020.00")
    assert q.lines[0].consumption_tax == Decimal("126.00")
    assert q.lines[0].vat == Decimal("109.20")
    assert q.tax_total == Decimal("235.20")
    assert q.actual_paid == Decimal("1255.20")
    assert (q.goods_value, q.freight, q.discount) == (Decimal("1000"), Decimal("20"), Decimal("0"))


def test_example_3_single_item_over_the_single_limit_is_general_trade(order, line):
    q = quote(order(line("5800.00", vat="0.13", ct="0.15", tariff="0.01")))
    assert q.regime == "general_trade"
    assert q.lines[0].duty == Decimal("58.00")
    assert q.lines[0].consumption_tax == Decimal("1033.76")
    assert q.lines[0].vat == Decimal("895.93")
    assert q.tax_total == Decimal("1987.69")
    assert q.annual_used_after - q.annual_used_before == Decimal("5800.00")
    assert q.quota_value == Decimal("5800.00")


def test_example_4_two_units_over_the_single_limit_are_refused(order, line):
    with pytest.raises(LimitExceeded) as refused:
        quote(order(line("2600.00", qty=2)))
    assert refused.value.code == "single_limit_exceeded"
    assert refused.value.amount_over == Decimal("200.00")
    assert refused.value.limit == Decimal("5000")
    assert "5200.00" in refused.value.message and "5000.00" in refused.value.message
    assert "200.00" in refused.value.message
    assert "split" in refused.value.message


def test_example_5_annual_quota_almost_used_is_refused(order, line):
    with pytest.raises(LimitExceeded) as refused:
        quote(order(line("200.00"), used="25900.00"))
    assert refused.value.code == "annual_limit_exceeded"
    assert refused.value.remaining == Decimal("100.00")
    assert refused.value.amount_over == Decimal("100.00")
    assert refused.value.limit == Decimal("26000")
    assert "100.00 CNY remains" in refused.value.message
