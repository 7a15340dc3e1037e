"""Order numbers: ``HT`` + the Shanghai date + 10 digits, unique without a lookup.

On PostgreSQL the digits come from a database sequence (``orders_order_number_seq``), taken a block
at a time (the sequence's INCREMENT is :data:`BLOCK`: one ``nextval`` hands a process that many
numbers, so placement does not pay a statement per order), and spread over the 10 digits by a
bijection, so consecutive orders do not read as a count of the shop's sales. Elsewhere (SQLite, the
embedded default) the digits are random. Either way the insert is retried with a fresh number if the
number is taken (a sequence reset by a restore, a random repeat), so a collision is never a 500.
"""

from __future__ import annotations

import secrets
import threading

from django.db import connections
from django.utils import timezone

DIGITS = 10
SPACE = 10**DIGITS
BLOCK = 100
SEQUENCE = "orders_order_number_seq"
# Odd and not a multiple of 5, so coprime with 10**10: value × SCRAMBLE mod 10**10 is a bijection,
# and distinct sequence values give distinct numbers.
SCRAMBLE = 3_141_592_653
DATE_FORMAT = "%Y%m%d"

_lock = threading.Lock()
_blocks: dict[tuple[str, str], list[int]] = {}  # (alias, database name) → [next value, end of block)


def create_sequence_sql() -> str:
    return f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} INCREMENT BY {BLOCK} MINVALUE 1 START 1"


def _from_sequence(alias: str) -> int:
    connection = connections[alias]
    key = (alias, str(connection.settings_dict.get("NAME")))
    with _lock:
        block = _blocks.get(key)
        if block is None or block[0] >= block[1]:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT nextval('{SEQUENCE}')")
                start = cursor.fetchone()[0]
            block = _blocks[key] = [start, start + BLOCK]
        value = block[0]
        block[0] += 1
    return value * SCRAMBLE % SPACE


def number_value(alias: str = "default") -> int:
    """The 10-digit part of the next order number."""
    if connections[alias].vendor == "postgresql":
        return _from_sequence(alias)
    return secrets.randbelow(SPACE)


def new_number(now, alias: str = "default") -> str:
    return f"HT{timezone.localtime(now).strftime(DATE_FORMAT)}{number_value(alias):0{DIGITS}d}"
