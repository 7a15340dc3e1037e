"""The database's own count of the work of a phase, whatever client sent it (Django, a lean path,
batched or not): statements from pg_stat_statements when the server loads it
(`shared_preload_libraries`), else the cumulative counters of pg_stat_database — transactions
committed and rows read and written. Divided by orders, they are the amortised cost under batching.

Backends report their counters at transaction end at most about once a second (PostgreSQL 15), so
a lap waits a moment first; the last lap is read after the server has stopped (every backend gone).
"""

from __future__ import annotations

import time

DATABASE_COUNTERS = ("xact_commit", "xact_rollback", "tup_returned", "tup_fetched", "tup_inserted", "tup_updated",
                     "tup_deleted")
SETTLE_SECONDS = 1.2


def statements_available(conn) -> bool:
    """pg_stat_statements is loaded by the server (and can be created in this database)."""
    libs = conn.execute("SELECT current_setting('shared_preload_libraries')").fetchone()[0] or ""
    if "pg_stat_statements" not in libs:
        return False
    conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return True


def snapshot(conn, dbname: str, statements: bool) -> dict:
    row = conn.execute(f"SELECT {', '.join(DATABASE_COUNTERS)} FROM pg_stat_database WHERE datname = %s",
                       (dbname,)).fetchone()
    out = dict(zip(DATABASE_COUNTERS, (int(v or 0) for v in row))) if row else {}
    if statements:
        out["statements"] = int(conn.execute(
            "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
            "WHERE d.datname = %s", (dbname,)).fetchone()[0])
    return out


def delta(before: dict, after: dict) -> dict:
    return {k: after[k] - before.get(k, 0) for k in after}


def per_order(counts: dict | None, orders: int | None) -> dict | None:
    """Each counter per order (rounded), plus rows written (inserted + updated + deleted) per order."""
    if not counts or not orders:
        return None
    counts = {k: v for k, v in counts.items() if isinstance(v, int)}
    out = {k: round(v / orders, 2) for k, v in counts.items()}
    out["rows_written"] = round(sum(counts.get(k, 0) for k in ("tup_inserted", "tup_updated", "tup_deleted"))
                                / orders, 2)
    return out


class Counters:
    def __init__(self, conn, dbname: str):
        self.dbname = dbname
        conn.commit()
        self.statements = statements_available(conn)
        conn.commit()
        self.mark = snapshot(conn, dbname, self.statements)
        self.conn = conn

    def lap(self, conn=None) -> dict:
        """Counts since the last lap; `source` says which view they come from."""
        conn = conn or self.conn
        time.sleep(SETTLE_SECONDS)
        conn.commit()  # a fresh snapshot of the statistics views
        now = snapshot(conn, self.dbname, self.statements)
        out = delta(self.mark, now)
        self.mark = now
        out["source"] = "pg_stat_statements" if self.statements else "pg_stat_database"
        return out
