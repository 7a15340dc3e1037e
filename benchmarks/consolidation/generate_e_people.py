"""Customers of generator e: haitao's buyers, and the acquired platform's, some of them the same people.

A haitao customer is a pure function of (seed, index), so nothing is held in memory. An acquired customer is
either the same person as a haitao one (same resident ID or phone, written another way: ``+86 138-0013-8000``,
lower-case ``x``, the name in pinyin, given-name-first, or traditional script) or someone else: a stranger, a
namesake (common names are common), a neighbour with the same surname in the same district, or a family
member ordering on the same phone.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import stdnum.cn.ric as ric

from .generate_e_render import hk, pinyin

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓彭"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏宇浩然欣怡子涵梓轩思雨佳琪晨阳嘉"
COMMON_GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "丽", "强", "洋", "勇"]
# (ID region code, province, city, district): codes valid in python-stdnum's table for the birth years used
PLACES = [("110101", "北京市", "北京市", "东城区"), ("310104", "上海市", "上海市", "徐汇区"),
          ("440305", "广东省", "深圳市", "南山区"), ("330106", "浙江省", "杭州市", "西湖区"),
          ("510107", "四川省", "成都市", "武侯区"), ("320102", "江苏省", "南京市", "玄武区"),
          ("420106", "湖北省", "武汉市", "武昌区"), ("370202", "山东省", "青岛市", "市南区"),
          ("440106", "广东省", "广州市", "天河区"), ("350203", "福建省", "厦门市", "思明区")]
STREETS = ["中山路", "人民路", "解放路", "建设路", "文化路", "和平路", "长江路", "科技园路", "滨海大道", "新华路"]
MAIL = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com"]
PREFIXES = ["138", "139", "150", "158", "186", "188", "136", "177", "199", "135", "159", "181"]


def _first_year(region: str) -> int:
    """The first birth year for which stdnum accepts the region code (codes are dated), probed once."""
    for year in range(1965, 2004):
        body = f"{region}{year}0615123"
        if ric.is_valid(body + ric.calc_check_digit(body + "0")):
            return year
    return 2003


FIRST_YEAR = {code: _first_year(code) for code, *_ in PLACES}


def id_number(rng: random.Random, region: str) -> str:
    """A valid resident ID of someone born in a year when the region code existed."""
    start = date(FIRST_YEAR[region], 1, 1)
    born = start + timedelta(days=rng.randrange((date(2004, 1, 1) - start).days))
    body = f"{region}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def phone(rng: random.Random) -> str:
    return rng.choice(PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


def person(seed: int, index: int) -> dict:
    """Haitao customer ``index`` (a stable function of the seed and the index)."""
    rng = random.Random(f"{seed}:hc:{index}")
    place = rng.choice(PLACES)
    surname = rng.choice(SURNAMES)
    given = rng.choice(COMMON_GIVEN) if rng.random() < 0.35 else "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
    return {"name": surname + given, "surname": surname, "given": given, "place": place,
            "id_number": id_number(rng, place[0]), "phone": phone(rng), "email_user": pinyin(surname + given) + str(rng.randrange(10, 9999)),
            "mail": rng.choice(MAIL), "street": rng.choice(STREETS), "no": rng.randrange(1, 400), "has_id": rng.random() < 0.8,
            "has_email": rng.random() < 0.6, "created": date(2019, 1, 1) + timedelta(days=rng.randrange(2000))}


def _address(p: dict, name: str, tel: str) -> dict:
    _, province, city, district = p["place"]
    return {"name": name, "phone": tel, "province": province, "city": city, "district": district,
            "detail": f"{p['street']}{p['no']}号"}


def haitao_row(seed: int, index: int) -> dict:
    p = person(seed, index)
    row = {"id": f"HC{index + 1:07d}", "name": p["name"], "phone": p["phone"],
           "created_at": f"{p['created']:%Y-%m-%d}T10:00:00+08:00", "addresses": [_address(p, p["name"], p["phone"])]}
    if p["has_id"]:
        row["id_number"] = p["id_number"]
    if p["has_email"]:
        row["email"] = f"{p['email_user']}@{p['mail']}"
    return row


def _phone_written(number: str, rng: random.Random) -> str:
    return rng.choice([number, f"+86 {number[:3]}-{number[3:7]}-{number[7:]}", f"{number[:3]} {number[3:7]} {number[7:]}",
                       f"86{number}", f"+86{number}", f"{number[:3]}-{number[3:7]}-{number[7:]}"])


def _name_written(p: dict, rng: random.Random) -> str:
    r = rng.random()
    sur, given = pinyin(p["surname"]).capitalize(), pinyin(p["given"]).capitalize()
    if r < 0.55:
        return p["name"]
    if r < 0.65:
        return hk(p["name"])
    if r < 0.75:
        return f"{sur} {given}"
    if r < 0.85:
        return rng.choice([f"{given} {sur}", f"{given.upper()} {sur.upper()}", f"{sur.upper()}, {given}"])
    return f"{p['surname']} {p['given']}"


def _id_written(number: str, rng: random.Random) -> str:
    return rng.choice([number, number, number.lower(), f"{number[:6]} {number[6:14]} {number[14:]}"])


def acquired_row(seed: int, index: int, haitao_count: int, linked_to: int | None) -> tuple[dict, str]:
    """Acquired customer ``index``; ``linked_to`` is the haitao index of the same person, or None. Returns the
    row and the kind ('same', 'stranger', 'namesake', 'neighbour', 'family_phone')."""
    rng = random.Random(f"{seed}:ac:{index}")
    cid = f"u{100000 + index * 7 + rng.randrange(7)}"
    created = f"{date(2020, 1, 1) + timedelta(days=rng.randrange(1800)):%Y-%m-%d} 09:{rng.randrange(60):02d}:00"
    if linked_to is not None:
        p = person(seed, linked_to)
        keep_id = p["has_id"] and rng.random() < 0.75
        keep_phone = rng.random() < 0.8 or not keep_id
        tel = p["phone"] if keep_phone else phone(rng)
        row = {"id": cid, "name": _name_written(p, rng), "phone": _phone_written(tel, rng), "created_at": created}
        if keep_id:
            row["id_number"] = _id_written(p["id_number"], rng)
        if rng.random() < 0.5:
            row["email"] = f"{p['email_user']}@{p['mail']}" if rng.random() < 0.5 else f"{p['email_user']}@{rng.choice(MAIL)}"
        if rng.random() < 0.7:
            row["addresses"] = [_address(p, p["name"], tel)]
        return row, "same"
    r = rng.random()
    other = person(seed, rng.randrange(haitao_count)) if haitao_count else None
    fresh = person(seed * 7919 + 13, index)  # a stranger drawn from another stream
    kind = "stranger"
    if other is not None and r < 0.25:
        kind, fresh = "namesake", {**fresh, "name": other["name"], "surname": other["surname"], "given": other["given"],
                                   "place": other["place"] if rng.random() < 0.5 else fresh["place"]}
    elif other is not None and r < 0.4:
        kind, fresh = "neighbour", {**fresh, "surname": other["surname"], "name": other["surname"] + fresh["given"],
                                    "place": other["place"], "street": other["street"]}
    elif other is not None and r < 0.47:
        kind, fresh = "family_phone", {**fresh, "surname": other["surname"], "name": other["surname"] + fresh["given"],
                                       "phone": other["phone"], "place": other["place"], "street": other["street"], "no": other["no"]}
    if fresh["name"] == (other or {}).get("name") and kind != "namesake":
        fresh = {**fresh, "name": fresh["name"] + "华", "given": fresh["given"] + "华"}
    region = fresh["place"][0]
    row = {"id": cid, "name": _name_written(fresh, rng), "phone": _phone_written(fresh["phone"], rng), "created_at": created}
    if rng.random() < 0.7:
        row["id_number"] = id_number(rng, region)
    if rng.random() < 0.4:
        row["email"] = f"{fresh['email_user']}@{fresh['mail']}"
    if rng.random() < 0.7:
        row["addresses"] = [_address(fresh, fresh["name"], fresh["phone"])]
    return row, kind


def link_target(k: int, haitao_count: int, seed: int) -> int:
    """The k-th linked acquired customer's haitao index: a bijection, so no two link to one person."""
    step = next(s for s in (7919, 104729, 1299709, 15485863) if haitao_count % s)
    return (k * step + seed) % haitao_count
