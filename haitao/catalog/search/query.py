"""From what a buyer typed to groups of alternatives the engines match.

The query is analysed exactly as documents are (analysis.tokens). Then, left to right, the longest
run of tokens that is a synonym or brand phrase becomes one group with every phrase of its group as
alternatives (红酒 → 红酒 | 红葡萄酒 | red wine). An alternative whose words are not in the index is dropped;
a group left without one is repaired: a Chinese word by the product words inside it or by its pinyin
(爱她美 → aitamei → 爱他美), a Latin word by its nearest indexed spellings (aptamill → aptamil), and
that correction is offered as "did you mean". A word nothing can repair drops out of the query.
"""

from dataclasses import dataclass, field

from . import analysis
from .engines import Engine, known_terms
from .lexicon import Lexicon, pinyin_key


@dataclass
class Group:
    typed: str
    alternatives: set[tuple] = field(default_factory=set)
    correction: str | None = None
    shown: str = ""  # the words as a buyer would write them (for "did you mean")


@dataclass
class ParsedQuery:
    groups: list[Group]
    dropped: list[str]

    @property
    def alternatives(self) -> list[set[tuple]]:
        return [g.alternatives for g in self.groups]

    @property
    def corrected(self) -> str | None:
        """The query as corrected, when a word was replaced by a near spelling."""
        if not any(g.correction for g in self.groups):
            return None
        return " ".join(g.correction or g.shown for g in self.groups)


def _split(tokens: list[str], lexicon: Lexicon) -> list[Group]:
    groups, i = [], 0
    while i < len(tokens):
        for n in range(min(lexicon.max_phrase, len(tokens) - i), 0, -1):
            key = tuple(tokens[i:i + n])
            brand = lexicon.pinyin.get(pinyin_key("".join(key))) if n > 1 else None
            if brand:  # 爱她美 typed with a pinyin keyboard: cut apart, but it sounds like 爱他美
                groups.append(Group(brand[0] if len(brand) == 1 else " ".join(brand),
                                    {brand} | lexicon.expansions.get(brand, set())))
                i += n
                break
            if n == 1 or key in lexicon.expansions:
                groups.append(Group(" ".join(key), {key} | lexicon.expansions.get(key, set())))
                i += n
                break
    return groups


def _repair(group: Group, lexicon: Lexicon, engine: Engine, known: set[str]) -> None:
    word = group.typed
    if analysis.is_cjk(word):
        brand = lexicon.pinyin.get(pinyin_key(word))
        if brand:
            group.alternatives |= {brand} | lexicon.expansions.get(brand, set())
            group.correction = "".join(brand)
        pieces = tuple(p for p in dict.fromkeys(lexicon.segmenter.for_document(word)) if p != word and p in known)
        if pieces and not brand:
            group.alternatives.add(pieces)
        pairs = tuple(analysis.bigrams(word))
        if pairs and not brand and not pieces:
            group.alternatives.add(pairs)
        return
    if len(word) < 4 or word.isdigit():
        return
    for term in engine.similar_terms(word):
        group.alternatives |= {(term,)} | lexicon.expansions.get((term,), set())
        group.correction = group.correction or lexicon.surface.get(term, term)


def parse(text: str, lexicon: Lexicon, engine: Engine) -> ParsedQuery:
    groups = _split(lexicon.tokens(text), lexicon)
    known = known_terms(t for g in groups for alt in g.alternatives for t in alt)
    for g in groups:
        g.alternatives = {alt for alt in g.alternatives if all(t in known for t in alt)}
    broken = [g for g in groups if not g.alternatives]
    if broken:
        candidates = {p for g in broken if analysis.is_cjk(g.typed)
                      for p in lexicon.segmenter.for_document(g.typed) + analysis.bigrams(g.typed)}
        known |= known_terms(candidates)
        for g in broken:
            _repair(g, lexicon, engine, known)
        extra = known_terms(t for g in broken for alt in g.alternatives for t in alt)
        for g in broken:
            g.alternatives = {alt for alt in g.alternatives if all(t in known | extra for t in alt)}
    for g in groups:
        g.shown = " ".join(lexicon.surface.get(t, t) for t in g.typed.split())
    kept = [g for g in groups if g.alternatives]
    return ParsedQuery(kept, [g.typed for g in groups if not g.alternatives])


def loosen(parsed: ParsedQuery, lexicon: Lexicon) -> ParsedQuery | None:
    """For a query that found nothing: each Chinese word of three or more characters may also be met by
    the indexed words inside it (潜水表 → 潜水), as a title that says 潜水系列 means it too. None when no
    word can be loosened."""
    groups, changed = [], False
    for g in parsed.groups:
        inner = set()
        if analysis.is_cjk(g.typed) and len(g.typed) >= 3:
            inner = {(p,) for p in lexicon.segmenter.for_document(g.typed) if 2 <= len(p) < len(g.typed)}
        alternatives = g.alternatives | {alt for alt in inner if alt[0] in known_terms(p for (p,) in inner)}
        changed |= alternatives != g.alternatives
        groups.append(Group(g.typed, alternatives, g.correction, g.shown))
    return ParsedQuery(groups, parsed.dropped) if changed else None
