"""Titles of generator e: haitao's house style and the acquired platform's stores.

Haitao: ``康维他(Comvita) 麦卢卡蜂蜜 UMF10+ 500g×2瓶`` and ``brand`` = the Latin name (else the Chinese).
The acquired platform sells through stores of several kinds, each with its habits: a bonded-warehouse store
(``【保税直发】康维他Comvita新西兰进口麦卢卡蜂蜜UMF 10+ 500克*2 正品保证``), a global store writing both scripts,
an English-only store, Hong Kong and Taiwan stores (traditional script), a daigou store (brand in pinyin or
misspelt), and brand flagship stores whose titles leave the brand to the store's name.
"""

from __future__ import annotations

import random

from . import generate_e_render as rd
from .generate_e_vocab import ORIGIN_ZH

STORES = [  # (id, name, style, country, kind)
    ("m01", "海淘优选保税仓", "bonded", "CN", "marketplace"), ("m02", "全球购精选", "global", "CN", "marketplace"),
    ("m03", "Kiwi Direct NZ", "english", "NZ", "marketplace"), ("m04", "港貨直送專門店", "hk", "HK", "marketplace"),
    ("m05", "台灣好物選品", "tw", "TW", "marketplace"), ("m06", "澳洲代购小铺", "daigou", "AU", "marketplace"),
    ("m07", "自营保税馆", "bonded", "CN", "self_operated"), ("m08", "Tokyo Select Store", "english", "JP", "marketplace"),
    ("m09", "欧洲直邮馆", "global", "DE", "marketplace"), ("m10", "日韩代购屋", "daigou", "JP", "marketplace"),
]
STYLE_WEIGHTS = [18, 14, 10, 6, 5, 8, 12, 6, 8, 5]
FLAGSHIP_SHARE = 0.1


def haitao_title(p) -> str:
    b = p.brand
    brand = f"{b.zh}({b.latin})" if b.zh and b.latin else b.key
    specs = " ".join(rd.house(v, b.scheme) for _, v in p.values)
    pack = rd.pack_house(p.pack, p.cat["unit"])
    age = f" {p.age}岁+" if p.age else ""
    return " ".join(f"{brand} {p.line[1]}{p.edition[1]} {specs}{pack}{age}".split())


def haitao_brand(p) -> str:
    return p.brand.latin or p.brand.zh


def _typo(latin: str, rng: random.Random) -> str:
    """Two neighbouring inner letters swapped (never the look-alike's one-letter change)."""
    spots = [i for i in range(1, len(latin) - 2) if latin[i] != latin[i + 1] and latin[i].isalpha() and latin[i + 1].isalpha()]
    if not spots:
        return latin
    i = rng.choice(spots)
    return latin[:i] + latin[i + 1] + latin[i] + latin[i + 2:]


def _brand_text(b, rng: random.Random, style: str, tags: list) -> str:
    latin, zh = b.latin, b.zh
    if latin and rng.random() < 0.07:
        latin = _typo(latin, rng)
        if latin != b.latin:
            tags.append("brand_typo")
    if style == "english":
        if latin:
            return latin.upper() if rng.random() < 0.25 else latin
        tags.append("brand_pinyin")
        return rd.pinyin(zh).capitalize()
    if style == "daigou" and zh and rng.random() < 0.5:
        tags.append("brand_pinyin")
        py = rd.pinyin(zh)
        return py.upper() if rng.random() < 0.5 else py
    if latin and zh:
        r = rng.random()
        if r < 0.3:
            return rng.choice([f"{zh}{latin}", f"{latin}/{zh}", f"{zh} {latin.upper()}", f"{latin} {zh}", f"{zh}（{latin}）"])
        if r < 0.65:
            return zh
        tags.append("brand_latin_only")
        return latin.upper() if rng.random() < 0.3 else latin
    return latin or zh


def _age(age: int, rng: random.Random, english: bool) -> str:
    return rng.choice([f"{age}+", f"Ages {age}+"] if english else [f"{age}岁+", f"{age}+", f"{age}岁以上", f"适合{age}岁+"])


