"""Search latency on a large catalog (PostgreSQL): the demo catalog grown to N SKUs (default 100,000),
every one listed in the dolphin storefront, then the labelled queries timed.

    HAITAO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/haitao_search \\
        .venv/bin/python -m benchmarks.search.scale --skus 100000

The added SKUs are variants of the demo's (same brands, lines and categories; other sizes, stages,
vintages and series words), so queries meet realistic numbers of matches. Figures: index build time,
then p50/p95/p99 of the search call (parse, match, rank, count, page) over the labelled queries
repeated: without the page cache (`cached=False`), without and with facet counts, and with the page
cache warm (each query made once before the timed rounds). The machine's load average is printed with
each figure: on a shared machine it decides the tail. Not a test: nothing here asserts a time.

Rerunning against the same database reuses the catalog and the index (nothing is grown or rebuilt when
every SKU and document is there; `--rebuild` forces the index build), so a rerun takes a minute or two:
`--rounds` sets the repetitions, `--slowest N` lists the N slowest uncached queries with their matches.
"""

import argparse
import math
import os
import random
import statistics
import time

SERIES = ["经典", "臻选", "尊享", "专业", "限定", "旅行装", "家庭装", "升级版", "新版", "礼盒", "mini", "plus",
          "classic", "select", "family", "travel", "limited", "pro"]


def _grow(target: int, seed: int = 7) -> int:
    from django.db import transaction

    from haitao.brands.models import Brand
    from haitao.catalog.models import Listing, Sku
    from haitao.inventory.models import Stock, Warehouse

    rng = random.Random(seed)
    have = Sku.objects.count()
    base = list(Sku.objects.filter(code__regex=r"^[A-Z]{2}-[A-Z0-9]{3}-\d\d$").order_by("code"))
    dolphin, wombat = Brand.objects.get(code="dolphin"), Brand.objects.get(code="wombat")
    merchant = Listing.objects.filter(brand=dolphin).first().merchant
    bonded = Warehouse.objects.filter(kind="bonded").first()
    made = 0
    while have + made < target:
        batch = min(5000, target - have - made)
        skus = []
        for i in range(batch):
            n = have + made + i
            src = base[n % len(base)]
            word = rng.choice(SERIES)
            skus.append(Sku(**{f.attname: getattr(src, f.attname) for f in Sku._meta.concrete_fields
                               if f.attname not in ("id", "code", "gtin", "title", "title_en", "created_at",
                                                    "updated_at")},
                            code=f"{src.code}-V{n}", gtin="", title=f"{src.title} {word} {n % 97}号",
                            title_en=f"{src.title_en} {word} no.{n % 97}"))
        with transaction.atomic():
            Sku.objects.bulk_create(skus, batch_size=1000)
            Listing.objects.bulk_create(
                [Listing(brand=dolphin, sku=s, merchant=merchant, price=rng.randint(50, 5000)) for s in skus]
                + [Listing(brand=wombat, sku=s, merchant=merchant, price=rng.randint(50, 5000)) for s in skus[::2]],
                batch_size=1000)
            Stock.objects.bulk_create([Stock(warehouse=bonded, sku=s, owner=merchant, on_hand=rng.randint(0, 50)) for s in skus],
                                      batch_size=1000)
        made += batch
    return made


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _percentiles(ms: list[float]) -> str:
    ms = sorted(ms)
    p = lambda q: ms[min(len(ms) - 1, math.ceil(len(ms) * q) - 1)]  # noqa: E731
    return f"p50 {statistics.median(ms):6.1f} ms  p95 {p(0.95):6.1f} ms  p99 {p(0.99):6.1f} ms  (n={len(ms)})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="rebuild (and time) the index even if it is whole")
    parser.add_argument("--slowest", type=int, default=0, help="list the N slowest uncached searches")
    args = parser.parse_args(argv)
    from .relevance import _setup

    _setup()
    from django.db import connection

    from haitao.brands.models import Brand
    from haitao.catalog.models import Listing, SearchDocument
    from haitao.catalog.search import index
    from haitao.catalog.search.ranking import search

    from .queries import Q

    if connection.vendor != "postgresql":
        print("note: this benchmark is meant for PostgreSQL (HAITAO_DATABASE_URL)")
    made = _grow(args.skus)
    if made or args.rebuild or index.stale():
        started = time.perf_counter()
        index.rebuild()
        print(f"index build: {SearchDocument.objects.count()} documents in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    brand = Brand.objects.get(code="dolphin")
    print(f"{connection.vendor}: {Listing.objects.filter(brand=brand).count()} listings in dolphin, "
          f"{Listing.objects.count()} in all")
    queries = [q for q, *_ in Q]
    search(brand, "warm-up", cached=False)
    print(f"load average at start: {_load()}")
    for label, facets, cached in (("search, no cache", False, False), ("search + facets, no cache", True, False),
                                  ("search + facets, warm cache", True, True)):
        times, counts, slow = [], [], {}
        if cached:  # fill the page cache: the timed rounds then read what a repeated search reads
            for q in queries:
                search(brand, q, limit=24, facets=facets)
        for _ in range(args.rounds):
            for q in queries:
                started = time.perf_counter()
                result = search(brand, q, limit=24, facets=facets, cached=cached)
                times.append((time.perf_counter() - started) * 1000)
                counts.append(result.count)
                slow[q] = max(slow.get(q, (0, 0)), (times[-1], result.count))
        print(f"{label:28}: {_percentiles(times)}; median matches {statistics.median(counts):.0f}, "
              f"max {max(counts)}; load average {_load()}")
        if args.slowest and not cached:
            for q, (ms, n) in sorted(slow.items(), key=lambda item: -item[1][0])[:args.slowest]:
                print(f"    {ms:7.1f} ms  {n:6d} matches  {q}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
