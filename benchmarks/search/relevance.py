"""Search quality on the labelled set (queries.py) in each demo storefront: nDCG@10, the share of
queries that return nothing although the storefront sells what the buyer means (grade 2), and latency.

    .venv/bin/python -m benchmarks.search.relevance            # SQLite under var/ (or HAITAO_DATABASE_URL)
    .venv/bin/python -m benchmarks.search.relevance --show tune   # per-query lines of the tuning part only

It migrates and loads the demo (idempotent) first. Latency is the uncached search call
(catalog.search.ranking.search: parse, match, rank, count, first page), not the HTTP round trip.
"""

import argparse
import math
import os
import statistics
import time


def _setup():
    from haitao.demo.secrets import demo_environment

    os.environ.update(demo_environment())  # the demo's secrets and sandbox provider (the loader pays orders)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from haitao.demo import load

    call_command("migrate", interactive=False, verbosity=0)
    load()


def _matches(rule: str, sku) -> bool:
    for test in rule.split("&"):
        key, _, value = test.partition(":")
        if not value:  # a code prefix
            if not sku.code.startswith(test):
                return False
        elif key == "cat" and sku.category.slug != value:
            return False
        elif key == "brand" and sku.brand_name != value:
            return False
        elif key == "origin" and sku.origin_country != value:
            return False
        elif key == "t" and value.lower() not in f" {sku.title} | {sku.title_en} ".lower():
            return False
    return True


def grade(sku, rules2, rules1) -> int:
    if any(_matches(r, sku) for r in rules2):
        return 2
    return 1 if any(_matches(r, sku) for r in rules1) else 0


def ndcg(found: list[int], grades: dict[int, int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(lid, 0) - 1) / math.log2(i + 2) for i, lid in enumerate(found[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def evaluate(brand, entries, show: bool = False) -> dict:
    from haitao.catalog.models import Listing
    from haitao.catalog.search.ranking import search

    listings = list(Listing.objects.visible().for_brand(brand))
    search(brand, "warm-up", limit=10)  # the lexicon (jieba and the product dictionary) loads once per process
    scores, zero, latencies, judged, meant = [], [], [], 0, 0
    for query, kinds, rules2, rules1 in entries:
        grades = {listing.pk: g for listing in listings if (g := grade(listing.sku, rules2, rules1))}
        started = time.perf_counter()
        result = search(brand, query, limit=10, cached=False)
        latencies.append((time.perf_counter() - started) * 1000)
        if not grades:
            continue
        judged += 1
        meant += 2 in grades.values()
        score = ndcg(result.listing_ids, grades)
        scores.append(score)
        if not result.listing_ids and 2 in grades.values():
            zero.append(query)
        if show:
            print(f"  {brand.code:8} {score:5.2f} {result.count:4d} {query!r} [{kinds}]"
                  + (f" did-you-mean={result.did_you_mean}" if result.did_you_mean else ""))
    latencies.sort()
    return {"queries": len(entries), "judged": judged, "ndcg10": statistics.mean(scores) if scores else 0.0,
            "zero": zero, "meant": meant, "p50_ms": statistics.median(latencies),
            "p99_ms": latencies[min(len(latencies) - 1, math.ceil(len(latencies) * 0.99) - 1)]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=["tune", "holdout"], help="print each query of this part")
    args = parser.parse_args(argv)
    _setup()
    from django.db import connection

    from haitao.brands.models import Brand

    from .queries import Q, split

    print(f"engine: {connection.vendor}; {len(Q)} labelled queries")
    print(f"{'brand':8} {'part':8} {'queries':>7} {'judged':>6} {'nDCG@10':>8} {'zero-result':>11} "
          f"{'p50 ms':>7} {'p99 ms':>7}")
    for brand in Brand.objects.filter(code__in=["dolphin", "wombat"]).order_by("code"):
        for part in ("tune", "holdout"):
            entries = [e for e in Q if split(e[0]) == part]
            r = evaluate(brand, entries, show=args.show == part)
            print(f"{brand.code:8} {part:8} {r['queries']:7d} {r['judged']:6d} {r['ndcg10']:8.3f} "
                  f"{len(r['zero']):4d}/{r['meant']:<3d}    {r['p50_ms']:7.1f} {r['p99_ms']:7.1f}"
                  + (f"  zero: {r['zero']}" if r["zero"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
