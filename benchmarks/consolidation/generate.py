"""Synthetic platform exports with known ground truth, for the consolidation benchmark.

A *universe* of products is made (brands × product lines × sizes/stages/packs/shades), about 60% of
it becomes haitao's catalog and the export takes N products: ~60% that exist in the catalog (the
matches to find) and ~40% that do not — mostly *siblings* of catalog products (same brand and line,
another stage, size, pack, content or shade), the hard negatives.

Source titles are written the way marketplaces write them: Chinese or English or both, brand aliases
in either language, marketing brackets and words, full-width characters, shuffled words, specs in
several spellings (800g / 0.8kg / 800克, 50ml*2 / 2x50ml, 3段 / 三段 / Stage 3). GTINs are right,
missing, mistyped (bad check digit), regional (another valid code) or shared by mistake.

Brands: the shipped alias table plus synthetic brands whose Chinese names are handed to the matcher
as operator aliases (``merge_aliases``), as an operator would.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from haitao.consolidation.normalise import default_aliases, gtin_check_digit

SYLLABLES = [("ka", "卡"), ("lo", "洛"), ("mi", "米"), ("ra", "拉"), ("ve", "维"), ("no", "诺"), ("ta", "塔"),
             ("si", "斯"), ("be", "贝"), ("la", "兰"), ("do", "多"), ("ri", "瑞"), ("na", "娜"), ("fe", "菲"),
             ("ko", "柯"), ("mo", "摩"), ("pa", "帕"), ("te", "特"), ("vi", "薇"), ("sa", "萨"), ("lu", "露"),
             ("ne", "妮"), ("ho", "禾"), ("gi", "吉"), ("zu", "祖"), ("da", "达"), ("xi", "希"), ("yo", "优"),
             ("ma", "玛"), ("qi", "琪"), ("ba", "巴"), ("tu", "图")]
WORDS = [("白金", "platinum"), ("金装", "gold"), ("有机", "organic"), ("舒敏", "sensitive"), ("保湿", "hydrating"),
         ("美白", "whitening"), ("抗老", "anti-aging"), ("修护", "repair"), ("夜间", "night"), ("日间", "day"),
         ("婴儿", "baby"), ("儿童", "kids"), ("成人", "adult"), ("孕妇", "pregnancy"), ("经典", "classic"),
         ("高端", "premium"), ("升级", "advanced"), ("纯净", "pure"), ("天然", "natural"), ("旅行", "travel")]
MARKETING_BRACKETS = ["【保税直发】", "【官方正品】", "[官方正品]", "(包邮)", "【海外直邮】", "【现货速发】", "【正品保证】"]
MARKETING_WORDS = ["正品保证", "包邮", "现货", "官方旗舰店", "海外直邮", "保税直发", "official", "authentic"]
CN_DIGITS = "零一二三四五六"
# other spellings of the same noun, for source titles (they normalise to the same words)
SPELLINGS = {"奶粉": ("奶粉", "配方奶粉", "婴幼儿配方奶粉"), "formula": ("formula", "infant formula", "milk powder"),
             "cream": ("cream", "face cream"), "面霜": ("面霜", "乳霜"), "精华": ("精华", "精华液")}
# noise no table knows: extra words and typos (keeps the benchmark honest about the tables' reach)
EXTRA_WORDS = ("2024款", "新配方", "大容量", "限定", "net", "家庭装", "升级版", "nouveau")
COLOURS = [("黑色", "black"), ("棕色", "brown"), ("红色", "red"), ("蓝色", "blue"), ("粉色", "pink"), ("白色", "white")]


@dataclass(frozen=True)
class Category:
    name: str
    nouns: tuple[tuple[str, str], ...]
    contents: tuple[tuple[str, float], ...]  # (unit, value); unit '' = no content
    packs: tuple[int, ...] = (1,)
    stages: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    shades: int = 0
    colours: bool = False
    codes: bool = False  # a model code in the title (watches, bags, wine bins)


CATEGORIES = {
    "formula": Category("formula", (("奶粉", "formula"), ("羊奶粉", "goat formula")),
                        (("g", 400), ("g", 800), ("g", 900), ("g", 1200)), (1, 1, 1, 2, 3, 6), ("1", "2", "3", "4", "pre")),
    "skincare": Category("skincare", (("面霜", "cream"), ("精华", "serum"), ("乳液", "lotion"), ("爽肤水", "toner"),
                                      ("眼霜", "eye cream"), ("面膜", "mask"), ("洁面乳", "cleanser")),
                         (("ml", 15), ("ml", 30), ("ml", 50), ("ml", 75), ("ml", 100), ("ml", 150), ("ml", 200)), (1, 1, 1, 2)),
    "makeup": Category("makeup", (("口红", "lipstick"), ("粉底液", "foundation")), (("g", 3.5), ("ml", 30)), (1,), shades=40),
    "diapers": Category("diapers", (("纸尿裤", "diapers"), ("拉拉裤", "pull-ups")),
                        (("piece", 36), ("piece", 42), ("piece", 58), ("piece", 64), ("piece", 84)), (1, 1, 2, 3),
                        sizes=("nb", "s", "m", "l", "xl", "xxl")),
    "supplement": Category("supplement", (("鱼油", "fish oil"), ("复合维生素", "multivitamin"), ("钙片", "calcium"),
                                          ("益生菌", "probiotic"), ("胶原蛋白", "collagen")),
                           (("piece", 30), ("piece", 60), ("piece", 90), ("piece", 120), ("piece", 200), ("piece", 400)),
                           (1, 1, 2, 3)),
    "bags": Category("bags", (("手提包", "handbag"), ("托特包", "tote"), ("斜挎包", "crossbody"), ("钱包", "wallet")),
                     (("", 0),), (1,), colours=True, codes=True),
    "watch": Category("watch", (("手表", "watch"), ("石英手表", "quartz watch"), ("机械手表", "automatic watch")),
                      (("", 0),), (1,), colours=True, codes=True),
    "wine": Category("wine", (("红酒", "red wine"), ("设拉子红葡萄酒", "shiraz red wine"), ("赤霞珠红酒", "cabernet red wine")),
                     (("ml", 750), ("ml", 1500)), (1, 1, 2, 6), codes=True),
}
BRAND_CATEGORY = {
    "formula": "aptamil mead-johnson wyeth abbott nutrilon gerber friso bellamys karicare a2",
    "skincare": "estee-lauder lancome shiseido kiehls clarins sk-ii la-mer sulwhasoo clinique origins "
                "elizabeth-arden fancl pola cle-de-peau innisfree laneige",
    "makeup": "dior chanel ysl guerlain",
    "diapers": "pampers huggies goon merries moony kao",
    "supplement": "swisse blackmores bio-island centrum gnc move-free",
    "bags": "coach michael-kors kate-spade longchamp",
    "watch": "tissot longines omega casio seiko",
    "wine": "penfolds lafite moet-chandon",
}


@dataclass
class Brand:
    key: str
    zh: str
    en: str
    category: Category
    lines: set = field(default_factory=set)


@dataclass
class Product:
    sku: str
    brand: Brand
    noun: tuple[str, str]
    words: tuple[tuple[str, str], ...]
    code: str | None
    unit: str
    value: float
    pack: int
    stage: str | None
    size: str | None
    shade: str | None
    colour: tuple[str, str] | None
    gtin: str
    line_id: int
    hs_code: str = "3304990099"
    origin: str = "FR"


def _known_brands() -> list[Brand]:
    aliases = default_aliases()
    brands = []
    for category, keys in BRAND_CATEGORY.items():
        for key in keys.split():
            names = sorted(aliases.aliases(key))
            zh = next((n for n in names if not n.isascii()), None)
            en = next((n for n in sorted(names, key=len, reverse=True) if n.isascii() and n != key), key)
            if zh:
                brands.append(Brand(key, zh, en.title() if en.islower() else en, CATEGORIES[category]))
    return brands


def _synthetic_brands(rng: random.Random, count: int) -> list[Brand]:
    brands, seen = [], set()
    categories = list(CATEGORIES.values())
    while len(brands) < count:
        parts = rng.sample(SYLLABLES, rng.choice((3, 3, 4)))
        en = "".join(p[0] for p in parts).capitalize()
        if en.lower() in seen:
            continue
        seen.add(en.lower())
        brands.append(Brand(en.lower(), "".join(p[1] for p in parts), en, rng.choice(categories)))
    return brands


class Universe:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.gtin_counter = 0
        self.products: list[Product] = []
        self.line_count = 0

    def gtin(self) -> str:
        self.gtin_counter += 1
        body = f"69{self.gtin_counter:010d}"
        return body + str(gtin_check_digit(body))

    def line(self, brand: Brand) -> list[Product]:
        rng, cat = self.rng, brand.category
        for _ in range(20):
            noun = rng.choice(cat.nouns)
            words = tuple(sorted(rng.sample(WORDS, rng.choice((1, 2, 2, 3))), key=lambda w: w[1]))
            code = None
            if cat.codes or rng.random() < 0.3:
                code = rng.choice("ABCDEFGHJKLMNPRSTUVWXZ") + str(rng.randint(10, 9999))
            key = (noun, words, code)
            if key not in brand.lines:
                brand.lines.add(key)
                break
        else:
            return []
        self.line_count += 1
        variants = set()
        for _ in range(rng.randint(2, 8)):
            unit, value = rng.choice(cat.contents)
            variants.add((
                unit, value, rng.choice(cat.packs),
                rng.choice(cat.stages) if cat.stages else None,
                rng.choice(cat.sizes) if cat.sizes else None,
                str(rng.randint(1, cat.shades)) if cat.shades else None,
                rng.choice(COLOURS) if cat.colours else None,
            ))
        products = []
        for unit, value, pack, stage, size, shade, colour in sorted(variants, key=str):
            products.append(Product(
                sku=f"HT{len(self.products) + len(products):08d}", brand=brand, noun=noun, words=words, code=code,
                unit=unit, value=value, pack=pack, stage=stage, size=size, shade=shade, colour=colour,
                gtin=self.gtin(), line_id=self.line_count,
                hs_code=rng.choice(("3304990099", "1901101000", "9619001000", "2204210000")),
                origin=rng.choice(("FR", "DE", "AU", "JP", "US", "NZ")),
            ))
        self.products.extend(products)
        return products


# --- rendering ---------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _content_text(rng: random.Random, unit: str, value: float, clean: bool) -> str:
    if not unit:
        return ""
    if clean:
        return {"g": f"{_fmt(value)}g", "ml": f"{_fmt(value)}ml", "piece": f"{_fmt(value)}粒"}[unit]
    if unit == "g":
        return rng.choice((f"{_fmt(value)}g", f"{_fmt(value)}克", f"{_fmt(value)} g", f"{_fmt(value / 1000)}kg"))
    if unit == "ml":
        options = [f"{_fmt(value)}ml", f"{_fmt(value)}毫升", f"{_fmt(value)} ML"]
        if value >= 1000:
            options.append(f"{_fmt(value / 1000)}L")
        return rng.choice(options)
    return rng.choice((f"{_fmt(value)}粒", f"{_fmt(value)}片", f"{_fmt(value)} capsules", f"{_fmt(value)}颗"))


def _spec_text(rng: random.Random, p: Product, clean: bool) -> str:
    content = _content_text(rng, p.unit, p.value, clean)
    parts = []
    if p.pack > 1:
        if clean:
            content = f"{content}*{p.pack}"
        else:
            content = rng.choice((f"{content}*{p.pack}", f"{content}×{p.pack}", f"{p.pack}x{content}",
                                  f"{content} {p.pack}{'罐' if p.unit == 'g' else '瓶'}装"))
    if content:
        parts.append(content)
    if p.stage:
        if p.stage == "pre":
            parts.append(rng.choice(("Pre段", "pre")) if not clean else "Pre段")
        else:
            parts.append(f"{p.stage}段" if clean else rng.choice(
                (f"{p.stage}段", f"{CN_DIGITS[int(p.stage)]}段", f"Stage {p.stage}", f"{p.stage}阶段")))
    if p.size:
        s = p.size.upper()
        parts.append(f"{s}码" if clean else rng.choice((f"{s}码", s, f"{s}号", f"size {s}")))
    if p.shade:
        parts.append(f"#{int(p.shade):02d}" if clean else rng.choice(
            (f"#{int(p.shade):02d}", f"{int(p.shade):02d}号", f"色号{int(p.shade):02d}", f"色号 #{p.shade}")))
    if p.colour:
        parts.append(p.colour[0] if clean else rng.choice(p.colour))
    return " ".join(parts)


def catalog_row(rng: random.Random, p: Product) -> dict:
    zh = rng.random() < 0.5
    words = [w[0] if zh else w[1] for w in p.words]
    title = " ".join(filter(None, [p.brand.en if not zh else p.brand.zh, p.code, *words,
                                   p.noun[0] if zh else p.noun[1], _spec_text(rng, p, clean=True)]))
    return {"sku": p.sku, "title": title, "brand": p.brand.en, "gtin": p.gtin if rng.random() < 0.9 else None,
            "hs_code": p.hs_code, "origin_country": p.origin}


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and c.isalnum() else c for c in text)


def source_row(rng: random.Random, p: Product, source_id: str, gtin: str | None) -> dict:
    lang = rng.random()
    def pick(pair):  # mostly Chinese titles with English mixed in, as cross-border listings are
        return pair[0] if rng.random() < (0.7 if lang < 0.8 else 0.2) else pair[1]
    brand_style = rng.random()
    brand_text = (p.brand.zh if brand_style < 0.45 else p.brand.en if brand_style < 0.75
                  else f"{p.brand.zh}{p.brand.en}" if brand_style < 0.95 else "")
    noun = pick(p.noun)
    noun = rng.choice(SPELLINGS.get(noun, (noun,)))
    body = [w for w in [p.code, *(pick(w) for w in p.words), noun] if w]
    if rng.random() < 0.3:
        rng.shuffle(body)
    spec_text = _spec_text(rng, p, clean=False)
    spec_in_title = rng.random() < 0.85
    parts = [brand_text, *body, spec_text if spec_in_title else ""]
    if rng.random() < 0.5:
        parts.insert(0, rng.choice(MARKETING_BRACKETS))
    if rng.random() < 0.4:
        parts.append(rng.choice(MARKETING_WORDS))
    if rng.random() < 0.15:
        parts.insert(rng.randint(1, len(parts)), rng.choice(EXTRA_WORDS))
    if rng.random() < 0.05:  # a typo in one Latin word
        latin = [i for i, x in enumerate(parts) if x.isascii() and len(x) > 4]
        if latin:
            i = rng.choice(latin)
            cut = rng.randint(1, len(parts[i]) - 2)
            parts[i] = parts[i][:cut] + parts[i][cut + 1:]
    title = " ".join(x for x in parts if x)
    if rng.random() < 0.5:  # Chinese listings often drop the spaces around Chinese words
        title = re.sub(r"(?<=[\u4e00-\u9fff】]) | (?=[\u4e00-\u9fff【])", "", title)
    if rng.random() < 0.1:
        title = _fullwidth(title)
    row = {"id": source_id, "title": title, "price": f"{rng.randint(20, 3000)}.{rng.randint(0, 99):02d}"}
    if not brand_text or rng.random() < 0.85:
        row["brand"] = rng.choice((p.brand.zh, p.brand.en, f"{p.brand.zh}/{p.brand.en}"))
    if gtin:
        row["gtin"] = gtin
    if not spec_in_title or rng.random() < 0.6:
        row["spec"] = _spec_text(rng, p, clean=False)
    row["hs_code"] = p.hs_code if rng.random() < 0.95 else "3304100000"
    row["origin_country"] = p.origin
    return row


def _corrupt(gtin: str) -> str:
    last = (int(gtin[-1]) + 1) % 10
    return gtin[:-1] + str(last)


def _other_brand(rng: random.Random, in_catalog: list, p: Product) -> Product:
    """A catalog product of another brand, whose GTIN a seller copied by mistake.

    (A GTIN copied from a sibling of the same brand is, by construction, indistinguishable from the
    real one: haitao takes an equal valid GTIN as the strongest evidence, so the generator's mistakes
    cross brands, where the matcher can see them.)
    """
    for _ in range(20):
        other = rng.choice(in_catalog)
        if other.brand.key != p.brand.key:
            return other
    return other


def generate(size: int, folder: str | Path, seed: int = 7) -> dict:
    """Write ``folder/export`` (manifest + products.jsonl), ``catalog.jsonl``, ``truth.json``, ``aliases.json``."""
    folder = Path(folder)
    (folder / "export").mkdir(parents=True, exist_ok=True)
    universe = Universe(seed)
    rng = universe.rng
    known = _known_brands()
    synthetic = _synthetic_brands(rng, max(10, size // 150))
    brands = known + synthetic
    weights = [40.0] * len(known) + [1.0] * len(synthetic)
    in_catalog: list[Product] = []
    new: list[Product] = []
    while len(in_catalog) < size:
        brand = rng.choices(brands, weights)[0]
        for p in universe.line(brand):
            (in_catalog if rng.random() < 0.6 and len(in_catalog) < size else new).append(p)
    n_match = int(size * 0.6)
    matches = rng.sample(in_catalog, n_match)
    negatives = rng.sample(new, min(len(new), size - n_match))

    with (folder / "catalog.jsonl").open("w", encoding="utf-8") as out:
        for p in in_catalog:
            out.write(json.dumps(catalog_row(rng, p), ensure_ascii=False) + "\n")
    sources = [(p, True) for p in matches] + [(p, False) for p in negatives]
    rng.shuffle(sources)
    truth = {}
    with (folder / "export" / "products.jsonl").open("w", encoding="utf-8") as out:
        for number, (p, exists) in enumerate(sources):
            source_id = f"K{number:08d}"
            truth[source_id] = p.sku if exists else None
            roll = rng.random()
            if exists:
                gtin = (p.gtin if roll < 0.65 else None if roll < 0.80 else _corrupt(p.gtin) if roll < 0.90
                        else _other_brand(rng, in_catalog, p).gtin if roll < 0.95 else universe.gtin())
            else:
                gtin = (p.gtin if roll < 0.7 else None if roll < 0.9 else _other_brand(rng, in_catalog, p).gtin)
            out.write(json.dumps(source_row(rng, p, source_id, gtin), ensure_ascii=False) + "\n")
    manifest = {"format_version": 1, "platform": "koala", "exported_at": "2026-11-01T00:00:00+08:00", "currency": "CNY"}
    (folder / "export" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    aliases = {b.key: [b.zh, b.en] for b in synthetic}
    (folder / "aliases.json").write_text(json.dumps(aliases, ensure_ascii=False), encoding="utf-8")
    return {"catalog": len(in_catalog), "source": len(sources), "true_matches": n_match}
