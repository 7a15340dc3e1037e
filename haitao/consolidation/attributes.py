"""Attributes read from titles and spec fields: content, pack, stage, size, shade/colour, dimensions.

Pure: no Django. ``extract_spec`` takes an already folded text (``text.fold``) and returns what it
read plus the text with those words cut out, so the title that is left compares only product words.

Notations covered, because real exports write them all:
- content: 800g = 0.8kg = 800克 = 0.8公斤; 2lb = 2磅; 8oz = 8盎司; 50ml = 50毫升 = 0.05l; 60cm = 60厘米 = 60公分; 29寸 = 29英寸 = 29 inch = 73.7cm; 20入 = 20 pieces; 90粒 = 90颗 =
  90 capsules; a weight or volume beats a piece count (面膜 25ml*5片 is 25 ml × 5);
- pack: 50ml*2, 2x50ml, 800g x 3罐, ``*4``, ``x2``, ``×2``, 2件套, 3件装, 两盒装, 2 pack, 2-pack,
  pack of 2, twin pack, 组合装2件, 2件组合, 共3件, 十二件装, 五连包, 24 bars, 6 cans, 2 cards, box of 12;
- stage: 3段, 三段, 3阶段, 1阶, stage 3, stufe 3, pre, 1+;
- size: NB/S/M/L/XL/XXL, 大号, M码; shoe sizes 42码 = 尺码 42 = EU 42 = eur 42 = US 8.5 = UK 8; dimensions 70x140cm are a variant of their own, not a pack of 70;
- shade: 色号 #01, 01号, #201; a hair colour's level and tone 色号6/1 = #6.1 = 6-1号 ('6.1').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .text import clean_decimal, fold

_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUM = r"(\d+(?:\.\d+)?)"
_UNITS = {
    "kg": ("g", 1000), "千克": ("g", 1000), "公斤": ("g", 1000),
    "g": ("g", 1), "gr": ("g", 1), "克": ("g", 1), "lbs": ("g", "453.59237"), "lb": ("g", "453.59237"),
    "磅": ("g", "453.59237"), "oz": ("g", "28.349523"), "盎司": ("g", "28.349523"),
    "ml": ("ml", 1), "毫升": ("ml", 1), "cl": ("ml", 10), "l": ("ml", 1000), "升(?!级)": ("ml", 1000),
    "fl oz": ("ml", "29.57353"), "floz": ("ml", "29.57353"),
    "斤": ("g", 500),
    "英寸": ("cm", "2.54"), "寸": ("cm", "2.54"), "inches": ("cm", "2.54"), "inch": ("cm", "2.54"),  # 寸 is the inch in shops
    "cm": ("cm", 1), "厘米": ("cm", 1), "公分": ("cm", 1), "mm": ("cm", Decimal("0.1")), "毫米": ("cm", Decimal("0.1")),
    "粒": ("piece", 1), "颗粒": ("piece", 1), "片": ("piece", 1), "颗": ("piece", 1), "枚": ("piece", 1), "抽": ("piece", 1),
    "capsules": ("piece", 1), "capsule": ("piece", 1), "caps": ("piece", 1), "tablets": ("piece", 1),
    "tablet": ("piece", 1), "tabs": ("piece", 1), "softgels": ("piece", 1), "pcs": ("piece", 1), "pc": ("piece", 1),
    "pieces": ("piece", 1), "pads": ("piece", 1), "count": ("piece", 1), "ct": ("piece", 1), "sheets": ("piece", 1), "入(?![口门会住驻])": ("piece", 1),
    "rolls": ("piece", 1), "roll": ("piece", 1), "卷(?![发尺心])": ("piece", 1),
    "gummies": ("piece", 1), "gummy": ("piece", 1), "chews": ("piece", 1), "veggie caps": ("piece", 1),
    "vcaps": ("piece", 1), "wipes": ("piece", 1), "lenses": ("piece", 1), "teabags": ("piece", 1), "tea bags": ("piece", 1),
}
# Latin units must end a word (800g, not 800grams' g; 1500gx2 is 1500 g × 2); Chinese ones need no such guard (64片L码)
_UNIT_ALT = "|".join(u if "(" in u else re.escape(u).replace(r"\ ", r"\s*") + (r"(?!(?!x\d)[a-z])" if u.isascii() else "")
                     for u in sorted(_UNITS, key=len, reverse=True))
_UNIT = rf"({_UNIT_ALT})"
_PACK_WORD = r"(?:瓶|罐|盒|袋|支|件|包(?!邮)|听|桶|条|只|套|组|支装|提|张)"
# a count in Chinese numerals up to 99: 三, 十二, 二十, 二十四 (十二件装 is 12, not 2)
_CN = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九十])"
_TIMES = r"[*x×]"
_COUNT_NOUN = r"bars?|bottles?|cans?|tins?|jars?|tubes?|boxes|cartons?|cards?"
_LEN = r"(?:cm|mm|厘米|公分|毫米)"
# 70x140cm, 30*40*50 cm: dimensions, read before anything takes '70x' for a pack of 70
_DIMENSION = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*{_LEN}?\s*[x×*]\s*(\d+(?:\.\d+)?)(?:\s*{_LEN}?\s*[x×*]\s*(\d+(?:\.\d+)?))?\s*{_LEN}")
# 2x50ml (count first)
_PACK_BEFORE = re.compile(rf"(?<![\d.])(\d{{1,3}})\s*{_TIMES}\s*{_NUM}\s*{_UNIT}")
# 50ml*2, 800g x 3罐
_CONTENT_PACK = re.compile(rf"(?<![\d.]){_NUM}\s*{_UNIT}\s*{_TIMES}\s*(\d{{1,3}})\s*{_PACK_WORD}?(?!\d)")
_CONTENT = re.compile(rf"(?<![\d.]){_NUM}\s*{_UNIT}")
# 60粒 x3 共180粒: the whole of a pack, not one unit's content
_TOTAL = re.compile(rf"(?:共|合计|总共|total)\s*{_NUM}\s*{_UNIT}")
_PACK_ALONE = re.compile(
    rf"(\d{{1,3}}|{_CN}|单)\s*{_PACK_WORD}\s*(?:装|套|组合|入)"            # 3件装, 2件套, 两盒装, 2件组合, 6罐入
    rf"|(?:组合装|套装|共|合计)\s*(\d{{1,3}}|{_CN})\s*{_PACK_WORD}"      # 组合装2件, 共3瓶
    rf"|(?<![\d.])(\d{{1,3}}|{_CN}|单)\s*(?:件|盒|罐|瓶|袋|桶|听|提|支|张)(?![\u3400-\u9fff])"  # 2罐 / 2件 / 三支 at a word end
    rf"|(\d{{1,3}}|{_CN})\s*(?:{_PACK_WORD}|个)\s*/\s*箱"                   # 4瓶/箱, 6个/箱: a case of 4
    rf"|(\d{{1,3}}|{_CN})\s*连\s*包"                                       # 五连包, 12连包: noodles sold in strips
    rf"|pack\s+of\s+(\d{{1,3}})|(?<![\d.])(\d{{1,3}})\s*-?\s*(?:packs?|pk)(?![a-z])"
    rf"|(?<![a-z\d])[*×]\s*(\d{{1,3}})(?![\d.])"
    # a bare 'x2' only after a space, a bracket or a Chinese word: 'a2牌x140' is a model code
    rf"|(?:(?<=[\s)）】\]\u3400-\u9fff])|^)x\s?(\d{{1,2}})(?![\d.a-z])"
    rf"|(twin|duo)\s*-?\s*pack"
    # 24 bars, 6 bottles, 2 cards, box of 12: a count of sold units written in English
    rf"|(?<![\d.])(\d{{1,3}})\s*-?\s*(?:{_COUNT_NOUN})(?![a-z])"
    rf"|(?:(?<![\d.])(\d{{1,2}})\s*{_TIMES}\s*)?(?:box|case|carton)\s+of\s+(\d{{1,3}})(?![\d.])"
)
_STAGE = re.compile(
    r"(?<![\d.])([1-6])\s*(?:段|阶段|阶)|([一二三四五六])\s*(?:段|阶段|阶)|(?:stage|stufe|etape)\s*([1-6])(?!\d)"
    r"|(?<![a-z])(pre)(?:\s*段|(?![a-z]))|(?<![a-z\d])([1-6])\s*\+(?![\d])"
)
_SIZE_WORDS = {
    "新生儿": "nb", "加加大号": "xxl", "特大号": "xxl", "加大号": "xl", "加大码": "xl",
    "大号": "l", "大码": "l", "中号": "m", "中码": "m", "小号": "s", "小码": "s", "newborn": "nb",
}
_SIZE = re.compile(
    "(" + "|".join(sorted(_SIZE_WORDS, key=len, reverse=True)) + ")"
    r"|(?<![a-z0-9'’.&\-])(?:size\s*)?(nb|xxxl|xxl|xl|s|m|l|[23]xl)\s*(?:码|号|size)?(?![a-z0-9'’&\-])"
)
# shoe and clothing sizes by number: 42码, 尺码 42, EU 42, eur 42, eu42, 42.5码 (EU 33-48 only: a bare '42' is no size)
_EU = r"((?:3[3-9]|4[0-8])(?:\.5)?)"
_SHOE = re.compile(rf"(?<![\d.]){_EU}\s*码|尺码\s*{_EU}(?![\d.])|(?<![a-z])eur?\s?{_EU}(?![\d.])")
# US and UK sizes (men's, as unisex shoes are labelled) on the EU scale, after the usual size chart
_US_TO_EU = {"3.5": "35.5", "4": "36", "4.5": "36.5", "5": "37.5", "5.5": "38", "6": "38.5", "6.5": "39", "7": "40",
             "7.5": "40.5", "8": "41", "8.5": "42", "9": "42.5", "9.5": "43", "10": "44", "10.5": "44.5", "11": "45",
             "11.5": "45.5", "12": "46", "12.5": "47", "13": "47.5"}
_SHOE_US = re.compile(r"(?<![a-z])(us|uk)\s?(\d{1,2}(?:\.5)?)(?![\d.])")
# a hair colour's level and tone: 色号6/1, #6.1, 6-1号 (one shade, written '6.1' here)
_SHADE_TONE = re.compile(r"(?:色号|shade|#)\s*#?\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?![\d.])|(?<![\d.])(\d{1,2})\s*[/-]\s*(\d{1,2})\s*号")
_SHADE = re.compile(r"色号\s*#?\s*([0-9a-z]{1,5})|shade\s*#?\s*([0-9a-z]{1,5})|#\s*([0-9]{1,4}[a-z]?)(?![0-9a-z])|(?<![\d.a-z])(\d{1,3})\s*号色?(?!码)")




_LETTERS_BEFORE = re.compile(r"([0-9]?)([a-z]*)$")


def _model_code(text: str, start: int) -> bool:
    """A number glued to one or two letters (v2978, a2b300) is a model code; glued to a word
    (tea250g, panred24cm — titles written without spaces) it is still a size."""
    digit, letters = _LETTERS_BEFORE.search(text[max(0, start - 12):start]).groups()
    return bool(letters) and (len(letters) <= 2 or bool(digit))


def _count(text: str) -> int:
    if text == "单":  # 单盒, 单瓶装: one
        return 1
    if text.isdigit():
        return int(text)
    if "十" in text and len(text) > 1:  # 十二 = 12, 二十 = 20, 二十四 = 24
        tens, _, units = text.partition("十")
        return _CN_NUM.get(tens, 1) * 10 + _CN_NUM.get(units, 0)
    return _CN_NUM.get(text, 2 if text in ("twin", "duo") else 0)


@dataclass(frozen=True)
class Spec:
    content_value: Decimal | None = None
    content_unit: str | None = None  # 'g', 'ml', 'cm' or 'piece'
    pack_count: int | None = None
    stage: str | None = None  # '1'..'6' or 'pre'
    size: str | None = None  # 'nb', 's', 'm', 'l', 'xl', 'xxl', 'xxxl', or dimensions '70x140cm'
    variant: str | None = None  # shade '1', '201' or a colour 'black'

    def over(self, other: Spec) -> Spec:
        """This spec, with the gaps filled from ``other``."""
        return Spec(**{name: getattr(self, name) if getattr(self, name) is not None else getattr(other, name)
                       for name in self.__dataclass_fields__})


def _content(number: str, unit: str) -> tuple[Decimal, str]:
    unit = re.sub(r"\s+", " ", unit)
    base, factor = (_UNITS.get(unit) or _UNITS.get(unit.replace(" ", ""))
                    or next(v for k, v in _UNITS.items() if "(" in k and k.startswith(unit)))  # a unit keyed by a pattern: 升(?!级)
    value = Decimal(number) * Decimal(factor)
    if isinstance(factor, str):  # an imperial unit: whole grams/millilitres, as labels round them
        value = value.quantize(Decimal("0.1") if base == "cm" else Decimal(1), rounding=ROUND_HALF_UP)
    return clean_decimal(value), base


def extract_spec(folded: str) -> tuple[Spec, str]:
    """Read the spec words of a folded text; return them and the text with them cut out."""
    found: dict[str, Any] = {}

    def take(pattern: re.Pattern[str], handle) -> None:
        nonlocal folded
        pieces, last = [], 0
        for match in pattern.finditer(folded):
            if handle(match) is False:
                continue
            pieces.append(folded[last:match.start()])
            pieces.append(" ")
            last = match.end()
        pieces.append(folded[last:])
        folded = "".join(pieces)

    def content(value: Decimal, unit: str) -> None:
        # weight or volume beats a piece count (面膜 25ml*5片 is 25 ml × 5)
        current = found.get("content")
        if current is None or (current[1] == "piece" and unit != "piece"):
            found["content"] = (value, unit)
            if current is not None:
                found.setdefault("pieces", current[0])
        elif unit == "piece" and current[1] != "piece":
            found.setdefault("pieces", value)

    def dimension(m):
        sides = [format(clean_decimal(Decimal(g)), "f") for g in m.groups() if g]
        found.setdefault("size", "x".join(sides) + ("mm" if re.search(r"mm|毫米", m.group(0)) else "cm"))

    def pack_before(m):
        content(*_content(m.group(2), m.group(3)))
        found.setdefault("pack", int(m.group(1)))

    def content_pack(m):
        content(*_content(m.group(1), m.group(2)))
        found.setdefault("pack", int(m.group(3)))

    def content_alone(m):
        if m.group(2).isascii() and _model_code(folded, m.start()):
            return False  # a model code (v2978ml is not a volume; nb90片 still is 90 pieces)
        content(*_content(m.group(1), m.group(2)))

    def total(m):
        found.setdefault("total", _content(m.group(1), m.group(2)))

    def pack_alone(m):
        groups = [g for g in m.groups() if g]
        count = _count(groups[0]) * (int(groups[1]) if len(groups) > 1 else 1)  # 2 x box of 12 is 24
        if "pack" not in found or found["pack"] == 1 < count:  # 一盒12支: one box of twelve is a pack of 12
            found["pack"] = count

    def stage(m):
        if m.group(1) or m.group(3) or m.group(5):
            found.setdefault("stage", m.group(1) or m.group(3) or m.group(5))
        elif m.group(2):
            found.setdefault("stage", str(_CN_NUM[m.group(2)]))
        else:
            found.setdefault("stage", "pre")

    def size(m):
        value = _SIZE_WORDS.get(m.group(1)) if m.group(1) else m.group(2)
        value = {"2xl": "xxl", "3xl": "xxxl"}.get(value, value)
        found.setdefault("size", value)

    def shoe(m):
        found.setdefault("size", "eu" + next(g for g in m.groups() if g))

    def shoe_us(m):
        us = m.group(2) if m.group(1) == "us" else str(clean_decimal(Decimal(m.group(2)) + Decimal("0.5")))
        if us not in _US_TO_EU:
            return False
        found.setdefault("size", "eu" + _US_TO_EU[us])

    def shade_tone(m):
        level, tone = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        found.setdefault("variant", f"{int(level)}.{int(tone)}")

    def shade(m):
        value = next(g for g in m.groups() if g)
        found.setdefault("variant", value.lstrip("0") or "0")

    take(_DIMENSION, dimension)
    take(_PACK_BEFORE, pack_before)
    take(_CONTENT_PACK, content_pack)
    take(_TOTAL, total)
    take(_CONTENT, content_alone)
    take(_PACK_ALONE, pack_alone)
    if "total" in found and "content" not in found:  # only the whole is stated: one unit's share of it
        total, unit = found["total"]
        pack = found.get("pack") or 1
        if total % pack == 0:
            found["content"] = (clean_decimal(total / pack), unit)
    take(_STAGE, stage)
    take(_SHOE, shoe)
    take(_SHOE_US, shoe_us)
    take(_SHADE_TONE, shade_tone)
    take(_SHADE, shade)
    take(_SIZE, size)
    value_unit = found.get("content")
    if "pieces" in found and not found.get("pack") and found["pieces"] == int(found["pieces"]) > 1:
        found["pack"] = int(found["pieces"])  # N pieces of one size and no pack: a set of N (715ml 5件, 5pc)
    elif "pieces" in found:  # a count beside a length or weight and a pack (290mm 20片×3包) still tells products apart
        folded += f" {format(found['pieces'], 'f')}pc"
    spec = Spec(
        content_value=value_unit[0] if value_unit else None,
        content_unit=value_unit[1] if value_unit else None,
        pack_count=found.get("pack") or None,
        stage=found.get("stage"),
        size=found.get("size"),
        variant=found.get("variant"),
    )
    return spec, folded


AMOUNT_TOLERANCE = Decimal("0.001")


def same_amount(a: Decimal | None, b: Decimal | None, tolerance: Decimal = AMOUNT_TOLERANCE) -> bool:
    """Two amounts of one unit that are one label's, up to the rounding of a conversion (6 lb is
    2721.55 g: 2720 g on one label, 2722 g on another; 3 kg written 2998 g): within half a percent."""
    if a is None or b is None:
        return a is b
    return a == b or abs(a - b) <= tolerance * max(abs(a), abs(b))


# a label's weight of a liquid or cream against its volume: the density of water-based products and oils
DENSITY = (Decimal("0.9"), Decimal("1.05"))


def same_content(unit_a: str | None, a: Decimal | None, unit_b: str | None, b: Decimal | None) -> bool:
    """Two contents that may be one label's: equal amounts of one unit (``same_amount``), or a volume and
    a weight that a density near water's makes one ('50ml' on one listing is '48g' net on another)."""
    if unit_a == unit_b:
        return same_amount(a, b) or (unit_a in ("g", "ml") and (_rounded_to(a, b) or _rounded_to(b, a)))
    if a is None or b is None or {unit_a, unit_b} != {"g", "ml"} or not a or not b:
        return False
    weight, volume = (a, b) if unit_a == "g" else (b, a)
    return DENSITY[0] <= weight / volume <= DENSITY[1]


def _rounded_to(exact: Decimal | None, label: Decimal | None) -> bool:
    """A converted amount a label rounds to tens (2 lb is 907 g: '910g'; 2.2 lb is 998 g: '1000g')."""
    if exact is None or label is None or label < 100 or label % 10 or not exact % 10:
        return False
    return (exact / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 10 == label


def parse_spec(text: str | None) -> Spec:
    """'800g' / '0.8kg' / '800克' → Spec(800, 'g'); '50ml*2' → Spec(50, 'ml', pack 2); '3段' → stage '3'."""
    if not text:
        return Spec()
    return extract_spec(fold(text))[0]
