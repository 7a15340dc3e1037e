"""Hypothesis: random orders keep the arithmetic identities and the limit boundaries hold to the fen."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from haitao.rules.tax import LimitExceeded, LineInput, OrderInput, quote

FEN = D("0.01")
fen = st.integers(min_value=0, max_value=300_000).map(lambda f: D(f) * FEN)
rates = st.sampled_from([D("0"), D("0.05"), D("0.09"), D("0.10"), D("0.13"), D("0.15"), D("0.20")])
lines = st.builds(
    LineInput,
    sku=st.text(alphabet="ABCXYZ0123", min_size=1, max_size=4),
    unit_price=fen,
    quantity=st.integers(min_value=1, max_value=5),
    vat_rate=rates,
    consumption_tax_rate=rates,
    tariff_rate=rates,
)


@st.composite
def orders(draw, used=fen):
    order_lines = tuple(draw(st.lists(lines, min_size=1, max_size=6)))
    freight, insurance = draw(fen), draw(fen)
    goods = sum(line.goods_value for line in order_lines)
    discount = draw(st.integers(0, int((goods + freight + insurance) / FEN)).map(lambda f: D(f) * FEN))
    return OrderInput(order_lines, freight, insurance, discount, draw(used), on=date(2026, 6, 1))


def quote_or_none(order, **kwargs):
    try:
        return quote(order, **kwargs)
    except LimitExceeded:
        return None


@given(orders(), st.sampled_from(["dutiable_value", "actual_paid"]))
def test_identities_hold_for_every_quoted_order(order, basis):
    q = quote_or_none(order, limit_basis=basis)
    assume(q is not None)
    assert sum(x.freight_share for x in q.lines) == order.freight
    assert sum(x.insurance_share for x in q.lines) == order.insurance
    assert q.dutiable_value == q.goods_value + q.freight + q.insurance == sum(x.dutiable_value for x in q.lines)
    assert q.tax_total == sum(x.duty + x.consumption_tax + x.vat for x in q.lines)
    assert q.actual_paid == q.goods_value + q.freight + q.insurance + q.tax_total - q.discount
    for amount in (q.tax_total, q.actual_paid, *(x.vat for x in q.lines), *(x.consumption_tax for x in q.lines)):
        assert amount == amount.quantize(FEN) and amount >= 0
    basis_value = q.dutiable_value if basis == "dutiable_value" else q.actual_paid
    assert q.annual_used_after == order.annual_used + basis_value <= D("26000")
    if q.regime == "cbec":
        assert basis_value <= D("5000") and all(x.duty == 0 for x in q.lines)
    else:
        assert order.units == 1 and basis_value > D("5000")


@given(orders())
def test_refusals_follow_rule_5(order):
    try:
        q = quote(order)
    except LimitExceeded as refused:
        over_single = order.units > 1 and refused.value > D("5000")
        over_annual = order.annual_used + refused.value > D("26000")
        assert refused.code == ("annual_limit_exceeded" if over_annual else "single_limit_exceeded")
        assert over_annual or over_single
        assert refused.amount_over > 0
        return
    assert q.dutiable_value <= D("5000") or order.units == 1


@given(st.integers(min_value=2, max_value=10), st.sampled_from([D("-0.01"), D("0"), D("0.01")]))
def test_single_limit_boundary_for_several_units(units, delta):
    value = D("5000.00") + delta
    first = D("0.01") * (units - 1)
    order = OrderInput(
        (LineInput("A", value - first, 1, D("0.13")), LineInput("B", D("0.01"), units - 1, D("0.13"))),
        on=date(2026, 6, 1),
    )
    if delta <= 0:
        assert quote(order).regime == "cbec"
    else:
        with pytest.raises(LimitExceeded, match="single") as refused:
            quote(order)
        assert refused.value.amount_over == D("0.01")


@given(fen.filter(lambda v: D("0") < v <= D("5000")), st.sampled_from([D("-0.01"), D("0"), D("0.01")]))
def test_annual_limit_boundary(value, delta):
    used = D("26000.00") - value + delta
    assume(used >= 0)
    order = OrderInput((LineInput("A", value, 1, D("0.13")),), annual_used=used, on=date(2026, 6, 1))
    if delta <= 0:
        assert quote(order).annual_used_after == D("26000.00") + delta
    else:
        with pytest.raises(LimitExceeded, match="annual") as refused:
            quote(order)
        assert refused.value.amount_over == D("0.01")
        assert refused.value.remaining == value - D("0.01")


@given(st.sampled_from([D("4999.99"), D("5000.00"), D("5000.01"), D("9999.99")]))
def test_one_unit_is_general_trade_only_above_the_single_limit(price):
    q = quote(OrderInput((LineInput("A", price, 1, D("0.13"), tariff_rate=D("0.05")),), on=date(2026, 6, 1)))
    assert q.regime == ("cbec" if price <= D("5000") else "general_trade")
    assert q.annual_used_after == price
