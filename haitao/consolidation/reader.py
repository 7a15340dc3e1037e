"""Read and validate a platform export folder (see shared/formats/platform-export.md).

Pure and streaming: every ``*.jsonl`` file is read one line at a time and each line becomes either a
typed frozen record (``SourceMerchant``, ``SourceProduct``, ``SourceCustomer``, ``SourceOrder``) or a
``Quarantined(file, line, reason)``.  Only the ids seen so far are kept in memory (to quarantine
duplicates), so a 1M-line file is never loaded as a whole.

Rules applied to every line:

* blank lines are skipped (they still count for line numbers);
* a line that is not UTF-8, not JSON, or not a JSON object is quarantined;
* ``null`` counts as missing; a missing required field quarantines the line ("price: missing");
* a value of the wrong kind quarantines the line with the field named ("price: not a decimal");
* money and rates are ``Decimal`` (JSON numbers are parsed with ``parse_float=Decimal``, never float);
  a JSON number is accepted where a decimal string is expected, a bool never is;
* unknown fields are kept in ``extra``, never an error;
* a second line with an id already seen in the same file is quarantined ("id: duplicate of line 3").

A missing ``*.jsonl`` file means that kind is not imported (``Export.has(kind)`` is False and
reading it yields nothing).  A missing or invalid ``manifest.json`` raises ``ManifestError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Union

FORMAT_VERSION = 1
KINDS = ("merchants", "products", "customers", "orders")
MERCHANT_KINDS = frozenset({"self_operated", "marketplace"})
PRODUCT_STATUSES = frozenset({"on_sale", "off_sale"})
ORDER_STATUSES = frozenset({"paid", "released", "shipped", "delivered", "cancelled", "returned"})
QUOTA_STATUSES = frozenset({"paid", "released", "shipped", "delivered"})
ORDER_MODES = frozenset({"1210", "9610"})

_DECIMAL_RE = re.compile(r"-?\d+(?:\.\d+)?")
_HS_RE = re.compile(r"\d{8}|\d{10}")
_COUNTRY_RE = re.compile(r"[A-Za-z]{2}")


class ManifestError(Exception):
    """The manifest is missing or invalid: the whole import cannot go on."""


class Invalid(ValueError):
    """One value failed validation; the message names the field path ("lines[0].quantity: ...")."""


@dataclass(frozen=True)
class Quarantined:
    file: str
    line: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass(frozen=True)
class Manifest:
    format_version: int
    platform: str
    exported_at: datetime
    currency: str = "CNY"
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceMerchant:
    id: str
    name: str
    kind: str
    country: str | None = None
    customs_code: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StockLine:
    warehouse: str
    quantity: int


@dataclass(frozen=True)
class SourceProduct:
    id: str
    title: str
    price: Decimal
    merchant_id: str | None = None
    brand: str | None = None
    gtin: str | None = None
    spec: str | None = None
    hs_code: str | None = None
    origin_country: str | None = None
    vat_rate: Decimal | None = None
    consumption_tax_rate: Decimal | None = None
    net_weight_kg: Decimal | None = None
    stock: tuple[StockLine, ...] = ()
    status: str = "on_sale"
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Address:
    name: str | None = field(default=None, repr=False)
    phone: str | None = field(default=None, repr=False)
    province: str | None = None
    city: str | None = None
    district: str | None = None
    detail: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class SourceCustomer:
    """Personal data (id_number, phone, email, addresses) is hidden from repr so it never reaches logs."""

    id: str
    name: str = field(repr=False)
    id_number: str | None = field(default=None, repr=False)
    phone: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    created_at: datetime | None = None
    addresses: tuple[Address, ...] = field(default=(), repr=False)
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class OrderLine:
    product_id: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class SourceOrder:
    id: str
    customer_id: str
    placed_at: datetime
    status: str
    lines: tuple[OrderLine, ...]
    freight: Decimal
    discount: Decimal
    tax_total: Decimal
    actual_paid: Decimal
    mode: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def counts_toward_quota(self) -> bool:
        """Paid, released, shipped or delivered orders count toward the buyer's annual CBEC quota."""
        return self.status in QUOTA_STATUSES


SourceRecord = Union[SourceMerchant, SourceProduct, SourceCustomer, SourceOrder]


# --- value parsers: each takes the JSON value (never None) and returns the typed value or raises Invalid


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("not a string")
    value = value.strip()
    if not value:
        raise Invalid("empty")
    return value


def identifier(value: Any) -> str:
    """Ids are strings; an integer id is accepted and turned into its decimal string."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text(value)


def digits(value: Any) -> str:
    """A digit code (GTIN) given as a string or a JSON integer."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text(value)


def decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise Invalid("not a decimal")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise Invalid("not a decimal")
        return value
    if isinstance(value, str) and _DECIMAL_RE.fullmatch(value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the regex already guards this
            pass
    raise Invalid("not a decimal")


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return int(value)
        raise Invalid("not an integer")
    return value


def checked(parse: Callable[[Any], Any], ok: Callable[[Any], bool], message: str) -> Callable[[Any], Any]:
    """``parse``, then refuse a parsed value for which ``ok`` is false."""

    def parser(value: Any) -> Any:
        result = parse(value)
        if not ok(result):
            raise Invalid(message)
        return result

    return parser


non_negative_decimal = checked(decimal, lambda d: d >= 0, "negative")
rate = checked(decimal, lambda d: 0 <= d < 1, "not a rate between 0 and 1")
non_negative_integer = checked(integer, lambda n: n >= 0, "negative")
positive_integer = checked(integer, lambda n: n > 0, "not a positive integer")


def timestamp(value: Any, *, need_offset: bool = True) -> datetime:
    if not isinstance(value, str):
        raise Invalid("not an ISO 8601 timestamp")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Invalid("not an ISO 8601 timestamp") from None
    if need_offset and moment.utcoffset() is None:
        raise Invalid("timestamp has no UTC offset")
    return moment


def any_timestamp(value: Any) -> datetime:
    return timestamp(value, need_offset=False)


def enum(allowed: frozenset[str]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise Invalid("not a string")
        if value not in allowed:
            raise Invalid(f"unknown value {value!r} (expected one of {', '.join(sorted(allowed))})")
        return value

    return parse


def country(value: Any) -> str:
    if not isinstance(value, str) or not _COUNTRY_RE.fullmatch(value.strip()):
        raise Invalid("not an ISO 3166-1 alpha-2 code")
    return value.strip().upper()


def hs_code(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Invalid("not a string")
    code = re.sub(r"[\s.]", "", value)
    if not _HS_RE.fullmatch(code):
        raise Invalid("not 8 or 10 digits")
    return code


# --- schemas: (field name, required, parser); a record class is built from the parsed fields


@dataclass(frozen=True)
class Spec:
    name: str
    required: bool
    parse: Callable[[Any], Any]


def req(name: str, parse: Callable[[Any], Any]) -> Spec:
    return Spec(name, True, parse)


def opt(name: str, parse: Callable[[Any], Any]) -> Spec:
    return Spec(name, False, parse)


def parse_fields(obj: Mapping[str, Any], specs: tuple[Spec, ...], prefix: str = "") -> tuple[dict, dict]:
    """Parse the known fields of ``obj``; return (parsed values, unknown fields). Raise Invalid."""
    values: dict[str, Any] = {}
    for spec in specs:
        raw = obj.get(spec.name)
        if raw is None:
            if spec.required:
                raise Invalid(f"{prefix}{spec.name}: missing")
            continue
        try:
            values[spec.name] = spec.parse(raw)
        except Invalid as exc:
            message = str(exc)
            # nested parsers already report their own path ("lines[0].quantity: ...")
            if not message.startswith(f"{prefix}{spec.name}"):
                message = f"{prefix}{spec.name}: {message}"
            raise Invalid(message) from None
    known = {spec.name for spec in specs}
    extra = {key: value for key, value in obj.items() if key not in known}
    return values, extra


def list_of(name: str, specs: tuple[Spec, ...], build: Callable[..., Any], *, non_empty: bool = False):
    """Parser for a list of objects; error paths look like ``name[2].field: reason``."""

    def parse(value: Any) -> tuple:
        if not isinstance(value, list):
            raise Invalid("not a list")
        if non_empty and not value:
            raise Invalid("empty")
        items = []
        for index, item in enumerate(value):
            path = f"{name}[{index}]"
            if not isinstance(item, dict):
                raise Invalid(f"{path}: not an object")
            values, _ = parse_fields(item, specs, prefix=f"{path}.")
            items.append(build(**values))
        return tuple(items)

    return parse


STOCK_SPECS = (req("warehouse", text), req("quantity", non_negative_integer))
ADDRESS_SPECS = tuple(opt(name, text) for name in ("name", "phone", "province", "city", "district", "detail"))
LINE_SPECS = (req("product_id", identifier), req("quantity", positive_integer), req("unit_price", non_negative_decimal))

SCHEMAS: dict[str, tuple[type, tuple[Spec, ...]]] = {
    "merchants": (
        SourceMerchant,
        (
            req("id", identifier),
            req("name", text),
            req("kind", enum(MERCHANT_KINDS)),
            opt("country", country),
            opt("customs_code", text),
        ),
    ),
    "products": (
        SourceProduct,
        (
            req("id", identifier),
            req("title", text),
            req("price", non_negative_decimal),
            opt("merchant_id", identifier),
            opt("brand", text),
            opt("gtin", digits),
            opt("spec", text),
            opt("hs_code", hs_code),
            opt("origin_country", country),
            opt("vat_rate", rate),
            opt("consumption_tax_rate", rate),
            opt("net_weight_kg", non_negative_decimal),
            opt("stock", list_of("stock", STOCK_SPECS, StockLine)),
            opt("status", enum(PRODUCT_STATUSES)),
        ),
    ),
    "customers": (
        SourceCustomer,
        (
            req("id", identifier),
            req("name", text),
            opt("id_number", text),
            opt("phone", text),
            opt("email", text),
            opt("created_at", any_timestamp),
            opt("addresses", list_of("addresses", ADDRESS_SPECS, Address)),
        ),
    ),
    "orders": (
        SourceOrder,
        (
            req("id", identifier),
            req("customer_id", identifier),
            req("placed_at", timestamp),
            req("status", enum(ORDER_STATUSES)),
            req("lines", list_of("lines", LINE_SPECS, OrderLine, non_empty=True)),
            req("freight", non_negative_decimal),
            req("discount", non_negative_decimal),
            req("tax_total", non_negative_decimal),
            req("actual_paid", non_negative_decimal),
            opt("mode", enum(ORDER_MODES)),
        ),
    ),
}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def loads(text_line: str) -> Any:
    """JSON with exact decimals: floats become Decimal, NaN/Infinity are rejected."""
    return json.loads(text_line, parse_float=Decimal, parse_constant=_reject_constant)


def parse_record(kind: str, obj: Any) -> SourceRecord:
    """Build the typed record of ``kind`` from one decoded JSON value, or raise Invalid."""
    if not isinstance(obj, dict):
        raise Invalid("not a JSON object")
    cls, specs = SCHEMAS[kind]
    values, extra = parse_fields(obj, specs)
    return cls(**values, extra=extra)


def read_jsonl(path: str | Path, kind: str) -> Iterator[SourceRecord | Quarantined]:
    """Yield one record or ``Quarantined`` per non-blank line of ``path``, streaming."""
    if kind not in SCHEMAS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    path = Path(path)
    name = path.name
    first_line_of: dict[str, int] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Quarantined(name, number, "not valid UTF-8")
                continue
            if number == 1:
                line = line.lstrip("\ufeff")
            if not line.strip():
                continue
            try:
                obj = loads(line)
            except ValueError:
                yield Quarantined(name, number, "not valid JSON")
                continue
            try:
                record = parse_record(kind, obj)
            except Invalid as exc:
                yield Quarantined(name, number, str(exc))
                continue
            first = first_line_of.setdefault(record.id, number)
            if first != number:
                yield Quarantined(name, number, f"id: duplicate of line {first}")
                continue
            yield record


def read_manifest(folder: str | Path) -> Manifest:
    path = Path(folder) / "manifest.json"
    if not path.is_file():
        raise ManifestError(f"{path}: manifest.json is missing")
    try:
        obj = loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise ManifestError(f"{path}: not a JSON object")
    specs = (
        req("format_version", integer),
        req("platform", text),
        req("exported_at", timestamp),
        opt("currency", text),
    )
    try:
        values, extra = parse_fields(obj, specs)
    except Invalid as exc:
        raise ManifestError(f"{path}: {exc}") from None
    if values["format_version"] != FORMAT_VERSION:
        raise ManifestError(
            f"{path}: format_version {values['format_version']} is not supported (expected {FORMAT_VERSION})"
        )
    currency = values.pop("currency", "CNY").upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise ManifestError(f"{path}: currency: not an ISO 4217 code")
    return Manifest(**values, currency=currency, extra=extra)


class Export:
    """One export folder: the manifest (validated on open) and lazy, streaming readers per kind."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise ManifestError(f"{self.folder}: not a folder")
        self.manifest = read_manifest(self.folder)

    def path(self, kind: str) -> Path:
        return self.folder / f"{kind}.jsonl"

    def has(self, kind: str) -> bool:
        """False when the kind's file is missing: that kind is then not imported."""
        return self.path(kind).is_file()

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind in KINDS if self.has(kind))

    def read(self, kind: str) -> Iterator[SourceRecord | Quarantined]:
        if not self.has(kind):
            return iter(())
        return read_jsonl(self.path(kind), kind)

    def merchants(self) -> Iterator[SourceMerchant | Quarantined]:
        return self.read("merchants")

    def products(self) -> Iterator[SourceProduct | Quarantined]:
        return self.read("products")

    def customers(self) -> Iterator[SourceCustomer | Quarantined]:
        return self.read("customers")

    def orders(self) -> Iterator[SourceOrder | Quarantined]:
        return self.read("orders")


def open_export(folder: str | Path) -> Export:
    return Export(folder)
