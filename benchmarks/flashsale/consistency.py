"""After a run: does the database still tell the truth? Plain SQL against haitao's tables.

`bench_initial_stock` (written by the seed step) remembers each stock row's on-hand count before the
sale, so overselling is measured against what the warehouse really had, SKU by SKU.
"""

# Orders in these states were paid (and keep their stock until shipped or refunded).
PAID_STATES = ("paid", "declared", "customs_accepted", "released", "shipped", "delivered")

INITIAL_TABLE = """
CREATE TABLE IF NOT EXISTS bench_initial_stock (stock_id bigint PRIMARY KEY, sku_id bigint NOT NULL,
                                                qty bigint NOT NULL)
"""


def record_initial_stock(conn) -> None:
    conn.execute(INITIAL_TABLE)
    conn.execute("TRUNCATE bench_initial_stock")
    conn.execute("INSERT INTO bench_initial_stock (stock_id, sku_id, qty) "
                 "SELECT id, sku_id, on_hand FROM inventory_stock")


def _table_exists(conn, name: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone()[0]


def _one(conn, query: str, params=()) -> int:
    value = conn.execute(query, params).fetchone()[0]
    return int(value or 0)


def check(conn) -> dict:
    """The invariants after a flash sale. `ok` is False when any of them fails."""
    paid = PAID_STATES
    sold_by_stock = """
        SELECT s.id, s.allocated + COALESCE(sh.qty, 0) AS sold, i.qty AS initial
        FROM inventory_stock s
        JOIN bench_initial_stock i ON i.stock_id = s.id
        LEFT JOIN (SELECT stock_id, SUM(quantity) AS qty FROM inventory_allocation
                   WHERE shipped AND NOT released GROUP BY stock_id) sh ON sh.stock_id = s.id"""
    out = {
        "orders": _one(conn, "SELECT COUNT(*) FROM orders_order"),
        "orders_paid": _one(conn, "SELECT COUNT(*) FROM orders_order WHERE status = ANY(%s)", (list(paid),)),
        "units_paid": _one(conn, "SELECT SUM(l.quantity) FROM orders_orderline l JOIN orders_order o "
                                 "ON o.id = l.order_id WHERE o.status = ANY(%s)", (list(paid),)),
        "initial_stock": _one(conn, "SELECT SUM(qty) FROM bench_initial_stock"),
        "units_sold": _one(conn, f"SELECT SUM(sold) FROM ({sold_by_stock}) t"),
        "units_allocated": _one(conn, "SELECT SUM(quantity) FROM inventory_allocation WHERE NOT released"),
        "oversold": _one(conn, f"SELECT SUM(GREATEST(0, sold - initial)) FROM ({sold_by_stock}) t"),
        "stock_rows_over_on_hand": _one(conn, "SELECT COUNT(*) FROM inventory_stock WHERE allocated > on_hand"),
        "orders_without_allocation": _one(conn, """
            SELECT COUNT(*) FROM orders_order o WHERE o.status IN ('pending_payment', 'paid') AND NOT EXISTS (
              SELECT 1 FROM orders_orderline l JOIN inventory_allocation a ON a.order_line_id = l.id
              WHERE l.order_id = o.id)"""),
        "orders_without_quota_entry": _one(conn, """
            SELECT COUNT(*) FROM orders_order o
            WHERE NOT EXISTS (SELECT 1 FROM compliance_quotaentry q WHERE q.order_id = o.id)"""),
    }
    # Paid orders must be committed in the ledger, reserved ones must not be: the ledger and orders agree.
    out["paid_orders_quota_not_committed"] = _one(conn, """
        SELECT COUNT(*) FROM orders_order o JOIN compliance_quotaentry q ON q.order_id = o.id
        WHERE o.status = ANY(%s) AND q.state <> 'committed'""", (list(paid),))
    if _table_exists(conn, "declarations_declaration"):
        out["declarations_checked"] = True
        # A paid order whose task still waits in the outbox is late (the drain is the bench's bound), not
        # lost: reported apart. Lost = paid with neither a declaration nor a queued task.
        queued = ("EXISTS (SELECT 1 FROM declarations_declaretask t WHERE t.order_id = o.id AND t.status = 'pending')"
                  if _table_exists(conn, "declarations_declaretask") else "FALSE")
        undeclared = """SELECT COUNT(*) FROM orders_order o WHERE o.status = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM declarations_declaration d WHERE d.order_id = o.id) AND """
        out["paid_orders_declaration_queued"] = _one(conn, undeclared + queued, (list(paid),))
        out["paid_orders_without_declaration"] = _one(conn, undeclared + f"NOT {queued}", (list(paid),))
    else:
        out["declarations_checked"] = False
        out["paid_orders_without_declaration"] = None
    problems = []
    if out["units_paid"] > out["initial_stock"]:
        problems.append("more units paid than the initial stock")
    if out["oversold"]:
        problems.append("oversold")
    if out["units_allocated"] != out["units_sold"]:
        problems.append("Σ allocations ≠ stock sold (allocated + shipped)")
    for name in ("stock_rows_over_on_hand", "orders_without_allocation", "orders_without_quota_entry",
                 "paid_orders_quota_not_committed", "paid_orders_without_declaration"):
        if out[name]:
            problems.append(name)
    out["problems"] = problems
    out["ok"] = not problems
    return out
