"""Vocabulary of generator c: categories, brands, product lines, notations.

Written from knowledge of cross-border listings (Tmall Global, Kaola, JD Worldwide), without reading
the matcher or the other generators. Plain data, no logic beyond small lookup helpers.
"""

from __future__ import annotations

# A brand: English name, Chinese name, country (ISO alpha-2), GS1 prefix ("0" = UPC-A, US/CA),
# other spellings seen on listings (abbreviations, no punctuation, Hong Kong spellings).
BRANDS = {
    "pet_food": [
        ("Royal Canin", "皇家", "FR", "30", ["ROYAL CANIN", "RoyalCanin"]),
        ("Orijen", "渴望", "CA", "0", ["ORIJEN"]),
        ("Acana", "爱肯拿", "CA", "0", ["ACANA"]),
        ("Ziwi Peak", "滋益巅峰", "NZ", "94", ["ZiwiPeak", "ZIWI"]),
        ("Purina Pro Plan", "冠能", "US", "0", ["Pro Plan", "ProPlan"]),
        ("Hill's", "希尔思", "US", "0", ["Hills", "HILL'S Science Diet"]),
    ],
    "supplements": [
        ("Swisse", "斯维诗", "AU", "93", ["SWISSE"]),
        ("Blackmores", "澳佳宝", "AU", "93", ["BLACKMORES", "BM"]),
        ("GNC", "健安喜", "US", "0", []),
        ("Kirkland Signature", "柯克兰", "US", "0", ["Kirkland", "科克兰"]),
        ("Nature's Way", "佳思敏", "AU", "93", ["Natures Way"]),
        ("Nature Made", "天维美", "US", "0", ["NatureMade"]),
        ("Nature's Bounty", "自然之宝", "US", "0", ["Natures Bounty"]),
        ("Move Free", "益节", "US", "0", ["MoveFree", "Schiff Move Free"]),
    ],
    "cookware": [
        ("Le Creuset", "酷彩", "FR", "30", ["LeCreuset", "LE CREUSET"]),
        ("Staub", "珐宝", "FR", "30", ["STAUB"]),
        ("Zwilling", "双立人", "DE", "40", ["ZWILLING", "Zwilling J.A. Henckels"]),
        ("WMF", "福腾宝", "DE", "40", []),
        ("Tefal", "特福", "FR", "30", ["T-fal", "TEFAL"]),
    ],
    "baby_bottles": [
        ("Pigeon", "贝亲", "JP", "49", ["PIGEON"]),
        ("Dr. Brown's", "布朗博士", "US", "0", ["Dr Browns", "Dr.Brown's", "DrBrown"]),
        ("Hegen", "Hegen", "SG", "888", ["HEGEN"]),
        ("Comotomo", "可么多么", "KR", "880", ["COMOTOMO"]),
        ("Philips Avent", "新安怡", "GB", "50", ["Avent", "飞利浦新安怡"]),
    ],
    "skincare": [
        ("Estée Lauder", "雅诗兰黛", "US", "0", ["Estee Lauder", "ESTEE LAUDER", "EL"]),
        ("Lancôme", "兰蔻", "FR", "30", ["Lancome", "LANCOME"]),
        ("SK-II", "SK-II", "JP", "49", ["SK2", "SKII", "SK-2"]),
        ("Kiehl's", "科颜氏", "US", "0", ["Kiehls", "KIEHL'S"]),
        ("Shiseido", "资生堂", "JP", "49", ["SHISEIDO"]),
        ("La Roche-Posay", "理肤泉", "FR", "30", ["La Roche Posay", "LRP"]),
        ("Clinique", "倩碧", "US", "0", ["CLINIQUE"]),
    ],
    "coffee": [
        ("Nespresso", "奈斯派索", "CH", "76", ["NESPRESSO"]),
        ("Starbucks", "星巴克", "US", "0", ["STARBUCKS"]),
        ("UCC", "悠诗诗", "JP", "49", ["UCC上岛"]),
        ("Lavazza", "拉瓦萨", "IT", "80", ["LAVAZZA"]),
        ("illy", "意利", "IT", "80", ["ILLY"]),
        ("AGF", "AGF", "JP", "49", ["AGF Blendy"]),
    ],
    "sports_nutrition": [
        ("Optimum Nutrition", "奥普帝蒙", "US", "0", ["ON", "Optimum"]),
        ("MuscleTech", "肌肉科技", "US", "0", ["Muscle Tech", "MUSCLETECH"]),
        ("MusclePharm", "肌肉药剂", "US", "0", ["Muscle Pharm", "MP"]),
        ("Dymatize", "狄马泰斯", "US", "0", ["DYMATIZE"]),
    ],
    "shoes": [
        ("Nike", "耐克", "US", "0", ["NIKE"]),
        ("Adidas", "阿迪达斯", "DE", "40", ["adidas", "ADIDAS"]),
        ("New Balance", "新百伦", "US", "0", ["NB", "newbalance"]),
        ("ASICS", "亚瑟士", "JP", "49", ["Asics", "爱世克私"]),
        ("Birkenstock", "勃肯", "DE", "40", ["BIRKENSTOCK"]),
        ("Skechers", "斯凯奇", "US", "0", ["SKECHERS"]),
    ],
    "electronics": [
        ("Anker", "安克", "CN", "69", ["ANKER"]),
        ("Belkin", "贝尔金", "US", "0", ["BELKIN"]),
        ("UGREEN", "绿联", "CN", "69", ["Ugreen"]),
        ("Baseus", "倍思", "CN", "69", ["BASEUS"]),
        ("CUKTECH", "酷态科", "CN", "69", ["Cuktech"]),
    ],
}

