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

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from .scan import NameScanner
from .unionfind import DisjointSets


def _single_cjk(word: str) -> bool:
    return len(word) == 1 and ord(word) >= 0x3400


def with_joined_runs(tokens: Iterable[str]) -> tuple[str, ...]:
    """Tokens plus the adjacent pairs of runs of single Chinese characters.

    The segmenter cuts a name it does not know ('曦霖', a product line) into single characters,
    and single characters are shared by many names; the pairs keep the name whole.
    """
    tokens = tuple(tokens)
    pairs = [a + b for a, b in zip(tokens, tokens[1:]) if _single_cjk(a) and _single_cjk(b)]
    return tokens + tuple(pairs)


def source_words(tokens: Iterable[str]) -> tuple[str, ...]:
    """The words a source title can teach with: whole tokens, and unknown names as character pairs
    (their single characters are fragments, shared by too many names to mean anything alone)."""
    return _source_words(tuple(tokens))


@functools.lru_cache(maxsize=65_536)
def _source_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    fragment = _fragments(tokens)
    return tuple(t for i, t in enumerate(tokens) if i not in fragment) + with_joined_runs(tokens)[len(tokens):]


def _fragments(tokens: tuple[str, ...]) -> set[int]:
    return {i for i, t in enumerate(tokens) if _single_cjk(t) and (
        (i and _single_cjk(tokens[i - 1])) or (i + 1 < len(tokens) and _single_cjk(tokens[i + 1])))}


def translate_with(table: dict[str, tuple[str, ...]], tokens: Iterable[str]) -> tuple[str, ...]:
    """Tokens with the table's words put in their place, a learned character pair replacing its two
    characters; in order, without repeats."""
    tokens = tuple(tokens)
    covered: set[int] = set()
    pairs: list[str] = []
    for i in range(len(tokens) - 1):
        joined = tokens[i] + tokens[i + 1]
        if _single_cjk(tokens[i]) and _single_cjk(tokens[i + 1]) and joined in table:
            covered.update((i, i + 1))
            pairs.extend(table[joined])
    out: dict[str, None] = {}
    for i, token in enumerate(tokens):
        if i not in covered:
            out.update(dict.fromkeys(table.get(token, (token,))))
    out.update(dict.fromkeys(pairs))
    return tuple(out)


def _model_pair(a: str, b: str) -> bool:
    """A pair with a number that is not one model written two ways: another number ('15' and
    '16promax', '10000mah' and '20000mah'), a number against a word, or a model and a longer one
    that begins with it ('15' and '15promax'). Amounts and models sit beside their neighbours in
    every title of a line, so a map would pair them with whatever they sit next to."""
    if a == b or not any(c.isdigit() for c in a + b):
        return False
    digits_a, digits_b = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    return digits_a != digits_b or a.startswith(b) or b.startswith(a)


