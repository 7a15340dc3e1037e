"""``haitao brand activate CODE`` and ``haitao brand list``: open a brand to buyers; see which wait.

A brand created by ``haitao consolidate`` stays invisible to buyers until an operator activates it
(here or with the admin's "Activate" action). Exit 0 when activated (or already active), 2 when the
brand is unknown or its colours would not be readable.
"""

import os
import sys


def _django() -> None:
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
        import django

        django.setup()


def cmd_activate(args) -> int:
    _django()
    from haitao.common.errors import DomainError

    from .services import activate_brand, brand_contrast

    try:
        brand = activate_brand(args.code, actor=f"cli:{args.actor}")
    except DomainError as exc:
        print(f"haitao: brand activate: {exc.message}", file=sys.stderr)
        return 2
    lowest = min(pair[3] for pair in brand_contrast(brand))
    print(f"brand {brand.code} ({brand.name_en}) is active: buyers see its storefront and API "
          f"(lowest text contrast {lowest}:1)")
    return 0


def cmd_list(args) -> int:
    _django()
    from .models import Brand

    for brand in Brand.objects.order_by("code"):
        state = "active" if brand.active else "awaits activation"
        print(f"{brand.code:<20} {state:<18} {brand.name_en}")
    return 0


def add_parsers(subparsers) -> None:
    p = subparsers.add_parser("brand", help="brands: list them, activate one for buyers")
    sub = p.add_subparsers(dest="brand_command", required=True)
    activate = sub.add_parser("activate", help="make a brand visible to buyers (storefront and API)")
    activate.add_argument("code", help="brand code, e.g. kiwi")
    activate.add_argument("--actor", default=os.environ.get("USER", "operator"), help="who activates (audit)")
    activate.set_defaults(func=cmd_activate)
    listing = sub.add_parser("list", help="brand codes and whether buyers see them")
    listing.set_defaults(func=cmd_list)
