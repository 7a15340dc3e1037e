"""The flash-sale benchmark, end to end:

1. a fresh PostgreSQL database: `<name>_seed` is dropped, created, migrated (`haitao migrate`) and seeded
   once; every run then starts from `CREATE DATABASE <name> TEMPLATE <name>_seed` (a file copy);
2. `haitao serve` (gunicorn) on a free 127.0.0.1 port, production settings;
3. the load process (benchmarks.flashsale.load) places orders, then pays them (phase 2);
4. server stopped; SQL consistency checks; SQL statements per checkout (Django child process);
5. pgbench ceiling of the scenario's minimal SQL, on the same database;
6. one JSON object; a row (and the chart) in docs/benchmarks.md "## Flash sale".
"""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from . import db, pgbench, phases, report
from .consistency import check
from .server import SERVER_REDIS_URL, Server, haitao_command

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ("hot", "random", "catalog")
MAX_REQUESTS_PER_CLIENT_SECOND = 2000  # a hard cap on requests, far above what the server can do
# The hot SKU's default units: a Double-11 hot SKU has tens of thousands. At the target rate (the
# pgbench ceiling, ~3,600 sales/s on the 2-core reference box) 60,000 units last ≈ 17 s, so placed/s
# is the sustained rate over most of a 20-s run, not a sell-out burst of half a second.
DEFAULT_HOT_STOCK = 60_000
# Buyers hold at most 5 unpaid orders each (settings.MAX_UNPAID_ORDERS_PER_BUYER), so the pool must be
# large enough for the stock to sell without the cap refusing: 20,000 × 5 = 100,000 > 60,000.
DEFAULT_BUYERS = 20_000


def _log(message: str) -> None:
    print(f"[flash-sale] {message}", file=sys.stderr, flush=True)


def _child_env(url: str, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(HAITAO_DATABASE_URL=url, HAITAO_VAR_DIR=str(var_dir), PYTHONPATH=str(ROOT),
               HAITAO_PAYMENT_SANDBOX="1")  # the probe pays with the sandbox, switched on explicitly
    return env


def _run_json(cmd: list[str], env: dict, timeout: float) -> dict:
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} … failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def prepare_template(url: str, var_dir: Path, buyers: int, stock: int) -> tuple[str, dict]:
    """Create, migrate and seed `<name>_seed`; returns (its URL, the seed manifest)."""
    template = db.with_dbname(url, db.dbname(url) + "_seed")
    t0 = time.monotonic()
    db.drop(url)  # no stale copy may outlive a failed run
    db.recreate(template)
    env = _child_env(template, var_dir)
    subprocess.run(haitao_command() + ["migrate", "--quiet"], env=env, cwd=ROOT, check=True, timeout=600,
                   stdout=subprocess.DEVNULL)
    t1 = time.monotonic()
    manifest = _run_json([sys.executable, "-m", "benchmarks.flashsale.djtasks", "seed", "--out", str(var_dir),
                          "--buyers", str(buyers), "--stock", str(stock)], env, timeout=900)
    manifest.update(migrate_seconds=round(t1 - t0, 1), seed_seconds=round(time.monotonic() - t1, 1))
    return template, manifest