class TokenMap:
    """Source token → catalog token, learned from parallel titles."""

    def __init__(self, mapping: dict[str, str] | None = None, targets: dict[str, tuple[str, ...]] | None = None,
                 noise: Iterable[str] = ()):
        self.mapping = dict(mapping or {})  # the best catalog word of each source word
        # every catalog word a source word stands for ('咖啡胶囊' is 'coffee capsules')
        self.targets = dict(targets or {a: (b,) for a, b in self.mapping.items()})
        self.noise = frozenset(noise)  # source words that stand for nothing (see ``learn_noise``)

    def __len__(self) -> int:
        return len(self.mapping)

    @classmethod
    def learn(cls, pairs: Iterable[tuple[Iterable[str], Iterable[str]]], *, min_count: int = 2,
              min_dice: float = 0.6, max_targets: int = 3, min_given: float = 0.5,
              min_unexplained: float = 0.2, max_rival: float = 0.3) -> TokenMap:
        """``pairs`` are (source tokens, catalog tokens) of products known to be the same."""
        source_n: Counter[str] = Counter()  # where the catalog title lacks the word
        catalog_n: Counter[str] = Counter()
        seen: Counter[str] = Counter()  # every source title holding the word
        both: Counter[tuple[str, str]] = Counter()
        unexplained: list[tuple[set[str], set[str]]] = []
        whole: set[str] = set()  # the catalog's own words (not the character pairs joined here)
        for source_tokens, catalog_tokens in pairs:
            # a name cut into characters is one word on either side ('超 能' is 'ultra')
            s, c = set(source_words(source_tokens)), set(source_words(catalog_tokens))
            whole.update(catalog_tokens)
            unexplained.append((s - c, c - s))
            # counted only where unexplained: a word written in the catalog's language half the time
            # still always stands for its translation when it is not
            # ... and only where the catalog side has a word left to pair with: a title that says itself
            # twice ('微波炉碗 microwave safe bowl') has nothing for its English to stand for, which is no
            # sign that the English means something else
            if c - s:
                source_n.update(s - c)
            catalog_n.update(c - s)
            seen.update(s)
            # a word both sides already share needs no translation and explains nothing else
            for a in s - c:
                for b in c - s:
                    both[(a, b)] += 1
        found: dict[str, list[tuple[float, int, str]]] = {}
        for (a, b), n in both.items():
            if n < min_count or _model_pair(a, b):
                continue
            dice = 2 * n / (source_n[a] + catalog_n[b])
            # and the word mostly came with this one when unexplained (the catalog may leave a line
            # word out; 3 times in 4 while seen less than 5 times), and is not a word the catalog mostly
            # writes as it is (a few mistaken GTINs pairing 'strawberry' with 'vanilla' teach nothing)
            given = min_given if n >= 5 else max(min_given, 0.75)
            if dice >= min_dice and n >= given * source_n[a] and source_n[a] >= min_unexplained * seen[a]:
                found.setdefault(a, []).append((dice, n, b))
        ranked = {a: sorted(t, key=lambda x: (-x[0], -x[1], x[2])) for a, t in found.items()}
        # a word that, where its best translation is missing, keeps coming with another word stands for
        # two things ('skin' is 油皮 in 'oily skin' and 干 皮 in 'dry skin'): it is neither
        rivals: dict[str, Counter[str]] = {a: Counter() for a in ranked}
        for s, c in unexplained:
            for a in s.intersection(ranked):
                if ranked[a][0][2] not in c:
                    rivals[a].update(c)
        ranked = {a: t for a, t in ranked.items()
                  if not rivals[a] or rivals[a].most_common(1)[0][1] < max_rival * source_n[a]}
        def written(word: str) -> tuple[str, ...]:  # a joined pair of characters, as the catalog writes it
            return tuple(word) if word not in whole and len(word) == 2 and all(map(_single_cjk, word)) else (word,)

        ranked = _competing(ranked, unexplained, max_targets)
        return cls({a: t[0][2] for a, t in ranked.items()},
                   {a: tuple(w for *_, b in t for w in written(b)) for a, t in ranked.items()})

    def translate(self, tokens: Iterable[str]) -> tuple[str, ...]:
        """Tokens with learned words put in their place, in order, without repeats."""
        tokens = tuple(tokens)
        memo = self.__dict__.setdefault("_memo", {})
        found = memo.get(tokens)
        if found is None:
            if len(memo) > 65_536:
                memo.clear()
            found = translate_with(self.targets, tokens)
            if self.noise:
                found = tuple(t for t in found if t not in self.noise)
            memo[tokens] = found
        return found

    def with_noise(self, noise: Iterable[str]) -> TokenMap:
        return TokenMap(self.mapping, self.targets, noise)

    def learn_noise(self, sources: Iterable[tuple[str | None, Iterable[str]]],
                    anchored: Iterable[tuple[str | None, Iterable[str], Iterable[str]]],
                    catalog_frequency: Mapping[str, int], catalog_size: int, *, min_brands: int = 10,
                    min_brand_share: float = 0.02, min_anchored: int = 5, max_kept: float = 0.05,
                    min_ratio: float = 3.0, min_phrase: float = 0.9, min_seen: int = 20,
                    max_odds_ratio: float = 2.0) -> frozenset[str]:
        """Words that stand for nothing: a shop's stock phrases ('送礼 佳品', '618 预售', '京东 国际'), and
        category words either side adds at will ('保健品', '厨具').

        Learned from the export itself. A stock phrase's word is used under many brands, far less often
        by the catalog's titles (by share of titles), and almost never kept by the anchored pairs'
        catalog titles. A category word is used under many brands, by the catalog's titles of anchored
        pairs about as often as by their source titles, but independently of them: within the brands
        that use it, a source title holding it makes the catalog title no likelier to (odds ratio).
        A product word — a line, a flavour, a translated name — fails these: a line belongs to one
        brand, a word the catalog writes too it keeps, a translation is kept once learned.
        Numbers and single characters (a size, a measure word, a piece of a name the segmenter cut up)
        count only as part of a stock phrase: next to one of its words nearly wherever they occur
        ('效期 至 2027 年').
        ``sources`` are (brand key, tokens); ``anchored`` (catalog brand key, source tokens, catalog tokens).
        """
        frequency: Counter[str] = Counter()
        brands: dict[str, set] = {}
        titles = []
        for brand, tokens in sources:
            translated = self.translate(tokens)
            titles.append(translated)
            for token in set(source_words(translated)):
                frequency[token] += 1
                brands.setdefault(token, set()).add(brand)
        every_brand = set().union(*brands.values()) if brands else set()
        min_brands = max(min_brands, min_brand_share * len(every_brand))
        seen: Counter[str] = Counter()
        kept: Counter[str] = Counter()
        written: Counter[str] = Counter()  # by the catalog title and not the source's
        pairs: Counter[str | None] = Counter()  # anchored pairs per catalog brand
        vocabulary: dict[str | None, set[str]] = {}  # every word a brand's anchored pairs use
        for brand, source_tokens, catalog_tokens in anchored:
            catalog, source = set(catalog_tokens), set(self.translate(source_tokens))
            pairs[brand] += 1
            vocabulary.setdefault(brand, set()).update(source | catalog)
            written.update(catalog - source)
            for token in source:
                seen[token] += 1
                kept[token] += token in catalog
        within: Counter[str] = Counter()  # anchored pairs of the brands that use the word
        for brand, words in vocabulary.items():
            for t in words:
                within[t] += pairs[brand]

        def indifferent(t: str) -> bool:
            both, source_only, catalog_only = kept[t], seen[t] - kept[t], written[t]
            neither = within[t] - both - source_only - catalog_only
            odds = (both + 0.5) * (neither + 0.5) / ((source_only + 0.5) * (catalog_only + 0.5))
            return seen[t] >= min_seen and catalog_only >= 0.5 * source_only and odds <= max_odds_ratio

        widespread = {t for t, n in frequency.items() if len(brands[t]) >= min_brands}
        stock = {t for t in widespread
                 if seen[t] >= min_anchored and kept[t] <= max_kept * seen[t]
                 and frequency[t] / max(len(titles), 1) >= min_ratio * (catalog_frequency.get(t, 0) + 1) / max(catalog_size, 1)}
        whole = {t for t in widespread if len(t) > 1 and not any(c.isdigit() for c in t)}
        noise = (stock & whole) | {t for t in whole if indifferent(t)}
        fragile = stock - whole
        while fragile:  # a phrase's numbers and characters, from its words outwards
            beside: Counter[str] = Counter()
            for tokens in titles:
                for i, token in enumerate(tokens):
                    if token in fragile and ((i and tokens[i - 1] in noise)
                                             or (i + 1 < len(tokens) and tokens[i + 1] in noise)):
                        beside[token] += 1
            found = {t for t in fragile if beside[t] >= min_phrase * frequency[t]}
            if not found:
                break
            noise |= found
            fragile -= found
        return frozenset(noise)


