"""Generator f notations: one axis value written the house's way or one of the ways shops write it.

``house(axis, value)`` is haitao's catalog style; ``shop(axis, value, rng)`` returns (text, tag or None), the tag
naming the notation when it differs from the house's. Also: full-width and traditional script, brand spellings
and GTIN defects.
"""

from __future__ import annotations

import random

from .generate_f_vocab import CN_NUM, COLOURS, COUNTERS_EN, TRADITIONAL
from .generate_f_world import Brand, check_digit

FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-/"}


def fullwidth(text: str) -> str:
    return "".join(FULL.get(c, c) for c in text)


def traditional(text: str) -> str:
    return "".join(TRADITIONAL.get(c, c) for c in text)


def num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def zh_number(n: int) -> str:
    if n <= 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + CN_NUM[n - 10]
    return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")


def opt(value: str, lang: int) -> str:
    """A ``中文=English`` option; lang 0 Chinese, 1 English."""
    zh, _, en = value.partition("=")
    return (zh, en or zh)[lang]


def house(axis: str, value: str) -> str:
    if axis in ("ml", "g", "kg", "L", "lb", "cm"):
        unit = {"L": "L"}.get(axis, axis)
        return f"{value}{unit}"
    if axis == "inch":
        return f"{value}英寸"
    if axis == "pct":
        return f"{value}%可可"
    if axis == "x":
        return f"×{value}"
    if axis.startswith("n"):
        return f"{value}{axis[1:]}装"
    if axis == "col":
        return COLOURS[value][0]
    if axis == "sh":
        return f"色号{value}"
    if axis == "t":
        return opt(value, 0)
    if axis == "sz":
        return {"AA": "5号AA", "AAA": "7号AAA"}.get(value, value)
    return value  # mdl, side


def _size(axis: str, value: str, rng: random.Random) -> tuple[str, str | None]:
    v = float(value)
    choices: list[tuple[str, str | None]] = [(f"{value}{axis}", None), (f"{value}{axis.upper()}", None),
                                             (f"{value} {axis}", None)]
    if axis == "ml":
        choices += [(f"{value}毫升", "unit_notation")]
        if v >= 100:
            choices += [(f"{num(v / 1000)}L", "unit_notation"), (f"{num(v / 1000)}升", "unit_notation")]
    elif axis == "g":
        choices += [(f"{value}克", "unit_notation")]
        if v >= 200:
            choices += [(f"{num(v / 1000)}kg", "unit_notation")]
        if v in (113, 227, 56):
            choices += [(f"{round(v / 28.35)}oz", "unit_converted")]
    elif axis == "kg":
        choices += [(f"{value}公斤", "unit_notation"), (f"{num(v * 2)}斤", "unit_converted")]
    elif axis == "L":
        choices += [(f"{value}升", "unit_notation"), (f"{value}L装", None)]
    elif axis == "lb":
        choices += [(f"{value}磅", "unit_notation"), (f"{num(round(v * 0.4536, 1))}kg", "unit_converted")]
    return rng.choice(choices)


def shop(axis: str, value: str, rng: random.Random, lang: int = 0) -> tuple[str, str | None]:
    if axis in ("ml", "g", "kg", "L", "lb", "cm"):
        return _size(axis, value, rng)
    if axis == "inch":
        return rng.choice([(f"{value}寸", "unit_notation"), (f"{value}英寸", None), (f'{value}"', "unit_notation"),
                           (f"{value}inch", "unit_notation")])
    if axis == "pct":
        return rng.choice([(f"{value}%", None), (f"{value}%可可", None), (f"可可{value}%", None),
                           (f"Cocoa {value}%", "unit_notation")])
    if axis == "x":
        n = int(value)
        if n == 1:
            return rng.choice([("单盒", "pack_notation"), ("1盒", "pack_notation"), ("", "pack_implicit")])
        return rng.choice([(f"×{n}", None), (f"*{n}", "pack_notation"), (f"x{n}", "pack_notation"),
                           (f"{n}袋装", "pack_notation"), (f"{zh_number(n)}连包", "pack_notation"),
                           (f"{n}入", "pack_notation")])
    if axis.startswith("n"):
        counter = axis[1:]
        return rng.choice([(f"{value}{counter}", None), (f"{value}{counter}装", None),
                           (f"{value}{COUNTERS_EN.get(counter, 'pcs')}", "pack_notation"),
                           (f"×{value}", "pack_notation"), (f"{value}入", "pack_notation")])
    if axis == "col":
        zh, en, code = COLOURS[value]
        return rng.choice([(zh, None), (value, None), (en, "colour_english"), (en.upper(), "colour_english")])
    if axis == "sh":
        return shade(value, rng)
    if axis == "t":
        return (opt(value, lang), "line_translated" if lang and opt(value, 1) != opt(value, 0) else None)
    if axis == "sz":
        return rng.choice({"AA": [("5号", "size_notation"), ("AA", "size_notation"), ("5号AA", None),
                                  ("AA 5号", None)],
                           "AAA": [("7号", "size_notation"), ("AAA", "size_notation"), ("7号AAA", None),
                                   ("AAA 7号", None)]}.get(value, [(value, None), (value.lower(), "model_notation"),
                                                                  (value.replace("CR", "CR-"), "model_notation")]))
    if axis == "mdl":
        return model(value, rng)
    if axis == "side":
        return rng.choice([(value, None), (value + "电动", None),
                           ({"单边": "单侧", "双边": "双侧"}[value], "unit_notation"),
                           ({"单边": "Single", "双边": "Double"}[value], "line_translated")])
    return value, None


