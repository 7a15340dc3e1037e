"""``haitao merchant …`` (onboarding, portal logins), ``haitao settlement …`` (what is owed to whom,
statements) and ``haitao rates …`` (exchange and commission rates). Exit 0 on success, 2 on a refusal,
with the reason on stderr."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path


def _django() -> None:
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
        import django

        django.setup()


def _fail(command: str, message: str) -> int:
    print(f"haitao: {command}: {message}", file=sys.stderr)
    return 2


def _merchant(code: str):
    from haitao.brands.models import Merchant

    return Merchant.objects.filter(code=code).first()


def _guard(command: str, func):
    """Run ``func``; a domain refusal or bad value becomes a message and exit 2, never a traceback."""
    _django()
    from haitao.common.errors import DomainError

    try:
        return func()
    except DomainError as exc:
        return _fail(command, exc.message)
    except ValueError as exc:
        return _fail(command, str(exc))


# --- settlement ----------------------------------------------------------------------------------


def cmd_run(args) -> int:
    def run():
        from . import services

        if args.merchant:
            merchant = _merchant(args.merchant)
            if merchant is None:
                return _fail("settlement run", f"no merchant {args.merchant!r}")
            done, refused = [services.run_settlement(merchant, args.period, f"cli:{args.actor}")], []
        else:
            done, refused = services.run_period(args.period, f"cli:{args.actor}")
        for s in done:
            print(f"{s.merchant.code:<20} {s.period} {s.status:<6} net sales {s.net_sales:>12} commission "
                  f"{s.commission:>10} tax for customs {s.tax_collected:>10} owed {s.net_payable:>14} {s.currency}"
                  f" ({s.lines.count()} lines)")
        for merchant, why in refused:
            print(f"{merchant.code:<20} refused: {why}", file=sys.stderr)
        return 2 if refused else 0

    return _guard("settlement run", run)


def cmd_statement(args) -> int:
    def statement():
        from .portal import settlement_of
        from .statement import to_csv
        from .statement_pdf import to_pdf

        merchant = _merchant(args.merchant)
        if merchant is None:
            return _fail("settlement statement", f"no merchant {args.merchant!r}")
        settlement = settlement_of(merchant, args.period)
        body = to_csv(settlement) if args.format == "csv" else to_pdf(settlement)
        if args.out == "-":
            sys.stdout.buffer.write(body)
            return 0
        out = Path(args.out or f"ST-{merchant.code}-{settlement.period}.{args.format}")
        out.write_bytes(body)
        print(f"statement {out} ({len(body)} bytes, {settlement.status})")
        return 0

    return _guard("settlement statement", statement)


def cmd_close(args) -> int:
    def close():
        from . import services
        from .portal import settlement_of

        merchant = _merchant(args.merchant)
        if merchant is None:
            return _fail("settlement close", f"no merchant {args.merchant!r}")
        row = services.close_settlement(settlement_of(merchant, args.period), f"cli:{args.actor}")
        print(f"{merchant.code} {row.period}: closed by {row.closed_by}")
        return 0

    return _guard("settlement close", close)


# --- rates ---------------------------------------------------------------------------------------


def cmd_rate(args) -> int:
    def record():
        from . import services

        row = services.record_exchange_rate(args.currency, args.cny_per_unit, date.fromisoformat(args.date),
                                            args.source, f"cli:{args.actor}")
        print(f"recorded {row}")
        return 0

    return _guard("rates exchange", record)


def cmd_commission(args) -> int:
    def commission():
        from haitao.brands.models import Brand
        from haitao.catalog.models import Category

        from . import services

        keys = {}
        for name, model, field, value in (("merchant", None, "code", args.merchant),
                                          ("brand", Brand, "code", args.brand),
                                          ("category", Category, "slug", args.category)):
            if value:
                keys[name] = _merchant(value) if model is None else model.objects.filter(**{field: value}).first()
                if keys[name] is None:
                    return _fail("rates commission", f"no {name} {value!r}")
        print(f"commission {services.set_commission_rate(args.rate, **keys)}")
        return 0

    return _guard("rates commission", commission)


# --- merchants -----------------------------------------------------------------------------------


def cmd_merchants(args) -> int:
    _django()
    from haitao.brands.models import Merchant

    for m in Merchant.objects.select_related("agent").prefetch_related("brands").order_by("code"):
        print(f"{m.code:<20} {m.status:<10} {m.country} {m.currency} ebc {m.ebc_code:<12} agent "
              f"{m.agent.name if m.agent else '—'}; brands {','.join(b.code for b in m.brands.all()) or '—'}")
    return 0


def cmd_decide(args) -> int:
    def decide():
        from haitao.brands import services as brands

        merchant = _merchant(args.code)
        if merchant is None:
            return _fail(f"merchant {args.decision}", f"no merchant {args.code!r}")
        status = {"approve": "approved", "reject": "rejected", "suspend": "suspended"}[args.decision]
        merchant = brands.decide(merchant, status, f"cli:{args.actor}", args.note)
        print(f"{merchant.code}: {merchant.status}")
        return 0

    return _guard(f"merchant {args.decision}", decide)


def cmd_portal_user(args) -> int:
    def add():
        from . import services

        merchant = _merchant(args.code)
        if merchant is None:
            return _fail("merchant portal-user", f"no merchant {args.code!r}")
        member = services.add_portal_user(merchant, args.username, args.password, args.role, args.email)
        print(f"portal user {member.user.username} ({member.role}) for {merchant.code}")
        if args.token:
            print(f"API token (shown once): {services.issue_token(member, 'cli')}")
        return 0

    return _guard("merchant portal-user", add)


def add_parsers(subparsers) -> None:
    actor = os.environ.get("USER", "operator")
    p = subparsers.add_parser("settlement", help="merchant settlements: run a month, statements, close")
    sub = p.add_subparsers(dest="settlement_command", required=True)
    run = sub.add_parser("run", help="compute every merchant's settlement of a month (re-running recomputes drafts)")
    run.add_argument("--period", required=True, help="YYYY-MM (Asia/Shanghai)")
    run.add_argument("--merchant", help="one merchant's code (default: every merchant)")
    run.add_argument("--actor", default=actor)
    run.set_defaults(func=cmd_run)
    st = sub.add_parser("statement", help="write a settlement statement as CSV or PDF")
    st.add_argument("--merchant", required=True)
    st.add_argument("--period", required=True)
    st.add_argument("--format", choices=["csv", "pdf"], default="pdf")
    st.add_argument("--out", help="file to write (default ST-<merchant>-<period>.<format>; - for stdout)")
    st.set_defaults(func=cmd_statement)
    close = sub.add_parser("close", help="freeze a settlement: no run changes it again")
    close.add_argument("--merchant", required=True)
    close.add_argument("--period", required=True)
    close.add_argument("--actor", default=actor)
    close.set_defaults(func=cmd_close)

    p = subparsers.add_parser("rates", help="exchange rates and commission rates for settlements")
    sub = p.add_subparsers(dest="rates_command", required=True)
    fx = sub.add_parser("exchange", help="record CNY per unit of a currency on a date")
    fx.add_argument("currency")
    fx.add_argument("cny_per_unit")
    fx.add_argument("--date", required=True, help="YYYY-MM-DD")
    fx.add_argument("--source", required=True, help="where the rate comes from, e.g. 'PBOC central parity'")
    fx.add_argument("--actor", default=actor)
    fx.set_defaults(func=cmd_rate)
    cm = sub.add_parser("commission", help="set a commission rate (a fraction) for a merchant/brand/category")
    cm.add_argument("rate")
    cm.add_argument("--merchant")
    cm.add_argument("--brand")
    cm.add_argument("--category")
    cm.set_defaults(func=cmd_commission)

    p = subparsers.add_parser("merchant", help="merchants: list, approve/reject/suspend, portal logins")
    sub = p.add_subparsers(dest="merchant_command", required=True)
    sub.add_parser("list", help="merchants, their state, agent and brands").set_defaults(func=cmd_merchants)
    for decision in ("approve", "reject", "suspend"):
        d = sub.add_parser(decision, help=f"{decision} a merchant (audited)")
        d.add_argument("code")
        d.add_argument("--note", default="")
        d.add_argument("--actor", default=actor)
        d.set_defaults(func=cmd_decide, decision=decision)
    pu = sub.add_parser("portal-user", help="add a merchant portal login")
    pu.add_argument("code")
    pu.add_argument("username")
    pu.add_argument("--password", required=True)
    pu.add_argument("--role", default="manager", help="manager, staff or accountant")
    pu.add_argument("--email", default="")
    pu.add_argument("--token", action="store_true", help="also issue an API token")
    pu.set_defaults(func=cmd_portal_user)
