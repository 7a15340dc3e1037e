from decimal import Decimal

import pytest

from haitao.consolidation.conflicts import Conflict, conflicts
from haitao.consolidation.match import CatalogIndex, match_products, title_score
from haitao.consolidation.normalise import normalise_catalog_item as item
from haitao.consolidation.normalise import normalise_product as source

GTIN_APTAMIL_3 = "4008976022343"
GTIN_OTHER = "4008976022336"  # another valid EAN-13


@pytest.fixture
def catalog():
    return CatalogIndex([
        item("APT-3-800", "Aptamil Platinum Infant Formula Stage 3 800g", brand="Aptamil", gtin=GTIN_APTAMIL_3,
             hs_code="1901101000", origin="DE", vat_rate=Decimal("0.13"), consumption_tax_rate=Decimal("0")),
        item("APT-2-800", "爱他美 白金版 奶粉 2段 800g", brand="爱他美"),
        item("APT-3-400", "Aptamil Platinum Formula Stage 3 400g", brand="Aptamil"),
        item("APT-3-800x2", "Aptamil Platinum Formula Stage 3 800g*2", brand="Aptamil"),
        item("EL-ANR-50", "Estee Lauder Advanced Night Repair Serum 50ml", brand="Estee Lauder", gtin=GTIN_OTHER),
        item("PAMP-M-64", "Pampers 一级帮 纸尿裤 M码 64片", brand="Pampers"),
        item("YSL-01", "YSL 圣罗兰 口红 #01 3.5g", brand="YSL"),
    ])


def decide(catalog, title, **fields):
    return catalog.match(source("s1", title, **fields))


def test_exact_gtin_same_brand_matches(catalog):
    d = decide(catalog, "爱他美 奶粉 3段 800g", gtin=GTIN_APTAMIL_3)
    assert (d.decision, d.sku, d.score, d.reasons) == ("matched", "APT-3-800", 1.0, ["gtin"])


def test_gtin_with_another_brand_goes_to_review(catalog):
    d = decide(catalog, "兰蔻 精华 50ml", gtin=GTIN_APTAMIL_3)
    assert d.decision == "review" and d.sku is None
    assert "brand differs" in d.reasons
    assert d.candidates[0].sku == "APT-3-800"


def test_an_equal_gtin_wins_over_parsed_attributes_which_go_to_the_conflict_report(catalog):
    d = decide(catalog, "爱他美 白金版 奶粉 2段 800g", gtin=GTIN_APTAMIL_3)  # the title says 2段, the GTIN 3段
    assert (d.decision, d.sku) == ("matched", "APT-3-800")
    assert "conflict: stage differs" in d.reasons
    found = conflicts(source("s", "爱他美 白金版 奶粉 2段 800g", gtin=GTIN_APTAMIL_3), catalog.records[0])
    assert Conflict("stage", "3", "2") in found


def test_gtin_in_upc_a_ean_13_and_gtin_14_forms_is_one_gtin():
    index = CatalogIndex([item("COKE", "Coca-Cola 330ml", brand="Coca-Cola", gtin="049000028911")])  # UPC-A
    for written in ("0049000028911", "00049000028911", "0 49000 02891 1"):
        d = index.match(source("s", "可口可乐 330ml", brand="Coca-Cola", gtin=written))
        assert (d.decision, d.sku) == ("matched", "COKE")


def test_different_valid_gtins_under_one_brand_weigh_against_a_match():
    index = CatalogIndex([item("A", "Swisse 鱼油 200粒", brand="Swisse", gtin=GTIN_OTHER)])
    same = index.match(source("s", "Swisse 鱼油 200粒", brand="Swisse"))
    other = index.match(source("s", "Swisse 鱼油 200粒", brand="Swisse", gtin=GTIN_APTAMIL_3))
    assert other.score < same.score and "gtin differs" in other.reasons


def test_sku_created_from_the_same_export_matches_only_on_an_equal_gtin():
    index = CatalogIndex([])
    first = source("k1", "花王妙而舒 Merries 拉拉裤 M码 48片", brand="Merries", gtin=GTIN_OTHER)
    index.add(first.__class__(**{**first.__dict__, "sku": "K1"}), same_export=True)
    pack = index.match(source("k2", "花王妙而舒 Merries 拉拉裤 M码 48片 2件套", brand="Merries", gtin=GTIN_APTAMIL_3))
    assert pack.decision == "created"
    twin = index.match(source("k3", "Merries 拉拉裤 M 48片", brand="Merries"))
    assert twin.decision == "created"  # same title, no GTIN: still its own product in a first import
    dup = index.match(source("k4", "妙而舒 拉拉裤 48片", brand="Merries", gtin=GTIN_OTHER))
    assert (dup.decision, dup.sku, dup.reasons) == ("matched", "K1", ["gtin", "in-export duplicate"])


