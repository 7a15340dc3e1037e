"""Generator c: an independent, held-out pair of platform exports with known truth.

    .venv/bin/python -m benchmarks.consolidation.generate_c --size 10000 --seed 7 --out var/bench/c

Written for issue 14 WITHOUT reading the matcher, the other generators or their tests: only the export
format (shared/formats/platform-export.md), the CLI usage and the runner's calling convention. Other
categories than a/b (pet food, supplements, cookware, baby bottles, skincare, coffee, sports nutrition,
shoes with sizes, electronics accessories), other title styles, and hard negatives by construction:
every product line has several variants (size, count, colour, flavour, stage, pack), the long tail of
brands has near-identical names (Vitalab / Vitacare) selling the same generic lines, and only part of
each line is on both sides.

Writes into OUT (memory stays bounded: lines are shuffled in small windows and streamed):
  haitao-export/    the haitao side as a platform export (manifest, products, customers)
  catalog.jsonl     the same haitao products as catalog rows ({"sku", "title", "brand", "gtin", ...})
  export/           the acquired platform (manifest, merchants, products, customers)
  truth.json        acquired product id -> haitao product id (= catalog sku) or null
  customers_truth.json  acquired customer id -> haitao customer id or null
  truth_detail.jsonl    per acquired product: hidden product key, truth, perturbation tags
  keys_haitao.jsonl     per haitao product: hidden product key
  aliases.json      {} (no curated alias list: a real acquired platform comes without one)
  stats.json        the rates used and the counts actually produced

Rates are in ``RATES`` here and ``PROFILES`` in generate_c_render.py; docs/benchmarks.md summarises them.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from . import generate_c_render as render
from .generate_c_vocab import (BRANDS, GIVEN, HS_CODES, LINES, PACKS, PINYIN, PRICE_FEN, PROVINCES, REGION_CODES, SERIES,
                               SHOE_MODELS, SURNAMES, TAIL_COUNTRIES, TAIL_PREFIX, TAIL_SUFFIX, traditional)

RATES = {
    "head_family": 0.3,          # a family of a well-known brand while any is left (then the long tail)
    "sides": {"both": 0.5, "haitao_only": 0.25, "acquired_only": 0.25},
    "pack_variant": 0.15,        # a size/second combination also sold as a multi-pack
    "in_export_duplicate": 0.03,  # an acquired product listed again by another merchant
    "customers_per_product": 0.25,
    "customer_sides": {"both": 0.35, "haitao_only": 0.325, "acquired_only": 0.325},
    "shared_phone_negative": 0.02,  # an acquired-only person uses a haitao person's phone (family)
}
WINDOW = 4096  # lines shuffled together before writing
EXPORTED_AT = "2026-11-20T08:00:00+08:00"


class ShuffledWriter:
    """Writes lines in a shuffled order, one window at a time, so memory does not grow with size."""

    def __init__(self, paths: list[Path], rng: random.Random):
        self.handles = [p.open("w", encoding="utf-8") for p in paths]
        self.rng, self.buffer = rng, []

    def add(self, *rows: dict) -> None:
        self.buffer.append(rows)
        if len(self.buffer) >= WINDOW:
            self.flush()

    def flush(self) -> None:
        self.rng.shuffle(self.buffer)
        for rows in self.buffer:
            for handle, row in zip(self.handles, rows):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.buffer = []

    def close(self) -> None:
        self.flush()
        for handle in self.handles:
            handle.close()


class JsonMapWriter:
    """A JSON object written one entry at a time."""

    def __init__(self, path: Path):
        self.handle, self.first = path.open("w", encoding="utf-8"), True
        self.handle.write("{")

    def put(self, key: str, value) -> None:
        self.handle.write(("" if self.first else ",\n") + json.dumps(key) + ": " + json.dumps(value))
        self.first = False

    def close(self) -> None:
        self.handle.write("}\n")
        self.handle.close()


def _scramble(i: int, modulus: int, mult: int = 982451653, add: int = 0) -> int:
    """A bijection of [0, modulus) (mult is coprime to 2 and 5), so ids and numbers look random but never repeat."""
    return (i * mult + add) % modulus


def _brand(en, zh, country, gs1, alts, pinyin=None) -> dict:
    return {"en": en, "zh": zh, "country": country, "gs1": gs1, "alts": list(alts),
            "pinyin": pinyin or en.replace(" ", "").lower()}


def _head_families(rng: random.Random) -> list:
    families = []
    for category, brands in BRANDS.items():
        for en, zh, country, gs1, alts in brands:
            brand = _brand(en, zh, country, gs1, alts, PINYIN.get(zh))
            if category == "shoes":
                generic = LINES["shoes"][0]
                for model_en, model_zh in SHOE_MODELS[en]:
                    families.append((category, brand, (model_en, model_zh, "shoe", list(range(36, 46)), generic[4]),
                                     ("", "")))
            else:
                for line in LINES[category]:
                    families.append((category, brand, line, ("", "")))
    rng.shuffle(families)
    return families


_FLAT_LINES = [(c, line) for c, lines in LINES.items() for line in lines]
_TAIL_SPACE = len(TAIL_PREFIX) * len(TAIL_SUFFIX) * len(_FLAT_LINES) * len(SERIES)


def _tail_family(t: int) -> tuple:
    """The t-th long-tail family: a distinct (brand, line, series) for every t."""
    u = _scramble(t % _TAIL_SPACE, _TAIL_SPACE, 1_000_003)
    generation = t // _TAIL_SPACE
    u, s = divmod(u, len(SERIES))
    u, li = divmod(u, len(_FLAT_LINES))
    p, q = divmod(u, len(TAIL_SUFFIX))
    pre, suf = TAIL_PREFIX[p], TAIL_SUFFIX[q]
    country, gs1 = TAIL_COUNTRIES[(p * 31 + q) % len(TAIL_COUNTRIES)]
    en, zh = pre[0] + suf[0], pre[1] + suf[1]
    alts = [en.upper(), f"{pre[0]} {suf[0].capitalize()}"]
    brand = _brand(en, zh, country, gs1, alts, pre[2] + suf[2])
    category, line = _FLAT_LINES[li]
    series = SERIES[s]
    if generation:
        series = (f"{series[0]} Gen {generation + 1}".strip(), f"{series[1]}第{generation + 1}代")
    return category, brand, line, series


def _variants(rng: random.Random, family: tuple, family_id: int) -> list[dict]:
    category, brand, line, series = family
    line_en, line_zh, kind, values, seconds = line[:5]
    count_word = line[5] if len(line) > 5 else None
    sizes = rng.sample(values, min(len(values), rng.choice([1, 1, 2, 2, 3, 4])))
    seconds_chosen = rng.sample(seconds, min(len(seconds), rng.choice([1, 1, 2, 3]))) if seconds else [None]
    combos = [(s, x) for s in sizes for x in seconds_chosen]
    if len(combos) > 6:
        combos = rng.sample(combos, 6)
    out = []
    for size, second in combos:
        packs = [1]
        if rng.random() < RATES["pack_variant"]:
            packs.append(render.pick(rng, dict(PACKS)))
        for pack in packs:
            out.append({"category": category, "brand": brand, "country": brand["country"], "line_en": line_en,
                        "line_zh": line_zh, "series": series, "kind": kind, "size": size, "second": second,
                        "count_word": count_word, "pack": pack,
                        "key": f"f{family_id}|{size}|{second[0] if second else ''}|{pack}"})
    return out


def _gtin(brand: dict, g: int) -> str:
    """A valid GTIN of the brand's GS1 country prefix; UPC-A (12 digits) for "0"."""
    body = f"{_scramble(g, 10**9, 982451653, 77):09d}"
    if brand["gs1"] == "0":
        body = "0" + "0" + body  # 11 digits: number system 0 + company/item digits
    elif len(brand["gs1"]) == 2:
        body = brand["gs1"] + "0" + body
    else:
        body = brand["gs1"] + body
    return body + render.check_digit(body)


