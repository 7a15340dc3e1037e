"""Words that make a sibling, grades and counts that tell products apart (pairs, attributes, normalise)."""

from __future__ import annotations

from decimal import Decimal

from haitao.consolidation.attributes import extract_spec
from haitao.consolidation.normalise import default_normaliser
from haitao.consolidation.pairs import (added_words, measures_differ, pieces_only_in_source, sibling_word_extra,
                                        split_glued, words_matches_add)


def test_added_words_are_words_one_sibling_title_adds_in_several_groups() -> None:
    groups = [["全脂 formula", "全脂 formula kids"], ["燕麦片", "燕麦片 kids", "燕麦片 pro"], ["纯牛奶", "纯牛奶 pro"]]
    assert added_words(groups) == {"kids", "pro"}
    assert added_words(groups, min_count=1) == {"kids", "pro"}
    assert added_words([["a b", "a c"], ["a b", "a c"]]) == frozenset()  # one word each: alternatives, not added


def test_a_source_saying_a_variant_word_its_candidate_lacks() -> None:
    words = frozenset({"kids", "pro"})
    assert sibling_word_extra(words, "全脂 formula kids", "全脂 formula")
    assert not sibling_word_extra(words, "全脂 formula kids", "全脂 formula kids")
    assert not sibling_word_extra(words, "全脂 formula", "全脂 formula kids")  # the other direction is sibling_word_unsaid
    assert not sibling_word_extra(words, "全脂 formula organic", "全脂 formula")


def test_words_true_matches_add_are_found_with_enough_evidence() -> None:
    words = frozenset({"advanced", "kids"})
    anchored = [("advanced cream", "cream")] * 2 + [("advanced cream", "advanced cream")] * 8
    anchored += [("kids formula", "kids formula")] * 10
    assert words_matches_add(words, anchored) == {"advanced"}
    assert words_matches_add(words, anchored[:4]) == frozenset()  # four sources say it: too few to tell
    assert words_matches_add(words, [("advanced cream", "cream")] + [("advanced c", "advanced c")] * 19) == frozenset()


def test_grades_written_name_first_are_measures() -> None:
    assert measures_differ("sunscreen spf50 pa3", "sunscreen spf30 pa3")
    assert measures_differ("sunscreen spf50 pa4", "sunscreen spf50 pa3")
    assert measures_differ("manuka umf15", "manuka umf10")
    assert not measures_differ("sunscreen spf50 pa3", "sunscreen spf50")
    assert not measures_differ("sunscreen spf50", "gel pen")


def test_sun_protection_is_read_as_one_word_per_grade() -> None:
    normalise = default_normaliser().product
    assert {"spf50", "pa3"} <= set(normalise("x", "安热沙 金瓶防晒乳 SPF50+ PA+++ 60ml").title_tokens)
    assert {"spf50", "pa4"} <= set(normalise("x", "防晒乳 spf 50+ PA ++++ 60ml").title_tokens)
    assert {"spf15", "pa2"} <= set(normalise("x", "Loneen SPF15 PA++ 60 mL 隔离防晒霜").title_tokens)


def test_a_count_beside_a_length_stays_in_the_title() -> None:
    spec, rest = extract_spec("日用超薄卫生巾 290mm 20片×3包")
    assert (spec.content_value, spec.content_unit, spec.pack_count) == (Decimal(29), "cm", 3)
    assert "20pc" in rest.split()
    spec, rest = extract_spec("卫生巾 240mm")
    assert "pc" not in rest


def test_pieces_of_one_size_without_a_pack_are_a_set_of_that_many() -> None:
    for text in ("卫生巾 20片 240mm", "保鲜盒 715ml 5件套", "保鲜盒 715ml×5", "长方形 玻璃 保鲜盒 715ml set 5pc"):
        spec, rest = extract_spec(text)
        assert spec.pack_count == (20 if "20片" in text else 5), text
        assert not [t for t in rest.split() if t.endswith("pc") and t[:-2].isdigit()], text
    assert extract_spec("保鲜盒 715ml 1件")[0].pack_count in (None, 1)


