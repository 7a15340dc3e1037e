"""A Fellegi–Sunter model of 'same product', with its weights estimated by EM on the data.

Each candidate pair (source product, catalog SKU) is reduced to a comparison vector: one discrete
level per comparison (title similarity band, word coverage, rival candidates, GTIN, stage, size, variant, content, HS code, origin,
rare words, the brand's learned words, model codes).
Fellegi and Sunter (1969): with m = P(level | same product) and u = P(level | different products),
and λ the share of candidate pairs that are the same product, the match weight
log2(λ/(1-λ)) + Σ log2(m/u) gives the posterior probability of a match. m, u and λ are not tuned by
hand: ``fit`` estimates them by expectation-maximisation over the run's own candidate pairs
(Winkler 1988; the same estimator Splink uses), starting from m measured on the GTIN-anchored pairs,
which are matches known without a model. The levels are the only hand-made part, as in Splink's
comparison levels.

EM runs on the counts of distinct vectors, not on the pairs, so a million sources cost a few
hundred distinct patterns per iteration. Pure: no Django, no numpy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .attributes import same_content
from .pairs import counted_alike

# comparison → number of levels; level 0 is always the strongest agreement
COMPARISONS: dict[str, int] = {
    "title": 6,    # ≥0.97, ≥0.90, ≥0.80, ≥0.70, ≥0.60, below
    "coverage": 4,  # share of the shorter title's words found in the other: all, ≥0.75, ≥0.5, less
    "rivals": 2,   # no other candidate covers ≥0.75 of the title, or some do
    "gtin": 3,     # equal, both valid and different, missing on a side
    "stage": 4,    # equal, one side only, neither, differ
    "size": 4,
    "variant": 4,
    "content": 4,
    "hs_code": 3,  # equal (8 digits), differ, missing
    "origin": 3,   # equal, differ, missing
    "rare_words": 6,  # IDF-weighted word overlap ≥0.9, ≥0.7, ≥0.5, ≥0.3, below, not measured
    "brand_words": 4,  # a brand's learned word links the titles; a learned name is missing; nothing learned;
    # the source holds a learned name of words the catalog title lacks
    "codes": 3,  # a model code shared; codes on both sides, none shared; a code on one side or none
}
# the level of each comparison that says the two disagree: never evidence *for* a match. The candidates
# EM and the anchors measure u on share a block (brand, content, pack), so u of a disagreement there is
# near zero and its raw m/u would call a pack that differs, or another HS code, a sign of one product.
DISAGREE: dict[str, int] = {"gtin": 1, "stage": 3, "size": 3, "variant": 3, "content": 3, "hs_code": 1, "origin": 1, "codes": 1}
RARE_BANDS = (0.9, 0.7, 0.5, 0.3)
TITLE_BANDS = (0.97, 0.90, 0.80, 0.70, 0.60)
COVERAGE_BANDS = (1.0, 0.75, 0.5)

# Starting values only; ``fit`` replaces them with estimates. Chosen as weak, plausible priors.
_PRIOR_M = {
    "title": (0.35, 0.12, 0.10, 0.08, 0.07, 0.28), "coverage": (0.75, 0.12, 0.08, 0.05), "rivals": (0.85, 0.15), "gtin": (0.5, 0.05, 0.45),
    "stage": (0.30, 0.05, 0.64, 0.01), "size": (0.25, 0.05, 0.69, 0.01), "variant": (0.20, 0.03, 0.76, 0.01),
    "content": (0.85, 0.05, 0.09, 0.01), "hs_code": (0.5, 0.05, 0.45), "origin": (0.6, 0.05, 0.35),
    "rare_words": (0.2, 0.2, 0.2, 0.2, 0.1, 0.1),  # no opinion until measured: it overlaps the title bands
    "brand_words": (0.5, 0.05, 0.43, 0.02),
    "codes": (0.2, 0.02, 0.78),  # no opinion on a shared code until measured: a style code spans colours
}
_PRIOR_U = {
    "title": (0.001, 0.004, 0.015, 0.04, 0.09, 0.85), "coverage": (0.08, 0.17, 0.3, 0.45), "rivals": (0.4, 0.6), "gtin": (0.001, 0.50, 0.499),
    "stage": (0.20, 0.10, 0.60, 0.10), "size": (0.15, 0.10, 0.65, 0.10), "variant": (0.10, 0.20, 0.55, 0.15),
    "content": (0.60, 0.15, 0.10, 0.15), "hs_code": (0.35, 0.15, 0.50), "origin": (0.45, 0.15, 0.40),
    "rare_words": (0.2, 0.2, 0.2, 0.2, 0.1, 0.1),
    "brand_words": (0.1, 0.4, 0.45, 0.05),
    "codes": (0.2, 0.08, 0.72),
}
PRIOR_STRENGTH = 30  # the priors weigh as much as this many observed pairs
MIN_LABELLED = 20  # labelled pairs needed before their frequencies replace a prior
MIN_MEASURED = 200  # labelled pairs on each side needed to hold m and u fixed during EM
MIN_PAIRS = 500  # fewer candidate pairs than this and EM would fit noise in m and u: it estimates λ only
MIN_LEVEL_COUNT = 10  # a level seen fewer times than this keeps its prior weight (too rare to estimate)


def _band(value: float, bands: tuple[float, ...]) -> int:
    for level, bound in enumerate(bands):
        if value >= bound:
            return level
    return len(bands)


def title_level(score: float) -> int:
    return _band(score, TITLE_BANDS)


def coverage(a: str, b: str) -> float:
    """Share of the shorter title's words that the other title has too (1.0 when one title is empty)."""
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return 1.0 if ta == tb else 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _presence(a: Any, b: Any) -> int:
    if a is not None and b is not None:
        return 0 if a == b else 3
    return 2 if a is None and b is None else 1