def _price_fen(product: dict) -> int:
    unit, per = PRICE_FEN[product["category"]]
    size = abs(product["size"]) * (453.6 if product["size"] < 0 else 1)
    fen = unit + per * min(size, 20000) / 10
    return int(fen * product["pack"] * (1 - 0.05 * (product["pack"] - 1)))


def _record(product: dict, pid: str, profile: dict, rng: random.Random, tags: list, price_fen: int) -> dict:
    row = {"id": pid, "title": render.title(product, profile, rng, tags)}
    bform = render.pick(rng, profile["brand_field"])
    if bform != "absent":
        row["brand"] = render.brand_form(product["brand"], bform, rng)
    elif "title:no_brand" in tags:
        tags.append("brandless")  # neither title nor field names the brand: only a GTIN can tell
    gtin = render.render_gtin(product["gtin"], profile, rng, tags, product.get("sibling_gtin"),
                              product.get("unit_gtin"), product["pack"])
    if gtin is not None:
        row["gtin"] = gtin
    spec = render.spec(product, profile, rng)
    if spec:
        row["spec"] = spec
    hs = HS_CODES[product["category"]]
    if rng.random() < profile["hs_truncated"]:
        hs = hs[:8]
    elif rng.random() < profile["hs_other"]:
        hs = hs[:8] + "99"
    row["hs_code"] = hs
    if rng.random() >= profile["origin_absent"]:
        row["origin_country"] = product["country"]
    row["price"] = f"{price_fen // 100}.{price_fen % 100:02d}"
    row["vat_rate"] = "0.13"
    if product["category"] == "skincare":
        row["consumption_tax_rate"] = "0.15" if price_fen >= 30000 else "0"
    if product["kind"] == "mass":
        grams = abs(product["size"]) * (453.6 if product["size"] < 0 else 1) * product["pack"]
        row["net_weight_kg"] = f"{grams / 1000:.3f}"
    row["stock"] = [{"warehouse": rng.choice(["杭州下沙保税仓", "宁波保税仓", "广州南沙保税仓"]),
                     "quantity": rng.randrange(0, 500)}]
    if rng.random() < 0.08:
        row["status"] = "off_sale"
    return row


