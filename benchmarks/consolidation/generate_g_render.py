"""Generator g: titles. haitao's catalog writes a product one tidy way; the acquired platform's sellers write it
their own way, and every liberty they take is named by a tag."""

from __future__ import annotations

import random

from .generate_g_text import (catalog_pack, catalog_shoe, fullwidth, parse_qty, say_code, say_count, say_pack,
                              say_qty, say_shoe, say_word, traditional, typo)
from .generate_g_vocab import EXTRA_WORDS, MARKETING, ORIGIN_WORDS
from .generate_g_world import Product

NOUN_AXES = ("form", "type")  # hair care and knives/cookware: the axis value is the noun


def _noun(p: Product) -> tuple[str, str, list[str]]:
    en, zh = p.cat["noun"].split("|")
    names = zh.split("/")
    return en, names[0], names[1:]


def _has_noun_axis(p: Product) -> bool:
    return any(n in NOUN_AXES for n, _, _ in p.values)


def brand_both(p: Product) -> str:
    b = p.brand
    if b.show == "latin" or b.zh == b.latin:
        return b.latin
    return b.zh if b.show == "zh" else f"{b.zh} {b.latin}"


def catalog_value(p: Product, name: str, kind: str, value) -> str:
    if kind == "word":
        return value.split("|")[1].split("/")[0]
    if kind == "pack":
        return catalog_pack(value, p.cat["per"])
    if kind == "count":
        return f"{value}{p.cat['counts'].split('|')[1]}"
    if kind == "shoe":
        return catalog_shoe(value)
    return value


def catalog_title(p: Product) -> str:
    f = p.family
    parts = [brand_both(p), f.zh if f.zh != f.en else f.en, p.code]
    if not _has_noun_axis(p):
        parts.append(_noun(p)[1])
    parts += [catalog_value(p, n, k, v) for n, k, v in p.values]
    return " ".join(x for x in parts if x)


def catalog_brand(p: Product, rng: random.Random) -> str | None:
    b = p.brand
    if b.show != "both" or b.zh == b.latin:
        return b.latin if b.show != "zh" else b.zh
    return rng.choice((f"{b.latin}/{b.zh}", f"{b.latin}/{b.zh}", b.latin, b.zh))


def _brand_in_title(p: Product, rng: random.Random, tags: list[str]) -> str:
    b = p.brand
    if b.show == "latin" or b.zh == b.latin:
        if rng.random() < 0.1:
            tags.append("brand_typo")
            return typo(b.latin, rng, b.lookalike.latin if b.lookalike else "")
        return b.latin
    if b.show == "zh":
        return b.zh
    roll = rng.random()
    if roll < 0.32:
        return rng.choice((f"{b.zh} {b.latin}", f"{b.latin} {b.zh}", f"{b.zh}（{b.latin}）", f"{b.latin}/{b.zh}"))
    if roll < 0.50:
        tags.append("brand_chinese_only")
        return b.zh
    if roll < 0.64:
        tags.append("brand_latin_only")
        return rng.choice((b.latin, b.latin.upper(), b.latin.lower()))
    if roll < 0.72 and b.native:
        tags.append("brand_native_script")
        return rng.choice((b.native, f"{b.native} {b.zh}"))
    if roll < 0.80:
        tags.append("brand_typo")
        slip = typo(b.latin, rng, b.lookalike.latin if b.lookalike else "")
        return rng.choice((slip, f"{b.zh} {slip}"))
    if roll < 0.92:
        tags.append("brand_not_in_title")
        return ""
    return f"{b.zh}{b.latin}"


def _brand_field(p: Product, in_title: str, rng: random.Random, tags: list[str]) -> tuple[str | None, bool]:
    """The brand field and whether the listing sits in the brand's own store (named like it)."""
    b = p.brand
    names = [x for x in (b.latin if b.show != "zh" else "", b.zh if b.show != "latin" else "") if x]
    if not in_title:
        return rng.choice(names + [" / ".join(names)]), False
    roll = rng.random()
    if roll < 0.16:
        tags.append("no_brand_field")
        return None, False
    if roll < 0.28:
        tags.append("brand_in_store_name")
        name = names[-1]
        return rng.choice((f"{name}海外旗舰店", f"{name}官方旗舰店", f"{name}全球购", f"{name}海外专营店")), True
    if roll < 0.42 and len(names) == 2:
        other = b.latin if b.zh in in_title else b.zh
        tags.append("brand_field_other_script")
        return other, False
    return rng.choice(names + ["/".join(names)]), False


def _value(p: Product, name: str, kind: str, value, rng: random.Random, tags: list[str]) -> str:
    if kind == "word":
        text, tag = say_word(name, value, rng)
    elif kind == "qty":
        text, tag = say_qty(value, rng, p.cat["code_name"])
    elif kind == "pack":
        text, tag = say_pack(value, p.cat["per"], rng)
    elif kind == "count":
        en, zh = p.cat["counts"].split("|")
        text, tag = say_count(value, en, zh, rng)
    else:
        text, tag = say_shoe(value, rng)
    if tag:
        tags.append(tag)
    return text


