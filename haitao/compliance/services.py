"""CBEC catalog compliance (docs/rules.md, rules 8 and 9): the positive list and sellability.

- `load_positive_list` replaces the loaded list with an official CSV file, in one transaction.
- `positive_list` is the loaded list as a pure `rules.positive_list.PositiveList`, cached per process.
  The cache is keyed by a stamp of the table (row count, min/max id, min/max code) read with one
  cheap aggregate query, so a load in another process is seen by the next call here:
  `load_positive_list` writes every added or changed row as a new row, so any change it makes moves
  the stamp. In this process, saving or deleting a row through the ORM (admin, test factories) drops
  the cache at once (post_save/post_delete); a bulk write that bypasses signals must call
  `invalidate_positive_list()`.
- `sellability` says whether a SKU may be sold under CBEC (for one mode, or for any mode) and why not;
  `check_sellable` is the guard order placement calls.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from haitao.common.errors import InvalidInput
from haitao.rules import positive_list as pl
from haitao.rules.cosmetics import cbec_sellable_basis

from .models import PositiveListEntry

log = logging.getLogger(__name__)
ANY_MODE = None
_ROW_ERROR = re.compile(r"^row (\d+): (.*)$", re.S)
_MAX_LENGTH = {name: PositiveListEntry._meta.get_field(name).max_length
               for name in ("description", "remarks", "source")}


class PositiveListFileError(InvalidInput):
    """A positive-list file that cannot be loaded; `line` is the 1-based line of the CSV (or None)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__("invalid_positive_list", message if line is None else f"line {line}: {message}",
                         field="file", line=line)
        self.line, self.reason = line, message


@dataclass(frozen=True)
class Sellability:
    """Verdict-like: `allowed`, `reason_code`, `message`, plus the modes the SKU may be sold under.

    reason_code: allowed | specific_consumption_tax | invalid_gcode | not_on_positive_list |
    mode_not_allowed
    """

    allowed: bool
    reason_code: str
    message: str
    modes: tuple[str, ...] = ()


# -- loading -----------------------------------------------------------------------------------------

def _canonical_header(csv_text: str) -> str:
    """The official list names its first column `code8` (the 8-digit tariff line): read that header
    as `code`. Only the first line changes, so line numbers in errors stay the file's own."""
    text = csv_text.lstrip("\ufeff")
    header, newline, body = text.partition("\n")
    first, comma, rest = header.partition(",")
    if first.strip().strip('"').strip().lower() != "code8":
        return csv_text
    return "code" + comma + rest + newline + body


def _parse(csv_text: str) -> pl.PositiveList:
    try:
        return pl.parse_csv_text(_canonical_header(csv_text))
    except (ValueError, csv.Error) as exc:
        match = _ROW_ERROR.match(str(exc))
        if match:
            raise PositiveListFileError(match.group(2), int(match.group(1))) from None
        raise PositiveListFileError(str(exc)) from None


def _line_numbers(csv_text: str) -> dict[str, int]:
    """{code: line} as parse_csv_text counts lines (only needed to name a line in an error)."""
    reader = csv.reader(io.StringIO(csv_text.lstrip("\ufeff")))
    next(reader, None)
    return {row[0].strip(): reader.line_num for row in reader if row}


def _check_lengths(parsed: pl.PositiveList, csv_text: str, source: str) -> None:
    if len(source) > _MAX_LENGTH["source"]:
        raise PositiveListFileError(f"the source name is longer than {_MAX_LENGTH['source']} characters")
    for entry in parsed.entries.values():
        for name in ("description", "remarks"):
            if len(getattr(entry, name)) > _MAX_LENGTH[name]:
                raise PositiveListFileError(f"{name} of {entry.code8} is longer than {_MAX_LENGTH[name]} "
                                            "characters", _line_numbers(csv_text).get(entry.code8))


def load_positive_list(csv_text: str, source: str) -> dict:
    """Replace the loaded positive list with the one in `csv_text` (header code,description,remarks;
    `code8` is read as `code`).

    Returns {"added", "updated", "removed", "unchanged", "total"}. Raises PositiveListFileError naming
    the CSV line on a bad row; nothing is changed then. An empty list is refused (it would stop every
    CBEC sale).
    """
    source = (source or "").strip()
    parsed = _parse(csv_text)
    if not parsed.entries:
        raise PositiveListFileError("the file has no entries; refusing to empty the positive list")
    _check_lengths(parsed, csv_text, source)
    with transaction.atomic():
        existing = {row.code8: row for row in PositiveListEntry.objects.select_for_update()}
        removed = [row.id for code, row in existing.items() if code not in parsed.entries]
        changed, added = [], []
        for code, entry in parsed.entries.items():
            row = existing.get(code)
            if row is None:
                added.append(entry)
            elif (row.description, row.remarks, row.source) != (entry.description, entry.remarks, source):
                changed.append((row.id, entry))
        # A changed row is written as a new row, so the cache stamp (count, max id) moves.
        PositiveListEntry.objects.filter(id__in=removed + [row_id for row_id, _ in changed]).delete()
        PositiveListEntry.objects.bulk_create(
            [PositiveListEntry(code8=e.code8, description=e.description, remarks=e.remarks, source=source)
             for e in sorted(added + [e for _, e in changed], key=lambda e: e.code8)])
    invalidate_positive_list()
    return {"added": len(added), "updated": len(changed), "removed": len(removed),
            "unchanged": len(parsed.entries) - len(added) - len(changed), "total": len(parsed.entries)}


