"""Generator g: an independent, held-out product-matching set in eighteen categories no other set covers.

Written from the export format (shared/formats/platform-export.md), reader.py, generate_f's documented interface
and its test alone, WITHOUT reading the matcher (haitao/consolidation, reader.py aside) or the other generators.
It plays "haiyoumi" (海优米), an acquired cross-border import platform, against haitao's catalog.

    generate(size, out, seed=7) writes into ``out``:

    catalog.jsonl        haitao's catalog: ``size`` SKUs {"sku","title","brand","gtin","hs_code","origin_country"}
    keys_haitao.jsonl    {"sku","key"}: the real product behind each SKU
    haitao-export/       the same catalog as a platform export (manifest, products, customers): a first import
    export/              the acquired platform: ``size`` listings, its stores (merchants.jsonl) and customers
    truth.json           {acquired product id: haitao SKU or null}
    truth_detail.jsonl   {"id","truth","tags","key","category"} per listing
    customers_truth.json {acquired customer id: haitao customer id or null}; aliases.json {}; stats.json

Categories: dog food and cat food (kg/lb/斤, puppy/adult/senior), baby bottles (ml, PPSU/glass, flow S/M/L) and
teats (SS..LL, packs), shampoo/conditioner/hair mask (hair type, ml), toothpaste (flavour, g/ml), electric
toothbrushes and electric shavers (model numbers, colours), manual razors (cartridge counts), perfume (EDT/EDP/
Parfum, ml/oz), sunglasses (model + frame colour code, lens, mm), headphones (model/colour code), kitchen knives
(type, cm/inch), cookware (type, cm, colour), protein bars (flavour, g, bars per box), olive oil (ml/L, cases of
6 with GTIN-14), sports shoes (EU/US/UK/mm sizes, colour codes), watches (model/colour code, case mm, strap).

Positive tags (notation; "clean" when none): brand_chinese_only, brand_latin_only, brand_native_script,
brand_typo, brand_not_in_title, no_brand_field, brand_in_store_name, brand_field_other_script, line_translated,
line_missing, model_notation, noun_alias, noun_english, noun_missing, <axis>_alias, <axis>_english,
unit_notation, unit_converted, pack_notation, pack_multiplied, count_notation, shoe_notation, size_converted,
spec_in_field, spec_repeated, reordered, extra_words, origin_words, marketing, english_only, traditional,
fullwidth, no_gtin, gtin_invalid, gtin_spaced, gtin_padded, gtin_upc_as_ean, gtin_lost_zero,
in_export_duplicate. Negatives lead with their kind: other_variant (+ other_<axis>: other_size, other_pack,
other_colour, other_flavour, other_stage, other_flow, other_material, other_concentration, other_lens,
other_shoe, other_count, other_form, other_hair, other_type, other_case, other_strap), absent_line (a catalog
brand's line haitao lacks; brand_not_in_catalog when the brand has no SKU at all), lookalike_brand (a knock-off
of a catalog product), unknown_brand, copied_gtin + copied_from_other_category (a catalog GTIN on another brand's product of
another category), then their notation tags. About one listing in ten copies haitao's own title (a tidy seller).

GTIN rule of the truth: every product has one GTIN of its own; a valid GTIN equal on both sides (after zero
padding) is the true pair, except a copied_gtin listing (whose brand clearly differs); a true pair never carries
two different valid GTINs. Deterministic for a seed; rows are written as they are made and both sides are
shuffled through bucket files, so memory stays bounded (a set of family keys and the truth ids aside).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from .generate_g_customers import write_customers
from .generate_g_gtin import normal
from .generate_g_listings import Maker
from .generate_g_rows import Stores, catalog_rows, listing_row, sku_code
from .generate_g_shuffle import Shuffler
from .generate_g_world import World

MANIFEST = {"format_version": 1, "exported_at": "2025-03-01T10:00:00+08:00", "currency": "CNY"}


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _listing_id(i: int) -> str:
    return f"HYM{(i * 104729 + 777) % 90_000_000 + 10_000_000:08d}"


def generate(size: int, out: Path, seed: int = 7) -> Path:
    out = Path(out)
    for folder in (out, out / "export", out / "haitao-export"):
        folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    world = World(random.Random(seed * 31 + 1), size)
    stores = Stores(random.Random(seed * 31 + 2))
    buckets = max(1, size // 4000)
    catalog = Shuffler(out / ".tmp-catalog", buckets, random.Random(seed * 31 + 3))
    listings = Shuffler(out / ".tmp-listings", buckets, random.Random(seed * 31 + 4))

    def on_catalog(p, n, with_gtin):
        sku = sku_code(n)
        row, hx = catalog_rows(p, sku, with_gtin, rng)
        catalog.add([row, {"sku": sku, "key": p.key}, hx])
        return sku, row.get("gtin")

    def on_listing(p, truth, tags, gtin):
        row, more = listing_row(p, gtin, rng, stores)
        all_tags = [*tags, *more] or ["clean"]
        listings.add([row, {"truth": truth, "tags": all_tags, "key": p.key, "category": p.cat["code_name"],
                            "brand": p.brand.id}])

    maker = Maker(world, rng, size, on_catalog, on_listing)
    maker.run()

    with (out / "catalog.jsonl").open("w", encoding="utf-8") as cat, \
            (out / "keys_haitao.jsonl").open("w", encoding="utf-8") as keys, \
            (out / "haitao-export" / "products.jsonl").open("w", encoding="utf-8") as hx:
        for row, key, hx_row in catalog.drain():
            cat.write(_dump(row) + "\n")
            keys.write(_dump(key) + "\n")
            hx.write(_dump(hx_row) + "\n")
    stats: dict = {"size": size, "seed": seed, "tags": Counter(), "categories": Counter(), "positives": 0}
    with (out / "export" / "products.jsonl").open("w", encoding="utf-8") as products, \
            (out / "truth_detail.jsonl").open("w", encoding="utf-8") as detail, \
            (out / "truth.json").open("w", encoding="utf-8") as truth:
        truth.write("{")
        for i, (row, d) in enumerate(listings.drain()):
            pid = _listing_id(i)
            brand = d.pop("brand")
            if "absent_line" in d["tags"] and brand not in maker.catalog_brands:
                d["tags"] = ["brand_not_in_catalog" if t == "absent_line" else t for t in d["tags"]]
            products.write(_dump({"id": pid, **row}) + "\n")
            detail.write(_dump({"id": pid, **d}) + "\n")
            truth.write(("," if i else "") + f"{_dump(pid)}:{_dump(d['truth'])}")
            stats["tags"].update(d["tags"])
            stats["categories"][d["category"]] += 1
            stats["positives"] += d["truth"] is not None
        truth.write("}\n")
    with (out / "export" / "merchants.jsonl").open("w", encoding="utf-8") as merchants:
        for row in stores.rows.values():
            merchants.write(_dump(row) + "\n")
    for folder, platform in ((out / "export", "haiyoumi"), (out / "haitao-export", "haitao")):
        (folder / "manifest.json").write_text(_dump({**MANIFEST, "platform": platform}) + "\n", encoding="utf-8")
    stats["customers"] = write_customers(out, size, seed, random.Random(seed * 31 + 5))
    stats["catalog_gtins"] = sum(1 for line in (out / "catalog.jsonl").open(encoding="utf-8") if '"gtin"' in line)
    stats["merchants"] = len(stores.rows)
    (out / "aliases.json").write_text("{}\n", encoding="utf-8")
    stats["tags"], stats["categories"] = dict(stats["tags"].most_common()), dict(sorted(stats["categories"].items()))
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def gtin_rule_violations(out: Path) -> list[str]:
    """Where the truth breaks the GTIN rule (see the module docstring); empty when it holds."""
    out = Path(out)
    problems: list[str] = []
    by_gtin: dict[str, str] = {}
    sku_gtin: dict[str, str] = {}
    for line in (out / "catalog.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row.get("gtin"):
            g = normal(row["gtin"])
            if g is None:
                problems.append(f"catalog {row['sku']}: GTIN {row['gtin']} is not valid")
            elif g in by_gtin:
                problems.append(f"catalog {row['sku']}: GTIN {g} also on {by_gtin[g]}")
            else:
                by_gtin[g], sku_gtin[row["sku"]] = row["sku"], g
    key_of_gtin: dict[str, str] = {}
    details = (out / "truth_detail.jsonl").open(encoding="utf-8")
    for line, detail_line in zip((out / "export" / "products.jsonl").open(encoding="utf-8"), details):
        row, d = json.loads(line), json.loads(detail_line)
        g = normal(row.get("gtin"))
        if row["id"] != d["id"]:
            problems.append(f"{row['id']}: truth_detail is out of step ({d['id']})")
        if g is None:
            continue
        if "copied_gtin" in d["tags"]:
            if d["truth"] == by_gtin.get(g):
                problems.append(f"{row['id']}: copied GTIN but truth is its owner")
            continue
        if g in by_gtin and d["truth"] != by_gtin[g]:
            problems.append(f"{row['id']}: GTIN {g} is {by_gtin[g]}'s but truth is {d['truth']}")
        if d["truth"] in sku_gtin and sku_gtin[d["truth"]] != g:
            problems.append(f"{row['id']}: true pair with two GTINs {g} / {sku_gtin[d['truth']]}")
        if key_of_gtin.setdefault(g, d["key"]) != d["key"]:
            problems.append(f"{row['id']}: GTIN {g} on two products")
    return problems
