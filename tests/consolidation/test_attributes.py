from decimal import Decimal

import pytest

from haitao.consolidation.attributes import parse_spec
from haitao.consolidation.gtin import is_global, normalise_gtin


@pytest.mark.parametrize("text, pack", [
    ("拉拉裤 M码 58片 *4", 4), ("纸尿裤x2", 2), ("牙膏 120g ×3", 3), ("2件套", 2), ("3件装", 3), ("两盒装", 2),
    ("2 pack", 2), ("2-pack", 2), ("pack of 6", 6), ("组合装2件", 2), ("twin pack", 2), ("50ml*2", 2),
    ("2x50ml", 2), ("800g x 3罐", 3), ("共3瓶", 3), ("6罐入", 6), ("奶粉 800g", None),
    ("辣味拉面 140g 五连包", 5), ("拉面 12连包", 12), ("拉面 十二连包", 12), ("十二件装", 12), ("二十四罐装", 24),
    ("三十连包", 30), ("十全大补", None), ("纽扣电池 CR2025 单盒", 1), ("单瓶装", 1), ("吸奶器 单边", None),
    ("protein bar 24 bars", 24), ("protein bar 1 bar", 1), ("cola 330ml 24 cans", 24), ("memory card 2 cards", 2),
    ("Box of 12", 12), ("2 x Box of 12", 24), ("barbell 20kg", None), ("cardigan", None),
])
def test_pack_notations(text, pack):
    assert parse_spec(text).pack_count == pack


@pytest.mark.parametrize("text, value, unit", [
    ("800克", "800", "g"), ("0.8公斤", "800", "g"), ("5lb", "2268", "g"), ("5磅", "2268", "g"),
    ("8oz", "227", "g"), ("50毫升", "50", "ml"), ("1.5L", "1500", "ml"), ("60厘米", "60", "cm"), ("22 公分", "22", "cm"),
    ("90粒", "90", "piece"), ("60颗", "60", "piece"), ("120 capsules", "120", "piece"), ("100抽", "100", "piece"),
    ("行李箱 29寸", "73.7", "cm"), ("25 英寸", "63.5", "cm"), ("spinner 29inch", "73.7", "cm"), ("13.78 inches", "35", "cm"),
    ("生巧克力 20入", "20", "piece"), ("8 pads", "8", "piece"), ("牙线 3卷装", "3", "piece"), ("floss 3rolls", "3", "piece"),
])
def test_sizes_with_units(text, value, unit):
    spec = parse_spec(text)
    assert (spec.content_value, spec.content_unit) == (Decimal(value), unit)


def test_dimensions_are_a_size_not_a_pack():
    spec = parse_spec("浴巾 70x140cm")
    assert (spec.size, spec.pack_count, spec.content_value) == ("70x140cm", None, None)


@pytest.mark.parametrize("text, stage", [("3段", "3"), ("三段", "3"), ("1阶", "1"), ("stage 2", "2"),
                                         ("Stufe 1", "1"), ("pre段", "pre"), ("1+", "1")])
def test_stages(text, stage):
    assert parse_spec(text).stage == stage


@pytest.mark.parametrize("text, size", [("42码", "eu42"), ("EU 42", "eu42"), ("M码", "m"), ("大号", "l"), ("尺码 40", "eu40"),
                                          ("eur 41", "eu41"), ("us 6.5", "eu39"), ("US 9", "eu42.5"), ("uk 6", "eu39"),
                                          ("plus 7", None), ("us 100", None)])
def test_sizes(text, size):
    assert parse_spec(text).size == size


def test_gtin_forms_are_one_number_and_a_typo_is_none():
    assert normalise_gtin("036000291452") == normalise_gtin("0036000291452") == normalise_gtin("00036000291452")
    assert normalise_gtin("036000291453") is None
    assert is_global(normalise_gtin("4008976022343")) and not is_global(normalise_gtin("2990200000321"))


def test_amounts_one_label_rounds_differently_are_the_same():
    from haitao.consolidation.attributes import same_amount

    assert same_amount(Decimal("2720"), Decimal("2722")) and same_amount(Decimal("2998"), Decimal("3000"))
    assert not same_amount(Decimal("135"), Decimal("140")) and not same_amount(Decimal("907"), Decimal("910"))


@pytest.mark.parametrize("text, shade", [
    ("遮白发染发霜 色号6/1", "6.1"), ("染发霜 #6.1", "6.1"), ("染发霜 6/1号", "6.1"), ("染发霜 5-0号", "5.0"),
    ("色号 #01", "1"), ("奶粉 1/2 罐", None), ("遮白发染发霜 6.1", None),  # bare: only a variant the brand's SKUs carry
])
def test_a_hair_colours_level_and_tone_is_one_shade(text, shade):
    assert parse_spec(text).variant == shade
