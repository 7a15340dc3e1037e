"""Generator f world: brands (real and invented), product lines (families), their variants and GTINs.

Families come as one stream, brand by brand, real brands interleaved with invented ones. Each family has a
role: ``haitao`` (haitao sells some of its variants), ``absent`` (a line of a known brand that haitao lacks)
or ``unknown`` (a brand haitao does not carry at all). Every product, sold by haitao or not, gets a GTIN of
its own from one global serial, so no two products ever share a GTIN.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

from .generate_f_brands import BRANDS
from .generate_f_vocab import CATEGORIES, EAN_PREFIX, SYLLABLES, TWIN, TWIN_ZH

CATS = tuple(CATEGORIES)


@dataclass(frozen=True)
class Brand:
    bid: str
    latin: str | None
    zh: str | None
    alt: str | None  # own script (kana, Hangul, Thai) when not Chinese or Latin
    country: str
    real: bool
    look: tuple[str | None, str | None] = (None, None)


@dataclass
class Product:
    key: str
    cat: str
    brand: Brand
    line: tuple[str, str]  # (Chinese, English)
    variant: tuple[tuple[str, str], ...]  # ((axis, value), ...)
    gtin: str
    lookalike: bool = False


@dataclass
class Family:
    fid: int
    cat: str
    brand: Brand
    line: tuple[str, str]
    role: str
    products: list[Product] = field(default_factory=list)


def check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def gtin_valid(code: str | None) -> bool:
    return bool(code) and code.isdigit() and len(code) in (8, 12, 13, 14) and check_digit(code[:-1]) == code[-1]


class Serial:
    """One global counter, scrambled by an affine bijection mod 10^7 so GTINs look unrelated."""

    def __init__(self, seed: int) -> None:
        self.n = 0
        self.offset = (seed * 7_654_321) % 10**7

    def gtin(self, brand: Brand, country: str | None = None) -> str:
        self.n += 1
        item = f"{(self.n * 7919 + self.offset) % 10**7:07d}"
        company = abs(hash_text(brand.bid))
        country = country or brand.country
        if country == "US":
            body = "0" + f"{company % 1000:03d}" + item
        else:
            prefixes = EAN_PREFIX.get(country, ("690", "692", "693", "695"))
            body = prefixes[company % len(prefixes)] + f"{company % 100:02d}" + item
        return body + check_digit(body)


def hash_text(text: str) -> int:
    """A hash that does not depend on PYTHONHASHSEED."""
    value = 2166136261
    for ch in text.encode("utf-8"):
        value = ((value ^ ch) * 16777619) & 0xFFFFFFFF
    return value


def parse_axes(spec: str) -> list[list[tuple[tuple[str, str], ...]]]:
    """``ml:350,500~mdl:A,B|col:黑,白`` -> groups of zipped (axis, value) options."""
    groups = []
    for group in spec.split("|"):
        columns = []
        for part in group.split("~"):
            axis, values = part.split(":", 1)
            columns.append([(axis, v) for v in values.split(",")])
        groups.append([tuple(option) for option in zip(*columns)])
    return groups


def variants(spec: str) -> list[tuple[tuple[str, str], ...]]:
    return [tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parse_axes(spec))]


def invented_brand(index: int, rng: random.Random) -> Brand:
    base = len(SYLLABLES)
    length, start, space = 2, 0, (base - 1) * base
    while index >= start + space:  # 2, 3, 4 ... syllables, each length's names in a scrambled order
        start, length, space = start + space, length + 1, space * base
    n = ((index - start) * 7919 + 101) % space + base ** (length - 1)
    digits = []
    while n:
        n, r = divmod(n, base)
        digits.append(r)
    sylls = [SYLLABLES[d] for d in reversed(digits)]
    latin = "".join(s[0] for s in sylls).capitalize()
    zh = "".join(s[1] for s in sylls)
    country = rng.choice(("JP", "JP", "KR", "KR", "US", "DE", "FR", "AU", "NZ", "IT", "GB", "TH", "MY", "CH"))
    alt = "".join(s[2] for s in sylls) if country == "JP" else "".join(s[3] for s in sylls) if country == "KR" else None
    script = rng.random()
    if script < 0.15:
        zh = None  # a Latin-only brand
    elif script < 0.25:
        latin = None  # a Chinese-only brand
    twin_at = max((i for i, s in enumerate(sylls) if s[1][0] in TWIN_ZH), default=len(sylls) - 1)
    look_latin = "".join(TWIN[s[0]] if i == twin_at else s[0] for i, s in enumerate(sylls)).capitalize()
    look_zh = "".join(TWIN_ZH.get(s[1][0], s[1][0]) + s[1][1:] if i == twin_at else s[1] for i, s in enumerate(sylls))
    return Brand(f"i{index}", latin, zh, alt, country, False, (look_latin if latin else None, look_zh if zh else None))


def real_brands() -> list[tuple[Brand, str, tuple]]:
    out = []
    for n, (cat, latin, zh, alt, country, look, lines) in enumerate(BRANDS):
        out.append((Brand(f"r{n}", latin, zh, alt or None, country, True, look), cat, lines))
    return out


def family_stream(seed: int):
    """Yield families forever: every real brand once (in a seeded order), then invented brands only."""
    rng = random.Random(f"f:{seed}:world")
    reals = real_brands()
    rng.shuffle(reals)
    fid = 0
    invented = 0
    while True:
        if reals and rng.random() < 0.55:
            brand, cat, lines = reals.pop()
            unknown = False
            line_list = list(lines)
        else:
            brand = invented_brand(invented, rng)
            invented += 1
            cat = rng.choice(CATS)
            generic = list(CATEGORIES[cat][4])
            rng.shuffle(generic)
            line_list = generic[: rng.randint(1, len(generic))]
            unknown = rng.random() < 0.18
        for position, (line_zh, line_en, spec) in enumerate(line_list):
            if unknown:
                role = "unknown"
            elif position == 0:
                role = "haitao"
            else:
                role = "haitao" if rng.random() < 0.72 else "absent"
            family = Family(fid, cat, brand, (line_zh, line_en), role)
            family.spec = spec  # type: ignore[attr-defined]
            fid += 1
            yield family


def make_products(family: Family, serial: Serial) -> list[Product]:
    out = []
    for variant in variants(family.spec):  # type: ignore[attr-defined]
        key = f"{family.brand.bid}/{family.fid}/" + ",".join(f"{a}={v}" for a, v in variant)
        out.append(Product(key, family.cat, family.brand, family.line, variant, serial.gtin(family.brand)))
    family.products = out
    return out


def lookalike_of(product: Product, serial: Serial) -> Product:
    """The same line and variant under a near-twin brand (its own GTIN, often a Chinese prefix)."""
    b = product.brand
    look = Brand(b.bid + "~", b.look[0], b.look[1], None, b.country, False)
    country = "CN" if hash_text(look.bid) % 3 else b.country
    return Product(product.key.replace("/", "~/", 1), product.cat, look, product.line, product.variant,
                   serial.gtin(look, country), lookalike=True)
