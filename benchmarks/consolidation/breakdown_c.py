"""Where the matcher's errors on generator c come from: the runner's figures split by what the generator did.

    .venv/bin/python -m benchmarks.consolidation.breakdown_c --size 10000 --json

Runs ``run.run(..., generator="c")`` and joins its decisions with truth_detail.jsonl (the perturbation
tags of each acquired product). Splits recall by whether both sides carry the same valid GTIN, and
precision by whether the acquired listing carries a GTIN "shared by mistake" (a sibling variant's, or the
single unit's on a multi-pack), since a reader may weigh those labels differently.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from . import run as bench

MISTAKEN_GTIN = {"gtin:unit_on_pack", "gtin:wrong_sibling"}


def _valid(digits: str) -> bool:
    body, check = digits[:-1], digits[-1]
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10) == check


def gtin14(raw: str | None) -> str | None:
    """A GTIN as 14 digits when it is one (spaces dropped, zero-padded, check digit right), else None."""
    digits = "".join((raw or "").split())
    if not digits.isdigit() or not 8 <= len(digits) <= 14 or not _valid(digits) or not digits.strip("0"):
        return None
    return digits.zfill(14)


def _rate(good: int, total: int) -> float | None:
    return round(good / total, 4) if total else None


def breakdown(size: int, workdir: Path | None = None, seed: int = 7) -> dict:
    decisions: list = []
    first: list = []
    result = bench.run(size, workdir, seed, generator="c", decisions_out=decisions, first_import_out=first)
    workdir = workdir or bench.ROOT / "var" / "bench" / "consolidation" / f"c-{size}"
    catalog_gtin = {}
    with (workdir / "catalog.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            catalog_gtin[row["sku"]] = gtin14(row.get("gtin"))
    source_gtin, detail = {}, {}
    with (workdir / "export" / "products.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            source_gtin[row["id"]] = gtin14(row.get("gtin"))
    with (workdir / "truth_detail.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            detail[row["id"]] = (row["sku"], set(row["tags"]), row["key"])
    tally: Counter = Counter()
    false_by_tag: Counter = Counter()
    missed_by_tag: Counter = Counter()
    for d in decisions:
        sku, tags, _ = detail[d.source_id]
        mistaken = bool(tags & MISTAKEN_GTIN)
        anchored = bool(sku) and source_gtin[d.source_id] is not None and source_gtin[d.source_id] == catalog_gtin[sku]
        if d.decision == "matched":
            ok = d.sku == sku
            tally["matched_mistaken_gtin" if mistaken else "matched_clean"] += 1
            tally["correct_clean"] += ok and not mistaken
            if not ok:
                false_by_tag.update(t for t in tags if t.startswith(("gtin:", "brandless", "in_export")))
                tally["false_mistaken_gtin" if mistaken else "false_other"] += 1
        if sku:
            tally["true_anchored" if anchored else "true_unanchored"] += 1
            if d.decision == "matched" and d.sku == sku:
                tally["found_anchored" if anchored else "found_unanchored"] += 1
            else:
                tally[f"missed_{'anchored' if anchored else 'unanchored'}_{d.decision}"] += 1
                missed_by_tag.update(t for t in tags if t.startswith(("gtin:", "brandless", "title:size_missing",
                                                                       "title:no_brand", "title:traditional")))
    for d in first:  # a first-import merge is right when both listings are the same real product
        if d.decision == "matched":
            same = detail[d.source_id][2] == detail[d.sku][2]
            tally["first_import_merge_right" if same else "first_import_merge_wrong"] += 1
    result["breakdown"] = {
        "first_import_merges_same_product": tally["first_import_merge_right"],
        "first_import_merges_different_products": tally["first_import_merge_wrong"],
        "in_export_duplicates_in_truth": sum(1 for _, tags, _ in detail.values() if "in_export_duplicate" in tags),
        "precision_without_mistaken_gtins": _rate(tally["correct_clean"], tally["matched_clean"]),
        "false_matched_with_mistaken_gtin": tally["false_mistaken_gtin"],
        "false_matched_other": tally["false_other"],
        "recall_same_valid_gtin_both_sides": _rate(tally["found_anchored"], tally["true_anchored"]),
        "recall_without_a_shared_gtin": _rate(tally["found_unanchored"], tally["true_unanchored"]),
        "true_matches_with_same_valid_gtin": tally["true_anchored"],
        "missed": {k: v for k, v in sorted(tally.items()) if k.startswith("missed_")},
        "false_matched_by_tag": dict(false_by_tag.most_common(12)),
        "missed_by_tag": dict(missed_by_tag.most_common(12)),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="generator c: the benchmark's figures split by perturbation")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = breakdown(args.size, args.workdir, args.seed)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else json.dumps(result["breakdown"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