def _coded(a: Any, b: Any) -> int:
    if not a or not b:
        return 2
    return 0 if a == b else 1


def compare(source: Any, record: Any, title: float, cover: float = 1.0, rivals: int = 0,
            rare: float | None = None, learned: int = 2, codes: int = 2) -> tuple[int, ...]:
    """The comparison vector of a pair, given their title similarity and word coverage in [0, 1],
    the number of other candidates of the source that cover its title as well, and (if measured)
    the overlap of their words weighted by rarity, the level of ``ScopedTokenMap.evidence`` and that of
    ``pairs.code_level`` (model codes)."""
    content_a = (source.content_value, source.content_unit, source.pack_count or 1)
    content_b = (record.content_value, record.content_unit, record.pack_count or 1)
    if counted_alike(source, record):  # '×4' and '4 count'
        content = 0
    elif content_a[2] != content_b[2]:  # two packs of a towel are not one, whatever the content
        content = 3
    elif source.content_value is None or record.content_value is None:
        content = 2 if source.content_value is None and record.content_value is None else 1
    else:
        content = 0 if same_content(content_a[1], content_a[0], content_b[1], content_b[0]) else 3
    hs_a, hs_b = getattr(source, "hs_code", None), getattr(record, "hs_code", None)
    return (
        title_level(title),
        _band(cover, COVERAGE_BANDS),
        0 if rivals == 0 else 1,
        _coded(source.gtin, record.gtin),
        _presence(source.stage, record.stage),
        _presence(source.size, record.size),
        _presence(source.variant, record.variant),
        content,
        _coded(hs_a[:8] if hs_a else None, hs_b[:8] if hs_b else None),
        _coded(getattr(source, "origin", None), getattr(record, "origin", None)),
        len(RARE_BANDS) + 1 if rare is None else _band(rare, RARE_BANDS),
        learned,
        codes,
    )