# Syllables for the long tail of smaller brands: (English, Chinese transliteration, pinyin).
TAIL_PREFIX = [
    ("Vita", "维塔", "Weita"), ("Nutri", "纽崔", "Niucui"), ("Pure", "普尔", "Puer"), ("Bio", "拜奥", "Baiao"),
    ("Aus", "奥斯", "Aosi"), ("Nor", "诺", "Nuo"), ("Ever", "埃沃", "Aiwo"), ("Green", "格林", "Gelin"),
    ("Sun", "桑", "Sang"), ("Ocean", "欧珊", "Oushan"), ("Alpi", "阿尔卑", "Aerbei"), ("Kiwi", "奇维", "Qiwei"),
    ("Mira", "米拉", "Mila"), ("Terra", "泰拉", "Taila"), ("Zen", "禅", "Chan"), ("Lumi", "露米", "Lumi"),
    ("Nova", "诺瓦", "Nuowa"), ("Aura", "奥拉", "Aola"), ("Flora", "芙萝", "Fuluo"), ("Hana", "花那", "Huana"),
    ("Koa", "蔻阿", "Koua"), ("Max", "麦克斯", "Maikesi"), ("Neo", "尼奥", "Niao"), ("Oak", "奥克", "Aoke"),
    ("Pax", "帕克斯", "Pakesi"), ("Roo", "袋鼠", "Daishu"), ("Sol", "索尔", "Suoer"), ("Tasman", "塔斯曼", "Tasiman"),
    ("Uni", "优尼", "Youni"), ("Wild", "瓦尔德", "Waerde"), ("Yumi", "优米", "Youmi"), ("Zest", "杰斯特", "Jiesite"),
    ("Bloom", "布鲁姆", "Bulumu"), ("Coral", "珂拉", "Kela"), ("Dune", "沙丘", "Shaqiu"), ("Echo", "艾可", "Aike"),
]
TAIL_SUFFIX = [
    ("lab", "莱博", "laibo"), ("care", "凯尔", "kaier"), ("life", "莱芙", "laifu"), ("gen", "根", "gen"),
    ("ora", "奥拉", "aola"), ("tek", "泰克", "taike"), ("ix", "艾克斯", "aikesi"), ("ma", "玛", "ma"),
    ("ko", "可", "ke"), ("la", "拉", "la"), ("ron", "荣", "rong"), ("well", "威尔", "weier"),
    ("nest", "内斯特", "neisite"), ("field", "菲尔德", "feierde"), ("bay", "贝", "bei"), ("peak", "峰", "feng"),
    ("leaf", "叶", "ye"), ("ria", "丽雅", "liya"), ("mo", "茉", "mo"), ("tan", "坦", "tan"),
    ("vie", "维耶", "weiye"), ("sia", "西娅", "xiya"), ("dor", "多尔", "duoer"), ("lux", "乐思", "lesi"),
    ("mint", "明特", "mingte"), ("rise", "瑞斯", "ruisi"), ("stone", "斯通", "sitong"), ("wave", "维芙", "weifu"),
    ("kin", "金", "jin"), ("joy", "乔伊", "qiaoyi"),
]
TAIL_COUNTRIES = [("AU", "93"), ("NZ", "94"), ("US", "0"), ("JP", "49"), ("DE", "40"), ("FR", "30"),
                  ("KR", "880"), ("GB", "50"), ("IT", "80"), ("CN", "69")]
