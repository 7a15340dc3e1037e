from decimal import Decimal

import pytest

from haitao.consolidation.normalise import (
    BrandAliases, default_aliases, fold, merge_aliases, normalise_amount, normalise_gtin, normalise_phone,
    normalise_product, normalise_title, parse_spec,
)


@pytest.mark.parametrize("title, expected", [
    ("【保税直发】爱他美 奶粉 [官方正品] (包邮)", "formula"),
    ("Aptamil Infant Formula 官方旗舰店 正品保证", "formula"),
    ("爱他美 奶粉 专柜同款", "formula"), ("爱他美 奶粉 專柜同款", "formula"),  # 'same as at the counter'
    ("爱他美 奶粉 德国直送", "formula"),
    ("ＡＰＴＡＭＩＬ　白金版　奶粉", "profutura formula"),  # full-width → half-width, brand cut out, Aptamil's 白金版
    ("a2 白金版 奶粉", "platinum formula"),  # ... is Profutura at Aptamil only
    ("雅诗兰黛 Advanced Night Repair 精华 海外直邮 现货", "advanced night repair serum"),
    ("Estée Lauder advanced night repair serum", "advanced night repair serum"),
    ("(德国版) 爱他美 奶粉", "formula"),  # unwrapped bracket: the market word goes to `market`
    ("科颜氏 Kiehl's 高保湿面霜", "ultra facial cream"),  # the line's Chinese name (product_lines.csv)
])
def test_titles(title, expected):
    assert normalise_title(title) == expected


@pytest.mark.parametrize("spec, value, unit, pack", [
    ("800g", "800", "g", None), ("0.8kg", "800", "g", None), ("800克", "800", "g", None),
    ("800 g", "800", "g", None), ("0.8公斤", "800", "g", None),
    ("50ml*2", "50", "ml", 2), ("50ml×2", "50", "ml", 2), ("2x50ml", "50", "ml", 2), ("50ml x 2", "50", "ml", 2),
    ("1.5L", "1500", "ml", None), ("1.5升", "1500", "ml", None), ("75cl", "750", "ml", None),
    ("60粒", "60", "piece", None), ("60 capsules", "60", "piece", None), ("60粒*2瓶", "60", "piece", 2),
    ("800g 3罐装", "800", "g", 3), ("800g 两罐装", "800", "g", 2), ("25ml*5片", "25", "ml", 5),
])
def test_units_and_packs(spec, value, unit, pack):
    parsed = parse_spec(spec)
    assert (parsed.content_value, parsed.content_unit, parsed.pack_count) == (Decimal(value), unit, pack)


def test_equal_sizes_compare_and_hash_alike():
    sizes = {parse_spec(s).content_value for s in ("800g", "0.8kg", "800克", "800 g", "0.80kg")}
    assert sizes == {Decimal("800")}


@pytest.mark.parametrize("text, stage", [
    ("3段", "3"), ("三段", "3"), ("一段", "1"), ("Stage 1", "1"), ("stage2", "2"), ("1阶段", "1"),
    ("Pre", "pre"), ("Pre段", "pre"), ("pre段official", "pre"), ("800g", None),
])
def test_stage_words(text, stage):
    assert parse_spec(text).stage == stage


@pytest.mark.parametrize("text, size", [
    ("NB", "nb"), ("M码", "m"), ("L号", "l"), ("XL", "xl"), ("size S", "s"), ("大号", "l"), ("新生儿", "nb"),
    ("XXL码", "xxl"), ("NB90片", "nb"),
])
def test_diaper_sizes(text, size):
    assert parse_spec(text).size == size


@pytest.mark.parametrize("text, variant", [("色号 #01", "1"), ("#01", "1"), ("01号", "1"), ("色号201", "201")])
def test_shades(text, variant):
    assert parse_spec(text).variant == variant


def test_colour_is_a_variant():
    assert normalise_product("p", "Coach 蔻驰 斜挎包 黑色").variant == "black"
    assert normalise_product("p", "Coach crossbody", spec="Black").variant == "black"


@pytest.mark.parametrize("title, variant", [("铸铁 炖锅 樱桃红", "red"), ("帆布鞋 全黑", "black"), ("帆布鞋 黑白", "black-white"),
                                            ("珐琅 锅 火焰橙", "orange"), ("珐琅锅 sage green", "green"),
                                            ("手机壳 海军蓝", "navy"), ("充电宝 粉红", "pink"), ("羽绒服 blk", "black"),
                                            ("帐篷 橘色", "orange"), ("手机壳 军绿", "army_green")])
