"""Consolidation benchmark: precision and recall of ``matched`` and wall time, at a given size.

    .venv/bin/python -m benchmarks.consolidation.run --size 100000 --json

Generates (once, cached under var/bench/consolidation/N) an export of N products and a catalog of N
SKUs with known truth, then times what ``haitao consolidate`` does with products: read + validate the
export, normalise both sides, index the catalog, match. Prints JSON with --json and updates the
consolidation section of docs/benchmarks.md (other sections are left as they are).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import re
import resource
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from haitao.consolidation.match import CatalogIndex
from haitao.consolidation.normalise import default_normaliser, merge_aliases
from haitao.consolidation.reader import Quarantined, open_export
from haitao.consolidation.splink_engine import ENGINES, make_index

from . import generate as generator_a
from . import generate_b as generator_b
from . import generate_c as generator_c
from . import generate_d as generator_d
from . import generate_e as generator_e
from . import generate_f as generator_f
from . import generate_g as generator_g

GENERATORS = {"a": generator_a.generate, "b": generator_b.generate, "c": generator_c.generate, "d": generator_d.generate,
              "e": generator_e.generate, "f": generator_f.generate, "g": generator_g.generate}

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- consolidation:start -->", "<!-- consolidation:end -->"


def evaluate(decisions, truth: dict, gtin_created: int = 0) -> dict:
    tally = Counter(d.decision for d in decisions)
    matched = [d for d in decisions if d.decision == "matched"]
    correct = sum(1 for d in matched if truth.get(d.source_id) == d.sku)
    false_by_gtin = sum(1 for d in matched if truth.get(d.source_id) != d.sku and d.reasons[:1] == ["gtin"])
    true_matches = sum(1 for sku in truth.values() if sku)
    wrongly_created = sum(1 for d in decisions if d.decision == "created" and truth.get(d.source_id))
    return {
        "precision": round(correct / len(matched), 4) if matched else 1.0,
        "recall": round(correct / true_matches, 4) if true_matches else 1.0,
        "matched": tally["matched"], "review": tally["review"], "created": tally["created"],
        "true_matches": true_matches, "correct_matched": correct, "false_matched": len(matched) - correct,
        "duplicates_created": wrongly_created, "false_matched_by_gtin": false_by_gtin,
        "created_with_a_catalog_gtin": gtin_created,
    }


def _created_with_catalog_gtin(index: CatalogIndex, sources: list, decisions: list) -> int:
    """Products created although a catalog SKU holds their GTIN: the duplicates the GTIN rule must prevent."""
    return sum(1 for s, d in zip(sources, decisions) if d.decision == "created" and s.gtin and s.gtin in index.by_gtin)


def first_import(sources: list, decisions_out: list | None = None, keys: dict[str, str] | None = None) -> dict:
    """The same export into an empty haitao: every product should become a SKU of its own.

    What ``haitao consolidate`` does: each created product is added to the index as a SKU of this
    export, so only an equal GTIN can match a later product to it (an in-export duplicate).
    With ``keys`` (listing id → the real product behind it, from a generator's truth_detail.jsonl) it
    also counts the real products that got a SKU, and the in-export merges of two different products.
    """
    index = CatalogIndex([])
    tally: Counter = Counter()
    created_keys, wrong_merges = set(), 0
    for source in sources:
        decision = index.match(source)
        tally[decision.decision] += 1
        if decisions_out is not None:
            decisions_out.append(decision)
        if decision.decision == "created":
            index.add(dataclasses.replace(source, sku=source.source_id), same_export=True)
            created_keys.add(keys.get(source.source_id) if keys else source.source_id)
        elif keys and decision.decision == "matched":
            wrong_merges += keys.get(source.source_id) != keys.get(decision.sku)
    result = {"created": tally["created"], "in_export_duplicates": tally["matched"], "review": tally["review"],
              "created_share": round(tally["created"] / len(sources), 4) if sources else 1.0}
    if keys:
        products = {keys.get(s.source_id) for s in sources}
        result.update({"products": len(products), "products_created_share": round(len(created_keys) / len(products), 4),
                       "in_export_merges_of_two_products": wrong_merges})
    return result


def prepare(size: int, workdir: Path, seed: int = 7, regenerate: bool = False, generator: str = "a",
            timings: dict | None = None, engine: str = "default") -> tuple:
    """Generate (once) and read a set: the indexed catalog (of ``engine``), the normalised sources and the
    truth. Wall and CPU seconds of each step go into ``timings``."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    if regenerate or not (workdir / "truth.json").is_file():
        GENERATORS[generator](size, workdir, seed=seed)
        timings["generate_s"] = round(time.perf_counter() - started, 1)
    truth = json.loads((workdir / "truth.json").read_text(encoding="utf-8"))
    aliases = merge_aliases(json.loads((workdir / "aliases.json").read_text(encoding="utf-8")))
    normaliser = default_normaliser().with_aliases(aliases)

    t0, c0 = time.perf_counter(), time.process_time()
    index = make_index(engine)
    with (workdir / "catalog.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            index.add(normaliser.product(row["sku"], row["title"], brand=row.get("brand"), gtin=row.get("gtin"),
                                         hs_code=row.get("hs_code"), origin=row.get("origin_country"), sku=row["sku"]))
    t1, c1 = time.perf_counter(), time.process_time()
    export = open_export(workdir / "export")
    quarantined = 0
    sources = []
    for item in export.products():
        if isinstance(item, Quarantined):
            quarantined += 1
        else:
            sources.append(normaliser.source_product(item))
    t2, c2 = time.perf_counter(), time.process_time()
    timings.update({"catalog_normalise_index_s": round(t1 - t0, 1), "source_read_normalise_s": round(t2 - t1, 1),
                    "quarantined": quarantined,
                    "_clock": (t0, c0, c1, c2)})
    return index, sources, truth


