"""Generator g: GTIN arithmetic (EAN-13, UPC-A, GTIN-14) and the ways an export spells or spoils one."""

from __future__ import annotations

import random

# GS1 prefixes by the country a brand registered in (the first digits of its EAN-13)
GS1 = {"CN": "693", "DE": "400", "FR": "300", "IT": "800", "JP": "490", "KR": "880", "GB": "501", "NL": "871",
       "CH": "761", "SE": "730", "DK": "570", "ES": "841", "AU": "931", "NZ": "942", "CA": "0", "US": "0",
       "SG": "888", "TW": "471"}


def check_digit(body: str) -> str:
    """The GS1 check digit of ``body`` (all digits but the last), for any length."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def is_valid(code: str) -> bool:
    return code.isdigit() and len(code) in (8, 12, 13, 14) and check_digit(code[:-1]) == code[-1]


def normal(raw: str | None) -> str | None:
    """A GTIN as a comparable 14-digit string, or None when it is missing or not a valid GTIN."""
    if not raw:
        return None
    code = "".join(ch for ch in str(raw) if ch not in " -")
    return code.zfill(14) if is_valid(code) else None


class Allocator:
    """Hands out GTINs no other product has: a company prefix per brand, then item numbers in turn."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.prefixes: dict[str, list[str]] = {}
        self.next_item: dict[str, int] = {}
        self.taken: set[str] = set()

    def _prefix(self, brand_id: str, country: str) -> str:
        gs1 = GS1.get(country, "693")
        while True:
            if gs1 == "0":  # a UPC-A company: EAN-13 "0" + number system + five digits
                prefix = "0" + self.rng.choice("01678") + "".join(str(self.rng.randrange(10)) for _ in range(5))
            else:
                prefix = gs1 + "".join(str(self.rng.randrange(10)) for _ in range(7 - len(gs1)))
            if prefix not in self.taken:
                self.taken.add(prefix)
                self.prefixes.setdefault(brand_id, []).append(prefix)
                self.next_item[prefix] = self.rng.randrange(1, 2000)
                return prefix

    def ean13(self, brand_id: str, country: str) -> str:
        prefixes = self.prefixes.get(brand_id) or [self._prefix(brand_id, country)]
        prefix = prefixes[-1]
        if self.next_item[prefix] > 99_999:
            prefix = self._prefix(brand_id, country)
        item = self.next_item[prefix]
        self.next_item[prefix] = item + self.rng.randrange(1, 4)
        body = prefix + str(item).zfill(12 - len(prefix))
        return body + check_digit(body)


def case_gtin(unit_ean13: str, indicator: int) -> str:
    """The GTIN-14 of a case of a unit: indicator digit, the unit's first 12 digits, a new check digit."""
    body = str(indicator) + unit_ean13[:12]
    return body + check_digit(body)


def catalog_form(gtin: str, rng: random.Random) -> str:
    """How haitao's catalog stores a GTIN: a UPC-A as 12 digits mostly, rarely zero-padded to 14."""
    if len(gtin) == 13 and gtin.startswith("0") and rng.random() < 0.7:
        return gtin[1:]
    if len(gtin) == 13 and rng.random() < 0.04:
        return "0" + gtin
    return gtin


def export_form(gtin: str, catalog: str | None, rng: random.Random) -> tuple[str | None, list[str]]:
    """The listing's spelling of its own product's GTIN, and the tags it earns. ``catalog``: haitao's spelling."""
    roll = rng.random()
    if roll < 0.30:
        return None, ["no_gtin"]
    if roll < 0.36:
        return _spoil(gtin, rng), ["gtin_invalid"]
    if roll < 0.42:
        return _spaced(gtin), ["gtin_spaced"]
    if roll < 0.50 and len(gtin) == 13:
        return "0" + gtin, ["gtin_padded"]
    if len(gtin) == 13 and gtin.startswith("0"):
        if catalog and len(catalog) == 12:
            return gtin, ["gtin_upc_as_ean"]
        if rng.random() < 0.5:
            return gtin[1:], ["gtin_lost_zero"]
    return gtin, []


def _spoil(gtin: str, rng: random.Random) -> str:
    """A typo: one digit changed so that the check digit no longer fits."""
    while True:
        i = rng.randrange(len(gtin))
        digit = str((int(gtin[i]) + rng.randrange(1, 10)) % 10)
        spoiled = gtin[:i] + digit + gtin[i + 1:]
        if not is_valid(spoiled):
            return spoiled


def _spaced(gtin: str) -> str:
    if len(gtin) == 13:
        return f"{gtin[0]} {gtin[1:7]} {gtin[7:]}"
    return " ".join(gtin[i:i + 4] for i in range(0, len(gtin), 4))