class BrandMap:
    """Source brand key → catalog brand key, from GTIN-anchored pairs whose brands differ in spelling."""

    def __init__(self, mapping: dict[str, str] | None = None):
        self.mapping = dict(mapping or {})

    @classmethod
    def learn(cls, pairs: Iterable[tuple[str | None, str | None]], *, min_count: int = 2,
              min_share: float = 0.8, apart=None) -> BrandMap:
        """``apart(source_key, catalog_key)``: names that clearly differ, which one anchor alone does not
        make one brand (a GTIN copied from another brand's SKU would vouch for itself)."""
        counts: dict[str, Counter[str]] = {}
        for source_key, catalog_key in pairs:
            if source_key and catalog_key:
                counts.setdefault(source_key, Counter())[catalog_key] += 1
        mapping = {}
        for source_key, targets in counts.items():
            target, n = targets.most_common(1)[0]
            if target != source_key and n >= min_count and n / sum(targets.values()) >= min_share:
                mapping[source_key] = target
        brands = cls(mapping)
        # one name may stand for several catalog brands (two brands transliterated alike, a
        # distributor's name): every brand it was anchored to is a place to look for candidates
        # (a brand seen once among many anchors of another is more likely a GTIN copied by mistake)
        brands.options = {key: tuple(t for t, n in targets.most_common()
                                     if (n >= min_count and n >= 0.2 * sum(targets.values()))
                                     or (n == sum(targets.values()) and not (apart and apart(key, t))))
                          for key, targets in counts.items()}
        brands.anchored = {key: sum(targets.values()) for key, targets in counts.items()}
        return brands

    def get(self, key: str | None) -> str | None:
        return self.mapping.get(key, key) if key else key

    def candidates(self, key: str | None) -> tuple[str, ...]:
        """Every catalog brand key this source key may be: its own, the learned one, and the others it was anchored to."""
        if not key:
            return ()
        seen = dict.fromkeys((self.get(key), key, *getattr(self, "options", {}).get(key, ())))
        return tuple(seen)

    def known_apart(self, key: str | None, catalog_key: str | None, *, min_anchors: int = 3) -> bool:
        """The source brand was anchored often enough, and never to this catalog brand: evidence they differ."""
        if not key or not catalog_key or catalog_key in self.candidates(key):
            return False
        return getattr(self, "anchored", {}).get(key, 0) >= min_anchors

    def learn_names(self, keys: Iterable[str | None], *, min_count: int = 2) -> None:
        """Remember the export's own brand names, to find them in titles of products without a brand field."""
        counts = Counter(k for k in keys if k and (len(k) >= 2 if not k.isascii() else len(k) >= 3))
        kept = [k for k, n in counts.items() if n >= min_count]
        chinese = NameScanner(k for k in kept if not k.isascii())
        latin = NameScanner((k for k in kept if k.isascii()), bounded=True)
        self._names = (chinese, latin) if chinese or latin else None

    def find(self, title: str, *, raw: bool = False, glued: bool = False) -> str | None:
        """A brand name of this export in a title (Chinese titles are matched without their spaces);
        the catalog key it maps to, or with ``raw`` the name as the export writes it."""
        scanners = getattr(self, "_names", None)
        if scanners is None:
            return None
        # a Chinese name is cut by the segmenter, so it is looked for without spaces; a Latin one only as
        # whole words ('ride' is not in 'ridena kids')
        chinese, latin = scanners
        if glued:  # a Latin name written into its line ('kinkinshampoo'), when nothing else was found
            found = latin.search(title.replace(" ", ""), bounded=False)
        else:
            found = chinese.search(title.replace(" ", "")) or latin.search(title)
        if not found:
            return None
        return found if raw else self.get(found)


