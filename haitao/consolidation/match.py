"""Match source products against haitao's catalog.

Input on both sides is the shape of ``normalise.NormalisedProduct`` (catalog records also carry
``sku``); any object with those attributes, or a mapping with those keys, will do.

Order of evidence:

1. **GTIN** (normalised to 14 digits, so UPC-A, EAN-13 and GTIN-14 meet): a valid source GTIN held
   by exactly one catalog SKU → ``matched``, score 1.0, reason ``"gtin"``, unless the brands clearly
   differ (→ ``review``). Stage, size, pack, content or colour parsed from the titles that disagree do
   not veto it: they are listed as ``conflict: …`` reasons and in the conflict report
   (``conflicts.conflicts``). A GTIN on several catalog SKUs → ``review``.
2. **Same export**: SKUs this run created (``add(..., same_export=True)``) are matched only on an
   equal GTIN, as an in-export duplicate (reason ``"in-export duplicate"``); a first import into an
   empty haitao therefore creates one SKU per source product.
3. **Blocks**: otherwise candidates come from the block (brand, content unit, content value, pack) —
   plus the brand's SKUs with no readable size. A candidate whose stage, size or variant (shade or
   colour) disagrees is never one: a black and a white bottle of one line are two products.
4. **Fellegi–Sunter**: each remaining candidate gets a comparison vector (title similarity band after
   the learned word map, GTIN, stage, size, variant, content, HS code, origin) and a match probability
   from ``fsmodel.FSModel`` — estimated by EM on the run's own data by ``learn`` (different valid
   GTINs under one brand weigh against a match there). ``matched`` when the best probability reaches
   ``match_probability`` and no other candidate reaches ``review_probability``; ``review`` when the
   best reaches ``review_probability``; else ``created``.

Blocking turns an all-pairs problem into many small ones: the work is Σ(block sizes) over the source
rows, not |source| × |catalog|; rapidfuzz's ``process.extract`` ranks a block's titles in one C loop.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from rapidfuzz import fuzz, process

from .brand_lookup import MAX_BRANDS, BrandLookup, brands_clearly_differ  # noqa: F401  (re-exported)
from . import lexicon
from .stated import StatedAttributes
from .brands import TITLE_SAMPLE, BrandDirectory
from .fsmodel import FSModel, compare, coverage
from .attributes import same_content
from .gtin import is_global
from .learned import BrandMap, ScopedTokenMap, TokenMap, equivalences
from .pairs import (SOFT, STRUCTURAL, _content, _soft_disagree, _title, _tokens, attribute_check,  # noqa: F401
                    added_words, alternative_words, alternatives, code_level, joined_measures, measures_agree,
                    measures_differ, pieces_only_in_source, same_pieces, sibling_word_extra, sibling_word_unsaid,
                    size_words_differ, split_glued, title_score, unsaid_mostly_siblings, words_matches_add,
                    writes_whole_counts)

MATCHED, REVIEW, CREATED = "matched", "review", "created"
LEFT_OUT_BY_MATCHES = 0.5  # a sibling word half the true matches leave unsaid is a category word, not a variant's
RIVAL_COVERAGE = 0.75  # another candidate covering this much of the title is a rival
MAX_ANY_BRAND_BLOCKS = 200  # brands sharing an amount beyond which a brandless listing is not searched across them


@dataclass(frozen=True)
class MatchPolicy:
    match_probability: float = 0.99  # posterior P(same product) to merge without an operator
    review_probability: float = 0.25  # below this a candidate is taken for another product (review is cheaper than a duplicate)
    top_k: int = 5
    title_cutoff: float = 0.45  # token_set_ratio below this never becomes a candidate
    learn_sample: int = 200_000  # sources whose candidate pairs feed EM (a sample is enough)


@dataclass(frozen=True)
class Candidate:
    sku: str
    score: float
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"sku": self.sku, "score": round(self.score, 4), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class ProductDecision:
    source_id: str
    decision: str  # matched / review / created
    sku: str | None
    score: float
    reasons: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = {"source_id": self.source_id, "decision": self.decision, "sku": self.sku,
                "score": round(self.score, 4), "reasons": list(self.reasons)}
        if self.decision == REVIEW:
            data["candidates"] = [c.to_dict() for c in self.candidates]
        return data


def as_record(record: Any) -> Any:
    """Accept a mapping as well as an object with attributes."""
    if isinstance(record, Mapping):
        data = dict(record)
        data.setdefault("origin", data.get("origin_country"))
        for name in ("brand_key", "title", "content_value", "content_unit", "stage", "size", "variant", "market",
                     "gtin", "hs_code", "vat_rate", "consumption_tax_rate", "sku", "source_id"):
            data.setdefault(name, None)
        data.setdefault("pack_count", 1)
        data.setdefault("title_tokens", tuple((data["title"] or "").split()))
        return SimpleNamespace(**data)
    return record




class _Group:
    """Catalog rows of one block sharing (stage, size, variant): their titles and row numbers."""

    __slots__ = ("attrs", "titles", "rows")

    def __init__(self, attrs: tuple):
        self.attrs = attrs
        self.titles: list[str] = []
        self.rows: list[int] = []


class CatalogIndex(BrandLookup, StatedAttributes):
    """The catalog, indexed by GTIN and by block; ``learn`` from an export, then ``match`` per source product."""

    def __init__(self, records: Iterable[Any] = (), policy: MatchPolicy | None = None, *,
                 same_export: Callable[[Any], bool] | None = None):
        self.policy = policy or MatchPolicy()
        self.records: list[Any] = []
        self.by_gtin: dict[str, list[int]] = defaultdict(list)
        self.export_gtin: dict[str, list[int]] = defaultdict(list)  # SKUs created from this export
        self.blocks: dict[tuple, dict[tuple, _Group]] = {}
        self.unsized: dict[str | None, dict[tuple, _Group]] = {}
        self.amounts: dict[str | None, list[tuple]] = {}  # a brand's block keys
        self.brand_variants: dict[str | None, set[str]] = defaultdict(set)  # shades and colours a brand's SKUs carry
        self.by_content: dict[tuple, list[tuple]] = defaultdict(list)  # (unit, amount, pack) → block keys of every brand
        self._content_titles: dict[tuple, tuple[list[str], list[int]]] = {}  # flattened on demand (``_any_brand``)
        # while learning, candidates come from the brand's blocks only: pairs of two brands with one generic
        # title ('sensitive 湿巾') would teach that equal titles say little, and the model has no brand comparison
        self._learning = False
        self.document_frequency: Counter[str] = Counter()  # catalog titles holding each word
        self.dictionary: dict[str, tuple[str, ...]] = {}  # lexicon.pairs of the two sides' words
        self.catalog_brands: Counter[str | None] = Counter()  # SKUs per brand key
        self._directory: BrandDirectory | None = None
        self._source_brands: Counter[str] = Counter()
        self._stripped: dict[tuple, tuple[str, ...]] = {}
        self._idf: dict[str, float] = {}
        self._idf_size = 0
        self.model = FSModel()
        self.tokens = TokenMap()
        self.noise: frozenset[str] = frozenset()  # the export's stock phrases (``TokenMap.learn_noise``)
        self.alternatives: frozenset[frozenset[str]] = frozenset()  # words that tell siblings apart (``pairs.alternatives``)
        self.sibling_words: frozenset[str] = frozenset()  # every word of those pairs
        self.unsaid_words: frozenset[str] = frozenset()  # those whose absence from a source says something
        self.scoped = ScopedTokenMap()
        self.canon: dict[str, str] = {}  # words both sides write either way, as one (``learned.equivalences``)
        self._brand_words: dict[str, set[str]] | None = None
        self.added: frozenset[str] = frozenset()  # words a sibling adds to a title (``pairs.added_words``)
        self.variant_words: frozenset[str] = frozenset()  # sibling words and added words, less those matches add too
        self.whole_counts = False  # this export writes a pack's whole count of pieces (``pairs.writes_whole_counts``)
        self.hold_unsaid = False  # review a source that leaves a sibling word unsaid (``pairs.unsaid_mostly_siblings``)
        self.brands = BrandMap()
        for record in records:
            record = as_record(record)
            self.add(record, same_export=bool(same_export and same_export(record)))

    def __len__(self) -> int:
        return len(self.records)

    def add(self, record: Any, *, same_export: bool = False) -> None:
        """Index a catalog SKU; one created from the export being matched is found only by its GTIN."""
        record = as_record(record)
        row = len(self.records)
        self.records.append(record)
        if same_export:
            if record.gtin:
                self.export_gtin[record.gtin].append(row)
            return
        if record.gtin:
            self.by_gtin[record.gtin].append(row)
        group = self._group_of(record)
        if record.variant:
            self.brand_variants[record.brand_key].add(record.variant)
        group.titles.append(self._catalog_title(record))
        self.document_frequency.update(set(_tokens(record)))
        self.catalog_brands[record.brand_key] += 1
        self._directory = None
        group.rows.append(row)

    def _group_of(self, record: Any) -> _Group:
        """The group a catalog record belongs in: its block (or its brand's unsized SKUs) and attributes."""
        attrs = _structure(record)
        if record.content_value is None:
            groups = self.unsized.setdefault(record.brand_key, {})
        else:
            key = _block_key(record, record.brand_key)
            if key not in self.blocks:
                self.amounts.setdefault(key[0], []).append(key)
                self.by_content[key[1:]].append(key)
                self._content_titles.pop(key[1:], None)
            groups = self.blocks.setdefault(key, {})
        group = groups.get(attrs)
        if group is None:
            group = groups[attrs] = _Group(attrs)
        return group

    # --- learning -------------------------------------------------------------------------------

    def _anchor(self, source: Any) -> Any | None:
        """The one catalog SKU sharing the source's global GTIN, when there is exactly one."""
        if not is_global(source.gtin):
            return None
        rows = self.by_gtin.get(source.gtin)
        return self.records[rows[0]] if rows and len(rows) == 1 else None

    def learn(self, sources: Iterable[Any]) -> dict[str, Any]:
        """Learn the word and brand maps from GTIN-anchored pairs, then the FS model by EM. Returns a summary.

        The anchored pairs also measure m and u; they are scored with word maps learned from the
        *other* half of them (cross-fitting), since a pair always agrees with the words it taught.
        """
        self._learning = True
        try:
            return self._learn([as_record(s) for s in sources])
        finally:
            self._learning = False

    def _learn(self, sources: list[Any]) -> dict[str, Any]:
        self._source_brands = Counter(s.brand_key for s in sources if s.brand_key)
        self._source_titles = [(s.brand_key, _title(s)) for s in sources[:: max(1, len(sources) // TITLE_SAMPLE)]]
        self._directory = None
        self.directory  # noqa: B018  (built now: it retitles catalog records, before anchors hold them)
        anchored = [(s, r) for s in sources if (r := self._anchor(s)) is not None]
        self.brands = BrandMap.learn(((s.brand_key, r.brand_key) for s, r in anchored), apart=brands_clearly_differ)
        self.brands.learn_names(s.brand_key for s in sources)
        if self._strip_anchored_names():  # retitled records: the anchors hold them anew
            anchored = [(s, r) for s in sources if (r := self._anchor(s)) is not None]
        self._found_brands = {}  # titles looked up before the export's names were learned
        self.tokens, self.scoped, self.canon = TokenMap(), ScopedTokenMap(), {}  # judged on the titles as written
        self._brand_words = None
        anchored = [(s, r) for s, r in anchored if not self._brands_differ(s, r) and not self._unrelated(s, r)
                    and not self._copied_code(s, r)]
        self.noise = TokenMap.learn((_tokens(s), _tokens(r)) for s, r in anchored).learn_noise(
            ((s.brand_key, _tokens(s)) for s in sources), ((r.brand_key, _tokens(s), _tokens(r)) for s, r in anchored),
            self.document_frequency, len(self.records))
        for groups in (*self.blocks.values(), *self.unsized.values()):  # the catalog's titles without them too
            for group in groups.values():
                group.titles = [self._catalog_title(self.records[row]) for row in group.rows]
        self.alternatives = alternatives(group.titles for groups in (*self.blocks.values(), *self.unsized.values())
                                         for group in groups.values())
        self.sibling_words = frozenset(word for pair in self.alternatives for word in pair)
        self.added = added_words(group.titles for groups in (*self.blocks.values(), *self.unsized.values())
                                 for group in groups.values())
        self.variant_words = self.sibling_words | self.added
        # what no anchored pair teaches, a dictionary may ('velvet' is 丝绒): words both sides use, one to one
        self.dictionary = {w: (z,) for w, z in lexicon.pairs({t for s in sources for t in _tokens(s)} - self.noise,
                                                             set(self.document_frequency) - self.noise).items()}
        folds = ([p for i, p in enumerate(anchored) if i % 2 == 0], [p for i, p in enumerate(anchored) if i % 2])
        self.model = FSModel()
        matches, non_matches = [], []
        for fold, other in (folds, folds[::-1]):
            self._learn_words(other)
            for s, r in fold:  # the anchor's other candidates are other products: labelled non-matches
                scored = self._scored(s)
                own = [vector for _, _, row, vector in scored if self.records[row] is r]
                if own:
                    matches.append(own[0])
                else:
                    query = self._query(s, r.brand_key)
                    rivals = sum(1 for *_, vector in scored if vector[1] <= 1)
                    matches.append(self._compare(s, r, query, self._catalog_title(r), rivals))
                non_matches.extend(vector for _, _, row, vector in scored if self.records[row] is not r)
        self._learn_words(anchored)
        # a sibling word true matches' sources often leave out (a category word: '保健品', '宠物') says nothing unsaid
        words = frozenset(w for w in self.sibling_words - self.added if not any(c.isdigit() for c in w))  # not measures
        self.unsaid_words = self.sibling_words - words_matches_add(words, (
            (self._catalog_title(r), self._query(s, r.brand_key)) for s, r in anchored), share=LEFT_OUT_BY_MATCHES)
        seeded = self.model.seed(matches, non_matches)
        step = max(1, len(sources) // self.policy.learn_sample)
        vectors, unsaid = [], Counter()
        for s in sources[::step]:
            if self._anchor(s) is None and (scored := self._scored(s)):
                vectors.extend(vector for *_, vector in scored)
                best = self.records[scored[0][2]]
                unsaid[sibling_word_unsaid(self.unsaid_words, self._query(s, best.brand_key), self._catalog_title(best))] += 1
        self.model.fit(vectors)
        levels = Counter(sibling_word_unsaid(self.unsaid_words, self._query(s, r.brand_key), self._catalog_title(r))
                         for s, r in anchored)
        self.hold_unsaid = unsaid_mostly_siblings(levels, unsaid, self.policy.match_probability)
        self.whole_counts = writes_whole_counts(anchored)
        self.variant_words -= words_matches_add(self.variant_words, (
            (self._query(s, r.brand_key), self._catalog_title(r)) for s, r in anchored))
        return {"anchored_pairs": len(anchored), "labelled": {"matches": seeded[0], "non_matches": seeded[1]},
                "learned_words": len(self.tokens), "noise_words": len(self.noise), "learned_brand_words": len(self.scoped),
                "learned_brands": len(self.brands.mapping), "equivalent_words": len(self.canon),
                "dictionary_words": len(self.dictionary),
                "sibling_word_unsaid_held": self.hold_unsaid,
                "variant_words": len(self.variant_words), "model": self.model.to_dict()}

    def _learn_words(self, anchored: list[tuple[Any, Any]]) -> None:
        self.tokens = TokenMap.learn((_tokens(s), _tokens(r)) for s, r in anchored).with_noise(self.noise)
        if self._brand_words is None:  # each anchored brand's words as its catalog writes them
            brands = {r.brand_key for _, r in anchored}
            self._brand_words = defaultdict(set)
            for record in self.records:
                if record.brand_key in brands:
                    self._brand_words[record.brand_key].update(_tokens(record))
        self.scoped = ScopedTokenMap.learn(
            ((r.brand_key, self.tokens.translate(self._without_brand(s, r.brand_key)), _tokens(r)) for s, r in anchored),
            written=self._brand_words, siblings=self.sibling_words)
        self.canon = equivalences({**self.dictionary, **self.tokens.targets}, self.document_frequency)
        for groups in (*self.blocks.values(), *self.unsized.values()):  # the catalog's titles in those words
            for group in groups.values():
                group.titles = [self._catalog_title(self.records[row]) for row in group.rows]

    def _catalog_title(self, record: Any) -> str:
        """The title as compared: without noise, and each word once (a title that repeats its line in
        two languages says it once after the term table)."""
        canon = self.canon
        return " ".join(dict.fromkeys(canon.get(t, t) for t in _tokens(record) if t not in self.noise))

    def _query(self, source: Any, brand: str | None = None) -> str:
        """The source title in the catalog's words: the global word map, then the brand's own."""
        names = tuple(sorted({*brand.split("-"), *self.directory.names_of(brand)})) if brand else ()  # 辰拾's chenshi too
        tokens = split_glued(joined_measures(self._without_brand(source, brand)), self._known_word, names)
        if not self.tokens.mapping and not self.tokens.noise and not self.scoped.mapping and not self.canon:
            return " ".join(dict.fromkeys(tokens))
        canon = self.canon
        return " ".join(dict.fromkeys(canon.get(t, t) for t in self.scoped.translate(brand, self.tokens.translate(tokens))))

    def _known_word(self, word: str) -> bool:
        """A word the catalog uses, or one the learned map translates ('sunglasses' → 太阳镜): a part a glued
        title word ('sunglassesoo4749') may be split into."""
        return word in self.document_frequency or word in self.tokens.mapping

    def _compare(self, source: Any, record: Any, query: str, title: str, rivals: int,
                 score: float | None = None, cover: float | None = None) -> tuple[int, ...]:
        """The comparison vector of a pair (``fsmodel.compare``) with this index's learned evidence."""
        score = title_score(query, title) if score is None else score
        cover = coverage(query, title) if cover is None else cover
        learned = self.scoped.evidence(record.brand_key, self.tokens.translate(self._without_brand(source, record.brand_key)),
                                       _tokens(record))
        # (translate and evidence memoise per title: a source meets several candidates)
        return compare(source, record, score, cover, rivals, self.weighted_overlap(query, title), learned,
                       code_level(query, title))

    def weighted_overlap(self, query: str, title: str) -> float:
        """Jaccard index of two titles with each word weighted by its rarity in the catalog (IDF).

        A shared line name ('sylum') says more than shared category words ('whey protein'), as
        Splink's term-frequency adjustment has it; a word the catalog never uses weighs as the rarest
        (an extra line word says 'another product').
        """
        a, b = set(query.split()), set(title.split())
        if a == b:
            return 1.0
        if self._idf_size != len(self.records):  # the catalog grew: weights computed afresh
            self._idf, self._idf_size = {}, len(self.records)
        idf, total = self._idf, len(self.records) + 1
        for t in (a | b).difference(idf):
            idf[t] = math.log(total / (self.document_frequency[t] + 1)) + 1.0
        union = sum(idf[t] for t in a | b)
        return sum(idf[t] for t in a & b) / union if union else 0.0

    def _pair_probability(self, source: Any, record: Any) -> float:
        """The model's probability for one pair, leaving the GTIN out (its title and attributes alone)."""
        query = self._query(source, record.brand_key)
        vector = self._compare(as_record({**vars(source), "gtin": None}), record, query, self._catalog_title(record), 0)
        return self.model.probability(vector)

    def _copied_code(self, source: Any, record: Any) -> bool:
        """A listing naming no brand whose title shares less than half its words with its GTIN's SKU:
        the code may be another product's, copied; such a pair teaches no words (it would teach '湿巾'
        to mean '玉米片' and then vouch for itself)."""
        return self._brand_name(source) is None and coverage(self._query(source, record.brand_key),
                                                             self._catalog_title(record)) < 0.5

    def _unrelated(self, source: Any, record: Any) -> bool:
        """Brands that may or may not be one (two scripts, or one missing) and not one title word in common."""
        return (record.brand_key not in self.blocking_brands(source)
                and not coverage(self._query(source, record.brand_key), self._catalog_title(record)))

    # --- candidates -----------------------------------------------------------------------------

    def _groups_for(self, source: Any, brand: str | None) -> Iterator[_Group]:
        """Groups whose stage, size and variant do not disagree with the source."""
        if source.content_value is not None:  # its amount, and the same up to a conversion's rounding
            key = _block_key(source, brand)
            whole = getattr(source, "whole_count", False)  # 150 wipes may be 25 × 6 (``_with_whole_count``)
            sources = [self.blocks[k] for k in self.amounts.get(brand, ()) if k == key or (
                k[3] == key[3] and same_content(k[1], k[2], key[1], key[2])) or (whole and same_pieces(k, key))]
        else:  # a title that states no amount may be any of the brand's
            sources = [self.blocks[key] for key in self.amounts.get(brand, ())]
        sources.append(self.unsized.get(brand, {}))
        wanted = _structure(source)
        for groups in sources:
            for attrs, group in groups.items():
                if not _disagree(wanted, attrs):
                    yield group

    def _scored(self, source: Any) -> list[tuple[float, float, int, tuple[int, ...]]]:
        """(probability, title score, row, comparison vector) of the best block candidates, best first."""
        pairs: list[tuple[int, str, str, float]] = []  # (row, title, query, coverage)
        cutoff = self.policy.title_cutoff * 100
        for brand in self.blocking_brands(source):
            query = self._query(source, brand)
            for group in self._groups_for(source, brand):
                if query:
                    hits = process.extract(query, group.titles, scorer=fuzz.token_set_ratio,
                                           limit=self.policy.top_k, score_cutoff=cutoff)
                else:  # nothing left of the title but brand and spec: only an equally bare title compares
                    hits = [(t, 100.0, i) for i, t in enumerate(group.titles) if not t][: self.policy.top_k]
                for choice, _, position in hits:
                    row = group.rows[position]
                    if not _soft_disagree(source, self.records[row]):
                        pairs.append((row, choice, query, coverage(query, choice)))
        if source.content_value is not None and not self._learning and self._brand_name(source) is None:
            pairs += self._any_brand(source, {row for row, *_ in pairs})
        covering = sum(1 for *_, cover in pairs if cover >= RIVAL_COVERAGE)
        found = []
        for row, choice, query, cover in pairs:
            rivals = covering - (cover >= RIVAL_COVERAGE)
            score = title_score(query, choice)
            vector = self._compare(source, self.records[row], query, choice, rivals, score, cover)
            found.append((self.model.probability(vector), score, row, vector))
        found.sort(key=lambda item: (-item[0], -item[1], item[2]))
        return found[: self.policy.top_k]

    def _any_brand(self, source: Any, seen: set[int]) -> list[tuple[int, str, str, float]]:
        """A listing naming no brand anywhere: the SKUs of every brand with its amount and pack whose
        titles (without their brand's names) its title finds — for an operator to review, not a duplicate."""
        key = (source.content_unit, source.content_value, source.pack_count or 1)
        if key not in self._content_titles:
            titles, rows = [], []
            for block in self.by_content.get(key, ())[:MAX_ANY_BRAND_BLOCKS]:
                for group in self.blocks[block].values():
                    titles.extend(group.titles)
                    rows.extend(group.rows)
            self._content_titles[key] = (titles, rows)
        titles, rows = self._content_titles[key]
        query = self._query(source)
        if not query or not titles:
            return []
        found = []
        for choice, _, position in process.extract(query, titles, scorer=fuzz.token_set_ratio,
                                                   limit=self.policy.top_k, score_cutoff=self.policy.title_cutoff * 100):
            row = rows[position]
            record = self.records[row]
            if row in seen or _soft_disagree(source, record) or _disagree(_structure(source), _structure(record)):
                continue
            brand_query = self._query(source, record.brand_key)
            found.append((row, choice, brand_query, coverage(brand_query, choice)))
        return found

    # --- decision -------------------------------------------------------------------------------

    def _by_gtin(self, source: Any) -> ProductDecision | None:
        """The decision an equal GTIN forces, if any (catalog first, then SKUs created from this export)."""
        if not source.gtin:
            return None
        rows = self.by_gtin.get(source.gtin)
        if rows and len(rows) > 1:
            reasons = ["gtin", "gtin shared by several catalog SKUs"]
            return self._review(source, rows, reasons)
        if rows:
            record = self.records[rows[0]]
            if self._brands_differ(source, record):
                # another brand's code, copied by mistake: the title may still find the product itself
                by_title = self._decide(as_record({**vars(source), "gtin": None}), ["gtin of another brand's SKU"])
                if by_title.decision == MATCHED:
                    return by_title
                return self._review(source, rows, ["gtin", "brand differs"])
            if self._unrelated(source, record):
                # brands in two scripts that may or may not be one, and not one word in common
                return self._review(source, rows, ["gtin", "brand and title differ"])
            if not self._brand_confirmed(source, record) and self._pair_probability(source, record) < self.policy.review_probability:
                # a brand we cannot confirm, and everything but the code says another product
                return self._review(source, rows, ["gtin", "brand unconfirmed and product differs"])
            reasons = ["gtin"] + [f"conflict: {d}" for d in attribute_check(source, record)[0]]
            return ProductDecision(source.source_id, MATCHED, record.sku, 1.0, reasons,
                                   [Candidate(record.sku, 1.0, ("gtin",))])
        for row in self.export_gtin.get(source.gtin, ()):
            record = self.records[row]
            if not self._brands_differ(source, record) and not self._unrelated(source, record):
                return ProductDecision(source.source_id, MATCHED, record.sku, 1.0, ["gtin", "in-export duplicate"],
                                       [Candidate(record.sku, 1.0, ("gtin",))])
        return None

    def _review(self, source: Any, rows: list[int], reasons: list[str]) -> ProductDecision:
        """An operator decides; the GTIN's SKUs are listed first, then the best title candidates."""
        hits = [Candidate(self.records[r].sku, 1.0, tuple(reasons)) for r in rows]
        skus = {c.sku for c in hits}
        others = [c for c in self._candidates(source) if c.sku not in skus]
        return ProductDecision(source.source_id, REVIEW, None, 1.0, reasons, hits + others)

    def _candidates(self, source: Any, scored=None) -> list[Candidate]:
        scored = self._scored(source) if scored is None else scored
        return [Candidate(self.records[row].sku, p, (f"title {title:.2f}",)) for p, title, row, _ in scored]

    def match(self, source: Any) -> ProductDecision:
        source = self._with_whole_count(self._with_stated_amount(self._with_stated_shade(as_record(source))))
        forced = self._by_gtin(source)
        return forced if forced is not None else self._decide(source)

    def _others(self, source: Any, best: int, others: list) -> list:
        """The other candidates that may still be the product: not one stating a measure ('65w') in
        another amount than the source title, when the best candidate states the source's."""
        query = self._query(source, self.records[best].brand_key)
        title = self._catalog_title(self.records[best])
        if not alternative_words(self.alternatives, query, title):
            others = [c for c in others if not alternative_words(
                self.alternatives, self._query(source, self.records[c[2]].brand_key), self._catalog_title(self.records[c[2]]))]
        if not measures_agree(query, title):
            return others
        return [c for c in others if not measures_differ(self._query(source, self.records[c[2]].brand_key),
                                                         self._catalog_title(self.records[c[2]]))]

    def _decide(self, source: Any, extra: list[str] = ()) -> ProductDecision:
        """match / review / created from the candidates' posteriors.

        A source is at most one SKU, so the posterior that the best candidate is *the* one is its odds
        over one plus the sum of all candidates' odds (the 'none of them' outcome weighs 1): two
        candidates both likely on their own share it, and neither is merged without an operator.
        """
        policy = self.policy
        scored = self._scored(source)
        candidates = self._candidates(source, scored)
        best = scored[0][0] if scored else 0.0
        if best < policy.review_probability:
            reason = "no candidate" if not scored else "no likely candidate"
            return ProductDecision(source.source_id, CREATED, None, best, [reason], candidates)
        row, vector = scored[0][2], scored[0][3]
        scored = scored[:1] + self._others(source, row, scored[1:])
        reasons = ["title", f"title {scored[0][1]:.2f}", *extra]
        if vector[3] == 1:
            reasons.append("gtin differs")
        odds = [_odds(p) for p, *_ in scored]
        posterior = odds[0] / (1.0 + sum(odds)) if odds[0] != float("inf") else 1.0 / max(1, odds.count(float("inf")))
        record = self.records[row]
        held = [reason for reason, applies in (  # an operator says which of its sizes, or whether a spec word is wrong
            ("brand misspelt", self._brand_misspelt(source, record)),
            # found across brands by title and amount alone: half such generic titles ('特级初榨橄榄油 1L')
            # are another brand's product the catalog lacks, so an operator says which
            ("no brand named", self._brand_name(source) is None and record.brand_key not in self.blocking_brands(source)),
            ("amount only on one side", source.content_value is None and record.content_value is not None),
            ("measure differs", measures_differ(self._query(source, record.brand_key), self._catalog_title(record))),
            ("size differs", size_words_differ(source, record, " ".join(_tokens(source)), " ".join(_tokens(record)))),  # before noise
            ("count only in the source", pieces_only_in_source(self._query(source, record.brand_key), self._catalog_title(record))),
            ("sibling word differs", alternative_words(self.alternatives, self._query(source, record.brand_key),
                                                       self._catalog_title(record))),
            ("sibling word only in the catalog", self.hold_unsaid and sibling_word_unsaid(
                self.unsaid_words, self._query(source, record.brand_key), self._catalog_title(record)) == 1),
            ("sibling word only in the source", sibling_word_extra(
                self.variant_words, self._query(source, record.brand_key), self._catalog_title(record))),
        ) if applies]
        reasons += held
        if posterior >= policy.match_probability and not held:
            return ProductDecision(source.source_id, MATCHED, self.records[row].sku, posterior, reasons, candidates[:1])
        likely = [c for c in scored[1:] if c[0] >= policy.review_probability]
        if likely:
            reason = "tie" if likely[0][0] == best else "several likely candidates"
            return ProductDecision(source.source_id, REVIEW, None, posterior, reasons + [reason], candidates)
        one_sided = attribute_check(source, self.records[row])[1]
        return ProductDecision(source.source_id, REVIEW, None, posterior, reasons + ["grey zone"] + one_sided, candidates)


def _structure(record: Any) -> tuple:
    """Stage, size and variant: what tells two products of one block apart."""
    return tuple(getattr(record, name, None) for name in STRUCTURAL)


def _disagree(a: tuple, b: tuple) -> bool:
    return any(x is not None and y is not None and x != y for x, y in zip(a, b))


def _odds(p: float) -> float:
    return p / (1.0 - p) if p < 1.0 else float("inf")


def _block_key(record: Any, brand: str | None) -> tuple:
    return (brand, record.content_unit, record.content_value, record.pack_count or 1)


def match_products(sources: Iterable[Any], catalog: Iterable[Any] | CatalogIndex,
                   policy: MatchPolicy | None = None, *, learn: bool = True) -> Iterator[ProductDecision]:
    """Decide every source product against the catalog (an iterable of records or a built index).

    With ``learn`` the index first learns from the sources (word map, brand map, EM); SKUs created
    from earlier sources are not added here — the caller creates them (see ``CatalogIndex.add``).
    """
    index = catalog if isinstance(catalog, CatalogIndex) else CatalogIndex(catalog, policy)
    sources = [as_record(s) for s in sources]
    if learn:
        index.learn(sources)
    for source in sources:
        yield index.match(source)
