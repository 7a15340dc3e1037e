"""GTIN normalisation: one key for the same trade item however a platform wrote it.

UPC-A (12 digits), EAN-13 and GTIN-14 are the same number space padded with leading zeros
(GS1 General Specifications §2.1.2): UPC-A 036000291452 = EAN-13 0036000291452 = GTIN-14
00036000291452. Both sides are compared as the 14-digit form, so a US export writing UPC-A and a
catalog holding EAN-13 still meet. A code with a wrong check digit is no evidence at all (a typo
would otherwise point at some other product).

A spreadsheet that read a UPC-A as a number drops its leading zero (036000291452 → 36000291452, often
written 36000291452.0): eleven digits are taken as that UPC-A when the check digit validates after
the zero is put back, as it does for any such code since a leading zero weighs nothing.
"""

from __future__ import annotations

import re
from typing import Any

from .text import fold

# GS1 prefixes that are not global trade items: restricted circulation (in-store, variable weight)
# and coupons. Two shops may print the same such number on unrelated goods.
# Checked on the 13 digits after the indicator: 2xx (EAN-13) and UPC-A number systems 2 and 4
# (02x/04x) are restricted circulation, 05x and 98x/99x are coupons and refunds.
_RESTRICTED = re.compile(r"^(?:2|02|04|05|98|99)")


def gtin_check_digit(body: str) -> int:
    """GS1 check digit for the digits before it (weights 3,1,3,... from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def normalise_gtin(value: Any) -> str | None:
    """EAN-8, UPC-A (also without its leading zero), EAN-13 or GTIN-14 → the 14-digit GTIN; None when malformed or the check digit is wrong."""
    if value is None:
        return None
    code = re.sub(r"[\s-]", "", fold(str(value)))
    if code.endswith(".0") and len(code) == 13:  # a spreadsheet number: 36000291452.0
        code = code[:-2]
    if len(code) == 11:  # a UPC-A whose leading zero a spreadsheet dropped
        code = "0" + code
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return None
    if int(code) == 0 or gtin_check_digit(code[:-1]) != int(code[-1]):
        return None
    return code.zfill(14)


def is_global(gtin: str | None) -> bool:
    """True for a normalised GTIN that names one trade item worldwide (not an in-store or coupon number)."""
    if not gtin:
        return False
    return len(gtin) == 14 and not _RESTRICTED.match(gtin[1:])