# Series of a tail brand's product line; "" is the plain line.
SERIES = [("", ""), ("Pro", "专业版"), ("Plus", "升级版"), ("Gold", "金装"), ("Max", "加强版"), ("Lite", "轻享版"),
          ("Kids", "儿童"), ("Sport", "运动"), ("Ultra", "超能"), ("Daily", "日常"), ("Premium", "臻选"), ("Eco", "环保")]

# Second dimensions: (English, Chinese).
FLAVOURS_PET = [("Chicken", "鸡肉"), ("Salmon", "三文鱼"), ("Beef", "牛肉"), ("Lamb", "羊肉"), ("Duck", "鸭肉")]
COLOURS_POT = [("Cherry Red", "樱桃红"), ("Black", "黑色"), ("Volcanic Orange", "火焰橙"), ("Marine Blue", "深海蓝"),
               ("Sage Green", "鼠尾草绿"), ("White", "白色"), ("Graphite Grey", "石墨灰")]
COLOURS_TECH = [("Black", "黑色"), ("White", "白色"), ("Blue", "蓝色"), ("Space Grey", "深空灰"), ("Pink", "粉色")]
COLOURS_SHOE = [("Triple White", "全白"), ("Black/White", "黑白"), ("Grey", "灰色"), ("Navy", "藏青"),
                ("Beige", "米色"), ("Triple Black", "全黑")]
FLAVOURS_WHEY = [("Double Rich Chocolate", "双重巧克力"), ("Vanilla Ice Cream", "香草冰淇淋"), ("Strawberry", "草莓"),
                 ("Cookies & Cream", "曲奇奶油"), ("Unflavoured", "原味"), ("Banana", "香蕉")]
ROASTS = [("Medium Roast", "中度烘焙"), ("Dark Roast", "深度烘焙"), ("Light Roast", "浅度烘焙"), ("Decaf", "低因")]
GENDERS = [("Men's", "男士"), ("Women's", "女士"), ("50+ Men's", "50岁以上男士"), ("50+ Women's", "50岁以上女士")]
GUMMY = [("Strawberry", "草莓味"), ("Orange", "香橙味"), ("Mixed Berry", "混合莓果味")]
STRENGTH = [("Odourless", "无腥味"), ("High Strength", "高浓度")]
TEATS = [("S teat", "S号奶嘴"), ("M teat", "M号奶嘴"), ("L teat", "L号奶嘴"), ("0m+", "0个月+"), ("3m+", "3个月+")]
SKIN = [("Dry Skin", "干皮"), ("Oily Skin", "油皮")]

