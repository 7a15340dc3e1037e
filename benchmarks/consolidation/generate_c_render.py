"""How generator c writes one real product as a listing: titles, brands, sizes, packs, GTINs.

Each side (``PROFILES``) has its own rates, so the haitao catalog and the acquired platform spell the
same product differently. Every random choice goes through the ``rng`` passed in, so a seed gives the
same files. ``tags`` collects what was done, for the statistics file and for error analysis.
"""

from __future__ import annotations

from .generate_c_vocab import (CONTAINERS, COUNT_WORDS, MARKETING_PREFIX, MARKETING_SUFFIX, NOUNS, ORIGIN_WORDS,
                               SHOE_SIZES, STORE_SUFFIX, ZH_NUM, traditional)

# Rates per side. "haitao" is the catalog haitao already has (kept tidy by its own operators);
# "acquired" is the platform being brought in (marketplace sellers, three title styles).
PROFILES = {
    "haitao": {
        "gtin_present": 0.85, "gtin_present_pack": 0.5,
        "gtin_form": {"canonical": 0.9, "gtin14": 0.04, "ean13_padded_upc": 0.04, "spaced": 0.02},
        "gtin_wrong": {"typo": 0.005, "scientific": 0.0, "zeros": 0.002, "right_padded": 0.0, "sibling": 0.003},
        "unit_gtin_on_pack": 0.0,
        "brand_field": {"absent": 0.02, "en": 0.6, "zh_en": 0.25, "en_zh_slash": 0.13},
        "brand_in_title": 0.97, "title_brand": {"en_zh": 0.7, "en_slash_zh": 0.15, "en": 0.1, "zh": 0.05},
        "line_lang": {"zh": 0.85, "en": 0.05, "both": 0.1},
        "second_lang": {"zh": 0.85, "en": 0.1, "both": 0.05},
        "marketing_prefix": 0.05, "marketing_suffix": 0.03, "origin_word": 0.15, "size_missing": 0.01,
        "size_alt": 0.1, "order_shuffle": 0.03, "traditional": 0.0, "brand_typo": 0.0, "total_count": 0.0,
        "spec_present": 0.95, "hs_truncated": 0.02, "hs_other": 0.01, "origin_absent": 0.05, "english_title": 0.02,
        "pack_forms": {"×": 1.0},
    },
    "acquired": {
        "gtin_present": 0.6, "gtin_present_pack": 0.35,
        "gtin_form": {"canonical": 0.7, "gtin14": 0.08, "ean13_padded_upc": 0.08, "spaced": 0.04,
                      "leading_zero_lost": 0.06, "trailing_space": 0.04},
        "gtin_wrong": {"typo": 0.02, "scientific": 0.01, "zeros": 0.01, "right_padded": 0.005, "sibling": 0.015},
        "unit_gtin_on_pack": 0.2,
        "brand_field": {"absent": 0.2, "en": 0.2, "zh": 0.15, "zh_paren_en": 0.15, "en_slash_zh": 0.1, "alt": 0.08,
                        "store": 0.07, "upper": 0.05},
        "brand_in_title": 0.88, "title_brand": {"en_zh": 0.25, "zh": 0.25, "en": 0.15, "zh_paren_en": 0.12,
                                                "alt": 0.1, "mark": 0.06, "pinyin": 0.02, "store": 0.05},
        "line_lang": {"zh": 0.7, "en": 0.15, "both": 0.15},
        "second_lang": {"zh": 0.6, "en": 0.3, "both": 0.1},
        "marketing_prefix": 0.55, "marketing_suffix": 0.4, "origin_word": 0.35, "size_missing": 0.08,
        "size_alt": 0.5, "order_shuffle": 0.25, "traditional": 0.04, "brand_typo": 0.01, "total_count": 0.3,
        "spec_present": 0.6, "hs_truncated": 0.1, "hs_other": 0.05, "origin_absent": 0.2, "english_title": 0.1,
        "pack_forms": {"*": 0.12, "x": 0.1, "×": 0.1, "件套": 0.1, "件装": 0.12, "盒装": 0.1, "pack": 0.1,
                       "组合装": 0.08, "【】": 0.08, "箱": 0.1},
    },
}


