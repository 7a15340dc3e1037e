"""Brand keys of two catalogs grouped into brands (consolidation/brands.py), and traditional Chinese folded."""

from haitao.consolidation.brands import BrandDirectory, compact, names, pinyin, strip_names
from haitao.consolidation.match import CatalogIndex
from haitao.consolidation.normalise import default_normaliser
from haitao.consolidation.text import fold


def test_names_cut_a_key_by_script_and_drop_store_suffixes():
    assert names("欧珊玛-oceanma") == ("欧珊玛", "oceanma")
    assert names("kirkland-signature") == ("kirklandsignature",)
    assert names("coralron官方旗舰店") == ("coralron",)
    assert names("露米乐思海外专营店") == ("露米乐思",)
    assert names("奥斯泰克自营") == ("奥斯泰克",)
    assert names("floraron-official-store") == ("floraron",)
    assert names(None) == () and names("旗舰店") == ("旗舰店",)  # nothing but a suffix stays a name
    assert compact("ziwi-peak") == compact("ziwipeak") and compact("hill-s") == "hills"


def test_a_field_naming_both_scripts_links_them_and_every_spelling_meets():
    directory = BrandDirectory(["欧珊玛-oceanma", "oceanma", "ziwi-peak"], ["欧珊玛", "oceanma官方旗舰店", "ziwipeak"])
    assert directory.same("欧珊玛", "oceanma") and directory.same("oceanma官方旗舰店", "欧珊玛-oceanma")
    assert directory.same("ziwipeak", "ziwi-peak")
    assert set(directory.catalog_keys("欧珊玛")) == {"欧珊玛-oceanma", "oceanma"}
    assert directory.catalog_keys("ziwipeak") == ("ziwi-peak",)
    assert not directory.same("oceanma", "ziwi-peak")
    assert directory.catalog_keys("unknown") == ()


def test_a_maker_written_beside_several_brands_links_none_of_them():
    # 花王 beside Merries and beside Bioré: the data do not agree on one Latin name for it
    directory = BrandDirectory(["花王-merries", "花王-biore", "merries", "biore"], ["花王"])
    assert not directory.same("merries", "biore")
    assert not directory.same("花王", "merries")
    assert directory.catalog_keys("花王") == ()


def test_pinyin_of_a_chinese_name_is_that_name():
    assert pinyin("奥拉艾克斯") == "aolaaikesi" and pinyin("auraix") is None
    directory = BrandDirectory(["奥拉艾克斯-auraix"], ["aolaaikesi"])
    assert directory.same("aolaaikesi", "auraix")
    assert directory.catalog_keys("aolaaikesi") == ("奥拉艾克斯-auraix",)


def test_a_brand_named_only_in_a_title_is_found():
    directory = BrandDirectory(["欧珊玛-oceanma", "neovie"], [])
    assert directory.find("新版 neovie 轻 享 徒步 登山鞋") == "neovie"
    assert directory.find("欧 珊 玛 乳清 蛋白") == "欧珊玛-oceanma"  # the segmenter cut the name
    assert directory.find("neovies 登山鞋") is None  # a Latin name only as a whole word
    assert directory.find("无名 登山鞋") is None


def test_strip_names_takes_a_name_out_also_when_cut_into_pieces():
    assert strip_names(("欧", "珊", "玛", "乳清", "oceanma", "蛋白"), {"欧珊玛", "oceanma"}) == ("乳清", "蛋白")
    assert strip_names(("kirkland", "signature", "fish"), {"kirklandsignature"}) == ("fish",)
    assert strip_names(("欧", "珊", "乳清"), {"欧珊玛"}) == ("欧", "珊", "乳清")
    assert strip_names((), {"x"}) == () and strip_names(("a",), set()) == ("a",)


def test_traditional_chinese_folds_to_simplified():
    assert fold("沙丘維耶 幼犬糧") == "沙丘维耶 幼犬粮"
    assert fold("ＡＢＣ Crème") == "abc creme"
    normaliser = default_normaliser()
    assert normaliser.product("1", "花那維耶 日常幼犬糧 1kg").title == normaliser.product("2", "花那维耶 日常幼犬粮 1kg").title


