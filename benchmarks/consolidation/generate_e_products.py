"""Product families of generator e: which products exist, which haitao sells, which the acquired platform lists.

A family is one brand's line in one category (plus an edition). Its products are the combinations of the
family's values on each axis (size, grade, stage, power...) and a pack count. Every product has one GTIN of its
own (EAN-13 by the brand's country, UPC-A for US/CA brands, GTIN-14 for a case of a single unit), so two
different products never share a GTIN and a product never has two.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from dataclasses import dataclass, field

from . import generate_e_render as rd
from .generate_e_vocab import CATEGORIES, GS1, MODEL_PREFIX, invented_brand, lookalike

EDITIONS = [("", ""), ("Plus", "升级版"), ("Classic", "经典款"), ("Pro", "专业版"), ("Kids", "儿童款"), ("Limited Edition", "限定版")]
LIQUID_WORDS = ("UHT", "Liquid", "Diffuser", "Rinse")
CASE_INDICATOR = {2: "1", 3: "2", 5: "3", 6: "4", 7: "5", 10: "6", 12: "7", 24: "8"}


@dataclass
class Brand:
    latin: str
    zh: str
    country: str
    serial: int
    scheme: str = "umf"
    items: int = 0
    in_catalog: bool = False

    @property
    def key(self) -> str:
        return self.latin or self.zh

    def gtin(self) -> str:
        """The brand's next item GTIN (EAN-13, or UPC-A for North American brands)."""
        self.items += 1
        if self.country in ("US", "CA"):  # company numbers scrambled by a bijection, so they look like real ones
            body = f"0{(self.serial * 7919 + 104729) % 10 ** 6:06d}{self.items:04d}"
        else:  # past 100,000 brands the next GS1 prefix up (none of them is another country's here)
            prefix = int(GS1.get(self.country, "690")) + self.serial // 10 ** 5
            body = f"{prefix}{(self.serial * 7919 + 10007) % 10 ** 5:05d}{self.items:04d}"
        return body + rd.check_digit(body)


@dataclass
class Product:
    key: str
    brand: Brand
    cat: dict
    line: tuple
    edition: tuple
    values: tuple          # (axis name, value) pairs
    pack: int
    gtin: str
    age: int | None = None
    price: float = 0.0
    tags: list = field(default_factory=list)

    def axis_of(self, other: Product) -> str:
        """The axis on which this product differs from ``other`` (same family)."""
        if self.pack != other.pack:
            return "pack"
        for (name, a), (_, b) in zip(self.values, other.values):
            if a != b:
                return "kit" if a[0] == "kit" and a[1] != b[1] else name
        return "same"