def acquired(p, rng: random.Random) -> tuple[dict, tuple, list]:
    """One listing of product ``p``: the product row's text fields, its store, and the tags it earned."""
    tags: list = []
    b, cat = p.brand, p.cat
    flagship = rng.random() < FLAGSHIP_SHARE
    store = rng.choices(STORES, STYLE_WEIGHTS)[0]
    style = "bonded" if flagship else store[2]
    english = style == "english"
    if flagship:
        tags.append("brand_in_store_name")
        store = (f"fs{b.serial}", f"{b.zh or b.latin}海外旗舰店", "bonded", b.country, "marketplace")
        brand = ""
    else:
        brand = _brand_text(b, rng, style, tags)
    # the line, in the store's language or translated
    r = rng.random()
    if english or r < 0.22:
        line = f"{p.line[0]} {p.edition[0]}".strip()
        if not english:
            tags.append("line_translated")
    elif r < 0.35:
        line = f"{p.line[1]}{p.edition[1]} {p.line[0]}"
    else:
        line = p.line[1] + p.edition[1]
    # the specification and the pack
    specs, changed, unit_changed = [], False, False
    count_total = None
    for _, v in p.values:
        text, diff = rd.written(v, rng, b.scheme, english)
        changed |= diff
        unit_changed |= diff and v[0] in ("g", "ml", "mm", "n")
        specs.append(text)
        if v[0] == "n" and p.pack > 1 and v[2] in ("抽", "片") and rng.random() < 0.15:
            count_total = (len(specs) - 1, f"{v[1] * p.pack}{v[2]}" if not english else f"{v[1] * p.pack} {v[3]}")
    if unit_changed:
        tags.append("unit_notation")
    elif changed:
        tags.append("spec_notation")
    pack = rd.pack_written(p.pack, cat["unit"], rng, english)
    if count_total is not None:
        specs[count_total[0]] = count_total[1]
        pack = ""
        tags.append("pack_multiplied")
    elif p.pack > 1 and pack != rd.pack_house(p.pack, cat["unit"]):
        tags.append("pack_notation")
    spec_text = " ".join(specs) + (("" if pack[:1] in "*x×X" else " ") + pack if pack else "")
    spec_text = spec_text.strip()
    if p.age:
        spec_text += " " + _age(p.age, rng, english)
    where = rng.random()
    has_model = any(v[0] in ("model",) for _, v in p.values)
    in_title, in_field = True, False
    if where < 0.25:
        in_field = True
    elif where < 0.4 and not has_model:
        in_title, in_field = False, True
        tags.append("spec_in_field")
    elif where < 0.44 and not has_model:
        in_title = False
        tags.append("spec_missing")
    # the title
    origin = ORIGIN_ZH.get(b.country, "") if b.country != "CN" else ""
    parts: list[str] = []
    if english:
        parts = [brand, line, spec_text if in_title else "", rng.choice(["", "", "Imported", "Genuine", "Free Shipping", f"from {b.country}"])]
    else:
        pre = rng.choice(rd.NOISE_PRE) if style in ("bonded", "global") else ""
        post = " ".join(rng.sample(rd.NOISE_POST, rng.randint(0, 2)))
        where_from = f"{origin}{rng.choice(['进口', '原装进口', '直邮', ''])}" if origin and rng.random() < 0.5 else ""
        if style == "daigou":
            where_from = f"{origin}代购" if origin else "海外代购"
        middle = [brand, where_from, line] if rng.random() < 0.7 else [where_from, line, brand]
        if in_title:
            middle.insert(len(middle) if rng.random() < 0.75 else 2, spec_text)
        parts = [pre, *middle, post]
        if style == "hk":
            parts.append(rng.choice(["香港直送", "港版", "香港行貨", ""]))
        elif style == "tw":
            parts.append(rng.choice(["台灣公司貨", "現貨", ""]))
    sep = " " if english or rng.random() < 0.6 else ""
    title = sep.join(x for x in parts if x).strip()
    brand_field = None
    if not flagship:
        r = rng.random()
        if r < 0.2:
            tags.append("no_brand_field")
        elif r < 0.6:
            brand_field = brand
        else:
            brand_field = rng.choice([x for x in (b.zh, b.latin, f"{b.zh}/{b.latin}" if b.zh and b.latin else "") if x])
    spec_field = None
    if in_field:
        spec_field = " ".join(s for s in specs if s) + (f"*{p.pack}" if p.pack > 1 and count_total is None else "")
    if style in ("hk", "tw"):
        convert = rd.hk if style == "hk" else rd.tw
        title = convert(title)
        brand_field = convert(brand_field) if brand_field else None
        spec_field = convert(spec_field) if spec_field else None
        tags.append("traditional")
    if english:
        tags.append("english_only")
    row = {"title": title or (b.key + " " + p.line[0]), "brand": brand_field, "spec": spec_field or None}
    return row, store, tags
