"""XML bytes → message dataclass, the type detected by the root tag."""

from __future__ import annotations

from lxml import etree

from . import messages as m
from . import receipts as r
from .errors import UnsupportedMessage
from .formats import NS
from .validate import parse_xml, validate
from .xmlmap import from_element

MESSAGE_TYPES: dict[str, type] = {
    cls.TAG: cls
    for cls in (m.CEB311, m.CEB411, m.CEB511, m.CEB621, m.CEB623, m.CEB625,
                r.CEB312, r.CEB412, r.CEB512, r.CEB622, r.CEB624, r.CEB626, r.CEB816, r.CEB900)
}


def message_type(xml_bytes: bytes) -> str:
    """Root tag without namespace, e.g. "CEB311Message" (raises SchemaError if not XML)."""
    return etree.QName(parse_xml(xml_bytes)).localname


def parse(xml_bytes: bytes, *, check_schema: bool = True):
    """Parse a modelled message; validate first unless ``check_schema`` is False.

    Raises SchemaError for malformed/invalid XML and UnsupportedMessage for other CEB types
    (CEB513 status, CEB711 delivery, …), which haitao neither sends nor needs to read.
    """
    root = parse_xml(xml_bytes)
    qname = etree.QName(root)
    cls = MESSAGE_TYPES.get(qname.localname) if qname.namespace == NS else None
    if cls is None:
        raise UnsupportedMessage(f"unsupported customs message {qname.localname!r} ({qname.namespace})")
    if check_schema:
        validate(xml_bytes)
    return from_element(cls, root)