def test_colourway_names_are_their_colour(title, variant):
    assert normalise_product("p", title).variant == variant


@pytest.mark.parametrize("title, variant", [
    ("宠物窝 咖啡色 M", "brown"),  # 咖啡 is read as coffee first: the colour is still brown
    ("钱包 coffee色", "brown"), ("羽绒服 藏蓝色", "navy"), ("双肩包 橄榄绿", "green"), ("帆布包 olive green", "green"),
    ("口红 裸色", "beige"), ("卫衣 豆沙色", "pink"), ("T恤 maroon", "burgundy"), ("围巾 驼色", "brown"),
])
def test_common_colour_names_of_both_languages_are_their_colour(title, variant):
    assert normalise_product("p", title).variant == variant


def test_a_coffee_product_is_no_brown_one():
    assert normalise_product("p", "咖啡粉 250g").variant is None
    assert normalise_product("p", "蛋白棒 咖啡味").variant is None


def test_model_codes_are_not_sizes():
    product = normalise_product("p", "悦木之源 V2978升级 面膜 200 ML")
    assert (product.content_value, product.content_unit) == (Decimal("200"), "ml")
    assert "v2978" in product.title_tokens
    assert parse_spec("a2牌x140 0.4kg 6罐装").pack_count == 6


def test_spec_field_wins_over_title():
    product = normalise_product("p", "爱他美 奶粉 3段 800g", spec="2段 400g")
    assert (product.stage, product.content_value) == ("2", Decimal("400"))


@pytest.mark.parametrize("raw, expected", [
    ("4008976022343", "04008976022343"),  # EAN-13
    ("4008976022344", None),  # wrong check digit
    ("036000291452", "00036000291452"),  # UPC-A
    ("36000291452", "00036000291452"),  # UPC-A whose leading zero a spreadsheet dropped
    ("36000291452.0", "00036000291452"),  # ... and wrote as a number
    ("36000291453", None),  # eleven digits with a wrong check digit
    ("3600029145", None),  # ten digits are nothing
    ("96385074", "00000096385074"),  # EAN-8
    ("10036000291459", "10036000291459"),  # GTIN-14
    ("4008-9760-22343", "04008976022343"),
    ("12345", None), ("abc", None), ("0000000000000", None), (None, None),
])
def test_gtin(raw, expected):
    assert normalise_gtin(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("+86 138-0013-8000", "13800138000"), ("13800138000", "13800138000"), ("0086 13800138000", "13800138000"),
    ("8613800138000", "13800138000"), ("(+86) 138 0013 8000", "13800138000"), ("１３８００１３８０００", "13800138000"),
    ("010-12345678", None), ("12800138000", None), ("+1 138 0013 8000", None), ("1380013800", None), (None, None),
])
def test_phone(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("¥1,299.5", Decimal("1299.50")), ("１２９９", Decimal("1299.00")), ("12.345", Decimal("12.35")),
    (Decimal("0.125"), Decimal("0.13")), (5, Decimal("5.00")), ("12元", Decimal("12.00")),
    (1.5, None), ("abc", None), (None, None),
])
def test_amounts(raw, expected):
    assert normalise_amount(raw) == expected


@pytest.mark.parametrize("alias, key", [
    ("爱他美", "aptamil"), ("Aptamil", "aptamil"), ("雅诗兰黛", "estee-lauder"), ("Estée Lauder", "estee-lauder"),
    ("Estee Lauder", "estee-lauder"), ("兰蔻", "lancome"), ("Lancôme", "lancome"), ("SK-II", "sk-ii"),
    ("大王", "goon"), ("Goo.n", "goon"), ("Kiehl's", "kiehls"), ("科颜氏", "kiehls"), ("海蓝之谜", "la-mer"),
    ("拉菲", "lafite"), ("爱他美(Aptamil)", "aptamil"), ("Estée Lauder/雅诗兰黛", "estee-lauder"),
])
def test_brand_aliases(alias, key):
    assert default_aliases().resolve(alias) == key