@dataclass
class FSModel:
    """λ, m and u per comparison level; ``probability`` of a vector; ``fit`` by EM."""

    prior: float = 0.10
    m: dict[str, list[float]] = field(default_factory=lambda: {k: list(v) for k, v in _PRIOR_M.items()})
    u: dict[str, list[float]] = field(default_factory=lambda: {k: list(v) for k, v in _PRIOR_U.items()})
    iterations: int = 0
    trained_on: int = 0
    measured: bool = False  # m and u measured on labelled pairs: EM estimates λ only

    def weight(self, vector: tuple[int, ...]) -> float:
        return math.log2(self.prior / (1 - self.prior)) + sum(
            self.level_weight(name, level) for name, level in zip(COMPARISONS, vector))

    def level_weight(self, name: str, level: int) -> float:
        ratio = math.log2(self.m[name][level] / self.u[name][level])
        return min(ratio, 0.0) if DISAGREE.get(name) == level else ratio

    def probability(self, vector: tuple[int, ...]) -> float:
        w = self.weight(vector)
        return 1.0 / (1.0 + 2.0 ** -w) if w > -60 else 0.0

    def seed(self, matches: Iterable[tuple[int, ...]], non_matches: Iterable[tuple[int, ...]]) -> tuple[int, int]:
        """m and u measured on labelled pairs, and λ from their shares.

        The labels come from the data: a source whose GTIN equals one catalog SKU's is that SKU (a
        match), and every other candidate the blocks offer it is another product (a non-match).
        m of the GTIN comparison keeps its prior (anchored pairs all agree on GTIN by construction).
        """
        positives, negatives = Counter(matches), Counter(non_matches)
        n_pos, n_neg = sum(positives.values()), sum(negatives.values())
        for position, name in enumerate(COMPARISONS):
            if n_pos >= MIN_LABELLED and name != "gtin":
                self.m[name] = _smoothed(positives, position, _PRIOR_M[name], lambda v: 1.0)
            if n_neg >= MIN_LABELLED:
                self.u[name] = _smoothed(negatives, position, _PRIOR_U[name], lambda v: 1.0)
        if n_pos >= MIN_LABELLED and n_neg >= MIN_LABELLED:
            self.prior = min(max(n_pos / (n_pos + n_neg), 0.01), 0.5)
            self._keep_rare_priors(positives + negatives)
        # with enough labels m and u are measured, and EM only estimates λ: left free on unlabelled
        # pairs, EM is apt to split them by some other trait (coloured or not) than same-or-not
        self.measured = n_pos >= MIN_MEASURED and n_neg >= MIN_MEASURED
        return n_pos, n_neg

    def fit(self, vectors: Iterable[tuple[int, ...]], *, max_iterations: int = 50, tolerance: float = 1e-5) -> FSModel:
        """EM over the candidate pairs' vectors (counted once per distinct vector)."""
        counts = Counter(vectors)
        total = sum(counts.values())
        self.trained_on = total
        if not total:
            return self
        # too few pairs to estimate m and u (they keep the priors and what the anchors measured), but
        # enough for the one parameter λ: how many of the candidate pairs are matches
        fixed = self.measured or total < MIN_PAIRS
        for iteration in range(1, max_iterations + 1):
            posterior = {vector: self.probability(vector) for vector in counts}
            matches = sum(n * posterior[v] for v, n in counts.items())
            prior = min(max(matches / total, 1e-4), 0.5)
            if not fixed:
                for position, name in enumerate(COMPARISONS):
                    self.m[name] = _smoothed(counts, position, _PRIOR_M[name], posterior.get)
                    self.u[name] = _smoothed(counts, position, _PRIOR_U[name], lambda v: 1.0 - posterior[v])
                self._keep_rare_priors(counts)
            change, self.prior = abs(prior - self.prior), prior
            self.iterations = iteration
            if change < tolerance:
                break
        return self

    def _keep_rare_priors(self, counts: Mapping[tuple[int, ...], int]) -> None:
        """A level the data hardly shows gets the prior's m/u ratio instead of a ratio of two pseudo-counts."""
        for position, name in enumerate(COMPARISONS):
            seen = [0] * COMPARISONS[name]
            for vector, n in counts.items():
                seen[vector[position]] += n
            for level, n in enumerate(seen):
                if n < MIN_LEVEL_COUNT:
                    self.m[name][level] = self.u[name][level] * _PRIOR_M[name][level] / _PRIOR_U[name][level]

    def to_dict(self) -> dict[str, Any]:
        return {"prior": round(self.prior, 5), "iterations": self.iterations, "trained_on": self.trained_on,
                "measured": self.measured,
                "weights": {name: [round(self.level_weight(name, level), 2) for level in range(len(self.m[name]))]
                            for name in COMPARISONS}}


def _smoothed(counts: Mapping[tuple[int, ...], int], position: int, prior: tuple[float, ...], share) -> list[float]:
    """Share-weighted level frequencies under a Dirichlet prior of PRIOR_STRENGTH pairs.

    A small export moves the prior a little, a large one replaces it; no level gets probability 0.
    """
    totals = [PRIOR_STRENGTH * p for p in prior]
    for vector, n in counts.items():
        totals[vector[position]] += n * share(vector)
    whole = sum(totals)
    return [t / whole for t in totals]
