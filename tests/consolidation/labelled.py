"""The hand-labelled pairs (data/labelled_pairs.csv) and their evaluation, shared by test and benchmark."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from haitao.consolidation.match import CatalogIndex
from haitao.consolidation.normalise import default_normaliser

DATA = Path(__file__).with_name("data") / "labelled_pairs.csv"


def load(path: Path = DATA) -> tuple[list[dict], list[dict]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    return [r for r in rows if r["side"] == "catalog"], [r for r in rows if r["side"] == "source"]


def evaluate(path: Path = DATA) -> dict:
    """Precision/recall of `matched` on the labelled sources, and a first import of them into an empty haitao."""
    catalog_rows, source_rows = load(path)
    normaliser = default_normaliser()
    catalog = [normaliser.product(r["id"], r["title"], brand=r["brand"], gtin=r["gtin"] or None, sku=r["id"])
               for r in catalog_rows]
    sources = [normaliser.product(r["id"], r["title"], brand=r["brand"], gtin=r["gtin"] or None) for r in source_rows]
    truth = {r["id"]: r["truth_sku"] or None for r in source_rows}
    index = CatalogIndex(catalog)
    index.learn(sources)
    decisions = {s.source_id: index.match(s) for s in sources}
    matched = [d for d in decisions.values() if d.decision == "matched"]
    correct = [d for d in matched if truth[d.source_id] == d.sku]
    positives = [sid for sid, sku in truth.items() if sku]
    gtin_of = {c.sku: c.gtin for c in catalog}
    gtin_duplicates = [s.source_id for s in sources if decisions[s.source_id].decision == "created"
                       and s.gtin and s.gtin in gtin_of.values()]
    empty = CatalogIndex([])
    first = Counter()
    for s in sources:
        d = empty.match(s)
        first[d.decision] += 1
        if d.decision == "created":
            empty.add(s.__class__(**{**s.__dict__, "sku": s.source_id}), same_export=True)
    return {
        "pairs": len(source_rows), "positives": len(positives),
        "precision": len(correct) / len(matched) if matched else 1.0,
        "recall": len(correct) / len(positives) if positives else 1.0,
        "tally": Counter(d.decision for d in decisions.values()),
        "wrong": sorted((d.source_id, d.sku, truth[d.source_id]) for d in matched if truth[d.source_id] != d.sku),
        "missed": sorted((sid, decisions[sid].decision) for sid in positives if decisions[sid].sku != truth[sid]),
        "gtin_duplicates": gtin_duplicates,
        "first_import_created": first["created"] / len(sources),
        "first_import": dict(first),  # created, or matched as an in-export duplicate on an equal GTIN
        "repeated_gtins": len(sources) - len({s.gtin for s in sources if s.gtin}) - sum(not s.gtin for s in sources),
    }