def _english_title(p: Product, rng: random.Random) -> str:
    f = p.family
    words = [p.brand.latin if p.brand.show != "zh" else p.brand.zh, f.en, p.code]
    for name, kind, value in p.values:
        if kind == "word":
            en = value.split("|")[0]
            words.append(en if en.isupper() else en.title())
        elif kind == "pack":
            words.append(f"{value} Pack" if value > 1 else "")
        elif kind == "count":
            words.append(f"{value} {p.cat['counts'].split('|')[0].title()}")
        elif kind == "shoe":
            words.append(rng.choice((f"EU {value}", f"Size {value}")))
        else:
            words.append(value)
    if not _has_noun_axis(p):
        words.insert(3, _noun(p)[0])
    return " ".join(w for w in words if w)


def _join(parts: list[str], tight: bool) -> str:
    """Words joined by spaces, or (tight) with none where Chinese meets anything: Latin words stay apart."""
    if not tight:
        return " ".join(parts)
    out = parts[0] if parts else ""
    for part in parts[1:]:
        gap = " " if out[-1:].isascii() and out[-1:].isalnum() and part[:1].isascii() and part[:1].isalnum() else ""
        out += gap + part
    return out


def listing_title(p: Product, rng: random.Random) -> tuple[dict, list[str], bool]:
    """(fields: title, brand, spec), tags, whether it is listed by the brand's own store."""
    tags: list[str] = []
    if rng.random() < 0.06:
        tags.append("english_only")
        title = _english_title(p, rng)
        brand = p.brand.latin if rng.random() < 0.7 else None
        if brand is None:
            tags.append("no_brand_field")
        return {"title": title, "brand": brand, "spec": None}, tags, False
    if rng.random() < 0.1:  # a tidy seller who copied the brand's own title
        return {"title": catalog_title(p), "brand": catalog_brand(p, rng), "spec": None}, tags, False
    f = p.family
    in_title = _brand_in_title(p, rng, tags)
    brand, own_store = _brand_field(p, in_title, rng, tags)
    roll = rng.random()
    if f.zh == f.en or roll < 0.6:
        line = f.zh
    elif roll < 0.8:
        line = f.en
        tags.append("line_translated")
    elif roll < 0.9:
        line = f"{f.en} {f.zh}"
    else:
        line = ""
        tags.append("line_missing")
    code = ""
    if p.code:
        code, tag = say_code(p.code, rng)
        tags += [tag] if tag else []
    noun = ""
    if not _has_noun_axis(p):
        en, zh, alias = _noun(p)
        roll = rng.random()
        noun = zh if roll < 0.55 else rng.choice(alias) if roll < 0.85 and alias else en if roll < 0.9 else ""
        if noun != zh:
            tags.append("noun_alias" if noun in alias else "noun_english" if noun else "noun_missing")
    values = {n: _value(p, n, k, v, rng, tags) for n, k, v in p.values}
    pack, size = p.value("pack"), p.value("size")
    if pack and pack > 1 and size and rng.random() < 0.2:
        a, unit = parse_qty(size)
        values["size"], values["pack"] = f"{size}*{pack}", ""
        if unit in ("g", "ml") and rng.random() < 0.5:
            values["size"] = f"{pack}{p.cat['per']}共{a * pack:g}{unit}"
        tags.append("pack_multiplied")
    spec = None
    moved = [n for n in ("size", "pack", "shoe", "count") if values.get(n)]
    roll = rng.random()
    if moved and roll < 0.2:
        spec = "*".join(values.pop(n) for n in moved)
        tags.append("spec_in_field")
    elif moved and roll < 0.35:
        spec = " ".join(values[n] for n in moved)
        tags.append("spec_repeated")
    middle = [x for x in [line, code, noun, *values.values()] if x]
    if rng.random() < 0.15:
        rng.shuffle(middle)
        tags.append("reordered")
    parts = [in_title, *middle]
    if rng.random() < 0.2:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(EXTRA_WORDS.get(p.cat["code_name"], ["进口"])))
        tags.append("extra_words")
    if rng.random() < 0.18 and p.brand.country in ORIGIN_WORDS and p.brand.kind != "lookalike":
        parts.insert(0, rng.choice(ORIGIN_WORDS[p.brand.country]))
        tags.append("origin_words")
    title = _join([x for x in parts if x], rng.random() < 0.2)
    if rng.random() < 0.45:
        words = rng.sample(MARKETING, rng.choice((1, 1, 2)))
        title = f"【{words[0]}】{title}" if rng.random() < 0.5 else f"{title} {' '.join(words)}"
        tags.append("marketing")
    if rng.random() < 0.06 and traditional(title) != title:
        title, brand = traditional(title), traditional(brand) if brand else brand
        tags.append("traditional")
    if rng.random() < 0.05 and fullwidth(title) != title:
        title = fullwidth(title)
        tags.append("fullwidth")
    return {"title": title, "brand": brand, "spec": spec}, tags, own_store