def shade(value: str, rng: random.Random) -> tuple[str, str | None]:
    forms: list[tuple[str, str | None]] = [(f"色号{value}", None), (f"#{value}", "shade_notation"),
                                           (f"{value}号", "shade_notation")]
    if "/" in value:
        forms += [(value.replace("/", "-"), "shade_notation"), (value.replace("/", "."), "shade_notation")]
    if "-" in value:
        forms += [(value.replace("-", "/"), "shade_notation"), (value.replace("-", ""), "shade_notation")]
    if " " in value:
        forms += [(value.replace(" ", ""), "shade_notation"), (value.split(" ")[1], "shade_notation"),
                  (value.replace(" ", "-"), "shade_notation")]
    return rng.choice(forms)


def model(value: str, rng: random.Random) -> tuple[str, str | None]:
    return rng.choice([(value, None), (value, None), (value.replace("-", "").replace(" ", ""), "model_notation"),
                       (value.lower(), "model_notation"), (fullwidth(value), "fullwidth"),
                       (value.replace("-", " "), "model_notation")])


def brand_names(brand: Brand) -> list[str]:
    return [n for n in (brand.zh, brand.latin) if n]


def house_brand(brand: Brand) -> str:
    if brand.zh and brand.latin:
        return f"{brand.zh}（{brand.latin}）"
    return brand.zh or brand.latin or ""


def typo(name: str, rng: random.Random) -> str:
    if len(name) < 5 or not name.isascii():
        return name
    i = rng.randrange(1, len(name) - 2)
    return rng.choice([name[:i] + name[i + 1:], name[:i] + name[i + 1] + name[i] + name[i + 2:],
                       name[:i] + name[i] + name[i:]])


def brand_field(brand: Brand, rng: random.Random, look_alike: tuple) -> tuple[str | None, str | None]:
    """The brand field as a shop fills it: (value or None, tag or None)."""
    r = rng.random()
    if r < 0.10:
        return None, "no_brand_field"
    if brand.zh and brand.latin:
        forms = [(f"{brand.latin}/{brand.zh}", None), (f"{brand.zh} {brand.latin}", None), (brand.zh, None),
                 (brand.latin, "brand_latin_only"), (brand.latin.upper(), "brand_latin_only"),
                 (f"{brand.latin}（{brand.zh}）", None)]
    else:
        forms = [(brand.zh or brand.latin, None), ((brand.latin or brand.zh or "").upper(), None)]
    if brand.alt:
        forms.append((brand.alt, "brand_native_script"))
    if r < 0.16 and brand.latin:
        wrong = typo(brand.latin, rng)
        if wrong != brand.latin and wrong not in look_alike:
            return wrong, "brand_typo"
    if r < 0.21 and brand.zh:
        return traditional(brand.zh), "traditional" if traditional(brand.zh) != brand.zh else None
    return rng.choice(forms)


def gtin_shown(gtin: str, rng: random.Random, catalog: bool = False) -> tuple[str | int | None, str | None]:
    """A GTIN as a listing shows it: (value, defect tag or None)."""
    r = rng.random()
    if catalog:
        return (None, None) if r < 0.12 else (gtin, None)
    if r < 0.60:
        return gtin, None
    if r < 0.72:
        return None, "no_gtin"
    if r < 0.78:
        return gtin.zfill(14), "gtin_padded"
    if r < 0.84:
        if len(gtin) != 12:
            return gtin, None
        return rng.choice([("0" + gtin, "gtin_upc_as_ean"), (gtin.lstrip("0"), "gtin_lost_zero"),
                           (int(gtin), "gtin_lost_zero")])
    if r < 0.90:
        wrong = str((int(gtin[-1]) + rng.randint(1, 9)) % 10)
        return gtin[:-1] + wrong, "gtin_invalid"
    if r < 0.95:
        return (f"{gtin[0]} {gtin[1:7]} {gtin[7:]}" if len(gtin) == 13 else f"{gtin[0]} {gtin[1:6]} {gtin[6:11]} "
                f"{gtin[11]}"), "gtin_spaced"
    return gtin, None


assert check_digit("400638133393") == "1"