def run(size: int, workdir: Path | None = None, seed: int = 7, regenerate: bool = False, generator: str = "a",
        decisions_out: list | None = None, first_import_out: list | None = None, engine: str = "default") -> dict:
    """``decisions_out`` and ``first_import_out``, when given, receive every export product's decision in the
    run and in the first import (for error breakdowns). ``engine``: splink_engine.ENGINES."""
    workdir = workdir or ROOT / "var" / "bench" / "consolidation" / (str(size) if generator == "a" else f"{generator}-{size}")
    timings: dict = {}
    index, sources, truth = prepare(size, workdir, seed, regenerate, generator, timings, engine)
    quarantined = timings.pop("quarantined")
    t0, c0, c1, c2 = timings.pop("_clock")
    t2 = time.perf_counter()
    index.learn(sources)
    t_learn, c_learn = time.perf_counter(), time.process_time()
    decisions = [index.match(s) for s in sources]
    if decisions_out is not None:
        decisions_out.extend(decisions)
    t3, c3 = time.perf_counter(), time.process_time()
    timings.update({
        "learn_s": round(t_learn - t2, 1),
        "match_s": round(t3 - t_learn, 1),
        "total_s": round(t3 - t0, 1),
        # CPU seconds of this process (DuckDB's threads included; a Spark JVM's not): the figure that
        # does not depend on how many other jobs share the machine
        "cpu": {"catalog_normalise_index_s": round(c1 - c0, 1), "source_read_normalise_s": round(c2 - c1, 1),
                "learn_s": round(c_learn - c2, 1), "match_s": round(c3 - c_learn, 1), "total_s": round(c3 - c0, 1)},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    })
    detail = workdir / "truth_detail.jsonl"
    keys = None
    if detail.is_file():  # the real product behind each listing (the generators written apart from the matcher)
        with detail.open(encoding="utf-8") as handle:
            keys = {row["id"]: row["key"] for row in map(json.loads, handle) if row.get("key")}
    first = first_import(sources, first_import_out, keys or None)
    result = {"generator": generator, "engine": engine, "size": size, "first_import": first, "catalog": len(index), "source": len(sources) + quarantined, "quarantined": quarantined,
              **evaluate(decisions, truth, _created_with_catalog_gtin(index, sources, decisions)), "timings": timings,
              "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}", "date": date.today().isoformat()}
    return result


def _row(result: dict) -> str:
    t = result["timings"]
    first = result["first_import"]
    return (f"| {result.get('generator', 'a')} | {result['size']:,} | {result['precision']:.4f} | {result['recall']:.4f} | "
            f"{result['matched']:,} / {result['review']:,} / {result['created']:,} | {result['duplicates_created']:,} | "
            f"{result['created_with_a_catalog_gtin']} | {first['created_share']:.4f} ({first['in_export_duplicates']} in-export "
            f"GTIN duplicates) | {t['total_s']} s (learn {t['learn_s']} s, match {t['match_s']} s) | {result['date']} |")


HEADER = ("| set | N | precision | recall | matched / review / created | true matches created | created although a SKU "
          "has its GTIN | first import: created share | wall time | date |\n|---|---|---|---|---|---|---|---|---|---|")


def update_doc(result: dict, doc: Path = DOC) -> None:
    """Rewrite only this generator and size's row of the consolidation section, keeping everything else."""
    text = doc.read_text(encoding="utf-8") if doc.is_file() else "# Benchmarks\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n## Consolidation: product matching\n\n{HEADER}\n{END}\n"
    before, rest = text.split(START, 1)
    old, after = rest.split(END, 1)
    key = f"| {result.get('generator', 'a')} | {result['size']:,} |"
    lines = old.split("\n")
    rows = [i for i, line in enumerate(lines) if re.match(r"\|\s*[ab]\s*\|\s*[\d,]+\s*\|", line)]
    for i in rows:
        if lines[i].startswith(key):
            lines[i] = _row(result)
            break
    else:
        header = next(i for i, line in enumerate(lines) if line.startswith("|---"))
        lines.insert(rows[-1] + 1 if rows else header + 1, _row(result))
    doc.write_text(before + START + "\n".join(lines) + END + after, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--generator", choices=sorted(GENERATORS), default="a",
                        help="a: generate.py (ours); b, c, d, e: generate_b/c/d/e.py (independent, used for tuning since); "
                             "f: generate_f.py (written without reading the matcher; held out, see docs/benchmarks.md); "
                             "g: generate_g.py (written without reading the matcher; held out)")
    parser.add_argument("--engine", choices=ENGINES, default="default", help="matching engine (see docs/consolidation.md)")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args(argv)
    result = run(args.size, args.workdir, args.seed, args.regenerate, args.generator, engine=args.engine)
    if not args.no_doc and args.engine == "default":  # the Splink engines have their own subsection
        update_doc(result)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(_row(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
