"""The product dictionary search analyses with, built from the catalog and the synonym table:

- words jieba must keep whole: goods brands' Chinese names, product lines (the short Chinese chunks of
  titles, 白金版, 小棕瓶), category names, every Chinese synonym phrase;
- expansions: each analysed phrase → the other phrases of its group (红酒 → 红葡萄酒, milk powder → 奶粉),
  and each goods brand's names in both languages plus the pinyin of its Chinese name (aitamei → 爱他美).

Built once per process and rebuilt when the lexicon version moves (a synonym, category or SKU saved).
"""

import functools
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from pypinyin import lazy_pinyin

from . import analysis

LEXICON_VERSION_KEY = "search:lexicon:version"
_CJK_CHUNK = re.compile(r"[\u4e00-\u9fff]{2,4}")
_lock = threading.Lock()
_current: dict = {}


@dataclass
class Lexicon:
    segmenter: analysis.Segmenter
    expansions: dict[tuple, set[tuple]] = field(default_factory=dict)
    pinyin: dict[str, tuple] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)  # token → a name as written (penfold → Penfolds)
    max_phrase: int = 1

    def tokens(self, text: str, document: bool = False) -> list[str]:
        return analysis.tokens(text, self.segmenter, document=document)

    def document_tokens(self, text: str) -> list[str]:
        return analysis.document_tokens(text, self.segmenter)


@functools.lru_cache(maxsize=1 << 14)  # one per goods brand name; pypinyin costs ~0.2 ms a call
def pinyin_key(text: str) -> str:
    """爱他美 → aitamei (what a buyer types with a pinyin keyboard left in Latin mode)."""
    return "".join(lazy_pinyin(text)).lower() if analysis.is_cjk(text) else ""


def _lines(title: str, brand_zh: str) -> set[str]:
    """Short Chinese chunks of a title (a product line such as 白金版 or 小棕瓶), the brand prefix cut off."""
    out = set()
    for chunk in title.split():
        if brand_zh and chunk.startswith(brand_zh):
            chunk = chunk[len(brand_zh):]
        if _CJK_CHUNK.fullmatch(chunk):
            out.add(chunk)
    return out


def _groups(synonyms, brands) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for group, phrase in synonyms:
        groups[group].append(phrase)
    out = list(groups.values())
    for brand_name, brand_zh in brands:
        names = [n for n in (brand_name, brand_zh) if n]
        key = pinyin_key(brand_zh)
        if key:
            names.append(key)
        out.append(names)
    return out


def build(synonyms, categories, brands, titles) -> Lexicon:
    """A lexicon from (group, phrase) synonym rows, (name, name_en) categories, (brand, brand_zh) goods
    brands and (title, brand_zh) SKU titles. Pure: the loader below reads these from the database."""
    words = {p for _, p in synonyms} | {zh for _, zh in brands} | {n for pair in categories for n in pair}
    for title, brand_zh in titles:
        words |= _lines(title, brand_zh)
    lexicon = Lexicon(segmenter=analysis.Segmenter(w for w in words if w))
    groups = _groups(synonyms, brands)
    for names in groups:
        analysed = set()
        for name in names:
            key = tuple(lexicon.tokens(name))
            if len(key) == 1 and not analysis.is_cjk(key[0]):
                lexicon.surface.setdefault(key[0], name)
            analysed.add(key)
        analysed.discard(())
        for key in analysed:
            lexicon.expansions.setdefault(key, set()).update(analysed)
            lexicon.max_phrase = max(lexicon.max_phrase, len(key))
    for _, brand_zh in brands:
        key = pinyin_key(brand_zh)
        if key:
            lexicon.pinyin[key] = tuple(lexicon.tokens(brand_zh))
    return lexicon


def _load() -> Lexicon:
    from ..models import Category, Sku, Synonym

    return build(
        list(Synonym.objects.values_list("group", "phrase")),
        list(Category.objects.values_list("name", "name_en")),
        # order_by(): Sku's default ordering would make DISTINCT keep one row per SKU.
        list(Sku.objects.order_by().values_list("brand_name", "brand_name_zh").distinct()),
        list(Sku.objects.order_by().values_list("title", "brand_name_zh").distinct()),
    )


def version() -> int:
    value = cache.get(LEXICON_VERSION_KEY)
    if value is None:
        cache.add(LEXICON_VERSION_KEY, time.time_ns(), None)
        value = cache.get(LEXICON_VERSION_KEY)
    return value


def bump(**_kwargs) -> None:
    """A synonym, category or SKU changed: every process rebuilds its lexicon on next use."""
    cache.set(LEXICON_VERSION_KEY, time.time_ns(), None)
    _current.clear()


def current() -> Lexicon:
    wanted = version()
    if _current.get("version") != wanted:
        with _lock:
            if _current.get("version") != wanted:
                lexicon = _load()
                _current.update(version=wanted, lexicon=lexicon)
    return _current["lexicon"]
