"""Evidence learned from the data itself: which words of two catalogs mean the same.

Two platforms name one product line differently ("Aptamil Profutura" on one side, "爱他美 白金版" on
the other) and no shipped table can know every such pair. Products whose valid GTINs are equal on
both sides are the same product, so their titles are parallel text: a source word that keeps turning
up exactly where a catalog word does is a translation of it. ``TokenMap.learn`` counts those
co-occurrences over the GTIN-anchored pairs and keeps a word pair when its Dice coefficient is high
and it was seen more than once; ``translate`` then rewrites source tokens into the catalog's words
before titles are compared. The same is done for brand keys (``BrandMap``), so that an unknown brand
spelled in Chinese on one side and in Latin letters on the other is recognised as one brand.

Pure: no Django.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable


class TokenMap:
    """Source token → catalog token, learned from parallel titles."""

    def __init__(self, mapping: dict[str, str] | None = None):
        self.mapping = dict(mapping or {})

    def __len__(self) -> int:
        return len(self.mapping)

    @classmethod
    def learn(cls, pairs: Iterable[tuple[Iterable[str], Iterable[str]]], *, min_count: int = 2,
              min_dice: float = 0.6) -> TokenMap:
        """``pairs`` are (source tokens, catalog tokens) of products known to be the same."""
        source_n: Counter[str] = Counter()
        catalog_n: Counter[str] = Counter()
        both: Counter[tuple[str, str]] = Counter()
        for source_tokens, catalog_tokens in pairs:
            s, c = set(source_tokens), set(catalog_tokens)
            source_n.update(s)
            catalog_n.update(c)
            # a word both sides already share needs no translation and explains nothing else
            for a in s - c:
                for b in c - s:
                    both[(a, b)] += 1
        best: dict[str, tuple[float, int, str]] = {}
        for (a, b), n in both.items():
            if n < min_count:
                continue
            dice = 2 * n / (source_n[a] + catalog_n[b])
            if dice >= min_dice and (a not in best or (dice, n) > best[a][:2]):
                best[a] = (dice, n, b)
        return cls({a: b for a, (_, _, b) in best.items()})

    def translate(self, tokens: Iterable[str]) -> tuple[str, ...]:
        """Tokens with learned words replaced, in order, without repeats."""
        out: list[str] = []
        seen: set[str] = set()
        for token in tokens:
            token = self.mapping.get(token, token)
            if token not in seen:
                seen.add(token)
                out.append(token)
        return tuple(out)


class BrandMap:
    """Source brand key → catalog brand key, from GTIN-anchored pairs whose brands differ in spelling."""

    def __init__(self, mapping: dict[str, str] | None = None):
        self.mapping = dict(mapping or {})

    @classmethod
    def learn(cls, pairs: Iterable[tuple[str | None, str | None]], *, min_count: int = 2,
              min_share: float = 0.8) -> BrandMap:
        counts: dict[str, Counter[str]] = {}
        for source_key, catalog_key in pairs:
            if source_key and catalog_key:
                counts.setdefault(source_key, Counter())[catalog_key] += 1
        mapping = {}
        for source_key, targets in counts.items():
            target, n = targets.most_common(1)[0]
            if target != source_key and n >= min_count and n / sum(targets.values()) >= min_share:
                mapping[source_key] = target
        return cls(mapping)

    def get(self, key: str | None) -> str | None:
        return self.mapping.get(key, key) if key else key

    def learn_names(self, keys: Iterable[str | None], *, min_count: int = 2) -> None:
        """Remember the export's own brand names, to find them in titles of products without a brand field."""
        counts = Counter(k for k in keys if k and (len(k) >= 2 if not k.isascii() else len(k) >= 3))
        names = sorted((k for k, n in counts.items() if n >= min_count), key=len, reverse=True)
        self._names = re.compile("|".join(re.escape(n) for n in names)) if names else None

    def find(self, title: str) -> str | None:
        """A brand name of this export in a title (Chinese titles are matched without their spaces)."""
        pattern = getattr(self, "_names", None)
        if pattern is None:
            return None
        match = pattern.search(title.replace(" ", "")) or pattern.search(title)
        return self.get(match.group(0)) if match else None
