"""Customers of generator d: haitao's and the acquired platform's, with the truth of which are the same person.

A person is a pure function of (seed, index), so nothing is held in memory: resident ID numbers (GB 11643,
valid birth place, date and check character) and mobile numbers are unique by construction (an index is
mapped one-to-one onto the number space). The acquired side holds the same persons written differently
(phone formats, lower-case ``x``, a space in the name, a missing ID number) and hard negatives: a namesake
(same name, other person) and a family member who shares the phone and address but is someone else.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from datetime import date, timedelta

import stdnum.cn.ric as ric

AREAS = [("110101", "北京市", "北京市", "东城区"), ("110105", "北京市", "北京市", "朝阳区"), ("110108", "北京市", "北京市", "海淀区"),
         ("310101", "上海市", "上海市", "黄浦区"), ("310104", "上海市", "上海市", "徐汇区"), ("440103", "广东省", "广州市", "荔湾区"),
         ("440106", "广东省", "广州市", "天河区"), ("440304", "广东省", "深圳市", "福田区"), ("440305", "广东省", "深圳市", "南山区"),
         ("330102", "浙江省", "杭州市", "上城区"), ("330106", "浙江省", "杭州市", "西湖区"), ("320102", "江苏省", "南京市", "玄武区"),
         ("510104", "四川省", "成都市", "锦江区"), ("510107", "四川省", "成都市", "武侯区"), ("420102", "湖北省", "武汉市", "江岸区"),
         ("610113", "陕西省", "西安市", "雁塔区"), ("370202", "山东省", "青岛市", "市南区"), ("350203", "福建省", "厦门市", "思明区"),
         ("210102", "辽宁省", "沈阳市", "和平区"), ("120101", "天津市", "天津市", "和平区"), ("410105", "河南省", "郑州市", "金水区"),
         ("530102", "云南省", "昆明市", "五华区"), ("360102", "江西省", "南昌市", "东湖区"), ("220102", "吉林省", "长春市", "南关区"),
         ("230102", "黑龙江省", "哈尔滨市", "道里区"), ("330203", "浙江省", "宁波市", "海曙区"), ("441302", "广东省", "惠州市", "惠城区"),
         ("350102", "福建省", "福州市", "鼓楼区"), ("370102", "山东省", "济南市", "历下区"), ("130102", "河北省", "石家庄市", "长安区")]
DAYS = 365 * 17  # born 1990-2006: every area code below is valid for those years in stdnum's table
SPACE = len(AREAS) * DAYS * 999
MULT = next(m for m in range(48271, 10 ** 6) if math.gcd(m, SPACE) == 1)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉晶晨欣怡婷雪琳浩宇轩子涵梓睿嘉佳思文博一诺雨泽"
COMMON = ["王伟", "李娜", "张敏", "刘洋", "王芳", "李静", "张伟", "王静", "李强", "张丽", "刘伟", "陈静", "王磊", "李军", "杨洋"]
PINYIN = {"王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang", "黄": "Huang", "赵": "Zhao",
          "吴": "Wu", "周": "Zhou"}
PREFIXES = ["138", "139", "135", "136", "150", "151", "186", "187", "188", "177", "199", "166", "158", "159", "130",
            "131", "132", "155", "156", "185", "176", "180", "181", "189", "133", "153", "173", "191"]
STREETS = ["建国路", "人民路", "中山路", "解放大道", "滨江路", "科技园南路", "文三路", "长江路", "天府大道", "和平里"]


def person(seed: int, idx: int) -> dict:
    """The idx-th person; ID number and mobile unique per idx."""
    rng = random.Random(seed * 1_000_003 + idx * 7 + 1)
    p = (idx * MULT + 12345) % SPACE
    area_i, rest = divmod(p, DAYS * 999)
    day, seq = divmod(rest, 999)
    code, province, city, district = AREAS[area_i]
    born = date(1990, 1, 1) + timedelta(days=day)
    body = f"{code}{born:%Y%m%d}{seq + 1:03d}"
    id_number = body + ric.calc_check_digit(body + "0")
    phone = rng.choice(PREFIXES) + f"{(idx * 7907 + 3) % 10 ** 8:08d}"
    if rng.random() < 0.12:
        name = rng.choice(COMMON)
    else:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return {"name": name, "id_number": id_number, "phone": phone, "email": f"u{p % 10 ** 9}@{rng.choice(['qq.com', '163.com', 'gmail.com', '126.com'])}",
            "created_at": f"20{rng.randrange(18, 26)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}T10:{rng.randrange(60):02d}:00+08:00",
            "address": {"province": province, "city": city, "district": district,
                        "detail": f"{rng.choice(STREETS)}{rng.randrange(1, 400)}号{rng.randrange(1, 30)}栋{rng.randrange(101, 2999)}室"}}


def phone_form(phone: str, rng) -> str:
    a, b, c = phone[:3], phone[3:7], phone[7:]
    return rng.choice([phone, f"+86 {a}-{b}-{c}", f"{a} {b} {c}", f"+86{phone}", f"86-{phone}", f"0086 {a} {b} {c}",
                       f"{a}-{b}-{c}"])


def _record(cid: str, who: dict, rng, *, name=None, phone=None, id_number="same", email=True) -> dict:
    row = {"id": cid, "name": name or who["name"], "phone": phone or who["phone"], "created_at": who["created_at"]}
    if id_number == "same":
        row["id_number"] = who["id_number"]
    elif id_number:
        row["id_number"] = id_number
    if email:
        row["email"] = who["email"]
    addr = dict(who["address"])
    row["addresses"] = [{"name": row["name"], "phone": row["phone"], **addr}]
    return row


def write_customers(size: int, seed: int, haitao_path, acquired_path) -> tuple[dict, Counter]:
    """Writes both customers.jsonl files; returns the truth and tag counts."""
    n = max(4, size // 4)
    rng = random.Random(seed * 31 + 5)
    tags: Counter = Counter()
    with open(haitao_path, "w", encoding="utf-8") as out:
        for i in range(n):
            who = person(seed, i)
            out.write(json.dumps(_record(f"HC{(i * 7919 + 17) % 10 ** 8:08d}", who, rng), ensure_ascii=False) + "\n")
    truth: dict = {}
    step = next(m for m in range(2 * n // 3 + 1, 10 * n + 3) if math.gcd(m, n) == 1)
    fresh = n  # persons with index >= n exist only on the acquired side
    with open(acquired_path, "w", encoding="utf-8") as out:
        for j in range(n):
            cid = f"U{(j * 104729 + 7) % 10 ** 9:09d}"
            target = (j * step + 3) % n
            who = person(seed, target)
            r = rng.random()
            if r < 0.45:
                name, id_number, kind = who["name"], "same", "linked"
                if rng.random() < 0.08:
                    name, kind = who["name"][0] + " " + who["name"][1:], "linked_name_space"
                elif rng.random() < 0.05 and who["name"][0] in PINYIN:
                    name, kind = PINYIN[who["name"][0]] + " " + who["name"][1:], "linked_name_mixed"
                if rng.random() < 0.25:
                    id_number, kind = None, kind + "_no_id"
                elif who["id_number"].endswith("X") and rng.random() < 0.5:
                    id_number = who["id_number"][:-1] + "x"
                row = _record(cid, who, rng, name=name, phone=phone_form(who["phone"], rng), id_number=id_number,
                              email=rng.random() < 0.6)
                truth[cid] = f"HC{(target * 7919 + 17) % 10 ** 8:08d}"
            else:
                other = person(seed, fresh)
                fresh += 1
                if r < 0.55:
                    row, kind = _record(cid, other, rng, name=who["name"], phone=phone_form(other["phone"], rng)), "neg_namesake"
                elif r < 0.62:
                    relative = who["name"][0] + other["name"][1:]
                    relative = relative if relative != who["name"] else relative + "婷"
                    row = _record(cid, other, rng, name=relative,
                                  phone=phone_form(who["phone"], rng), id_number=other["id_number"] if rng.random() < 0.5 else None)
                    row["addresses"][0].update(who["address"])
                    kind = "neg_family_shares_phone"
                else:
                    row, kind = _record(cid, other, rng, phone=phone_form(other["phone"], rng)), "new_person"
                truth[cid] = None
            tags[kind] += 1
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return truth, tags