WON_SHARE = 0.5  # of the pairs holding both, where a translation must be the word's own


def _competing(ranked: dict[str, list[tuple[float, int, str]]], unexplained: list[tuple[set[str], set[str]]],
               max_targets: int) -> dict[str, list[tuple[float, int, str]]]:
    """Each word's translations that, in most pairs holding both, no other word of the source title goes
    with more closely (competitive linking, as word-alignment lexicons are built); its best one where it
    wins none. 'honey' comes with 麦卢卡 wherever 'manuka' does, but there 麦卢卡 is manuka's, so a
    'rewarewa honey' is not read as manuka; 'senior' keeps 猫 of 老年猫, which nothing else claims."""
    closeness = {(a, b): d for a, t in ranked.items() for d, _, b in t[:max_targets]}
    wanted = {b for _, b in closeness}
    won: Counter[tuple[str, str]] = Counter()
    held: Counter[tuple[str, str]] = Counter()
    for words, catalog_words in unexplained:
        for b in catalog_words & wanted:
            present = [(closeness[(a, b)], a) for a in words if (a, b) in closeness]
            top = max(d for d, _ in present) if present else 0.0
            for d, a in present:
                held[(a, b)] += 1
                won[(a, b)] += d >= top
    return {a: [x for x in t[:max_targets] if won[(a, x[2])] >= WON_SHARE * held[(a, x[2])]] or t[:1]
            for a, t in ranked.items()}


