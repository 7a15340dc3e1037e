"""Generator g: how a value is written. Each ``say_*`` returns (text, tag) where tag is None for haitao's own
spelling and names the notation otherwise; ``traditional``, ``fullwidth`` and ``typo`` spoil whole strings."""

from __future__ import annotations

import random

_PHRASES = {"洗发": "洗髮", "护发": "護髮", "发膜": "髮膜", "蓬松": "蓬鬆", "面包": "麵包", "玻璃": "玻璃"}
_PAIRS = ("粮糧猫貓鸡雞鱼魚鸭鴨无無谷穀经經肠腸体體龄齡内內绝絕护護婴嬰儿兒宝寶宽寬径徑胀脹气氣实實带帶态態号號个個"
          "头頭软軟发發润潤参參丝絲坚堅损損痒癢后後丰豐龈齦质質凉涼强強劲勁电電动動声聲净淨轻輕鸢鳶对對浓濃园園阳陽"
          "镜鏡飞飛员員圆圓银銀渐漸变變蓝藍机機线線开開运運录錄戏戲铂鉑厨廚马馬钢鋼锻鍛钼鉬钒釩师師锯鋸齿齒锅鍋铸鑄"
          "铁鐵锈鏽珐琺钛鈦炖燉汤湯樱櫻红紅哑啞赛賽绿綠团團酱醬咸鹹奥奧风風榄欖纯純压壓郁鬱纳納装裝须鬚层層准準适適"
          "湿濕两兩专專业業转轉复復侣侶国國计計时時潜潛战戰树樹龙龍盘盤爱愛尔爾巅巔贝貝亲親么麼诗詩绮綺吕呂华華卫衛"
          "欧歐狮獅达達玛瑪乐樂丽麗珑瓏温溫兽獸双雙腾騰伦倫亚亞灵靈顿頓证證邮郵现現货貨权權仓倉赔賠顺順热熱卖賣营營"
          "闪閃进進韩韓兰蘭舰艦购購极極级級选選优優价價规規东東种種鲭鯖猎獵")
TRADITIONAL = {a: b for a, b in zip(_PAIRS[::2], _PAIRS[1::2])}
ZH_NUM = {1: "一", 2: "两", 3: "三", 4: "四", 6: "六", 8: "八", 12: "十二", 24: "二十四"}


def traditional(text: str) -> str:
    for simple, trad in _PHRASES.items():
        text = text.replace(simple, trad)
    return "".join(TRADITIONAL.get(ch, ch) for ch in text)


def fullwidth(text: str) -> str:
    """Letters and digits in their full-width forms (as an IME in full-width mode types them)."""
    return "".join(chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalnum() else ch for ch in text)


def typo(name: str, rng: random.Random, avoid: str = "") -> str:
    """A one-letter slip in a Latin brand name: swapped, doubled or dropped letter."""
    for _ in range(20):
        i = rng.randrange(1, max(2, len(name) - 1))
        op = rng.randrange(3)
        if op == 0 and name[i - 1].isalpha() and name[i].isalpha():
            out = name[:i - 1] + name[i] + name[i - 1] + name[i + 1:]
        elif op == 1 and name[i].isalpha():
            out = name[:i] + name[i] + name[i:]
        else:
            out = name[:i] + name[i + 1:]
        if out != name and out.lower() != avoid.lower() and len(out) > 2:
            return out
    return name + name[-1]


