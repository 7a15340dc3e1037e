"""`haitao inventory reconcile`: the account book (stock movements) against the stock rows."""

from __future__ import annotations

import os


def cmd_reconcile(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()
    from .ledger import reconcile

    mismatches = reconcile(warehouse=args.warehouse, sku=args.sku)
    for m in mismatches:
        print(m)
    print(f"account book: {len(mismatches)} mismatch(es)")
    return 1 if mismatches else 0


def add_parsers(sub) -> None:
    inventory = sub.add_parser("inventory", help="stock: reconcile the account book")
    isub = inventory.add_subparsers(dest="inventory_command", required=True)
    rec = isub.add_parser("reconcile", help="Σ stock movements per owner × warehouse × SKU against the stock rows; "
                          "exit 1 on a mismatch")
    rec.add_argument("--warehouse", default="", help="only this warehouse code")
    rec.add_argument("--sku", default="", help="only this SKU code")
    rec.set_defaults(func=cmd_reconcile)
