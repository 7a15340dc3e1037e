"""Vocabulary of generator d: product types with their variant axes, real brands with Chinese names, the
syllables invented brands are made of, and the word lists of the renderers.

Written from general knowledge for generator d (see generate_d.py); no other generator's or the matcher's
vocabulary was read. An enumerated axis value is ``(key, zh forms, en forms)``: the key is the hidden
identity, the first form of each language is the house spelling, the others are what sellers write.
"""

from __future__ import annotations


def _e(key: str, zh: str, en: str) -> tuple:
    return key, tuple(zh.split("|")), tuple(en.split("|"))


COLOURS = {c[0]: c for c in [
    _e("black", "黑色|黑|黑色款", "Black|BLACK|Blk"), _e("white", "白色|白|白色款", "White|WHITE"),
    _e("grey", "灰色|灰", "Grey|Gray"), _e("silver", "银色|银", "Silver"), _e("rose_gold", "玫瑰金", "Rose Gold"),
    _e("navy", "藏青色|藏蓝|海军蓝", "Navy|Navy Blue"), _e("khaki", "卡其色|卡其", "Khaki"),
    _e("caramel", "焦糖色|焦糖棕", "Caramel"), _e("burgundy", "酒红色|酒红", "Burgundy|Wine Red"),
    _e("army_green", "军绿色|军绿", "Army Green|Olive"), _e("blue", "蓝色|蓝", "Blue"), _e("pink", "粉色|粉红", "Pink"),
    _e("red", "红色|红", "Red"), _e("cream", "米白色|奶油白", "Cream|Ivory"), _e("beige", "米色|杏色", "Beige"),
    _e("orange", "橙色|橘色", "Orange"), _e("green", "绿色|绿", "Green"), _e("sage", "灰绿色|鼠尾草绿", "Sage Green|Sage"),
    _e("brown", "棕色|咖啡色", "Brown"), _e("purple", "紫色", "Purple"), _e("yellow", "黄色", "Yellow"),
]}


def _axis(*values: tuple) -> dict:
    return {v[0]: v for v in values}


