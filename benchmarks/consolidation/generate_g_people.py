"""Generator g: customers. A person is made from (seed, index) alone, so either side can be written a line at a
time. Resident ID numbers get a real region code, birth date and ISO 7064 check digit (stdnum.cn.ric); the
index picks the birth date and sequence number, so no two people share one."""

from __future__ import annotations

import random
from datetime import date, timedelta

import stdnum.cn.ric as ric

from .generate_g_text import traditional

SURNAMES = ["王wang", "李li", "张zhang", "刘liu", "陈chen", "杨yang", "黄huang", "赵zhao", "吴wu", "周zhou", "徐xu",
            "孙sun", "马ma", "朱zhu", "胡hu", "郭guo", "何he", "林lin", "罗luo", "高gao", "郑zheng", "梁liang", "谢xie",
            "宋song", "唐tang", "许xu", "韩han", "冯feng", "邓deng", "曹cao", "彭peng", "曾zeng", "萧xiao", "欧阳ouyang"]
GIVEN = ["伟wei", "芳fang", "娜na", "敏min", "静jing", "丽li", "强qiang", "磊lei", "军jun", "洋yang", "勇yong", "艳yan",
         "杰jie", "娟juan", "涛tao", "明ming", "超chao", "秀xiu", "霞xia", "平ping", "刚gang", "桂gui", "华hua", "红hong",
         "婷ting", "雪xue", "晨chen", "宇yu", "欣xin", "怡yi", "浩hao", "博bo", "子zi", "涵han", "梓zi", "轩xuan", "诗shi",
         "雨yu", "佳jia", "俊jun", "思si", "嘉jia", "文wen", "龙long", "凤feng", "乐le", "东dong", "国guo"]
# (region code, province, city, district)
REGIONS = [("110105", "北京市", "北京市", "朝阳区"), ("310104", "上海市", "上海市", "徐汇区"), ("440106", "广东省", "广州市", "天河区"),
           ("440305", "广东省", "深圳市", "南山区"), ("330106", "浙江省", "杭州市", "西湖区"), ("320102", "江苏省", "南京市", "玄武区"),
           ("510107", "四川省", "成都市", "武侯区"), ("420106", "湖北省", "武汉市", "武昌区"), ("500103", "重庆市", "重庆市", "渝中区"),
           ("610113", "陕西省", "西安市", "雁塔区"), ("370202", "山东省", "青岛市", "市南区"), ("350203", "福建省", "厦门市", "思明区"),
           ("120101", "天津市", "天津市", "和平区"), ("430104", "湖南省", "长沙市", "岳麓区"), ("210102", "辽宁省", "沈阳市", "和平区"),
           ("320508", "江苏省", "苏州市", "姑苏区"), ("410105", "河南省", "郑州市", "金水区"), ("530102", "云南省", "昆明市", "五华区")]
STREETS = ["建国路", "人民路", "解放大道", "中山路", "长江路", "南京西路", "科技园南路", "文三路", "滨江大道", "天府大道", "和平街"]
PHONE_HEADS = ["138", "139", "135", "136", "150", "151", "152", "158", "159", "186", "187", "188", "130", "131", "132",
               "155", "156", "133", "153", "180", "181", "189", "177", "199", "166", "176", "185"]
MAILS = ["qq.com", "163.com", "126.com", "gmail.com", "sina.com", "foxmail.com", "outlook.com"]
DAYS, FIRST_DAY = 16_000, date(1962, 1, 1)


def _split(entry: str) -> tuple[str, str]:
    i = next(i for i, ch in enumerate(entry) if ch.isascii())
    return entry[:i], entry[i:]