# A line: English, Chinese, size kind, size values, second dimension (list or None), count word key.
# Size values are base units: grams (mass, a negative value means "written in lb": -5 = 5 lb), ml, count,
# cm, pieces, EU shoe size, watts, mAh, metres, ports.
LINES = {
    "pet_food": [
        ("Indoor Adult Cat Food", "室内成猫粮", "mass", [400, 1500, 2000, 4000, 10000], FLAVOURS_PET),
        ("Kitten Food", "幼猫粮", "mass", [400, 1500, 2000, 4000], None),
        ("Sterilised Cat Food", "绝育猫粮", "mass", [1500, 2000, 4000, 10000], None),
        ("Grain Free Six Fish", "无谷六种鱼全猫粮", "mass", [340, 1800, 5400, -4, -12], None),
        ("Small Breed Adult Dog Food", "小型犬成犬粮", "mass", [800, 2000, 3000, 8000], FLAVOURS_PET),
        ("Puppy Food", "幼犬粮", "mass", [1000, 3000, 6000, -5, -15], None),
        ("Air-Dried Cat Food", "风干猫粮", "mass", [400, 1000], FLAVOURS_PET),
    ],
    "supplements": [
        ("Fish Oil 1000mg", "深海鱼油软胶囊1000mg", "count", [200, 400, 90, 150], STRENGTH, "softgels"),
        ("Vitamin C 1000mg", "维生素C片1000mg", "count", [60, 150, 500], None, "tablets"),
        ("Calcium + Vitamin D", "钙+维生素D", "count", [90, 150, 300], None, "tablets"),
        ("Multivitamin", "复合维生素", "count", [60, 90, 120], GENDERS, "tablets"),
        ("Grape Seed 12000mg", "葡萄籽精华", "count", [180, 300], None, "tablets"),
        ("Collagen Gummies", "胶原蛋白软糖", "count", [60, 90], GUMMY, "gummies"),
        ("Glucosamine Chondroitin", "氨糖软骨素", "count", [80, 120, 170, 200], None, "tablets"),
        ("Kids Vitamin D Drops", "儿童维生素D滴剂", "volume", [10, 30], None),
    ],
    "cookware": [
        ("Round Cocotte", "圆形铸铁炖锅", "cm", [18, 20, 22, 24, 26, 28], COLOURS_POT),
        ("Oval Cocotte", "椭圆形珐琅锅", "cm", [23, 27, 29, 31], COLOURS_POT),
        ("Non-Stick Fry Pan", "不粘煎锅", "cm", [20, 24, 28, 30], None),
        ("Stainless Steel Wok", "不锈钢炒锅", "cm", [30, 32, 36], None),
        ("Milk Pan", "奶锅", "cm", [14, 16, 18], COLOURS_POT),
        ("Knife Set", "刀具套装", "pieces", [3, 5, 7], None),
    ],
    "baby_bottles": [
        ("Wide Neck Glass Bottle", "宽口径玻璃奶瓶", "volume", [80, 160, 240], TEATS),
        ("PPSU Bottle", "PPSU奶瓶", "volume", [150, 240, 330], TEATS),
        ("Anti-Colic Bottle", "防胀气奶瓶", "volume", [120, 150, 270], TEATS),
        ("Silicone Bottle", "硅胶奶瓶", "volume", [150, 250], None),
    ],
    "skincare": [
        ("Advanced Night Repair Serum", "特润修护精华露", "volume", [15, 30, 50, 100], None),
        ("Facial Treatment Essence", "护肤精华露", "volume", [30, 75, 160, 230], None),
        ("Ultra Facial Cream", "高保湿面霜", "volume", [28, 50, 125], SKIN),
        ("Micellar Cleansing Water", "卸妆水", "volume", [100, 250, 400, 500], SKIN),
        ("Eye Cream", "眼霜", "volume", [15, 20], None),
        ("Sunscreen SPF50+", "防晒霜SPF50+", "volume", [30, 50, 90], None),
        ("Moisturising Lotion", "保湿乳液", "volume", [100, 200, 400], SKIN),
    ],
    "coffee": [
        ("Espresso Capsules", "意式浓缩咖啡胶囊", "count", [10, 50, 100], ROASTS, "capsules"),
        ("Whole Bean Coffee", "咖啡豆", "mass", [250, 500, 1000], ROASTS),
        ("Ground Coffee", "咖啡粉", "mass", [200, 250, 340], ROASTS),
        ("Instant Coffee", "速溶咖啡", "mass", [80, 90, 135, 200], None),
        ("Drip Bag Coffee", "挂耳咖啡", "count", [8, 10, 18, 30], ROASTS, "bags"),
        ("Cold Brew Concentrate", "冷萃咖啡浓缩液", "volume", [500, 1000, 1500], None),
    ],
    "sports_nutrition": [
        ("100% Whey Protein", "乳清蛋白粉", "mass", [-2, -5, -10, 908], FLAVOURS_WHEY),
        ("Whey Isolate", "分离乳清蛋白粉", "mass", [-1.6, -3, -5], FLAVOURS_WHEY),
        ("Mass Gainer", "增肌粉", "mass", [-6, -12], FLAVOURS_WHEY),
        ("Creatine Monohydrate", "一水肌酸", "mass", [300, 600, 1000], None),
        ("BCAA 2:1:1", "支链氨基酸BCAA", "mass", [250, 400], GUMMY),
    ],
    "shoes": [
        ("Running Shoe", "跑步鞋", "shoe", [38, 39, 40, 41, 42, 43, 44], COLOURS_SHOE),
        ("Canvas Sneaker", "帆布鞋", "shoe", [36, 37, 38, 39, 40, 41, 42], COLOURS_SHOE),
        ("Hiking Boot", "徒步登山鞋", "shoe", [39, 40, 41, 42, 43, 44, 45], COLOURS_SHOE),
        ("Slip-on Loafer", "一脚蹬休闲鞋", "shoe", [36, 37, 38, 39, 40, 41], COLOURS_SHOE),
    ],
    "electronics": [
        ("PD Fast Charger", "PD快充充电器", "watt", [20, 30, 65, 100], COLOURS_TECH),
        ("USB-C to Lightning Cable", "Type-C转Lightning数据线", "metre", [0.3, 1, 2], COLOURS_TECH),
        ("Power Bank", "充电宝移动电源", "mah", [5000, 10000, 20000], COLOURS_TECH),
        ("USB-C Hub", "Type-C扩展坞", "ports", [4, 7, 8], None),
        ("Magnetic Wireless Charger", "磁吸无线充电器", "watt", [7.5, 15], COLOURS_TECH),
    ],
}

