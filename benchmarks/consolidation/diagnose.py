"""Why true matches are missed: classify every missed pair of a generated set (or the labelled set).

    .venv/bin/python -m benchmarks.consolidation.diagnose --generator b --size 10000 [--show 20]
    .venv/bin/python -m benchmarks.consolidation.diagnose --labelled

Each true match that did not end ``matched`` to its SKU gets one cause, in the order the matcher
meets them: the brand was not resolved to the SKU's brand, the blocks never brought the pair
together (content or pack read differently), a structural attribute disagreed, the title fell below
the cutoff, the SKU was a candidate but not the best, or it was the best but the posterior stayed
under the match threshold / a rival kept it in review. Printed with examples, so a fix aims at a
cause and not at an item.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from haitao.consolidation.match import STRUCTURAL, CatalogIndex, _block_key, as_record

from .run import ROOT, prepare


def cause(index: CatalogIndex, source, record, decision) -> str:
    """The first reason on the matcher's path why ``source`` did not end matched to ``record``."""
    if decision.decision == "matched":
        return "matched to another SKU" + (" (by gtin)" if decision.reasons[:1] == ["gtin"] else "")
    if decision.reasons[:1] == ["gtin"]:
        return "gtin forced review: " + ", ".join(decision.reasons[1:])
    rows = {row for row, r in enumerate(index.records) if r is record}
    scored = index._scored(source)
    found = [i for i, item in enumerate(scored) if item[2] in rows]
    if found:
        position = found[0]
        if position:
            return "candidate, not the best"
        if decision.decision == "review":
            return "best, review: " + "/".join(r for r in decision.reasons if not r.startswith("title "))
        return "best, below review probability"
    brands = index.blocking_brands(source) if hasattr(index, "blocking_brands") else [index._brand(source)]
    if record.brand_key not in brands:
        return "brand not resolved" + (" (no brand)" if source.brand_key is None else "")
    for name in STRUCTURAL:
        a, b = getattr(source, name, None), getattr(record, name, None)
        if a is not None and b is not None and a != b:
            return f"{name} disagrees"
    if record.content_value is not None and _block_key(source, record.brand_key) != _block_key(record, record.brand_key):
        return "block differs (content/pack)"
    return "title below cutoff / not in top k"


def report(index, sources, truth, decisions, show: int = 10) -> dict:
    by_sku = {r.sku: r for r in index.records}
    causes: Counter = Counter()
    examples: dict[str, list] = defaultdict(list)
    for source, decision in zip(sources, decisions):
        sku = truth.get(source.source_id)
        if not sku or (decision.decision == "matched" and decision.sku == sku):
            continue
        record = by_sku[sku]
        why = cause(index, source, record, decision)
        causes[why] += 1
        if len(examples[why]) < show:
            examples[why].append((source, record, decision))
    wrong = [(s, d) for s, d in zip(sources, decisions) if d.decision == "matched" and truth.get(s.source_id) != d.sku]
    for why, n in causes.most_common():
        print(f"\n== {why}: {n}")
        for source, record, decision in examples[why]:
            print(f"  S {source.brand_key!r:14} {source.title!r:60} {_attrs(source)} gtin={source.gtin}")
            print(f"  C {record.brand_key!r:14} {record.title!r:60} {_attrs(record)} gtin={record.gtin}")
            print(f"  Q {index._query(source, record.brand_key)!r} brands={index.blocking_brands(source)}"
                  f" against {index._catalog_title(record)!r}")
            print(f"    -> {decision.decision} {decision.reasons} {[c.to_dict() for c in decision.candidates[:3]]}")
    print(f"\n== false matches: {len(wrong)}")
    for source, decision in wrong[:show]:
        record = by_sku.get(decision.sku)
        true = by_sku.get(truth.get(source.source_id) or "")
        print(f"  S {source.brand_key!r:14} {source.title!r:60} {_attrs(source)} gtin={source.gtin}")
        print(f"  M {record.brand_key!r:14} {record.title!r:60} {_attrs(record)} gtin={record.gtin} {decision.reasons}")
        print(f"  Q {index._query(source, record.brand_key)!r} against {index._catalog_title(record)!r}")
        if true is not None:
            print(f"  T {true.brand_key!r:14} {true.title!r:60} {_attrs(true)}")
    return dict(causes)


def _attrs(r) -> str:
    return f"[{r.content_value}{r.content_unit or ''} x{r.pack_count} st={r.stage} sz={r.size} v={r.variant}]"


def labelled() -> tuple:
    from tests.consolidation.labelled import load
    from haitao.consolidation.normalise import default_normaliser

    catalog_rows, source_rows = load()
    normaliser = default_normaliser()
    catalog = [normaliser.product(r["id"], r["title"], brand=r["brand"], gtin=r["gtin"] or None, sku=r["id"])
               for r in catalog_rows]
    sources = [as_record(normaliser.product(r["id"], r["title"], brand=r["brand"], gtin=r["gtin"] or None))
               for r in source_rows]
    return CatalogIndex(catalog), sources, {r["id"]: r["truth_sku"] or None for r in source_rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", default="a")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--labelled", action="store_true")
    parser.add_argument("--show", type=int, default=8)
    args = parser.parse_args(argv)
    if args.labelled:
        index, sources, truth = labelled()
    else:
        workdir = ROOT / "var" / "bench" / "consolidation" / (
            str(args.size) if args.generator == "a" else f"{args.generator}-{args.size}")
        index, sources, truth = prepare(args.size, Path(workdir), generator=args.generator)
    summary = index.learn(sources)
    print(json.dumps({k: v for k, v in summary.items() if k != "model"}), json.dumps(summary["model"]))
    decisions = [index.match(s) for s in sources]
    print(json.dumps(report(index, sources, truth, decisions, args.show), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
