"""Rule 10: a purchase splits into customs orders by seller × warehouse/mode (haitao.rules.split)."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haitao.rules.split import BONDED, DIRECT_MAIL, Line, Unplaceable, Warehouse, split
from haitao.rules.stock_owners import split_stock

HZ, NB, DE = Warehouse(1, BONDED, 1), Warehouse(2, BONDED, 2), Warehouse(3, DIRECT_MAIL, 5)
WAREHOUSES = [DE, NB, HZ]  # any order in: preference is by mode, then priority


def shape(orders):
    return [(o.seller, o.warehouse, o.mode, [line.sku for line in o.lines]) for o in orders]


def test_one_seller_one_bonded_warehouse_is_one_order():
    lines = [Line(10, 1, 2), Line(11, 1, 1)]
    stock = {(1, HZ.id, 10): 5, (1, HZ.id, 11): 1, (1, DE.id, 10): 9}
    assert shape(split(lines, stock, WAREHOUSES)) == [(1, HZ.id, BONDED, [10, 11])]


def test_bonded_and_direct_mail_items_are_split_not_refused():
    lines = [Line(10, 1, 1), Line(20, 1, 1)]
    stock = {(1, HZ.id, 10): 1, (1, DE.id, 20): 3}
    assert shape(split(lines, stock, WAREHOUSES)) == [(1, HZ.id, BONDED, [10]), (1, DE.id, DIRECT_MAIL, [20])]


def test_two_sellers_in_both_modes_make_three_orders():
    lines = [Line(10, 1, 1), Line(20, 1, 2), Line(30, 2, 1)]
    stock = {(1, HZ.id, 10): 1, (1, DE.id, 20): 2, (2, NB.id, 30): 4}
    assert shape(split(lines, stock, WAREHOUSES)) == [
        (1, HZ.id, BONDED, [10]), (1, DE.id, DIRECT_MAIL, [20]), (2, NB.id, BONDED, [30])]


def test_another_sellers_stock_is_never_used():
    lines = [Line(10, 1, 1)]
    with pytest.raises(Unplaceable) as refused:
        split(lines, {(2, HZ.id, 10): 100}, WAREHOUSES)
    assert refused.value.lines == lines


def test_bonded_first_even_when_overseas_holds_everything():
    lines = [Line(10, 1, 1), Line(11, 1, 1)]
    stock = {(1, NB.id, 10): 1, (1, DE.id, 10): 5, (1, DE.id, 11): 5}
    assert shape(split(lines, stock, WAREHOUSES)) == [(1, NB.id, BONDED, [10]), (1, DE.id, DIRECT_MAIL, [11])]


def test_the_warehouse_covering_most_lines_wins_then_the_preferred():
    lines = [Line(10, 1, 1), Line(11, 1, 1), Line(12, 1, 1)]
    stock = {(1, HZ.id, 10): 1, (1, NB.id, 10): 1, (1, NB.id, 11): 1, (1, HZ.id, 12): 1}
    # NB holds two lines, HZ two as well: HZ (priority 1) is preferred, then NB takes the last
    assert shape(split(lines, stock, WAREHOUSES)) == [(1, HZ.id, BONDED, [10, 12]), (1, NB.id, BONDED, [11])]


def test_a_line_is_never_split_across_warehouses():
    lines = [Line(10, 1, 3)]
    with pytest.raises(Unplaceable):
        split(lines, {(1, HZ.id, 10): 2, (1, NB.id, 10): 2}, WAREHOUSES)


def test_a_mode_the_positive_list_forbids_is_skipped():
    lines = [Line(10, 1, 1, frozenset({DIRECT_MAIL}))]
    stock = {(1, HZ.id, 10): 5, (1, DE.id, 10): 5}
    assert shape(split(lines, stock, WAREHOUSES)) == [(1, DE.id, DIRECT_MAIL, [10])]


def test_every_unplaceable_line_is_reported():
    lines = [Line(10, 1, 1), Line(20, 2, 1), Line(30, 2, 1)]
    with pytest.raises(Unplaceable) as refused:
        split(lines, {(2, DE.id, 20): 1}, WAREHOUSES)
    assert [line.sku for line in refused.value.lines] == [10, 30]


def test_one_line_per_sku():
    with pytest.raises(ValueError):
        split([Line(10, 1, 1), Line(10, 1, 2)], {}, WAREHOUSES)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 4)), min_size=1, max_size=6),
       st.dictionaries(st.tuples(st.integers(1, 3), st.sampled_from([1, 2, 3]), st.integers(0, 5)),
                       st.integers(0, 5)))
def test_every_line_lands_once_in_a_warehouse_of_its_seller_that_holds_it(specs, available):
    lines = [Line(sku, seller, qty) for sku, (seller, qty) in enumerate(specs)]
    try:
        orders = split(lines, available, WAREHOUSES)
    except Unplaceable as refused:
        for line in refused.lines:  # truly unplaceable: no warehouse of its seller holds it
            assert all(available.get((line.seller, w.id, line.sku), 0) < line.quantity for w in WAREHOUSES)
        return
    placed = list(itertools.chain.from_iterable(o.lines for o in orders))
    assert sorted(placed, key=lambda line: line.sku) == lines
    modes = {w.id: w.mode for w in WAREHOUSES}
    for order in orders:
        assert order.mode == modes[order.warehouse]
        for line in order.lines:
            assert line.seller == order.seller
            assert available[(order.seller, order.warehouse, line.sku)] >= line.quantity
            if order.mode == DIRECT_MAIL:  # bonded first: no bonded warehouse of the seller held it
                assert all(available.get((line.seller, w.id, line.sku), 0) < line.quantity
                           for w in WAREHOUSES if w.mode == BONDED)
    keys = [(o.seller, o.warehouse) for o in orders]
    assert len(keys) == len(set(keys))  # one order per seller × warehouse


@pytest.mark.parametrize("on_hand, allocated, owners, expected", [
    (10, 0, [5], [(5, 10, "IR1")]),
    (10, 0, [7, 3], [(3, 5, "IR1"), (7, 5, "IR1-2")]),
    (11, 0, [1, 2, 3], [(1, 5, "IR1"), (2, 3, "IR1-2"), (3, 3, "IR1-3")]),
    (10, 8, [1, 2], [(1, 9, "IR1"), (2, 1, "IR1-2")]),
    (0, 0, [1, 2], [(1, 0, "IR1"), (2, 0, "IR1-2")]),
])
def test_an_ownerless_stock_row_is_shared_deterministically(on_hand, allocated, owners, expected):
    shares = split_stock(on_hand, allocated, "IR1", owners)
    assert [(s.owner, s.on_hand, s.item_record_no) for s in shares] == expected
    assert sum(s.on_hand for s in shares) == on_hand and shares[0].on_hand >= allocated


def test_stock_shares_refuse_nonsense():
    with pytest.raises(ValueError):
        split_stock(1, 0, "", [])
    with pytest.raises(ValueError):
        split_stock(1, 2, "", [1])
    assert [s.item_record_no for s in split_stock(4, 0, "", [1, 2])] == ["", ""]
