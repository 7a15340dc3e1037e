"""The conflict report: where a matched source product disagrees with haitao's SKU.

Fields both sides state (HS code, origin, VAT and consumption tax rates) and, after a GTIN match, the
attributes read from the titles (stage, size, variant, pack, content): an equal GTIN matches anyway and
its disagreements are listed for an operator instead of vetoing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .match import as_record
from .pairs import _content

CONFLICT_FIELDS = ("hs_code", "origin_country", "vat_rate", "consumption_tax_rate")
ATTRIBUTE_FIELDS = ("stage", "size", "variant", "pack_count", "content")


@dataclass(frozen=True)
class Conflict:
    field: str
    haitao: str
    source: str


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value else str(value)
    return str(value)


def _field(record: Any, name: str) -> Any:
    if name == "origin_country":
        return getattr(record, "origin", None) or getattr(record, "origin_country", None)
    return getattr(record, name, None)


def conflicts(source: Any, catalog_record: Any) -> list[Conflict]:
    """Where a matched source product disagrees with haitao on hs_code, origin, VAT or consumption tax,
    or (after a GTIN match) on stage, size, variant, pack or content read from the titles.

    Only fields both sides state are compared. An 8-digit HS code agrees with a 10-digit one that
    starts with it. Rates compare as numbers ('0.13' = '0.130').
    """
    source, record = as_record(source), as_record(catalog_record)
    found = []
    for name in CONFLICT_FIELDS:
        ours, theirs = _field(record, name), _field(source, name)
        if ours in (None, "") or theirs in (None, ""):
            continue
        if name == "hs_code":
            a, b = str(ours), str(theirs)
            same = a[:8] == b[:8] if min(len(a), len(b)) == 8 else a == b
        elif name == "origin_country":
            same = str(ours).upper() == str(theirs).upper()
        else:
            same = Decimal(str(ours)) == Decimal(str(theirs))
        if not same:
            found.append(Conflict(name, _text(ours), _text(theirs)))
    for name in ATTRIBUTE_FIELDS:  # parsed from titles: reported when a GTIN matched them anyway
        ours, theirs = (_content(record), _content(source)) if name == "content" else (
            getattr(record, name, None), getattr(source, name, None))
        if name == "pack_count":
            ours, theirs = ours or 1, theirs or 1
        if ours is not None and theirs is not None and ours != theirs:
            found.append(Conflict(name, _attribute_text(ours), _attribute_text(theirs)))
    return found


def _attribute_text(value: Any) -> str:
    if isinstance(value, tuple):
        return "".join(_text(v) for v in value if v is not None)
    return _text(value)