def test_alias_table_has_at_least_40_brands():
    assert len(default_aliases()) >= 40


def test_unknown_brand_keeps_its_own_key():
    assert default_aliases().resolve("Norvika Labs") == "norvika-labs"


def test_operator_aliases_merge(tmp_path):
    merged = merge_aliases({"norvika": ["诺维卡", "Norvika"]})
    assert merged.resolve("诺维卡") == merged.resolve("Norvika") == "norvika"
    assert merged.resolve("爱他美") == "aptamil"  # shipped aliases kept
    path = tmp_path / "aliases.csv"
    path.write_text("brand_key,alias\nnorvika,娜维卡\n", encoding="utf-8")
    assert merge_aliases(path).resolve("娜维卡") == "norvika"
    assert default_aliases().resolve("诺维卡") == "诺维卡"  # the shipped table is not changed


def test_brand_found_in_title_without_brand_field():
    assert normalise_product("p", "【保税直发】爱他美白金版奶粉3段800g").brand_key == "aptamil"
    assert normalise_product("p", "Swisse Omega-3 fish oil 200粒").brand_key == "swisse"
    assert normalise_product("p", "深海鱼油 omega-3 200粒").brand_key is None  # omega-3 is not the Omega brand


def test_cross_language_products_normalise_alike():
    zh = normalise_product("a", "【保税直发】德国爱他美Aptamil白金版婴儿配方奶粉3段800g 官方正品")
    en = normalise_product("b", "Aptamil Platinum Infant Formula Stage 3 0.8kg", brand="Aptamil")
    fields = ("brand_key", "title", "content_value", "content_unit", "pack_count", "stage")
    assert [getattr(zh, f) for f in fields] == [getattr(en, f) for f in fields]
    assert zh.market == "germany" and en.market is None


def test_fold():
    assert fold("ＡＢＣ１２３　Estée") == "abc123 estee"


def test_brand_aliases_from_csv_text():
    table = BrandAliases.from_csv("brand_key,alias\nfoo,福\n")
    assert table.resolve("福") == "foo"


def test_a_product_line_nickname_reads_as_the_line_at_its_brand_only():
    nickname = normalise_product("s", "雅诗兰黛小棕瓶精华 50ml", brand="雅诗兰黛")
    catalog = normalise_product("c", "Estée Lauder Advanced Night Repair Serum 50ml", brand="Estée Lauder")
    assert nickname.title == catalog.title == "advanced night repair serum"
    assert normalise_product("s", "YSL 方管口红 01号", brand="YSL").title.startswith("rouge pur couture")
    # 小金 is Anessa's gold bottle at Anessa, and nothing in particular elsewhere
    assert "perfect" in normalise_product("s", "安热沙 小金瓶 防晒乳 60ml", brand="安热沙").title
    assert "perfect" not in normalise_product("s", "某品牌 小金瓶 防晒乳 60ml", brand="某品牌").title


def test_a_makers_name_before_its_brands_names_the_brand():
    product = normalise_product("s", "花王妙而舒 拉拉裤 M码 58片", brand="花王妙而舒")
    assert product.brand_key == "merries"
    assert "花王" not in product.title and "妙" not in product.title
    assert normalise_product("s", "资生堂安热沙小金瓶防晒乳90ml", brand="资生堂安热沙").brand_key == "anessa"


@pytest.mark.parametrize("chinese, english", [("卸妆水 油皮", "micellar cleansing water oily skin"), ("中度烘焙 挂耳", "medium roast drip bag"),
                                              ("小型犬 幼犬粮", "small breed puppy food"), ("防胀气 奶瓶 奶嘴", "anti-colic baby bottle teat"),
                                              ("移动电源 快充", "power bank fast charging"), ("椭圆形 珐琅 炖锅", "oval enamel cocotte"),
                                              ("小型犬成犬粮", "small breed adult dog food"), ("椭圆形 珐琅锅", "oval cocotte")])
def test_product_words_of_two_languages_are_one_word(chinese, english):
    a, b = normalise_product("a", chinese).title_tokens, normalise_product("b", english).title_tokens
    assert set(a) - {"粮"} == set(b) - {"food"}


def test_shop_phrases_are_cut_from_titles():
    tokens = normalise_product("p", "京东国际 618预售 袋鼠 奶瓶 送礼佳品 新旧包装随机发").title_tokens
    assert not {"京东", "国际", "618", "预售", "送礼", "佳品", "新旧", "随机"} & set(tokens)


