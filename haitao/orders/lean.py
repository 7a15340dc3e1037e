"""The lean placement path's Python half (docs/scaling.md, "The lean placement path").

A one-line order from a buyer whose identity is on record is turned into the row values of its
purchase, order, line, allocation, event and quota entry here, from facts cached per process — the brand's
visible listings with each SKU's tax quote and sellable modes, keyed by the catalog version — with
no ORM instance and no query; `haitao_place_batch` (orders/batch_sql.py) writes a batch of them in
one statement and re-checks every cached fact against the rows, so a stale cache can send a request
to the normal path but never write a wrong order. Anything this path does not handle exactly as
`services.place_order` does raises :class:`Fallback`, and the caller hands the request to the normal
path unchanged: a first checkout (no identity yet), a cart, several lines, a per-buyer limit, any
refusal that needs reads to explain itself, any bad input.
"""

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from haitao.accounts.services import check_identity
from haitao.brands.models import Brand
from haitao.catalog.models import Listing
from haitao.catalog.queries import catalog_version
from haitao.checkout.quote import Item, quote_items
from haitao.common.crypto import id_hash
from haitao.common.errors import DomainError
from haitao.compliance import quota as quota_ledger
from haitao.compliance.services import positive_list, sellability
from haitao.rules import identity as id_rules
from haitao.rules.quota import quota_year
from haitao.rules.tax import LimitExceeded

from . import numbers
from .models import Order
from .placement import max_unpaid_orders
from .request import Consignee, PlaceOrder, _check_consignee, _digest
from .states import Status

MODES = ("1210", "9610")
VERSION_CHECK_SECONDS = 0.5  # how often a process asks the cache whether the catalog changed
_JSON = DjangoJSONEncoder()  # the API's spelling of a datetime (ninja's encoder defers to it)


class Fallback(Exception):
    """This request goes to the normal placement path as it is."""


@dataclass
class ListingFacts:
    listing: Listing  # with .sku, .sku.category and .merchant loaded: the quote's input
    modes: tuple[str, ...]  # the modes the positive list allows this SKU under
    quotes: dict = field(default_factory=dict)  # (quantity, day) → rules.tax.Quote


@dataclass
class BrandFacts:
    brand: Brand
    version: int
    risk_digest: str
    listings: dict[str, ListingFacts]


class Facts:
    """Per-process cache of each brand's visible listings, dropped when the catalog version moves
    (every listing, SKU or brand save and bulk update bumps it: catalog.queries)."""

    def __init__(self):
        self._brands: dict[str, BrandFacts] = {}
        self._lock = threading.Lock()
        self._version: int | None = None
        self._checked = 0.0

    def current_version(self) -> int:
        now = time.monotonic()
        if self._version is None or now - self._checked > VERSION_CHECK_SECONDS:
            version = catalog_version()
            if version != self._version:
                self._brands.clear()
            self._version, self._checked = version, now
        return self._version

    def cached(self, code: str) -> BrandFacts | None:
        """The brand's facts if cached and current (no query); None means: call :meth:`load`."""
        found = self._brands.get(code)
        return found if found is not None and found.version == self.current_version() else None

    def load(self, code: str) -> BrandFacts | None:
        """Read the brand and all its visible listings (ORM, in one query each); None if no such active
        brand. Synchronous: the async server calls it in a thread."""
        version = self.current_version()
        brand = Brand.objects.filter(code=code, active=True).first()
        if brand is None:
            return None
        plist = positive_list()
        listings = {}
        for listing in Listing.objects.visible().for_brand(brand):
            modes = tuple(m for m in MODES if sellability(listing.sku, m, plist).allowed)
            listings[listing.sku.code] = ListingFacts(listing, modes)
        facts = BrandFacts(brand, version, hashlib.sha256(brand.risk_notice.encode()).hexdigest(), listings)
        with self._lock:
            self._brands[code] = facts
        return facts

    def forget(self) -> None:
        self._brands.clear()
        self._version = None


@dataclass(frozen=True)
class Buyer:
    """What the token lookup gives the lean path: the account and its recorded identity."""

    token_hash: str
    user_id: int
    customer_id: int
    identity_id: int
    real_name: str
    id_hash: str
    id_masked: str
    owner: bool
    phone_stored: str = ""  # the account's phone as its column stores it (encrypted), copied as is
    phone_masked: str = ""


@dataclass
class Ticket:
    """One order's row values for the batch function, and what its 201 response needs."""

    row: dict
    sku_id: int
    response: dict
    seller: dict = field(default_factory=dict)  # the seller of record's name and code, for the answer


def _quote(brand_facts: BrandFacts, facts: ListingFacts, quantity: int, today):
    key = (quantity, today)
    quote = facts.quotes.get(key)
    if quote is None:
        try:
            quote = quote_items(brand_facts.brand, [Item(facts.listing, quantity)], Decimal("0.00"), today)
        except LimitExceeded:
            raise Fallback("limit") from None  # the normal path explains the refusal with the buyer's usage
        facts.quotes[key] = quote
    return quote