def test_fuzzy_match_across_languages(catalog):
    d = decide(catalog, "【保税直发】德国爱他美白金版婴儿配方奶粉 三段 0.8kg 官方正品")
    assert (d.decision, d.sku) == ("matched", "APT-3-800")
    assert d.score >= 0.9 and d.reasons[0] == "title"


def test_cross_language_brand_and_title(catalog):
    d = decide(catalog, "雅诗兰黛 advanced night repair 精华 50毫升 海外直邮")
    assert (d.decision, d.sku) == ("matched", "EL-ANR-50")


@pytest.mark.parametrize("title", [
    "爱他美 白金版 奶粉 1段 800g",  # another stage: not in the catalog
    "爱他美 白金版 奶粉 3段 900g",  # another content
    "爱他美 白金版 奶粉 3段 800g*3",  # another pack count
    "帮宝适 一级帮 纸尿裤 L码 64片",  # another size
    "圣罗兰 口红 #02 3.5g",  # another shade
])
def test_hard_negatives_are_never_matched(catalog, title):
    d = decide(catalog, title)
    assert d.decision == "created"
    assert d.sku is None


def test_stage_3_800g_is_not_stage_2_nor_400g(catalog):
    assert decide(catalog, "爱他美 白金版 奶粉 2段 800g").sku == "APT-2-800"
    assert decide(catalog, "爱他美 白金版 奶粉 3段 400g").sku == "APT-3-400"
    assert decide(catalog, "爱他美 白金版 奶粉 3段 800g*2").sku == "APT-3-800x2"


def test_tie_goes_to_review():
    index = CatalogIndex([
        item("A", "Swisse 鱼油 200粒", brand="Swisse"),
        item("B", "Swisse fish oil 200 capsules", brand="Swisse"),
    ])
    d = index.match(source("s", "斯维诗 深海鱼油 200粒"))
    assert d.decision == "review"
    assert "tie" in d.reasons
    assert {c.sku for c in d.candidates} == {"A", "B"}


def test_an_extra_product_line_word_is_another_product(catalog):
    d = decide(catalog, "爱他美 白金版 有机 奶粉 3段 400g")  # 有机 (organic): another line
    assert d.decision != "matched"
    assert d.score < 0.99


def test_colour_variants_of_one_line_never_match_each_other():
    index = CatalogIndex([item("B", "Thermos 保温杯 500ml 黑色", brand="Thermos"),
                          item("W", "Thermos 保温杯 500ml white", brand="Thermos")])
    assert index.match(source("s", "Thermos 保温杯 500ml 白色", brand="Thermos")).sku == "W"
    red = index.match(source("s", "Thermos vacuum 保温杯 500ml 红色", brand="Thermos"))
    assert red.decision == "created" and red.candidates == []


def test_one_sided_attribute_is_only_review():
    index = CatalogIndex([item("W", "Coach 斜挎包 F1234 黑色", brand="Coach")])
    d = index.match(source("s", "蔻驰 F1234 斜挎包"))
    assert d.decision == "review"
    assert "variant only on one side" in d.reasons


def test_no_candidate_is_created(catalog):
    d = decide(catalog, "浪琴 手表 L2.628")
    assert d.decision == "created" and d.candidates == []


def test_catalog_records_may_be_plain_mappings():
    record = {"sku": "X1", "brand_key": "aptamil", "title": "profutura formula", "content_value": Decimal("800"),
              "content_unit": "g", "pack_count": 1, "stage": "3"}
    [d] = match_products([source("s", "爱他美 白金 奶粉 3段 800g")], [record])
    assert (d.decision, d.sku) == ("matched", "X1")


def test_decision_to_dict_has_the_report_shape(catalog):
    d = decide(catalog, "爱他美 奶粉 3段 800g", gtin=GTIN_APTAMIL_3).to_dict()
    assert d == {"source_id": "s1", "decision": "matched", "sku": "APT-3-800", "score": 1.0, "reasons": ["gtin"]}


def test_title_score_penalises_a_subset_title():
    assert title_score("probiotic adult", "adult probiotic") == pytest.approx(1.0, abs=0.01)
    assert title_score("probiotic adult", "adult gold probiotic") < 0.9


def test_conflicts(catalog):
    record = catalog.records[0]
    found = conflicts(source("s", "t", hs_code="3304100000", origin="AU", vat_rate=Decimal("0.130"),
                             consumption_tax_rate=Decimal("0.15")), record)
    assert found == [
        Conflict("hs_code", "1901101000", "3304100000"),
        Conflict("origin_country", "DE", "AU"),
        Conflict("consumption_tax_rate", "0", "0.15"),
    ]


