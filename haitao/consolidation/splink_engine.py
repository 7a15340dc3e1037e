"""A second matching engine: Splink's Fellegi–Sunter model (EM) on DuckDB or Spark.

``haitao consolidate FOLDER --brand CODE --engine splink-duckdb|splink-spark`` uses it instead of
``match.CatalogIndex`` (the default). It has the index's interface (``add``, ``learn``, ``match``,
``by_gtin``), so the merge does not know which engine it runs, and it keeps the default engine's order
of evidence:

1. **GTIN first**, decided here before any model: an equal normalised GTIN held by one catalog SKU
   matches unless the brands clearly differ (or, in two scripts, the titles share no word: review);
   attributes read from the titles that disagree are reported as conflicts, they do not veto it. A
   GTIN on several SKUs goes to review. SKUs this run created match only on an equal GTIN.
2. **Splink for the rest**: ``learn`` learns the word and brand maps from the GTIN-anchored pairs
   (``learned``), trains the model (``splink_model.train``: m from those anchors, u by random
   sampling, EM on blocked pairs) and scores every remaining source in one set-based pass
   (``splink_model.predict``), on DuckDB or on Spark.
3. **Decision** as the default engine takes it (``MatchPolicy``), on the probability that a candidate
   is *the* SKU of the source (its Bayes odds among the source's candidates, since a product is one
   SKU): matched at ≥ 0.99, review from 0.25, created below. A best candidate of the same brand
   holding another valid GTIN than the source's is taken for another product: never matched on its
   title, it goes to review (an operator decides; no duplicate is created unseen).

Why a second engine: the default one scores candidates one source at a time in Python, which is
right for an import of up to a few million products on one machine; Splink runs the same comparison
as SQL, which DuckDB parallelises on one machine and Spark spreads over a cluster.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from .fsmodel import coverage
from .gtin import is_global
from .learned import BrandMap, TokenMap
from .match import CREATED, MATCHED, REVIEW, Candidate, CatalogIndex, MatchPolicy, ProductDecision, \
    as_record, attribute_check, brands_clearly_differ
from .splink_model import SplinkPolicy, Trained, predict, train

ENGINES = ("default", "splink-duckdb", "splink-spark")


def make_index(engine: str = "default", records: Iterable[Any] = (), policy: MatchPolicy | None = None, *,
               same_export: Callable[[Any], bool] | None = None, spark: Any = None):
    """The catalog index of an engine: ``default`` (match.CatalogIndex) or ``splink-duckdb`` / ``splink-spark``."""
    if engine == "default":
        return CatalogIndex(records, policy, same_export=same_export)
    if engine not in ENGINES:
        raise ValueError(f"unknown matching engine {engine!r}: use one of {', '.join(ENGINES)}")
    return SplinkIndex(records, policy, same_export=same_export, backend=engine.split("-", 1)[1], spark=spark)


def _content_key(record: Any) -> str | None:
    if record.content_value is None:
        return None
    return f"{record.content_value.normalize() if hasattr(record.content_value, 'normalize') else record.content_value}" \
           f"|{record.content_unit}|{record.pack_count or 1}"


class SplinkIndex:
    """The catalog for the Splink engine: GTIN rules in Python, everything else scored by Splink in ``learn``."""

    def __init__(self, records: Iterable[Any] = (), policy: MatchPolicy | None = None, *,
                 same_export: Callable[[Any], bool] | None = None, backend: str = "duckdb", spark: Any = None,
                 splink_policy: SplinkPolicy | None = None):
        self.policy = policy or MatchPolicy()
        self.splink_policy = splink_policy or SplinkPolicy()
        self.backend, self.spark = backend, spark
        self.records: list[Any] = []
        self.by_gtin: dict[str, list[int]] = defaultdict(list)
        self.export_gtin: dict[str, list[int]] = defaultdict(list)
        self.row_of: dict[str, int] = {}
        self.tokens, self.brands = TokenMap(), BrandMap()
        self.scored: dict[str, list[tuple[float, int]]] = {}  # source id → (probability, catalog row), best first
        self.trained: Trained | None = None
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
        if record.gtin:
            (self.export_gtin if same_export else self.by_gtin)[record.gtin].append(row)
        if not same_export:
            self.row_of[record.sku] = row

    # --- features -------------------------------------------------------------------------------

    def _brand(self, source: Any) -> str | None:
        if source.brand_key is None:
            return self.brands.find(_title(source))
        return self.brands.get(source.brand_key)

    def _query(self, source: Any) -> str:
        tokens = getattr(source, "title_tokens", None) or tuple(_title(source).split())
        return " ".join(self.tokens.translate(tokens))

    def _row(self, record: Any, unique_id: str, brand: str | None, tokens: Iterable[str], source: bool) -> dict:
        words = sorted(set(tokens))
        content = _content_key(record)
        hs = getattr(record, "hs_code", None)
        return {"unique_id": unique_id, "brand_key": brand, "title": " ".join(words) or None, "tokens": words,
                "content_key": content, "unsized": "u" if source or content is None else None,
                "stage": record.stage, "size": record.size, "variant": record.variant,
                "market": getattr(record, "market", None), "gtin": record.gtin, "gtin_global": is_global(record.gtin),
                "hs8": hs[:8] if hs else None, "origin": getattr(record, "origin", None)}

    def _source_row(self, source: Any) -> dict:
        return self._row(source, source.source_id, self._brand(source), self._query(source).split(), True)

    def _catalog_rows(self) -> list[dict]:
        return [self._row(r, r.sku, r.brand_key, getattr(r, "title_tokens", None) or _title(r).split(), False)
                for r in (self.records[row] for row in self.row_of.values())]

    # --- learning and scoring -------------------------------------------------------------------

    def _anchor(self, source: Any) -> Any | None:
        if not is_global(source.gtin):
            return None
        rows = self.by_gtin.get(source.gtin)
        return self.records[rows[0]] if rows and len(rows) == 1 else None

    def learn(self, sources: Iterable[Any]) -> dict[str, Any]:
        """Learn word and brand maps from the GTIN anchors, train Splink, score every source the GTIN does not decide."""
        sources = [as_record(s) for s in sources]
        anchored = [(s, r) for s in sources if (r := self._anchor(s)) is not None]
        self.brands = BrandMap.learn((s.brand_key, r.brand_key) for s, r in anchored)
        self.brands.learn_names(s.brand_key for s in sources)
        anchored = [(s, r) for s, r in anchored if not brands_clearly_differ(self._brand(s), r.brand_key)]
        self.tokens = TokenMap.learn((s.title_tokens, r.title_tokens) for s, r in anchored)
        catalog = self._catalog_rows()
        if not catalog or not sources:
            return {"anchored_pairs": len(anchored), "scored_sources": 0}
        rows = {s.source_id: self._source_row(s) for s in sources}  # one row per id (a repeated id is one product)
        self.trained = train(self.backend, list(rows.values()), catalog,
                             [(s.source_id, r.sku) for s, r in anchored], self._prior(sources, anchored),
                             self.splink_policy, self.spark)
        undecided = [rows[s.source_id] for s in sources if not self.by_gtin.get(s.gtin or "")]
        self._score(undecided)
        return {"anchored_pairs": len(anchored), "learned_words": len(self.tokens),
                "learned_brands": len(self.brands.mapping), "scored_sources": len(undecided),
                "em_sessions": self.trained.em_sessions, "prior": self.trained.prior}

    def _prior(self, sources: list[Any], anchored: list) -> float:
        """λ: the share of sources with a global GTIN that found their SKU by it, spread over all catalog pairs."""
        with_gtin = sum(1 for s in sources if is_global(s.gtin)) or 1
        expected_matches = max(1.0, len(sources) * min(1.0, len(anchored) / with_gtin))
        return min(0.5, max(1e-12, expected_matches / (len(sources) * max(1, len(self.row_of)))))

    def _score(self, rows: list[dict]) -> None:
        """Each source's candidates with the probability that each is *the* one (a product is one SKU).

        Splink scores pairs independently; with Bayes odds 2^w per candidate and at most one of them
        the source's SKU, P(candidate i) = 2^w_i / (1 + Σ_j 2^w_j). A sibling scored nearly as well as
        the best pulls the best below the match threshold (review); a clearly weaker one does not.
        """
        pairs = predict(self.backend, rows, self._catalog_rows(), self.trained, self.splink_policy, self.spark)
        found: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for source_id, sku, weight in pairs:
            row = self.row_of.get(sku)
            if row is not None and weight is not None and not math.isnan(weight):
                found[source_id].append((weight, row))
        for row in rows:
            weights = sorted(found.get(row["unique_id"], ()), key=lambda c: (-c[0], c[1]))
            top = weights[0][0] if weights else 0.0
            scale = 2.0 ** -top if top > 0 else 1.0  # odds divided by the best one's, against overflow
            odds = [(2.0 ** (w - top) if top > 0 else 2.0 ** w, r) for w, r in weights]
            total = scale + sum(o for o, _ in odds)
            self.scored[row["unique_id"]] = [(o / total, r) for o, r in odds][: self.policy.top_k]

    # --- decision -------------------------------------------------------------------------------

    def _unrelated(self, source: Any, record: Any) -> bool:
        return self._brand(source) != record.brand_key and not coverage(self._query(source), _title(record))

    def _by_gtin(self, source: Any) -> ProductDecision | None:
        if not source.gtin:
            return None
        rows = self.by_gtin.get(source.gtin)
        if rows and len(rows) > 1:
            return self._review(source, rows, ["gtin", "gtin shared by several catalog SKUs"])
        if rows:
            record = self.records[rows[0]]
            if brands_clearly_differ(self._brand(source), record.brand_key):
                return self._review(source, rows, ["gtin", "brand differs"])
            if self._unrelated(source, record):
                return self._review(source, rows, ["gtin", "brand and title differ"])
            reasons = ["gtin"] + [f"conflict: {d}" for d in attribute_check(source, record)[0]]
            return ProductDecision(source.source_id, MATCHED, record.sku, 1.0, reasons,
                                   [Candidate(record.sku, 1.0, ("gtin",))])
        for row in self.export_gtin.get(source.gtin, ()):
            record = self.records[row]
            if not brands_clearly_differ(self._brand(source), record.brand_key) and not self._unrelated(source, record):
                return ProductDecision(source.source_id, MATCHED, record.sku, 1.0, ["gtin", "in-export duplicate"],
                                       [Candidate(record.sku, 1.0, ("gtin",))])
        return None

    def _candidates(self, source: Any) -> list[Candidate]:
        return [Candidate(self.records[row].sku, p, ("splink",)) for p, row in self.scored.get(source.source_id, ())]

    def _review(self, source: Any, rows: list[int], reasons: list[str]) -> ProductDecision:
        hits = [Candidate(self.records[r].sku, 1.0, tuple(reasons)) for r in rows]
        skus = {c.sku for c in hits}
        others = [c for c in self._candidates(source) if c.sku not in skus]
        return ProductDecision(source.source_id, REVIEW, None, 1.0, reasons, hits + others)

    def match(self, source: Any) -> ProductDecision:
        source = as_record(source)
        forced = self._by_gtin(source)
        if forced is not None:
            return forced
        if source.source_id not in self.scored and self.trained is not None and self.row_of:
            self._score([self._source_row(source)])  # not seen by ``learn``: scored alone with the trained model
        policy = self.policy
        candidates = self._candidates(source)
        best = candidates[0].score if candidates else 0.0
        if best < policy.review_probability:
            reason = "no candidate" if not candidates else "no likely candidate"
            return ProductDecision(source.source_id, CREATED, None, best, [reason], candidates)
        reasons = ["splink", f"probability {best:.4f}"]
        if any(c.score >= policy.review_probability for c in candidates[1:]):
            return ProductDecision(source.source_id, REVIEW, None, best, reasons + ["several likely candidates"],
                                   candidates)
        record = self.records[self.row_of[candidates[0].sku]]
        if is_global(source.gtin) and is_global(record.gtin):  # another valid GTIN under this brand
            return ProductDecision(source.source_id, REVIEW, None, best, reasons + ["gtin differs"], candidates)
        if best >= policy.match_probability:
            return ProductDecision(source.source_id, MATCHED, candidates[0].sku, best, reasons, candidates[:1])
        return ProductDecision(source.source_id, REVIEW, None, best,
                               reasons + ["grey zone"] + attribute_check(source, record)[1], candidates)


def _title(record: Any) -> str:
    title = getattr(record, "title", None)
    return " ".join(getattr(record, "title_tokens", ()) or ()) if title is None else title