# Brand-specific lines of the head shoe brands (their famous models).
SHOE_MODELS = {
    "Nike": [("Air Force 1 '07", "空军一号"), ("Pegasus 40", "飞马40跑鞋"), ("Dunk Low", "Dunk Low 板鞋")],
    "Adidas": [("Ultraboost Light", "Ultraboost Light 跑鞋"), ("Samba OG", "Samba OG 德训鞋"), ("Stan Smith", "史密斯小白鞋")],
    "New Balance": [("574 Classic", "574经典复古鞋"), ("990v6", "990v6 美产跑鞋"), ("530", "530 老爹鞋")],
    "ASICS": [("GEL-KAYANO 30", "GEL-KAYANO 30 稳定跑鞋"), ("GEL-NIMBUS 25", "GEL-NIMBUS 25 缓震跑鞋")],
    "Birkenstock": [("Arizona Birko-Flor", "Arizona 双扣拖鞋"), ("Boston Suede", "Boston 包头拖鞋")],
    "Skechers": [("Go Walk 6", "Go Walk 6 健步鞋"), ("D'Lites", "熊猫老爹鞋")],
}

# Shoe sizes: EU -> (US men's, foot length mm).
SHOE_SIZES = {35: (4, 220), 36: (4.5, 225), 37: (5, 230), 38: (6, 240), 39: (6.5, 245), 40: (7, 250),
              41: (8, 260), 42: (8.5, 265), 43: (9.5, 275), 44: (10, 280), 45: (11, 290)}