def _one_line(body: dict) -> tuple[str, int]:
    if not isinstance(body, dict) or body.get("cart") or body.get("risk_notice_accepted") is not True:
        raise Fallback("shape")
    items = body.get("items")
    if not isinstance(items, list) or len(items) != 1 or not isinstance(items[0], dict):
        raise Fallback("items")
    sku, quantity = items[0].get("sku"), items[0].get("quantity")
    if not isinstance(sku, str) or type(quantity) is not int or not 1 <= quantity <= settings.MAX_LINE_QUANTITY:
        raise Fallback("item")
    return sku, quantity


def _encrypted(name: str, value: str) -> str:
    """The column value as the model's (encrypting) field stores it."""
    return Order._meta.get_field(name).get_prep_value(value)


_calendar_of_minute: tuple = (None, None, None)  # (UTC minute, its local date, its quota year)


def _calendar(now) -> tuple:
    """(local date, quota year) of `now`: both change only on a whole minute (every zone's offset is
    whole minutes), so they are worked out once a minute rather than per order."""
    global _calendar_of_minute
    minute = (now.year, now.month, now.day, now.hour, now.minute)
    known = _calendar_of_minute
    if known[0] != minute:
        known = _calendar_of_minute = (minute, timezone.localdate(now), quota_year(now))
    return known[1], known[2]


