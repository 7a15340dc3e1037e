"""Generator e: an independent, held-out product-matching set in twenty categories the other sets do not cover.

Written from the export format (shared/formats/platform-export.md) and the brief alone, WITHOUT reading the
matcher (haitao/consolidation, reader.py aside), generators a-d, their tests or their results.

    generate(size, out, seed=7) writes into ``out``:

    catalog.jsonl        haitao's catalog: ``size`` SKUs {"sku","title","brand","gtin","hs_code","origin_country"}
    haitao-export/       the same catalog as a platform export (manifest, products, customers): a first import
    export/              the acquired platform: ``size`` listings, its stores (merchants.jsonl) and customers
    truth.json           {acquired product id: haitao SKU or null}
    truth_detail.jsonl   {"id","truth","tags","key"} per listing; ``key`` names the real product (keys_haitao.jsonl
                         gives the catalog's), so two listings of one product not in haitao are recognisable
    customers_truth.json {acquired customer id: haitao customer id or null}; aliases.json {}; stats.json

Categories: Manuka honey (UMF/MGO grades), baby food pouches and cereal (stage in months), adult milk powder and
UHT milk, olive oil, breakfast cereal, dishwasher tablets / laundry capsules / detergent, feminine pads (length
mm, count), razors (handle + blades vs refill packs), contact lenses (power, count), blood-pressure monitors and
thermometers (model numbers), building sets (set numbers, age), pens (tip mm, ink colour), sunscreen (SPF/PA),
socks and underwear (size, colour), baby wipes (抽 × 包), candles and diffusers, yoga mats (thickness, colour),
hair dryers and stylers (model, plug), glass food containers (ml, set), eyewear (model, lens mm, colour).
Real brands in both scripts (Comvita 康维他, Gillette 吉列, Omron 欧姆龙, LEGO 乐高, Acuvue 安视优...) and
invented ones (Latin and Chinese transliterating each other, Latin only, or Chinese only).

About half the listings are a haitao SKU (tags name what makes them hard: unit_notation, pack_notation,
pack_multiplied, line_translated, traditional, english_only, brand_pinyin, brand_typo, brand_in_store_name,
no_brand_field, spec_in_field, spec_missing, no_gtin, gtin_padded, gtin_upc_as_ean, gtin_lost_zero, gtin_spaced,
gtin_invalid, in_export_duplicate). The rest are hard negatives: other_variant (other_size, other_grade,
other_stage, other_pack, other_power, other_spf, other_colour, other_plug, ... and refill_vs_kit), lookalike_brand
(a near-twin brand in both scripts selling the same line), absent_line (a known brand's line haitao lacks),
unknown_brand, and copied_gtin (a GTIN copied from another brand's SKU).

GTIN rule of the truth: every product has one GTIN of its own; a valid GTIN equal on both sides (after zero
padding) is the true pair, except a copied_gtin listing (whose brand clearly differs); a true pair never carries
two different valid GTINs. Deterministic for a seed; rows are written as they are made and the listings
shuffled through bucket files, so memory stays bounded at 1M.
"""

from __future__ import annotations

import json
import random
from collections import Counter, deque
from pathlib import Path

from . import generate_e_render as rd
from .generate_e_people import acquired_row, haitao_row, link_target
from .generate_e_products import World, neighbours
from .generate_e_titles import STORES, acquired, haitao_brand, haitao_title

P_IN_CATALOG = 0.82     # share of families haitao sells at all
P_LISTED = 0.5          # a catalog product is also listed by the acquired platform
P_OTHER = 0.4           # ... and one of its siblings haitao lacks
P_TWIN = 0.12           # a family's line is copied by a look-alike brand
P_HAITAO_GTIN = 0.87    # haitao recorded the GTIN
P_SOURCE_GTIN = 0.5     # the acquired platform did
P_BAD_GTIN = 0.07       # ... mistyping its check digit
P_COPIED_GTIN = 0.025   # a negative listing carries another brand's SKU's GTIN
BUCKET_ROWS = 40_000
WAREHOUSES = ["宁波保税仓", "郑州保税仓", "广州南沙保税仓", "杭州下沙保税仓"]


def _manifest(folder: Path, platform: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps({"format_version": 1, "platform": platform,
                                                      "exported_at": "2026-11-28T08:00:00+08:00", "currency": "CNY"}))


def _dump(handle, row: dict) -> None:
    handle.write(json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False) + "\n")


def _gtin(p, rng: random.Random, tags: list, copied: tuple | None) -> str | None:
    if copied is not None:
        tags.append("copied_gtin")
        return rd.gtin_written(copied[0], rng)[0]
    if rng.random() >= P_SOURCE_GTIN:
        tags.append("no_gtin")
        return None
    if rng.random() < P_BAD_GTIN:
        tags.append("gtin_invalid")
        return rd.mistyped(p.gtin)
    code, tag = rd.gtin_written(p.gtin, rng)
    if tag:
        tags.append(tag)
    return code