def test_millimetres_keep_their_precision() -> None:
    assert extract_spec("中性笔 0.5mm")[0].content_value == Decimal("0.05")
    assert extract_spec("中性笔 0.7mm")[0].content_value == Decimal("0.07")
    assert extract_spec("针管笔 0.28 毫米")[0].content_value == Decimal("0.028")
    assert extract_spec("2 lb")[0].content_value == Decimal(907)  # imperial units still round as labels do


def test_one_unit_said_as_such_is_no_pack_and_leaves_no_words() -> None:
    normalise = default_normaliser().product
    for title in ("陶瓷卷发棒 PA279 单台装", "雾化器 IRT3707 1台", "镜架 ZH5821 1副", "保鲜盒 单件 1pc", "奶粉 800g 1罐装"):
        product = normalise("x", title)
        assert product.pack_count == 1 and not {"单", "台", "副", "1", "1pc", "件"} & set(product.title_tokens), title
    assert normalise("x", "奶粉 800g 2罐装").pack_count == 2
    assert {"1", "4"} <= set(normalise("x", "1 handle 4 cartridges").title_tokens)  # a count of parts stays


def test_army_green_and_wine_red_are_colours_of_their_own() -> None:
    normalise = default_normaliser().product
    assert normalise("x", "帐篷 Army Green 3人").variant == normalise("x", "帐篷 军绿色 3人").variant == "army_green"
    assert normalise("x", "帐篷 绿色 3人").variant == "green"
    assert normalise("x", "长钱包 酒红").variant == normalise("x", "wallet wine red").variant == "burgundy"


def test_a_set_of_pieces_the_candidate_does_not_state_is_held() -> None:
    assert pieces_only_in_source("长方形 玻璃 保鲜盒 5pc", "长方形 玻璃 保鲜盒")
    assert not pieces_only_in_source("长方形 玻璃 保鲜盒", "长方形 玻璃 保鲜盒 5pc")  # the catalog's count, unsaid: no hold
    assert not pieces_only_in_source("保鲜盒 1pc", "保鲜盒")
    assert not pieces_only_in_source("卫生巾 20pc", "卫生巾 16pc")  # stated on both sides: measures_differ's
    assert measures_differ("卫生巾 20pc", "卫生巾 16pc")


def test_a_lens_power_is_one_word_in_dioptres_however_written() -> None:
    normalise = default_normaliser().product
    for title, power in (("安视优 日抛 -1.00D 90片", "1.00d"), ("散光日抛 -1 90片", "1.00d"), ("月抛近视325度 90 lenses", "3.25d"),
                         ("月抛-2度 90枚", "2.00d"), ("散光日抛 限定版 3 度", "3.00d")):
        product = normalise("x", title)
        assert power in product.title_tokens, title
    assert normalise("x", "月抛近视325度 90 lenses").content_value == 90
    assert "0.40d" not in normalise("x", "威士忌 40度 700ml").title_tokens  # not a lens: degrees of alcohol


def test_manuka_grades_written_apart_are_one_word() -> None:
    normalise = default_normaliser().product
    assert "umf20" in normalise("x", "麦卢卡 混合蜂蜜 UMF 20+ 500g").title_tokens
    assert "mgo263" in normalise("x", "Manuka honey MGO 263+ 250g").title_tokens


def test_a_manuka_grade_without_its_plus_leaves_the_weight_after_it_alone() -> None:
    normalise = default_normaliser().product
    for title, grams in (("NANA Rewarewa Honey MGO829 0.5kg 2 Pack", 500), ("麦卢卡蜂蜜 MGO263 1公斤 1瓶", 1000),
                         ("Manuka Honey Blend MGO 829+ 0.25kg", 250)):
        product = normalise("x", title)
        assert (product.content_value, product.content_unit) == (grams, "g"), title
        assert any(t.startswith("mgo") and t[3:].isdigit() for t in product.title_tokens), title


def test_a_model_code_written_whole_splits_into_the_catalogs_two_words() -> None:
    known = {"bp", "b5389", "eh", "na590", "classic"}.__contains__
    assert split_glued(("bpb5389", "耳温枪"), known) == ("bp", "b5389", "耳温枪")
    assert split_glued(("ehna590",), known) == ("eh", "na590")
    assert split_glued(("b5389",), known) == ("b5389",)
    assert split_glued(("12345",), known) == ("12345",)


