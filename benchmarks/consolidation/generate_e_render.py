"""How generator e writes things: haitao's one house style, and the acquired platform's many stores.

Haitao writes every value one way (``house``); the acquired stores pick among equivalent notations
(``written``): other units (克/斤/oz/lb, 毫升/升/fl oz, 厘米/inches), other pack notations (``*2``, ``2件装``,
``两盒装``, ``Box of 12``), English or traditional script, GTINs zero-padded, spaced or missing a digit.
"""

from __future__ import annotations

import random
from functools import lru_cache

import opencc
import pypinyin

_S2HK = opencc.OpenCC("s2hk")
_S2TW = opencc.OpenCC("s2twp")
CN_NUM = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 10: "十", 12: "十二"}
MGO = {5: 83, 10: 263, 15: 514, 20: 829}
PLUG = {"CN": ("国标", ["国行", "中规", "国标", "CN plug", "中国版"]), "UK": ("英标", ["英规", "UK plug", "英版", "英标三脚"]),
        "EU": ("欧标", ["欧规", "EU plug", "欧版", "欧标两脚"]), "US": ("美标", ["美规", "US plug", "美版"])}
NOISE_PRE = ["【保税直发】", "【海外直邮】", "【官方正品】", "[现货速发]", "【限时特惠】", "【顺丰包邮】", "【品牌直供】", ""]
NOISE_POST = ["正品保证", "包邮", "限时特惠", "假一赔十", "海外直邮", "新品上市", "现货", "热卖", "下单立减", "保税仓发货"]


def hk(text: str) -> str:
    return _S2HK.convert(text)


def tw(text: str) -> str:
    return _S2TW.convert(text)


@lru_cache(maxsize=8192)
def _pinyin_char(ch: str) -> str:
    return "".join(pypinyin.lazy_pinyin(ch))


@lru_cache(maxsize=8192)
def pinyin(text: str) -> str:
    """Toneless pinyin, syllable by syllable (names and brands here have no polyphones that matter)."""
    return "".join(_pinyin_char(ch) for ch in text)


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def house(v: tuple, scheme: str = "umf") -> str:
    """Haitao's one way of writing a value."""
    kind = v[0]
    if kind == "g":
        return f"{_num(v[1] / 1000)}kg" if v[1] >= 1000 else f"{v[1]}g"
    if kind == "ml":
        return f"{_num(v[1] / 1000)}L" if v[1] >= 1000 else f"{v[1]}ml"
    if kind == "n":
        return f"{v[1]}{v[2]}"
    if kind == "mm":
        return f"{_num(v[1])}mm"
    if kind in ("lbl", "col"):
        return v[2]
    if kind == "age":
        return f"{v[1]}个月+"
    if kind == "pow":
        return f"-{-v[1] / 100:.2f}D"
    if kind == "spf":
        return f"SPF{v[1]}{'+' if v[1] >= 50 else ''} PA{'+' * v[2]}"
    if kind == "model":
        return v[1]
    if kind == "plug":
        return PLUG[v[1]][0]
    if kind == "kit":
        return f"1刀架+{v[2]}刀头" if v[1] else f"替换刀头{v[2]}个"
    if kind == "umf":
        return f"UMF{v[1]}+" if scheme == "umf" else f"MGO{MGO[v[1]]}+"
    raise ValueError(kind)