def prepare(brand_facts: BrandFacts, buyer: Buyer, body: dict, key: str, now=None) -> Ticket:
    """The ticket of one request, or Fallback. No query: everything comes from the caches."""
    now = now or timezone.now()
    sku_code, quantity = _one_line(body)
    facts = brand_facts.listings.get(sku_code)
    key = (key or "").strip()
    if facts is None or not facts.modes or len(key) > 80 or facts.listing.per_buyer_limit:
        raise Fallback("listing")
    listing = facts.listing
    if (listing.sale_starts and now < listing.sale_starts) or (listing.sale_ends and now >= listing.sale_ends):
        raise Fallback("not on sale")
    consignee_in, person = body.get("consignee"), body.get("buyer")
    if not isinstance(consignee_in, dict) or not isinstance(person, dict):
        raise Fallback("shape")
    try:
        consignee = Consignee(**{k: consignee_in[k] for k in ("name", "phone", "province", "city", "district",
                                                              "detail")},
                              district_code=consignee_in.get("district_code") or "")
        name, number = person["real_name"], person["id_number"]
        request = PlaceOrder(brand=brand_facts.brand, items=[(sku_code, quantity)], consignee=consignee,
                             buyer_name=name, buyer_id_number=number, risk_notice_accepted=True,
                             idempotency_key=key)
        digest = _digest(request)  # before the consignee is normalised, as place_order takes it
        _check_consignee(consignee)
        name, clean = check_identity(name, number)  # the same reading as ensure_identity's
    except (KeyError, TypeError, AttributeError, ValueError, DomainError):
        raise Fallback("input") from None
    if not buyer.owner or name != buyer.real_name or id_hash(clean) != buyer.id_hash:
        raise Fallback("identity")
    today, year = _calendar(now)
    quote = _quote(brand_facts, facts, quantity, today)
    line_tax = quote.lines[0]
    expires = now + timedelta(minutes=settings.UNPAID_ORDER_TTL_MINUTES)
    at = now.isoformat()
    phone_stored = _encrypted("consignee_phone", consignee.phone)  # one ciphertext for both columns
    order = {
        "status": Status.PENDING_PAYMENT, "regime": quote.regime, "currency": "CNY",
        "goods_value": str(quote.goods_value), "freight": str(quote.freight), "insurance": str(quote.insurance),
        "discount": str(quote.discount), "dutiable_value": str(quote.dutiable_value),
        "tax_total": str(quote.tax_total), "actual_paid": str(quote.actual_paid),
        "buyer_name": buyer.real_name, "buyer_id_masked": buyer.id_masked, "buyer_id_hash": buyer.id_hash,
        # the orderer's own phone, frozen as placement.py freezes it (the consignee's if the account has none)
        "buyer_phone": buyer.phone_stored or phone_stored,
        "buyer_phone_masked": buyer.phone_masked if buyer.phone_stored else id_rules.mask_phone(consignee.phone),
        "consignee": consignee.name, "consignee_phone": phone_stored,
        "consignee_phone_masked": id_rules.mask_phone(consignee.phone),
        "consignee_address": _encrypted("consignee_address", consignee.address()),
        "consignee_address_masked": id_rules.mask_address(consignee.province, consignee.city, consignee.district),
        "consignee_district": consignee.district_code, "risk_notice_accepted_at": at,
        "risk_notice_digest": brand_facts.risk_digest, "idempotency_key": key, "request_digest": digest,
        "placed_at": at, "expires_at": expires.isoformat(), "paid_at": None, "source": "haitao",
        "brand_id": brand_facts.brand.id, "customer_id": buyer.customer_id, "seller_id": listing.merchant_id,
    }
    purchase = {"brand_id": brand_facts.brand.id, "customer_id": buyer.customer_id,
                "goods_value": order["goods_value"], "tax_total": order["tax_total"],
                "actual_paid": order["actual_paid"], "idempotency_key": key, "request_digest": digest,
                "placed_at": order["placed_at"]}
    line = {"gnum": 1, "title": listing.sku.title, "quantity": quantity, "unit_price": str(listing.price),
            "goods_value": str(line_tax.goods_value), "freight_share": str(line_tax.freight_share),
            "insurance_share": str(line_tax.insurance_share), "dutiable_value": str(line_tax.dutiable_value),
            "duty": str(line_tax.duty), "consumption_tax": str(line_tax.consumption_tax), "vat": str(line_tax.vat),
            "listing_id": listing.id, "merchant_id": listing.merchant_id, "sku_id": listing.sku_id}
    row = {"token": buyer.token_hash, "user_id": buyer.user_id, "identity_id": buyer.identity_id,
           "id_hash": buyer.id_hash, "listing_id": listing.id, "price": str(listing.price), "sku_id": listing.sku_id,
           "sku_updated_at": listing.sku.updated_at.isoformat(), "quantity": quantity, "modes": list(facts.modes),
           "year": year, "quota_fen": quota_ledger.fen(quote.quota_value),
           "quota_amount": str(quote.quota_value), "limit_fen": quota_ledger.fen(quote.annual_limit),
           "max_unpaid": max_unpaid_orders(), "event_at": at, "purchase": purchase, "order": order, "line": line}
    # the 201 body's values already as the API's JSON encoder writes them (Decimal → str, datetime →
    # ECMA-262 text), so serialising it is the C encoder's work alone, with no per-value callback
    placed_text = _JSON.default(now)
    response = {
        "number": None, "brand": brand_facts.brand.code, "status": Status.PENDING_PAYMENT, "mode": None,
        "regime": quote.regime, "warehouse": None, "goods_value": order["goods_value"], "freight": order["freight"],
        "discount": order["discount"], "tax_total": order["tax_total"], "actual_paid": order["actual_paid"],
        "buyer_name": buyer.real_name, "buyer_id": buyer.id_masked, "consignee": consignee.name,
        "consignee_phone": order["consignee_phone_masked"], "consignee_address": order["consignee_address_masked"],
        "placed_at": placed_text, "expires_at": _JSON.default(expires), "paid_at": None,
        "lines": [{"gnum": 1, "sku": sku_code, "title": listing.sku.title, "quantity": quantity,
                   "unit_price": line["unit_price"], "goods_value": line["goods_value"],
                   "dutiable_value": line["dutiable_value"], "duty": line["duty"],
                   "consumption_tax": line["consumption_tax"], "vat": line["vat"]}],
        "events": [{"event": "place", "from_status": "", "to_status": Status.PENDING_PAYMENT,
                    "actor": "customer", "note": "", "created_at": placed_text}]}
    return Ticket(row, listing.sku_id, response, {"seller": listing.merchant.name, "seller_code": listing.merchant.code})


def batch_argument(rows: list[dict], now=None) -> str:
    """The function's one argument: the orders, and how to spell order numbers (orders/numbers.py)."""
    now = now or timezone.now()
    return json.dumps({"orders": rows, "day": timezone.localtime(now).strftime(numbers.DATE_FORMAT),
                       "number_block": numbers.BLOCK, "scramble": numbers.SCRAMBLE, "space": numbers.SPACE,
                       "digits": numbers.DIGITS}, ensure_ascii=False)


BATCH_SQL = "SELECT idx, outcome, order_id, order_number, warehouse_code, order_mode FROM haitao_place_batch(%s::jsonb)"


def placed_response(ticket: Ticket, number: str, mode: str, warehouse: str) -> dict:
    """The 201 body (api.routes.order_out), with the purchase of this one order (orders.purchases)."""
    out = {**ticket.response, "number": number, "mode": mode, "warehouse": warehouse}
    totals = {key: out[key] for key in ("goods_value", "freight", "tax_total", "actual_paid")}
    line = out["lines"][0]
    sub_order = {"number": number, "status": out["status"], **ticket.seller, "warehouse": warehouse, "mode": mode,
                 **totals, "items": [{"sku": line["sku"], "title": line["title"], "quantity": line["quantity"]}]}
    out["purchase"] = {"number": "HP" + number[2:], "order_count": 1, **totals, "orders": [sub_order]}
    return out
