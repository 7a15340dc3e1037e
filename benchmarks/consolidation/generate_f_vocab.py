"""Generator f vocabulary: the categories, their generic lines (for invented brands), colours, words, syllables.

Axis mini-language of a line: ``axis:v1,v2|axis:v1,v2``; ``a:...~b:...`` zips two axes (a model code per size).
Axes: ml, g, kg, L, lb (weights/volumes), cm, inch, pct (cocoa %), x (pack multiplier), n<counter> (count with
its counter word: n支, n粒, n节 ...), col (colour), sh (shade code), t (text option ``中文=English``), mdl (model
code), mah, side (单边/双边), sock (lamp socket), w (watts), k (colour temperature).
"""

from __future__ import annotations

# category: (hs_code, Chinese nouns (house noun first), English noun, VAT-ish rate, generic lines for invented brands)
CATEGORIES: dict[str, tuple[str, tuple[str, ...], str, str, tuple[tuple[str, str, str], ...]]] = {
    "birdsnest": ("2106909090", ("即食燕窝", "燕窝", "燕窝饮品"), "Bird's Nest", "0.13", (
        ("冰糖即食燕窝", "Rock Sugar Bird's Nest", "ml:42,70,150|x:6,12"),
        ("干燕盏", "Dried Nest Cups", "t:燕盏=Cup,燕条=Strip,燕碎=Broken|g:50,100,250"),
        ("鸡精", "Essence of Chicken", "ml:42,68|x:6,12,30"),
        ("胶原燕窝饮", "Collagen Nest Drink", "ml:75,150|x:6,8"),
    )),
    "ginseng": ("1211209100", ("人参", "红参", "西洋参"), "Ginseng", "0.13", (
        ("六年根红参精", "6-Year Red Ginseng Extract", "g:30,100,240"),
        ("红参液", "Red Ginseng Tonic", "ml:10,15|x:10,30"),
        ("西洋参切片", "American Ginseng Slices", "t:短支=Short,中支=Medium,长支=Long|g:113,227"),
        ("红参片", "Red Ginseng Slices", "g:20,50|x:1,3"),
    )),
    "chocolate": ("1806320000", ("巧克力", "黑巧克力", "巧克力礼盒"), "Chocolate", "0.13", (
        ("黑巧克力排块", "Dark Chocolate Bar", "pct:55,70,85,99|g:80,100"),
        ("夹心巧克力球", "Filled Chocolate Balls", "t:牛奶=Milk,黑巧=Dark,榛子=Hazelnut,白巧=White|g:200,600"),
        ("生巧克力", "Nama Chocolate", "t:原味=Original,抹茶=Matcha,香槟=Champagne,苦甜=Bitter|n粒:20"),
        ("榛果威化巧克力", "Hazelnut Wafer Chocolate", "n粒:3,16,24,30"),
    )),
    "noodles": ("1902303000", ("方便面", "拉面", "杯面"), "Instant Noodles", "0.13", (
        ("辣味拉面", "Spicy Ramyun", "g:120,140|x:5,20"),
        ("火鸡炒面", "Hot Chicken Stir Noodles", "t:原味=Original,2倍辣=2x Spicy,芝士=Cheese,奶油=Carbonara|x:5"),
        ("海鲜杯面", "Seafood Cup Noodle", "g:68,75|x:6,12"),
        ("麻油味汤面", "Sesame Oil Noodles", "g:100|x:5,30"),
    )),
    "sauce": ("2103909000", ("咖喱块", "酱油", "调味酱"), "Sauce", "0.13", (
        ("苹果蜂蜜咖喱块", "Apple Honey Curry Roux", "t:甘口=Mild,中辛=Medium Hot,辛口=Hot|g:115,230"),
        ("特级酿造酱油", "Premium Soy Sauce", "t:标准=Regular,减盐=Less Salt|ml:500,1000"),
        ("蛋黄沙拉酱", "Egg Yolk Mayonnaise", "g:300,450,1000"),
        ("焙煎芝麻酱", "Roasted Sesame Dressing", "ml:180,380,1000"),
    )),
    "collagen": ("2202999900", ("胶原蛋白饮", "胶原蛋白口服液", "胶原蛋白粉"), "Collagen Drink", "0.13", (
        ("胶原蛋白口服液", "Collagen Drink", "ml:30,50|n支:10,30"),
        ("胶原蛋白肽粉", "Collagen Peptide Powder", "t:标准=Standard,高级=Premium|g:196,214"),
        ("玻尿酸胶原饮", "Hyaluronic Collagen Drink", "ml:50|n支:8,10"),
    )),
    "hairdye": ("3305900000", ("染发剂", "染发膏", "泡沫染发剂"), "Hair Colour", "0.13", (
        ("泡沫染发剂", "Bubble Hair Colour", "sh:3,4,5,6,7"),
        ("植物染发膏", "Herbal Hair Colour Cream", "sh:4N,5N,6N,7N,5G,6G"),
        ("遮白发染发霜", "Grey Coverage Cream", "sh:4/0,5/0,6/0,7/0,5/1,6/1"),
    )),
    "nailpolish": ("3304300000", ("指甲油", "甲油", "美甲指甲油"), "Nail Polish", "0.13", (
        ("快干指甲油", "Quick Dry Nail Colour", "sh:A01,A02,A05,B11,B14,C23"),
        ("持久亮泽甲油", "Long Wear Nail Lacquer", "sh:101,105,112,208,215|ml:8,15"),
        ("可剥指甲油", "Peel Off Nail Colour", "sh:P01,P03,P07,P12"),
    )),
    "oral": ("3306900000", ("漱口水", "牙线", "牙线棒"), "Oral Care", "0.13", (
        ("清新漱口水", "Fresh Mouthwash", "t:薄荷=Mint,无酒精=Alcohol Free,绿茶=Green Tea|ml:250,500,1000"),
        ("扁线牙线", "Flat Dental Floss", "t:薄荷=Mint,无味=Unflavoured|n卷:1,3"),
        ("牙线棒", "Floss Picks", "t:Y型=Y-Type,F型=F-Type|n支:50,100"),
    )),
    "handlip": ("3304990099", ("护手霜", "润唇膏", "唇膏"), "Hand Cream", "0.13", (
        ("乳木果护手霜", "Shea Hand Cream", "t:原味=Original,玫瑰=Rose,樱花=Cherry Blossom|ml:30,75,150"),
        ("保湿润唇膏", "Moisturising Lip Balm", "t:无香=Unscented,薄荷=Mint,蜂蜜=Honey|g:4,4.5"),
        ("修护唇膜", "Lip Repair Mask", "g:8,15"),
    )),
    "catlitter": ("3824999999", ("猫砂", "豆腐猫砂", "膨润土猫砂"), "Cat Litter", "0.13", (
        ("无尘膨润土猫砂", "Dust Free Clumping Litter", "t:无香=Unscented,薰衣草=Lavender,活性炭=Charcoal|kg:6,10"),
        ("豆腐猫砂", "Tofu Cat Litter", "t:原味=Original,绿茶=Green Tea,水蜜桃=Peach|L:6,7,17.5"),
        ("松木猫砂", "Pine Wood Litter", "L:10,20,40"),
    )),
    "flask": ("9617001100", ("保温杯", "保温瓶", "焖烧杯"), "Vacuum Flask", "0.13", (
        ("不锈钢真空保温杯", "Stainless Vacuum Mug", "ml:350,480,600|col:黑,白,粉,藏青"),
        ("儿童吸管保温杯", "Kids Straw Bottle", "ml:300,400|col:蓝,粉,黄"),
        ("焖烧罐", "Food Jar", "ml:300,500,720|col:米白,红,灰"),
    )),
    "luggage": ("4202129000", ("拉杆箱", "行李箱", "登机箱"), "Luggage", "0.13", (
        ("铝框拉杆箱", "Aluminium Frame Trolley", "inch:20,24,28|col:银,黑,灰"),
        ("PC万向轮行李箱", "Spinner Suitcase", "inch:20,25,29|col:黑,藏青,酒红,白"),
        ("扩展登机箱", "Expandable Carry-On", "inch:18,20|col:黑,绿"),
    )),
    "babygear": ("9401800000", ("安全座椅", "婴儿推车", "儿童座椅"), "Baby Gear", "0.13", (
        ("ISOFIX儿童安全座椅", "ISOFIX Car Seat", "t:0-4岁=0-4y,9个月-12岁=9m-12y,3-12岁=3-12y|col:黑,灰"),
        ("轻便折叠婴儿车", "Compact Stroller", "col:黑,灰,米,蓝"),
        ("高景观双向推车", "High View Pram", "col:黑,卡其,灰"),
    )),
    "breastpump": ("8509809000", ("吸奶器", "电动吸奶器", "吸乳器"), "Breast Pump", "0.13", (
        ("电动吸奶器", "Electric Breast Pump", "side:单边,双边"),
        ("穿戴式吸奶器", "Wearable Breast Pump", "side:单边,双边|col:白,粉"),
        ("手动吸奶器", "Manual Breast Pump", "t:标准=Standard,含储奶瓶=With Bottles"),
    )),
    "battery": ("8506101100", ("电池", "碱性电池", "充电电池"), "Battery", "0.13", (
        ("碱性电池", "Alkaline Battery", "sz:AA,AAA|x:4,8,12,24"),
        ("镍氢充电电池", "NiMH Rechargeable", "sz:AA,AAA|x:2,4"),
        ("纽扣电池", "Coin Cell", "sz:CR2032,CR2025,CR2016|x:1,5"),
    )),
}

