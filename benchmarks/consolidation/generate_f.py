"""Generator f: an independent, held-out product-matching set in sixteen categories no other set covers.

Written from the export format (shared/formats/platform-export.md), generate_e's documented interface and its
test alone, WITHOUT reading the matcher (haitao/consolidation, reader.py aside) or the other generators.

    generate(size, out, seed=7) writes into ``out``:

    catalog.jsonl        haitao's catalog: ``size`` SKUs {"sku","title","brand","gtin","hs_code","origin_country"}
    keys_haitao.jsonl    {"sku","key"}: the real product behind each SKU
    haitao-export/       the same catalog as a platform export (manifest, products, customers): a first import
    export/              the acquired platform: ``size`` listings, its stores (merchants.jsonl) and customers
    truth.json           {acquired product id: haitao SKU or null}
    truth_detail.jsonl   {"id","truth","tags","key","category"} per listing
    customers_truth.json {acquired customer id: haitao customer id or null}; aliases.json {}; stats.json

Categories: bird's nest and chicken essence, ginseng (Korean red, American), chocolate, instant noodles, sauces and
curry roux, collagen drinks, hair dye (shade codes), nail polish (shade codes), mouthwash and floss, hand cream and
lip balm, cat litter (kg, lb, L), vacuum flasks (model numbers), luggage (inch), car seats and strollers, breast
pumps (single/double), batteries (AA/AAA, packs). Real brands in Latin, Chinese, kana and Hangul, plus invented
brands whose Latin and Chinese names transliterate each other (some with only one of the two).

Positives carry notation tags (unit_notation, unit_converted, pack_notation, pack_multiplied, shade_notation,
model_notation, colour_english, line_translated, english_only, traditional, fullwidth, brand_native_script,
brand_latin_only, brand_typo, no_brand_field, brand_in_store_name, brand_not_in_title, spec_in_field,
no_gtin, gtin_padded, gtin_upc_as_ean, gtin_lost_zero, gtin_spaced, gtin_invalid, in_export_duplicate; "clean"
when none). Negatives: other_variant (+ other_size, other_pack, other_colour, other_shade, other_option,
other_model, other_cocoa, other_battery_size, other_side), lookalike_brand, absent_line, unknown_brand,
copied_gtin (another category's, another brand's GTIN).

GTIN rule of the truth: every product has one GTIN of its own; a valid GTIN equal on both sides (after zero
padding) is the true pair, except a copied_gtin listing (whose brand clearly differs); a true pair never carries
two different valid GTINs. Deterministic for a seed; rows are written as they are made and the listings are
shuffled through bucket files, so memory stays bounded.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections import Counter, deque
from pathlib import Path

from .generate_f_listings import catalog_row, family_listings
from .generate_f_people import customers
from .generate_f_titles import STORES
from .generate_f_world import Serial, family_stream, gtin_valid, make_products

BUCKET = 4000


def _dump(handle, obj: dict) -> None:
    handle.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _manifest(folder: Path, platform: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps({"format_version": 1, "platform": platform,
                                                      "exported_at": "2025-06-30T23:00:00+08:00", "currency": "CNY"}),
                                          encoding="utf-8")


def generate(size: int, out: Path, seed: int = 7) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _manifest(out / "export", "yunhai")
    _manifest(out / "haitao-export", "haitao")
    tmp = out / ".buckets"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    rng = random.Random(f"f:{seed}:main")
    serial = Serial(seed)
    n_buckets = max(1, size // BUCKET + 1)
    buckets = [(tmp / f"{i}.jsonl").open("w", encoding="utf-8") for i in range(n_buckets)]
    brand_stores: dict = {}
    donors: deque = deque(maxlen=64)
    known_brands: set[str] = set()
    n_cat = n_list = 0
    stream = family_stream(seed)
    with (out / "catalog.jsonl").open("w", encoding="utf-8") as cat_f, \
            (out / "haitao-export" / "products.jsonl").open("w", encoding="utf-8") as hx_f, \
            (out / "keys_haitao.jsonl").open("w", encoding="utf-8") as keys_f:
        while n_list < size or n_cat < size:
            family = next(stream)
            products = make_products(family, serial)
            role = family.role
            carried: dict[str, str] = {}
            if role == "haitao" and n_cat < size:
                chosen = [p for p in products if rng.random() < 0.6] or [rng.choice(products)]
                for product in chosen[: size - n_cat]:
                    n_cat += 1
                    sku = f"HT{n_cat:07d}"
                    carried[product.key] = sku
                    row, export_row = catalog_row(sku, product, rng)
                    _dump(cat_f, row)
                    _dump(hx_f, export_row)
                    _dump(keys_f, {"sku": sku, "key": product.key})
                    donors.append(product)
                known_brands.add(family.brand.bid)
            elif role == "haitao":
                role = "absent_line" if family.brand.bid in known_brands else "unknown_brand"
            else:
                role = {"absent": "absent_line", "unknown": "unknown_brand"}[role]
            for item in family_listings(family, carried, rng, brand_stores, role, serial, list(donors)):
                if n_list >= size:
                    break
                n_list += 1
                _dump(buckets[rng.randrange(n_buckets)], item)
    for handle in buckets:
        handle.close()
    stats = _write_listings(out, tmp, n_buckets, rng, brand_stores)
    shutil.rmtree(tmp)
    stats.update(_write_customers(out, seed, max(30, size // 4)))
    stats["catalog"] = n_cat
    (out / "aliases.json").write_text("{}", encoding="utf-8")
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return out


def _write_listings(out: Path, tmp: Path, n_buckets: int, rng: random.Random, brand_stores: dict) -> dict:
    tags: Counter = Counter()
    cats: Counter = Counter()
    positives = n = 0
    with (out / "export" / "products.jsonl").open("w", encoding="utf-8") as prod_f, \
            (out / "truth_detail.jsonl").open("w", encoding="utf-8") as det_f, \
            (out / "truth.json").open("w", encoding="utf-8") as truth_f:
        truth_f.write("{")
        for i in range(n_buckets):
            items = [json.loads(line) for line in (tmp / f"{i}.jsonl").read_text(encoding="utf-8").splitlines()]
            rng.shuffle(items)
            for item in items:
                n += 1
                pid = f"Y{n:07d}"
                _dump(prod_f, {"id": pid, **item["row"]})
                _dump(det_f, {"id": pid, "truth": item["truth"], "tags": item["tags"], "key": item["key"],
                              "category": item["cat"]})
                truth_f.write(("," if n > 1 else "") + f"\n{json.dumps(pid)}: {json.dumps(item['truth'])}")
                positives += item["truth"] is not None
                tags.update(item["tags"])
                cats[item["cat"]] += 1
        truth_f.write("\n}\n")
    with (out / "export" / "merchants.jsonl").open("w", encoding="utf-8") as mer_f:
        for sid, name, kind, country, _ in list(STORES) + [brand_stores[k] for k in sorted(brand_stores)]:
            _dump(mer_f, {"id": sid, "name": name, "kind": kind, "country": country})
    return {"listings": n, "positives": positives, "negatives": n - positives, "tags": dict(sorted(tags.items())),
            "categories": dict(sorted(cats.items()))}


def _write_customers(out: Path, seed: int, count: int) -> dict:
    linked = 0
    with (out / "haitao-export" / "customers.jsonl").open("w", encoding="utf-8") as h_f, \
            (out / "export" / "customers.jsonl").open("w", encoding="utf-8") as a_f, \
            (out / "customers_truth.json").open("w", encoding="utf-8") as t_f:
        t_f.write("{")
        for i, (haitao, acquired, (aid, hid)) in enumerate(customers(seed, count)):
            _dump(h_f, haitao)
            _dump(a_f, acquired)
            t_f.write(("," if i else "") + f"\n{json.dumps(aid)}: {json.dumps(hid)}")
            linked += hid is not None
        t_f.write("\n}\n")
    return {"customers": count, "customers_linked": linked}


def gtin_rule_violations(out: Path) -> list[str]:
    """Listings that break the GTIN rule of the truth (see the module docstring); empty when the set is sound."""
    out = Path(out)
    by_gtin: dict[str, str] = {}
    gtin_of: dict[str, str] = {}
    brand_of: dict[str, str] = {}
    with (out / "keys_haitao.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            brand_of[item["sku"]] = item["key"].split("/", 1)[0]
    with (out / "catalog.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            code = str(row.get("gtin") or "")
            if gtin_valid(code):
                by_gtin[code.zfill(14)] = row["sku"]
                gtin_of[row["sku"]] = code.zfill(14)
    detail = {}
    with (out / "truth_detail.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            detail[item["id"]] = item
    problems = []
    with (out / "export" / "products.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            item = detail[row["id"]]
            code = str(row.get("gtin") or "").replace(" ", "")
            if not gtin_valid(code):
                continue
            code = code.zfill(14)
            owner = by_gtin.get(code)
            if owner and owner != item["truth"]:
                own_brand = item["key"].split("/", 1)[0].rstrip("~")
                if "copied_gtin" not in item["tags"] or own_brand == brand_of[owner].rstrip("~"):
                    problems.append(f"{row['id']}: GTIN of {owner} but truth {item['truth']}")
            if item["truth"] and gtin_of.get(item["truth"], code) != code:
                problems.append(f"{row['id']}: true pair with two different valid GTINs")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.size, args.out, args.seed)
    print(json.dumps(json.loads((args.out / "stats.json").read_text(encoding="utf-8")), ensure_ascii=False)[:2000])


if __name__ == "__main__":
    main()
