"""The `haitao` command: demo, migrate, serve, worker, tax quote, expire-orders, rotate-keys, …

Each subcommand is a thin adapter: parse arguments, set up Django when needed, call a service.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()
    from django.conf import settings

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)


def cmd_migrate(args) -> int:
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0 if args.quiet else 1)
    return 0


def _serve(bind: str, workers: int, threads: int, extra_env: dict | None = None, fast: bool = False) -> int:
    """gunicorn (not runserver): the same server in the demo and in production. `fast`: uvicorn with
    the lean placement path in front of Django's ASGI handler (haitao/fastpath, docs/scaling.md)."""
    _django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if fast:
        host, _, port = bind.rpartition(":")
        cmd = [sys.executable, "-m", "uvicorn", "haitao.fastpath.app:application", "--host", host or "127.0.0.1",
               "--port", port, "--workers", str(workers), "--loop", "uvloop", "--http", "httptools",
               "--no-access-log", "--log-level", "warning", "--timeout-graceful-shutdown", "10"]
        return subprocess.call(cmd, env={**os.environ, **(extra_env or {})})
    cmd = [sys.executable, "-m", "gunicorn", "haitao.wsgi:application", "--bind", bind,
           "--workers", str(workers), "--threads", str(threads), "--access-logfile", "-",
           "--logger-class", "haitao.common.gunicorn_log.MaskingLogger",
           "--worker-class", "haitao.common.gunicorn_worker." + ("ThreadWorker" if threads > 1 else "SyncWorker"),
           "--graceful-timeout", "10", "--timeout", "60"]
    return subprocess.call(cmd, env={**os.environ, **(extra_env or {})})


def _demo() -> bool:
    return os.environ.get("HAITAO_DEMO") == "1"


def _production_ready(what: str) -> bool:
    """Outside the demo, refuse to run on missing or development secrets, naming each (fail closed)."""
    if _demo():
        return True
    os.environ.setdefault("HAITAO_ENV", "production")
    _django()
    from haitao.readiness import problems

    found = problems()
    if found:
        print(f"haitao: refusing to {what}: the configuration is not fit for real money "
              "(docs/operations.md; HAITAO_DEMO=1 for a throwaway server):", file=sys.stderr)
        for line in found:
            print(f"  - {line}", file=sys.stderr)
    return not found


def cmd_check(args) -> int:
    """List what production still lacks (and Django's deployment checks) without starting anything."""
    os.environ.setdefault("HAITAO_ENV", "production")
    _django()
    from haitao.readiness import deploy_warnings, problems

    found = problems() + deploy_warnings()
    for line in found:
        print(line)
    print("haitao check: ready for production" if not found else f"haitao check: {len(found)} problem(s)")
    return 1 if found else 0


def cmd_serve(args) -> int:
    if not _production_ready("serve"):
        return 2
    workers = args.workers or (os.cpu_count() or 1) * 2 + 1
    return _serve(args.bind, workers, args.threads, fast=args.fast)