ENUM_AXES = {
    "plug": _axis(_e("cn", "国标|国行|中国版", "CN plug|CN Version"), _e("uk", "英标|英规|英版", "UK plug|UK Version"),
                  _e("eu", "欧标|欧规|欧版", "EU plug|EU Version"), _e("us", "美标|美规|美版", "US plug|US Version"),
                  _e("jp", "日版|日规", "JP Version|Japan Version")),
    "model": _axis(_e("ip15", "苹果15|iPhone15", "iPhone 15"), _e("ip15p", "苹果15Pro|iPhone15Pro", "iPhone 15 Pro"),
                   _e("ip15pm", "苹果15ProMax|iPhone15ProMax", "iPhone 15 Pro Max"),
                   _e("ip16", "苹果16|iPhone16", "iPhone 16"), _e("ip16p", "苹果16Pro|iPhone16Pro", "iPhone 16 Pro"),
                   _e("ip16pm", "苹果16ProMax|iPhone16ProMax", "iPhone 16 Pro Max"),
                   _e("s24", "三星S24|GalaxyS24", "Galaxy S24|Samsung S24"),
                   _e("s24u", "三星S24Ultra|S24U", "Galaxy S24 Ultra|Samsung S24 Ultra")),
    "gummy_stage": _axis(_e("kids", "儿童|儿童款", "Kids|Children's"), _e("adult", "成人|成人款", "Adult|Adults"),
                         _e("women", "女士|女性", "Women's|Women"), _e("men", "男士|男性", "Men's|Men"),
                         _e("prenatal", "孕妇|孕期", "Prenatal|Pregnancy"), _e("teen", "青少年", "Teen|Teens")),
    "cat_stage": _axis(_e("kitten", "幼猫|幼猫粮|小猫", "Kitten"), _e("adult", "成猫|成猫粮", "Adult Cat|Adult"),
                       _e("senior", "老年猫|7岁以上老猫", "Senior 7+|Senior"),
                       _e("all", "全阶段|全价全阶段", "All Life Stages")),
    "conc": _axis(_e("edt", "淡香水", "EDT|Eau de Toilette"), _e("edp", "浓香水|淡香精", "EDP|Eau de Parfum"),
                  _e("parfum", "香精", "Parfum|Extrait de Parfum"), _e("edc", "古龙水", "EDC|Eau de Cologne")),
    "hair_fn": _axis(_e("dandruff", "去屑", "Anti-Dandruff"), _e("oil", "控油", "Oil Control"),
                     _e("repair", "修护|受损修护", "Repair|Damage Repair"), _e("volume", "蓬松", "Volume|Volumizing"),
                     _e("moist", "滋润|保湿", "Moisture|Hydrating"), _e("loss", "防脱|强韧防脱", "Anti Hair-Loss"),
                     _e("colour", "护色|锁色", "Colour Protect|Color Care")),
    "brush_type": _axis(_e("clean", "清洁型|标准清洁", "Clean|Standard Clean"), _e("white", "美白型|亮白", "White|Whitening"),
                        _e("sensitive", "敏感型|温和", "Sensitive|Gentle"), _e("gum", "牙龈护理|护龈", "Gum Care"),
                        _e("plaque", "去牙菌斑|牙菌斑", "Plaque Control"), _e("kids", "儿童", "Kids")),
    "paste_flavour": _axis(_e("mint", "薄荷", "Mint"), _e("fresh", "清新薄荷|清凉薄荷", "Fresh Mint|Cool Mint"),
                           _e("whitening", "美白", "Whitening"), _e("herbal", "草本|中草药", "Herbal"),
                           _e("charcoal", "竹炭|活性炭", "Charcoal"), _e("sensitive", "抗敏感|抗敏", "Sensitive"),
                           _e("cinnamon", "肉桂薄荷", "Cinnamon Mint"), _e("jasmine", "茉莉薄荷", "Jasmin Mint")),
    "choc_flavour": _axis(_e("d70", "70%黑巧|70%可可", "Dark 70%|70% Cocoa"), _e("d85", "85%黑巧|85%可可", "Dark 85%|85% Cocoa"),
                          _e("d90", "90%黑巧|90%可可", "Dark 90%|90% Cocoa"), _e("milk", "牛奶|丝滑牛奶", "Milk|Milk Chocolate"),
                          _e("hazelnut", "榛子|榛仁", "Hazelnut"), _e("seasalt", "海盐", "Sea Salt"),
                          _e("matcha", "抹茶", "Matcha"), _e("caramel", "焦糖", "Caramel"),
                          _e("white", "白巧克力|白巧", "White Chocolate"), _e("orange", "香橙|橙味", "Orange"),
                          _e("mint", "薄荷", "Mint")),
    "protein_flavour": _axis(_e("choc", "巧克力味|巧克力", "Chocolate"), _e("vanilla", "香草味|香草", "Vanilla"),
                             _e("straw", "草莓味|草莓", "Strawberry"), _e("cookies", "曲奇奶油|饼干奶油", "Cookies & Cream|Cookies and Cream"),
                             _e("banana", "香蕉味", "Banana"), _e("coffee", "咖啡味|摩卡", "Coffee|Mocha"),
                             _e("pb", "花生酱味", "Peanut Butter"), _e("plain", "原味|无味", "Unflavoured|Natural"),
                             _e("scaramel", "海盐焦糖味", "Salted Caramel")),
    "gummy_flavour": _axis(_e("berry", "混合莓果|莓果味", "Mixed Berry|Berry"), _e("orange", "橙子味|香橙味", "Orange"),
                           _e("straw", "草莓味", "Strawberry"), _e("peach", "蜜桃味|水蜜桃", "Peach"),
                           _e("lemon", "柠檬味", "Lemon"), _e("grape", "葡萄味", "Grape")),
    "snack_flavour": _axis(_e("original", "原味|经典原味", "Original"), _e("seaweed", "海苔味", "Seaweed"),
                           _e("bbq", "烧烤味|烤肉味", "BBQ|Barbecue"), _e("onion", "酸奶油洋葱味|洋葱味", "Sour Cream & Onion"),
                           _e("spicy", "香辣味|辣味", "Spicy|Hot & Spicy"), _e("cheese", "芝士味|奶酪味", "Cheese"),
                           _e("vinegar", "醋盐味", "Salt & Vinegar")),
    "pet_flavour": _axis(_e("chicken", "鸡肉|鸡肉味", "Chicken"), _e("salmon", "三文鱼|鲑鱼", "Salmon"),
                         _e("duck", "鸭肉", "Duck"), _e("beef", "牛肉", "Beef"), _e("lamb", "羊肉", "Lamb"),
                         _e("tuna", "金枪鱼|吞拿鱼", "Tuna")),
    "bag_size": _axis(_e("mini", "迷你|mini款", "Mini"), _e("small", "小号|S号", "Small|S"),
                      _e("medium", "中号|M号", "Medium|M"), _e("large", "大号|L号", "Large|L")),
    "apparel": _axis(_e("S", "S码|S号", "S|Small"), _e("M", "M码|M号", "M|Medium"), _e("L", "L码|L号", "L|Large"),
                     _e("XL", "XL码|XL号|加大码", "XL"), _e("XXL", "XXL码|2XL", "XXL|2XL")),
    "gender": _axis(_e("men", "男款|男士", "Men's|Mens"), _e("women", "女款|女士", "Women's|Womens")),
    "pet_size": _axis(_e("s", "小型犬|S码", "Small|S"), _e("m", "中型犬|M码", "Medium|M"), _e("l", "大型犬|L码", "Large|L")),
    "wallet": _axis(_e("long", "长款|长款钱包", "Long|Continental"), _e("short", "短款|对折", "Bifold|Short"),
                    _e("card", "卡包|卡夹", "Card Case|Card Holder")),
}
ENUM_AXES["colour"] = COLOURS
VOLTS = {"cn": ["220V"], "uk": ["240V", "230V"], "eu": ["220-240V", "230V"], "us": ["110V", "120V"], "jp": ["100V"]}

