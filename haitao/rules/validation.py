"""Field-level checks for the value types, with errors that name the field.

An adapter (the CLI, the REST API) has to tell its caller *which* field is wrong, so every error
raised while building an input value carries the field's name, not just a sentence.
"""

from __future__ import annotations

from decimal import Decimal

from haitao.rules.money import is_whole_fen, to_fen


class InvalidInput(ValueError):
    """A value the rules cannot accept; ``field`` names it, ``str()`` reads "field: reason"."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def within(self, prefix: str) -> InvalidInput:
        """The same error, located inside a container, e.g. ``lines[0]`` + ``unit_price``."""
        return InvalidInput(f"{prefix}.{self.field}", self.message)


def decimal_field(value: object, field: str) -> Decimal:
    """Accept a finite Decimal or an int; refuse floats (inexact) and bools (ints by accident)."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise InvalidInput(field, f"must be a Decimal or an int, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidInput(field, "must be a finite number")
    return number


def money_field(value: object, field: str) -> Decimal:
    """A non-negative amount in whole fen (written with two places): what a price, a fee or a
    quota total can be."""
    amount = decimal_field(value, field)
    if amount < 0:
        raise InvalidInput(field, f"must not be negative, got {amount}")
    if not is_whole_fen(amount):
        raise InvalidInput(field, f"must be in whole fen (at most 2 decimal places), got {amount}")
    return to_fen(amount)


def rate_field(value: object, field: str) -> Decimal:
    """A tax rate as a fraction in [0, 1); 1 or more is a percentage by mistake (or c/(1-c) blows up)."""
    rate = decimal_field(value, field)
    if not 0 <= rate < 1:
        raise InvalidInput(field, f"must be a fraction in [0, 1), e.g. 0.13 for 13%, got {rate}")
    return rate
