"""Generator c (or d: ``--generator d``) through the real command: ``haitao consolidate`` twice, then the reports against the truth.

    .venv/bin/python -m benchmarks.consolidation.e2e_c --size 2000 --var-dir var/bench/e2e-c-db --json

Into an EMPTY haitao (SQLite in --var-dir, which must not exist yet: never the developer's database), it
consolidates the haitao side (``haitao-export/``: the first import, which should become the catalog) and
then the acquired platform (``export/``), and scores both ``report.json`` files: products (first-import
created share; precision, recall and duplicates of ``matched``) and customers (precision and recall of
``linked``). Unlike ``run.py`` it covers customers and everything the command does; it is slow (about
0.5 s per record on the shared 2-core machine), so it is meant for thousands of products, not millions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from . import generate_c, generate_d, generate_e, generate_f, generate_g

GENERATORS = {"c": generate_c.generate, "d": generate_d.generate, "e": generate_e.generate, "f": generate_f.generate,
              "g": generate_g.generate}  # those that write customers and both exports


def _haitao(var_dir: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HAITAO_DATABASE_URL"} | {"HAITAO_VAR_DIR": str(var_dir)}
    subprocess.run([str(Path(sys.executable).parent / "haitao"), *args], check=True, env=env)


def _decisions(report: dict, kind: str, target: str) -> dict:
    return {item["source_id"]: (item["decision"], item.get(target)) for item in report[kind]}


def score(truth: dict, first: dict, second: dict, kind: str, target: str, merged: str,
          keys: dict | None = None) -> dict:
    """Precision/recall of ``merged`` (matched or linked) in the second report, truth mapped through the first.

    With ``keys`` (source id -> hidden product key, both exports), a merge into a record the second run
    itself created counts as right when both listings are the same real product (an in-export duplicate).
    """
    mapped = {sid: t for sid, (_, t) in _decisions(first, kind, target).items()}
    decisions = _decisions(second, kind, target)
    merged_ids = [sid for sid, (d, _) in decisions.items() if d == merged]
    recalled = sum(1 for sid in merged_ids if truth.get(sid) and decisions[sid][1] == mapped.get(truth[sid]))
    correct = recalled
    if keys is not None:
        created = [(sid, t) for sid, (d, t) in _decisions(first, kind, target).items() if d == "created"]
        created += [(sid, t) for sid, (d, t) in decisions.items() if d == "created"]
        key_of_target = {t: keys.get(sid) for sid, t in created}
        correct = sum(1 for sid in merged_ids if keys.get(sid) is not None
                      and key_of_target.get(decisions[sid][1]) == keys[sid])
    true = sum(1 for sid in decisions if truth.get(sid))
    created_true = sum(1 for sid, (d, _) in decisions.items() if d == "created" and truth.get(sid))
    return {"read": len(decisions), "true": true, merged: len(merged_ids), "correct": correct,
            "review": sum(1 for d, _ in decisions.values() if d == "review"),
            "precision": round(correct / len(merged_ids), 4) if merged_ids else 1.0,
            "recall": round(recalled / true, 4) if true else 1.0, "duplicates_created": created_true,
            "first_import_created_share": round(
                sum(1 for item in first[kind] if item["decision"] == "created") / len(first[kind]), 4)
            if first[kind] else 1.0}


def evaluate(workdir: Path) -> dict:
    first = json.loads((workdir / "r-haitao" / "report.json").read_text(encoding="utf-8"))
    second = json.loads((workdir / "r-acquired" / "report.json").read_text(encoding="utf-8"))
    products = json.loads((workdir / "truth.json").read_text(encoding="utf-8"))
    customers = json.loads((workdir / "customers_truth.json").read_text(encoding="utf-8"))
    keys: dict | None = {}
    if not (workdir / "keys_haitao.jsonl").is_file():  # generator d keeps no hidden keys of the haitao side
        keys = None
    for name in ("keys_haitao.jsonl", "truth_detail.jsonl") if keys is not None else ():
        with (workdir / name).open(encoding="utf-8") as handle:
            keys.update((row.get("id") or row["sku"], row["key"]) for row in map(json.loads, handle))  # f says "sku"
    return {"products": score(products, first, second, "products", "sku", "matched", keys),
            "customers": score(customers, first, second, "customers", "customer", "linked"),
            "counts": {"haitao": first["counts"], "acquired": second["counts"]}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="generator c or d through `haitao consolidate` (needs an empty haitao)")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--generator", choices=sorted(GENERATORS), default="c")
    parser.add_argument("--workdir", type=Path, help="default var/bench/consolidation/e2e-GENERATOR")
    parser.add_argument("--var-dir", type=Path, required=True, help="a NEW folder for the SQLite haitao it fills")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.var_dir.exists():
        parser.error(f"--var-dir {args.var_dir} exists: give a new folder (the run needs an empty haitao)")
    args.workdir = args.workdir or Path("var") / "bench" / "consolidation" / f"e2e-{args.generator}"
    if not (args.workdir / "truth.json").is_file():
        GENERATORS[args.generator](args.size, args.workdir, seed=args.seed)
    _haitao(args.var_dir, "migrate")
    for folder, brand, report in (("haitao-export", "home", "r-haitao"), ("export", "lynx", "r-acquired")):
        _haitao(args.var_dir, "consolidate", str(args.workdir / folder), "--brand", brand,
                "--report", str(args.workdir / report), "--quiet")
    result = evaluate(args.workdir)
    print(json.dumps(result, indent=2) if args.json else json.dumps({k: result[k] for k in ("products", "customers")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