# Product types: zh nouns, en nouns, axes ((axis, kind, candidate values)), pack unit word, HS code, price range
TYPES = {
    "red_wine": ("干红葡萄酒|红葡萄酒|红酒", "Red Wine|Dry Red Wine", [("vintage", "vintage", list(range(2014, 2023))),
                 ("vol", "vol", [750, 1500, 375]), ("pack", "pack", [1, 2, 6])], "瓶", "2204210000", (89, 1800)),
    "whisky": ("单一麦芽威士忌|威士忌|苏格兰威士忌", "Single Malt Whisky|Scotch Whisky", [("age", "age", [10, 12, 15, 18, 21, 25]),
               ("vol", "vol", [700, 1000, 500]), ("pack", "pack", [1, 2])], "瓶", "2208300000", (260, 5000)),
    "shampoo": ("洗发水|洗发露", "Shampoo", [("fn", "hair_fn", None), ("vol", "vol", [250, 400, 500, 750, 1000]),
                ("pack", "pack", [1, 2, 3])], "瓶", "3305100090", (39, 320)),
    "hair_mask": ("发膜|护发膜", "Hair Mask|Hair Treatment", [("fn", "hair_fn", None), ("wt", "wt", [150, 200, 250, 500]),
                  ("pack", "pack", [1, 2])], "罐", "3305900000", (59, 420)),
    "brush_heads": ("电动牙刷刷头|替换刷头|牙刷头", "Replacement Brush Heads|Toothbrush Heads", [("type", "brush_type", None),
                    ("colour", "colour", ["white", "black"]), ("pack", "heads", [2, 4, 8])], "支", "8509900000", (59, 399)),
    "toothpaste": ("牙膏", "Toothpaste", [("flavour", "paste_flavour", None), ("wt", "wt", [75, 90, 100, 120, 140]),
                   ("pack", "pack", [1, 2, 3, 4])], "支", "3306101000", (15, 120)),
    "kettle": ("电热水壶|烧水壶|电水壶", "Electric Kettle|Kettle", [("colour", "colour", ["black", "white", "cream", "silver", "red", "sage", "blue"]),
               ("plug", "plug", None), ("cap", "litre", [1.0, 1.2, 1.5, 1.7])], "台", "8516109000", (199, 1599)),
    "coffee": ("胶囊咖啡机|咖啡机|意式咖啡机", "Coffee Machine|Espresso Machine", [("colour", "colour", ["black", "white", "red", "silver", "grey", "cream"]),
               ("plug", "plug", None)], "台", "8516710000", (699, 6999)),
    "blender": ("破壁机|料理机|搅拌机", "Blender", [("colour", "colour", ["black", "white", "red", "grey"]), ("plug", "plug", None),
                ("cap", "litre", [1.4, 1.5, 2.0])], "台", "8509400090", (499, 5999)),
    "phone_case": ("手机壳|保护壳|手机保护套", "Phone Case|Case", [("model", "model", None),
                   ("colour", "colour", ["black", "blue", "pink", "green", "purple", "navy", "white"])], "个", "3926909090", (39, 399)),
    "power_bank": ("充电宝|移动电源", "Power Bank|Portable Charger", [("cap", "mah", [5000, 10000, 20000, 26800]),
                   ("colour", "colour", ["black", "white", "blue", "pink"]), ("watt", "watt", [20, 22, 30, 65])], "个", "8507600090", (99, 799)),
    "memory_card": ("存储卡|内存卡|TF卡", "microSD Card|Memory Card", [("cap", "gb", [64, 128, 256, 512, 1024]),
                    ("pack", "pack", [1, 2])], "张", "8523510000", (39, 1299)),
    "charger": ("充电器|快充头|充电头", "Charger|USB-C Charger", [("watt", "watt", [20, 30, 45, 65, 100]),
                ("colour", "colour", ["black", "white"]), ("plug", "plug", None)], "个", "8504401400", (59, 499)),
    "handbag": ("手提包|单肩包|斜挎包|托特包", "Handbag|Shoulder Bag|Tote Bag", [("colour", "colour", ["black", "caramel", "burgundy", "navy", "khaki", "beige", "brown", "cream", "pink"]),
                ("size", "bag_size", None)], "个", "4202210000", (1299, 19999)),
    "wallet": ("钱包|皮夹|钱夹", "Wallet|Leather Wallet", [("colour", "colour", ["black", "caramel", "burgundy", "navy", "pink", "brown"]),
               ("style", "wallet", None)], "个", "4202310000", (599, 6999)),
    "gummies": ("维生素软糖|复合维生素软糖|软糖", "Vitamin Gummies|Multivitamin Gummies", [("stage", "gummy_stage", None),
                ("count", "count", [60, 90, 120, 150]), ("flavour", "gummy_flavour", None), ("pack", "pack", [1, 2, 3])], "瓶", "2106909090", (79, 399)),
    "cat_food": ("猫粮|全价猫粮|天然猫粮", "Cat Food|Dry Cat Food", [("stage", "cat_stage", None), ("flavour", "pet_flavour", None),
                 ("wt", "wt", [340, 1000, 1800, 2000, 5400])], "袋", "2309109000", (69, 899)),
    "leash": ("牵引绳|狗绳|宠物牵引绳", "Dog Leash|Leash", [("size", "pet_size", None),
              ("colour", "colour", ["black", "red", "blue", "orange", "pink", "army_green"]), ("len", "cm", [120, 150, 300, 500])], "条", "4201000090", (49, 399)),
    "pet_bed": ("宠物窝|猫窝|狗窝", "Pet Bed", [("size", "pet_size", None), ("colour", "colour", ["grey", "beige", "brown", "pink", "navy"])], "个", "9404909000", (99, 899)),
    "tent": ("帐篷|露营帐篷|户外帐篷", "Tent|Camping Tent", [("persons", "persons", [1, 2, 3, 4, 6]),
             ("colour", "colour", ["green", "orange", "khaki", "grey", "army_green"])], "顶", "6306220000", (399, 5999)),
    "down_jacket": ("羽绒服|羽绒夹克", "Down Jacket|Puffer Jacket", [("gender", "gender", None), ("size", "apparel", None),
                    ("colour", "colour", ["black", "navy", "army_green", "red", "white", "khaki"])], "件", "6201400000", (899, 6999)),
    "tea": ("红茶|茶叶|袋泡茶", "Tea|Black Tea", [("form", "tea_pack", ["b25", "b50", "b100", "l100", "l250"]),
            ("pack", "pack", [1, 2])], "盒", "0902301000", (39, 699)),
    "chocolate": ("巧克力|黑巧克力|排块巧克力", "Chocolate|Chocolate Bar", [("flavour", "choc_flavour", None),
                  ("wt", "wt", [35, 80, 100, 125, 200]), ("pack", "pack", [1, 2, 4, 10])], "盒", "1806320000", (19, 299)),
    "snack": ("薯片|薯条|膨化零食", "Potato Chips|Crisps", [("flavour", "snack_flavour", None), ("wt", "wt", [40, 75, 110, 160]),
              ("pack", "pack", [1, 3, 6, 12])], "袋", "2005200000", (9, 129)),
    "perfume": ("香水", "Perfume|Fragrance", [("conc", "conc", None), ("vol", "vol", [30, 50, 90, 100, 125, 150])], "瓶", "3303000000", (390, 3200)),
    "protein_bar": ("蛋白棒|能量棒", "Protein Bar|Protein Bars", [("flavour", "protein_flavour", None),
                    ("pack", "bars", [1, 12, 24])], "盒", "2106909090", (15, 499)),
    "protein_powder": ("乳清蛋白粉|蛋白粉", "Whey Protein|Protein Powder", [("flavour", "protein_flavour", None),
                       ("wt", "lb", [2, 5, 10])], "桶", "2106100000", (199, 1299)),
}

