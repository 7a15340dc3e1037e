"""Text folding shared by the normalisers: one definition of 'the same characters'.

Pure: no Django. Kept apart so ``attributes`` and ``normalise`` can both use it without a cycle.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal


@functools.lru_cache(maxsize=1)
def _to_simplified():
    import opencc  # OpenCC's own tables: Hong Kong and Taiwan sellers write 維耶 糧 for 维耶 粮

    return opencc.OpenCC("t2s")


_MARKS = str.maketrans({"™": " ", "℠": " ", "®": " ", "©": " "})


def fold(text: str) -> str:
    """NFKC + lowercase + Latin accents removed + traditional Chinese as simplified.

    Full-width ＡＢＣ１２３ → abc123; 沙丘維耶 幼犬糧 → 沙丘维耶 幼犬粮 (both sides alike, so a listing
    written in traditional characters meets the catalog's simplified title).
    """
    # a trade mark sign is no letter (NFKC would spell ™ 'TM', glued to the brand: 'wmftm')
    text = unicodedata.normalize("NFKC", text.translate(_MARKS)).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _to_simplified().convert(unicodedata.normalize("NFC", stripped))


def clean_decimal(value: Decimal) -> Decimal:
    """800.000 → 800, 0.50 → 0.5 (no exponent form), so equal sizes print and hash alike."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def slug(text: str) -> str:
    return re.sub(r"[^0-9a-z\u3400-\u9fff]+", "-", fold(text)).strip("-")
