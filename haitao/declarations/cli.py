"""`haitao customs …`: simulate, export, receive, deliver. Thin adapters over the services.

``add_parsers(subparsers)`` adds the group to the `haitao` command; every handler returns an exit
status. ``--json`` prints the result as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()


def _print(args, result: dict, text: str) -> None:
    print(json.dumps(result, ensure_ascii=False, default=str) if getattr(args, "json", False) else text, flush=True)


def cmd_simulate(args) -> int:
    """The local customs over two folders (it reads no orders, but its module loads with Django)."""
    _django()
    from haitao.customs import SimulatorConfig

    from .worker import run_simulator

    trusted = Path(args.trust_cert).read_bytes() if args.trust_cert else None
    sim = SimulatorConfig(reject_order_nos=frozenset(args.reject_order), reject_all_inventory=args.reject_inventory,
                          release=not args.no_release, trusted_cert_pem=trusted)
    total = 0
    while True:
        written = run_simulator(args.outbox, args.inbox, sim, args.state)
        total += written
        if not args.watch:
            _print(args, {"receipts": total}, f"customs simulator: {total} receipts written to {args.inbox}")
            return 0
        if written:
            print(f"customs simulator: {written} receipts", flush=True)
        time.sleep(args.interval)


def cmd_export(args) -> int:
    _django()
    from haitao.orders.models import Order

    from .export import export_order
    from .mapping import MappingError

    if bool(args.all) == bool(args.order):
        print("give either --order NO (any number of times) or --all", file=sys.stderr)
        return 2
    orders = Order.objects.filter(declarations__isnull=False).distinct().order_by("number") if args.all else \
        Order.objects.filter(number__in=args.order)
    if args.order and orders.count() != len(set(args.order)):
        print(f"unknown order number(s): {sorted(set(args.order) - set(orders.values_list('number', flat=True)))}",
              file=sys.stderr)
        return 1
    out = Path(args.out)
    files = []
    for order in orders:
        try:
            files += [str(path) for path in export_order(order, out)]
        except MappingError as exc:  # e.g. not paid yet: there is nothing to declare
            print(f"order {order.number} cannot be exported: {exc}", file=sys.stderr)
            return 1
    _print(args, {"files": files}, "\n".join(files) + f"\n{len(files)} files written to {out}, all valid")
    return 0


def cmd_receive(args) -> int:
    _django()
    from .receipts import process_inbox

    if not Path(args.dir).is_dir():
        print(f"haitao: {args.dir} is not a folder of receipts", file=sys.stderr)
        return 2
    counts = process_inbox(args.dir)
    _print(args, counts, "receipts: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))
    return 0


def cmd_deliver(args) -> int:
    _django()
    from .outbox import deliver_due
    from .worker import worker_tick

    counts = worker_tick() if args.tick else deliver_due()
    _print(args, counts, ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 1 if counts.get("send_failed") else 0


def add_parsers(subparsers) -> argparse.ArgumentParser:
    customs = subparsers.add_parser("customs", help="customs declarations: simulate, export, receive, deliver")
    sub = customs.add_subparsers(dest="customs_command", required=True)

    sim = sub.add_parser("simulate", help="run the local customs simulator over an outbox and an inbox folder")
    sim.add_argument("--outbox", required=True)
    sim.add_argument("--inbox", required=True)
    sim.add_argument("--state", default=None, help="state file (default: beside the outbox)")
    sim.add_argument("--trust-cert", default=None, help="PEM certificate CEB621 signatures must verify against")
    sim.add_argument("--reject-order", action="append", default=[], metavar="NO", help="answer this order's CEB311 with 100")
    sim.add_argument("--reject-inventory", action="store_true", help="answer every CEB621 with 100")
    sim.add_argument("--no-release", action="store_true", help="stop at 120 (no 800 release, no tax bill)")
    sim.add_argument("--watch", action="store_true", help="keep running")
    sim.add_argument("--interval", type=float, default=2.0)
    sim.set_defaults(func=cmd_simulate)

    export = sub.add_parser("export", help="write an order's messages as <type>_<orderNo>.xml (all XSD-valid)")
    export.add_argument("--order", action="append", default=[], metavar="NO")
    export.add_argument("--all", action="store_true", help="every declared order")
    export.add_argument("--out", required=True)
    export.set_defaults(func=cmd_export)

    receive = sub.add_parser("receive", help="process the customs receipts in a folder")
    receive.add_argument("dir")
    receive.set_defaults(func=cmd_receive)

    deliver = sub.add_parser("deliver", help="deliver the due outbox messages now")
    deliver.add_argument("--tick", action="store_true", help="a whole worker pass (deliver, simulate, receive, ship)")
    deliver.set_defaults(func=cmd_deliver)

    for p in (sim, export, receive, deliver):
        p.add_argument("--json", action="store_true")
    return customs
