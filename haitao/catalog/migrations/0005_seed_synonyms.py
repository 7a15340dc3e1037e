"""A default synonym table: what buyers type (红酒, 尿不湿, 手表, milk powder, face cream…) next to the
words titles and categories use, in both languages, and goods brands' other spellings. Operators
extend or change it in the admin; this only adds rows that are missing and removes only its own."""

from django.db import migrations

TERMS = {
    "red-wine": "红酒|红葡萄酒|干红|干红葡萄酒|red wine",
    "white-wine": "白葡萄酒|干白|white wine",
    "wine": "葡萄酒|wine",
    "whisky": "威士忌|whisky|whiskey",
    "beer": "啤酒|beer",
    "diapers": "纸尿裤|尿不湿|尿片|diapers|nappies",
    "pull-ups": "拉拉裤|pull-ups|pants",
    "newborn": "初生|新生儿|newborn",
    "watch": "腕表|手表|表|watch|wristwatch",
    "automatic": "自动机械表|机械表|自动机械|automatic",
    "quartz": "石英表|石英|quartz",
    "diver": "潜水表|diver",
    "formula": "奶粉|配方奶粉|婴儿奶粉|婴幼儿配方奶粉|milk powder|infant formula|formula",
    "goat-formula": "羊奶粉|goat milk formula",
    "face-cream": "面霜|乳霜|face cream|cream|moisturizer|moisturiser",
    "eye-cream": "眼霜|眼部精华霜|eye cream",
    "serum": "精华|精华液|精华露|serum",
    "toner": "爽肤水|化妆水|柔肤水|亮肤水|亮采水|精萃水|粉水|toner",
    "lotion": "乳液|lotion|emulsion",
    "cleanser": "洗面奶|洁面|洁面乳|cleanser",
    "mask": "面膜|mask",
    "sunscreen": "防晒|防晒霜|sunscreen|sunblock",
    "foundation": "粉底|粉底液|foundation",
    "powder": "蜜粉|蜜粉饼|散粉|粉饼|setting powder|pressed powder",
    "blush": "腮红|blush",
    "lipstick": "口红|唇膏|lipstick",
    "perfume": "香水|perfume|fragrance|eau de parfum",
    "cologne": "古龙水|cologne",
    "edt": "淡香水|eau de toilette|edt",
    "fish-oil": "鱼油|深海鱼油|fish oil|omega-3",
    "multivitamin": "复合维生素|多种维生素|多维|multivitamin",
    "vitamin-c": "维生素c|vc|vitamin c",
    "vitamin-d": "维生素d|vitamin d",
    "calcium": "钙|钙片|补钙|calcium",
    "coq10": "辅酶q10|coq10|coq-10",
    "probiotic": "益生菌|probiotic|probiotics",
    "grape-seed": "葡萄籽|grape seed",
    "glucosamine": "氨糖|glucosamine",
    "supplements": "保健品|营养品|supplements|vitamins",
    "handbag": "手提包|handbag",
    "tote": "托特包|tote",
    "shoulder-bag": "单肩包|shoulder bag",
    "crossbody": "斜挎包|crossbody",
    "briefcase": "公文包|briefcase",
    "bag": "包|包包|箱包|bag|bags",
    "leather": "牛皮|真皮|leather",
    "cabernet": "赤霞珠|cabernet",
    "shiraz": "设拉子|西拉|shiraz|syrah",
    "pinot-noir": "黑皮诺|pinot noir",
    "sauvignon-blanc": "长相思|sauvignon blanc",
    "platinum": "白金版|白金|platinum|profutura",
    "gold-edition": "金装|gold",
    "organic": "有机|organic",
    "kids": "儿童|宝宝|kids|children",
    "mens": "男士|男款|men",
    "womens": "女士|女款|women|ladies",
    "pregnancy": "孕妇|孕期|pregnancy",
    "gift-set": "礼盒|套装|gift set",
    "germany": "德国|德版|germany|german",
    "australia": "澳洲|澳大利亚|澳版|australia|australian",
    "japan": "日本|日版|japan|japanese",
    "france": "法国|法版|france|french",
    "new-zealand": "新西兰|new zealand",
    "switzerland": "瑞士|swiss|switzerland",
    "korea": "韩国|韩版|korea|korean",
    "usa": "美国|美版|usa|american",
}
# Phrases are separated by "|".
BRANDS = {
    "sk-ii": "SK-II|SKII|SK2|SK II|神仙水",
    "estee-lauder": "Estée Lauder|Estee Lauder|EsteeLauder|雅诗兰黛",
    "la-mer": "La Mer|LaMer|海蓝之谜",
    "kiehls": "Kiehl's|Kiehls|科颜氏",
    "michael-kors": "Michael Kors|MK|迈克高仕",
    "cle-de-peau": "Clé de Peau Beauté|CPB|肌肤之钥",
    "ysl": "Yves Saint Laurent|YSL|圣罗兰",
    "goon": "GOO.N|Goon|大王",
    "bellamys": "Bellamy's|Bellamys|贝拉米",
    "a2": "a2|a2牌|a2 milk",
    "jo-malone": "Jo Malone London|Jo Malone|祖玛珑",
    "la-roche-posay": "La Roche-Posay|理肤泉",
    "the-history-of-whoo": "The History of Whoo|Whoo|后",
}


def rows():
    return [(group, phrase, kind) for table, kind in ((TERMS, "term"), (BRANDS, "brand"))
            for group, text in table.items() for phrase in text.split("|")]


def seed(apps, schema_editor):
    Synonym = apps.get_model("catalog", "Synonym")
    existing = set(Synonym.objects.values_list("group", "phrase"))
    Synonym.objects.bulk_create([Synonym(group=g, phrase=p, kind=k) for g, p, k in rows() if (g, p) not in existing])


def unseed(apps, schema_editor):
    Synonym = apps.get_model("catalog", "Synonym")
    for group, phrase, _ in rows():
        Synonym.objects.filter(group=group, phrase=phrase).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_search_engine_structures")]

    operations = [migrations.RunPython(seed, unseed)]
