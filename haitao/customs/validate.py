"""XSD validation of customs messages against the official 202205 schema.

Building the ``XMLSchema`` object parses ~5,000 lines of XSD plus XML-DSig and takes about a
second, so it is built once per process and cached.
"""

from __future__ import annotations

from functools import lru_cache

import xmlschema
from lxml import etree

from .errors import SchemaError
from .schema import CEB_XSD

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


@lru_cache(maxsize=1)
def schema() -> xmlschema.XMLSchema:
    """The customs schema, built offline from package data (the DSig import sits beside it)."""
    return xmlschema.XMLSchema(str(CEB_XSD))


def parse_xml(xml_bytes: bytes) -> etree._Element:
    """Parse bytes safely (no entities, no network); raises SchemaError if not well-formed."""
    try:
        return etree.fromstring(xml_bytes, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise SchemaError("message is not well-formed XML", [f"line {exc.lineno}: {exc.msg}"]) from exc


def validate(xml_bytes: bytes) -> None:
    """Raise :class:`SchemaError` listing every violation, each with line and path; else None."""
    root = parse_xml(xml_bytes)
    errors = [_describe(err) for err in schema().iter_errors(etree.ElementTree(root))]
    if errors:
        raise SchemaError(f"{etree.QName(root).localname} does not validate against the customs XSD", errors)


def _describe(err: xmlschema.XMLSchemaValidationError) -> str:
    elem = err.elem
    line = getattr(elem, "sourceline", None)
    where = f"line {line}" if line else "line ?"
    return f"{where}: {err.path or '/'}: {err.reason or err.message}"