def _write_manifest(folder: Path, platform: str, name: str, name_en: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps(
        {"format_version": 1, "platform": platform, "exported_at": EXPORTED_AT, "currency": "CNY",
         "brand_name": name, "brand_name_en": name_en}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _merchants(folder: Path, rng: random.Random) -> list[str]:
    names = ["澳洲健康海外专营店", "日本直邮旗舰店", "美国保健品海外店", "德国厨具专营店", "宠物生活跨境店",
             "运动营养海外旗舰店", "母婴优选海外店", "数码配件跨境店", "咖啡世界海外店", "美妆海外直营店"]
    ids = ["M000"]
    with (folder / "merchants.jsonl").open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "M000", "name": "山猫国际自营", "kind": "self_operated", "country": "CN"},
                                ensure_ascii=False) + "\n")
        for i in range(1, 41):
            mid = f"M{i:03d}"
            ids.append(mid)
            handle.write(json.dumps({"id": mid, "name": f"{rng.choice(names)}{i}", "kind": "marketplace",
                                     "country": rng.choice(["HK", "AU", "JP", "US", "DE"]),
                                     "customs_code": f"31{rng.randrange(10**8):08d}"}, ensure_ascii=False) + "\n")
    return ids


def generate_products(size: int, out: Path, rng: random.Random, stats: Counter) -> None:
    haitao_dir, export_dir = out / "haitao-export", out / "export"
    _write_manifest(haitao_dir, "haitao-home", "海淘本站", "Haitao Home")
    _write_manifest(export_dir, "lynx", "山猫海淘", "Lynx Global")
    merchants = _merchants(export_dir, rng)
    shuffle_rng = random.Random(rng.random())
    haitao = ShuffledWriter([haitao_dir / "products.jsonl", out / "catalog.jsonl", out / "keys_haitao.jsonl"],
                            shuffle_rng)
    acquired = ShuffledWriter([export_dir / "products.jsonl", out / "truth_detail.jsonl"], shuffle_rng)
    truth = JsonMapWriter(out / "truth.json")
    heads = _head_families(rng)
    n_h = n_a = tail = family_id = g = 0
    while n_h < size or n_a < size:
        if heads and rng.random() < RATES["head_family"]:
            family = heads.pop()
        else:
            family, tail = _tail_family(tail), tail + 1
        family_id += 1
        variants = _variants(rng, family, family_id)
        units = {}
        for v in variants:
            g += 1
            v["gtin"] = _gtin(v["brand"], g)
            if v["pack"] == 1:
                units[(v["size"], v["second"])] = v["gtin"]
        for i, v in enumerate(variants):
            v["unit_gtin"] = units.get((v["size"], v["second"])) if v["pack"] > 1 else None
            v["sibling_gtin"] = variants[i - 1]["gtin"] if len(variants) > 1 else None
        sides = [render.pick(rng, RATES["sides"]) for _ in variants]
        on_haitao = [s in ("both", "haitao_only") and n_h + i < size for i, s in enumerate(sides)]
        family_in_catalog = any(on_haitao)
        for v, side, in_h in zip(variants, sides, on_haitao):
            price = _price_fen(v)
            sku = None
            if in_h:
                sku = f"HT{_scramble(n_h, 16**8, 2654435761):08X}"
                tags: list = []
                row = _record(v, sku, render.PROFILES["haitao"], rng, tags, price)
                catalog_row = {"sku": sku, **{k: row[k] for k in ("title", "brand", "gtin", "spec", "hs_code",
                                                                  "origin_country") if k in row}}
                haitao.add(row, catalog_row, {"id": sku, "key": v["key"]})
                stats.update(f"haitao.{t}" for t in tags)
                n_h += 1
            if side == "haitao_only" or n_a >= size:
                continue
            copies = 2 if rng.random() < RATES["in_export_duplicate"] and n_a + 1 < size else 1
            for copy in range(copies):
                aid = f"{10**10 + _scramble(n_a, 10**9):d}"
                tags = ["in_export_duplicate"] if copy else []
                drift = rng.uniform(0.85, 1.15)
                row = _record(v, aid, render.PROFILES["acquired"], rng, tags, int(price * drift))
                if rng.random() < 0.6:
                    row["merchant_id"] = rng.choice(merchants[1:])
                acquired.add(row, {"id": aid, "key": v["key"], "sku": sku, "tags": tags})
                truth.put(aid, sku)
                stats.update(f"acquired.{t}" for t in tags)
                stats["acquired.true_match" if sku else "acquired.no_match"] += 1
                if not sku and family_in_catalog:
                    stats["acquired.no_match_with_sibling_in_catalog"] += 1
                n_a += 1
    haitao.close()
    acquired.close()
    truth.close()
    stats.update({"haitao.products": n_h, "acquired.products": n_a, "families": family_id,
                  "head_families_used": len(_head_families(random.Random(0))) - len(heads)})