def test_no_conflict_when_a_side_is_missing_or_8_digit_prefix_agrees(catalog):
    record = catalog.records[0]
    assert conflicts(source("s", "t", hs_code="19011010"), record) == []
    assert conflicts(source("s", "t"), record) == []
    assert conflicts({"origin_country": "de"}, record) == []


def test_a_title_without_an_amount_finds_the_sized_sku_but_does_not_merge_into_it(catalog):
    # which of the line's sizes it is, no title says: an operator does, rather than a duplicate SKU
    d = decide(catalog, "Estee Lauder Advanced Night Repair Serum", brand="Estee Lauder")
    assert d.decision == "review" and d.candidates[0].sku == "EL-ANR-50"


def test_amounts_equal_up_to_a_conversions_rounding_meet_in_one_block():
    index = CatalogIndex([item("ON-6LB", "Optimum Nutrition Serious Mass Vanilla 2722g", brand="Optimum Nutrition")])
    d = index.match(source("s1", "Optimum Nutrition Serious Mass Vanilla 2720g", brand="Optimum Nutrition"))
    assert d.candidates and d.candidates[0].sku == "ON-6LB"


def test_a_measure_the_titles_state_differently_holds_a_match_back():
    from haitao.consolidation.match import measures_differ

    assert measures_differ("pd charger 30w", "pd charger 65w") and measures_differ("cable 0.3m", "cable 1m 2m")
    assert not measures_differ("cable 1m", "cable 1m black") and not measures_differ("charger 30w", "charger")


def test_a_candidate_stating_another_measure_is_no_rival_to_one_stating_the_sources():
    from haitao.consolidation.match import measures_agree

    assert measures_agree("pd charger 20w", "gold pd charger 20w") and not measures_agree("charger 20w", "charger")
    index = CatalogIndex([item("C20", "Anker PD 快充 充电器 20W", brand="Anker"),
                          item("C65", "Anker PD 快充 充电器 65W", brand="Anker")])
    s = source("s1", "Anker PD 快充 充电器 20W", brand="Anker")
    scored = index._scored(s)
    best = next(c for c in scored if index.records[c[2]].sku == "C20")
    assert [index.records[c[2]].sku for c in index._others(s, best[2], scored)] == ["C20"]


def test_a_title_repeating_its_line_in_two_languages_compares_each_word_once():
    index = CatalogIndex([item("EL-1", "Estee Lauder 特润 修护 精华 Advanced Night Repair 精华 50ml", brand="Estee Lauder")])
    record = index.records[0]
    compared = index._catalog_title(record).split()
    assert len(compared) == len(set(compared)) and set(compared) == set(record.title_tokens)
    query = index._query(source("s1", "Estee Lauder serum serum 50ml", brand="Estee Lauder"))
    assert query.split().count("serum") == 1


def test_words_that_tell_siblings_apart_are_learned_from_the_catalog():
    from haitao.consolidation.match import alternative_words, alternatives

    groups = [["indoor cat_food beef", "indoor cat_food lamb", "indoor cat_food"],
              ["puppy dog_food beef", "puppy dog_food lamb"], ["whey vanilla", "whey isolate chocolate"]]
    pairs = alternatives(groups)
    assert pairs == {frozenset(("beef", "lamb"))}  # seen in two groups; a title with a word more is no sibling pair
    assert alternative_words(pairs, "kitten cat_food beef", "kitten cat_food lamb")
    assert not alternative_words(pairs, "kitten cat_food beef lamb", "kitten cat_food lamb")


def test_a_number_and_its_unit_written_apart_are_one_measure():
    from haitao.consolidation.pairs import joined_measures

    assert joined_measures(("充电宝", "20000", "毫安")) == ("充电宝", "20000mah")
    assert joined_measures(("charger", "20", "瓦")) == ("charger", "20w")
    assert joined_measures(("cable", "2", "米", "black")) == ("cable", "2m", "black")
    assert joined_measures(("充电宝", "20000毫安")) == ("充电宝", "20000mah")
    assert joined_measures(("米", "2", "rice")) == ("米", "2", "rice")  # a unit word needs a number before it


def test_latin_words_written_without_a_space_split_into_the_catalogs_words():
    from haitao.consolidation.pairs import split_glued

    known = {"pro", "whey", "isolate", "strawberry", "morsy"}.__contains__
    assert split_glued(("prowhey", "isolatestrawberry"), known) == ("pro", "whey", "isolate", "strawberry")
    assert split_glued(("tanbramorsy", "pro"), known, ("tanbra",)) == ("morsy", "pro")  # the brand glued to its line
    assert split_glued(("sylum", "proteinx"), known) == ("sylum", "proteinx")  # no split into known words: as it is
