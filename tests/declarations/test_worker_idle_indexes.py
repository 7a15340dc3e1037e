"""An idle pass of `haitao worker` (nothing to do) must find that out through indexes. The loop runs
every few seconds; a statement with no index to its work scans its whole table each time — every
order, outbox row or payment declaration ever written (docs/benchmarks.md, "Worker idle tick: index
use"). Every statement of the pass is planned again here on the suite's database:

- PostgreSQL: ``EXPLAIN (FORMAT JSON)`` with ``enable_seqscan = off``, so the planner takes an index
  whenever one fits; a ``Seq Scan`` left in the plan means none does. An index scanned end to end with
  no condition (a filter, not a search) counts as a scan too, unless the index is partial: a partial
  index holds only the rows with work to do.
- SQLite: ``EXPLAIN QUERY PLAN``; ``SCAN <table>`` means the same, ``SCAN <table> USING INDEX <i>``
  is accepted only for a partial index.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction

from haitao.cli import worker_pass
from haitao.declarations.worker import worker_tick

pytestmark = pytest.mark.django_db

# One lookup per duty (expiry, declare queue, undeclared paid orders, outbox, two for shipments, two for
# payment pushes, payment-data requests): an upper bound, on PostgreSQL and SQLite alike.
IDLE_BUDGET = 9
# The tables an idle pass reads; each grows with every order.
WORK_TABLES = {"orders_order", "declarations_declaretask", "declarations_outboxmessage", "declarations_shipment",
               "payments_paymentdeclaration", "payments_paymentdatarequest"}


def _partial_indexes() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                           "WHERE i.indpred IS NOT NULL")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")
        return {row[0] for row in cursor.fetchall()}


def _postgresql_scans(sql: str, params, partial: set[str]) -> list[str]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    scans, nodes = [], [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", ()))
        kind, index = node["Node Type"], node.get("Index Name")
        if kind == "Seq Scan":
            scans.append(f"Seq Scan on {node['Relation Name']}")
        elif index and "Index Cond" not in node and index not in partial:
            scans.append(f"{kind} on {node.get('Relation Name', '')} using {index}, every entry")
    return scans


def _sqlite_scans(sql: str, params, partial: set[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        details = [row[-1] for row in cursor.fetchall()]
    scans = []
    for detail in details:
        words = detail.split()
        if words[:1] != ["SCAN"] or words[1] in ("CONSTANT", "SUBQUERY"):
            continue
        index = words[words.index("INDEX") + 1] if "INDEX" in words else None
        if index not in partial:
            scans.append(detail)
    return scans


def _idle_statements() -> list[tuple[str, object]]:
    """The statements of one pass that finds nothing to do, as the database received them."""
    captured: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        counts = worker_pass()
    assert not any(counts.values()), counts
    return [(sql, params) for sql, params in captured if not sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))]


def test_an_idle_worker_pass_finds_its_work_through_indexes(place_and_pay, monkeypatch):
    # Rows in every table the pass reads: two orders through customs to delivery (simulator in-process).
    for items in ([("APT3", 1)], [("VIT9", 2)]):
        place_and_pay(items)
    for _ in range(4):
        worker_tick()
    # Then the production worker: customs is elsewhere, and customs' payment-data requests are uploaded
    # (the pass looks for pending ones; none is, so nothing is sent).
    monkeypatch.setenv("HAITAO_CUSTOMS_SIMULATOR", "off")
    monkeypatch.setenv("HAITAO_CUSTOMS_DATA_UPLOAD_URL", "http://127.0.0.1:9/unused")
    worker_pass()  # settles whatever the last tick left
    statements = _idle_statements()
    assert len(statements) <= IDLE_BUDGET, [sql for sql, _ in statements]
    tables = {t for t in WORK_TABLES for sql, _ in statements if f'"{t}"' in sql}
    assert tables == WORK_TABLES, f"the pass no longer reads {WORK_TABLES - tables}: update WORK_TABLES"
    partial = _partial_indexes()
    explain = _postgresql_scans if connection.vendor == "postgresql" else _sqlite_scans
    scanning = {sql: scans for sql, params in statements if (scans := explain(sql, params, partial))}
    assert not scanning, "idle worker statements that scan:\n" + "\n".join(
        f"{scans}: {sql}" for sql, scans in scanning.items())

