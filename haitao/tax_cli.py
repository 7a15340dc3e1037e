"""``haitao tax quote [FILE|-]``: one order in as JSON, one JSON answer out.

Input (FILE, or standard input when FILE is ``-`` or left out)::

    {"date": "2026-11-25", "lines": [{"sku": "A1", "unit_price": "200.00", "quantity": 2,
     "vat_rate": "0.13", "consumption_tax_rate": "0", "tariff_rate": "0.01"}],
     "freight": "0.00", "insurance": "0.00", "discount": "0.00", "annual_used": "0.00"}

``date`` (default: today in Asia/Shanghai), ``freight``, ``insurance``, ``discount``,
``annual_used``, ``consumption_tax_rate`` and ``tariff_rate`` (default 0) may be left out;
``limit_basis`` (``dutiable_value`` | ``actual_paid``) may be added. Unknown fields are refused, so a
misspelt ``frieght`` cannot silently quote an order without its freight.

Amounts and rates: a string of plain decimal digits ("200.00") is the canonical form; a JSON integer
(200) and a JSON number with a fraction (200.5) are accepted too, because the JSON is parsed with
``parse_float=Decimal``, so the number's exact decimal text is kept and no binary float ever holds
it. Amounts must be whole fen. ``quantity`` must be a JSON integer.

Exit 0 and the quote when the order may be placed; exit 1 and ``{"error": {"code":
"single_limit_exceeded" | "annual_limit_exceeded", "message": ...}}`` when the limits refuse it; exit
2 and ``{"error": {"code": "invalid_input" | "file_not_found", "message": ..., "field": ...}}`` when
the input cannot be read (``field`` is the JSON path, e.g. ``lines[0].unit_price``, or null).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import IO, Any

from haitao.rules.china_time import china_today
from haitao.rules.money import parse_money
from haitao.rules.regime import LimitExceeded
from haitao.rules.tax import LineInput, OrderInput, Quote, quote
from haitao.rules.validation import InvalidInput

USAGE = "usage: haitao tax quote [FILE|-]"

EXIT_OK, EXIT_REFUSED, EXIT_INVALID = 0, 1, 2

ORDER_FIELDS = ("date", "lines", "freight", "insurance", "discount", "annual_used", "limit_basis")
ORDER_AMOUNTS = ("freight", "insurance", "discount", "annual_used")
LINE_FIELDS = ("sku", "unit_price", "quantity", "vat_rate", "consumption_tax_rate", "tariff_rate")
LINE_NUMBERS = ("unit_price", "vat_rate", "consumption_tax_rate", "tariff_rate")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The domain's name for a field -> the name it has in this JSON contract.
_CONTRACT_NAMES = {"on": "date"}


class _Unreadable(Exception):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


def main(argv: list[str], stdin: IO[str], stdout: IO[str]) -> int:
    """Run the command; ``argv`` is what follows ``tax quote``. Returns the exit status."""
    if argv in (["-h"], ["--help"]):
        stdout.write(USAGE + "\n")
        return EXIT_OK
    try:
        order, limit_basis = order_from_json(_read(argv, stdin))
        answer = quote(order, limit_basis=limit_basis)
    except LimitExceeded as refused:
        _write(stdout, {"error": {"code": refused.code, "message": refused.message}})
        return EXIT_REFUSED
    except InvalidInput as invalid:
        field = _CONTRACT_NAMES.get(invalid.field, invalid.field)
        _write(stdout, _invalid("invalid_input", f"{field}: {invalid.message}", field))
        return EXIT_INVALID
    except _Unreadable as unreadable:
        _write(stdout, _invalid(unreadable.code, unreadable.message, unreadable.field))
        return EXIT_INVALID
    _write(stdout, quote_to_json(answer))
    return EXIT_OK


def order_from_json(text: str) -> tuple[OrderInput, str]:
    """The order and the limit basis the JSON text describes; raises ``InvalidInput`` naming the
    field, or ``_Unreadable`` when the text is not JSON at all."""
    data = _object(_parse_json(text), "the order")
    _reject_unknown(data, ORDER_FIELDS, prefix="")
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        raise InvalidInput("lines", "is required: a non-empty list of order lines")
    amounts = {name: _number(data[name], name) for name in ORDER_AMOUNTS if name in data}
    order = OrderInput(
        tuple(_line(raw, f"lines[{index}]") for index, raw in enumerate(lines)),
        **amounts,
        on=_date(data["date"]) if "date" in data else china_today(),
    )
    limit_basis = data.get("limit_basis", "dutiable_value")
    if not isinstance(limit_basis, str):
        raise InvalidInput("limit_basis", "must be a string")
    return order, limit_basis


def quote_to_json(answer: Quote) -> dict[str, Any]:
    return {
        "regime": answer.regime,
        "dutiable_value": str(answer.dutiable_value),
        "lines": [
            {
                "sku": line.sku,
                "dutiable_value": str(line.dutiable_value),
                "duty": str(line.duty),
                "consumption_tax": str(line.consumption_tax),
                "vat": str(line.vat),
            }
            for line in answer.lines
        ],
        "tax_total": str(answer.tax_total),
        "actual_paid": str(answer.actual_paid),
        "annual_used_after": str(answer.annual_used_after),
    }


def _read(argv: list[str], stdin: IO[str]) -> str:
    if len(argv) > 1 or (argv and argv[0].startswith("-") and argv[0] != "-"):
        raise _Unreadable("invalid_input", USAGE)
    if not argv or argv[0] == "-":
        try:
            return stdin.read()
        except UnicodeDecodeError as error:
            raise _Unreadable("invalid_input", f"standard input is not UTF-8 text: {error}") from None
    path = argv[0]
    try:
        with open(path, encoding="utf-8-sig") as file:
            return file.read()
    except FileNotFoundError:
        raise _Unreadable("file_not_found", f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise _Unreadable("invalid_input", f"cannot read {path}: {error}") from None


def _parse_json(text: str) -> object:
    if not text.strip():
        raise _Unreadable("invalid_input", "the input is empty: expected one order as JSON")
    try:
        return json.loads(
            text, parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=_no_duplicates
        )
    except json.JSONDecodeError as error:
        raise _Unreadable("invalid_input", f"the input is not valid JSON: {error}") from None
    except RecursionError:
        raise _Unreadable("invalid_input", "the input is nested too deeply to be one order") from None


def _no_constant(name: str) -> None:
    raise _Unreadable("invalid_input", f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Unreadable("invalid_input", f"the field {key!r} appears twice in one object")
        result[key] = value
    return result


def _object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Unreadable("invalid_input", f"{what} must be a JSON object")
    return value


def _reject_unknown(data: dict[str, Any], known: tuple[str, ...], prefix: str) -> None:
    for key in data:
        if key not in known:
            raise InvalidInput(f"{prefix}{key}", f"unknown field (known: {', '.join(known)})")


def _line(raw: object, path: str) -> LineInput:
    if not isinstance(raw, dict):
        raise InvalidInput(path, "must be a JSON object")
    _reject_unknown(raw, LINE_FIELDS, prefix=f"{path}.")
    for required in ("sku", "unit_price", "quantity", "vat_rate"):
        if required not in raw:
            raise InvalidInput(f"{path}.{required}", "is required")
    if not isinstance(raw["sku"], str):
        raise InvalidInput(f"{path}.sku", "must be a string")
    numbers = {name: _number(raw[name], f"{path}.{name}") for name in LINE_NUMBERS if name in raw}
    quantity = _integer(raw["quantity"], f"{path}.quantity")
    try:
        return LineInput(sku=raw["sku"], quantity=quantity, **numbers)
    except InvalidInput as invalid:
        raise invalid.within(path) from None


# Amounts and rates above this are input errors, not orders: they would overflow the arithmetic.
_LARGEST = Decimal("1e12")


def _number(value: object, field: str) -> Decimal:
    """Text, a JSON integer or an exactly-parsed JSON decimal; never a float, bool or null."""
    if isinstance(value, str):
        try:
            number = parse_money(value)
        except ValueError as error:
            raise InvalidInput(field, str(error)) from None
    elif isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
        number = Decimal(value)
    else:
        raise InvalidInput(field, f'must be a decimal string such as "200.00", not {_json_type(value)}')
    if not number.is_finite() or abs(number) >= _LARGEST:
        raise InvalidInput(field, f"is out of range (at most {_LARGEST:,.0f} in absolute value)")
    return number


def _integer(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, f"must be a JSON integer, not {_json_type(value)}")
    return value


def _date(value: object) -> date:
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInput("date", f"must be a calendar date as text YYYY-MM-DD, got {value!r}")


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, Decimal)):
        return "a number"
    return {str: "a string", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _invalid(code: str, message: str, field: str | None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def _write(stdout: IO[str], answer: dict[str, Any]) -> None:
    stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