# real brands: (en, zh, country, [(line en, line zh or ""), ...], types)
REAL_BRANDS = [
    ("Penfolds", "奔富", "AU", [("Bin 389", "奔富389"), ("Bin 407", "奔富407"), ("Bin 28", "奔富28"), ("Koonunga Hill", "寇兰山"), ("Max's", "麦克斯")], ["red_wine"]),
    ("Jacob's Creek", "杰卡斯", "AU", [("Classic", "经典"), ("Reserve", "珍藏")], ["red_wine"]),
    ("Casillero del Diablo", "红魔鬼", "CL", [("Reserva", "珍藏"), ("Devil's Collection", "魔鬼收藏")], ["red_wine"]),
    ("Torres", "桃乐丝", "ES", [("Sangre de Toro", "公牛血"), ("Gran Coronas", "特级珍藏")], ["red_wine"]),
    ("The Macallan", "麦卡伦", "GB", [("Double Cask", "双桶"), ("Sherry Oak", "雪莉桶"), ("Triple Cask", "三桶")], ["whisky"]),
    ("Glenfiddich", "格兰菲迪", "GB", [("Our Original", "经典"), ("Grand Cru", "璀璨珍藏")], ["whisky"]),
    ("Johnnie Walker", "尊尼获加", "GB", [("Black Label", "黑牌"), ("Gold Label", "金牌"), ("Green Label", "绿牌")], ["whisky"]),
    ("Chivas Regal", "芝华士", "GB", [("Mizunara", "水楢"), ("Extra", "创造")], ["whisky"]),
    ("Yamazaki", "山崎", "JP", [("Single Malt", "单一麦芽"), ("Limited Edition", "限定版")], ["whisky"]),
    ("Schwarzkopf", "施华蔻", "DE", [("Gliss", "斐丝丽"), ("Fiber Clinix", "纤维修护")], ["shampoo", "hair_mask"]),
    ("Kérastase", "卡诗", "FR", [("Elixir Ultime", "菁纯"), ("Genesis", "元气姜"), ("Nutritive", "滋养")], ["shampoo", "hair_mask"]),
    ("Moroccanoil", "摩洛哥油", "IL", [("Hydrating", "保湿系列"), ("Repair", "修复系列")], ["shampoo", "hair_mask"]),
    ("Tsubaki", "丝蓓绮", "JP", [("Premium Moist", "奢耀润泽"), ("Premium Repair", "奢耀修护")], ["shampoo"]),
    ("Philips Sonicare", "飞利浦", "NL", [("DiamondClean", "钻石系列"), ("ProtectiveClean", "净护系列"), ("C3 Premium", "C3高效")], ["brush_heads"]),
    ("Oral-B", "欧乐B", "DE", [("CrossAction", "多角度"), ("Precision Clean", "精准清洁"), ("3D White", "3D美白")], ["brush_heads", "toothpaste"]),
    ("usmile", "笑容加", "CN", [("Y1S", "Y1S"), ("P10 Pro", "P10 Pro")], ["brush_heads"]),
    ("Colgate", "高露洁", "US", [("Optic White", "耀白"), ("Total", "全效")], ["toothpaste"]),
    ("Crest", "佳洁士", "US", [("3D White", "3D炫白"), ("Pro-Health", "全优")], ["toothpaste"]),
    ("Sensodyne", "舒适达", "GB", [("Repair & Protect", "修复防护"), ("Rapid Relief", "速效抗敏")], ["toothpaste"]),
    ("Marvis", "玛尔仕", "IT", [("Classic", "经典")], ["toothpaste"]),
    ("De'Longhi", "德龙", "IT", [("Icona", "复古系列"), ("Distinta", "闪耀系列"), ("Dedica", "迪迪卡")], ["kettle", "coffee"]),
    ("Smeg", "斯麦格", "IT", [("50's Style", "复古50年代")], ["kettle", "blender"]),
    ("Balmuda", "巴慕达", "JP", [("The Pot", "The Pot")], ["kettle"]),
    ("Nespresso", "奈斯派索", "CH", [("Essenza Mini", "Essenza Mini"), ("Vertuo Next", "Vertuo Next"), ("Citiz", "Citiz")], ["coffee"]),
    ("Breville", "铂富", "AU", [("Barista Express", "咖啡大师"), ("Bambino", "Bambino")], ["coffee", "blender"]),
    ("Vitamix", "维他密斯", "US", [("E310", "E310"), ("A2500", "A2500")], ["blender"]),
    ("Anker", "安克", "CN", [("PowerCore", "能量棒"), ("Nano", "安心充"), ("Prime", "Prime")], ["power_bank", "charger"]),
    ("Belkin", "贝尔金", "US", [("BoostCharge", "BoostCharge")], ["charger", "power_bank"]),
    ("UGREEN", "绿联", "CN", [("Nexode", "氮化镓"), ("Robot", "机器人")], ["charger", "power_bank"]),
    ("Baseus", "倍思", "CN", [("Blade", "刀锋"), ("Bipow", "Bipow")], ["power_bank", "charger"]),
    ("Spigen", "Spigen", "KR", [("Ultra Hybrid", "全透"), ("Tough Armor", "硬汉")], ["phone_case"]),
    ("SanDisk", "闪迪", "US", [("Extreme", "至尊极速"), ("Extreme PRO", "至尊超极速"), ("Ultra", "至尊高速")], ["memory_card"]),
    ("Samsung", "三星", "KR", [("EVO Plus", "EVO Plus"), ("PRO Plus", "PRO Plus")], ["memory_card"]),
    ("Coach", "蔻驰", "US", [("Tabby", "Tabby"), ("Willow", "Willow"), ("Field Tote", "托特")], ["handbag", "wallet"]),
    ("Michael Kors", "迈克高仕", "US", [("Jet Set", "Jet Set"), ("Mercer", "Mercer")], ["handbag", "wallet"]),
    ("Longchamp", "珑骧", "FR", [("Le Pliage", "饺子包"), ("Le Pliage Néo", "饺子包Néo"), ("Roseau", "竹扣")], ["handbag", "wallet"]),
    ("Furla", "芙拉", "IT", [("Metropolis", "Metropolis"), ("1927", "1927")], ["handbag", "wallet"]),
    ("Tory Burch", "汤丽柏琦", "US", [("Fleming", "Fleming"), ("Kira", "Kira")], ["handbag", "wallet"]),
    ("Swisse", "斯维诗", "AU", [("Kids", "儿童系列"), ("Ultiboost", "Ultiboost")], ["gummies"]),
    ("Blackmores", "澳佳宝", "AU", [("Multivitamin", "复合维生素")], ["gummies"]),
    ("Centrum", "善存", "US", [("MultiGummies", "多维软糖")], ["gummies"]),
    ("Nature's Bounty", "自然之宝", "US", [("Hair Skin Nails", "发肤甲")], ["gummies"]),
    ("Nature's Way", "佳思敏", "AU", [("Kids Smart", "儿童智")], ["gummies"]),
    ("Royal Canin", "皇家", "FR", [("Indoor", "室内"), ("Hair & Skin", "美毛")], ["cat_food"]),
    ("Orijen", "渴望", "CA", [("Six Fish", "六种鱼"), ("Original", "原始猎食")], ["cat_food"]),
    ("Ziwi Peak", "滋益巅峰", "NZ", [("Air-Dried", "风干")], ["cat_food"]),
    ("KONG", "KONG", "US", [("Classic", "经典")], ["leash", "pet_bed"]),
    ("flexi", "福莱希", "DE", [("New Classic", "新经典"), ("Giant", "巨人")], ["leash"]),
    ("The North Face", "北面", "US", [("Nuptse 1996", "1996"), ("Himalayan", "喜马拉雅")], ["down_jacket", "tent"]),
    ("Arc'teryx", "始祖鸟", "CA", [("Cerium", "铈"), ("Thorium", "钍")], ["down_jacket"]),
    ("Patagonia", "巴塔哥尼亚", "US", [("Down Sweater", "羽绒毛衣"), ("Nano Puff", "Nano Puff")], ["down_jacket"]),
    ("Naturehike", "挪客", "CN", [("Cloud Up", "云尚"), ("Mongar", "蒙加")], ["tent"]),
    ("Snow Peak", "雪峰", "JP", [("Amenity Dome", "Amenity Dome")], ["tent"]),
    ("Twinings", "川宁", "GB", [("English Breakfast", "英式早餐茶"), ("Earl Grey", "豪门伯爵"), ("Lady Grey", "仕女伯爵")], ["tea"]),
    ("TWG", "TWG", "SG", [("1837 Black Tea", "1837黑茶"), ("Silver Moon", "银月")], ["tea"]),
    ("Dilmah", "迪尔玛", "LK", [("Ceylon Supreme", "锡兰至尊")], ["tea"]),
    ("Lindt", "瑞士莲", "CH", [("Excellence", "特醇"), ("Lindor", "软心")], ["chocolate"]),
    ("Ferrero", "费列罗", "IT", [("Rocher", "榛果威化"), ("Raffaello", "拉斐尔")], ["chocolate"]),
    ("Godiva", "歌帝梵", "BE", [("Signature", "经典")], ["chocolate"]),
    ("Ritter Sport", "瑞特斯波德", "DE", [("Fine Extra", "精选")], ["chocolate"]),
    ("Meiji", "明治", "JP", [("Chocolate Effect", "CHOCOLATE EFFECT"), ("Meltykiss", "雪吻")], ["chocolate"]),
    ("Calbee", "卡乐比", "JP", [("Jagarico", "杯装薯条")], ["snack"]),
    ("Pringles", "品客", "US", [("Original Tube", "罐装")], ["snack"]),
    ("Chanel", "香奈儿", "FR", [("No.5", "五号"), ("Coco Mademoiselle", "可可小姐"), ("Bleu de Chanel", "蔚蓝"), ("Chance", "邂逅")], ["perfume"]),
    ("Dior", "迪奥", "FR", [("Sauvage", "旷野"), ("J'adore", "真我"), ("Miss Dior", "花漾甜心")], ["perfume"]),
    ("Jo Malone London", "祖玛珑", "GB", [("English Pear & Freesia", "英国梨与小苍兰"), ("Wood Sage & Sea Salt", "鼠尾草与海盐"),
                                        ("Peony & Blush Suede", "牡丹与胭红麂绒")], ["perfume"]),
    ("Yves Saint Laurent", "圣罗兰", "FR", [("Libre", "自由之水"), ("Black Opium", "反转巴黎")], ["perfume"]),
    ("Hermès", "爱马仕", "FR", [("Un Jardin sur le Nil", "尼罗河花园"), ("Terre d'Hermès", "大地")], ["perfume"]),
    ("Byredo", "百瑞德", "SE", [("Mojave Ghost", "荒漠孤魂"), ("Gypsy Water", "吉普赛之水")], ["perfume"]),
    ("Optimum Nutrition", "奥普帝蒙", "US", [("Gold Standard 100% Whey", "金标乳清"), ("Protein Bar", "蛋白棒")], ["protein_powder", "protein_bar"]),
    ("Quest", "Quest", "US", [("Protein Bar", "蛋白棒"), ("Hero Bar", "Hero")], ["protein_bar"]),
    ("MuscleTech", "肌肉科技", "US", [("Nitro-Tech", "正氮")], ["protein_powder"]),
    ("Dymatize", "狄马泰斯", "US", [("ISO100", "ISO100")], ["protein_powder"]),
    ("Grenade", "Grenade", "GB", [("Carb Killa", "Carb Killa")], ["protein_bar"]),
]

