"""Exceptions of the customs message layer."""

from __future__ import annotations


class CustomsError(Exception):
    """Base of every error raised by ``haitao.customs``."""


class SchemaError(CustomsError):
    """A message does not validate against the customs XSD (or is not well-formed XML).

    ``errors`` holds one readable line per problem: line number, path and reason.
    """

    def __init__(self, message: str, errors: list[str]) -> None:
        super().__init__(message + ("".join("\n  " + e for e in errors) if errors else ""))
        self.message = message
        self.errors = errors


class UnsupportedMessage(CustomsError):
    """A well-formed message whose type this layer does not model (e.g. CEB513, CEB711)."""


class SignatureRequired(CustomsError):
    """CEB621/623/625 must carry ``ds:Signature`` (XSD minOccurs=1): build them with a signer."""