class ScopedTokenMap:
    """Per catalog brand: source word → the catalog words it stands for, learned from that brand's anchored pairs.

    Product-line names are a brand's own ('白金版' is Profutura only at Aptamil), so a pairing too
    rare to trust across the catalog is good evidence inside one brand. Only the words the global
    map left unexplained on both sides are paired, and a source word keeps every catalog word it
    always came with (a Chinese line name often stands for two English words: 'Pelrux Max') that no
    other word of the same titles claims more closely (``_competing``: 极光 beside 伯爵 is not Earl Grey).
    """

    def __init__(self, mapping: dict[str, dict[str, tuple[str, ...]]] | None = None):
        self.mapping = mapping or {}
        self.names: dict[str, dict[str, set[str]]] = {}  # brand → catalog word → the source words for it
        for brand, words in self.mapping.items():
            for source_word, targets in words.items():
                for target in targets:
                    self.names.setdefault(brand, {}).setdefault(target, set()).add(source_word)

    def __len__(self) -> int:
        return sum(len(words) for words in self.mapping.values())

    @classmethod
    def learn(cls, pairs: Iterable[tuple[str | None, Iterable[str], Iterable[str]]], *, min_dice: float = 0.6,
              max_targets: int = 3, written: Mapping[str, Iterable[str]] | None = None,
              siblings: frozenset[str] = frozenset()) -> ScopedTokenMap:
        """``pairs`` are (catalog brand key, translated source tokens, catalog tokens) of anchored pairs.

        ``written``: each brand's words as its catalog titles write them. A source word the brand's
        own catalog writes as it is means itself there ('黑' in a brand that sells '90 黑 巧'), whatever
        a few pairs paired it with (a flavour beside another flavour): it is not translated.

        ``siblings``: words that tell a catalog group's products apart (cn_plug | uk_plug). Such a word is
        a source word's second target only where every pair of the word had it, twice or more: one pair
        of '荒野' with 'wild … cn_plug' is the line and the one plug it happened to have."""
        source_n: dict[str, Counter[str]] = {}
        catalog_n: dict[str, Counter[str]] = {}
        both: dict[str, Counter[tuple[str, str]]] = {}
        clear: Counter[tuple[str, str, str]] = Counter()  # seen where the catalog side left at most 2 words to explain
        unexplained: dict[str, list[tuple[set[str], set[str]]]] = {}
        for brand, source_tokens, catalog_tokens in pairs:
            if not brand:
                continue
            # single characters are too ambiguous inside one brand's names; their pairs are not
            s = set(source_words(source_tokens))
            c = set(catalog_tokens)
            source_n.setdefault(brand, Counter()).update(s - c)
            catalog_n.setdefault(brand, Counter()).update(c - s)
            unexplained.setdefault(brand, []).append((s - c, c - s))
            counter = both.setdefault(brand, Counter())
            for a in s - c:
                for b in c - s:
                    counter[(a, b)] += 1
                    if len(c - s) <= 2:
                        clear[(brand, a, b)] += 1
        mapping: dict[str, dict[str, tuple[str, ...]]] = {}
        for brand, counter in both.items():
            found: dict[str, list[tuple[float, str]]] = {}
            # a word seen once, with one catalog word only ever seen there: the brand's other pairs
            # explain the rest of the title ('pro', 'coffee'), so what is left pairs one to one
            only: Counter[str] = Counter(a for (a, b), n in counter.items()
                                         if n == source_n[brand][a] == catalog_n[brand][b] == 1)
            for (a, b), n in counter.items():
                if _model_pair(a, b):
                    continue
                dice = 2 * n / (source_n[brand][a] + catalog_n[brand][b])
                # once is enough only where little was left to pair with (two line words, not a whole title)
                if dice >= min_dice and (n >= 2 or clear[(brand, a, b)] or (dice == 1.0 and only[a] == 1)):
                    found.setdefault(a, []).append((dice, b, n))
            own = set(written.get(brand, ())) if written else set()
            found = {a: targets for a, targets in found.items() if a not in own}
            if found:
                ranked = {a: _targets(targets, source_n[brand][a], siblings, max_targets) for a, targets in found.items()}
                mapping[brand] = {a: tuple(b for *_, b in targets)
                                  for a, targets in _competing(ranked, unexplained[brand], max_targets).items()}
        return cls(mapping)

    def evidence(self, brand: str | None, source_tokens: Iterable[str], catalog_tokens: Iterable[str]) -> int:
        """0: a learned word of the brand links the two titles; 1: the catalog title has a word whose
        source-side name the brand's pairs taught, and the source title lacks it; 2: nothing learned applies;
        3: the source title holds a name the brand's pairs taught for words the catalog title lacks (it
        names another line)."""
        words, names = self.mapping.get(brand), self.names.get(brand)
        if not words:
            return 2
        source = set(source_words(source_tokens))
        catalog = set(catalog_tokens)
        if any(catalog.intersection(words.get(word, ())) for word in source):
            return 0
        if any(not source & names[token] for token in catalog if token in names and token not in source):
            return 1
        if any(word in words and not catalog.intersection(words[word]) for word in source):
            return 3
        return 2

    def translate(self, brand: str | None, tokens: Iterable[str]) -> tuple[str, ...]:
        """Tokens with this brand's learned words put in their place, in order, without repeats."""
        words = self.mapping.get(brand) if brand else None
        return translate_with(words, tokens) if words else tuple(tokens)


