"""The one analysis path of search (catalog.search.analysis and lexicon): what a title and a query
become. Pure: no database."""

import pytest

from haitao.catalog.search import analysis
from haitao.catalog.search.lexicon import build, pinyin_key

SEG = analysis.Segmenter(["爱他美", "白金版", "红葡萄酒", "纸尿裤", "面霜", "雅诗兰黛", "小棕瓶"])


def toks(text):
    return analysis.tokens(text, SEG)


@pytest.mark.parametrize("typed", ["800g", "800克", "0.8kg", "0.8 KG", "８００ｇ", "0.8公斤", "800 g"])
def test_weights_become_one_token(typed):
    assert toks(typed) == ["800g"]


@pytest.mark.parametrize("typed,token", [("50ml", "50ml"), ("50毫升", "50ml"), ("1L", "1000ml"), ("0.75l", "750ml"),
                                         ("1.5升", "1500ml"), ("4.8g", "4800mg"), ("1500mg", "1500mg"),
                                         ("120片", "120ct"), ("120 tablets", "120ct"), ("60粒", "60ct"),
                                         ("40mm", "40mm"), ("4cm", "40mm"), ("2000 IU", "2000iu")])
def test_units_are_normalised(typed, token):
    assert toks(typed) == [token]


@pytest.mark.parametrize("typed", ["3段", "三段", "stage 3", "Stage3", "STEP 3", "3 段", "３段"])
def test_stages_are_one_token(typed):
    assert toks(typed) == ["stage3"]


def test_pre_stage_and_sizes():
    assert toks("Pre段") == ["stagepre"]
    assert toks("纸尿裤 M 64片") == ["纸尿裤", "sizem", "64ct"]
    assert toks("m码") == toks("size M") == toks("M号") == ["sizem"]
    assert toks("XL") == ["sizexl"]
    assert toks("milk") == ["milk"]  # a word that starts with a size letter is a word


def test_width_case_and_accents_fold():
    assert toks("ＡＰＴＡＭＩＬ") == toks("aptamil") == toks("Aptamil")
    assert toks("Estée Lauder") == toks("estee lauder") == toks("ESTEE LAUDER")
    assert toks("Lancôme") == toks("lancome")
    assert toks("Kiehl's") == toks("kiehls")


def test_english_is_stemmed_and_stopwords_dropped():
    assert toks("diapers") == toks("diaper")
    assert toks("watches") == toks("watch")
    assert toks("cream for the face") == toks("face creams")[::-1]


def test_chinese_is_cut_with_the_product_dictionary():
    assert toks("爱他美白金版 3段 800g") == ["爱他美", "白金版", "stage3", "800g"]
    assert toks("雅诗兰黛面霜") == ["雅诗兰黛", "面霜"]
    doc = analysis.document_tokens("奔富 赤霞珠设拉子红葡萄酒", SEG)
    assert {"红葡萄酒", "葡萄酒"} <= set(doc)  # a document carries the words inside its words


def test_unknown_characters_stay_together_in_a_query():
    assert toks("爱她美") == ["爱她美"]
    assert analysis.bigrams("爱他美白金") == ["cjk2爱他", "cjk2他美", "cjk2美白", "cjk2白金"]


def test_tokens_are_plain_letters_and_digits():
    for token in toks("SK-II 神仙水 'quoted' & | ! ( ) \" * : 230ml"):
        assert token.isalnum(), token


def test_trigram_similarity_as_pg_trgm():
    assert analysis.similarity("aptamil", "aptamil") == 1.0
    assert analysis.similarity("aptemil", "aptamil") > 0.4
    assert analysis.similarity("wine", "aptamil") < 0.1


def test_pinyin_of_brand_names():
    assert pinyin_key("爱他美") == "aitamei"
    assert pinyin_key("Aptamil") == ""


def test_lexicon_expands_synonyms_brands_and_pinyin_both_ways():
    lexicon = build(synonyms=[("red-wine", "红酒"), ("red-wine", "红葡萄酒"), ("red-wine", "red wine"),
                              ("formula", "奶粉"), ("formula", "milk powder")],
                    categories=[("奶粉", "Infant formula")], brands=[("Aptamil", "爱他美")],
                    titles=[("爱他美白金版 1段 800g", "爱他美")])
    assert ("红葡萄酒",) in lexicon.expansions[("红酒",)]
    assert ("红酒",) in lexicon.expansions[("红葡萄酒",)]
    assert ("red", "wine") in lexicon.expansions[("红酒",)]
    assert ("奶粉",) in lexicon.expansions[("milk", "powder")]
    assert ("爱他美",) in lexicon.expansions[("aitamei",)] and ("aptamil",) in lexicon.expansions[("爱他美",)]
    assert lexicon.pinyin["aitamei"] == ("爱他美",)
    assert "白金版" in lexicon.segmenter.words  # a product line from the titles
    assert lexicon.surface["aptamil"] == "Aptamil"
