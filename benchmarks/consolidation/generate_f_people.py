"""Generator f people: haitao's customers and the acquired platform's, some of them the same person.

Person k of haitao is rebuilt from (seed, k) alone, so the acquired side can copy a person without keeping
haitao's customers in memory. The same person on the acquired side may show the ID number spaced or with a lower
case x, the phone in another format (or another phone), the name in traditional script, or no ID number. A
namesake (same name, another person) is a hard negative.
"""

from __future__ import annotations

import random

import stdnum.cn.ric as ric

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然欣怡梓涵子轩雨晨思佳嘉琪文博一诺"
TRAD = dict(zip("刘陈杨黄赵吴孙马郭罗郑谢韩冯邓肖董袁叶苏吕丽军强杰娟涛红鹏飞轩诺", "劉陳楊黃趙吳孫馬郭羅鄭謝韓馮鄧肖董袁葉蘇呂麗軍強傑娟濤紅鵬飛軒諾"))
PLACES = (
    ("110105", "北京市", "北京市", "朝阳区"), ("310115", "上海市", "上海市", "浦东新区"),
    ("440106", "广东省", "广州市", "天河区"), ("440304", "广东省", "深圳市", "福田区"),
    ("330106", "浙江省", "杭州市", "西湖区"), ("320102", "江苏省", "南京市", "玄武区"),
    ("510107", "四川省", "成都市", "武侯区"), ("420106", "湖北省", "武汉市", "武昌区"),
    ("120101", "天津市", "天津市", "和平区"), ("370102", "山东省", "济南市", "历下区"),
    ("350203", "福建省", "厦门市", "思明区"), ("610113", "陕西省", "西安市", "雁塔区"),
)
STREETS = ("建国路", "人民路", "中山路", "解放大道", "长江路", "科技园路", "滨江大道", "文化路", "花园街", "新华路")
PREFIXES = ("138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187", "188", "177", "199")
MAIL = ("qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com")


def _valid_births() -> list[tuple[tuple[str, str, str, str], int]]:
    return [(place, year) for place in PLACES for year in range(1975, 2005)
            if ric.is_valid(f"{place[0]}{year}0615001" + ric.calc_check_digit(f"{place[0]}{year}0615001" + "0"))]


BIRTHS = _valid_births()
SPACE = len(BIRTHS) * 12 * 28 * 1000  # (place and year, month, day, sequence): one number per slot


def person(seed: int, k: int) -> dict:
    """Person k; k -> ID number is a bijection, so two people never share one."""
    rng = random.Random(f"f:{seed}:person:{k}")
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    u = (k * 1_000_003 + seed * 7777) % SPACE
    u, sequence = divmod(u, 1000)
    u, day = divmod(u, 28)
    u, month = divmod(u, 12)
    (code, province, city, district), year = BIRTHS[u]
    body = f"{code}{year}{month + 1:02d}{day + 1:02d}{sequence:03d}"
    number = body + ric.calc_check_digit(body + "0")
    phone = rng.choice(PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"
    detail = f"{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.randint(1, 30)}栋{rng.randint(101, 2808)}室"
    return {"name": name, "id_number": number, "phone": phone, "province": province, "city": city,
            "district": district, "detail": detail, "mail": f"{rng.randint(10**6, 10**10)}@{rng.choice(MAIL)}",
            "created": f"{rng.randint(2016, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
                       f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+08:00"}


def row(cid: str, p: dict, rng: random.Random | None = None) -> dict:
    """A customers.jsonl row; with ``rng`` the acquired platform's way of writing the same data."""
    name, number, phone, detail = p["name"], p["id_number"], p["phone"], p["detail"]
    email = p["mail"]
    if rng is not None:
        r = rng.random()
        if r < 0.15:
            number = f"{number[:6]} {number[6:14]} {number[14:]}"
        elif r < 0.25:
            number = number.lower()
        elif r < 0.40:
            number = None
        phone = rng.choice((phone, f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}", f"{phone[:3]} {phone[3:7]} "
                            f"{phone[7:]}", f"86{phone}", phone))
        if rng.random() < 0.1:
            name = "".join(TRAD.get(c, c) for c in name)
        if rng.random() < 0.3:
            email = None
        detail = detail.replace("号", "號") if rng.random() < 0.1 else detail
    out = {"id": cid, "name": name, "id_number": number, "phone": phone, "email": email, "created_at": p["created"],
           "addresses": [{"name": name, "phone": phone, "province": p["province"], "city": p["city"],
                          "district": p["district"], "detail": detail}]}
    return {k: v for k, v in out.items() if v is not None}


def customers(seed: int, count: int):
    """Yield (haitao row, acquired row, acquired id -> haitao id or None) for i in range(count)."""
    step = next(s for s in (7919, 104_729, 15_485_863) if count % s)
    for i in range(count):
        haitao_id = f"H{i + 1:07d}"
        rng = random.Random(f"f:{seed}:acq:{i}")
        k = (i * step + 17) % count  # the haitao person this acquired slot may be
        own = person(seed, i)
        acquired_id = f"U{i + 1:07d}"
        r = rng.random()
        if r < 0.42:
            yield row(haitao_id, own), row(acquired_id, person(seed, k), rng), (acquired_id, f"H{k + 1:07d}")
            continue
        stranger = person(seed, count + i)
        if r < 0.52:
            stranger["name"] = person(seed, k)["name"]  # a namesake: same name, another person
        yield row(haitao_id, own), row(acquired_id, stranger, rng), (acquired_id, None)
