"""Generator f listings: the rows of haitao's catalog and of the acquired platform, with their truth and tags."""

from __future__ import annotations

import random

from . import generate_f_render as rd
from .generate_f_titles import STORES, acquired, haitao_brand, haitao_title, house_spec
from .generate_f_vocab import CATEGORIES
from .generate_f_world import Family, Product, hash_text

AXIS_TAG = {"ml": "other_size", "g": "other_size", "kg": "other_size", "L": "other_size", "lb": "other_size",
            "inch": "other_size", "x": "other_pack", "col": "other_colour", "sh": "other_shade", "t": "other_option",
            "mdl": "other_model", "pct": "other_cocoa", "sz": "other_battery_size", "side": "other_side"}
PRICE = {"birdsnest": (180, 1200), "ginseng": (200, 2400), "chocolate": (35, 260), "noodles": (25, 120),
         "sauce": (15, 90), "collagen": (150, 900), "hairdye": (45, 180), "nailpolish": (60, 160), "oral": (20, 120),
         "handlip": (25, 260), "catlitter": (60, 260), "flask": (120, 420), "luggage": (700, 6500),
         "babygear": (1500, 6800), "breastpump": (180, 2600), "battery": (20, 160)}
STORE_WEIGHTS = (14, 6, 5, 6, 9, 5, 4, 10, 7, 5, 3, 8)


def base_price(product: Product) -> float:
    low, high = PRICE[product.cat]
    return low + (hash_text(product.key) % 10_000) / 10_000 * (high - low)


def catalog_row(sku: str, product: Product, rng: random.Random) -> tuple[dict, dict]:
    """(catalog.jsonl row, haitao-export products.jsonl row)."""
    hs = CATEGORIES[product.cat][0]
    gtin, _ = rd.gtin_shown(product.gtin, rng, catalog=True)
    title = haitao_title(product)
    brand = haitao_brand(product, rng)
    cat = {"sku": sku, "title": title, "brand": brand, "gtin": gtin, "hs_code": hs,
           "origin_country": product.brand.country}
    export = {"id": sku, "title": title, "brand": brand, "gtin": gtin, "spec": house_spec(product) or None,
              "hs_code": hs, "origin_country": product.brand.country, "price": f"{base_price(product):.2f}",
              "vat_rate": CATEGORIES[product.cat][3], "consumption_tax_rate": "0" if product.cat != "nailpolish"
              else "0.15", "stock": [{"warehouse": "宁波保税仓", "quantity": rng.randint(0, 500)}]}
    return cat, {k: v for k, v in export.items() if v is not None}


def sibling_tags(product: Product, carried: list[Product]) -> list[str]:
    """other_variant plus what differs from the closest variant haitao does sell."""
    best: set[str] | None = None
    for other in carried:
        diff = {a for (a, v), (_, w) in zip(product.variant, other.variant) if v != w}
        if best is None or len(diff) < len(best):
            best = diff
    return ["other_variant"] + sorted({"other_pack" if a.startswith("n") else AXIS_TAG.get(a, "other_option")
                                        for a in best or ()})


def listing(product: Product, truth: str | None, tags: list[str], rng: random.Random, brand_stores: dict,
            gtin_override: str | None = None) -> dict:
    """One acquired listing (without its id) and its truth record."""
    store = rng.choices(STORES, weights=STORE_WEIGHTS)[0]
    brand_store = product.brand.real and not product.lookalike and rng.random() < 0.05
    if brand_store:
        b = product.brand
        store = (f"b{b.bid}", f"{b.zh or b.latin}海外旗舰店", "marketplace", b.country, "terse")
        brand_stores[store[0]] = store
    look = tuple(n for n in product.brand.look if n)
    made = acquired(product, rng, store, look)
    all_tags = set(tags) | made["tags"]
    if brand_store:
        made["brand"] = None
        all_tags.discard("no_brand_field")
        all_tags.add("brand_in_store_name")
    if gtin_override is not None:
        gtin: str | int | None = gtin_override if rng.random() < 0.8 else gtin_override.zfill(14)
    else:
        gtin, gtag = rd.gtin_shown(product.gtin, rng)
        if gtag:
            all_tags.add(gtag)
    hs = CATEGORIES[product.cat][0]
    r = rng.random()
    hs_code = None if r < 0.12 else hs[:8] if r < 0.22 else f"{hs[:4]}.{hs[4:8]}.{hs[8:]}" if r < 0.27 else hs
    row = {"merchant_id": store[0], "title": made["title"], "brand": made["brand"], "gtin": gtin,
           "spec": made["spec"], "hs_code": hs_code,
           "origin_country": product.brand.country if rng.random() < 0.8 else None,
           "price": f"{base_price(product) * rng.uniform(0.78, 1.25):.2f}",
           "status": "on_sale" if rng.random() < 0.9 else "off_sale",
           "stock": [{"warehouse": rng.choice(("香港仓", "保税仓", "海外仓")), "quantity": rng.randint(0, 300)}]}
    if truth is not None and not all_tags:
        all_tags.add("clean")
    return {"row": {k: v for k, v in row.items() if v is not None}, "truth": truth, "tags": sorted(all_tags),
            "key": product.key, "cat": product.cat}


def family_listings(family: Family, carried: dict[str, str], rng: random.Random, brand_stores: dict,
                    role: str, serial, donors) -> list[dict]:
    """The acquired listings a family gives: positives for carried SKUs, hard negatives for the rest."""
    from .generate_f_world import lookalike_of

    out = []
    carried_products = [p for p in family.products if p.key in carried]
    for product in family.products:
        sku = carried.get(product.key)
        if sku is not None:
            if rng.random() < 0.66:
                out.append(listing(product, sku, [], rng, brand_stores))
                if rng.random() < 0.07:
                    out.append(listing(product, sku, ["in_export_duplicate"], rng, brand_stores))
            if rng.random() < 0.05 and product.brand.look[0 if product.brand.latin else 1]:
                out.append(listing(lookalike_of(product, serial), None, ["lookalike_brand"], rng, brand_stores))
            continue
        if role == "haitao":
            tags = sibling_tags(product, carried_products)
            chance = 0.5
        else:
            tags = [role]
            chance = 0.5
        if rng.random() >= chance:
            continue
        donor = donors[rng.randrange(len(donors))] if donors and rng.random() < 0.08 else None
        if donor is not None and _clearly_other(donor, product):
            out.append(listing(product, None, tags + ["copied_gtin"], rng, brand_stores, gtin_override=donor.gtin))
        else:
            out.append(listing(product, None, tags, rng, brand_stores))
        if rng.random() < 0.05:
            out.append(listing(product, None, tags + ["in_export_duplicate"], rng, brand_stores))
    return out


def _clearly_other(donor: Product, product: Product) -> bool:
    a, b = donor.brand, product.brand
    names_a = {n.lower() for n in (a.latin, a.zh, a.alt, *a.look) if n}
    names_b = {n.lower() for n in (b.latin, b.zh, b.alt, *b.look) if n}
    return donor.cat != product.cat and not names_a & names_b