COUNT_WORDS = {  # en forms, zh forms
    "softgels": (["softgels", "capsules", "caps", "ct", "count"], ["粒", "颗"]),
    "tablets": (["tablets", "tabs", "ct", "count"], ["片", "粒"]),
    "gummies": (["gummies", "ct", "count"], ["粒", "颗"]),
    "capsules": (["capsules", "pods", "caps"], ["颗", "粒", "枚"]),
    "bags": (["bags", "sachets"], ["包", "袋", "片"]),
}

NOUNS = {  # category words appended by some titles
    "pet_food": ("宠物粮", "Pet Food"), "supplements": ("保健品", "Supplement"), "cookware": ("厨具", "Cookware"),
    "baby_bottles": ("婴儿奶瓶", "Baby Bottle"), "skincare": ("护肤品", "Skincare"), "coffee": ("咖啡", "Coffee"),
    "sports_nutrition": ("健身营养", "Sports Nutrition"), "shoes": ("男女同款", "Unisex"),
    "electronics": ("数码配件", "Accessory"),
}
CONTAINERS = {"pet_food": "袋", "supplements": "瓶", "cookware": "个", "baby_bottles": "个", "skincare": "瓶",
              "coffee": "盒", "sports_nutrition": "桶", "shoes": "双", "electronics": "个"}
HS_CODES = {"pet_food": "2309109000", "supplements": "2106909090", "cookware": "7323940000",
            "baby_bottles": "3924100000", "skincare": "3304990099", "coffee": "0901210000",
            "sports_nutrition": "2106100000", "shoes": "6404110000", "electronics": "8504401400"}
# Price of one unit in fen, and per base unit of size (so bigger sizes cost more).
PRICE_FEN = {"pet_food": (3000, 4), "supplements": (6000, 40), "cookware": (30000, 2500), "baby_bottles": (9000, 30),
             "skincare": (20000, 900), "coffee": (5000, 25), "sports_nutrition": (15000, 12), "shoes": (59900, 0),
             "electronics": (9900, 0)}
# Packs and how often a variant is sold as one (pack 1 is the rest).
PACKS = [(2, 0.55), (3, 0.2), (4, 0.1), (6, 0.15)]

ORIGIN_WORDS = {"AU": ["澳洲", "澳大利亚进口"], "US": ["美国", "美国进口"], "JP": ["日本", "日本原装"],
                "DE": ["德国", "德国进口"], "FR": ["法国", "法国原装进口"], "NZ": ["新西兰"], "CA": ["加拿大"],
                "GB": ["英国"], "IT": ["意大利", "意大利进口"], "CH": ["瑞士"], "KR": ["韩国"], "SG": ["新加坡"],
                "CN": ["国产"]}
MARKETING_PREFIX = ["【保税直发】", "【官方旗舰店】", "【自营】", "【顺丰包邮】", "【正品保证】", "【新版】", "【618预售】",
                    "【海外直邮】", "【限时秒杀】", "京东国际 ", "【跨境直供】", "[官方正品]", "【品牌授权】"]
MARKETING_SUFFIX = ["包邮", "正品保证", "保税仓发货", "新旧包装随机发", "效期至2027年", "海外直邮", "假一赔十",
                    "现货速发", "官方授权", "新版", "爆款", "送礼佳品"]
STORE_SUFFIX = ["官方旗舰店", "海外旗舰店", "旗舰店", "海外专营店", "自营"]