def test_made_for_china_is_a_market():
    assert normalise_product("p", "国产 麦克斯 猫粮").market == normalise_product("q", "国行 充电器").market == "china"


@pytest.mark.parametrize("title, variant", [("羽绒服 womens 白", "white"), ("充电器 白 100W", "white"), ("羽绒服 卡其", "khaki"),
                                            ("爱他美 白金版 奶粉", None), ("美白 面膜", None), ("星巴克 咖啡粉 340克", None),
                                            ("红酒 干红 750ml", None)])
def test_a_colour_in_one_character_counts_only_where_it_stands_alone(title, variant):
    assert normalise_product("p", title).variant == variant


@pytest.mark.parametrize("title", ["牙膏 120g 拍2件", "牙膏 120g 第2件半价", "牙膏 120g 满199减20", "牙膏 120g 2件8折", "牙膏 120g 买一送一"])
def test_shop_promotions_are_no_pack_and_no_title_words(title):
    product = normalise_product("p", title)
    assert (product.pack_count, product.title_tokens) == (1, ("toothpaste",))


@pytest.mark.parametrize("title, pack", [("牙膏 120g 三支", 3), ("牙膏 120g 2支", 2), ("TF卡 128GB 两张", 2)])
def test_sticks_and_cards_counted_at_a_word_end_are_packs(title, pack):
    assert normalise_product("p", title).pack_count == pack


@pytest.mark.parametrize("a, b", [("电热水壶 欧标220-240V", "电热水壶 EU plug 230V"), ("电热水壶 英标240V", "电热水壶 英规 230V"),
                                  ("充电器 美规", "充电器 US plug 110V")])
def test_a_named_plug_is_one_word_and_its_voltage_says_nothing_more(a, b):
    assert normalise_product("p", a).title_tokens == normalise_product("p", b).title_tokens


def test_a_voltage_without_a_plug_stays():
    assert "220v" in normalise_product("p", "电热水壶 220V 1.5L").title_tokens


def test_the_spec_fields_words_name_the_variant_too():
    product = normalise_product("p", "Penfolds 红酒", spec="2021 Vintage 1.5升")
    assert product.content_value == 1500 and {"2021", "vintage"} <= set(product.title_tokens)
    assert "eu_plug" in normalise_product("p", "Kinmav 电热水壶", spec="EU plug 230V").title_tokens
    assert normalise_product("p", "软糖", spec="橙子味 拍2件").pack_count == 1  # a promotion in the field is none


@pytest.mark.parametrize("text, count", [("90 gummies", 90), ("100 tea bags", 100), ("80 wipes x 6", 80), ("60 vcaps", 60)])
def test_counts_of_gummies_tea_bags_and_wipes(text, count):
    from haitao.consolidation.attributes import parse_spec

    spec = parse_spec(text)
    assert (spec.content_value, spec.content_unit) == (count, "piece")


def test_a_storage_capacity_written_apart_is_no_weight():
    product = normalise_product("p", "SanDisk Extreme PRO 存储卡 64 GB 2张")
    assert (product.content_value, product.pack_count) == (None, 2) and "64gb" in product.title_tokens
    product = normalise_product("p", "存储卡 128GB×2")  # two cards: the pack sign stands apart
    assert (product.title_tokens, product.pack_count) == (("memory_card", "128gb"), 2)
    assert normalise_product("p", "存储卡 1024GB").title_tokens == normalise_product("p", "存储卡 1TB").title_tokens


@pytest.mark.parametrize("a, b", [("破壁机 1.5L", "Blender 1.5L"), ("内存卡 64GB", "microSD card 64GB"), ("猫窝 M", "Pet Bed M"),
                                  ("薯片 烧烤味", "Potato Chips 烧烤味"), ("电水壶 1.7L", "Electric Kettle 1.7L"),
                                  ("洗发露 500ml", "Shampoo 500ml"), ("替换刷头 4支", "Replacement Brush Heads 4支"),
                                  ("电动牙刷刷头 4支", "Brush Heads 4支")])
def test_category_words_in_either_language_are_one(a, b):
    assert normalise_product("p", a).title_tokens == normalise_product("p", b).title_tokens