def _targets(found: list[tuple[float, str, int]], seen: int, siblings: frozenset[str],
             most: int) -> list[tuple[float, int, str]]:
    """A source word's (dice, count, catalog word)s, likeliest first (on a tie, a word siblings share before
    one that tells them apart); a sibling word after the first only if it always came."""
    ranked = sorted(found, key=lambda t: (-t[0], t[1] in siblings, t[1]))
    return [(d, n, b) for i, (d, b, n) in enumerate(ranked[:most]) if not i or b not in siblings or n == seen >= 2]


def equivalences(targets: Mapping[str, tuple[str, ...]], frequency: Mapping[str, int], *,
                 max_group: int = 4) -> dict[str, str]:
    """Words a learned map pairs one to one, grouped, each written as its group's most used catalog word.

    A map learned from one side to the other translates source titles only, but a catalog that writes
    a line sometimes in Chinese and sometimes in English ('都市' in one title, 'urban' in the next)
    needs its own titles in the same words, and the map may have learned both directions. Grouping the
    pairs and writing every member as one word puts both sides in one vocabulary. Words with digits
    (models, amounts) are left as they are: a model pairs with its neighbours too. Groups larger than
    ``max_group`` are chains of loose pairs, not one meaning: left alone.
    """
    sets = DisjointSets()
    for word, found in targets.items():
        # a model or an amount ('15' against '15promax') is never another way to write one
        if len(found) == 1 and found[0] != word and not any(c.isdigit() for c in word + found[0]):
            sets.union(word, found[0])
    groups = sets.groups()
    canon: dict[str, str] = {}
    for members in groups.values():
        if len(members) > max_group:
            continue
        head = max(members, key=lambda w: (frequency.get(w, 0), w))
        canon.update((w, head) for w in members if w != head)
    return canon
