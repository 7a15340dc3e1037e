"""The brand side of ``CatalogIndex``: which catalog brands a listing is looked up under.

A source names its brand its own way (another script, a store's name, no field at all); the
catalog's keys of that brand come from the names both sides use (``brands.BrandDirectory``) and
from GTIN-anchored pairs (``learned.BrandMap``). Kept apart from the matcher's scoring so each stays
small. Pure: no Django.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from rapidfuzz import fuzz

from .brands import TITLE_SAMPLE, BrandDirectory, _cjk, names, strip_names
from .pairs import _title, measure_word

MAX_BRANDS = 4  # catalog brands one source brand name is looked up under (its own and learned ones)
CODE_SKUS = 3  # a model code on at most this many catalog SKUs, all of one brand, names that brand


def model_code(token: str) -> bool:
    """A word that reads as a model or set number ('s105', 'on322', '73223'), not an amount ('500g',
    'spf50') or a short number ('12', '2026' is one only if rare)."""
    if measure_word(token) or len(token) < 3 or not any(c.isdigit() for c in token):
        return False
    return len(token) >= 4 if token.isdigit() else any(c.isalpha() for c in token)


def _tokens(record: Any) -> tuple[str, ...]:
    """The title's words as the normaliser wrote them (a brand's name is taken out before measures are joined)."""
    return getattr(record, "title_tokens", None) or tuple(_title(record).split())

def brands_clearly_differ(a: str | None, b: str | None) -> bool:
    """Two brand keys that cannot be one brand: both known, in one script, and not spellings of each other.

    Keys in different scripts (an unknown Chinese brand against a Latin one) may be translations,
    so they are no evidence either way.
    """
    if not a or not b or a == b:
        return False
    if a.isascii() != b.isascii():
        return False
    if a in b or b in a:
        return False
    return fuzz.ratio(a, b) < 80


def _swapped(a: str | None, b: str | None) -> bool:
    """Two Latin names one transposition of neighbouring letters apart ('smasung', 'samsung')."""
    from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

    return any(DamerauLevenshtein.distance(x, y) == 1 and Levenshtein.distance(x, y) == 2
               for x in names(a) for y in names(b) if not _cjk(x) and not _cjk(y))


def _retitled(record: Any, title: str, tokens: tuple[str, ...]) -> Any:
    return _replaced(record, title=title, title_tokens=tokens)


def _replaced(record: Any, **changes: Any) -> Any:
    if dataclasses.is_dataclass(record):
        return dataclasses.replace(record, **changes)
    return SimpleNamespace(**{**vars(record), **changes})


class BrandLookup:
    """Mixed into ``CatalogIndex``: it needs ``catalog_brands``, ``_source_brands``, ``brands`` (a BrandMap)."""

    @property
    def directory(self) -> BrandDirectory:
        """The brand keys of both sides grouped into brands (rebuilt when the catalog grew)."""
        if self._directory is None:
            titles = [(r.brand_key, _title(r)) for r in self.records[:: max(1, len(self.records) // TITLE_SAMPLE)]]
            catalog_titles = len(titles)
            titles += [(key, title) for key, title in getattr(self, "_source_titles", ())]
            self._directory = BrandDirectory(self.catalog_brands.elements(), self._source_brands.elements(), titles,
                                             catalog_titles=catalog_titles)
            self._stripped, self._found_brands, self._codes = {}, {}, None
            self._brand_the_brandless()
            self._strip_catalog_titles()
        return self._directory

    def _brand_the_brandless(self) -> None:
        """Catalog SKUs with no brand field whose title names a brand the catalog has ('奥艾 Orel 修护唇膜'):
        indexed under that brand, the only place a source of the brand looks for candidates."""
        brandless = [groups for key, groups in self.blocks.items() if key[0] is None]
        brandless += [self.unsized[None]] if None in self.unsized else []
        for groups in brandless:
            for group in groups.values():
                kept = ([], [])
                for row, title in zip(group.rows, group.titles):
                    record = self.records[row]
                    key = self._directory.find(_title(record))
                    if key is None:
                        kept[0].append(row)
                        kept[1].append(title)
                        continue
                    self.records[row] = record = _replaced(record, brand_key=key)
                    self.catalog_brands[None] -= 1
                    self.catalog_brands[key] += 1
                    target = self._group_of(record)
                    target.rows.append(row)
                    target.titles.append(title)
                group.rows, group.titles = kept

    def _strip_catalog_titles(self, names_of: Callable[[str | None], Iterable[str]] | None = None) -> None:
        """Catalog titles without their brand's other spellings (a SKU keyed 'oceanma' titled '欧珊玛 …'),
        as source queries are: a brand name is no evidence that two products of the brand are one."""
        names_of = names_of or self._directory.names_of
        for groups in (*self.blocks.values(), *self.unsized.values()):
            for group in groups.values():
                for i, row in enumerate(group.rows):
                    record = self.records[row]
                    if not (spellings := names_of(record.brand_key)):
                        continue
                    tokens = _tokens(record)
                    kept = strip_names(tokens, spellings)
                    if kept != tokens:
                        title = " ".join(kept)
                        self.records[row] = _retitled(record, title, kept)
                        group.titles[i] = title

    def _strip_anchored_names(self) -> bool:
        """Take out of catalog titles the Chinese names the export's brand field gives their brand, as
        GTIN-anchored pairs taught (吉列 for gillette, 田宫 for tamiya): written in a title, such a name is
        the brand, not the product. They become the brand's names for source titles too. True if any."""
        learned: dict[str, set[str]] = {}
        for source_key, catalog_key in self.brands.mapping.items():
            if _cjk(source_key) and len(source_key) >= 2 and source_key not in self.directory.names_of(catalog_key):
                learned.setdefault(catalog_key, set()).add(source_key)
        if not learned:
            return False
        for key, added in learned.items():
            self._directory.add_names(key, added)
        self._stripped = {}
        self._strip_catalog_titles(lambda key: learned.get(key, ()))
        return True

    def _without_brand(self, source: Any, brand: str | None) -> tuple[str, ...]:
        """The source's title tokens without any spelling of its brand or of the catalog brand looked in."""
        key = (source.title, source.brand_key, brand)
        directory = self.directory
        if key not in self._stripped:
            self._stripped[key] = strip_names(_tokens(source), directory.names_of(brand) | directory.names_of(source.brand_key))
        return self._stripped[key]

    def _brand(self, source: Any) -> str | None:
        if source.brand_key is None:  # no brand field and none of the alias table's names in the title
            return self.brands.find(_title(source))
        return self.brands.get(source.brand_key)

    def _brand_confirmed(self, source: Any, record: Any) -> bool:
        """The record's brand is the source's own key, or the one its anchored pairs agree on."""
        key = self._brand_name(source)
        return record.brand_key is not None and (record.brand_key in (key, self.brands.get(key))
                                                 or self.directory.same(key, record.brand_key))

    def blocking_brands(self, source: Any) -> tuple[str | None, ...]:
        """The catalog brands to look for candidates in: the source's own key and every brand it was anchored to."""
        key = self._brand_name(source)
        same = self.directory.catalog_keys(key)  # the catalog's spellings of this very brand
        if key in self.catalog_brands or same:  # a brand the catalog has is that brand, whatever else it was anchored to
            return tuple(dict.fromkeys((key, *same) if key in self.catalog_brands else same))
        learned = [k for c in self.brands.candidates(key) for k in (self.directory.catalog_keys(c) or (c,))]
        learned = tuple(dict.fromkeys(learned))[:MAX_BRANDS]
        if not any(k in self.catalog_brands for k in learned) and (misspelt := self.directory.misspelt_keys(key)):
            return misspelt
        if not learned and key is None:  # no brand anywhere: a model code the catalog gives one brand says which
            return (*self._brands_by_code(source), None)
        return learned or (None,)

    def _brands_by_code(self, source: Any) -> tuple[str, ...]:
        """The brands whose SKUs alone carry a rare model code of the source's title ('ghd' for 's105')."""
        directory = self.directory  # noqa: F841  (rebuilt first when the catalog grew: that empties the codes)
        codes = self.__dict__.get("_codes")
        if codes is None:
            found: dict[str, set] = {}
            for groups in (*self.blocks.values(), *self.unsized.values()):
                for group in groups.values():
                    for row in group.rows:
                        record = self.records[row]
                        for token in _tokens(record):
                            if model_code(token) and self.document_frequency[token] <= CODE_SKUS:
                                found.setdefault(token, set()).add(record.brand_key)
            codes = self._codes = {t: next(iter(b)) for t, b in found.items() if len(b) == 1 and None not in b}
        brands = (codes[t] for t in _tokens(source) if t in codes)
        return tuple(dict.fromkeys(brands))[:MAX_BRANDS]

    def _brand_misspelt(self, source: Any, record: Any) -> bool:
        """The record was found under a brand the source's is only a slip away from (see ``BrandDirectory.misspelt``)."""
        key = self._brand_name(source)
        if not (record.brand_key in self.directory.misspelt_keys(key) and not self.directory.same(key, record.brand_key)
                and record.brand_key not in self.brands.candidates(key)):
            return False
        # a slip a look-alike brand would not make: two letters swapped ('smasung'), or the title names the
        # brand in its other script as well ('smasung … 三星'); a look-alike has a name of its own in both
        return not (_swapped(key, record.brand_key) or self._names_in_other_script(source, record.brand_key))

    def _names_in_other_script(self, source: Any, brand: str) -> bool:
        """The title holds a Chinese name of ``brand`` as words of their own: '三星 pro', not '伯爵 记'
        (a look-alike's name built on the brand's: 伯爵记, 亨氏家)."""
        tokens = _tokens(source)
        for name in self.directory.names_of(brand):
            if not _cjk(name) or len(name) < 2:
                continue
            for i in range(len(tokens)):
                j, run = i, ""
                while j < len(tokens) and len(run) < len(name):
                    run += tokens[j]
                    j += 1
                if run == name and not any(0 <= k < len(tokens) and len(tokens[k]) == 1 and _cjk(tokens[k])
                                            for k in (i - 1, j)):
                    return True
        return False

    def _brand_name(self, source: Any) -> str | None:
        if source.brand_key is not None:
            return source.brand_key
        # a listing without a brand field is looked up in its title once: the patterns hold every brand
        # name of both sides (tens of thousands in a large export), and a decision asks several times
        directory = self.directory  # (rebuilt when the catalog grew, which empties the memo)
        title = _title(source)
        memo = self.__dict__.setdefault("_found_brands", {})
        if title not in memo:
            if len(memo) > 200_000:
                memo.clear()
            memo[title] = (self.brands.find(title, raw=True) or directory.find(title)
                           or self.brands.find(title, raw=True, glued=True))
        return memo[title]

    def _brands_differ(self, source: Any, record: Any) -> bool:
        """Both brands known and not spellings of each other, or the source brand was anchored often, never to this one."""
        if record.brand_key in self.blocking_brands(source):
            return False
        return (brands_clearly_differ(self._brand(source), record.brand_key)
                or self.brands.known_apart(self._brand_name(source), record.brand_key))

