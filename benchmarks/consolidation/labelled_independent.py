"""The independent hand-labelled pairs (data/labelled_pairs_independent.csv) through the benchmark.

    .venv/bin/python -m benchmarks.consolidation.labelled_independent --json

Each row pairs a haitao catalog SKU (left) with a listing of another platform (right), labelled
``match`` or ``non_match`` with a short reason. Written by hand for issue 14 without reading the matcher
(GTIN check digits were computed, nothing else). The rows become a benchmark workdir — the distinct lefts
are the catalog, the distinct rights the export, a right's truth is the left of its ``match`` row or
none — and ``run.run`` evaluates it exactly as it evaluates a generator's output.

A right listing may appear in several rows (its match and its hard negatives); a right without a
``match`` row has no true match anywhere in the catalog.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from . import run as bench

DATA = Path(__file__).resolve().parent / "data" / "labelled_pairs_independent.csv"
COLUMNS = ["pair_id", "left_id", "left_title", "left_brand", "left_gtin", "left_spec", "right_id", "right_title",
           "right_brand", "right_gtin", "right_spec", "label", "reason"]


def read_pairs(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path}: columns must be {COLUMNS}")
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        if row["label"] not in ("match", "non_match"):
            raise ValueError(f"{path}:{line}: label must be match or non_match")
    return rows


def _side(row: dict, side: str) -> dict:
    item = {"title": row[f"{side}_title"]}
    for field in ("brand", "gtin", "spec"):
        if row[f"{side}_{field}"]:
            item[field] = row[f"{side}_{field}"]
    return item


def build_workdir(rows: list[dict], workdir: Path) -> int:
    """Writes catalog.jsonl, export/, truth.json and aliases.json; returns the number of right listings."""
    lefts: dict[str, dict] = {}
    rights: dict[str, dict] = {}
    truth: dict[str, str | None] = {}
    for row in rows:
        lefts.setdefault(row["left_id"], _side(row, "left"))
        rights.setdefault(row["right_id"], _side(row, "right"))
        truth.setdefault(row["right_id"], None)
        if row["label"] == "match":
            if truth[row["right_id"]] not in (None, row["left_id"]):
                raise ValueError(f"{row['pair_id']}: {row['right_id']} matches two catalog SKUs")
            truth[row["right_id"]] = row["left_id"]
    (workdir / "export").mkdir(parents=True, exist_ok=True)
    with (workdir / "catalog.jsonl").open("w", encoding="utf-8") as handle:
        for sku, item in lefts.items():
            handle.write(json.dumps({"sku": sku, **item}, ensure_ascii=False) + "\n")
    (workdir / "export" / "manifest.json").write_text(json.dumps(
        {"format_version": 1, "platform": "labelled", "exported_at": "2026-11-29T00:00:00+08:00"}) + "\n",
        encoding="utf-8")
    with (workdir / "export" / "products.jsonl").open("w", encoding="utf-8") as handle:
        for rid, item in rights.items():
            handle.write(json.dumps({"id": rid, **item, "price": "99.00"}, ensure_ascii=False) + "\n")
    (workdir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    (workdir / "aliases.json").write_text("{}\n", encoding="utf-8")
    return len(rights)


def evaluate(workdir: Path, path: Path = DATA) -> dict:
    rows = read_pairs(path)
    size = build_workdir(rows, workdir)
    result = bench.run(size, workdir)
    result.update({"generator": "labelled-independent", "pairs": len(rows),
                   "match_pairs": sum(r["label"] == "match" for r in rows), "catalog_skus": result["catalog"]})
    result.pop("timings", None)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="evaluate the independent hand-labelled pairs")
    parser.add_argument("--workdir", type=Path, default=bench.ROOT / "var" / "bench" / "consolidation" / "labelled-independent")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate(args.workdir)
    print(json.dumps(result, indent=2) if args.json else
          f"precision {result['precision']} recall {result['recall']} duplicates {result['duplicates_created']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
