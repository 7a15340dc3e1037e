"""Generator g: the world of real products. A family is one brand's product line in one category; its variants
(the product of a few values of each of the category's axes) are the products, each with a GTIN of its own."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

from .generate_g_brands import Brand, invent, real_brands
from .generate_g_gtin import Allocator, case_gtin
from .generate_g_vocab import CATEGORIES, EDITIONS

MAX_VARIANTS = 24


@dataclass
class Family:
    cat: dict
    brand: Brand
    en: str
    zh: str
    code: str  # model number, "" when the line has none
    axes: list  # (name, kind, chosen values)
    suffix: dict = field(default_factory=dict)  # colour value -> code after the model number
    unit_ean: dict = field(default_factory=dict)


@dataclass
class Product:
    key: str
    family: Family
    brand: Brand
    values: tuple  # ((axis name, kind, value), ...)
    gtin: str

    @property
    def cat(self) -> dict:
        return self.family.cat

    def value(self, name: str):
        return next((v for n, _, v in self.values if n == name), None)

    @property
    def code(self) -> str:
        """The full model number: the line's, then the colour's code when the category has one."""
        code = self.family.code
        sfx = self.family.suffix.get(self.value("colour"))
        return f"{code}-{sfx}" if code and sfx else code


def _pattern(rng: random.Random, pattern: str) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(rng.choice(letters) if c == "A" else str(rng.randrange(10)) if c == "9" else c for c in pattern)


class World:
    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.alloc = Allocator(rng)
        self.cats = CATEGORIES
        self.known: dict[str, list[Brand]] = {}
        self.unknown: dict[str, list[Brand]] = {}
        taken = {b.latin for b in real_brands()}
        reals = real_brands()
        n_invented, n_unknown = max(6, size // 2500), max(4, size // 4000)
        for cat in CATEGORIES:
            name = cat["code_name"]
            mine = [b for b in reals if name in b.lines or b.id in cat.get("brands", ())]
            self.known[name] = mine + [invent(rng, "invented", taken) for _ in range(n_invented)]
            self.unknown[name] = [invent(rng, "unknown", taken) for _ in range(n_unknown)]
        self.families: set = set()

    def brands(self) -> list[Brand]:
        return [b for bs in self.known.values() for b in bs]

    def family(self, unknown: bool = False, cat: dict | None = None) -> Family:
        rng = self.rng
        while True:
            c = cat or rng.choice(self.cats)
            pool = (self.unknown if unknown else self.known)[c["code_name"]]
            brand = rng.choice(pool)
            real = brand.lines.get(c["code_name"], [])
            if real and rng.random() < 0.5:
                en, zh, code = rng.choice(real)
            else:
                picked = [rng.choice(slot).split("|") for slot in c["parts"]]
                en, zh = " ".join(x[0] for x in picked), "".join(x[1].split("/")[0] for x in picked)
                code = _pattern(rng, c["code"]) if c.get("code") else ""
            for attempt in range(4):
                key = (c["code_name"], brand.id, en, zh, code)
                if key not in self.families:
                    break
                ed_en, ed_zh = rng.choice(EDITIONS).split("|")
                en, zh = f"{en} {ed_en}", f"{zh}{ed_zh}"
                if code:  # a new model number shaped like the old one
                    code = _pattern(rng, "".join("A" if ch.isalpha() else "9" if ch.isdigit() else ch for ch in code))
            else:
                continue
            self.families.add(key)
            axes = []
            for name, kind, values, lo, hi in c["axes"]:
                k = min(len(values), rng.randint(lo, hi))
                chosen = sorted(rng.sample(range(len(values)), k))
                axes.append((name, kind, [values[i] for i in chosen]))
            fam = Family(c, brand, en, zh, code, axes)
            if c.get("suffix"):
                colours = next((vals for name, _, vals in axes if name == "colour"), [])
                style = rng.choice(("%03d", "%dA", "%02d", "%dAJF"))
                codes = rng.sample(range(1, 40), len(colours))
                fam.suffix = {v: style % n for v, n in zip(colours, codes)}
            return fam

    def variants(self, fam: Family) -> list[tuple]:
        combos = list(itertools.product(*[[(name, kind, v) for v in vals] for name, kind, vals in fam.axes]))
        self.rng.shuffle(combos)
        return combos[:MAX_VARIANTS]

    def product(self, fam: Family, values: tuple, brand: Brand | None = None) -> Product:
        brand = brand or fam.brand
        c = fam.cat
        key = "|".join((c["code_name"], brand.id, fam.en, fam.code, ";".join(f"{n}={str(v).split('|')[0]}" for n, _, v in values)))
        pack = next((v for n, _, v in values if n == "pack"), 1)
        if brand is fam.brand and pack >= 6:
            unit = tuple(x for x in values if x[0] != "pack")
            if unit not in fam.unit_ean:
                fam.unit_ean[unit] = self.alloc.ean13(brand.id, brand.country)
            gtin = case_gtin(fam.unit_ean[unit], 1)
        else:
            gtin = self.alloc.ean13(brand.id, brand.country)
        return Product(key, fam, brand, values, gtin)

    def lookalike(self, product: Product) -> Product | None:
        """The same line and variant sold under a knock-off brand: a different product."""
        look = product.family.brand.lookalike
        return self.product(product.family, product.values, brand=look) if look else None