# invented brands: latin syllable, Chinese transliteration, its pinyin
SYLLABLES = [("ka", "卡", "ka"), ("lo", "洛", "luo"), ("ra", "拉", "la"), ("vi", "维", "wei"), ("ne", "妮", "ni"),
             ("sa", "萨", "sa"), ("to", "托", "tuo"), ("mi", "米", "mi"), ("ri", "瑞", "rui"), ("no", "诺", "nuo"),
             ("ba", "巴", "ba"), ("de", "德", "de"), ("li", "丽", "li"), ("ma", "玛", "ma"), ("ko", "柯", "ke"),
             ("su", "苏", "su"), ("ta", "塔", "ta"), ("po", "珀", "po"), ("lu", "露", "lu"), ("fi", "菲", "fei"),
             ("ze", "泽", "ze"), ("an", "安", "an"), ("el", "艾", "ai"), ("or", "奥", "ao"), ("ven", "文", "wen"),
             ("kin", "金", "jin"), ("mon", "蒙", "meng"), ("ber", "贝", "bei"), ("tis", "缇", "ti"), ("gen", "根", "gen"),
             ("ve", "薇", "wei"), ("da", "达", "da"), ("ni", "尼", "ni"), ("ro", "罗", "luo"), ("sen", "森", "sen")]