# -- the cached list ---------------------------------------------------------------------------------

_cache_lock = threading.Lock()
_cache: tuple[tuple, pl.PositiveList] | None = None


def invalidate_positive_list(**_signal) -> None:
    global _cache
    with _cache_lock:
        _cache = None


post_save.connect(invalidate_positive_list, sender=PositiveListEntry, dispatch_uid="positive_list_saved")
post_delete.connect(invalidate_positive_list, sender=PositiveListEntry, dispatch_uid="positive_list_deleted")


def _valid_rows(rows):
    """Rows as loaded; a malformed row (written around load_positive_list) is left out, so its
    tariff line counts as not on the list, and logged, rather than stopping every sale."""
    for code8, description, remarks in rows:
        if len(code8) == 8 and code8.isascii() and code8.isdigit():
            yield code8, description, remarks
        else:
            log.warning("positive list: ignoring malformed code %r (reload the list)", code8)


def _stamp_sql() -> str:
    """What tells a cached copy from a changed list: any load, save or delete moves one of these."""
    qn = connection.ops.quote_name
    meta = PositiveListEntry._meta
    table, pk, code = qn(meta.db_table), qn(meta.pk.column), qn(meta.get_field("code8").column)
    return f"SELECT COUNT({pk}), MIN({pk}), MAX({pk}), MIN({code}), MAX({code}) FROM {table}"


def positive_list() -> pl.PositiveList:
    """The loaded list; one aggregate query when the cached copy is current, a full read otherwise."""
    global _cache
    with connection.cursor() as cursor:  # the ORM aggregate, without compiling it on every order
        cursor.execute(_stamp_sql())
        stamp = cursor.fetchone()
    cached = _cache
    if cached is not None and cached[0] == stamp:
        return cached[1]
    rows = PositiveListEntry.objects.order_by("code8").values_list("code8", "description", "remarks")
    loaded = pl.PositiveList.from_rows(_valid_rows(rows))
    with _cache_lock:
        _cache = (stamp, loaded)
    return loaded


# -- sellability -------------------------------------------------------------------------------------

def sellability(sku, mode: str | None = ANY_MODE, plist: pl.PositiveList | None = None) -> Sellability:
    """May `sku` be sold under CBEC — under `mode` ("1210"/"9610"), or under some mode when None?

    Checks, in order: the consumption-tax basis (specific-rate CT cannot be sold, rule 8), the 10-digit
    HS code, and the positive list with its mode remarks (rule 9). Pass `plist` to check many SKUs
    against one read of the list.
    """
    if mode is not None and mode not in pl.MODES:
        raise ValueError(f"mode must be one of {', '.join(pl.MODES)} or None, got {mode!r}")
    ok, reason = cbec_sellable_basis(sku.consumption_tax_basis)
    if not ok:
        return Sellability(False, "specific_consumption_tax", reason)
    plist = positive_list() if plist is None else plist
    modes = (mode,) if mode is not None else pl.MODES
    verdicts = {m: plist.check(sku.hs_code or "", m) for m in modes}
    allowed = tuple(m for m, v in verdicts.items() if v.allowed)
    if allowed:
        return Sellability(True, "allowed", verdicts[allowed[0]].message, allowed)
    if mode is None and all(v.reason_code == "mode_not_allowed" for v in verdicts.values()):
        return Sellability(False, "mode_not_allowed",
                           f"tariff line {sku.hs_code[:8]} is on the positive list, but its remarks allow "
                           "neither bonded (1210) nor direct-mail (9610) sale")
    first = verdicts[modes[0]]
    return Sellability(False, first.reason_code, first.message)


def refusal_code(verdict: Sellability) -> str:
    """The InvalidInput code for a refused SKU."""
    return "not_on_positive_list" if verdict.reason_code in ("not_on_positive_list", "mode_not_allowed") \
        else "not_cbec_sellable"


def check_sellable(skus: Iterable, mode: str | None) -> None:
    """Raise InvalidInput (not_on_positive_list | not_cbec_sellable, field "items") for the first SKU
    that may not be sold under `mode`; one read of the list for all of them."""
    skus = list(skus)
    if not skus:
        return
    plist = positive_list()
    for sku in skus:
        verdict = sellability(sku, mode, plist)
        if not verdict.allowed:
            under = f" under mode {mode}" if mode else ""
            raise InvalidInput(refusal_code(verdict),
                               f"'{sku.code}' cannot be sold cross-border{under}: {verdict.message}.",
                               field="items", sku=sku.code, reason=verdict.reason_code)
