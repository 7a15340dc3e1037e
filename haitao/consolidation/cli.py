"""``haitao consolidate FOLDER --brand CODE [--dry-run] [--report DIR] [--json] [--batch-size N] [--engine E]``.

Exit 0 when the run completed (bad lines are quarantined and reported, not fatal); 2 when the folder
cannot be read at all (missing or invalid manifest, bad brand code). Progress goes to standard error;
``--json`` prints the report's summary (counts) as JSON on standard output.
"""

import json
import os
import sys


def _django() -> None:
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
        import django

        django.setup()


def summary(report: dict) -> dict:
    return {"platform": report["platform"], "brand": report["brand"], "dry_run": report["dry_run"],
            "counts": report["counts"], "conflicts": len(report["conflicts"]),
            "quarantined": len(report["quarantined"]), "orders_deferred": len(report.get("orders_deferred", [])),
            "warehouses_created": [w["warehouse"] for w in report.get("warehouses", [])],
            "skipped_existing": report.get("skipped_existing", {}),
            "brand_awaits_activation": (report.get("brand_status") or {}).get("awaits_activation", False)}


def cmd_consolidate(args) -> int:
    _django()
    from .services import ConsolidationError, consolidate

    stream = None if args.quiet else sys.stderr
    try:
        report = consolidate(args.folder, args.brand, dry_run=args.dry_run, batch_size=args.batch_size,
                             report_dir=args.report, progress_stream=stream, engine=args.engine)
    except ConsolidationError as exc:
        print(f"haitao: consolidate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary(report), ensure_ascii=False, indent=2))
    else:
        c = report["counts"]
        p, cu, o, m = c["products"], c["customers"], c["orders"], c["merchants"]
        verb = "would be" if report["dry_run"] else "were"
        print(f"{report['platform']} → brand {report['brand']}{' (dry run: nothing changed)' if report['dry_run'] else ''}")
        print(f"  merchants: {m['read']} read, {m.get('matched', 0)} matched, {m.get('created', 0)} created")
        print(f"  products:  {p['read']} read, {p['matched']} matched, {p['created']} created, "
              f"{p['review']} to review, {p['quarantined']} quarantined")
        print(f"  customers: {cu['read']} read, {cu['linked']} linked, {cu['created']} created, "
              f"{cu['review']} to review, {cu['quarantined']} quarantined")
        print(f"  orders:    {o['read']} read, {o['imported']} imported, {o.get('deferred', 0)} deferred, "
              f"{o['quarantined']} quarantined; {o.get('quota_entries', 0)} quota ledger entries")
        print(f"  {len(report['conflicts'])} conflicts; review items {verb} queued in the admin "
              "(Platform consolidation → Review items)")
        status = report.get("brand_status") or {}
        if status.get("awaits_activation"):
            print(f"  brand {report['brand']} awaits activation: buyers do not see it until an operator runs "
                  f"`{status['activate']}` (or Activate in the admin)")
        if args.report:
            print(f"  report: {os.path.join(args.report, 'report.json')} and report.html")
    return 0


def add_parsers(subparsers) -> None:
    p = subparsers.add_parser("consolidate", help="bring an acquired platform's export folder onto haitao as a brand")
    p.add_argument("folder", help="export folder (manifest.json, merchants/products/customers/orders.jsonl)")
    p.add_argument("--brand", required=True, help="brand code the platform keeps running as (created if missing)")
    p.add_argument("--dry-run", action="store_true", help="change nothing; report what would happen")
    p.add_argument("--report", metavar="DIR", help="write DIR/report.json and DIR/report.html")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on standard output")
    p.add_argument("--batch-size", type=int, default=200, help="records per transaction (default 200)")
    p.add_argument("--quiet", action="store_true", help="no progress line on standard error")
    p.add_argument("--engine", choices=("default", "splink-duckdb", "splink-spark"), default="default",
                   help="product matcher: default (in process), splink-duckdb or splink-spark (needs the [scale] extra)")
    p.set_defaults(func=cmd_consolidate)


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="haitao")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
