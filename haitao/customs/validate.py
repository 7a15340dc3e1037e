"""XSD validation of customs messages against the official 202205 schema.

The schema is compiled once per thread by libxml2 (lxml's ``XMLSchema``, in C, 5 ms) from the
package copy of the XSD and the XML-DSig schema it imports, offline (no network, no entities).
Validating is then a C pass over the tree: 0.05 ms for the 6-order CEB311 sample, against 5 ms for
the pure-Python ``xmlschema`` validator used before issue 15. Both gave the same verdict on 25,212
variants of the official samples but one case: an *empty* element declared ``fixed`` (``currency``,
fixed 142), which XSD 1.0 fills with the fixed value and libxml2 refuses — stricter, never looser.
An lxml validator keeps the last run's error log on itself, so each thread has its own.
"""

from __future__ import annotations

import threading

from lxml import etree

from .errors import SchemaError
from .schema import CEB_XSD

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
_local = threading.local()


def schema() -> etree.XMLSchema:
    """The customs schema of this thread, built offline from package data (the DSig import sits beside it)."""
    compiled = getattr(_local, "schema", None)
    if compiled is None:
        xsd_parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        compiled = _local.schema = etree.XMLSchema(etree.parse(str(CEB_XSD), xsd_parser))
    return compiled


def parse_xml(xml_bytes: bytes) -> etree._Element:
    """Parse bytes safely (no entities, no network); raises SchemaError if not well-formed."""
    try:
        return etree.fromstring(xml_bytes, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise SchemaError("message is not well-formed XML", [f"line {exc.lineno}: {exc.msg}"]) from exc


def validate(xml_bytes: bytes) -> None:
    """Raise :class:`SchemaError` listing every violation, each with line and path; else None."""
    root = parse_xml(xml_bytes)
    checker = schema()
    if not checker.validate(etree.ElementTree(root)):
        errors = [_describe(err) for err in checker.error_log]
        raise SchemaError(f"{etree.QName(root).localname} does not validate against the customs XSD",
                          errors or ["line ?: /: invalid"])


def _describe(err) -> str:
    return f"line {err.line or '?'}: {err.path or '/'}: {err.message}"
