from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from haitao.rules.apportion import apportion

fen_amounts = st.integers(min_value=0, max_value=10_000_000).map(lambda f: D(f) / 100)
weights = st.lists(st.decimals(min_value=0, max_value=100_000, places=2), min_size=1, max_size=12)


def test_pro_rata_by_weight():
    assert apportion(D("20.00"), [D("1000"), D("3000")]) == [D("5.00"), D("15.00")]


def test_leftover_fen_goes_to_the_largest_remainder():
    # exact shares 3.333.., 6.666..: floors 3.33 + 6.66 leave one fen, for the larger remainder
    assert apportion(D("10.00"), [D("1"), D("2")]) == [D("3.33"), D("6.67")]


def test_ties_go_to_the_lower_index():
    assert apportion(D("0.02"), [D("1"), D("1"), D("1")]) == [D("0.01"), D("0.01"), D("0.00")]
    assert apportion(D("1.00"), [D("5"), D("5"), D("5")]) == [D("0.34"), D("0.33"), D("0.33")]


def test_all_zero_weights_split_equally():
    assert apportion(D("1.00"), [D("0"), D("0"), D("0")]) == [D("0.34"), D("0.33"), D("0.33")]


def test_a_zero_weight_line_gets_nothing_when_others_weigh():
    assert apportion(D("0.05"), [D("0"), D("1"), D("1")]) == [D("0.00"), D("0.03"), D("0.02")]


def test_nothing_to_apportion():
    assert apportion(D("0"), [D("5"), D("7")]) == [D("0.00"), D("0.00")]
    assert apportion(D("0"), []) == []


def test_fractional_weights_are_exact():
    assert apportion(D("0.03"), [D("0.001"), D("0.002")]) == [D("0.01"), D("0.02")]


@pytest.mark.parametrize(
    ("total", "ws", "message"),
    [(D("-1"), [D("1")], "non-negative"), (D("0.001"), [D("1")], "whole fen"),
     (D("1"), [D("-1"), D("2")], "negative"), (D("1"), [], "no lines")],
)
def test_refuses_what_cannot_be_apportioned(total, ws, message):
    with pytest.raises(ValueError, match=message):
        apportion(total, ws)


@given(fen_amounts, weights)
def test_parts_sum_exactly_and_each_is_within_a_fen_of_its_share(total, ws):
    parts = apportion(total, ws)
    assert len(parts) == len(ws)
    assert sum(parts) == total
    assert all(p >= 0 and p == p.quantize(D("0.01")) for p in parts)
    effective = ws if any(ws) else [D(1)] * len(ws)
    for part, w in zip(parts, effective):
        exact = total * w / sum(effective)
        assert abs(part - exact) < D("0.01")


@given(fen_amounts, weights)
def test_is_deterministic_and_scale_free(total, ws):
    assert apportion(total, ws) == apportion(total, ws)
    assert apportion(total, ws) == apportion(total, [w * 10 for w in ws])