ZH_NUM = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八"}

# Simplified -> traditional for characters seen in the vocabulary (Hong Kong and Taiwan sellers).
TRADITIONAL = dict(zip(
    "兰诗维乐宝鱼养营护肤发粮猫锅铁钢胶质运动电线数据宽径胀气华晒妆礼装钙锌复软挂离达伦亚凯帮绿联贝尔资颜玛"
    "爱巅节腾珐亲么萨奥药剂马袋鼠丽乔个双刀类鲜种犬谷风干绝育幼饼纯银",
    "蘭詩維樂寶魚養營護膚發糧貓鍋鐵鋼膠質運動電線數據寬徑脹氣華曬妝禮裝鈣鋅復軟掛離達倫亞凱幫綠聯貝爾資顏瑪"
    "愛巔節騰琺親麼薩奧藥劑馬袋鼠麗喬個雙刀類鮮種犬穀風乾絕育幼餅純銀",
))


def traditional(text: str) -> str:
    return "".join(TRADITIONAL.get(ch, ch) for ch in text)


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "子涵", "欣怡", "梓轩", "雨桐", "浩然", "诗涵", "一诺", "佳怡", "思远", "晓东",
         "建华", "建国", "丽华", "海燕", "志强", "婷婷", "雪梅", "俊杰", "宇航", "天佑", "梦琪", "嘉怡", "晨曦"]
PROVINCES = [("浙江省", "杭州市", "西湖区"), ("广东省", "深圳市", "南山区"), ("上海市", "上海市", "浦东新区"),
             ("北京市", "北京市", "朝阳区"), ("江苏省", "南京市", "鼓楼区"), ("四川省", "成都市", "武侯区"),
             ("湖北省", "武汉市", "洪山区"), ("福建省", "厦门市", "思明区")]
# Six-digit administrative codes used for generated resident ID numbers.
REGION_CODES = ["110105", "310115", "330106", "440305", "320106", "510107", "420111", "350203"]

# Pinyin of the head brands' Chinese names, as some sellers romanise them.
PINYIN = {
    "皇家": "Huangjia", "渴望": "Kewang", "爱肯拿": "Aikenna", "滋益巅峰": "Ziyi Dianfeng", "冠能": "Guanneng",
    "希尔思": "Xiersi", "斯维诗": "Siweishi", "澳佳宝": "Aojiabao", "健安喜": "Jiananxi", "柯克兰": "Kekelan",
    "佳思敏": "Jiasimin", "天维美": "Tianweimei", "自然之宝": "Ziran Zhibao", "益节": "Yijie", "酷彩": "Kucai",
    "珐宝": "Fabao", "双立人": "Shuangliren", "福腾宝": "Futengbao", "特福": "Tefu", "贝亲": "Beiqin",
    "布朗博士": "Bulang Boshi", "可么多么": "Kemeduome", "新安怡": "Xinanyi", "雅诗兰黛": "Yashilandai",
    "兰蔻": "Lankou", "科颜氏": "Keyanshi", "资生堂": "Zishengtang", "理肤泉": "Lifuquan", "倩碧": "Qianbi",
    "奈斯派索": "Naisipaisuo", "星巴克": "Xingbake", "悠诗诗": "Youshishi", "拉瓦萨": "Lawasa", "意利": "Yili",
    "奥普帝蒙": "Aopudimeng", "肌肉科技": "Jirou Keji", "肌肉药剂": "Jirou Yaoji", "狄马泰斯": "Dimataisi",
    "耐克": "Naike", "阿迪达斯": "Adidasi", "新百伦": "Xinbailun", "亚瑟士": "Yaseshi", "勃肯": "Boken",
    "斯凯奇": "Sikaiqi", "安克": "Anke", "贝尔金": "Beierjin", "绿联": "Lvlian", "倍思": "Beisi", "酷态科": "Kutaike",
}
