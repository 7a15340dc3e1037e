"""Generator g: whole rows. haitao's SKU (catalog line and its platform-export line) and the acquired platform's
listing (title, brand, spec, GTIN, HS code, price, stock) in its stores."""

from __future__ import annotations

import random

from .generate_g_gtin import catalog_form
from .generate_g_render import catalog_brand, catalog_title, listing_title
from .generate_g_text import parse_qty
from .generate_g_world import Product

WAREHOUSES = ["宁波保税仓", "杭州下沙保税仓", "广州南沙保税仓", "郑州保税仓", "香港直邮仓", "天津保税仓", "重庆保税仓"]
SHOPS = ["环球优选进口店", "日本直邮馆", "韩国免税精选", "欧洲好物馆", "宠物进口专营店", "母婴海外购", "运动潮流全球购",
         "香氛美妆海外店", "厨房好物进口馆", "腕表眼镜专营店", "数码影音海外店", "健康零食进口店", "洋码头优选", "澳洲直邮小铺"]


def sku_code(n: int) -> str:
    return f"HT{(n * 7919 + 1234567) % 90_000_000 + 10_000_000:08d}"


def price(p: Product, rng: random.Random) -> float:
    base = p.cat["price"]
    size = p.value("size") or p.value("case")
    if size:
        values = next(a[2] for a in p.cat["axes"] if a[0] in ("size", "case"))
        amounts = sorted(_base(parse_qty(v)) for v in values)
        base *= (_base(parse_qty(size)) / amounts[len(amounts) // 2]) ** 0.8
    base *= (p.value("pack") or 1) * (p.value("count") or 6) / 6
    if p.brand.kind == "lookalike":
        base *= 0.4
    return round(base * rng.uniform(0.8, 1.25), 1)


def _base(q: tuple[float, str]) -> float:
    a, unit = q
    return a * 1000 if unit in ("kg", "L") else a


def weight(p: Product) -> str:
    size = p.value("size")
    kg = 0.3
    if size:
        a, unit = parse_qty(size)
        if unit in ("kg", "L", "g", "ml"):
            kg = a if unit in ("kg", "L") else a / 1000
    kg *= (p.value("pack") or 1) * ((p.value("count") or 1) if p.cat["code_name"] == "protein_bar" else 1)
    return f"{kg:.3f}"


def catalog_rows(p: Product, sku: str, with_gtin: bool, rng: random.Random) -> tuple[dict, dict]:
    """haitao's catalog line and the same SKU as a line of haitao's own platform export."""
    gtin = catalog_form(p.gtin, rng) if with_gtin else None
    row = {"sku": sku, "title": catalog_title(p), "brand": catalog_brand(p, rng), "gtin": gtin,
           "hs_code": p.cat["hs"], "origin_country": p.brand.country}
    row = {k: v for k, v in row.items() if v is not None}
    export = {"id": sku, "title": row["title"], "brand": row.get("brand"), "gtin": gtin, "hs_code": row["hs_code"],
              "origin_country": row["origin_country"], "price": f"{price(p, rng):.2f}", "vat_rate": p.cat["vat"],
              "consumption_tax_rate": p.cat.get("ctax"), "net_weight_kg": weight(p),
              "stock": [{"warehouse": rng.choice(WAREHOUSES), "quantity": rng.randrange(0, 500)}], "status": "on_sale"}
    return row, {k: v for k, v in export.items() if v is not None}


class Stores:
    """The acquired platform's merchants: a few general shops, one self-operated, and brand stores as needed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: dict[str, dict] = {}
        self.by_name: dict[str, str] = {}
        for name in SHOPS:
            self.add(name, "marketplace", rng.choice(("HK", "JP", "KR", "AU", "US", "DE")))
        self.own = self.add("跨境自营", "self_operated", "CN")

    def add(self, name: str, kind: str, country: str) -> str:
        if name not in self.by_name:
            mid = f"M{len(self.rows) + 101}"
            code = f"{self.rng.choice(('3301', '4401', '3702', '1201', '5001'))}W6{self.rng.randrange(10**5):05d}"
            self.rows[mid] = {"id": mid, "name": name, "kind": kind, "country": country, "customs_code": code}
            self.by_name[name] = mid
        return self.by_name[name]


def listing_row(p: Product, gtin: str | None, rng: random.Random, stores: Stores) -> tuple[dict, list[str]]:
    fields, tags, own_store = listing_title(p, rng)
    if own_store:
        merchant = stores.add(fields["brand"], "marketplace", p.brand.country)
    else:
        merchant = rng.choice(list(stores.rows)) if rng.random() < 0.85 else None
    roll = rng.random()
    hs = p.cat["hs"] if roll < 0.75 else p.cat["hs"][:8] if roll < 0.87 else None
    row = {"merchant_id": merchant, **fields, "gtin": gtin, "hs_code": hs,
           "origin_country": p.brand.country if rng.random() < 0.8 else None,
           "price": f"{max(1.0, price(p, rng) - rng.choice((0, 0, 0.1, 1))):.2f}",
           "vat_rate": p.cat["vat"] if rng.random() < 0.7 else None,
           "consumption_tax_rate": p.cat.get("ctax"), "net_weight_kg": weight(p) if rng.random() < 0.6 else None,
           "stock": [{"warehouse": w, "quantity": rng.randrange(0, 300)}
                     for w in rng.sample(WAREHOUSES, rng.choice((1, 1, 2)))],
           "status": "on_sale" if rng.random() < 0.9 else "off_sale"}
    return {k: v for k, v in row.items() if v is not None}, tags
