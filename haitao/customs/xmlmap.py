"""Generic record ↔ XML element mapping shared by build, parse and the simulator's state.

A record's fields are its child elements in order (see :mod:`haitao.customs.messages`); the field
type decides the conversion. Root messages are the records that have a ``guid`` *and* a
``version`` field: those two become attributes, ``base_transfer`` is the BaseTransfer element and
``signature`` is raw ``ds:Signature`` XML appended last.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, TypeVar

from lxml import etree

from .errors import SchemaError
from .formats import NS, amount

R = TypeVar("R")
_ROOT_ATTRS = ("guid", "version")
_Q = "{%s}%%s" % NS


@cache
def _spec(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, scalar or record type, repeated) per field; Optional is unwrapped (None allowed)."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in fields(cls):
        tp, repeated = hints[f.name], False
        if typing.get_origin(tp) in (types.UnionType, typing.Union):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        if typing.get_origin(tp) is tuple:
            tp, repeated = typing.get_args(tp)[0], True
        out.append((f.name, tp, repeated))
    return tuple(out)


def is_root(cls: type) -> bool:
    return {"guid", "version"} <= {f.name for f in fields(cls)} and hasattr(cls, "TAG") and cls.TAG.startswith("CEB")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise TypeError("booleans have no customs form")
    if isinstance(value, (Decimal, float)):
        return amount(value)
    return str(value)


def to_element(record: Any, nsmap: dict | None = None) -> etree._Element:
    """Element for a record (a whole message when ``record`` is a root message)."""
    cls = type(record)
    root = is_root(cls)
    el = etree.Element(_Q % cls.TAG, nsmap=nsmap or {"ceb": NS})
    for name, tp, repeated in _spec(cls):
        value = getattr(record, name)
        if value is None:
            continue
        if root and name in _ROOT_ATTRS:
            el.set(name, value)
        elif root and name == "signature":
            continue  # appended last, after the body and BaseTransfer
        elif repeated:
            el.extend(to_element(v) for v in value)
        elif hasattr(tp, "TAG"):
            el.append(to_element(value))
        else:
            etree.SubElement(el, _Q % name).text = _text(value)
    if root and getattr(record, "signature", None) is not None:
        el.append(etree.fromstring(record.signature))
    return el


def from_element(cls: type[R], el: etree._Element) -> R:
    """Record of type ``cls`` read from ``el``; unknown children (BaseSubscribe, ExtendMessage) are ignored."""
    root = is_root(cls)
    children: dict[str, list[etree._Element]] = {}
    for child in el:
        if isinstance(child.tag, str):
            children.setdefault(etree.QName(child).localname, []).append(child)
    values: dict[str, Any] = {}
    for name, tp, repeated in _spec(cls):
        if root and name in _ROOT_ATTRS:
            values[name] = el.get(name)
        elif root and name == "signature":
            sig = children.get("Signature")
            values[name] = etree.tostring(sig[0], with_tail=False) if sig else None
        elif repeated:
            values[name] = tuple(from_element(tp, c) for c in children.get(tp.TAG, ()))
        elif hasattr(tp, "TAG"):
            found = children.get(tp.TAG)
            values[name] = from_element(tp, found[0]) if found else None
        else:
            found = children.get(name)
            value = _scalar(tp, found[0]) if found else None
            # An empty optional element (the samples have many) means "absent".
            values[name] = None if value == "" and _optional(cls, name) else value
    values = {k: v for k, v in values.items() if v is not None or _optional(cls, k)}
    try:
        return cls(**values)
    except TypeError as exc:
        raise SchemaError(f"{cls.TAG} is missing required elements", [f"line {el.sourceline}: {exc}"]) from exc


@cache
def _optional(cls: type, name: str) -> bool:
    hint = typing.get_type_hints(cls)[name]
    return type(None) in typing.get_args(hint)


def _scalar(tp: type, el: etree._Element) -> Any:
    text = (el.text or "").strip()
    if text == "" and tp is not str:
        return None
    try:
        return tp(text)
    except (ValueError, InvalidOperation) as exc:
        raise SchemaError(f"bad {etree.QName(el).localname}", [f"line {el.sourceline}: {text!r} is not {tp.__name__}"]) from exc
