"""`haitao payments reconcile --provider alipay --date 2026-11-28`: the ledger against the statement."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def cmd_reconcile(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()
    from haitao.common.errors import DomainError

    from .ledger import reconcile
    from .providers import known

    if known(args.provider) is None or not hasattr(known(args.provider), "statement"):
        print(f"haitao: no statement for provider '{args.provider}'", file=sys.stderr)
        return 2
    try:
        mismatches = reconcile(args.provider, args.date)
    except DomainError as exc:
        print(f"haitao: {exc.message}", file=sys.stderr)
        return 2
    for m in mismatches:
        print(m)
    print(f"{args.provider} {args.date}: {len(mismatches)} mismatch(es)")
    return 1 if mismatches else 0


def add_parsers(sub) -> None:
    payments = sub.add_parser("payments", help="payment providers: reconciliation")
    psub = payments.add_subparsers(dest="payments_command", required=True)
    rec = psub.add_parser("reconcile", help="compare the money ledger with the provider's statement of a day")
    rec.add_argument("--provider", required=True, help="alipay, wechatpay")
    rec.add_argument("--date", type=_day, default=date.today() - timedelta(days=1), help="YYYY-MM-DD (default yesterday)")
    rec.set_defaults(func=cmd_reconcile)
