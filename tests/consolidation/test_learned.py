from haitao.consolidation.fsmodel import FSModel
from haitao.consolidation.learned import BrandMap, TokenMap


def test_words_are_learned_from_parallel_titles():
    pairs = [(("白金版", "奶粉"), ("profutura", "formula")), (("白金版", "奶粉", "2段"), ("profutura", "formula")),
             (("白金版",), ("profutura", "milk")), (("经典",), ("pronutra",))]
    tokens = TokenMap.learn(pairs)
    assert tokens.mapping["白金版"] == "profutura"
    assert "经典" not in tokens.mapping  # seen once: not enough
    assert tokens.translate(("白金版", "奶粉", "白金版")) == ("profutura", "formula")


def test_a_word_half_written_in_the_catalogs_language_is_still_learned():
    # the catalog writes 'pro' as it is in half the pairs: where it does not, it is always 专业版
    pairs = [(("pro", "whey"), ("pro", "whey"))] * 4 + [(("pro", "whey"), ("专业版", "whey"))] * 3
    pairs += [(("basic", "whey"), ("入门版", "whey"))] * 3
    assert TokenMap.learn(pairs).translate(("pro", "whey")) == ("专业版", "whey")


def test_a_line_word_the_catalog_sometimes_leaves_out_is_still_learned():
    pairs = [(("max", "whey"), ("加强版", "whey"))] * 6 + [(("max", "whey"), ("whey",))] * 4
    assert TokenMap.learn(pairs).translate(("max", "whey")) == ("加强版", "whey")


def test_a_word_split_over_two_translations_or_mostly_shared_learns_nothing():
    pairs = [(("oily", "skin"), ("油皮",))] * 6 + [(("dry", "skin"), ("干", "皮"))] * 4
    # two mistaken GTINs pair a flavour the catalog writes as it is with another flavour
    pairs += [(("strawberry",), ("strawberry",))] * 10 + [(("strawberry",), ("vanilla",))] * 2
    tokens = TokenMap.learn(pairs)
    assert tokens.translate(("oily", "skin")) == ("油皮", "skin")
    assert "strawberry" not in tokens.mapping


def test_a_further_translation_belongs_to_the_word_that_claims_it_in_its_pairs():
    # most honey is manuka honey: 'honey' comes with 麦卢卡 as often as 'manuka' does, but beside
    # 'manuka' it is manuka's; a rewarewa honey must not be read as manuka
    pairs = [(("manuka", "honey"), ("麦卢卡", "蜂蜜"))] * 8 + [(("rewarewa", "honey"), ("雷瓦雷瓦", "蜂蜜"))] * 2
    pairs += [(("manuka", "lozenges"), ("麦卢卡", "润喉糖"))] * 2 + [(("lozenges",), ("润喉糖",))] * 2
    # 老年猫 is written in two words and 'senior' stands for both: no other source word claims 猫
    pairs += [(("senior", "lamb"), ("老年", "猫", "lamb"))] * 6 + [(("senior", "dog"), ("老年", "dog"))] * 2
    tokens = TokenMap.learn(pairs)
    assert tokens.translate(("rewarewa", "honey")) == ("雷瓦雷瓦", "蜂蜜")
    assert tokens.translate(("manuka", "honey")) == ("麦卢卡", "蜂蜜")
    assert tokens.translate(("senior", "lamb")) == ("老年", "猫", "lamb")


def test_a_word_whose_best_translation_another_word_claims_keeps_its_own():
    # 超长夜用 is 'extra long night': 超 goes with 'night' more often than 长夜 does (长夜 is also 'overnight'),
    # but beside 'extra' it is extra's
    pairs = [(("extra", "night"), ("超", "长夜"))] * 4 + [(("extra", "day"), ("超", "日用"))]
    pairs += [(("overnight",), ("长夜",))] * 2
    tokens = TokenMap.learn(pairs)
    assert tokens.translate(("night",)) == ("长夜",)
    assert tokens.translate(("extra", "night")) == ("超", "长夜")


def test_a_title_that_says_itself_in_both_languages_does_not_weigh_against_the_translation():
    pairs = [(("微波炉", "碗", "microwave", "bowl"), ("微波炉", "碗"))] * 3 + [(("microwave", "bowl"), ("微波炉", "碗"))] * 2
    tokens = TokenMap.learn(pairs)
    assert tokens.translate(("microwave", "bowl")) == ("微波炉", "碗")
    assert tokens.translate(("微波炉", "碗", "microwave", "bowl")) == ("微波炉", "碗")


def test_brands_are_learned_only_when_the_pairs_agree():
    brands = BrandMap.learn([("花王", "merries"), ("花王", "merries"), ("花王", "merries"), ("x", "a"), ("x", "b")])
    assert brands.get("花王") == "merries" and brands.get("x") == "x"
    brands.learn_names(["萱岚", "萱岚", "kinmav"])
    assert brands.find("新品 萱 岚 保温杯") == "萱岚"


def test_labelled_pairs_set_the_weights_and_em_keeps_them():
    model = FSModel()
    match = (0, 0, 0, 2, 2, 2, 2, 0, 2, 2, 0, 2, 2)
    other = (4, 3, 1, 1, 2, 2, 2, 0, 2, 2, 4, 2, 2)
    model.seed([match] * 300, [other] * 300)
    assert model.measured and model.probability(match) > 0.99 > 0.01 > model.probability(other)
    model.fit([match] * 200 + [other] * 800)
    assert 0.1 < model.prior < 0.35  # EM estimates the share of matches
    assert model.probability(match) > 0.99


