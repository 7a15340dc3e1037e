"""What one GTIN, and a name that sounds the same, may not make one brand of."""

from __future__ import annotations

from haitao.consolidation.brands import BrandDirectory
from haitao.consolidation.learned import BrandMap
from haitao.consolidation.match import brands_clearly_differ


def test_one_anchor_does_not_join_names_that_clearly_differ() -> None:
    pairs = [("lematox", "oha"), ("爱他美", "aptamil"), ("kaio", "kaio-home"), ("kaio", "kaio-home")]
    brands = BrandMap.learn(pairs, apart=brands_clearly_differ)
    assert brands.candidates("lematox") == ("lematox",)  # a copied GTIN: not a place to look
    assert "aptamil" in brands.candidates("爱他美")  # two scripts: one anchor may be a translation
    assert "kaio-home" in brands.candidates("kaio")
    assert "oha" in BrandMap.learn(pairs).candidates("lematox")  # without ``apart`` it was
    assert "oha" in BrandMap.learn(pairs * 2, apart=brands_clearly_differ).candidates("lematox")  # two anchors agree


def test_a_chinese_name_only_the_export_uses_that_sounds_like_a_catalog_name_is_misspelt_not_the_brand() -> None:
    directory = BrandDirectory(["欧丽薇兰"] * 5, ["欧莉薇兰"] * 3 + ["ouliweilan"] * 3 + ["欧丽薇兰"])
    assert not directory.same("欧莉薇兰", "欧丽薇兰")
    assert directory.misspelt_keys("欧莉薇兰") == ("欧丽薇兰",)
    assert directory.same("ouliweilan", "欧丽薇兰")  # the catalog's own name in pinyin still is the brand


def test_a_sound_alike_of_the_chinese_name_written_beside_a_catalog_brand_is_misspelt() -> None:
    directory = BrandDirectory(["stabilo"] * 5, ["思笔乐-stabilo"] * 4 + ["斯笔乐"] * 2 + ["sibile"] * 2)
    assert directory.same("思笔乐", "stabilo")
    assert not directory.same("斯笔乐", "stabilo")
    assert directory.misspelt_keys("斯笔乐") == ("stabilo",)