def cmd_demo(args) -> int:
    from haitao.demo.secrets import demo_environment

    os.environ.update(demo_environment())  # throwaway per-install secrets; sandbox and simulator on
    _django()
    from django.core.management import call_command

    from haitao.demo import load

    call_command("migrate", interactive=False, verbosity=0)
    counts = load(stdout=sys.stdout)
    print("demo data:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    base = f"http://{args.bind}"
    from haitao.brands.models import Brand

    print("\nhaitao demo")
    for brand in Brand.objects.filter(active=True):
        print(f"  storefront {brand.name} / {brand.name_en}: {base}/s/{brand.code}/")
    print(f"  operator admin:   {base}/admin/   (user admin, password haitao-admin); dashboard {base}/ops/")
    print("  demo buyer:       demo@haitao.test / haitao-demo")
    print(f"  merchant portal:  {base}/merchant/   (rhein-portal or self-portal, password haitao-merchant)")
    print(f"  API docs:         {base}/api/docs   (OpenAPI: {base}/api/openapi.json)")
    if args.no_serve:
        return 0
    # SIGTERM (a service manager, `timeout`) stops the demo as Ctrl-C does: server and worker with it.
    signal.signal(signal.SIGTERM, _interrupt)
    worker = subprocess.Popen([sys.executable, "-m", "haitao.cli", "worker", "--interval", "5"])
    try:
        # The API's pay_url points at this server, wherever --bind put it (unless configured).
        public = os.environ.get("HAITAO_PUBLIC_BASE_URL") or base
        return _serve(args.bind, 2, 4, {"HAITAO_PUBLIC_BASE_URL": public})
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def cmd_worker(args) -> int:
    """Background duties: expire unpaid orders; declare paid orders, deliver the customs outbox, (in the
    demo) let the local customs simulator answer, apply receipts, advance shipments. Every step commits
    on its own, so a killed worker is completed by the next.

    Without ``HAITAO_BROKER_URL`` (the demo): one pass every --interval seconds in this process. With it
    (or --celery): a Celery worker on that broker (RabbitMQ or Redis) running the same duties as tasks
    (haitao/tasks/), with the beat that schedules them embedded unless --no-beat: run exactly one
    worker with the beat and any number with --no-beat."""
    if not _production_ready("start the worker"):
        return 2
    _django()
    if not args.once and (args.celery or os.environ.get("HAITAO_BROKER_URL", "").strip()):
        return _celery_worker(args)
    print("haitao worker: one pass" if args.once else f"haitao worker: every {args.interval}s", flush=True)
    while True:
        counts = worker_pass()
        busy = {k: v for k, v in counts.items() if v}
        if busy:
            print("worker:", ", ".join(f"{k} {v}" for k, v in busy.items()), flush=True)
        if args.once:
            if not busy:
                print("worker: nothing to do", flush=True)
            return 0
        if not backlog_left(counts):
            time.sleep(args.interval)


def worker_pass() -> dict[str, int]:
    """One pass of the plain worker loop; what it did, per duty. An idle pass only looks for work: each
    of its statements finds it through an index (tests/declarations/test_worker_idle_indexes.py)."""
    from haitao.declarations.payment_data import payment_data_tick
    from haitao.declarations.worker import worker_tick
    from haitao.orders.services import expire_unpaid
    from haitao.payments.worker import payments_tick

    return {"expired": expire_unpaid(), **worker_tick(), **payments_tick(), **payment_data_tick()}


def backlog_left(counts: dict[str, int]) -> bool:
    """A pass that declared a full batch has more waiting (a flash sale's paid orders): the next pass starts
    at once instead of after the interval, so the outbox drains at the worker's speed, not 100 per interval."""
    from haitao.declarations.services import DECLARE_BATCH

    return counts.get("declared", 0) >= DECLARE_BATCH


def _celery_worker(args) -> int:
    from django.conf import settings

    from haitao.tasks import app, broker_configured

    if not broker_configured():
        print("haitao worker: --celery needs HAITAO_BROKER_URL (e.g. amqp://guest:guest@127.0.0.1:5672//)",
              file=sys.stderr)
        return 2
    argv = ["worker", "--loglevel=INFO", f"--concurrency={args.concurrency}",
            f"--hostname=haitao-{os.getpid()}@%h"]
    if not args.no_beat:
        argv += ["--beat", f"--schedule={Path(settings.VAR_DIR) / 'celerybeat-schedule'}"]
    app.worker_main(argv)
    return 0


def cmd_expire(args) -> int:
    _django()
    from haitao.orders.services import expire_unpaid

    print(f"expired {expire_unpaid()} unpaid orders")
    return 0


def cmd_search_index(args) -> int:
    _django()
    from haitao.catalog.search.index import rebuild

    print(f"search index: {rebuild()} listings")
    return 0


def cmd_tax_quote(args) -> int:
    from haitao.tax_cli import main as tax_main

    return tax_main([args.file] if args.file else [], sys.stdin, sys.stdout)


def cmd_rotate_keys(args) -> int:
    _django()
    from cryptography.fernet import InvalidToken

    from haitao.common.keys import rotate_all

    try:
        counts = rotate_all()
    except ValueError as exc:  # a key in HAITAO_FIELD_KEYS that is not a Fernet key
        print(f"haitao: HAITAO_FIELD_KEYS holds a malformed key ({exc}); generate one with "
              "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`",
              file=sys.stderr)
        return 2
    except InvalidToken:
        print("haitao: a stored value is readable with none of HAITAO_FIELD_KEYS: keep the old key in the list, "
              "after the new one, until rotate-keys has finished (nothing was changed in that batch)", file=sys.stderr)
        return 2
    for model, count in counts.items():
        print(f"{model}: {count} rows re-encrypted")
    return 0


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"the interval must be a positive number of seconds, not {text}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="haitao", description="haitao: cross-border import commerce on one backend")
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="migrate, load the demo data (idempotent) and serve both storefronts")
    demo.add_argument("--no-serve", action="store_true", help="only migrate and load")
    demo.add_argument("--bind", default="127.0.0.1:8000")
    demo.set_defaults(func=cmd_demo)

    migrate = sub.add_parser("migrate", help="create or upgrade the database schema (no demo data)")
    migrate.add_argument("--quiet", action="store_true")
    migrate.set_defaults(func=cmd_migrate)

    serve = sub.add_parser("serve", help="run the production server (gunicorn)")
    serve.add_argument("--bind", default=os.environ.get("HAITAO_BIND", "127.0.0.1:8000"))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("HAITAO_WORKERS", "0")))
    serve.add_argument("--threads", type=int, default=int(os.environ.get("HAITAO_THREADS", "1")))
    serve.add_argument("--fast", action="store_true",
                       help="uvicorn, with the lean group-commit placement path in front of Django (PostgreSQL)")
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run background duties (order expiry, customs outbox)")
    worker.add_argument("--interval", type=_positive_seconds, default=30.0, help="seconds between passes of the plain loop")
    worker.add_argument("--once", action="store_true", help="one pass of the plain loop, then exit")
    worker.add_argument("--celery", action="store_true",
                        help="run a Celery worker (the default when HAITAO_BROKER_URL is set)")
    worker.add_argument("--no-beat", action="store_true",
                        help="Celery: no embedded beat (for every worker but one)")
    worker.add_argument("--concurrency", type=int, default=2, help="Celery: worker processes")
    worker.set_defaults(func=cmd_worker)

    check = sub.add_parser("check", help="list what production still lacks (secrets, providers, HTTPS settings)")
    check.set_defaults(func=cmd_check)

    expire = sub.add_parser("expire-orders", help="expire unpaid orders past their deadline now")
    expire.set_defaults(func=cmd_expire)

    rotate = sub.add_parser("rotate-keys", help="re-encrypt personal data under the first HAITAO_FIELD_KEYS key")
    rotate.set_defaults(func=cmd_rotate_keys)

    search = sub.add_parser("search-index", help="rebuild the catalog search index (after bulk imports)")
    search.set_defaults(func=cmd_search_index)

    tax = sub.add_parser("tax", help="CBEC tax tools")
    tax_sub = tax.add_subparsers(dest="tax_command", required=True)
    quote = tax_sub.add_parser("quote", help="quote one order given as JSON (FILE or - for stdin)")
    quote.add_argument("file", nargs="?", default=None)
    quote.set_defaults(func=cmd_tax_quote)
    from haitao.returns.cli import add_parser as tax_ledger_command

    tax_ledger_command(tax_sub)

    from haitao.compliance.cli import add_parsers as positive_list_commands

    positive_list_commands(sub)

    from haitao.declarations.cli import add_parsers as customs_commands

    customs_commands(sub)

    from haitao.consolidation.cli import add_parsers as consolidation_commands

    consolidation_commands(sub)

    from haitao.payments.cli import add_parsers as payment_commands

    payment_commands(sub)

    from haitao.inventory.cli import add_parsers as inventory_commands

    inventory_commands(sub)

    from haitao.brands.cli import add_parsers as brand_commands

    brand_commands(sub)

    from haitao.marketplace.cli import add_parsers as marketplace_commands

    marketplace_commands(sub)

    from benchmarks.flashsale import add_parsers as bench_commands

    bench_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from django.db import DatabaseError

    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file or folder given on the command line that cannot be read or written
        where = f": {exc.filename}" if exc.filename else ""
        print(f"haitao: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except DatabaseError as exc:  # most often: a database nobody has migrated yet
        print(f"haitao: database error: {exc}\nhaitao: is the database at HAITAO_DATABASE_URL reachable and "
              "migrated? Run `haitao migrate` (or `haitao demo --no-serve` for the demo data).", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