class World:
    """Brands of every category (real first, invented as the set grows) and the families built from them."""

    def __init__(self, seed: int):
        self.seed = seed
        self.names: set[str] = set()
        self.serial = 0
        self.real: dict[str, list[Brand]] = {}
        self.invented: dict[str, list[Brand]] = defaultdict(list)
        self.twins: dict[int, Brand] = {}
        self.count: dict[str, int] = defaultdict(int)
        for cat in CATEGORIES:
            self.real[cat["code"]] = [self._brand(*b, rng=random.Random(f"{seed}:{b[0]}{b[1]}")) for b in cat["brands"]]

    def _brand(self, latin: str, zh: str, country: str, rng: random.Random) -> Brand:
        self.serial += 1
        for name in (latin.lower(), zh):
            if name:
                self.names.add(name)
        return Brand(latin, zh, country, self.serial, scheme="mgo" if rng.random() < 0.4 else "umf")

    def _fresh(self, make, rng: random.Random) -> Brand:
        for _ in range(50):
            latin, zh, country = make()
            if (not latin or latin.lower() not in self.names) and (not zh or zh not in self.names) and (latin or zh):
                return self._brand(latin, zh, country, rng)
        latin, zh, country = make()
        return self._brand(f"{latin}{self.serial}" if latin else "", f"{zh}{self.serial}" if zh else "", country, rng)

    def twin(self, brand: Brand, rng: random.Random) -> Brand:
        """The look-alike of a brand (always the same one): never sold by haitao."""
        if brand.serial not in self.twins:
            self.twins[brand.serial] = self._fresh(lambda: lookalike((brand.latin, brand.zh, brand.country), rng), rng)
            self.twins[brand.serial].scheme = brand.scheme
        return self.twins[brand.serial]

    def family(self, index: int) -> tuple[dict, Brand, tuple, tuple, random.Random]:
        """Family ``index``: its category, brand, line, edition and its own random stream."""
        rng = random.Random(f"{self.seed}:fam:{index}")
        cat = CATEGORIES[rng.randrange(len(CATEGORIES))]
        code = cat["code"]
        k = self.count[code]
        self.count[code] += 1
        lines, reals = cat["lines"], self.real[code]
        own = cat.get("own", {})
        owned = {i for idx in own.values() for i in idx}
        pairs = [(b, i) for i in range(len(lines)) for b, brand in enumerate(reals)
                 if i not in owned or i in own.get(brand.latin, ())]
        if k % 2 == 0 and k // 2 < len(pairs) * len(EDITIONS):
            j = k // 2
            b, i = pairs[j % len(pairs)]
            brand, line, edition = reals[b], lines[i], EDITIONS[j // len(pairs)]
        else:
            j = self.count[code + ":inv"]
            self.count[code + ":inv"] += 1
            pool = self.invented[code]
            if j // 2 >= len(pool):
                country = rng.choice([b.country for b in reals])
                pool.append(self._fresh(lambda: invented_brand(rng, country), rng))
            brand = pool[j // 2]
            free = [i for i in range(len(lines)) if i not in owned]  # a brand's own line is never an invented brand's
            order = random.Random(f"{self.seed}:lines:{brand.serial}").sample(free, len(free))
            line, edition = lines[order[j % 2 % len(order)]], EDITIONS[0]
        return cat, brand, line, edition, rng

    def products(self, index: int, cat: dict, brand: Brand, line: tuple, edition: tuple, rng: random.Random) -> list[Product]:
        """Every product of a family (a sample of the combinations when there are many)."""
        liquid = any(w in line[0] for w in LIQUID_WORDS)
        axes = []
        for name, values in cat["axes"]:
            values = values(rng) if callable(values) else values
            if any(v[0] == "ml" for v in values) and any(v[0] in ("g", "n") for v in values):
                values = [v for v in values if (v[0] == "ml") == liquid]
            elif any(v[0] == "ml" for v in values) and name == "size" and cat["code"] == "DSH":
                values = values if liquid else []
            elif name == "count" and cat["code"] == "DSH" and liquid:
                values = []
            if not values:
                continue
            if values[0][0] == "model" and cat.get("model_prefix"):
                prefix = MODEL_PREFIX.get(brand.key) or (brand.latin[:2].upper() if brand.latin else "ZH")
                values = [("model", prefix + v[1]) for v in values]
            elif len(values) > 2 and not callable(dict(cat["axes"])[name]):
                values = rng.sample(values, rng.randint(2, min(4, len(values))))
            axes.append([(name, v) for v in values])
        packs = sorted(set(rng.sample(cat["packs"], min(len(cat["packs"]), rng.randint(1, 2)))))
        combos = list(itertools.product(*axes)) if axes else [()]
        if len(combos) > 12:
            combos = rng.sample(combos, 12)
        products = []
        for c, values in enumerate(combos):
            base = brand.gtin()
            for pack in packs:
                if pack == 1:
                    gtin = base
                elif rng.random() < 0.5 and pack in CASE_INDICATOR:
                    body = CASE_INDICATOR[pack] + base[-13:-1].zfill(12)
                    gtin = body + rd.check_digit(body)
                else:
                    gtin = brand.gtin()
                age = random.Random(f"{values}").choice(cat["ages"]) if "ages" in cat else None
                price = round((40 + (len(line[0]) % 7) * 15 + 10 * c) * pack * rng.uniform(0.8, 1.3), 1)
                products.append(Product(f"{index}:{c}:{pack}", brand, cat, line, edition, values, pack, gtin, age, price))
        return products

    def twin_product(self, product: Product, rng: random.Random) -> Product:
        twin = self.twin(product.brand, rng)
        return Product(product.key + ":twin", twin, product.cat, product.line, product.edition, product.values,
                       product.pack, twin.gtin(), product.age, round(product.price * rng.uniform(0.5, 0.9), 1))


def neighbours(product: Product, family: list[Product]) -> list[Product]:
    """The family's products differing from ``product`` on exactly one axis (or the pack count)."""
    out = []
    for other in family:
        diff = sum(1 for a, b in zip(product.values, other.values) if a != b) + (product.pack != other.pack)
        if diff == 1:
            out.append(other)
    return out