def test_a_listing_under_another_spelling_of_the_brand_meets_its_sku():
    normaliser = default_normaliser()
    catalog = [normaliser.product("SKU-1", "欧珊玛 Oceanma 乳清蛋白粉 香草味 900g", brand="欧珊玛 Oceanma", sku="SKU-1"),
               normaliser.product("SKU-2", "Zestcare 乳清蛋白粉 香草味 900g", brand="Zestcare", sku="SKU-2")]
    index = CatalogIndex(catalog)
    for brand in ("Oceanma", "欧珊玛", "Oceanma官方旗舰店", None):
        source = normaliser.product("s", "oceanma 乳清蛋白粉 香草味 900g", brand=brand)
        index.learn([source])
        assert index.blocking_brands(source) == ("欧珊玛-oceanma",), brand
        decision = index.match(source)
        assert decision.decision == "matched" and decision.sku == "SKU-1", (brand, decision)


def test_a_first_word_names_the_longer_brand_it_begins_alone():
    directory = BrandDirectory(["optimum-nutrition", "kirkland-signature", "royal-canin"], ["optimum", "kirkland", "royal"])
    assert directory.same("optimum", "optimum-nutrition") and directory.same("kirkland", "kirkland-signature")
    directory = BrandDirectory(["royal-canin", "royal-copenhagen"], ["royal"])  # begins two: neither
    assert not directory.same("royal", "royal-canin") and not directory.same("royal", "royal-copenhagen")


def test_a_name_in_one_script_is_learned_from_the_other_brands_titles():
    titles = [("oakwave", "奥克维芙 环保 钙 维生素d"), ("oakwave", "奥克 维 芙 鱼油 1000mg"), ("oakwave", "oakwave 叶黄素"),
              ("nordia", "诺迪亚 鱼油")]
    directory = BrandDirectory(["oakwave", "nordia"], ["奥克维芙", "诺迪亚"], titles)
    assert directory.same("奥克维芙", "oakwave")
    assert not directory.same("诺迪亚", "nordia")  # one title is not enough
    # a name seen in the titles of two brands alike is no evidence for either
    titles = [("alpha", "奥克维芙 a"), ("alpha", "奥克维芙 b"), ("betaco", "奥克维芙 c"), ("betaco", "奥克维芙 d")]
    directory = BrandDirectory(["alpha", "betaco"], ["奥克维芙"], titles)
    assert not directory.same("奥克维芙", "alpha") and not directory.same("奥克维芙", "betaco")


def test_a_chinese_name_that_leads_a_latin_brands_titles_and_sounds_like_it_is_its_name():
    titles = [("vikeko", "维克 柯 三层 刀片 一次性 剃须刀"), ("vikeko", "维克 柯 替换 刀头 4"), ("vikeko", "维克 柯 剃须 泡沫"),
              ("bobobel", "无 痕 内裤 双"), ("bobobel", "无 痕 内裤 三 双"), ("bobobel", "无 痕 文胸")]
    directory = BrandDirectory(["vikeko", "bobobel"], ["vikeko"], titles)
    assert "维克柯" in directory.names_of("vikeko")  # not 维克柯三层: the name nearest the key's sound
    assert directory.find("维克柯 剃须刀 5 刀头") == "vikeko"  # a listing without a brand field finds it
    assert strip_names(("维克", "柯", "剃须", "泡沫"), directory.names_of("vikeko")) == ("剃须", "泡沫")
    assert not any("无" in name for name in directory.names_of("bobobel"))  # wuhen sounds nothing like bobobel
    # a name leading two brands' titles alike is neither's; one title is not enough
    shared = [("vikeko", "维克柯 a"), ("vikeko", "维克柯 b"), ("vikekon", "维克柯 c"), ("vikekon", "维克柯 d")]
    assert "维克柯" not in BrandDirectory(["vikeko", "vikekon"], [], shared).names_of("vikeko")
    assert "维克柯" not in BrandDirectory(["vikeko"], [], [("vikeko", "维克柯 a"), ("vikeko", "剃须刀")]).names_of("vikeko")


