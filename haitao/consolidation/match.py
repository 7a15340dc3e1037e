"""Match source products against haitao's catalog.

Input on both sides is the shape of ``normalise.NormalisedProduct`` (catalog records also carry
``sku``); any object with those attributes, or a mapping with those keys, will do.

Order of evidence:

1. **GTIN**: a valid source GTIN found on exactly one catalog SKU of the same brand, whose stage,
   size, pack, content and variant do not disagree and whose title is not unrelated → ``matched``,
   score 1.0, reason ``"gtin"``. The same GTIN under another brand, on several SKUs, on a SKU whose
   attributes disagree or whose title has nothing in common → ``review`` (a GTIN shared by mistake).
2. **Blocks**: otherwise candidates come only from the block (brand_key, content_unit, content_value,
   pack_count) — plus the brand's SKUs with no readable size. Inside the block a candidate is
   *excluded* when stage, size or variant disagree (爱他美 3段 800g is never 爱他美 2段 800g; a 400g is
   in another block). When one side states an attribute and the other does not, the candidate stays
   but can only reach ``review``; so can a candidate whose own valid GTIN differs from the source's.
3. **Title**: the block's titles are ranked with rapidfuzz's ``process.extract`` (one C loop over the
   block, ``token_set_ratio``); the best few are re-scored as the mean of ``token_set_ratio`` and
   ``token_sort_ratio`` so that a title that is a mere subset of a richer one does not tie with it.
4. **Decision**: ``matched`` when the best score ≥ ``match_threshold`` and beats the runner-up by
   ``margin`` (or ≥ ``relaxed_threshold`` with no runner-up within ``relaxed_margin``); ``review`` when it is in the grey zone (≥ ``review_threshold``), ties, or is capped;
   ``created`` when no candidate reaches ``review_threshold``.

Blocking turns an all-pairs problem into many small ones: the work is Σ(block sizes) over the source
rows, not |source| × |catalog|.  (rapidfuzz's ``cdist`` would need numpy, which haitao does not
depend on; ``process.extract`` gives the same vectorised inner loop without it.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from rapidfuzz import fuzz, process

MATCHED, REVIEW, CREATED = "matched", "review", "created"
STRUCTURAL = ("stage", "size", "variant")
SOFT = ("market",)  # must not disagree, but one side alone is no doubt
CONFLICT_FIELDS = ("hs_code", "origin_country", "vat_rate", "consumption_tax_rate")


@dataclass(frozen=True)
class MatchPolicy:
    match_threshold: float = 0.90
    margin: float = 0.05
    # a lower score still matches when nothing else in the block comes near (an unknown extra word)
    relaxed_threshold: float = 0.80
    relaxed_margin: float = 0.25
    review_threshold: float = 0.60
    gtin_title_floor: float = 0.50  # a GTIN hit whose title scores below this is suspect
    top_k: int = 5


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


@dataclass(frozen=True)
class Conflict:
    field: str
    haitao: str
    source: str


def as_record(record: Any) -> Any:
    """Accept a mapping as well as an object with attributes."""
    if isinstance(record, Mapping):
        data = dict(record)
        data.setdefault("origin", data.get("origin_country"))
        for name in ("brand_key", "title", "content_value", "content_unit", "stage", "size", "variant", "market",
                     "gtin", "hs_code", "vat_rate", "consumption_tax_rate", "sku", "source_id"):
            data.setdefault(name, None)
        data.setdefault("pack_count", 1)
        return SimpleNamespace(**data)
    return record


def _title(record: Any) -> str:
    title = getattr(record, "title", None)
    if title is None:
        title = " ".join(getattr(record, "title_tokens", ()) or ())
    return title


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


def attribute_check(source: Any, record: Any) -> tuple[list[str], list[str]]:
    """(disagreements, one-sided) over stage, size, variant, pack and content."""
    disagree, one_sided = [], []
    for name in STRUCTURAL:
        a, b = getattr(source, name, None), getattr(record, name, None)
        if a is not None and b is not None and a != b:
            disagree.append(f"{name} differs")
        elif (a is None) != (b is None):
            one_sided.append(f"{name} only on one side")
    for name in SOFT:
        a, b = getattr(source, name, None), getattr(record, name, None)
        if a is not None and b is not None and a != b:
            disagree.append(f"{name} differs")
    if (getattr(source, "pack_count", 1) or 1) != (getattr(record, "pack_count", 1) or 1):
        disagree.append("pack_count differs")
    a_value, b_value = getattr(source, "content_value", None), getattr(record, "content_value", None)
    a_unit, b_unit = getattr(source, "content_unit", None), getattr(record, "content_unit", None)
    if a_value is not None and b_value is not None and (a_value != b_value or a_unit != b_unit):
        disagree.append("content differs")
    elif (a_value is None) != (b_value is None):
        one_sided.append("content only on one side")
    return disagree, one_sided


class _Group:
    """Catalog rows of one block sharing (stage, size, variant): their titles and row numbers."""

    __slots__ = ("attrs", "titles", "rows")

    def __init__(self, attrs: tuple):
        self.attrs = attrs
        self.titles: list[str] = []
        self.rows: list[int] = []


class CatalogIndex:
    """The catalog, indexed by GTIN and by block; built once, then ``match`` per source product."""

    def __init__(self, records: Iterable[Any], policy: MatchPolicy | None = None):
        self.policy = policy or MatchPolicy()
        self.records: list[Any] = []
        self.by_gtin: dict[str, list[int]] = defaultdict(list)
        self.blocks: dict[tuple, dict[tuple, _Group]] = {}
        self.unsized: dict[str | None, dict[tuple, _Group]] = {}
        for record in records:
            self.add(record)

    def __len__(self) -> int:
        return len(self.records)

    def add(self, record: Any) -> None:
        record = as_record(record)
        row = len(self.records)
        self.records.append(record)
        if record.gtin:
            self.by_gtin[record.gtin].append(row)
        attrs = tuple(getattr(record, name, None) for name in STRUCTURAL)
        if record.content_value is None:
            groups = self.unsized.setdefault(record.brand_key, {})
        else:
            groups = self.blocks.setdefault(_block_key(record), {})
        group = groups.get(attrs)
        if group is None:
            group = groups[attrs] = _Group(attrs)
        group.titles.append(_title(record))
        group.rows.append(row)

    # --- candidates ---------------------------------------------------------------------------

    def _groups_for(self, source: Any) -> Iterator[tuple[_Group, bool]]:
        """Groups whose attributes do not disagree with the source; the flag says 'only one-sided'."""
        sources = []
        if source.content_value is not None:
            sources.append(self.blocks.get(_block_key(source), {}))
        sources.append(self.unsized.get(source.brand_key, {}))
        wanted = tuple(getattr(source, name, None) for name in STRUCTURAL)
        for groups in sources:
            for attrs, group in groups.items():
                if any(a is not None and b is not None and a != b for a, b in zip(wanted, attrs)):
                    continue
                yield group, attrs == wanted

    def candidates(self, source: Any) -> list[tuple[float, int, list[str]]]:
        """(score, row, caps) for the best block candidates, best first; caps name why it may only be reviewed."""
        query = _title(source)
        scored: list[tuple[float, int, list[str]]] = []
        cutoff = self.policy.review_threshold * 100 * 0.8
        for group, exact in self._groups_for(source):
            if query:
                hits = process.extract(query, group.titles, scorer=fuzz.token_set_ratio,
                                       limit=self.policy.top_k, score_cutoff=cutoff)
            else:  # nothing left of the title but brand and spec: only an equally bare title compares
                hits = [(t, 100.0, i) for i, t in enumerate(group.titles) if not t][: self.policy.top_k]
            for choice, _, position in hits:
                row = group.rows[position]
                record = self.records[row]
                if _soft_disagree(source, record):
                    continue
                caps = [] if exact else attribute_check(source, record)[1]
                if record.content_value is None and source.content_value is not None:
                    caps = caps or ["content only on one side"]
                scored.append((title_score(query, choice), row, caps))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return scored[: self.policy.top_k]

    # --- decision -----------------------------------------------------------------------------

    def _gtin(self, source: Any) -> tuple[str, list[int], list[str]] | None:
        """(verdict, rows, reasons) of the GTIN evidence: 'matched'; 'review' (brand differs or several
        SKUs: an operator decides); 'suspect' (stage/size/pack/content disagree: the GTIN is ignored and
        the title decides); 'doubtful' (only the title disagrees: review unless the title finds a sure match)."""
        rows = self.by_gtin.get(source.gtin) if source.gtin else None
        if not rows:
            return None
        if len(rows) > 1:
            return REVIEW, rows, ["gtin", "gtin shared by several catalog SKUs"]
        record = self.records[rows[0]]
        if source.brand_key and record.brand_key and source.brand_key != record.brand_key:
            return REVIEW, rows, ["gtin", "brand differs"]
        reasons = attribute_check(source, record)[0]
        if title_score(_title(source), _title(record)) < self.policy.gtin_title_floor:
            reasons.append("title differs")
        if reasons == ["title differs"]:  # same brand and spec: too close to create, too far to merge
            return "doubtful", rows, [f"gtin of {record.sku} but title differs"]
        if reasons:
            return "suspect", rows, [f"gtin of {record.sku} ignored: " + ", ".join(reasons)]
        return MATCHED, rows, ["gtin"]

    def match(self, source: Any) -> ProductDecision:
        source = as_record(source)
        policy = self.policy
        gtin = self._gtin(source)
        if gtin and gtin[0] == MATCHED:
            sku = self.records[gtin[1][0]].sku
            return ProductDecision(source.source_id, MATCHED, sku, 1.0, ["gtin"], [Candidate(sku, 1.0, ("gtin",))])
        scored = self.candidates(source)
        candidates = [Candidate(self.records[row].sku, score, tuple(caps)) for score, row, caps in scored]
        if gtin and gtin[0] == REVIEW:  # a GTIN shared by mistake: an operator decides, GTIN hits listed first
            _, rows, reasons = gtin
            hits = [Candidate(self.records[r].sku, 1.0, tuple(reasons)) for r in rows]
            skus = {c.sku for c in hits}
            return ProductDecision(source.source_id, REVIEW, None, 1.0, reasons,
                                   hits + [c for c in candidates if c.sku not in skus])
        notes = gtin[2] if gtin else []
        if gtin and gtin[0] == "doubtful" and (not scored or scored[0][0] < policy.match_threshold):
            sku = self.records[gtin[1][0]].sku
            return ProductDecision(source.source_id, REVIEW, None, scored[0][0] if scored else 0.0, notes,
                                   [Candidate(sku, 1.0, tuple(notes))] + [c for c in candidates if c.sku != sku])
        if not scored or scored[0][0] < policy.review_threshold:
            best = scored[0][0] if scored else 0.0
            reason = "no candidate" if not scored else "no candidate above threshold"
            return ProductDecision(source.source_id, CREATED, None, best, [reason] + notes, candidates)
        best_score, best_row, caps = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else None
        reasons = ["title"] + notes
        if caps:
            return ProductDecision(source.source_id, REVIEW, None, best_score, reasons + caps, candidates)
        if runner_up is not None and best_score - runner_up < policy.margin:
            reason = "tie" if best_score == runner_up else "runner-up within margin"
            return ProductDecision(source.source_id, REVIEW, None, best_score, reasons + [reason], candidates)
        clear = runner_up is None or best_score - runner_up >= policy.relaxed_margin
        if best_score >= policy.match_threshold or (best_score >= policy.relaxed_threshold and clear):
            return ProductDecision(source.source_id, MATCHED, self.records[best_row].sku, best_score,
                                   reasons, candidates[:1])
        return ProductDecision(source.source_id, REVIEW, None, best_score, reasons + ["grey zone"], candidates)


def _soft_disagree(source: Any, record: Any) -> bool:
    for name in SOFT:
        a, b = getattr(source, name, None), getattr(record, name, None)
        if a is not None and b is not None and a != b:
            return True
    return False


def _block_key(record: Any) -> tuple:
    return (record.brand_key, record.content_unit, record.content_value, record.pack_count or 1)


def match_products(sources: Iterable[Any], catalog: Iterable[Any] | CatalogIndex,
                   policy: MatchPolicy | None = None) -> Iterator[ProductDecision]:
    """Decide every source product against the catalog (an iterable of records or a built index)."""
    index = catalog if isinstance(catalog, CatalogIndex) else CatalogIndex(catalog, policy)
    for source in sources:
        yield index.match(source)


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value else str(value)
    return str(value)


def _field(record: Any, name: str) -> Any:
    if name == "origin_country":
        return getattr(record, "origin", None) or getattr(record, "origin_country", None)
    return getattr(record, name, None)


def conflicts(source: Any, catalog_record: Any) -> list[Conflict]:
    """Where a matched source product disagrees with haitao on hs_code, origin, VAT or consumption tax.

    Only fields both sides state are compared. An 8-digit HS code agrees with a 10-digit one that
    starts with it. Rates compare as numbers ('0.13' = '0.130').
    """
    source, record = as_record(source), as_record(catalog_record)
    found = []
    for name in CONFLICT_FIELDS:
        ours, theirs = _field(record, name), _field(source, name)
        if ours in (None, "") or theirs in (None, ""):
            continue
        if name == "hs_code":
            a, b = str(ours), str(theirs)
            same = a[:8] == b[:8] if min(len(a), len(b)) == 8 else a == b
        elif name == "origin_country":
            same = str(ours).upper() == str(theirs).upper()
        else:
            same = Decimal(str(ours)) == Decimal(str(theirs))
        if not same:
            found.append(Conflict(name, _text(ours), _text(theirs)))
    return found