def _id_number(p: int) -> str:
    """A valid GB 11643 resident ID number, distinct for every person index p."""
    born = date(1955, 1, 1) + timedelta(days=p % 18000)
    body = f"{REGION_CODES[(p // 18000 // 1000) % len(REGION_CODES)]}{born:%Y%m%d}{(p // 18000) % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def _phone(p: int) -> str:
    return f"1{'35789'[p % 5]}{_scramble(p // 5, 10**9):09d}"


def _person(p: int, rng: random.Random) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return {"name": name, "id_number": _id_number(p), "phone": _phone(p), "email": f"user{_scramble(p, 10**8)}@mail.example",
            "address": PROVINCES[p % len(PROVINCES)], "detail": f"{rng.randrange(1, 300)}号{rng.randrange(1, 30)}栋"}


def _phone_form(phone: str, rng: random.Random) -> str:
    a, b, c = phone[:3], phone[3:7], phone[7:]
    return rng.choice([phone, phone, f"+86 {a}-{b}-{c}", f"{a} {b} {c}", f"+86{phone}", f"0086 {phone}", f"{a}-{b}-{c}"])


def _customer(pid: str, person: dict, side: str, rng: random.Random, tags: list, phone: str | None = None) -> dict:
    acquired = side == "acquired"
    name = person["name"]
    if acquired and rng.random() < 0.04:
        name = f"{name[0]} {name[1:]}"
        tags.append("name_spaced")
    elif acquired and rng.random() < 0.03:
        name = traditional(name)
        tags.append("name_traditional")
    row = {"id": pid, "name": name}
    if rng.random() < (0.55 if acquired else 0.8):
        number = person["id_number"]
        if acquired and rng.random() < 0.01:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
            tags.append("id_number_typo")
        row["id_number"] = number
    phone = phone or person["phone"]
    if rng.random() < 0.95:
        row["phone"] = _phone_form(phone, rng) if acquired else phone
    if rng.random() < 0.45:
        row["email"] = person["email"].upper() if acquired and rng.random() < 0.2 else person["email"]
    row["created_at"] = f"20{rng.randrange(18, 26)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 10)}T10:00:00+08:00"
    if rng.random() < 0.6:
        province, city, district = person["address"]
        row["addresses"] = [{"name": name, "phone": phone, "province": province, "city": city,
                             "district": district, "detail": person["detail"]}]
    return row