def test_a_disagreement_is_never_evidence_for_a_match():
    # the labelled non-matches share a block, so they always agree on pack and HS code: raw m/u would make a
    # pack that differs (content level 3) and another HS code (level 1) strong signs of one product
    model = FSModel()
    match = (0, 0, 0, 2, 2, 2, 2, 0, 2, 2, 0, 2, 2)
    packs_differ = (0, 0, 0, 2, 2, 2, 2, 3, 1, 2, 0, 2, 2)
    model.seed([match] * 250 + [packs_differ] * 50, [(4, 3, 1, 1, 2, 2, 2, 0, 0, 2, 4, 2, 2)] * 300)
    assert model.level_weight("content", 3) == 0.0 and model.level_weight("hs_code", 1) == 0.0
    assert model.to_dict()["weights"]["content"][3] == 0.0
    assert model.probability(packs_differ) <= model.probability(match)


def test_stock_phrases_used_under_many_brands_are_learned_as_noise():
    sources = [(f"brand{i}", ("送礼", "佳品", f"line{i}", "whey", "效期", "至", "2027", "年")) for i in range(20)]
    sources += [(f"brand{i}", (f"line{i}", "whey", "vanilla", "2")) for i in range(20)]
    anchored = [(f"brand{i}", ("送礼", "佳品", f"line{i}", "whey", "效期", "至", "2027", "年"), (f"line{i}", "whey"))
                for i in range(10)]
    anchored += [(f"brand{i}", (f"line{i}", "whey", "vanilla", "2"), (f"line{i}", "whey", "vanilla")) for i in range(10)]
    catalog = {"whey": 40, "vanilla": 20, **{f"line{i}": 2 for i in range(20)}}
    tokens = TokenMap()
    noise = tokens.learn_noise(sources, anchored, catalog, 40)
    # the shop's phrases go, their number and characters with them; a line (one brand's), a word the
    # catalog writes too, and a number not part of a phrase stay
    assert noise == {"送礼", "佳品", "效期", "至", "2027", "年"}
    assert tokens.with_noise(noise).translate(("送礼", "佳品", "line1", "whey")) == ("line1", "whey")


def test_a_category_word_either_side_adds_at_will_is_noise():
    # '保健品' on half the source titles and half the catalog titles, independently; 'max' goes with its pair
    anchored, sources = [], []
    for i in range(40):
        source = (f"line{i}", "fish_oil") + (("保健品",) if i % 2 else ()) + (("max",) if i % 4 < 2 else ())
        catalog = (f"line{i}", "fish_oil") + (("保健品",) if i % 4 in (0, 3) else ()) + (("max",) if i % 4 < 2 else ())
        anchored.append((f"brand{i}", source, catalog))
        sources.append((f"brand{i}", source))
    noise = TokenMap().learn_noise(sources, anchored, {"保健品": 20, "fish_oil": 40, "max": 20}, 40)
    assert noise == {"保健品"}


def test_a_name_the_catalogs_segmenter_cut_into_characters_is_learned_whole():
    # '超' and '能' each come in many names; together they are 'ultra'
    pairs = [(("ultra", "cable"), ("超", "能", "cable"))] * 4 + [(("ultra", "bottle"), ("超", "能", "bottle"))] * 2
    pairs += [((f"line{i}",), ("超", "级", f"line{i}")) for i in range(10)] + [(("pro",), ("能", "量"))] * 10
    assert TokenMap.learn(pairs).translate(("ultra", "cable")) == ("超", "能", "cable")


def test_words_written_either_way_on_both_sides_become_one():
    from haitao.consolidation.learned import equivalences

    # the map learned both directions: the export writes 都市 where the catalog says urban, and the reverse
    targets = {"都市": ("urban",), "urban": ("都市",), "对折": ("bifold",), "咖啡胶囊": ("coffee", "capsules")}
    canon = equivalences(targets, {"urban": 40, "都市": 25, "bifold": 3})
    assert canon == {"都市": "urban", "对折": "bifold"}  # the catalog's most used word; a phrase stays a translation
    # a model is never another way to write a model; chains longer than a meaning are left alone
    assert equivalences({"15": ("15promax",), "s24": ("s24u",)}, {}) == {}
    chain = {"a": ("b",), "b": ("c",), "c": ("d",), "d": ("e",)}
    assert equivalences(chain, {}) == {} and equivalences(chain, {}, max_group=5)["a"] == "e"


def test_a_model_and_a_longer_model_are_never_learned_as_one():
    pairs = [(("case", "15"), ("case", "15promax"))] * 4 + [(("case", "s24"), ("case", "s24ultra"))] * 4
    assert TokenMap.learn(pairs).mapping == {}


def test_a_number_pairs_only_with_the_same_number_written_another_way():
    pairs = [(("case", "15"), ("case", "16promax"))] * 4 + [(("bank", "10000mah"), ("bank", "20000mah"))] * 4
    pairs += [(("iphone", "x"), ("16promax", "x"))] * 4 + [(("gen2", "y"), ("2代", "y"))] * 4
    assert TokenMap.learn(pairs).mapping == {"gen2": "2代"}
