"""Text folding shared by the normalisers: one definition of 'the same characters'.

Pure: no Django. Kept apart so ``attributes`` and ``normalise`` can both use it without a cycle.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal


def fold(text: str) -> str:
    """NFKC + lowercase + Latin accents removed. Full-width ＡＢＣ１２３ → abc123."""
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def clean_decimal(value: Decimal) -> Decimal:
    """800.000 → 800, 0.50 → 0.5 (no exponent form), so equal sizes print and hash alike."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def slug(text: str) -> str:
    return re.sub(r"[^0-9a-z\u3400-\u9fff]+", "-", fold(text)).strip("-")
