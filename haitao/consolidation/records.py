"""Small pure helpers of the merge: money, codes, JSON shapes of source records, masking for the review
screen, batching, line numbers, the progress line. No database."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from haitao.rules import identity as id_rules

from .link import normalise_id_number
from .normalise import fold, normalise_phone
from .reader import SourceCustomer


def money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return record_dict(value)
    return value


def record_dict(record: Any) -> dict:
    """A typed source record back into the export's JSON shape (``parse_record`` reads it again)."""
    data = {}
    for f in dataclasses.fields(record):
        if f.name == "extra":
            continue
        value = getattr(record, f.name)
        if value is not None and value != ():
            data[f.name] = jsonable(value)
    return {**jsonable(dict(getattr(record, "extra", {}) or {})), **data}


def masked_customer(record: SourceCustomer) -> dict:
    """What the review screen may show of a source customer: masked, never the clear numbers."""
    number = normalise_id_number(record.id_number)
    phone = normalise_phone(record.phone)
    return {
        "id": record.id,
        "name": record.name,
        "id_number": id_rules.mask_id(number) if number else ("(invalid)" if record.id_number else None),
        "phone": id_rules.mask_phone(phone) if phone else None,
        "email": mask_email(record.email),
        "addresses": [id_rules.mask_address(a.province, a.city, a.district) for a in record.addresses],
    }


def mask_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    user, domain = email.split("@", 1)
    return f"{user[:1]}***@{domain}"


def code(platform: str, source_id: str, limit: int = 40) -> str:
    """A haitao code for a source record: ``<platform>-<id>``, readable, unique, at most ``limit`` long."""
    text = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{platform}-{source_id}").strip("-")
    if len(text) > limit:  # keep it unique: a short digest of the full id
        digest = hashlib.sha1(source_id.encode(), usedforsecurity=False).hexdigest()[:8]
        text = f"{text[: limit - 9]}-{digest}"
    return text


def merchant_key(name: str) -> str:
    """A merchant's name without legal-form words and punctuation, for matching by name."""
    text = fold(name)
    text = re.sub(r"\b(co|ltd|llc|inc|gmbh|sa|sas|sarl|pty|limited|company|corp)\b", " ", text)
    text = re.sub(r"(有限公司|股份公司|株式会社|有限责任公司)", " ", text)
    return re.sub(r"[\W_]+", "", text)


def count_lines(path: Path) -> int:
    if not path.is_file():
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def line_numbers(path: Path) -> dict[str, int]:
    """id → line number of an orders file (for quarantine rows the merge adds itself)."""
    numbers: dict[str, int] = {}
    if not path.is_file():
        return numbers
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            match = re.search(rb'"id"\s*:\s*"?([^",}]+)', raw)
            if match:
                numbers.setdefault(match.group(1).decode("utf-8", "replace").strip(), number)
    return numbers


def batches(items: Iterator, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Progress:
    """A single stderr line, rewritten in place: ``products 40/60 (matched 12, created 20 …)``."""

    stream: Any = None
    enabled: bool = True
    totals: dict = field(default_factory=dict)

    def show(self, kind: str, done: int, counts: dict) -> None:
        if not self.enabled or self.stream is None:
            return
        total = self.totals.get(kind, 0)
        detail = ", ".join(f"{k} {v}" for k, v in counts.items() if v and k != "read")
        self.stream.write(f"\rconsolidate: {kind} {done}/{total}" + (f" ({detail})" if detail else "") + "\033[K")
        self.stream.flush()

    def end(self, kind: str) -> None:
        if self.enabled and self.stream is not None and self.totals.get(kind):
            self.stream.write("\n")
            self.stream.flush()