ZH_BRAND_WORDS = [("优", "you"), ("品", "pin"), ("良", "liang"), ("悦", "yue"), ("然", "ran"), ("森", "sen"), ("活", "huo"),
                  ("谷", "gu"), ("雨", "yu"), ("初", "chu"), ("心", "xin"), ("拾", "shi"), ("光", "guang"), ("木", "mu"),
                  ("屿", "yu"), ("野", "ye"), ("行", "xing"), ("小", "xiao"), ("鹿", "lu"), ("山", "shan"), ("川", "chuan"),
                  ("青", "qing"), ("禾", "he"), ("朴", "pu"), ("素", "su"), ("星", "xing"), ("辰", "chen"), ("北", "bei"),
                  ("极", "ji"), ("熊", "xiong"), ("云", "yun"), ("途", "tu"), ("瓦", "wa"), ("匠", "jiang"), ("茗", "ming")]
LOOKALIKE_ZH_SUFFIX = [("汇", "hui"), ("家", "jia"), ("堂", "tang"), ("坊", "fang"), ("记", "ji")]
LOOKALIKE_EN_SUFFIX = [" Home", " Life", " Plus", " Co", " Lab"]
STORE_SUFFIX = ["旗舰店", "海外旗舰店", "海外专营店", "官方旗舰店", "专营店", "全球购", "海外直营店"]
COUNTRY_ZH = {"AU": "澳洲", "US": "美国", "GB": "英国", "FR": "法国", "DE": "德国", "IT": "意大利", "JP": "日本", "KR": "韩国",
              "CN": "国产", "CH": "瑞士", "NZ": "新西兰", "CA": "加拿大", "CL": "智利", "ES": "西班牙", "IL": "以色列",
              "NL": "荷兰", "BE": "比利时", "SE": "瑞典", "SG": "新加坡", "LK": "斯里兰卡", "DK": "丹麦"}
