"""Synthetic but valid resident ID numbers (GB 11643-1999, check character by ISO 7064 MOD 11-2).

Layout: 6-digit address code, 8-digit birth date, 3-digit sequence, check character. Number `n`
maps to a unique (birth date, sequence) pair, so a run's buyers never share an ID (each is its own
person with its own quota account).
"""

from datetime import date, timedelta

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # index = (Σ digit × weight) mod 11
AREAS = ("110105", "310104", "330106", "440305", "510107", "420106")  # Beijing, Shanghai, Hangzhou, ...
FIRST_BIRTH = date(1960, 1, 1)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平")


def check_char(first17: str) -> str:
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need the first 17 digits")
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def resident_id(n: int) -> str:
    """The n-th synthetic ID number (n ≥ 0; unique for n < 18,000,000)."""
    if n < 0:
        raise ValueError("n must be ≥ 0")
    birth = FIRST_BIRTH + timedelta(days=(n // 1000) % 18000)
    first17 = f"{AREAS[n % len(AREAS)]}{birth:%Y%m%d}{n % 1000:03d}"
    return first17 + check_char(first17)


def real_name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]
