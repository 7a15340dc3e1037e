"""Renderers of generator d: how one hidden variant is written as text on each side.

The haitao side writes a house style (one spelling per value); the acquired side picks among the
spellings sellers use (unit conversions, pack notations, Chinese or English words, marketing text,
traditional characters, brand in a store name or missing from the field) and GTIN forms. Every choice
that changes the text is returned as a tag for truth_detail.jsonl.
"""

from __future__ import annotations

import re

from .generate_d_vocab import (COUNTRY_ZH, ENUM_AXES, MARKETING_POST, MARKETING_PRE, ORIGIN_PROMO, STORE_SUFFIX,
                               TRADITIONAL, VOLTS)

CJK = re.compile(r"[\u3400-\u9fff]")
ZH_NUM = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 8: "八", 10: "十", 12: "十二", 24: "二十四"}
QUANTITY_KINDS = {"vol", "wt", "lb", "count", "mah", "gb", "watt", "litre", "age", "vintage", "persons", "cm", "tea_pack"}
PACK_KINDS = {"pack", "heads", "bars"}


def _g(x: float) -> str:
    return f"{x:g}"


def quantity_forms(kind: str, v) -> list[str]:
    """The spellings of one quantity; the first is haitao's house spelling."""
    if kind == "vol":
        house = f"{v}ml" if v < 1000 else f"{_g(v / 1000)}L"
        alt = [f"{v}ml", f"{v}ML", f"{v}毫升", f"{v} ml"]
        if v >= 375:
            alt += [f"{_g(v / 1000)}L", f"{_g(v / 1000)}升"]
        if v in (375, 500, 700, 750, 1000, 1500):
            alt.append(f"{_g(v / 10)}cl")
        return [house] + alt
    if kind == "wt":
        house = f"{v}g" if v < 1000 else f"{_g(v / 1000)}kg"
        alt = [f"{v}g", f"{v}克", f"{v}G", f"{v} g"]
        if v >= 500:
            alt += [f"{_g(v / 1000)}kg", f"{_g(v / 1000)}公斤", f"{_g(v / 1000)}KG"]
        if v in (500, 1000, 2000):
            alt.append(f"{v // 500}斤")
        if v in (35, 100, 200):
            alt.append(f"{_g(round(v / 28.35, 1))}oz")
        return [house] + alt
    if kind == "lb":
        grams = round(v * 453.6)
        house = f"{grams}g" if grams < 1000 else f"{_g(round(grams / 1000, 2))}kg"
        return [house, f"{v}lb", f"{v}磅", f"{v} lbs", f"{v}LB", f"{v}磅/{house}", f"{v}lbs({house})"]
    if kind == "count":
        return [f"{v}粒", f"{v}颗", f"{v} gummies", f"{v}粒装", f"{v} Count", f"{v}ct", f"{v}粒/瓶"]
    if kind == "mah":
        alt = [f"{v}mAh", f"{v}毫安", f"{v}MAH", f"{v} mAh"]
        if v % 10000 == 0:
            alt.append(f"{v // 10000}万毫安")
        return [f"{v}mAh"] + alt
    if kind == "gb":
        if v == 1024:
            return ["1TB", "1T", "1TB", "1024GB"]
        return [f"{v}GB", f"{v}G", f"{v}gb", f"{v} GB"]
    if kind == "watt":
        return [f"{v}W", f"{v}w", f"{v}瓦", f"{v}W快充", f"{v} W"]
    if kind == "litre":
        return [f"{_g(v)}L", f"{_g(v)}升", f"{round(v * 1000)}ml", f"{_g(v)}l", f"{_g(v)} L"]
    if kind == "age":
        return [f"{v}年", f"{v} Year Old", f"{v}YO", f"{v}年陈酿", f"{v} Years", f"{v}年份"]
    if kind == "vintage":
        return [f"{v}年", f"{v}", f"{v}年份", f"Vintage {v}", f"{v} Vintage"]
    if kind == "persons":
        return [f"{v}人", f"{v}人帐", f"{v}-Person", f"{v} Person", f"{v}人款"]
    if kind == "cm":
        return [f"{v}cm", f"{v}厘米", f"{_g(v / 100)}m", f"{_g(v / 100)}米", f"{v} cm"]
    if kind == "tea_pack":
        if v[0] == "b":
            n = int(v[1:])
            return [f"{n}袋", f"{n}包", f"{n} Tea Bags", f"{n}袋装", f"{n}片", f"{n} bags"]
        n = int(v[1:])
        return [f"{n}g罐装", f"散茶{n}g", f"{n}克", f"{n}g Loose Leaf", f"{n}g", f"罐装{n}克"]
    raise ValueError(kind)


