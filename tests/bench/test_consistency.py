"""The after-run checks on a tiny synthetic database with the columns they read from haitao's tables."""

import pytest

from benchmarks.flashsale.consistency import check, record_initial_stock
from benchmarks.flashsale.db import connect

SCHEMA = """
DROP TABLE IF EXISTS inventory_stock, inventory_allocation, orders_order, orders_orderline,
                     compliance_quotaentry, bench_initial_stock, declarations_declaration;
CREATE TABLE inventory_stock (id bigint PRIMARY KEY, sku_id bigint, on_hand int, allocated int);
CREATE TABLE orders_order (id bigint PRIMARY KEY, status text);
CREATE TABLE orders_orderline (id bigint PRIMARY KEY, order_id bigint, sku_id bigint, quantity int);
CREATE TABLE inventory_allocation (id bigserial PRIMARY KEY, order_line_id bigint, stock_id bigint, quantity int,
                                   released boolean DEFAULT false, shipped boolean DEFAULT false);
CREATE TABLE compliance_quotaentry (id bigserial PRIMARY KEY, order_id bigint, state text);
"""


@pytest.fixture
def conn(scratch_url):
    with connect(scratch_url) as c:
        c.execute(SCHEMA)
        c.execute("INSERT INTO inventory_stock VALUES (1, 10, 3, 0), (2, 20, 5, 0)")
        record_initial_stock(c)
        yield c


def sell(conn, order_id, stock_id, qty=1, status="paid", quota=True):
    conn.execute("INSERT INTO orders_order VALUES (%s, %s)", (order_id, status))
    conn.execute("INSERT INTO orders_orderline VALUES (%s, %s, %s, %s)", (order_id, order_id, stock_id * 10, qty))
    conn.execute("INSERT INTO inventory_allocation (order_line_id, stock_id, quantity) VALUES (%s, %s, %s)",
                 (order_id, stock_id, qty))
    conn.execute("UPDATE inventory_stock SET allocated = allocated + %s WHERE id = %s", (qty, stock_id))
    if quota:
        conn.execute("INSERT INTO compliance_quotaentry (order_id, state) VALUES (%s, %s)",
                     (order_id, "committed" if status == "paid" else "reserved"))


def test_a_clean_sale_passes(conn):
    for i in range(1, 4):
        sell(conn, i, 1)
    sell(conn, 4, 2, qty=2, status="pending_payment")
    result = check(conn)
    assert result["ok"], result["problems"]
    assert result["oversold"] == 0 and result["orders_paid"] == 3 and result["units_paid"] == 3
    assert result["units_sold"] == result["units_allocated"] == 5 and result["initial_stock"] == 8
    assert result["declarations_checked"] is False


def test_overselling_one_sku_is_counted_per_sku(conn):
    # Stock row 1 had 3 units; 5 were sold. Row 2 has spare units, which must not hide the oversell.
    for i in range(1, 6):
        sell(conn, i, 1)
    result = check(conn)
    assert result["oversold"] == 2
    assert result["stock_rows_over_on_hand"] == 1
    assert not result["ok"] and "oversold" in result["problems"]


def test_shipped_units_still_count_as_sold(conn):
    sell(conn, 1, 1, qty=3)
    # Shipping consumes: on hand and allocated both fall, the allocation is marked shipped.
    conn.execute("UPDATE inventory_stock SET on_hand = on_hand - 3, allocated = allocated - 3 WHERE id = 1")
    conn.execute("UPDATE inventory_allocation SET shipped = true")
    conn.execute("UPDATE orders_order SET status = 'shipped'")
    sell(conn, 2, 1, qty=1)  # the row shows on_hand 0, allocated 1: one unit more than there ever was
    result = check(conn)
    assert result["units_sold"] == result["units_allocated"] == 4
    assert result["oversold"] == 1


def test_missing_quota_entry_and_declaration_are_reported(conn):
    sell(conn, 1, 1, quota=False)
    sell(conn, 2, 1)
    conn.execute("CREATE TABLE declarations_declaration (id bigserial PRIMARY KEY, order_id bigint)")
    conn.execute("INSERT INTO declarations_declaration (order_id) VALUES (2)")
    result = check(conn)
    assert result["orders_without_quota_entry"] == 1
    assert result["declarations_checked"] is True and result["paid_orders_without_declaration"] == 1
    assert set(result["problems"]) == {"orders_without_quota_entry", "paid_orders_without_declaration"}


def test_a_paid_order_still_queued_for_declaration_is_late_not_lost(conn):
    sell(conn, 1, 1)
    sell(conn, 2, 1)
    sell(conn, 3, 1)
    conn.execute("CREATE TABLE declarations_declaration (id bigserial PRIMARY KEY, order_id bigint)")
    conn.execute("CREATE TABLE declarations_declaretask (id bigserial PRIMARY KEY, order_id bigint, status text)")
    conn.execute("INSERT INTO declarations_declaration (order_id) VALUES (1)")
    conn.execute("INSERT INTO declarations_declaretask (order_id, status) VALUES (1, 'done'), (2, 'pending')")
    result = check(conn)
    assert result["paid_orders_declaration_queued"] == 1  # order 2: its task waits in the outbox
    assert result["paid_orders_without_declaration"] == 1  # order 3: neither declared nor queued
    assert result["problems"] == ["paid_orders_without_declaration"]
