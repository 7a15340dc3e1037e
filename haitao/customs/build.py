"""Message dataclass → UTF-8 XML bytes, always validated against the customs XSD.

Nothing leaves :func:`build` unvalidated: a message customs would bounce with a CEB900 is an
error here, where the stack trace still points at the code that made it.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from .errors import SignatureRequired
from .messages import SIGNED_TYPES
from .sign import Signer
from .validate import validate
from .xmlmap import is_root, to_element


def serialize(message: object) -> bytes:
    """XML bytes of a message without validation (signers and the simulator's state use this)."""
    if not is_root(type(message)):
        raise TypeError(f"{type(message).__name__} is not a message (CEBnnn)")
    return etree.tostring(to_element(message), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def build(message: object, signer: Signer | None = None) -> bytes:
    """Serialise, sign when a signer is given, and validate; raise SchemaError if invalid.

    CEB621/623/625 need a signature (XSD minOccurs=1): pass a signer, or a message that already
    carries one (e.g. parsed). A signer replaces any signature the message carried.
    """
    if signer is not None:
        message = replace(message, signature=None)
        xml = signer.sign(serialize(message))
    elif isinstance(message, SIGNED_TYPES) and message.signature is None:
        raise SignatureRequired(f"{type(message).__name__} must be signed: build(message, signer=...)")
    else:
        xml = serialize(message)
    validate(xml)
    return xml