INVENTED_COUNTRIES = ["DE", "US", "JP", "AU", "FR", "KR", "GB", "IT", "NZ", "DK", "CN", "CN"]
EAN_PREFIX = {"AU": "930", "GB": "501", "FR": "340", "DE": "400", "IT": "800", "JP": "490", "KR": "880", "CN": "690",
              "CH": "761", "NZ": "942", "CL": "780", "ES": "841", "IL": "729", "NL": "871", "BE": "541",
              "SE": "731", "SG": "888", "LK": "479", "DK": "570"}

SERIES = [("Classic", "经典"), ("Pro", "专业版"), ("Premium", "臻选"), ("Signature", "签名款"), ("Essential", "基础款"),
          ("Ultra", "极致"), ("Daily", "日常"), ("Nordic", "北欧"), ("Cloud", "云朵"), ("Pure", "纯净"), ("Heritage", "传承"),
          ("Origin", "本源"), ("Explorer", "探索者"), ("Summit", "巅峰"), ("Breeze", "微风"), ("Velvet", "丝绒"),
          ("Urban", "都市"), ("Alpine", "阿尔卑斯"), ("Ocean", "海洋"), ("Forest", "森林"), ("Aurora", "极光"),
          ("Lite", "轻盈版"), ("Reserve", "珍藏"), ("Vintage", "复古"), ("Sport", "运动款"), ("Travel", "旅行款"),
          ("Studio", "工作室"), ("Wild", "荒野"), ("Harbor", "港湾"), ("Meadow", "草甸")]
