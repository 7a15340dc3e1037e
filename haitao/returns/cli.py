"""`haitao tax ledger`: the tax ledger per month (withheld, billed, not levied on returns, owed) as
CSV, for finance. A thin adapter over :mod:`haitao.returns.ledger`."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cmd_ledger(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()
    from haitao.returns import ledger

    try:
        periods = [ledger.Period.parse(p) for p in args.period] if args.period else ledger.periods_with_activity()
    except ValueError:
        print(f"haitao tax ledger: a period is YYYY-MM, got {args.period}", file=sys.stderr)
        return 2
    text = ledger.to_csv(periods)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"tax ledger: {len(periods)} month(s) written to {args.out}", flush=True)
    else:
        sys.stdout.write(text)
    return 0


def add_parser(tax_sub) -> None:
    """Adds ``ledger`` to the ``haitao tax`` group."""
    led = tax_sub.add_parser("ledger", help="the tax ledger per month as CSV (withheld, billed, not levied, owed)")
    led.add_argument("--period", action="append", help="YYYY-MM (repeatable); default: every month with activity")
    led.add_argument("--out", help="write the CSV to this file instead of stdout")
    led.set_defaults(func=cmd_ledger)