def _drop_cached_catalog(dbname: str) -> None:
    """Every run starts with a cold catalog cache: drop what an earlier run of this database left in Redis."""
    try:
        import redis

        client = redis.Redis.from_url(SERVER_REDIS_URL)
        keys = list(client.scan_iter(match=f"*cat:{dbname}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start:start + 1000])
        client.delete(*client.keys("*catalog:version*") or ["-"])
    except Exception as exc:  # noqa: BLE001 - no Redis: the server falls back to no shared cache anyway
        _log(f"could not clear the cached catalog: {exc}")


def run_once(url: str, template: str, var_dir: Path, manifest: dict, scenario: str, clients: int,
             duration: float, workers: int, threads: int = 1, generator: str = "wrk", fast: bool = False,
             pay: bool = True) -> tuple[dict, dict]:
    """One scenario at one client count on a fresh copy of the seeded database: (load result, consistency)."""
    db.recreate(url, template=db.dbname(template))
    _drop_cached_catalog(db.dbname(url))
    secret = secrets.token_hex(16)
    server = Server(url, workers, var_dir, sandbox_secret=secret, threads=threads, fast=fast)
    try:
        server.start()
        _log(f"{scenario}: {clients} clients for {duration:g}s against {server.base_url} "
             f"({'uvicorn, lean path' if fast else 'gunicorn'}: {workers} workers × {threads} threads)")
        spec = {**manifest, "base_url": server.base_url, "scenario": scenario, "clients": clients,
                "duration": duration, "max_requests": int(MAX_REQUESTS_PER_CLIENT_SECOND * duration),
                "payment_timeout": max(60.0, 3 * duration), "buyers_file": str(var_dir / "buyers.json"),
                "sandbox_secret": secret, "server_pgid": server.pgid, "db_name": db.dbname(url), "pay": pay}
        worker_env = {k: v for k, v in server.env.items() if k != "HAITAO_BROKER_URL"}
        if generator == "wrk" and scenario != "catalog":
            load = phases.run(url, spec, server, var_dir, worker_env)
        else:
            spec_path, out_path = var_dir / "load-spec.json", var_dir / "load-out.json"
            spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
            out_path.unlink(missing_ok=True)
            limit = duration + spec["payment_timeout"] + 120
            subprocess.run([sys.executable, "-m", "benchmarks.flashsale.load", str(spec_path), str(out_path)],
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, timeout=limit)
            load = json.loads(out_path.read_text(encoding="utf-8"))
            phases.declare_all(url, worker_env, var_dir)  # the worker builds what the callbacks queued
    finally:
        server.stop()
    with db.connect(url) as conn:
        consistency = check(conn)
    return load, consistency


def default_workers() -> int:
    return (os.cpu_count() or 1) * 2 + 1


def run_flash_sale(args) -> int:
    scenarios = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    sweep = [int(c) for c in args.sweep.split(",")] if args.sweep else [args.clients]
    workers = args.workers or (default_workers() if args.server == "gunicorn" else (os.cpu_count() or 1))
    var_dir = (ROOT / "var" / "bench" / "flashsale").resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    url = args.database_url
    generator = phases.generator(args.load)
    results: list[dict] = []
    try:
        _log(f"preparing {db.dbname(url)}: migrate + {args.buyers} buyers, hot stock {args.stock}, 10,000 SKUs")
        reused = phases.reusable_template(url, var_dir) if args.reuse_template else None
        template, manifest = reused or prepare_template(url, var_dir, args.buyers, args.stock)
        _log(f"seeded in {manifest['migrate_seconds'] + manifest['seed_seconds']:.0f}s")
        setup = {k: manifest[k] for k in ("buyers", "hot_stock", "random_skus", "sku_stock", "migrate_seconds",
                                          "seed_seconds")}
        for scenario in scenarios:
            runs = []
            for clients in sweep:
                load, consistency = run_once(url, template, var_dir, manifest, scenario, clients, args.duration,
                                             workers, args.threads, generator, fast=args.server == "fast",
                                             pay=not args.no_pay)
                runs.append((clients, load, consistency))
                if not consistency["ok"]:
                    _log(f"CONSISTENCY PROBLEMS: {consistency['problems']}")
            _log("counting SQL statements per checkout")
            statements = _run_json([sys.executable, "-m", "benchmarks.flashsale.djtasks", "probe", "--manifest",
                                    str(var_dir / "manifest.json")], _child_env(url, var_dir), timeout=300)
            ceiling = None
            if not args.no_ceiling:
                _log(f"pgbench ceiling ({scenario})")
                ceiling = pgbench.ceiling(url, scenario, var_dir, seconds=args.pgbench_seconds, buyers=args.buyers)
            for clients, load, consistency in runs:
                result = report.build(scenario, clients, workers, args.duration, load, consistency, statements,
                                      ceiling, setup)
                results.append({**result, "server_threads": args.threads, "server": args.server,
                                "load_generator": "python" if scenario == "catalog" else generator})
    except KeyboardInterrupt:
        _log("interrupted: server stopped, partial results follow")
    finally:
        if not (args.keep_template or args.reuse_template):
            try:
                db.drop(db.with_dbname(url, db.dbname(url) + "_seed"))
            except Exception as exc:  # noqa: BLE001 - cleanup must not hide the real error
                _log(f"could not drop the template database: {exc}")
    if not results:
        return 1
    primary = next((r for r in results if r["clients"] == args.clients), results[0])
    out = dict(primary)
    if len(results) > 1:  # the top level is the primary run; every run, in short, under "runs"
        out["runs"] = [{k: v for k, v in r.items()
                        if k not in ("setup", "ceiling", "sql_statements_per_checkout", "consistency")}
                       for r in results]
    if not args.no_write_docs:
        report.update_doc(results)
        _log(f"wrote {report.DOC.relative_to(ROOT)} and {report.SVG.relative_to(ROOT)}")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for r in results:
            headline = r["attempts_per_s"] if r["scenario"] == "catalog" else r["orders_placed_per_s"]
            print(f"{r['scenario']:8} clients {r['clients']:4}  {headline:9,.1f}/s "
                  f"paid {r['orders_paid_per_s'] or 0:8,.1f}/s  p50/p95/p99 {r['latency_ms']['p50']}/"
                  f"{r['latency_ms']['p95']}/{r['latency_ms']['p99']} ms  oos {r['out_of_stock']}  "
                  f"errors {r['error_count']}  oversold {r['oversold']}  ceiling {r['ceiling_tps']}  "
                  f"ratio {r['ratio_to_ceiling']}")
    return 0 if all(r["consistency"]["ok"] for r in results) else 3


def add_flash_sale(subparsers) -> None:
    p = subparsers.add_parser("flash-sale", help="orders/s through the REST API under a flash sale, with the "
                                                "pgbench ceiling and consistency checks (fresh PostgreSQL database)")
    p.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="hot")
    p.add_argument("--clients", type=int, default=64, help="concurrent virtual buyers (default 64)")
    p.add_argument("--sweep", default="", help="comma-separated client counts, e.g. 8,32,64,128 (overrides --clients)")
    p.add_argument("--duration", type=float, default=20.0, help="seconds of placement per run (default 20)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--database-url", default=db.DEFAULT_URL,
                   help="the bench database; it is DROPPED and recreated (default %(default)s)")
    p.add_argument("--stock", type=int, default=DEFAULT_HOT_STOCK,
                   help="units of the hot SKU (default %(default)s: at the target rate the sale lasts most of the run)")
    p.add_argument("--buyers", type=int, default=DEFAULT_BUYERS,
                   help="buyers with identities and tokens (default %(default)s; each holds at most 5 unpaid orders)")
    p.add_argument("--workers", type=int, default=0, help="gunicorn workers (default 2 × cores + 1)")
    p.add_argument("--threads", type=int, default=1,
                   help="threads per gunicorn worker (default 1: sync workers; more: gthread, with keep-alive)")
    p.add_argument("--load", choices=("wrk", "python"), default="wrk",
                   help="placement load generator: wrk (default; Debian's package, a fraction of the CPU) or the "
                        "Python one; payments are always driven by the Python one")
    p.add_argument("--server", choices=("fast", "gunicorn"), default="fast",
                   help="fast (default): uvicorn with the lean group-commit placement path in front of Django; "
                        "gunicorn: Django alone (the path before issue 15)")
    p.add_argument("--pgbench-seconds", type=int, default=4, help="seconds per pgbench client count (default 4)")
    p.add_argument("--no-ceiling", action="store_true", help="skip the pgbench ceiling")
    p.add_argument("--no-pay", action="store_true", help="placement only: skip the payment phase (trial runs)")
    p.add_argument("--keep-template", action="store_true", help="keep <db>_seed for inspection")
    p.add_argument("--reuse-template", action="store_true",
                   help="reuse <db>_seed from an earlier --keep-template run (same --buyers/--stock), and keep it")
    p.add_argument("--no-write-docs", action="store_true", help="do not touch docs/benchmarks.md or the chart")
    p.set_defaults(func=run_flash_sale)


def add_parsers(subparsers) -> None:
    """Add the `bench` command group (with `flash-sale`) to the `haitao` CLI's subparsers."""
    bench = subparsers.add_parser("bench", help="benchmarks (they print JSON and write docs/benchmarks.md)")
    add_flash_sale(bench.add_subparsers(dest="bench_command", required=True))
