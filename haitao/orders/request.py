"""What a buyer submits at checkout, checked: items, consignee, the brand's visible listings.

Shared by placement (orders.placement) and the split preview (orders.plan); reads only.
"""

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connections

from haitao.accounts.services import normalise_mobile
from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Category, Listing, Sku, visible_sql
from haitao.checkout.services import validate_quantity
from haitao.common import prebuilt
from haitao.common.errors import Conflict, InvalidInput, NotFound
from haitao.common.text import check_text
from haitao.rules.tax import LimitExceeded


@dataclass
class Consignee:
    name: str
    phone: str
    province: str
    city: str
    district: str
    detail: str
    district_code: str = ""

    def address(self) -> str:
        return f"{self.province}{self.city}{self.district}{self.detail}"


@dataclass
class PlaceOrder:
    """What a buyer submits at checkout. `items` are (sku code, quantity) pairs."""

    brand: object
    items: list[tuple[str, int]]
    consignee: Consignee
    buyer_name: str
    buyer_id_number: str
    risk_notice_accepted: bool
    idempotency_key: str = ""
    save_address: bool = False
    extra: dict = field(default_factory=dict)
    cart: object = None  # the cart ordered from, if any: the ordered lines leave it once the order stands


class LimitRefused(InvalidInput):
    """The CBEC limits refuse this order; details say by how much and what quota remains."""


def _digest(request: PlaceOrder) -> str:
    body = {"brand": request.brand.code, "items": sorted(request.items), "consignee": request.consignee.__dict__,
            "buyer": [request.buyer_name, request.buyer_id_number], "risk": request.risk_notice_accepted}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _merge_items(items) -> dict[str, int]:
    if not isinstance(items, (list, tuple)) or not items:
        raise InvalidInput("empty_order", "An order needs at least one item.", field="items")
    if len(items) > 99:
        raise InvalidInput("too_many_lines", "An order has at most 99 lines.", field="items")
    merged: dict[str, int] = {}
    for index, (sku, quantity) in enumerate(items):
        if not isinstance(sku, str) or not sku.strip():
            raise InvalidInput("missing_field", "Each item needs a SKU code.", field=f"items[{index}].sku")
        validate_quantity(quantity, field=f"items[{index}].quantity")
        merged[sku] = validate_quantity(merged.get(sku, 0) + quantity, field=f"items[{index}].quantity")
    return merged


def _check_consignee(consignee: Consignee) -> Consignee:
    for name in ("name", "province", "city", "district", "detail"):
        value = getattr(consignee, name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput("missing_field", f"The consignee's {name} is required.", field=f"consignee.{name}")
    for name in ("name", "phone", "province", "city", "district", "detail", "district_code"):
        check_text(getattr(consignee, name), f"consignee.{name}")  # else the customs XML cannot be built
    if len(consignee.address()) > 200:
        raise InvalidInput("too_long", "The address is longer than customs accepts (200 characters).",
                           field="consignee.detail")
    consignee.phone = normalise_mobile(consignee.phone, field="consignee.phone")
    return consignee


@lru_cache(maxsize=4)
def _listing_read(alias: str):
    """(SQL head, columns) of `Listing.objects.visible().for_brand(brand).filter(sku__code__in=…)` as one
    prebuilt statement: placement reads its listings on every order, and compiling the ORM query cost
    more CPU than the rest of the read (see docs/scaling.md)."""
    models = ((Listing, "l"), (Sku, "s"), (Category, "c"), (Merchant, "m"))
    cols = prebuilt.columns(alias, models)

    def col(model, name):
        return prebuilt.column(model, name, alias)

    def tab(model):
        return prebuilt.table(model, alias)

    sql = (f"SELECT {cols.select} FROM {tab(Listing)} l "
           f"JOIN {tab(Brand)} b ON b.{col(Brand, 'id')} = l.{col(Listing, 'brand')} "
           f"JOIN {tab(Sku)} s ON s.{col(Sku, 'id')} = l.{col(Listing, 'sku')} "
           f"JOIN {tab(Category)} c ON c.{col(Category, 'id')} = s.{col(Sku, 'category')} "
           f"JOIN {tab(Merchant)} m ON m.{col(Merchant, 'id')} = l.{col(Listing, 'merchant')} "
           f"WHERE l.{col(Listing, 'brand')} = %s AND {visible_sql('l', 'b', connections[alias].ops.quote_name)} "
           f"AND s.{col(Sku, 'code')} IN ")
    return sql, cols


def _visible_listings(brand, codes: list[str], alias: str = "default") -> dict[str, Listing]:
    """{sku code: visible listing of `brand`}, with its sku, sku.category and merchant loaded."""
    sql, cols = _listing_read(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql + "(" + ", ".join(["%s"] * len(codes)) + ")", [brand.pk, *codes])
        rows = cursor.fetchall()
    found = {}
    for row in rows:
        listing, sku, category, merchant = cols.instances(row, alias)
        sku.category, listing.sku, listing.merchant = category, sku, merchant
        found[sku.code] = listing
    return found


def _listings(brand, wanted: dict[str, int], now) -> dict[str, Listing]:
    found = _visible_listings(brand, list(wanted))
    for code, quantity in wanted.items():
        listing = found.get(code)
        if listing is None:
            raise NotFound("unknown_sku", f"'{code}' is not sold in {brand.name_en}.", field="items")
        if (listing.sale_starts and now < listing.sale_starts) or (listing.sale_ends and now >= listing.sale_ends):
            raise Conflict("not_on_sale", f"'{code}' is not on sale right now.", field="items")
        if listing.per_buyer_limit and quantity > listing.per_buyer_limit:
            raise InvalidInput("over_per_buyer_limit", f"At most {listing.per_buyer_limit} of '{code}' per buyer.",
                               field="items")
    return found


def _refusal(exc: LimitExceeded) -> LimitRefused:
    return LimitRefused(exc.code, exc.message, field=None, amount_over=str(exc.amount_over),
                        remaining=str(exc.remaining), limit=str(exc.limit), value=str(exc.value))


NUMBER_ATTEMPTS = 5
