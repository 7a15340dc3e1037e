"""Finding any of many names in a title, leftmost and then longest, as a regex alternation of the
names would — but by looking up each position's substrings in a set, so the cost does not grow with
the number of names (a large export's brand names run to tens of thousands, where a regex tries every
one of them at every position). Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable

_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


class NameScanner:
    """``search(text)``: the leftmost name found in ``text``, the longest where several start there.

    With ``bounded``, a Latin name (one not starting with a Chinese character) counts only as a whole
    word: no letter or digit right before or after it ('nike' is not found in 'nikeland')."""

    def __init__(self, names: Iterable[str], *, bounded: bool = False):
        self.names = frozenset(n for n in names if n)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)
        self.bounded = bounded

    def __bool__(self) -> bool:
        return bool(self.names)

    def search(self, text: str, *, bounded: bool | None = None) -> str | None:
        names, size = self.names, len(text)
        bounded = self.bounded if bounded is None else bounded
        for start in range(size):
            for length in self.lengths:
                end = start + length
                if end > size:
                    continue
                candidate = text[start:end]
                if candidate in names and (not bounded or candidate[0] >= "\u3400" or (
                        (start == 0 or text[start - 1] not in _WORD) and (end == size or text[end] not in _WORD))):
                    return candidate
        return None
