"""The two measured phases of a run with the compiled load generator (the default):

1. placement — wrk with placement.lua, for `duration` seconds;
2. payment — the Python generator (load.py) starts a payment and sends the signed sandbox callback
   for every order placed, while `haitao worker` builds the customs documents from the callbacks'
   "declare" outbox rows; the phase ends when every paid order is declared (or a bound passes).

For each phase: CPU seconds of the server, the PostgreSQL backends, the load generator and the worker
(cpu.py), and the database's own counters (dbstats.py): transactions, rows and — when
pg_stat_statements is loaded — statements, so "per order" holds under batching too.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from datetime import timezone
from pathlib import Path

from . import db, dbstats, wrk
from .cpu import Meter, groups_cpu_seconds
from .server import db_backend_cpu_seconds, haitao_command, machine_cpu, stop_group

ROOT = Path(__file__).resolve().parents[2]
DRAIN_SECONDS = 180.0


class Worker:
    """`haitao worker` (the plain loop: declare, deliver, receipts) in its own process group."""

    def __init__(self, env: dict, log_path: Path, interval: float = 0.5):
        self.env, self.log_path, self.interval = env, log_path, interval
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Worker":
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(haitao_command() + ["worker", "--interval", str(self.interval)], env=self.env,
                                         cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        return self

    @property
    def pgid(self) -> int | None:
        return self.proc.pid if self.proc and self.proc.poll() is None else None

    def stop(self) -> None:
        stop_group(self.proc)


def placed_orders(conn, buyers: list) -> list:
    """(token, name, ID number, order number) of every unpaid order, oldest first: what the payment
    phase pays. Buyers are found by the seed's e-mail `buyer<n>@flash.bench` (n = index in the pool)."""
    rows = conn.execute("""
        SELECT o.number, u.email FROM orders_order o JOIN accounts_customer c ON c.id = o.customer_id
        JOIN auth_user u ON u.id = c.user_id WHERE o.status = 'pending_payment' ORDER BY o.id""").fetchall()
    out = []
    for number, email in rows:
        index = int(email.split("@", 1)[0].removeprefix("buyer"))
        if index < len(buyers):
            out.append([*buyers[index], number])
    return out


def placement_window(conn, started: float) -> tuple[int, float | None, float | None]:
    """(orders, first and last order's time after `started`, a time.time())."""
    count, first, last = conn.execute("SELECT COUNT(*), MIN(placed_at), MAX(placed_at) FROM orders_order").fetchone()

    def since(moment):
        return None if moment is None else moment.astimezone(timezone.utc).timestamp() - started

    return count, since(first), since(last)


def _settle(conn, bound: float = 30.0) -> None:
    """wrk stops with requests in flight; wait until the server has finished them (the order count
    holds still for a second), so that every order placed is paid in phase 2."""
    t0, last = time.monotonic(), None
    while time.monotonic() - t0 < bound:
        count = conn.execute("SELECT COUNT(*) FROM orders_order").fetchone()[0]
        if count == last:
            return
        last = count
        time.sleep(1.0)


def pending_declarations(conn) -> int | None:
    if not conn.execute("SELECT to_regclass('declarations_declaretask') IS NOT NULL").fetchone()[0]:
        return None
    return conn.execute("SELECT COUNT(*) FROM declarations_declaretask WHERE status = 'pending'").fetchone()[0]


def declared_orders(conn) -> int:
    return conn.execute("SELECT COUNT(DISTINCT order_id) FROM declarations_declaration").fetchone()[0]


def _drain(url: str, bound: float) -> tuple[float, int | None]:
    """Wait until no paid order waits for its documents; (seconds waited, still pending)."""
    t0 = time.monotonic()
    with db.connect(url) as conn:
        while True:
            conn.commit()
            pending = pending_declarations(conn)
            if not pending or time.monotonic() - t0 > bound:
                return round(time.monotonic() - t0, 3), pending
            time.sleep(0.25)


