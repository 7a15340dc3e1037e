"""Comparisons of one source product with one catalog record: title similarity and attributes.

Pure: no Django. Kept apart from ``match`` so the index there stays about candidates and decisions.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rapidfuzz import fuzz

from .attributes import same_content
from .normalise import colour_names

STRUCTURAL = ("stage", "size", "variant")
SOFT = ("market",)  # must not disagree


def _title(record: Any) -> str:
    title = getattr(record, "title", None)
    if title is None:
        title = " ".join(getattr(record, "title_tokens", ()) or ())
    return title


def _tokens(record: Any) -> tuple[str, ...]:
    """The title's words, a number and its unit written apart joined ('20 瓦' and '20w' are '20w')."""
    return joined_measures(getattr(record, "title_tokens", None) or tuple(_title(record).split()))


_UNIT_WORDS = {"w": "w", "瓦": "w", "mah": "mah", "毫安": "mah", "毫安时": "mah", "m": "m", "米": "m", "ft": "ft", "英尺": "ft"}
_MONTHS = frozenset({"月", "个月", "月龄", "month", "months"})
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@functools.lru_cache(maxsize=131_072)
def joined_measures(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens with a number followed by a unit word (watts, mAh, metres, in either language) made one
    measure token, as titles written without a space have it; a glued Chinese unit is spelled the Latin way."""
    out: list[str] = []
    for token in tokens:
        if out and token in _UNIT_WORDS and _NUMBER.fullmatch(out[-1]):
            out[-1] = _in_metres(out[-1] + _UNIT_WORDS[token])
            continue
        # an age in months (0个月+, 3 months, as 0m+ and 3m are written), not a date's month (2027 年 6 月)
        if out and token in _MONTHS and out[-1].isdigit() and len(out[-1]) <= 2 and out[-2:-1] != ["年"]:
            out[-1] += "m"
            continue
        match = re.fullmatch(r"(\d+(?:\.\d+)?)(瓦|毫安时|毫安|米|英尺)", token)
        out.append(_in_metres(match.group(1) + _UNIT_WORDS[match.group(2)] if match else token))
    return tuple(out)


def _in_metres(token: str) -> str:
    """A length in feet as the metres it converts (3.28ft is '1m', 0.98ft '0.3m'), to the centimetre."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)ft", token)
    if not match:
        return token
    metres = (Decimal(match.group(1)) * Decimal("0.3048")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{metres.normalize():f}m"


def title_score(a: str, b: str) -> float:
    """Mean of token_sort_ratio (spelling) and the Jaccard index of the token sets, in [0, 1].

    The Jaccard half keeps a title that is a subset of a richer one ('probiotic adult' vs 'adult gold
    probiotic': another product line) well below a title with the same words. Identical titles score 1.
    """
    if a == b:
        return 1.0
    ta, tb = set(a.split()), set(b.split())
    jaccard = len(ta & tb) / len(ta | tb) if ta or tb else 1.0
    return (fuzz.token_sort_ratio(a, b) / 100.0 + jaccard) / 2.0


def _content(record: Any) -> tuple | None:
    value = getattr(record, "content_value", None)
    return None if value is None else (value, getattr(record, "content_unit", None))


def _whole_count_of(source: Any, record: Any) -> bool:
    """The source states the whole count of pieces that the record states as pack × count (150; 25 × 6)."""
    return (source.content_unit == record.content_unit == "piece" and (source.pack_count or 1) == 1 < (record.pack_count or 1)
            and source.content_value == record.content_value * record.pack_count)


def counted_alike(a: Any, b: Any) -> bool:
    """One side counts its items as a pack ('牙刷头 ×4', 'black tea ×100') and the other as its
    content ('4 count', '100 tea bags'): the same number of pieces either way. So is a source marked
    ``whole_count`` (an export that writes a pack's whole count) against pack × count (150 wipes; 25 × 6)."""
    for x, y in ((a, b), (b, a)):
        if (getattr(x, "content_value", None) is None and (getattr(x, "pack_count", 1) or 1) > 1
                and getattr(y, "content_unit", None) == "piece" and (getattr(y, "pack_count", 1) or 1) == 1
                and y.content_value == x.pack_count):
            return True
        if getattr(x, "whole_count", False) and _whole_count_of(x, y):  # 150 wipes: 25 wipes × 6
            return True
    return False


WHOLE_COUNT_SHARE = 0.1  # of the anchored multipacks of pieces, written as their whole count
MIN_WHOLE_COUNTS = 5


def writes_whole_counts(anchored: list[tuple[Any, Any]]) -> bool:
    """Does this export write a multipack of pieces as its whole count ('150 wipes' for 25 wipes × 6)?

    Asked of the GTIN-anchored pairs, which are the same product: in one export a tenth or more of
    them do, in another none, where 30 capsules and 10 capsules × 3 are two products."""
    multipacks = [(s, r) for s, r in anchored if r.content_unit == "piece" and (r.pack_count or 1) > 1]
    whole = sum(1 for s, r in multipacks if _whole_count_of(s, r))
    return whole >= MIN_WHOLE_COUNTS and whole >= WHOLE_COUNT_SHARE * len(multipacks)


def same_pieces(a: tuple, b: tuple) -> bool:
    """Two block keys (brand, unit, amount, pack) of one count of pieces, one stating the whole and the
    other pack × pieces (150 wipes; 25 wipes × 6)."""
    if a[1] != "piece" or b[1] != "piece" or (a[3] == 1) == (b[3] == 1):
        return False
    return a[2] * a[3] == b[2] * b[3]


def attribute_check(source: Any, record: Any) -> tuple[list[str], list[str]]:
    """(disagreements, one-sided) over stage, size, variant, market, pack and content."""
    disagree, one_sided = [], []
    for name in STRUCTURAL + SOFT:
        a, b = getattr(source, name, None), getattr(record, name, None)
        if a is not None and b is not None and a != b:
            disagree.append(f"{name} differs")
        elif (a is None) != (b is None) and name not in SOFT:
            one_sided.append(f"{name} only on one side")
    if counted_alike(source, record):
        return disagree, one_sided
    if (getattr(source, "pack_count", 1) or 1) != (getattr(record, "pack_count", 1) or 1):
        disagree.append("pack_count differs")
    a, b = _content(source), _content(record)
    if a is not None and b is not None and not same_content(a[1], a[0], b[1], b[0]):
        disagree.append("content differs")
    elif (a is None) != (b is None):
        one_sided.append("content only on one side")
    return disagree, one_sided


def _title_colour(record: Any) -> str | None:
    """A colour name left in a title the normaliser did not read as the variant ('… shoes gold': a
    word that is also a product line, so the table leaves it in titles)."""
    names = colour_names()
    return next((t for t in _tokens(record) if t in names), None)


def _soft_disagree(source: Any, record: Any) -> bool:
    """Market, pack count or a colour disagree (a sized product's block already holds only its own pack).

    One side's variant against a different colour name the other side's title still has counts too."""
    if (getattr(source, "pack_count", 1) or 1) != (getattr(record, "pack_count", 1) or 1) and not counted_alike(source, record):
        return True
    a, b = getattr(source, "variant", None), getattr(record, "variant", None)
    if (a is None) != (b is None):
        colour = _title_colour(source if a is None else record)
        if colour is not None and colour != (a or b):
            return True
    for name in SOFT:
        a, b = getattr(source, name, None), getattr(record, name, None)
        if a is not None and b is not None and a != b:
            return True
    return False


_MEASURE = re.compile(r"(\d+(?:\.\d+)?)([a-z]+)")
_GRADE = re.compile(r"(spf|pa|umf|mgo)(\d+)")  # a grade written name first: spf50, pa3, umf15


def measure_word(token: str) -> bool:
    """A word that states an amount or a grade ('500g', '12m', 'spf50', 'pa3'), as ``measures_differ`` reads them."""
    return bool(_MEASURE.fullmatch(token) or _GRADE.fullmatch(token))


_CODE = re.compile(r"[a-z]+\.?\d+[a-z\d]*|\d+[a-z]+\d[a-z\d]*")  # ca1595, no.9, s300, wh1000xm5, 1000xm5


def model_codes(title: str) -> set[str]:
    """The words of a title that are model or line codes: letters and digits, not an amount or a grade."""
    return {t for t in title.split() if _CODE.fullmatch(t) and not measure_word(t)}


def code_level(query: str, title: str) -> int:
    """0: the titles share a model code; 1: both state codes and share none (ca1595 and ca5849 are two
    frames); 2: a code on one side only, or none."""
    a, b = model_codes(query), model_codes(title)
    if not a or not b:
        return 2
    if a & b:
        return 0
    return 2 if any(_one_dropped(x, y) for x in a for y in b) else 1


def _one_dropped(a: str, b: str) -> bool:
    """One code is the other with a character left out (r840 for r8410): a slip of the keyboard, while
    another character in its place (v2, v3) is another model."""
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 >= 4 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def measures_differ(a: str, b: str) -> bool:
    """Two titles that state one measure in different amounts ('30w' and '65w', '0.3m' and '1m',
    '5000mah' and '20000mah'): the spec words the attribute reader leaves in titles still tell two
    products apart. Only a unit both titles use counts."""
    found_a, found_b = _measures(a), _measures(b)
    return any(unit in found_b and not values & found_b[unit] for unit, values in found_a.items())


def pieces_only_in_source(query: str, title: str) -> bool:
    """The source counts pieces ('5pc': a set of five containers, 20 pads) its candidate does not state:
    a set is not its single piece, and a title that names none may be either."""
    pieces = _measures(query).get("pc", set())
    return bool(pieces - {"1"}) and "pc" not in _measures(title)


# sizes said in words: the term table writes 小型犬 and 大型犬 as one word each; 中型犬 stays two, as catalogs split it
_SIZE_WORDS = re.compile(r"(?<!\S)(small_breed|large_breed|中型 ?犬|medium breed|mini|small|medium|large)(?!\S)")
_SIZE_WORD_OF = {"small_breed": "small", "large_breed": "large", "中型犬": "medium", "中型 犬": "medium", "medium breed": "medium",
                "mini": "mini",  # a mini bag is smaller than its S
                "small": "small", "medium": "medium", "large": "large"}
_LETTER_SIZES = {"xs": "small", "s": "small", "m": "medium", "l": "large", "xl": "large", "xxl": "large", "xxxl": "large"}


def size_words_differ(source: Any, record: Any, source_words: str, record_words: str) -> bool:
    """The two sides' sizes, as letters or in words ('S', 'large', '中型犬', 'mini'), share none: a pet bed
    sized S and one for medium dogs, or a bag in L and its mini, are two products, so an operator says
    which. Read off the titles before noise is taken out: an export that writes every size in words
    ('handbag large') teaches those words as noise."""
    said = [{_SIZE_WORD_OF[m] for m in _SIZE_WORDS.findall(words)} for words in (source_words, record_words)]
    letters = [_LETTER_SIZES.get(getattr(r, "size", None) or "") for r in (source, record)]
    sizes = [said[i] | ({letters[i]} if letters[i] else set()) for i in (0, 1)]
    return bool(sizes[0] and sizes[1] and not sizes[0] & sizes[1])


def measures_agree(a: str, b: str) -> bool:
    """Two titles that state a measure in the same amount ('20w' both), and none in different ones."""
    found_a, found_b = _measures(a), _measures(b)
    return (any(values & found_b.get(unit, set()) for unit, values in found_a.items())
            and not measures_differ(a, b))


def _measures(title: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for token in title.split():
        match = _MEASURE.fullmatch(token)
        if match:
            found.setdefault(match.group(2), set()).add(match.group(1))
        elif match := _GRADE.fullmatch(token):
            found.setdefault(match.group(1), set()).add(match.group(2))
    return found


def alternatives(groups: Iterable[list[str]], *, min_count: int = 2, max_titles: int = 300) -> frozenset[frozenset[str]]:
    """Word pairs that tell siblings apart, learned from the catalog: two titles of one group (brand,
    amount, pack, stage, size, variant) that differ in one word each ('… cat_food beef' and
    '… cat_food lamb') are two products, so those two words are alternatives — seen in ``min_count``
    groups. A title with one against a title with the other is another product."""
    counts: Counter[frozenset[str]] = Counter()
    for titles in groups:
        by_length: dict[int, list[set[str]]] = {}
        for title in titles[:max_titles]:
            words = set(title.split())
            by_length.setdefault(len(words), []).append(words)
        found = set()
        for same in by_length.values():
            for i, a in enumerate(same):
                for b in same[i + 1:]:
                    only_a, only_b = a - b, b - a
                    if len(only_a) == 1 and len(only_b) == 1:
                        found.add(frozenset(only_a | only_b))
        counts.update(found)
    return frozenset(pair for pair, n in counts.items() if n >= min_count)


def added_words(groups: Iterable[list[str]], *, min_count: int = 2, max_titles: int = 300) -> frozenset[str]:
    """Words that make a sibling by being there, learned from the catalog: two titles of one group
    that differ by one word only ('… formula' and '… formula kids', '… 燕麦片' and '… 燕麦片 pro') are
    two products, so that word (seen so in ``min_count`` groups) is a variant of its own."""
    counts: Counter[str] = Counter()
    for titles in groups:
        written = {frozenset(title.split()) for title in titles[:max_titles]}
        counts.update({word for words in written for word in words if words - {word} in written})
    return frozenset(word for word, n in counts.items() if n >= min_count)


def sibling_word_extra(words: frozenset[str], query: str, title: str) -> bool:
    """The source title says a word its candidate's lacks that makes a sibling (``added_words`` or a
    word of ``alternatives``' pairs, less those ``words_matches_add`` finds): the source may be that sibling."""
    return not words.isdisjoint(set(query.split()) - set(title.split()))


MIN_WORD_EVIDENCE, ADDED_BY_MATCHES = 5, 0.1


def words_matches_add(words: frozenset[str], anchored: Iterable[tuple[str, str]], share: float = ADDED_BY_MATCHES) -> frozenset[str]:
    """Of ``words``, those that true matches' sources often say although the catalog title lacks them
    (this export's shops write 'advanced' into any title): ``anchored`` are (query, title) of
    GTIN-anchored pairs; a word counts when at least ``MIN_WORD_EVIDENCE`` of them say it and at
    least ``share`` of those lack it in the catalog. With (title, query) pairs: words the sources leave out."""
    said: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for query, title in anchored:
        own = words.intersection(query.split())
        said.update(own)
        added.update(own.difference(title.split()))
    return frozenset(w for w, n in said.items() if n >= MIN_WORD_EVIDENCE and added[w] >= share * n)


def alternative_words(pairs: frozenset, a: str, b: str) -> bool:
    """One title holds a word and the other its alternative, which the first lacks."""
    if not pairs:
        return False
    ta, tb = set(a.split()), set(b.split())
    only_a, only_b = ta - tb, tb - ta
    return any(frozenset((x, y)) in pairs for x in only_a for y in only_b)


def sibling_word_unsaid(sibling_words: frozenset[str], query: str, title: str) -> int:
    """1: the source title says only words of the catalog's, and the catalog's has one more that tells
    it from a sibling ('控油' against '滋润'; ``sibling_words``: every word of ``alternatives``' pairs). 0: it
    says only catalog words, none of them left unsaid tells siblings apart. 2: it has words of its own
    (it may be saying the word in words nobody learned)."""
    said, written = set(query.split()), set(title.split())
    if not said <= written:
        return 2
    return 1 if not sibling_words.isdisjoint(written - said) else 0


MIN_UNSAID_EVIDENCE = 50  # anchored subset pairs needed to measure how often a match leaves a sibling word out


def unsaid_mostly_siblings(anchored: Counter, unsaid: Counter, match_probability: float) -> bool:
    """Whether sources that leave a sibling-telling word of their best candidate unsaid (level 1 of
    ``sibling_word_unsaid``) are too often another variant to be merged without an operator.

    ``anchored``: the levels of GTIN-anchored pairs, which are matches: among those that say only
    catalog words, they show how often a true match leaves such a word out (r). ``unsaid``: the levels
    of the unanchored sources' best candidates (N0 with nothing unsaid, N1 with a word unsaid). Were
    those all matches, N1 would be about N0·r/(1-r); the rest are variants the catalog lacks. Held when
    the share of matches among N1 estimated so is below the match probability.
    """
    if not unsaid[1]:
        return False
    if anchored[0] + anchored[1] < MIN_UNSAID_EVIDENCE:
        return True  # too few anchors to measure it: an operator decides
    rate = anchored[1] / (anchored[0] + anchored[1])
    if rate >= 1:
        return False
    return unsaid[0] * rate / (1 - rate) / unsaid[1] < match_probability


def split_glued(tokens: tuple[str, ...], known, names: tuple[str, ...] = (), *, shortest: int = 3) -> tuple[str, ...]:
    """Latin words and model codes written without a space ('prowhey', 'isolatestrawberry', a brand
    glued to its line 'tanbramorsy', 'bpb5389') split into words the catalog uses; ``known(word)`` says whether it does, and a
    part that is one of ``names`` (the brand's) is dropped, as the brand is."""
    out: list[str] = []
    for token in tokens:
        parts = None
        # a model code written whole ('bpb5389', 'ehna590') against the catalog's two words ('bp b5389'):
        # its letters may be two long
        low = 2 if token.isascii() and token.isalnum() and not token.isalpha() and not token.isdigit() else shortest
        if len(token) >= 2 * low and token.isascii() and token.isalnum() and not known(token):
            for i in range(low, len(token) - low + 1):
                left, right = token[:i], token[i:]
                if (known(left) or left in names) and (known(right) or right in names):
                    parts = [p for p in (left, right) if p not in names]
                    break
        out.extend(parts if parts is not None else (token,))
    return tuple(out)
