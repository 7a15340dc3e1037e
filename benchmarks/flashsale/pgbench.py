"""The database ceiling: the minimal SQL of one sale, run by pgbench against scratch tables.

A sale is one transaction (synchronous commit, as haitao's are): take one unit from the SKU's stock
row with a conditional UPDATE and write an order row. `hot` hits one row, `random` one of 10,000;
`catalog` is the read side (one product row by key). The stock is refilled high first, so every
transaction is a successful sale. The ceiling is the best TPS over several client counts.
"""

import glob
import re
import shutil
import subprocess
from pathlib import Path

from .db import connect, libpq

RANDOM_SKUS = 10_000
SCRATCH = """
DROP TABLE IF EXISTS bench_stock, bench_order;
CREATE TABLE bench_stock (sku integer PRIMARY KEY, qty bigint NOT NULL, title text NOT NULL,
                          price numeric(12, 2) NOT NULL);
CREATE TABLE bench_order (id bigserial PRIMARY KEY, sku integer NOT NULL, buyer integer NOT NULL,
                          amount numeric(12, 2) NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());
"""

SALE = """\\set sku {sku}
\\set buyer random(1, {buyers})
BEGIN;
UPDATE bench_stock SET qty = qty - 1 WHERE sku = :sku AND qty >= 1;
INSERT INTO bench_order (sku, buyer, amount) VALUES (:sku, :buyer, 199.00);
END;
"""
READ = """\\set sku random(1, {skus})
SELECT sku, title, price, qty FROM bench_stock WHERE sku = :sku;
"""

TPS = re.compile(r"^tps = ([0-9.]+) \((?:without initial connection time|excluding connections establishing)\)",
                 re.MULTILINE)


def executable() -> str:
    found = shutil.which("pgbench") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"),
                                                        reverse=True)), None)
    if not found:
        raise FileNotFoundError("pgbench not found (it ships with PostgreSQL: apt-get install postgresql-client)")
    return found


def script(scenario: str, buyers: int = 5000, skus: int = RANDOM_SKUS) -> str:
    if scenario == "hot":
        return SALE.format(sku="1", buyers=buyers)
    if scenario == "random":
        return SALE.format(sku=f"random(1, {skus})", buyers=buyers)
    if scenario == "catalog":
        return READ.format(skus=skus)
    raise ValueError(f"unknown scenario {scenario!r}")


def prepare(url: str, skus: int = RANDOM_SKUS, qty: int = 10**12) -> None:
    """(Re)create the scratch tables with `skus` stock rows of `qty` units each."""
    with connect(url) as conn:
        conn.execute(SCRATCH)
        conn.execute("INSERT INTO bench_stock (sku, qty, title, price) "
                     "SELECT g, %s, 'flash sale item ' || g, 199.00 FROM generate_series(1, %s) g", (qty, skus))
        conn.execute("ANALYZE bench_stock")


def parse_tps(output: str) -> float:
    match = TPS.search(output)
    if not match:
        raise ValueError("no tps line in pgbench output:\n" + output[-2000:])
    return float(match.group(1))


def run_once(url: str, script_path: Path, clients: int, seconds: int, jobs: int = 2) -> dict:
    cmd = [executable(), "-n", "-M", "prepared", "-f", str(script_path), "-c", str(clients),
           "-j", str(min(jobs, clients)), "-T", str(seconds), libpq(url)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    if proc.returncode != 0:
        return {"clients": clients, "tps": None, "error": (proc.stderr or proc.stdout).strip()[-500:]}
    failed = re.search(r"number of failed transactions: (\d+)", proc.stdout)
    return {"clients": clients, "tps": round(parse_tps(proc.stdout), 1),
            "failed": int(failed.group(1)) if failed else 0}


def ceiling(url: str, scenario: str, workdir: Path, clients=(8, 16, 32, 64), seconds: int = 4,
            jobs: int = 2, buyers: int = 5000) -> dict:
    """Best TPS of the scenario's minimal SQL over `clients`; scratch tables are rebuilt first."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"pgbench-{scenario}.sql"
    path.write_text(script(scenario, buyers=buyers), encoding="utf-8")
    prepare(url)
    runs = [run_once(url, path, c, seconds, jobs) for c in clients]
    good = [r for r in runs if r["tps"]]
    best = max(good, key=lambda r: r["tps"]) if good else None
    with connect(url) as conn:
        sold = conn.execute("SELECT COUNT(*) FROM bench_order").fetchone()[0]
    return {"kind": "read" if scenario == "catalog" else "sale", "tps": best["tps"] if best else None,
            "best_clients": best["clients"] if best else None, "runs": runs, "seconds_each": seconds,
            "jobs": jobs, "orders_written": sold, "script": path.read_text(encoding="utf-8")}