def run(url: str, spec: dict, server, var_dir: Path, worker_env: dict, threads: int = 2) -> dict:
    """Both phases against a started server; returns the load result in load.py's shape (phase1,
    payment) with the CPU and database counters of each phase."""
    buyers = json.loads(Path(spec["buyers_file"]).read_text(encoding="utf-8"))
    worker = Worker(worker_env, var_dir / "worker.log")
    meter = Meter({"server": lambda: groups_cpu_seconds({server.pgid}),
                   "postgres_backends": lambda: db_backend_cpu_seconds(spec["db_name"]),
                   "worker": lambda: groups_cpu_seconds({worker.pgid}) if worker.pgid else 0.0},
                  machine_cpu)
    with db.connect(url) as conn:
        counters = dbstats.Counters(conn, spec["db_name"])
        result, started, wrk_cpu = wrk.run(spec, buyers, var_dir, threads)
        _settle(conn)
        placed, first, last = placement_window(conn, started)
        phase1 = wrk.tally(result, placed, first, last)
        phase1["cpu_s"] = meter.lap({"load_generator": wrk_cpu})
        phase1["database"] = counters.lap()
        out: dict = {"scenario": spec["scenario"], "clients": spec["clients"], "phase1": phase1}
        to_pay = placed_orders(conn, buyers)
    if not to_pay or not spec.get("pay", True):
        return out
    spec_path, out_path = var_dir / "pay-spec.json", var_dir / "pay-out.json"
    spec_path.write_text(json.dumps({**spec, "placed": to_pay}, ensure_ascii=False), encoding="utf-8")
    out_path.unlink(missing_ok=True)
    worker.start()
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        subprocess.run([sys.executable, "-m", "benchmarks.flashsale.load", str(spec_path), str(out_path)], cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True,
                       timeout=spec["payment_timeout"] + 120)
        paying = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        drained, pending = _drain(url, DRAIN_SECONDS)
        pay = json.loads(out_path.read_text(encoding="utf-8"))["payment"]
        pay["cpu_s"] = meter.lap({"load_generator": round((after.ru_utime - before.ru_utime)
                                                         + (after.ru_stime - before.ru_stime), 3)})
    finally:
        worker.stop()
    with db.connect(url) as conn:
        pay["database"] = counters.lap(conn)
        pay["declared_orders"] = declared_orders(conn)
    pay["declare_drain_s"], pay["still_undeclared"] = drained, pending
    pay["paying_s"] = round(paying, 3)
    out["payment"] = pay
    return out


def generator(wanted: str) -> str:
    """The placement generator to use: wrk unless asked otherwise or not installed (then said so)."""
    if wanted == "wrk" and not wrk.executable():
        print(f"[flash-sale] {wrk.install_hint()}; placing with the Python generator instead", file=sys.stderr)
        return "python"
    return wanted


def declare_all(url: str, env: dict, var_dir: Path) -> dict:
    """After a run driven by the Python generator: `haitao worker` until every paid order is declared."""
    worker = Worker(env, var_dir / "worker.log").start()
    try:
        drained, pending = _drain(url, DRAIN_SECONDS)
    finally:
        worker.stop()
    return {"declare_drain_s": drained, "still_undeclared": pending}


def reusable_template(url: str, var_dir: Path) -> tuple[str, dict] | None:
    """(`<db>_seed`'s URL, its manifest) when an earlier run kept it (--keep-template), else None."""
    template = db.with_dbname(url, db.dbname(url) + "_seed")
    manifest_path = var_dir / "manifest.json"
    if not manifest_path.is_file():
        return None
    try:
        with db.connect(template):
            pass
    except Exception:  # noqa: BLE001 - no such database: seed a new one
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest.setdefault("migrate_seconds", 0.0)
    manifest.setdefault("seed_seconds", 0.0)
    print(f"[flash-sale] reusing {db.dbname(template)}", file=sys.stderr)
    return template, manifest