def test_a_name_leading_the_catalogs_titles_is_learned_whatever_the_exports_titles_under_the_key_say():
    catalog = [("patofer", "帕 托 菲尔 烘焙 脆 麦片"), ("patofer", "帕 托 菲尔 即食 燕麦片")]
    export = [("patofer", "baked crunchy oats"), ("patofer", "instant oats 1kg"), ("patofer", "烘焙 脆 麦片 箱")]
    assert "帕托菲尔" not in BrandDirectory(["patofer"], ["patofer"], catalog + export).names_of("patofer")
    directory = BrandDirectory(["patofer"], ["patofer"], catalog + export, catalog_titles=len(catalog))
    assert "帕托菲尔" in directory.names_of("patofer")


def test_a_chinese_name_written_in_pinyin_is_a_spelling_of_the_brand():
    directory = BrandDirectory(["达诺-dano", "米尼-minnie"], ["达诺"])
    assert "danuo" in directory.names_of("dano")
    assert strip_names(("danuo", "陶瓷", "卷发", "棒"), directory.names_of("dano")) == ("陶瓷", "卷发", "棒")
    assert "mini" not in directory.names_of("minnie")  # too short: 'mini' is a word


def test_a_side_that_names_both_keeps_a_first_word_and_its_longer_brand_apart():
    # the export sells 'line' and 'line-home' side by side: a look-alike shop brand, not 'line' shortened
    directory = BrandDirectory(["line", "senkaven"], ["line", "line-home", "senkaven-life", "senkaven"])
    assert not directory.same("line", "line-home") and not directory.same("senkaven", "senkaven-life")
    # nor when the catalog keeps both
    assert not BrandDirectory(["orvi", "orvi-life"], ["orvi-life"]).same("orvi", "orvi-life")


def test_a_brand_misspelt_in_a_few_listings_finds_the_catalogs_brand():
    catalog = ["samsung"] * 30 + ["velora"] * 10 + ["kakama"] * 5 + ["nokin", "tokin", "usmile"]
    source = ["samssung", "kakmaa", "samsung", "pokin", "usmile全球购"] + ["velona"] * 9
    directory = BrandDirectory(catalog, source)
    assert directory.misspelt_keys("samssung") == ("samsung",) and directory.misspelt_keys("kakmaa") == ("kakama",)
    # a slip finds the candidates but is no link: a look-alike brand is a slip away too
    assert not directory.same("samssung", "samsung")
    assert directory.misspelt_keys("velona") == ()  # sold in 9 listings: a brand of its own, not a slip
    assert directory.misspelt_keys("pokin") == ()  # one slip from two catalog brands
    assert directory.same("usmile全球购", "usmile")  # a store's suffix


def test_a_slip_a_look_alike_would_not_make_matches_without_an_operator():
    from haitao.consolidation.normalise import normalise_catalog_item as item
    from haitao.consolidation.normalise import normalise_product as product

    catalog = [item(f"S-{i}", f"卡卡玛 Kakama pro m8 存储卡 {gb}gb", brand="卡卡玛 Kakama") for i, gb in enumerate((32, 64, 128))]
    catalog += [item("H-1", "亨氏 Heinz 苹果香蕉泥 113g", brand="亨氏/Heinz"), item("H-2", "亨氏 Heinz 胡萝卜泥 113g", brand="亨氏/Heinz")]
    index = CatalogIndex(catalog)
    swapped = product("s1", "pro m8 存储卡 64gb", brand="Kakmaa")  # two letters swapped
    added = product("s2", "pro m8 存储卡 64gb", brand="Kakamma")  # one letter more: a look-alike could be so named
    named = product("s3", "卡卡玛 pro m8 存储卡 64gb", brand="Kakamma")  # ... but the title names the brand in Chinese
    lookalike = product("s4", "亨氏家 苹果香蕉泥 113g", brand="Heinzz")  # a name built on the brand's: 亨氏家
    index.learn([swapped, added, named, lookalike])
    assert not index._brand_misspelt(swapped, index.records[1])
    assert index._brand_misspelt(added, index.records[1])
    assert not index._brand_misspelt(named, index.records[1])
    assert index._brand_misspelt(lookalike, index.records[3])