def pack_forms(kind: str, n: int, unit: str) -> list[str]:
    """Pack notations; the first is the house spelling, "" means no pack written."""
    if kind == "heads":
        zh = ZH_NUM.get(n, str(n))
        return [f"{n}支装", f"×{n}", f"x{n}", f"{n}个装", f"{n} pack", f"{n}-Count", f"{n} heads", f"{zh}支装", f"{n}支"]
    if kind == "bars":
        if n == 1:
            return ["单支", "1支", "1 Bar", "单根", "单条"]
        if n == 12:
            return ["12支/盒", "盒装12支", "Box of 12", "12 Bars", "12支装", "一盒12支", "12*60g"]
        return ["24支(2盒)", "12支×2盒", "两盒装 共24支", "2 x Box of 12", "24 Bars", "24支装"]
    if n == 1:
        return ["", "", "", f"单{unit}装", f"1{unit}装", "x1"]
    zh = ZH_NUM.get(n, str(n))
    return [f"×{n}", f"*{n}", f"x{n}", f"×{n}", f"{n}件套", f"{n}件装", f"{zh}{unit}装", f"{n}{unit}装", f"{n} pack",
            f"{n}-Pack", f"Pack of {n}", f"组合装{n}件", f"{n}{unit}", f"整箱{n}{unit}" if n >= 6 else f"{zh}{unit}"]


def enum_forms(kind: str, key: str) -> tuple[tuple, tuple]:
    value = ENUM_AXES[kind][key]
    return value[1], value[2]


def is_cjk(text: str) -> bool:
    return bool(CJK.search(text))


def enum_text(kind: str, key: str, rng, lang: str, house: bool = False) -> str:
    zh, en = enum_forms(kind, key)
    if house:
        text = zh[0]
    elif lang == "en":
        text = rng.choice(en)
    elif lang == "mixed":
        text = rng.choice(zh + en)
    else:
        text = rng.choice(zh) if rng.random() < 0.85 else rng.choice(en)
    if kind == "plug" and (house or rng.random() < 0.5):
        text += ("" if house else rng.choice(["", " "])) + (VOLTS[key][0] if house else rng.choice(VOLTS[key]))
    return text


def pick_form(forms: list[str], rng, lang: str) -> str:
    pool = [f for f in forms[1:] if not is_cjk(f)] if lang == "en" else forms[1:]
    return rng.choice(pool or forms)


# --- GTIN ---------------------------------------------------------------------------------------------------------


def check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def house_gtin(gtin14: str) -> str:
    """haitao writes UPC-A as 12 digits, EAN-13 as 13, a case code as 14."""
    if gtin14.startswith("00"):
        return gtin14[2:]
    if gtin14.startswith("0"):
        return gtin14[1:]
    return gtin14