def pick(rng, weights: dict):
    """One key of ``weights`` drawn by its weight (weights need not sum to 1)."""
    r = rng.random() * sum(weights.values())
    for key, weight in weights.items():
        r -= weight
        if r < 0:
            return key
    return key


def num(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def render_gtin(canonical: str | None, profile: dict, rng, tags: list, sibling: str | None = None,
                unit: str | None = None, pack: int = 1) -> str | None:
    """The GTIN as this side wrote it: absent, in another valid padding, or wrong."""
    if pack > 1 and unit and rng.random() < profile["unit_gtin_on_pack"]:
        tags.append("gtin:unit_on_pack")
        return unit
    present = profile["gtin_present_pack"] if pack > 1 else profile["gtin_present"]
    if canonical is None or rng.random() >= present:
        tags.append("gtin:absent")
        return None
    wrong = profile["gtin_wrong"]
    r = rng.random()
    for kind, rate in wrong.items():
        if r < rate:
            return _wrong_gtin(kind, canonical, rng, tags, sibling)
        r -= rate
    form = pick(rng, profile["gtin_form"])
    full = canonical.zfill(14)
    if form == "gtin14":
        out = full
    elif form == "ean13_padded_upc":
        out = canonical.zfill(13) if len(canonical) == 12 else canonical
    elif form == "spaced":
        out = f"{canonical[0]} {canonical[1:7]} {canonical[7:]}"
    elif form == "leading_zero_lost":
        out = canonical.lstrip("0") if canonical.startswith("0") else canonical
    elif form == "trailing_space":
        out = canonical + " "
    else:
        out = canonical
    tags.append(f"gtin:{form}")
    return out


def _wrong_gtin(kind: str, canonical: str, rng, tags: list, sibling: str | None) -> str:
    if kind == "sibling" and sibling:
        tags.append("gtin:wrong_sibling")
        return sibling
    if kind == "scientific":
        tags.append("gtin:wrong_scientific")
        return f"{int(canonical):.5E}"  # what a spreadsheet shows for a long number
    if kind == "zeros":
        tags.append("gtin:wrong_zeros")
        return "0" * 13
    if kind == "right_padded":
        tags.append("gtin:wrong_right_padded")
        return canonical + "0"
    tags.append("gtin:wrong_typo")
    i = rng.randrange(len(canonical) - 1)
    digit = str((int(canonical[i]) + rng.randrange(1, 10)) % 10)
    return canonical[:i] + digit + canonical[i + 1:]


def brand_form(brand: dict, form: str, rng) -> str:
    en, zh = brand["en"], brand["zh"]
    if form == "en":
        return en
    if form == "zh":
        return zh
    if form == "upper":
        return en.upper()
    if form in ("en_zh", "zh_en"):
        return f"{en} {zh}" if form == "en_zh" else f"{zh} {en}"
    if form in ("en_slash_zh", "en_zh_slash"):
        return f"{en}/{zh}"
    if form == "zh_paren_en":
        return rng.choice([f"{zh}（{en}）", f"{zh}({en})"])
    if form == "alt":
        return rng.choice(brand["alts"]) if brand["alts"] else en.replace(" ", "").replace("'", "")
    if form == "mark":
        return en + rng.choice(["®", "™"])
    if form == "pinyin":
        return brand["pinyin"]
    if form == "store":
        return rng.choice([en, zh]) + rng.choice(STORE_SUFFIX)
    return en


def size_text(kind: str, value: float, alt: bool, english: bool, rng, count_word: str | None) -> str:
    """A size as a listing writes it; ``alt`` picks another notation of the same quantity."""
    if kind == "mass":
        if value < 0:  # a size sold in pounds
            lb = -value
            grams = round(lb * 453.6)
            if not alt:
                return f"{num(lb)}lb" if english else f"{num(lb)}磅"
            return rng.choice([f"{num(lb)}LBS", f"{num(lb)} lbs", f"{num(grams / 1000)}kg", f"{grams}g",
                               f"{num(grams / 1000)}公斤"])
        grams = value
        if not alt:
            if grams >= 1000:
                return f"{num(grams / 1000)}kg"
            return f"{num(grams)}g"
        return rng.choice([f"{num(grams)}克", f"{num(grams / 1000)}公斤" if grams >= 1000 else f"{num(grams)}G",
                           f"{num(grams)}g" if grams >= 1000 else f"{num(grams / 1000)}kg",
                           f"{num(grams / 1000)}千克" if grams >= 1000 else f"{num(grams)}克",
                           f"{num(grams / 453.6)}磅" if grams >= 1000 else f"{num(grams / 28.35)}oz"])
    if kind == "volume":
        ml = value
        if ml >= 1000:
            if not alt:
                return f"{num(ml / 1000)}L"
            return rng.choice([f"{num(ml / 1000)}升", f"{num(ml)}ml", f"{num(ml)}毫升", f"{num(ml / 29.57)} fl oz"])
        if not alt:
            return f"{num(ml)}ml"
        return rng.choice([f"{num(ml)}毫升", f"{num(ml)}ML", f"{num(ml / 29.57)}oz", f"{num(ml / 29.57)} fl oz",
                           f"{num(ml)} ml"])
    if kind == "count":
        en_words, zh_words = COUNT_WORDS[count_word]
        n = int(value)
        if english or (alt and rng.random() < 0.4):
            word = rng.choice(en_words)
            return f"{n}{word}" if word in ("ct", "s") else f"{n} {word}"
        return f"{n}{zh_words[0] if not alt else rng.choice(zh_words)}" + ("装" if alt and rng.random() < 0.3 else "")
    if kind == "cm":
        if not alt:
            return f"{num(value)}cm"
        return rng.choice([f"{num(value)}厘米", f"{num(value)}公分", f"Ø{num(value)}cm", f"{num(value)} cm"])
    if kind == "pieces":
        n = int(value)
        if not alt:
            return f"{n}件套" if not english else f"{n}-Piece"
        return rng.choice([f"{ZH_NUM[n]}件套", f"{n} pcs", f"{n}-piece set", f"{n}件组合"])
    if kind == "shoe":
        eu = int(value)
        us, mm = SHOE_SIZES[eu]
        if not alt:
            return f"EU{eu}" if english else f"{eu}码"
        return rng.choice([f"{eu}", f"EUR {eu}", f"US{num(us)}", f"{mm}mm", f"US {num(us)}/EU {eu}", f"尺码{eu}"])
    if kind == "watt":
        if not alt:
            return f"{num(value)}W"
        return rng.choice([f"{num(value)}w", f"{num(value)}瓦", f"{num(value)} W"])
    if kind == "metre":
        if not alt:
            return f"{num(value)}m"
        return rng.choice([f"{num(value)}米", f"{num(value * 100)}cm", f"{num(value * 3.28)}ft"])
    if kind == "mah":
        n = int(value)
        if not alt:
            return f"{n}mAh"
        return rng.choice([f"{n}毫安", f"{num(n / 10000)}万毫安" if n >= 10000 else f"{n}毫安时", f"{n} mAh"])
    if kind == "ports":
        n = int(value)
        if not alt:
            return f"{n}合1" if not english else f"{n}-in-1"
        return rng.choice([f"{ZH_NUM[n]}合一", f"{n}-in-1", f"{n}口"])
    raise ValueError(kind)


def pack_text(n: int, form: str, category: str, english: bool, rng) -> str:
    """A pack of ``n`` as a listing writes it."""
    c = CONTAINERS[category]
    if english:
        return rng.choice([f"{n} Pack", f"x{n}", f"Pack of {n}", f"{n}-Pack"])
    zh = ZH_NUM.get(n, str(n))
    return {
        "*": f"*{n}", "x": f"x{n}", "×": f"×{n}", "件套": f"{n}件套", "件装": f"{n}件装",
        "盒装": f"{zh}{'盒' if c in ('盒', '个', '瓶') else c}装", "pack": f"{n} pack", "组合装": f"组合装{n}件",
        "【】": f"【{n}{c}】", "箱": f"{n}{'罐' if category in ('coffee', 'sports_nutrition') else c}/箱",
    }[form]


def title(product: dict, profile: dict, rng, tags: list) -> str:
    """A listing title for ``product`` in this side's style."""
    brand, english = product["brand"], rng.random() < profile["english_title"]
    parts: list[str] = []
    if rng.random() < profile["marketing_prefix"]:
        parts.append(rng.choice(MARKETING_PREFIX))
        tags.append("title:marketing_prefix")
    if not english and rng.random() < profile["origin_word"]:
        parts.append(rng.choice(ORIGIN_WORDS.get(product["country"], ["进口"])))
    brand_text = ""
    if rng.random() < profile["brand_in_title"]:
        form = "en" if english else pick(rng, profile["title_brand"])
        brand_text = brand_form(brand, form, rng)
        if rng.random() < profile["brand_typo"] and len(brand["en"]) > 4:
            i = rng.randrange(1, len(brand["en"]) - 1)
            brand_text = brand["en"][:i] + brand["en"][i + 1:]
            tags.append("title:brand_typo")
        tags.append(f"title:brand_{form}")
    else:
        tags.append("title:no_brand")
    lang = "en" if english else pick(rng, profile["line_lang"])
    series_en, series_zh = product["series"]
    line_en = f"{series_en} {product['line_en']}".strip() if series_en else product["line_en"]
    line_zh = f"{series_zh}{product['line_zh']}"
    line = {"zh": line_zh, "en": line_en, "both": f"{line_zh} {line_en}"}[lang]
    second = ""
    if product["second"]:
        second_lang = "en" if english else pick(rng, profile["second_lang"])
        s_en, s_zh = product["second"]
        second = {"zh": s_zh, "en": s_en, "both": f"{s_zh} {s_en}"}[second_lang]
    size = ""
    if rng.random() >= profile["size_missing"]:
        alt = rng.random() < profile["size_alt"]
        size = size_text(product["kind"], product["size"], alt, english or lang == "en", rng, product["count_word"])
        if alt:
            tags.append("title:size_alt")
    else:
        tags.append("title:size_missing")
    pack = ""
    if product["pack"] > 1:
        form = pick(rng, profile["pack_forms"])
        pack = pack_text(product["pack"], form, product["category"], english, rng)
        tags.append(f"title:pack_{form}")
        if product["kind"] == "count" and rng.random() < profile["total_count"] and not english:
            pack += f" 共{int(product['size']) * product['pack']}{COUNT_WORDS[product['count_word']][1][0]}"
            tags.append("title:total_count")
    noun = ""
    if rng.random() < 0.2:
        noun = NOUNS[product["category"]][1 if english else 0]
    if rng.random() < profile["order_shuffle"]:
        order = rng.choice([[size, brand_text, line, second, pack, noun], [line, brand_text, second, size, pack, noun],
                            [brand_text, second, line, size, pack, noun]])
        tags.append("title:order_shuffled")
    else:
        order = [brand_text, line, noun, second, size, pack]
    parts.extend(p for p in order if p)
    if rng.random() < profile["marketing_suffix"]:
        parts.append(rng.choice(MARKETING_SUFFIX))
    text = " ".join(p.strip() for p in parts)
    if rng.random() < profile["traditional"]:
        text = traditional(text)
        tags.append("title:traditional")
    return text


def spec(product: dict, profile: dict, rng) -> str | None:
    """The ``spec`` field: size (and pack) in a short notation, or absent."""
    if rng.random() >= profile["spec_present"]:
        return None
    parts = [size_text(product["kind"], product["size"], rng.random() < profile["size_alt"], False, rng,
                       product["count_word"])]
    if product["second"]:
        parts.insert(0, product["second"][1])
    text = " ".join(parts)
    if product["pack"] > 1:
        text += rng.choice([f"*{product['pack']}", f"×{product['pack']}", f" x{product['pack']}"])
    return text
