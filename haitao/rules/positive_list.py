"""The CBEC positive list (跨境电子商务零售进口商品清单) and the check against it (docs/rules.md, rule 9).

Only goods whose 8-digit tariff line is on the list may be sold under CBEC. The list is data that an
operator loads, so this module only parses rows (the caller reads the file) and answers questions.

Remarks (备注) recognised as mode restrictions — the only remarks checked by machine:
- "网购保税" preceded by "仅限" or "限" (e.g. "仅限网购保税进口", "仅限网购保税", "限网购保税商品"):
  bonded import only, mode 1210;
- "直购" preceded by "仅限" or "限" (e.g. "仅限直购进口"): direct purchase only, mode 9610.
Other remarks (product-name restrictions, per-person quantity limits, exclusions) are not judged
here; they are passed on in the verdict's message for the operator to apply.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

BONDED = "1210"
DIRECT = "9610"
MODES = (BONDED, DIRECT)
MODE_NAMES = {BONDED: "bonded import (1210)", DIRECT: "direct purchase import (9610)"}


def mode_of_warehouse(kind: str) -> str:
    """The customs mode of goods shipped from a warehouse of this kind: a bonded warehouse's are 1210,
    an overseas warehouse's go by direct mail, 9610 (rule 10)."""
    return BONDED if kind == "bonded" else DIRECT

_BONDED_ONLY = re.compile(r"限网购保税")  # also matches 仅限网购保税
_DIRECT_ONLY = re.compile(r"限直购")
_CODE8 = re.compile(r"[0-9]{8}")
_GCODE = re.compile(r"[0-9]{10}")
CSV_HEADER = ("code", "description", "remarks")


@dataclass(frozen=True)
class PositiveListEntry:
    code8: str
    description: str
    remarks: str = ""

    def __post_init__(self) -> None:
        if not _CODE8.fullmatch(self.code8):
            raise ValueError(f"code must be 8 digits, got {self.code8!r}")

    @property
    def allowed_modes(self) -> frozenset[str]:
        return allowed_modes(self.remarks)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason_code: str  # allowed | invalid_gcode | not_on_positive_list | mode_not_allowed
    message: str


def allowed_modes(remarks: str) -> frozenset[str]:
    """The modes a remark allows; a remark that names both restrictions allows neither."""
    modes = set(MODES)
    if _BONDED_ONLY.search(remarks):
        modes &= {BONDED}
    if _DIRECT_ONLY.search(remarks):
        modes &= {DIRECT}
    return frozenset(modes)


@dataclass(frozen=True)
class PositiveList:
    entries: dict[str, PositiveListEntry] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]], *, first_row_number: int = 1) -> PositiveList:
        """Entries from rows of (code, description, remarks); errors name the row number."""
        return cls._from_numbered(enumerate(rows, start=first_row_number))

    @classmethod
    def _from_numbered(cls, numbered: Iterable[tuple[int, Sequence[str]]]) -> PositiveList:
        entries: dict[str, PositiveListEntry] = {}
        first_seen: dict[str, int] = {}
        for number, row in numbered:
            if len(row) != 3:
                raise ValueError(f"row {number}: expected 3 fields (code, description, remarks), got {len(row)}")
            code, description, remarks = (str(cell).strip() for cell in row)
            if not _CODE8.fullmatch(code):
                raise ValueError(f"row {number}: code must be 8 digits, got {code!r}")
            if code in entries:
                raise ValueError(f"row {number}: code {code} is already on row {first_seen[code]}")
            entries[code] = PositiveListEntry(code, description, remarks)
            first_seen[code] = number
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, code8: object) -> bool:
        return code8 in self.entries

    def check(self, gcode: str, mode: str) -> Verdict:
        """May a SKU with this 10-digit ``gcode`` be sold under ``mode`` ("1210" or "9610")?"""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        gcode = gcode.strip()
        if not _GCODE.fullmatch(gcode):
            return Verdict(False, "invalid_gcode", f"gcode must be 10 digits, got {gcode!r}")
        entry = self.entries.get(gcode[:8])
        if entry is None:
            return Verdict(
                False, "not_on_positive_list",
                f"tariff line {gcode[:8]} is not on the CBEC positive list",
            )
        if mode not in entry.allowed_modes:
            return Verdict(
                False, "mode_not_allowed",
                f"tariff line {entry.code8} may not be sold by {MODE_NAMES[mode]}: remarks "
                f"{entry.remarks!r}",
            )
        note = f"; remarks to observe: {entry.remarks}" if entry.remarks else ""
        return Verdict(True, "allowed", f"tariff line {entry.code8} is on the CBEC positive list{note}")


def parse_csv_text(text: str) -> PositiveList:
    """A list from CSV text with the header ``code,description,remarks``; blank lines are skipped
    and errors name the line (the header is line 1)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or tuple(cell.strip().lower() for cell in header) != CSV_HEADER:
        raise ValueError(f"row 1: the header must be {','.join(CSV_HEADER)}, got {header!r}")
    numbered = ((reader.line_num, row) for row in reader if any(cell.strip() for cell in row))
    return PositiveList._from_numbered(numbered)
