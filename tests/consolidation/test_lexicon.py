"""CC-CEDICT as prior knowledge of which title words mean the same (lexicon.py), and its use by the matcher."""

from haitao.consolidation import lexicon
from haitao.consolidation.lexicon import english_of, pairs
from haitao.consolidation.match import CatalogIndex
from haitao.consolidation.normalise import normalise_catalog_item as item
from haitao.consolidation.normalise import normalise_product as source


def test_the_dictionary_gives_one_word_glosses_of_chinese_words():
    assert "velvet" in english_of()["丝绒"] and "caramel" in english_of()["焦糖"]
    assert "黑" not in english_of()  # one character means too many things to pair on its own


def test_words_the_two_sides_use_are_paired_in_both_directions():
    assert pairs({"velvet", "leash"}, {"丝绒", "牵引绳"}) == {"velvet": "丝绒"}
    assert pairs({"焦糖", "chocolate"}, {"caramel", "chocolate"}) == {"焦糖": "caramel"}


def test_a_word_with_two_meanings_in_the_titles_is_left_to_the_data():
    # 奶油 is cream and butter: with both words in the titles it pairs with neither
    assert pairs({"奶油"}, {"cream", "butter"}) == {}
    assert pairs({"奶油"}, {"cream"}) == {"奶油": "cream"}
    # city is 城市 and 都市: two Chinese words for one English one
    assert pairs({"city"}, {"城市", "都市"}) == {}


def test_words_one_side_alone_uses_are_not_paired():
    assert pairs({"velvet", "丝绒"}, {"leash"}) == {}
    assert pairs(set(), {"velvet", "丝绒"}) == {}


def _leash_catalog():
    return CatalogIndex([item("VEL", "丝绒 宠物 牵引绳 150cm", brand="Vianze"),
                         item("NYL", "尼龙 宠物 牵引绳 150cm", brand="Vianze")])


def test_a_listing_in_english_meets_the_catalogs_chinese_line_word():
    catalog, listing = _leash_catalog(), source("s1", "Vianze velvet 宠物 牵引绳 150cm", brand="Vianze")
    assert catalog.learn([listing])["dictionary_words"] == 1
    decision = catalog.match(listing)
    assert (decision.decision, decision.sku) == ("matched", "VEL")


def test_without_the_dictionary_velvet_says_nothing_about_which_leash(monkeypatch):
    monkeypatch.setattr(lexicon, "pairs", lambda source_words, catalog_words: {})
    catalog, listing = _leash_catalog(), source("s1", "Vianze velvet 宠物 牵引绳 150cm", brand="Vianze")
    assert catalog.learn([listing])["dictionary_words"] == 0
    assert catalog.match(listing).decision != "matched"