def generate_customers(count: int, out: Path, rng: random.Random, stats: Counter) -> None:
    shuffle_rng = random.Random(rng.random())
    haitao = ShuffledWriter([out / "haitao-export" / "customers.jsonl"], shuffle_rng)
    acquired = ShuffledWriter([out / "export" / "customers.jsonl"], shuffle_rng)
    truth = JsonMapWriter(out / "customers_truth.json")
    recent_haitao: list[str] = []
    n_h = n_a = p = 0
    while n_h < count or n_a < count:
        person, side = _person(p, rng), render.pick(rng, RATES["customer_sides"])
        p += 1
        hid = None
        if side != "acquired_only" and n_h < count:
            hid = f"U{_scramble(n_h, 10**8):08d}"
            haitao.add(_customer(hid, person, "haitao", rng, []))
            recent_haitao = (recent_haitao + [person["phone"]])[-1000:]
            n_h += 1
        if side == "haitao_only" or n_a >= count:
            continue
        aid, tags = f"C{_scramble(n_a, 10**9):09d}", []
        phone = None
        if hid is None and recent_haitao and rng.random() < RATES["shared_phone_negative"]:
            phone = rng.choice(recent_haitao)
            tags.append("shared_phone_negative")
        acquired.add(_customer(aid, person, "acquired", rng, tags, phone))
        truth.put(aid, hid)
        stats.update(f"customers.{t}" for t in tags)
        stats["customers.true_link" if hid else "customers.no_link"] += 1
        n_a += 1
    haitao.close()
    acquired.close()
    truth.close()
    stats.update({"customers.haitao": n_h, "customers.acquired": n_a})


def generate(size: int, out: Path, seed: int = 7) -> Path:
    """Both exports of ``size`` products each (and size/4 customers each), the truth and the statistics."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng, stats = random.Random(f"generator-c/{seed}"), Counter()
    generate_products(size, out, rng, stats)
    generate_customers(max(20, int(size * RATES["customers_per_product"])), out, rng, stats)
    (out / "aliases.json").write_text("{}\n", encoding="utf-8")
    (out / "stats.json").write_text(json.dumps(
        {"seed": seed, "size": size, "rates": RATES, "profiles": render.PROFILES, "counts": dict(sorted(stats.items()))},
        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="generator c: held-out platform exports with known truth")
    parser.add_argument("--size", type=int, default=10_000, help="products per side (up to 1,000,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    generate(args.size, args.out, args.seed)
    print(json.dumps(json.loads((args.out / "stats.json").read_text(encoding="utf-8"))["counts"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