COLOURS = {
    "黑": ("黑色", "Black", "BA"), "白": ("白色", "White", "WA"), "粉": ("粉色", "Pink", "PA"),
    "藏青": ("藏青色", "Navy", "AD"), "蓝": ("蓝色", "Blue", "AB"), "黄": ("黄色", "Yellow", "YA"),
    "米白": ("米白色", "Cream", "CA"), "红": ("红色", "Red", "RA"), "灰": ("灰色", "Grey", "GA"),
    "银": ("银色", "Silver", "SV"), "酒红": ("酒红色", "Burgundy", "RW"), "绿": ("绿色", "Green", "GN"),
    "米": ("米色", "Beige", "BE"), "卡其": ("卡其色", "Khaki", "KH"), "紫": ("紫色", "Purple", "VA"),
    "薄荷绿": ("薄荷绿", "Mint Green", "MG"), "橙": ("橙色", "Orange", "OR"),
}

COUNTERS_EN = {"支": "sticks", "粒": "pcs", "卷": "rolls", "节": "pcs", "包": "packs", "盏": "cups", "片": "pcs"}
CN_NUM = "零一二三四五六七八九十"

# simplified -> traditional, for Hong Kong / Taiwan shops
TRADITIONAL = dict(zip(
    "红参丽装温拉面护乐罗费莲号电边贝亲发剂线盏窝鸡龟万酱胶饮猫车婴儿碱无钻铂宝适师国韩进礼条绿蓝浅风"
    "锈钢真儿吸罐烧轻叠双向检块纯饰黄银灰鲜营养专卖间鳌湾舱运动体验优级选质颗粒减盐术滋补产汤层",
    "紅參麗裝溫拉麵護樂羅費蓮號電邊貝親髮劑線盞窩雞龜萬醬膠飲貓車嬰兒鹼無鑽鉑寶適師國韓進禮條綠藍淺風"
    "鏽鋼眞兒吸罐燒輕疊雙向檢塊純飾黃銀灰鮮營養專賣間鰲灣艙運動體驗優級選質顆粒減鹽術滋補產湯層",
))