def generate(size: int, out: Path, seed: int = 7) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("haitao-export", "export"):
        _manifest(out / name, "haitao" if name == "haitao-export" else "lynx")
    world, mix = World(seed), random.Random(f"{seed}:mix")
    buckets = max(1, -(-size // BUCKET_ROWS))
    tmp = [(out / f".listings-{i}.tmp").open("w", encoding="utf-8") for i in range(buckets)]
    stats: Counter = Counter()
    tags_seen: Counter = Counter()
    recent: deque = deque(maxlen=400)   # (gtin, category, brand) of recent catalog SKUs, for copied GTINs
    stores: dict[str, tuple] = {}
    n_cat = n_acq = family = 0
    with (out / "catalog.jsonl").open("w", encoding="utf-8") as cat_out, \
            (out / "haitao-export" / "products.jsonl").open("w", encoding="utf-8") as hx_out, \
            (out / "keys_haitao.jsonl").open("w", encoding="utf-8") as keys_out:
        while n_cat < size or n_acq < size:
            cat, brand, line, edition, rng = world.family(family)
            prods = world.products(family, cat, brand, line, edition, rng)
            family += 1
            listings: list[tuple] = []
            in_catalog = n_cat < size and (n_acq >= size or rng.random() < P_IN_CATALOG)
            if in_catalog:
                chosen = rng.sample(prods, min(size - n_cat, len(prods), rng.choice([1, 1, 2, 2, 3, 4])))
                skus: dict[str, str] = {}
                for p in chosen:
                    n_cat += 1
                    sku = f"HT{cat['code']}{n_cat:07d}"
                    skus[p.key] = sku
                    gtin = p.gtin if rng.random() < P_HAITAO_GTIN else None
                    row = {"sku": sku, "title": haitao_title(p), "brand": haitao_brand(p), "gtin": gtin,
                           "hs_code": cat["hs"], "origin_country": brand.country}
                    _dump(cat_out, row)
                    _dump(hx_out, {"id": sku, **{k: v for k, v in row.items() if k != "sku"}, "price": f"{p.price:.2f}",
                                   "vat_rate": cat["vat"], "status": "on_sale",
                                   "stock": [{"warehouse": rng.choice(WAREHOUSES), "quantity": rng.randrange(0, 500)}]})
                    _dump(keys_out, {"id": sku, "key": p.key})
                    stats["catalog_with_gtin"] += gtin is not None
                    if gtin:
                        recent.append((gtin, cat["code"], brand.key))
                brand.in_catalog = True
                for p in chosen:
                    if rng.random() < P_LISTED:
                        listings.append((p, skus[p.key], []))
                        if rng.random() < 0.03:
                            listings.append((p, skus[p.key], ["in_export_duplicate"]))
                    if rng.random() < P_OTHER:
                        siblings = [q for q in neighbours(p, prods) if q.key not in skus]
                        if siblings:
                            q = rng.choice(siblings)
                            axis = q.axis_of(p)
                            listings.append((q, None, ["other_variant", "refill_vs_kit" if axis == "kit" else f"other_{axis}"]))
                if rng.random() < P_TWIN:
                    listings.append((world.twin_product(rng.choice(chosen), rng), None, ["lookalike_brand"]))
            else:
                tag = "absent_line" if brand.in_catalog else "unknown_brand"
                for p in rng.sample(prods, min(len(prods), rng.choice([1, 1, 2]))):
                    listings.append((p, None, [tag]))
            for p, truth, tags in listings[:max(0, size - n_acq)]:
                copied = None
                if truth is None and recent and rng.random() < P_COPIED_GTIN:
                    other = recent[rng.randrange(len(recent))]
                    copied = other if other[1] != cat["code"] and other[2] != p.brand.key else None
                text, store, more = acquired(p, rng)
                tags = tags + more
                gtin = _gtin(p, rng, tags, copied)
                stores.setdefault(store[0], store)
                row = {"id": f"LX{(n_acq * 2654435761 + seed) % 10 ** 9:09d}", "merchant_id": store[0], **text,
                       "gtin": gtin, "price": f"{p.price * rng.uniform(0.85, 1.2):.2f}",
                       "hs_code": (cat["hs"][:8] if rng.random() < 0.3 else cat["hs"]) if rng.random() < 0.6 else None,
                       "origin_country": p.brand.country if rng.random() < 0.5 else None, "vat_rate": cat["vat"],
                       "status": "on_sale" if rng.random() < 0.9 else "off_sale",
                       "stock": [{"warehouse": "lynx-" + rng.choice(["NB", "ZZ", "GZ"]), "quantity": rng.randrange(0, 300)}],
                       "_truth": truth, "_tags": tags, "_key": p.key, "_cat": cat["code"]}
                n_acq += 1
                tmp[mix.randrange(buckets)].write(json.dumps(row, ensure_ascii=False) + "\n")
    for handle in tmp:
        handle.close()
    _shuffle_out(out, tmp, mix, stats, tags_seen)
    with (out / "export" / "merchants.jsonl").open("w", encoding="utf-8") as handle:
        for store in (STORES + sorted(s for k, s in stores.items() if k.startswith("fs"))):
            _dump(handle, {"id": store[0], "name": store[1], "kind": store[4], "country": store[3] if len(store[3]) == 2 else None})
    customers = _customers(out, size, seed)
    (out / "aliases.json").write_text("{}\n")
    stats.update({"catalog": n_cat, "acquired": n_acq, "families": family, "merchants": len(STORES) + sum(k.startswith("fs") for k in stores)})
    result = {**dict(stats), "matched_share": round(stats["true_matches"] / n_acq, 4) if n_acq else 0.0,
              "catalog_gtin_share": round(stats["catalog_with_gtin"] / n_cat, 4) if n_cat else 0.0,
              "acquired_gtin_share": round(stats["acquired_with_gtin"] / n_acq, 4) if n_acq else 0.0,
              "customers": customers, "tags": dict(tags_seen.most_common())}
    (out / "stats.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return out


def _shuffle_out(out: Path, tmp: list, mix: random.Random, stats: Counter, tags_seen: Counter) -> None:
    """Shuffle each bucket in memory and write the export, the truth and its detail."""
    with (out / "export" / "products.jsonl").open("w", encoding="utf-8") as products, \
            (out / "truth.json").open("w", encoding="utf-8") as truth_out, \
            (out / "truth_detail.jsonl").open("w", encoding="utf-8") as detail:
        truth_out.write("{")
        first = True
        for handle in tmp:
            path = Path(handle.name)
            rows = path.read_text(encoding="utf-8").splitlines()
            mix.shuffle(rows)
            for line in rows:
                row = json.loads(line)
                truth, tags, key, cat = row.pop("_truth"), row.pop("_tags"), row.pop("_key"), row.pop("_cat")
                _dump(products, row)
                truth_out.write(("" if first else ",\n") + f"{json.dumps(row['id'])}: {json.dumps(truth)}")
                first = False
                detail.write(json.dumps({"id": row["id"], "truth": truth, "tags": tags, "key": key, "category": cat},
                                        ensure_ascii=False) + "\n")
                stats["true_matches"] += truth is not None
                stats["acquired_with_gtin"] += row.get("gtin") is not None
                stats[f"category_{cat}"] += 1
                tags_seen.update(tags)
            path.unlink()
        truth_out.write("}\n")


def _customers(out: Path, size: int, seed: int) -> dict:
    """Haitao's and the acquired platform's customers (half as many as products on each side)."""
    count = max(20, size // 2)
    kinds: Counter = Counter()
    with (out / "haitao-export" / "customers.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(count):
            _dump(handle, haitao_row(seed, i))
    linked = 0
    with (out / "export" / "customers.jsonl").open("w", encoding="utf-8") as handle, \
            (out / "customers_truth.json").open("w", encoding="utf-8") as truth:
        truth.write("{")
        for i in range(count):
            target = None
            if random.Random(f"{seed}:link:{i}").random() < 0.4 and linked < count:
                target = link_target(linked, count, seed)
                linked += 1
            row, kind = acquired_row(seed, i, count, target)
            kinds[kind] += 1
            _dump(handle, row)
            truth.write(("" if i == 0 else ",\n") + f"{json.dumps(row['id'])}: {json.dumps(None if target is None else f'HC{target + 1:07d}')}")
        truth.write("}\n")
    return {"haitao": count, "acquired": count, "linked": linked, "kinds": dict(kinds)}


def gtin_rule_violations(out: Path) -> list[str]:
    """Listings breaking the truth's GTIN rule (see the module docstring); empty when the set is right."""
    def norm(code):
        digits = "".join(ch for ch in str(code or "") if ch.isdigit())
        return digits.zfill(14) if 8 <= len(digits) <= 14 and rd.valid(digits.zfill(14)) else None

    catalog = {}
    with (Path(out) / "catalog.jsonl").open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            catalog[row["sku"]] = (norm(row.get("gtin")), row["brand"])
    by_gtin = {g: sku for sku, (g, _) in catalog.items() if g}
    details = {}
    with (Path(out) / "truth_detail.jsonl").open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            details[row["id"]] = row
    bad = []
    with (Path(out) / "export" / "products.jsonl").open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            d, g = details[row["id"]], norm(row.get("gtin"))
            if g and g in by_gtin and by_gtin[g] != d["truth"] and "copied_gtin" not in d["tags"]:
                bad.append(f"{row['id']}: GTIN of {by_gtin[g]} but truth {d['truth']}")
            if d["truth"] and g and catalog[d["truth"]][0] and catalog[d["truth"]][0] != g:
                bad.append(f"{row['id']}: two valid GTINs on a true pair")
    return bad