def person(seed: int, index: int) -> dict:
    rng = random.Random(f"g-person-{seed}-{index}")
    sur, sur_py = _split(rng.choice(SURNAMES))
    given = [_split(rng.choice(GIVEN)) for _ in range(rng.choice((1, 2, 2)))]
    born = FIRST_DAY + timedelta(days=(index * 7919) % DAYS)
    tail = f"{born:%Y%m%d}{index // DAYS % 100:02d}{rng.randrange(10)}"
    for k in range(30):  # a birthplace county code that existed when the number was given out (Beijing's did)
        county = rng.choice(REGIONS)[0] if k < 29 else "110101"
        id_number = county + tail + ric.calc_check_digit(county + tail + "0")
        if ric.is_valid(id_number):
            break
    region = rng.choice(REGIONS)  # where they live now
    phone = rng.choice(PHONE_HEADS) + f"{(index * 48271 + 12345 + seed) % 10**8:08d}"
    py_given = "".join(g[1] for g in given)
    return {"name": sur + "".join(g[0] for g in given), "surname": sur, "given": "".join(g[0] for g in given),
            "pinyin": (sur_py, py_given), "id_number": id_number, "phone": phone,
            "email": f"{sur_py}{py_given}{rng.randrange(1, 9999)}@{rng.choice(MAILS)}",
            "created_at": f"20{rng.randrange(16, 25):02d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T"
                          f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+08:00",
            "address": {"province": region[1], "city": region[2], "district": region[3],
                        "detail": f"{rng.choice(STREETS)}{rng.randrange(1, 999)}号{rng.randrange(1, 30)}栋{rng.randrange(101, 2999)}室"}}


def haitao_row(cid: str, p: dict) -> dict:
    address = {"name": p["name"], "phone": p["phone"], **p["address"]}
    return {"id": cid, "name": p["name"], "id_number": p["id_number"], "phone": p["phone"], "email": p["email"],
            "created_at": p["created_at"], "addresses": [address]}


def _name(p: dict, rng: random.Random) -> str:
    sur, given = p["pinyin"]
    roll = rng.random()
    if roll < 0.6:
        return p["name"]
    if roll < 0.7:
        return f"{p['surname']} {p['given']}"
    if roll < 0.8 and traditional(p["name"]) != p["name"]:
        return traditional(p["name"])
    return rng.choice((f"{sur.title()} {given.title()}", f"{sur.upper()} {given.title()}", f"{given.title()} {sur.title()}",
                       f"{sur}{given}", f"{sur.upper()} {given.upper()}"))


def _phone(phone: str, rng: random.Random) -> str:
    a, b, c = phone[:3], phone[3:7], phone[7:]
    return rng.choice((phone, f"+86 {a} {b} {c}", f"+86-{phone}", f"{a}-{b}-{c}", f"86{phone}", f"0086 {phone}",
                       f"{a} {b} {c}", f"+86{phone}", f"({a}) {b}-{c}"))


def _id(number: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.6:
        return number
    if roll < 0.8:
        return number.lower()
    return f"{number[:6]} {number[6:14]} {number[14:]}"


def export_row(cid: str, p: dict, rng: random.Random, linked: bool) -> dict:
    """The acquired platform's record of a person: for a person haitao knows too, written its own way."""
    if not linked:
        return haitao_row(cid, p) | {"phone": _phone(p["phone"], rng) if rng.random() < 0.5 else p["phone"]}
    row = {"id": cid, "name": _name(p, rng), "created_at": p["created_at"]}
    roll = rng.random()
    keep_id, keep_phone = roll >= 0.2, roll < 0.2 or roll >= 0.4
    if keep_id:
        row["id_number"] = _id(p["id_number"], rng)
    if keep_phone:
        row["phone"] = _phone(p["phone"], rng)
    if rng.random() < 0.6:
        row["email"] = p["email"].upper() if rng.random() < 0.2 else p["email"]
    if rng.random() < 0.7:
        a = p["address"]
        row["addresses"] = [{"name": row["name"], "phone": row.get("phone", p["phone"]), **a,
                             "detail": a["detail"].replace("号", "号 ").replace("栋", "幢") if rng.random() < 0.5 else a["detail"]}]
    return row
