"""What a listing's title states bare and the catalog reads as an attribute: a shade code ('快干指甲油 B11'),
a colour in one character ('拉杆箱 银'), an amount without its unit ('登机箱 20'). Read only where the
brand's own SKUs carry that very value, so a bare '红' stays red ginseng's and a bare '28' unread.

Mixed into ``match.CatalogIndex``: it needs ``brand_variants``, ``amounts`` and ``blocking_brands``.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from .brand_lookup import _replaced
from .pairs import _tokens

ONE_CHARACTER_COLOURS = {"黑": "black", "白": "white", "银": "silver", "灰": "grey", "红": "red", "粉": "pink", "蓝": "blue",
                         "绿": "green", "金": "gold", "紫": "purple", "黄": "yellow", "橙": "orange"}


class StatedAttributes:
    """A source with the attributes its title states bare, read against the brand's SKUs."""

    def _with_whole_count(self, source: Any) -> Any:
        """A count of pieces with no pack, from an export that writes multipacks as their whole count
        (``pairs.writes_whole_counts``): it may be pack × pieces too."""
        whole = self.whole_counts and source.content_unit == "piece" and (source.pack_count or 1) == 1
        return SimpleNamespace(**{**vars(source), "whole_count": True}) if whole else source

    def _with_stated_shade(self, source: Any) -> Any:
        """A shade code the title states bare ('快干指甲油 B11', no 色号 or #), or a colour in one character
        ('拉杆箱 银'), that SKUs of the brand carry as their variant is the source's variant: without it
        every shade of the line ties. Only then: '红' alone may be red ginseng's, '粉' a powder's."""
        if source.variant is not None or not self.brand_variants:
            return source
        carried = set().union(*(self.brand_variants.get(b, ()) for b in self.blocking_brands(source)))
        stated = {t: value for t in _tokens(source)
                  if (value := t if _code_like(t) else ONE_CHARACTER_COLOURS.get(t)) in carried}
        if len(set(stated.values())) != 1:
            return source
        # read as the catalog's '色号 B11' is: a variant, and no longer a title word
        tokens = tuple(t for t in _tokens(source) if t not in stated)
        return _replaced(source, variant=next(iter(stated.values())), title=" ".join(tokens), title_tokens=tokens)

    def _with_stated_amount(self, source: Any) -> Any:
        """An amount the title states without its unit ('登机箱 20', '行李箱 25') that exactly one amount of
        the brand's SKUs is, read as the catalog writes it (20 inches is 50.8 cm; 500 is 500 g): a title
        stating another number still leaves it unread, and the operator sees 'amount only on one side'."""
        if source.content_value is not None:
            return source
        numbers = [t for t in _tokens(source) if t.replace(".", "", 1).isdigit() and not t.startswith("0")]
        if len(numbers) != 1:
            return source
        number = Decimal(numbers[0])
        amounts = {(k[1], k[2]) for b in self.blocking_brands(source) for k in self.amounts.get(b, ())
                   if k[2] is not None and number in _notations(k[1], k[2])}
        if len(amounts) != 1:
            return source
        unit, value = amounts.pop()
        tokens = tuple(t for t in _tokens(source) if t != numbers[0])
        return _replaced(source, content_unit=unit, content_value=value, title=" ".join(tokens), title_tokens=tokens)


def _notations(unit: str, value: Decimal) -> set[Decimal]:
    """The numbers an amount is written with: a length in cm, inches or mm; a weight or volume as it is."""
    if unit == "cm":
        return {value, (value / Decimal("2.54")).quantize(Decimal("0.1")).normalize(), value * 10}
    return {value} if unit in ("g", "ml") else set()


def _code_like(value: str) -> bool:
    """A variant written as a code ('b11', '5n', 'p03', a hair colour's '6.1'), not a colour or a bare number."""
    return len(value) <= 5 and any(c.isdigit() for c in value) and any(c.isalpha() or c == "." for c in value)