# invented brands: syllable -> (Chinese, katakana, Hangul)
SYLLABLES = (
    ("ka", "卡", "カ", "카"), ("lo", "洛", "ロ", "로"), ("mi", "米", "ミ", "미"), ("ren", "仁", "レン", "렌"),
    ("so", "索", "ソ", "소"), ("vi", "维", "ヴィ", "비"), ("ta", "塔", "タ", "타"), ("ne", "内", "ネ", "네"),
    ("ri", "瑞", "リ", "리"), ("ba", "巴", "バ", "바"), ("do", "多", "ド", "도"), ("fe", "菲", "フェ", "페"),
    ("gu", "古", "グ", "구"), ("ha", "哈", "ハ", "하"), ("ju", "朱", "ジュ", "주"), ("le", "莱", "レ", "레"),
    ("mo", "摩", "モ", "모"), ("na", "娜", "ナ", "나"), ("pa", "帕", "パ", "파"), ("sa", "萨", "サ", "사"),
    ("te", "特", "テ", "테"), ("zo", "佐", "ゾ", "조"), ("ki", "基", "キ", "키"), ("lu", "璐", "ル", "루"),
    ("ve", "薇", "ヴェ", "베"), ("ro", "罗", "ロー", "로오"), ("an", "安", "アン", "안"), ("el", "艾", "エル", "엘"),
    ("is", "伊斯", "イス", "이스"), ("or", "奥", "オル", "오르"), ("ya", "雅", "ヤ", "야"), ("ze", "泽", "ゼ", "제"),
    ("bo", "博", "ボ", "보"), ("da", "达", "ダ", "다"), ("en", "恩", "エン", "엔"), ("tis", "蒂斯", "ティス", "티스"),
)
# near-twin syllables for look-alike invented brands
TWIN = {"ka": "kah", "lo": "lou", "mi": "my", "ren": "rhen", "so": "sou", "vi": "vy", "ta": "tah", "ne": "nee",
        "ri": "ry", "ba": "bah", "do": "doh", "fe": "phe", "gu": "gou", "ha": "hah", "ju": "jou", "le": "lei",
        "mo": "moh", "na": "nah", "pa": "pah", "sa": "sah", "te": "teh", "zo": "zoh", "ki": "ky", "lu": "loo",
        "ve": "veh", "ro": "roh", "an": "ann", "el": "ell", "is": "iss", "or": "orr", "ya": "yah", "ze": "zeh",
        "bo": "boh", "da": "dah", "en": "enn", "tis": "tys"}