CODES = ["", "", "", "X3", "X5", "S200", "S300", "No.7", "No.9", "V2", "V3", "A1", "A7", "Z10", "M8", "T60"]

MARKETING_PRE = ["【包邮】", "【官方正品】", "【现货速发】", "【保税仓发货】", "【跨境直邮】", "【限时特惠】", "[Hot]", "【新品】",
                 "【专柜同款】", "【顺丰包邮】"]
MARKETING_POST = ["正品保证", "现货", "假一赔十", "顺丰包邮", "满199减20", "第2件半价", "拍2件更优惠", "Free Shipping",
                  "Genuine", "2026新款", "热卖爆款", "保税直发", "当天发货"]
ORIGIN_PROMO = ["{c}直邮", "{c}进口", "{c}原装", "香港直邮", "保税区发货"]

TRADITIONAL = str.maketrans({
    "装": "裝", "红": "紅", "绿": "綠", "蓝": "藍", "银": "銀", "礼": "禮", "发": "髮", "护": "護", "净": "淨", "电": "電",
    "动": "動", "头": "頭", "宠": "寵", "叶": "葉", "维": "維", "软": "軟", "钙": "鈣", "鱼": "魚", "营": "營", "养": "養",
    "运": "運", "条": "條", "饼": "餅", "浓": "濃", "户": "戶", "帐": "帳", "篷": "篷", "充": "充", "宝": "寶", "线": "線",
    "壳": "殼", "机": "機", "壶": "壺", "钱": "錢", "单": "單", "号": "號", "国": "國", "标": "標", "欧": "歐", "岁": "歲",
    "儿": "兒", "猫": "貓", "粮": "糧", "颗": "顆", "进": "進", "现": "現", "货": "貨", "邮": "郵", "专": "專", "舰": "艦",
    "组": "組", "两": "兩", "顺": "順", "丰": "豐", "证": "證", "经": "經", "无": "無", "柠": "檸", "檬": "檬", "军": "軍",
    "雾": "霧", "驼": "駝", "丽": "麗", "玛": "瑪", "苏": "蘇", "泽": "澤", "贝": "貝", "缇": "緹", "萨": "薩", "奥": "奧",
    "诺": "諾", "罗": "羅", "达": "達", "乐": "樂", "尔": "爾", "兰": "蘭", "龙": "龍", "诗": "詩", "迪": "迪", "轻": "輕",
    "极": "極", "巅": "巔", "锋": "鋒", "质": "質", "纯": "純", "丝": "絲", "绒": "絨", "传": "傳", "珑": "瓏", "骧": "驤",
    "盒": "盒", "毫": "毫", "升": "升", "厘": "釐", "码": "碼", "黄": "黃", "乌": "烏", "荞": "蕎", "纤": "纖",
})