def written(v: tuple, rng: random.Random, scheme: str = "umf", english: bool = False) -> tuple[str, bool]:
    """A store's way of writing a value, and whether it differs from haitao's notation."""
    kind, options = v[0], None
    if kind == "g":
        g = v[1]
        options = [f"{g}g", f"{g}克", f"{g}G", f"{_num(g / 28.35)}oz"] + ([f"{_num(g / 1000)}kg", f"{_num(g / 1000)}公斤"] if g >= 200 else [])
        options += [f"{_num(g / 500)}斤"] if g % 250 == 0 and not english else []
        options += [f"{_num(g / 453.6)}lb", f"{_num(g / 453.6)}磅"] if g >= 400 else []
    elif kind == "ml":
        ml = v[1]
        options = [f"{ml}ml", f"{ml}毫升", f"{ml}ML", f"{ml} mL", f"{_num(ml / 29.57)}fl oz", f"{_num(ml / 1000)}L"]
        options += [f"{_num(ml / 1000)}升"] if ml >= 500 else []
    elif kind == "n":
        n, zh, en = v[1], v[2], v[3]
        options = [f"{n}{zh}", f"{n}pcs", f"{n} {en}", f"{n}{zh}装", f"{n}{'枚' if zh in ('片', '块') else zh}"]
    elif kind == "mm":
        mm = v[1]
        options = [f"{_num(mm)}mm", f"{_num(mm)}毫米", f"{_num(mm)} MM"]
        options += [f"{_num(mm / 10)}cm", f"{_num(mm / 10)}厘米"] if mm >= 3 else [f"{_num(mm)}"]
        options += [f"{_num(mm / 25.4)} inches"] if mm >= 100 else []
    elif kind == "lbl":
        options = [v[1], v[2], f"{v[1]}号", f"Size {v[1]}", {"S": "小码", "M": "中码", "L": "大码", "XL": "加大码"}.get(v[1], v[2])]
    elif kind == "col":
        options = [v[1], v[2], f"{v[1]}/{v[2]}", v[2].rstrip("色")]
    elif kind == "age":
        m = v[1]
        options = [f"{m}个月+", f"{m}M+", f"{m}+ months", f"{m}月龄以上", f"{m}个月以上", f"{m}m+"]
        options += ["1岁+", "12月+"] if m == 12 else []
    elif kind == "pow":
        p = -v[1]
        options = [f"-{_num(p / 100)}", f"{p}度", f"-{p / 100:.2f}D", f"近视{p}度", f"-{_num(p / 100)}度"]
    elif kind == "spf":
        plus = "+" if v[1] >= 50 else ""
        options = [f"SPF{v[1]}{plus} PA{'+' * v[2]}", f"SPF {v[1]}{plus}", f"spf{v[1]}", f"SPF{v[1]}{plus}/PA{'+' * v[2]}"]
        options += [f"{v[1]}倍防晒"] if not english else []
    elif kind == "model":
        code = v[1]
        options = [code, code.replace("-", "").replace(" ", ""), code.lower(), code.replace("-", " ")]
    elif kind == "plug":
        options = PLUG[v[1]][1]
    elif kind == "kit":
        h, b = v[1], v[2]
        options = ([f"1刀架{b}刀头", f"刀架+{b}刀头", f"1 Handle + {b} Cartridges", f"手柄+刀头x{b}", f"1刀柄{b}刀片"] if h else
                   [f"刀头{b}只装", f"{b} Cartridges", f"替换刀片{b}个", f"补充装{b}刀头", f"{b} Refills"])
    elif kind == "umf":
        n = v[1]
        options = ([f"UMF {n}+", f"UMF™{n}+", f"umf{n}+", f"UMF{n}+", f"{n}+"] if scheme == "umf" else
                   [f"MGO {MGO[n]}+", f"MGO{MGO[n]}", f"mgo{MGO[n]}+", f"MGO{MGO[n]}+"])
        options += [f"UMF{n}+ MGO{MGO[n]}+"]
    if english:
        ascii_only = [o for o in options if o.isascii()]
        options = ascii_only or options
    text = rng.choice(options)
    return text, text != house(v, scheme)


def pack_house(n: int, unit: str) -> str:
    return f"×{n}{unit}" if n > 1 else ""


def pack_written(n: int, unit: str, rng: random.Random, english: bool = False) -> str:
    """A store's pack notation ('' for a single unit mostly)."""
    if n == 1:
        return rng.choice(["", "", "", f"1{unit}", "单" + unit + "装"]) if not english else rng.choice(["", "", "1 pack"])
    if english:
        return rng.choice([f"x{n}", f"{n} Pack", f"Pack of {n}", f"Box of {n}", f"*{n}", f"{n}pcs"])
    return rng.choice([f"*{n}", f"x{n}", f"×{n}", f"{n}件装", f"{CN_NUM.get(n, n)}{unit}装", f"组合装{n}件",
                       f"{n}{unit}/箱", f"{n}{unit}", f"{n}件套", f"X{n}"])


# --- GTINs

def check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def valid(code: str) -> bool:
    return code.isdigit() and len(code) in (8, 12, 13, 14) and check_digit(code[:-1]) == code[-1]


def gtin14(code: str) -> str:
    return code.zfill(14)


def gtin_written(code: str, rng: random.Random) -> tuple[str, str]:
    """The same GTIN as a store wrote it, and a tag naming the notation ('' when verbatim)."""
    r = rng.random()
    if r < 0.45:
        return code, ""
    if r < 0.6:
        return code.zfill(14), "gtin_padded"
    if len(code) == 12 and r < 0.75:
        if code[0] == "0" and rng.random() < 0.5:
            return code[1:], "gtin_lost_zero"
        return "0" + code, "gtin_upc_as_ean"
    if r < 0.85:
        if len(code) == 13:
            return f"{code[0]} {code[1:7]} {code[7:]}", "gtin_spaced"
        return f"{code[:1]}-{code[1:6]}-{code[6:11]}-{code[11:]}", "gtin_spaced"
    return code.zfill(14), "gtin_padded"


def mistyped(code: str) -> str:
    """The GTIN with a wrong check digit: invalid, never equal to any valid code."""
    right = int(code[-1])
    return code[:-1] + str((right + 1 + (len(code) % 3)) % 10)