TWIN_ZH = dict(zip("卡洛米仁索维塔内瑞巴多菲古哈朱莱摩娜帕萨特佐基璐薇罗安艾奥雅泽博达恩", "咔珞咪任锁唯拓纳睿芭朵斐谷蛤珠来魔纳啪飒持作奇露微萝桉爱澳亚则搏哒嗯"))

COUNTRIES = ("JP", "KR", "US", "DE", "FR", "AU", "NZ", "IT", "GB", "TH", "MY", "CH", "NL")
COUNTRY_ZH = {"JP": "日本", "KR": "韩国", "US": "美国", "DE": "德国", "FR": "法国", "AU": "澳洲", "NZ": "新西兰",
              "IT": "意大利", "GB": "英国", "TH": "泰国", "MY": "马来西亚", "CH": "瑞士", "NL": "荷兰",
              "BE": "比利时", "SG": "新加坡", "HK": "香港"}
# EAN country prefixes (the first three digits of an EAN-13); US brands use UPC-A
EAN_PREFIX = {"JP": ("450", "490", "491"), "KR": ("880",), "DE": ("400", "401", "402"), "FR": ("300", "301", "376"),
              "AU": ("930", "931"), "NZ": ("940", "942"), "IT": ("800", "803"), "GB": ("500", "501"),
              "TH": ("885",), "MY": ("955",), "CH": ("760", "761"), "NL": ("871", "872"), "BE": ("540", "541"),
              "SG": ("888",), "HK": ("489",)}

PROMO = ("【保税直发】", "【官方正品】", "【包邮】", "【限时特惠】", "【直邮】", "【品牌直供】", "[现货]", "★热卖★",
         "【新品】", "【顺丰速运】")
TAILS = ("正品保证", "海外直邮", "保税仓发货", "假一赔十", "现货速发", "送礼佳品", "专柜同款", "原装进口",
         "Authentic", "官方授权")