def acquired_gtin(gtin14: str, rng) -> tuple[str, str]:
    """A correct GTIN in one of its written forms, or a mistyped one; returns (text, tag)."""
    r = rng.random()
    digits = house_gtin(gtin14)
    if r < 0.07:
        i = rng.randrange(len(digits) - 1)
        wrong = str((int(digits[i]) + rng.randrange(1, 10)) % 10)
        return digits[:i] + wrong + digits[i + 1:], "gtin_bad_check"
    if r < 0.45:
        return digits, "gtin_same_form"
    options = [(gtin14, "gtin_gtin14")]
    if gtin14.startswith("00"):
        options += [(gtin14[1:], "gtin_upc_as_ean13"), (gtin14[1:], "gtin_upc_as_ean13")]
        if gtin14[2] == "0":
            options += [(gtin14[3:], "gtin_upc11_lost_zero")] * 2
    elif gtin14.startswith("0") and gtin14[1] == "0":
        options.append((gtin14[2:], "gtin_upc12"))
    if len(digits) == 13:
        options.append((f"{digits[0]} {digits[1:7]} {digits[7:]}", "gtin_spaces"))
    elif len(digits) == 12:
        options.append((f"{digits[0]} {digits[1:6]} {digits[6:11]} {digits[11]}", "gtin_spaces"))
    options.append((f" {digits} ", "gtin_whitespace"))
    return rng.choice(options)


# --- brand --------------------------------------------------------------------------------------------------------


def typo(word: str, rng) -> str:
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    i = rng.choice(letters[1:-1] or letters)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1:]
    if op == 1 and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] + word[i:]


def brand_house(brand: dict) -> tuple[str, str]:
    """(brand field, brand words in the title) as haitao writes them; the style is fixed per brand."""
    en, zh = brand["en"], brand["zh"]
    if not zh:
        return en, en
    if not en:
        return zh, zh
    return {"en": (en, f"{zh} {en}"), "en_title": (en, en), "zh": (zh, zh), "slash": (f"{zh}/{en}", f"{zh}{en}")}[brand["house"]]


def brand_acquired(brand: dict, rng, lang: str, plain: bool, typo_ok) -> tuple[str | None, str, str]:
    """(brand field or None, brand words in the title, tag)."""
    en, zh, pinyin = brand["en"], brand["zh"], brand["pinyin"]
    if plain:
        field = en or zh
        return field, field, "brand_plain"
    r = rng.random()
    if lang == "en":
        name = en or pinyin.capitalize()
        if r < 0.25 and zh:
            return zh, name, "brand_field_zh_title_en"
        return name, name, "brand_en"
    if r < 0.18 and en and zh:
        return en, zh, "brand_field_en_title_zh"
    if r < 0.32 and en and zh:
        return zh, en, "brand_field_zh_title_en"
    if r < 0.44:
        base = rng.choice([x for x in (zh, en) if x])
        return base + rng.choice(STORE_SUFFIX), base, "brand_store_suffix"
    if r < 0.54:
        return None, (f"{zh}{en}" if zh and en and rng.random() < 0.5 else (zh or en)), "brand_field_absent"
    if r < 0.60 and pinyin:
        name = pinyin.capitalize() if rng.random() < 0.6 else pinyin.upper()
        return name, name, "brand_pinyin"
    if r < 0.66 and en and typo_ok(en):
        wrong = typo(en, rng)
        if typo_ok(wrong):
            return wrong, (zh or wrong), "brand_typo"
    if r < 0.72 and en:
        variant = en.upper() if rng.random() < 0.5 else re.sub(r"[\s'’.-]", "", en)
        return variant, variant, "brand_case_or_compact"
    if r < 0.80:
        field = en or zh
        return field, "", "brand_field_only"
    if en and zh:
        sep = rng.choice(["/", " ", "", "（", "|"])
        both = f"{en}{sep}{zh}" + ("）" if sep == "（" else "")
        return both, both, "brand_both"
    return en or zh, en or zh, "brand_same"


# --- titles ---------------------------------------------------------------------------------------------------------


def marketing(rng, country: str) -> tuple[str, str]:
    pre = rng.choice(MARKETING_PRE) if rng.random() < 0.45 else ""
    if rng.random() < 0.25:
        pre += rng.choice(ORIGIN_PROMO).format(c=COUNTRY_ZH.get(country, "海外")) + " "
    post = " ".join(rng.sample(MARKETING_POST, rng.randrange(1, 3))) if rng.random() < 0.5 else ""
    return pre, post


def to_traditional(text: str) -> str:
    return text.replace("发货", "發貨").replace("发售", "發售").translate(TRADITIONAL)


def join(*parts: str) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()
