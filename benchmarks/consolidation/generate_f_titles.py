"""Generator f titles: haitao's house style and the acquired marketplace's shop styles.

House: ``象印（Zojirushi）不锈钢保温杯 SM-SA48 480ml 黑色`` with a spec field in the house notation.
Shops: a bonded-warehouse flagship (promo brackets, Latin + Chinese brand), a daigou reseller (country first,
Chinese only, spoken notations), an English-only import store, a Hong Kong / Taiwan store (traditional script),
a Japanese / Korean direct store (brand in its own script), and a terse store that puts the brand only in the field.
"""

from __future__ import annotations

import random

from . import generate_f_render as rd
from .generate_f_vocab import CATEGORIES, COUNTRY_ZH, PROMO, TAILS
from .generate_f_world import Product

SIZE_AXES = ("ml", "g", "kg", "L", "lb", "inch")

STORES = (
    # (id, name, kind, country, style)
    ("s1", "环球优选保税旗舰店", "marketplace", "HK", "flagship"),
    ("s2", "东京直邮小铺", "marketplace", "JP", "native"),
    ("s3", "首尔生活馆", "marketplace", "KR", "native"),
    ("s4", "Global Picks Store", "marketplace", "SG", "english"),
    ("s5", "澳洲代购小屋", "marketplace", "AU", "daigou"),
    ("s6", "港澳好物行", "marketplace", "HK", "traditional"),
    ("s7", "台灣嚴選進口館", "marketplace", "TW", "traditional"),
    ("s8", "自营保税仓", "self_operated", "CN", "flagship"),
    ("s9", "极简海淘", "marketplace", "CN", "terse"),
    ("s10", "欧洲直采中心", "marketplace", "DE", "daigou"),
    ("s11", "MiniMart Import", "marketplace", "MY", "english"),
    ("s12", "宝妈海外购", "marketplace", "CN", "daigou"),
)


def house_spec(product: Product) -> str:
    parts = []
    size = None
    for axis, value in product.variant:
        if axis == "x" and size:
            parts[-1] = size + rd.house(axis, value)
            continue
        text = rd.house(axis, value)
        parts.append(text)
        size = text if axis in SIZE_AXES else None
    return " ".join(parts)


def haitao_title(product: Product) -> str:
    line = product.line[0]
    head = f"{rd.house_brand(product.brand)}{line}"
    return f"{head} {house_spec(product)}".strip()


def haitao_brand(product: Product, rng: random.Random) -> str | None:
    b = product.brand
    if rng.random() < 0.04:
        return None
    if b.zh and b.latin:
        return f"{b.zh}/{b.latin}"
    return b.zh or b.latin


def shop_spec(product: Product, rng: random.Random, lang: int) -> tuple[list[str], set[str]]:
    """The variant's parts in shop notation, plus notation tags; a pack may be multiplied out."""
    parts: list[str] = []
    tags: set[str] = set()
    last_size: tuple[str, str] | None = None
    for axis, value in product.variant:
        if axis == "x" and last_size and rng.random() < 0.12 and last_size[0] in ("g", "ml"):
            total = float(last_size[1]) * int(value)
            unit = last_size[0]
            parts[-1] = (f"{rd.num(total / 1000)}{'kg' if unit == 'g' else 'L'}" if total >= 1000
                         else f"{rd.num(total)}{unit}") + f"({last_size[1]}{unit}×{value})"
            tags.add("pack_multiplied")
            continue
        text, tag = rd.shop(axis, value, rng, lang)
        if lang and axis == "col":
            text, tag = rd.COLOURS[value][1], None
        if tag:
            tags.add(tag)
        if axis == "x" and parts and text.startswith(("×", "*", "x")):
            parts[-1] += text
        elif text:
            parts.append(text)
        last_size = (axis, value) if axis in SIZE_AXES else None
    return parts, tags


def acquired(product: Product, rng: random.Random, store: tuple, look_names: tuple) -> dict:
    """One listing's title, brand field and spec field (as written by ``store``), plus its tags."""
    style = store[4]
    tags: set[str] = set()
    b = product.brand
    lang = 1 if style == "english" else 0
    parts, spec_tags = shop_spec(product, rng, lang)
    tags |= spec_tags
    brand, btag = rd.brand_field(b, rng, look_names)
    if btag:
        tags.add(btag)
    line_zh, line_en = product.line
    if style == "english":
        name = b.latin or b.zh or ""
        title = f"{name} {line_en} {CATEGORIES[product.cat][2]} " + " ".join(parts)
        tags.add("english_only")
    elif style == "daigou":
        country = COUNTRY_ZH.get(b.country, "海外")
        title = f"{country}{rng.choice(('代购', '直邮', '进口'))} {b.zh or b.latin}{line_zh}{rng.choice(('', ' '))}{' '.join(parts)} " \
                f"{rng.choice(TAILS)}"
    elif style == "native" and b.alt:
        title = f"{b.alt} {line_zh} {' '.join(parts)} {rng.choice(('直送', '正品', '本土版'))}"
        tags.add("brand_native_script")
    elif style == "terse":
        title = f"{line_zh} {' '.join(parts)}"
        tags.add("brand_not_in_title")
        if brand is None:
            brand = rd.brand_names(b)[0]
            tags.discard("no_brand_field")
    else:
        names = " ".join(rd.brand_names(b)[::-1]) if rng.random() < 0.5 else rd.house_brand(b)
        title = f"{rng.choice(PROMO)}{names} {line_zh} {' '.join(parts)} {rng.choice(TAILS)}"
        if rng.random() < 0.15:
            title = title.replace(line_zh, line_en, 1)
            tags.add("line_translated")
    if style == "traditional":
        title = rd.traditional(title)
        tags.add("traditional")
    if rng.random() < 0.08:
        title = rd.fullwidth(title)
        tags.add("fullwidth")
    spec = None
    r = rng.random()
    if r < 0.5 and parts:
        spec = " ".join(parts)
    elif r < 0.62 and parts and style != "terse":
        spec = " ".join(parts)
        for part in parts:
            title = title.replace(part, "", 1)
        tags.add("spec_in_field")
    return {"title": " ".join(title.split()), "brand": brand, "spec": spec, "tags": tags}