def test_sibling_words_sources_mostly_leave_out_are_category_words() -> None:
    words = frozenset({"保健品", "控油"})
    anchored = [("vitamin_c 1000mg 保健品", "vitamin_c 1000mg")] * 6 + [("vitamin_c 保健品", "vitamin_c 保健品")] * 4
    anchored += [("shampoo 控油", "shampoo 控油")] * 9 + [("shampoo 控油", "shampoo")]
    assert words_matches_add(words, anchored, share=0.5) == {"保健品"}  # (title, query): what sources leave unsaid
    assert words_matches_add(words, anchored) == {"保健品", "控油"}  # one in ten is enough for a word sources add


def test_jin_is_half_a_kilogram() -> None:
    assert extract_spec("猫粮 金枪鱼 4斤")[0].content_value == Decimal(2000)
    assert extract_spec("即食燕麦片 1 斤")[0].content_unit == "g"
    assert extract_spec("牛奶 1升")[0].content_value == Decimal(1000)  # 升, the other unit keyed by a pattern


def test_a_shade_code_stated_bare_is_the_variant_the_brands_skus_carry() -> None:
    from haitao.consolidation.match import CatalogIndex
    from haitao.consolidation.normalise import normalise_catalog_item as item
    from haitao.consolidation.normalise import normalise_product as source

    index = CatalogIndex([item(f"D-{code}", f"达多帕 快干指甲油 色号{code} 10ml", brand="Dadopa") for code in ("B11", "B12", "C23")])
    assert {r.variant for r in index.records} == {"b11", "b12", "c23"}
    listing = source("s1", "达多帕 快干指甲油 B11 10ml", brand="Dadopa")
    index.learn([listing])
    decision = index.match(listing)
    assert decision.candidates[0].sku == "D-B11" and len(decision.candidates) == 1
    assert index.match(source("s2", "达多帕 快干指甲油 10ml", brand="Dadopa")).decision != "matched"  # which shade?


def test_a_colour_in_one_character_is_the_variant_only_where_the_brands_skus_carry_it() -> None:
    from haitao.consolidation.match import CatalogIndex
    from haitao.consolidation.normalise import normalise_catalog_item as item
    from haitao.consolidation.normalise import normalise_product as source

    index = CatalogIndex([item("K-S", "Kisa 铝框拉杆箱 20寸 银色", brand="Kisa"), item("K-B", "Kisa 铝框拉杆箱 20寸 金色", brand="Kisa"),
                          item("G-1", "Gino 红参液 10ml*10", brand="Gino")])
    assert index._with_stated_shade(source("s1", "Kisa 铝框拉杆箱 20寸 银", brand="Kisa")).variant == "silver"
    assert index._with_stated_shade(source("s2", "Gino 红参液 10ml*10", brand="Gino")).variant is None  # not red
    assert index._with_stated_shade(source("s3", "Kisa 铝框拉杆箱 20寸 银 金", brand="Kisa")).variant is None  # which?


def test_an_amount_stated_without_its_unit_is_the_one_amount_of_the_brand_it_can_be() -> None:
    from haitao.consolidation.match import CatalogIndex
    from haitao.consolidation.normalise import normalise_catalog_item as item
    from haitao.consolidation.normalise import normalise_product as source

    index = CatalogIndex([item("D-20", "Dagu 扩展登机箱 20寸 绿色", brand="Dagu"), item("D-24", "Dagu 扩展登机箱 24寸 绿色", brand="Dagu")])
    read = index._with_stated_amount(source("s1", "Dagu 扩展登机箱 20 绿色", brand="Dagu"))
    assert (read.content_value, read.content_unit) == (index.records[0].content_value, "cm") and "20" not in read.title
    assert index._with_stated_amount(source("s2", "Dagu 扩展登机箱 28 绿色", brand="Dagu")).content_value is None
    assert index.match(source("s3", "Dagu 扩展登机箱 24 绿色", brand="Dagu")).candidates[0].sku == "D-24"
