"""A second, independent synthetic export for the consolidation benchmark (generator "B").

Written from the issue and the export format alone, not from the matcher or generator A: other
categories (cookware, audio, pet food, coffee, sports nutrition, household paper, tea, running
shoes, toys), other brands (none of them in haitao's alias table, and no aliases are handed to the
matcher), product-line names that one side writes in English and the other in Chinese, and the
notations real listings use for packs (``*4``, ``x2``, ``×2``, ``2件套``, ``3件装``, ``两盒装``,
``2 pack``, ``组合装2件``), sizes (lb, 公斤, 毫升, 厘米, 抽, 粒) and colours.

The catalog is written the way a brand's master data is (English, brand first, units spelled out);
the export the way a Chinese marketplace lists (Chinese brand, marketing words, spec in any order).
Hard negatives are siblings of catalog products: another colour, pack, size, flavour, shoe size or
product line, never in the catalog. GTINs come as EAN-13, UPC-A or GTIN-14, or are missing, mistyped,
another brand's, or a second valid code.

It is kept out of tuning: its figures are measured and reported, not used to choose anything.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

ZH_CHARS = "澜珀蔚霖瑾璟岚桦翎琦芮菁榕钧铂朗晟颂萱逸骁韵筠璞曦"
EN_PARTS = ["vel", "mor", "tan", "quin", "bra", "sol", "dex", "lum", "cor", "fen", "gal", "hol", "ire", "jas",
            "kin", "lor", "mav", "nor", "oth", "pel", "rux", "sy", "tor", "ul", "vex", "wyn", "zar"]
COLOURS = [("black", "黑色"), ("white", "白色"), ("red", "红色"), ("blue", "蓝色"), ("green", "绿色"),
           ("grey", "灰色"), ("pink", "粉色"), ("navy", "藏青色"), ("silver", "银色"), ("gold", "金色")]
FLAVOURS = [("chocolate", "巧克力味"), ("vanilla", "香草味"), ("strawberry", "草莓味"), ("cookies", "曲奇味"),
            ("banana", "香蕉味")]
MARKETING = ["【官方正品】", "【保税仓发货】", "【海外直邮】", "(包邮)", "新品", "爆款", "现货速发", "限时特惠", "正品保障"]
CN_COUNT = {2: ("两", "2"), 3: ("三", "3"), 4: ("四", "4"), 6: ("六", "6")}


@dataclass(frozen=True)
class Kind:
    name: str
    nouns: tuple[str, str]  # (en, zh)
    sizes: tuple[tuple[float, str], ...]  # (value, unit en)
    packs: tuple[int, ...] = (1,)
    colours: bool = False
    flavours: bool = False
    shoe_sizes: bool = False


KINDS = [
    Kind("cookware", ("Non-Stick Frying Pan", "不粘煎锅"), ((24, "cm"), (28, "cm"), (32, "cm")), colours=True),
    Kind("bottle", ("Insulated Travel Mug", "保温随行杯"), ((350, "ml"), (480, "ml"), (600, "ml")), colours=True),
    Kind("audio", ("True Wireless Earbuds", "真无线蓝牙耳机"), ((0, ""),), colours=True),
    Kind("petfood", ("Grain-Free Adult Cat Food", "无谷成猫粮"), ((1.5, "kg"), (4, "lb"), (5.4, "kg")), packs=(1, 2)),
    Kind("coffee", ("Espresso Coffee Capsules", "浓缩咖啡胶囊"), ((10, "capsules"), (30, "capsules")), packs=(1, 3, 5)),
    Kind("protein", ("Whey Protein Isolate", "分离乳清蛋白粉"), ((2, "lb"), (5, "lb")), flavours=True),
    Kind("tissue", ("Soft Facial Tissues", "柔润抽纸"), ((100, "sheets"), (120, "sheets")), packs=(3, 6, 12)),
    Kind("tea", ("Organic Green Tea", "有机绿茶"), ((100, "g"), (250, "g"))),
    Kind("shoes", ("Cushioned Running Shoes", "缓震跑步鞋"), ((0, ""),), colours=True, shoe_sizes=True),
    Kind("toy", ("Building Blocks Set", "拼装积木套装"), ((500, "pcs"), (1200, "pcs"))),
]
UNIT_ZH = {"cm": ["厘米", "cm"], "ml": ["毫升", "ml", "ML"], "kg": ["公斤", "kg", "千克"], "lb": ["lb", "磅"],
           "capsules": ["粒", "颗"], "sheets": ["抽"], "g": ["克", "g"], "pcs": ["颗粒", "pcs"]}


@dataclass(frozen=True)
class Item:
    sku: str
    brand_en: str
    brand_zh: str
    line_en: str
    line_zh: str
    kind: Kind
    size: tuple[float, str]
    pack: int
    colour: tuple[str, str] | None
    flavour: tuple[str, str] | None
    shoe: int | None
    gtin: str


def _check(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


class Maker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.serial = 0

    def gtin(self) -> str:
        self.serial += 1
        if self.rng.random() < 0.3:  # a US item: UPC-A number space (EAN-13 with a leading 0)
            return _check(f"08{self.serial:010d}")
        return _check(f"47{self.serial:010d}")

    def brand(self) -> tuple[str, str]:
        en = "".join(self.rng.sample(EN_PARTS, 2)).capitalize()
        zh = "".join(self.rng.sample(ZH_CHARS, 2))
        return en, zh

    def line(self) -> tuple[str, str]:
        en = "".join(self.rng.sample(EN_PARTS, 2)).capitalize() + self.rng.choice(["", " Pro", " Max", " Lite"])
        zh = "".join(self.rng.sample(ZH_CHARS, 2)) + self.rng.choice(["系列", "款", "", "版"])
        return en, zh


def _num(value: float) -> str:
    return f"{value:g}"


def catalog_title(p: Item) -> str:
    parts = [p.brand_en, p.line_en, p.kind.nouns[0]]
    if p.flavour:
        parts.append(p.flavour[0].title())
    if p.colour:
        parts.append(p.colour[0].title())
    if p.shoe:
        parts.append(f"EU {p.shoe}")
    if p.size[1]:
        parts.append(f"{_num(p.size[0])}{p.size[1] if p.size[1] in ('cm', 'ml', 'kg', 'g') else ' ' + p.size[1]}")
    if p.pack > 1:
        parts.append(f"{p.pack} Pack")
    return " ".join(parts)


def _pack_text(rng: random.Random, n: int) -> str:
    zh, digit = CN_COUNT.get(n, (str(n), str(n)))
    return rng.choice([f"*{n}", f"x{n}", f"×{n}", f"{digit}件套", f"{digit}件装", f"{zh}盒装", f"{n} pack",
                       f"组合装{n}件", f" x {n}"])


def source_title(rng: random.Random, p: Item) -> str:
    line = p.line_zh if rng.random() < 0.7 else p.line_en
    noun = p.kind.nouns[1] if rng.random() < 0.85 else p.kind.nouns[0].lower()
    words = [p.brand_zh if rng.random() < 0.8 else f"{p.brand_zh}{p.brand_en}", line, noun]
    if p.flavour:
        words.append(p.flavour[1] if rng.random() < 0.8 else p.flavour[0])
    if p.colour:
        words.append(p.colour[1] if rng.random() < 0.8 else p.colour[0])
    if p.shoe:
        words.append(rng.choice([f"{p.shoe}码", f"EU{p.shoe}", f"{p.shoe}"]))
    value, unit = p.size
    if unit:
        written = rng.choice(UNIT_ZH[unit])
        if unit == "kg" and rng.random() < 0.3:
            size = f"{_num(value * 1000)}g"
        else:
            size = f"{_num(value)}{written}"
        pack = _pack_text(rng, p.pack).strip() if p.pack > 1 else ""
        if pack and pack[0] in "*x×" and rng.random() < 0.5:
            words.append(size + pack)  # 1.5kg*2
        else:
            words.extend([size, pack] if pack else [size])
    elif p.pack > 1:
        words.append(_pack_text(rng, p.pack))
    if rng.random() < 0.5:
        words.insert(0, rng.choice(MARKETING))
    if rng.random() < 0.3:
        words.append(rng.choice(MARKETING))
    if rng.random() < 0.3:
        head, tail = words[:2], words[2:]
        rng.shuffle(tail)
        words = head + tail
    return (" " if rng.random() < 0.6 else "").join(words)


def _variants(rng: random.Random, maker: Maker, brand: tuple[str, str], kind: Kind, serial: list[int]) -> list[Item]:
    line = maker.line()
    items = []
    colours = rng.sample(COLOURS, 3) if kind.colours else [None]
    flavours = rng.sample(FLAVOURS, 3) if kind.flavours else [None]
    shoes = rng.sample(range(36, 46), 3) if kind.shoe_sizes else [None]
    for size in kind.sizes:
        for pack in kind.packs:
            for colour in colours:
                for flavour in flavours:
                    for shoe in shoes:
                        serial[0] += 1
                        items.append(Item(f"B-{serial[0]:07d}", brand[0], brand[1], line[0], line[1], kind, size,
                                          pack, colour, flavour, shoe, maker.gtin()))
    return items


def _gtin_as_written(rng: random.Random, gtin: str) -> str:
    roll = rng.random()
    if gtin.startswith("0") and roll < 0.5:
        return gtin[1:]  # UPC-A
    if roll < 0.7:
        return "0" + gtin  # GTIN-14
    return gtin


def _typo(gtin: str) -> str:
    return gtin[:-2] + str((int(gtin[-2]) + 1) % 10) + gtin[-1]


def generate(size: int, folder: str | Path, seed: int = 11) -> dict:
    rng = random.Random(seed)
    maker = Maker(rng)
    folder = Path(folder)
    (folder / "export").mkdir(parents=True, exist_ok=True)
    serial = [0]
    universe: list[Item] = []
    brands = [maker.brand() for _ in range(max(20, size // 150))]
    while len(universe) < size * 2.2:
        brand = rng.choice(brands)
        universe.extend(_variants(rng, maker, brand, rng.choice(KINDS), serial))
    rng.shuffle(universe)
    in_catalog, outside = [], []
    for p in universe:
        (in_catalog if len(in_catalog) < size and rng.random() < 0.5 else outside).append(p)
    # the export: 55% in the catalog, 45% siblings that are not (another colour, pack, size, flavour, line)
    n_match = int(size * 0.55)
    matches = rng.sample(in_catalog, n_match)
    negatives = rng.sample(outside, min(len(outside), size - n_match))
    with (folder / "catalog.jsonl").open("w", encoding="utf-8") as out:
        for p in in_catalog:
            row = {"sku": p.sku, "title": catalog_title(p), "brand": p.brand_en,
                   "gtin": p.gtin if rng.random() < 0.9 else None}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    sources = [(p, True) for p in matches] + [(p, False) for p in negatives]
    rng.shuffle(sources)
    truth = {}
    with (folder / "export" / "products.jsonl").open("w", encoding="utf-8") as out:
        for number, (p, exists) in enumerate(sources):
            sid = f"B{number:08d}"
            truth[sid] = p.sku if exists else None
            roll = rng.random()
            gtin = (_gtin_as_written(rng, p.gtin) if roll < 0.60 else None if roll < 0.80 else _typo(p.gtin)
                    if roll < 0.90 else rng.choice([q for q in rng.sample(in_catalog, 5) if q.brand_en != p.brand_en]
                                                   or [p]).gtin if roll < 0.95 else maker.gtin())
            row = {"id": sid, "title": source_title(rng, p), "price": f"{rng.randint(20, 2000)}.00"}
            if rng.random() < 0.85:
                row["brand"] = p.brand_zh if rng.random() < 0.7 else f"{p.brand_zh}/{p.brand_en}"
            if gtin:
                row["gtin"] = gtin
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    manifest = {"format_version": 1, "platform": "panda", "exported_at": "2026-11-20T00:00:00+08:00"}
    (folder / "export" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (folder / "aliases.json").write_text("{}", encoding="utf-8")  # no help: brands must be learned
    return {"catalog": len(in_catalog), "source": len(sources), "true_matches": n_match}
