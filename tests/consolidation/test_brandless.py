"""Listings that name no brand: a rare model code finds the brand; a copied GTIN teaches nothing."""

from __future__ import annotations

from haitao.consolidation.brand_lookup import model_code
from haitao.consolidation.match import CatalogIndex
from haitao.consolidation.normalise import normalise_catalog_item as item
from haitao.consolidation.normalise import normalise_product as source


def test_model_codes_are_model_and_set_numbers_not_amounts_or_short_numbers() -> None:
    assert all(model_code(t) for t in ("s105", "on322", "73223", "bhd930", "jnl-502"))
    assert not any(model_code(t) for t in ("500g", "12m", "spf50", "pa3", "12", "a7", "套装", "pro"))


def _catalog() -> CatalogIndex:
    return CatalogIndex([
        item("GHD-1", "ghd 陶瓷卷发棒 s105 英规 藏蓝", brand="ghd"),
        item("GHD-2", "ghd 陶瓷卷发棒 s207 英规 藏蓝", brand="ghd"),
        item("DYS-1", "Dyson 卷发棒 hs05 英规 藏蓝", brand="Dyson"),
        item("LEGO-1", "乐高 恐龙 积木 76960", brand="LEGO"),
        item("MEGA-1", "Mega 恐龙 积木 76960", brand="Mega"),
    ])


def test_a_listing_without_a_brand_is_looked_up_under_the_brand_its_model_code_names() -> None:
    index = _catalog()
    brandless = source("s1", "陶瓷卷发棒 s105 英规 藏蓝 单台装")
    assert index.blocking_brands(brandless) == ("ghd", None)
    assert index.match(brandless).candidates[0].sku == "GHD-1"


def test_a_code_two_brands_carry_or_a_named_brand_is_not_looked_up_by_code() -> None:
    index = _catalog()
    assert index.blocking_brands(source("s1", "恐龙 积木 76960")) == (None,)  # LEGO's and Mega's: no brand
    assert index.blocking_brands(source("s2", "卷发棒 s105", brand="Remington")) != ("ghd", None)


def test_a_brandless_listing_with_another_products_gtin_teaches_no_words() -> None:
    gtin = "4008976022343"
    index = CatalogIndex([item("K-1", "家乐氏 玉米片 限定版 700g", brand="Kellogg's", gtin=gtin),
                          item("N-1", "妮德海 sensitive 湿巾 80片", brand="Nedehai")])
    copied = source("s1", "品牌直供 sensitive 湿巾 限定版 80片", gtin=gtin)
    assert index._copied_code(copied, index.records[0])
    assert not index._copied_code(source("s2", "玉米片 限定版 700g", gtin=gtin), index.records[0])
    assert not index._copied_code(source("s3", "湿巾 限定版", brand="Kellogg's", gtin=gtin), index.records[0])


def test_an_export_brand_name_is_found_in_a_title_as_a_whole_word_and_glued_only_as_a_last_resort() -> None:
    from haitao.consolidation.learned import BrandMap

    brands = BrandMap()
    brands.learn_names(["ride", "ride", "kinkin", "kinkin", "乐扣乐扣", "乐扣乐扣"])
    assert brands.find("品牌 直供 ridena kids sunscreen", raw=True) is None  # 'ride' is not in 'ridena'
    assert brands.find("ride 骑行 头盔", raw=True) == "ride"
    assert brands.find("乐 扣 乐 扣 微波炉 碗", raw=True) == "乐扣乐扣"  # cut by the segmenter: found without spaces
    assert brands.find("kinkinshampoo 控油", raw=True) is None
    assert brands.find("kinkinshampoo 控油", raw=True, glued=True) == "kinkin"


def test_a_catalog_sku_without_a_brand_field_is_indexed_under_the_brand_its_title_names() -> None:
    index = CatalogIndex([item("OREL-1", "奥艾 Orel 修护唇膜 8g"), item("OREL-2", "Orel 润唇膏 4g", brand="Orel"),
                          item("X-1", "修护唇膜 8g")])
    listing = source("s1", "修护唇膜 8g 正品", brand="Orel")
    index.learn([listing])
    assert index.records[0].brand_key == "orel" and index.records[2].brand_key is None
    assert index.blocking_brands(listing) == ("orel",)
    assert index.match(listing).candidates[0].sku == "OREL-1"


def test_a_listing_naming_no_brand_is_found_across_brands_by_amount_and_title_but_only_for_review() -> None:
    index = CatalogIndex([item("UT-1", "Uncle Tobys 即食燕麦片 advanced 500g*2", brand="Uncle Tobys"),
                          item("UT-2", "Uncle Tobys 即食燕麦片 classic 500g*2", brand="Uncle Tobys"),
                          item("K-1", "家乐氏 玉米片 700g", brand="Kellogg's")])
    listing = source("s1", "即食燕麦片 advanced 500g*2 限时特惠")
    index.learn([listing])
    decision = index.match(listing)
    assert decision.decision == "review" and "no brand named" in decision.reasons
    assert decision.candidates[0].sku == "UT-1"
    assert index.match(source("s2", "即食燕麦片 advanced 400g")).candidates == []  # another amount: not searched