def num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def parse_qty(value: str) -> tuple[float, str]:
    i = len(value.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return float(value[:i]), value[i:]


_NOTATION = {"kg": ["KG", "公斤", "千克", " kg", "Kg"], "g": ["克", "G", " g"], "ml": ["毫升", "mL", "ML", " ml"],
             "L": ["升", "l", " L", "公升"], "cm": ["厘米", " cm", "CM", "公分"], "mm": ["毫米", "MM", " mm"]}


def say_qty(value: str, rng: random.Random, cat: str) -> tuple[str, str | None]:
    a, unit = parse_qty(value)
    roll = rng.random()
    if roll < 0.45:
        return value, None
    if roll < 0.75:
        return num(a) + rng.choice(_NOTATION[unit]), "unit_notation"
    if unit == "kg":
        return rng.choice([f"{num(a * 1000)}g", f"{num(a * 2.20462)}lb", f"{num(a * 2.20462)}磅", f"{num(a * 2)}斤"]), "unit_converted"
    if unit == "g" and a >= 100:
        return rng.choice([f"{num(a / 1000)}kg", f"{num(a / 28.35)}oz", f"{num(a / 500)}斤"]), "unit_converted"
    if unit == "ml" and cat == "perfume":
        oz = round(a / 29.5735, 1)
        return rng.choice([f"{oz}oz", f"{oz} fl oz", f"{oz}盎司", f"{oz}FL.OZ"]), "unit_converted"
    if unit == "ml" and a >= 250:
        return rng.choice([f"{num(a / 1000)}L", f"{num(a / 1000)}升"]), "unit_converted"
    if unit == "L":
        return f"{num(a * 1000)}ml", "unit_converted"
    if unit == "cm":
        inch = round(a / 2.54)
        return rng.choice([f"{inch}英寸", f"{inch}寸", f'{inch}"', f"{inch}inch", f"{inch} in"]), "unit_converted"
    if unit == "mm" and cat == "watches":
        return f"{num(a / 10)}cm", "unit_converted"
    return num(a) + rng.choice(_NOTATION.get(unit, [unit])), "unit_notation"


def catalog_pack(n: int, word: str) -> str:
    return f"{n}{word}装" if n > 1 else ""


def say_pack(n: int, word: str, rng: random.Random) -> tuple[str, str | None]:
    if n == 1:
        return rng.choice(["", "", "", f"单{word}装", f"1{word}"]), None
    if rng.random() < 0.35:
        return catalog_pack(n, word), None
    forms = [f"x{n}", f"*{n}", f"×{n}", f"{n}件装", f"{n}{word}", f"{n} pack", f"{n}-pack", f"set of {n}", f"{n}个装",
             f"{n}{word}/组"]
    if n in ZH_NUM:
        forms.append(f"{ZH_NUM[n]}{word}装")
    if n >= 6:
        forms += [f"一箱{n}{word}", f"整箱{n}{word}"]
    return rng.choice(forms), "pack_notation"


def say_count(n: int, en: str, zh: str, rng: random.Random) -> tuple[str, str | None]:
    if rng.random() < 0.4:
        return f"{n}{zh}", None
    forms = [f"{n} {en}", f"{n}{zh}/盒", f"{n}pcs", f"{n}个{zh}", f"{n} count", f"{n}ct"]
    if en == "bars":
        forms += [f"box of {n}", f"{n}支装"]
    else:
        forms += [f"1刀架+{n}刀头", f"{n}片装"]
    return rng.choice(forms), "count_notation"


def say_word(axis: str, value: str, rng: random.Random) -> tuple[str, str | None]:
    en, zh = value.split("|")
    names = zh.split("/")
    roll = rng.random()
    if roll < 0.55 or (len(names) == 1 and roll < 0.75):
        return names[0], None
    if roll < 0.8 and len(names) > 1:
        return rng.choice(names[1:]), f"{axis}_alias"
    return en, f"{axis}_english"


# EU size -> (US, UK, foot length in mm), one brand's unisex chart
SHOE = {"36": ("4", "3.5", 225), "37.5": ("5", "4.5", 235), "38": ("5.5", "5", 240), "39": ("6.5", "6", 245),
        "40": ("7", "6", 250), "40.5": ("7.5", "6.5", 255), "41": ("8", "7", 260), "42": ("8.5", "7.5", 265),
        "42.5": ("9", "8", 270), "43": ("9.5", "8.5", 275), "44": ("10", "9", 280), "45": ("11", "10", 290)}


def catalog_shoe(eu: str) -> str:
    return f"{eu}码"


def say_shoe(eu: str, rng: random.Random) -> tuple[str, str | None]:
    us, uk, mm = SHOE[eu]
    roll = rng.random()
    if roll < 0.4:
        return catalog_shoe(eu), None
    if roll < 0.65:
        return rng.choice([f"EU{eu}", f"EU {eu}", f"{eu}", f"欧码{eu}"]), "shoe_notation"
    return rng.choice([f"US{us}", f"US {us}", f"美码{us}", f"UK{uk}", f"UK {uk}", f"{mm}mm", f"{num(mm / 10)}cm"]), "size_converted"


def say_code(code: str, rng: random.Random) -> tuple[str, str | None]:
    if rng.random() < 0.6:
        return code, None
    forms = [code.replace("-", ""), code.lower(), code.replace("-", " "), code.replace("-", "", 1)]
    forms = [f for f in forms if f != code]
    return (rng.choice(forms), "model_notation") if forms else (code, None)
