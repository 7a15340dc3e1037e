"""Vocabulary of generator e: twenty categories none of the earlier sets covers, with real and invented brands.

Every category names its brands ``(latin, chinese, country)`` (either script may be empty: a brand known by one
script only), its lines ``(english, chinese)``, and its variant axes: each axis is a list of values, or a
function of a ``random.Random`` giving a family its own values (model numbers, set numbers). A value is a
tuple whose first item says how to write it (see generate_e_render): ``("g", grams)``, ``("ml", ml)``,
``("n", count, unit_zh, unit_en)``, ``("mm", mm)``, ``("lbl", en, zh)``, ``("age", months)``,
``("pow", hundredths of a dioptre)``, ``("spf", spf, pa)``, ``("col", en, zh)``, ``("model", code)``,
``("plug", code)``, ``("kit", handle, blades)``, ``("umf", n)`` (written MGO for brands grading that way).
``own`` gives a real brand's own lines (Gillette's Fusion5, Dyson's Supersonic): no other brand sells them,
except the look-alikes copying them.
"""

from __future__ import annotations

import random

# (latin, chinese) syllables for invented brands: read as a transliteration both ways
SYLLABLES = [("ka", "卡"), ("lo", "洛"), ("ri", "瑞"), ("va", "瓦"), ("ne", "妮"), ("to", "托"), ("mi", "米"),
             ("sa", "萨"), ("bel", "贝尔"), ("ra", "拉"), ("no", "诺"), ("ta", "塔"), ("li", "丽"), ("ko", "柯"),
             ("de", "德"), ("ma", "玛"), ("vi", "维"), ("fer", "菲尔"), ("su", "苏"), ("en", "恩"), ("o", "欧"),
             ("ga", "加"), ("ni", "尼"), ("le", "乐"), ("tu", "图"), ("hai", "海"), ("wen", "文"), ("ru", "茹"),
             ("pa", "帕"), ("si", "思"), ("da", "达"), ("ke", "克"), ("ban", "班"), ("mo", "莫"), ("zen", "禅"),
             ("lu", "露"), ("fi", "菲"), ("ha", "哈"), ("na", "娜"), ("bo", "博")]
# look-alike twins of a syllable: one letter and one character away
TWIN = {"卡": "咔", "洛": "络", "瑞": "锐", "瓦": "娃", "妮": "尼", "托": "拓", "米": "咪", "萨": "莎", "拉": "啦",
        "诺": "娜", "塔": "达", "丽": "莉", "柯": "可", "德": "得", "玛": "马", "维": "唯", "苏": "素", "恩": "思",
        "欧": "鸥", "加": "佳", "尼": "妮", "乐": "勒", "图": "途", "海": "嗨", "文": "雯", "茹": "如", "帕": "派",
        "思": "斯", "达": "塔", "克": "可", "班": "邦", "莫": "默", "禅": "婵", "露": "璐", "菲": "斐", "哈": "蛤",
        "娜": "纳", "博": "铂", "贝尔": "倍尔", "菲尔": "斐尔"}
# Chinese-only invented brand names (shop-grown domestic labels sold cross-border)
CN_WORDS = ["禾", "田", "记", "源", "悦", "初", "研", "然", "本", "木", "良", "品", "优", "选", "谷", "雨", "山",
            "川", "语", "家", "和", "安", "心", "净", "朵", "小", "森", "月", "云"]

ORIGIN_ZH = {"NZ": "新西兰", "AU": "澳洲", "JP": "日本", "US": "美国", "DE": "德国", "FR": "法国", "IT": "意大利",
             "ES": "西班牙", "GB": "英国", "KR": "韩国", "DK": "丹麦", "NL": "荷兰", "CH": "瑞士", "CN": "中国",
             "IE": "爱尔兰", "CA": "加拿大", "SE": "瑞典", "BE": "比利时", "GR": "希腊", "TH": "泰国"}
# GS1 prefixes (3 digits) by country; US/CA brands use UPC-A
GS1 = {"NZ": "942", "AU": "931", "JP": "490", "DE": "400", "FR": "300", "IT": "800", "ES": "841", "GB": "501",
       "KR": "880", "DK": "570", "NL": "871", "CH": "760", "CN": "690", "IE": "539", "SE": "730", "BE": "541",
       "GR": "520", "TH": "885"}

COLOURS = [("Black", "黑色"), ("White", "白色"), ("Grey", "灰色"), ("Navy", "藏青色"), ("Pink", "粉色"),
           ("Blue", "蓝色"), ("Green", "绿色"), ("Beige", "米色"), ("Purple", "紫色"), ("Red", "红色")]
INK = [("Black", "黑色"), ("Blue", "蓝色"), ("Red", "红色"), ("Blue Black", "蓝黑色"), ("Green", "绿色")]


def _model(prefix: str, digits: int, n: int):
    def values(rng: random.Random) -> list:
        return [("model", f"{prefix}{rng.randrange(10 ** (digits - 1), 10 ** digits)}") for _ in range(n)]
    return values


def _set_numbers(rng: random.Random) -> list:
    return [("model", str(rng.randrange(10000, 79999))) for _ in range(rng.randint(2, 4))]


def _lens_powers(rng: random.Random) -> list:
    start = rng.choice([50, 100, 150, 200, 300])
    return [("pow", -(start + 25 * k)) for k in range(rng.randint(3, 8))]


def _cols(options, k=(2, 4)):
    def values(rng: random.Random) -> list:
        return [("col", en, zh) for en, zh in rng.sample(options, rng.randint(*k))]
    return values


CATEGORIES = [
    {"code": "HNY", "zh": "蜂蜜", "en": "Honey", "hs": "0409000000", "vat": "0.09", "unit": "瓶",
     "brands": [("Comvita", "康维他", "NZ"), ("Manuka Health", "蜜纽康", "NZ"), ("Egmont", "", "NZ"),
                ("Arataki", "阿拉塔基", "NZ"), ("Capilano", "", "AU"), ("Airborne", "艾尔邦", "NZ")],
     "lines": [("Manuka Honey", "麦卢卡蜂蜜"), ("Manuka Honey Blend", "麦卢卡混合蜂蜜"),
               ("Rewarewa Honey", "雷瓦雷瓦蜂蜜"), ("Manuka Honey Lozenges", "麦卢卡蜂蜜润喉糖")],
     "axes": [("grade", [("umf", 5), ("umf", 10), ("umf", 15), ("umf", 20)]),
              ("size", [("g", 250), ("g", 500), ("g", 1000)])], "packs": [1, 1, 1, 2, 3]},
    {"code": "BBF", "zh": "婴儿辅食", "en": "Baby Food", "hs": "2005100000", "vat": "0.13", "unit": "袋",
     "brands": [("Ella's Kitchen", "艾拉厨房", "GB"), ("Heinz", "亨氏", "US"), ("Little Freddie", "小皮", "GB"),
                ("Rafferty's Garden", "", "AU"), ("Bellamy's", "贝拉米", "AU"), ("Holle", "泓乐", "CH")],
     "lines": [("Apple & Banana Puree", "苹果香蕉泥"), ("Carrot & Sweet Potato Puree", "胡萝卜红薯泥"),
               ("Organic Rice Cereal", "有机高铁米粉"), ("Pear & Mango Pouch", "梨芒果果泥"),
               ("Beef & Veg Puree", "牛肉蔬菜泥"), ("Oat & Apple Cereal", "燕麦苹果米糊")],
     "axes": [("stage", [("age", 4), ("age", 6), ("age", 7), ("age", 10), ("age", 12)]),
              ("size", [("g", 90), ("g", 120), ("g", 225), ("g", 400)])], "packs": [1, 1, 5, 6, 7]},
    {"code": "MLK", "zh": "成人奶粉牛奶", "en": "Adult Milk", "hs": "0402210000", "vat": "0.09", "unit": "罐",
     "brands": [("a2", "", "AU"), ("Anchor", "安佳", "NZ"), ("Devondale", "德运", "AU"),
                ("Oldenburger", "欧德堡", "DE"), ("Lemnos", "", "AU"), ("Arla", "爱氏晨曦", "DK")],
     "lines": [("Full Cream Milk Powder", "全脂奶粉"), ("Skim Milk Powder", "脱脂奶粉"),
               ("High Calcium Milk Powder", "高钙奶粉"), ("UHT Full Cream Milk", "全脂纯牛奶"),
               ("UHT Low Fat Milk", "低脂纯牛奶")],
     "axes": [("size", [("g", 400), ("g", 900), ("g", 1000), ("ml", 200), ("ml", 250), ("ml", 1000)])],
     "packs": [1, 1, 6, 12, 24]},
    {"code": "OIL", "zh": "橄榄油", "en": "Olive Oil", "hs": "1509200000", "vat": "0.09", "unit": "瓶",
     "brands": [("Borges", "伯爵", "ES"), ("Bertolli", "佰多力", "IT"), ("", "欧丽薇兰", "CN"),
                ("Carbonell", "康宝娜", "ES"), ("Basso", "巴碧", "IT"), ("Minerva", "", "GR")],
     "lines": [("Extra Virgin Olive Oil", "特级初榨橄榄油"), ("Pure Olive Oil", "纯正橄榄油"),
               ("Pomace Olive Oil", "果渣橄榄油"), ("Organic Extra Virgin Olive Oil", "有机特级初榨橄榄油")],
     "axes": [("size", [("ml", 250), ("ml", 500), ("ml", 750), ("ml", 1000), ("ml", 3000), ("ml", 5000)])],
     "packs": [1, 1, 1, 2, 6]},
    {"code": "CRL", "zh": "麦片", "en": "Cereal", "hs": "1904100000", "vat": "0.13", "unit": "盒",
     "brands": [("Kellogg's", "家乐氏", "US"), ("Uncle Tobys", "", "AU"), ("Quaker", "桂格", "US"),
                ("Calbee", "卡乐比", "JP"), ("Jordans", "乔丹", "GB"), ("Nestle", "雀巢", "CH")],
     "lines": [("Fruit Granola", "水果燕麦片"), ("Corn Flakes", "玉米片"), ("Quick Oats", "即食燕麦片"),
               ("Crunchy Muesli", "烘焙脆麦片"), ("Frugra", "富果乐水果麦片"), ("Special K", "香脆麦片")],
     "own": {"Kellogg's": [1, 5], "Calbee": [4]},
     "axes": [("size", [("g", 300), ("g", 380), ("g", 500), ("g", 700), ("g", 1000)])], "packs": [1, 1, 2, 3]},
    {"code": "DSH", "zh": "洗涤用品", "en": "Cleaning", "hs": "3402500000", "vat": "0.13", "unit": "盒",
     "brands": [("Finish", "亮碟", "GB"), ("Ariel", "碧浪", "US"), ("Persil", "宝莹", "DE"),
                ("Attitude", "", "CA"), ("Method", "", "US"), ("Frosch", "菲洛施", "DE")],
     "lines": [("Quantum Dishwasher Tablets", "洗碗机专用洗碗块"), ("All in One Dishwasher Tablets", "多效合一洗碗块"),
               ("Laundry Capsules", "洗衣凝珠"), ("Liquid Laundry Detergent", "洗衣液"),
               ("Rinse Aid", "洗碗机光亮剂")],
     "own": {"Finish": [0]},
     "axes": [("count", [("n", 20, "块", "tablets"), ("n", 40, "块", "tablets"), ("n", 60, "块", "tablets"),
                         ("n", 85, "块", "tablets"), ("n", 100, "块", "tablets")]),
              ("size", [("ml", 400), ("ml", 2000), ("ml", 3000)])], "packs": [1, 1, 2, 3]},
    {"code": "FEM", "zh": "卫生巾", "en": "Feminine Care", "hs": "9619002000", "vat": "0.13", "unit": "包",
     "brands": [("Whisper", "护舒宝", "JP"), ("Kotex", "高洁丝", "US"), ("Sofy", "苏菲", "JP"),
                ("Laurier", "乐而雅", "JP"), ("Always", "", "US"), ("Libra", "", "AU")],
     "lines": [("Ultra Thin Day", "日用超薄卫生巾"), ("Overnight", "夜用卫生巾"), ("Ultra Soft Cotton", "超柔纯棉卫生巾"),
               ("Panty Liners", "护垫"), ("Extra Long Night", "超长夜用卫生巾")],
     "axes": [("length", [("mm", 155), ("mm", 240), ("mm", 290), ("mm", 350), ("mm", 420)]),
              ("count", [("n", 8, "片", "pads"), ("n", 10, "片", "pads"), ("n", 16, "片", "pads"),
                         ("n", 20, "片", "pads")])], "packs": [1, 1, 3, 6]},
    {"code": "RZR", "zh": "剃须刀", "en": "Razor", "hs": "8212100000", "vat": "0.13", "unit": "套",
     "brands": [("Gillette", "吉列", "US"), ("Schick", "舒适", "US"), ("Dorco", "多乐可", "KR"),
                ("Harry's", "", "US"), ("BIC", "比克", "FR"), ("Kai", "贝印", "JP")],
     "lines": [("Fusion5 ProGlide", "锋隐致顺"), ("Mach3 Turbo", "锋速3突破"), ("Hydro 5", "水次元5"),
               ("Pace 6 Plus", "6层刀片"), ("Venus Smooth", "女士剃毛刀"),
               ("3-Blade Disposable Razor", "三层刀片一次性剃须刀"), ("Sensitive Skin Razor", "敏感肌剃须刀")],
     "own": {"Gillette": [0, 1, 4], "Schick": [2], "Dorco": [3]},
     "axes": [("kit", [("kit", 1, 1), ("kit", 1, 2), ("kit", 1, 4), ("kit", 0, 4), ("kit", 0, 8),
                       ("kit", 0, 12)])], "packs": [1]},
    {"code": "LNS", "zh": "隐形眼镜", "en": "Contact Lens", "hs": "9001300000", "vat": "0.13", "unit": "盒",
     "brands": [("Acuvue", "安视优", "US"), ("Bausch+Lomb", "博士伦", "US"), ("Alcon", "爱尔康", "CH"),
                ("Menicon", "美尼康", "JP"), ("Seed", "实瞳", "JP"), ("CooperVision", "库博光学", "US")],
     "lines": [("1-Day Moist Daily", "日抛"), ("Oasys Biweekly", "双周抛"), ("Monthly Aqua", "月抛"),
               ("Define Color Daily", "彩色日抛"), ("Astigmatism Daily", "散光日抛")],
     "own": {"Acuvue": [0, 1, 3]},
     "axes": [("power", _lens_powers), ("count", [("n", 6, "片", "lenses"), ("n", 30, "片", "lenses"),
                                                  ("n", 90, "片", "lenses")])], "packs": [1]},
    {"code": "MED", "zh": "家用医疗器械", "en": "Health Device", "hs": "9018190000", "vat": "0.13", "unit": "台",
     "brands": [("Omron", "欧姆龙", "JP"), ("Braun", "博朗", "DE"), ("Microlife", "迈克大夫", "CH"),
                ("Beurer", "博雅", "DE"), ("Terumo", "泰尔茂", "JP"), ("", "鱼跃", "CN")],
     "lines": [("Upper Arm Blood Pressure Monitor", "上臂式电子血压计"), ("Wrist Blood Pressure Monitor", "腕式血压计"),
               ("Ear Thermometer", "耳温枪"), ("Forehead Thermometer", "额温枪"), ("Nebulizer", "雾化器")],
     "axes": [("model", _model("", 4, 3))], "packs": [1], "model_prefix": True},
    {"code": "TOY", "zh": "积木玩具", "en": "Building Set", "hs": "9503008900", "vat": "0.13", "unit": "盒",
     "brands": [("LEGO", "乐高", "DK"), ("Playmobil", "摩比世界", "DE"), ("Mega Bloks", "美高", "CA"),
                ("Tamiya", "田宫", "JP"), ("Sluban", "小鲁班", "CN"), ("Keeppley", "", "CN")],
     "lines": [("City Fire Station", "城市组消防局"), ("Technic Race Car", "机械组赛车"),
               ("Friends Heartlake Cafe", "好朋友心湖城咖啡馆"), ("Creator Treehouse", "创意百变树屋"),
               ("Star Wars Starfighter", "星球大战战机"), ("Classic Brick Box", "经典创意积木盒"),
               ("Dinosaur Building Set", "恐龙拼装积木"), ("Space Station", "太空站拼装积木")],
     "own": {"LEGO": [0, 1, 2, 3, 4]},
     "axes": [("set", _set_numbers)], "packs": [1], "ages": [4, 6, 7, 8, 9, 12, 18]},
    {"code": "PEN", "zh": "文具", "en": "Stationery", "hs": "9608101000", "vat": "0.13", "unit": "支",
     "brands": [("Pilot", "百乐", "JP"), ("Uni", "三菱", "JP"), ("Zebra", "斑马", "JP"), ("Pentel", "派通", "JP"),
                ("Stabilo", "思笔乐", "DE"), ("Muji", "无印良品", "JP")],
     "lines": [("Juice Gel Pen", "果汁中性笔"), ("Signo UM-151", "签字笔"), ("Sarasa Clip", "按动中性笔"),
               ("Energel", "速干中性笔"), ("Kuru Toga Pencil", "自动铅笔"), ("Frixion Erasable Pen", "可擦笔"),
               ("Gel Ink Pen", "中性笔"), ("Fineliner", "针管笔")],
     "own": {"Pilot": [0, 5], "Uni": [1, 4], "Zebra": [2], "Pentel": [3]},
     "axes": [("tip", [("mm", 0.28), ("mm", 0.38), ("mm", 0.5), ("mm", 0.7)]), ("colour", _cols(INK))],
     "packs": [1, 1, 3, 5, 10]},
    {"code": "SUN", "zh": "防晒", "en": "Sunscreen", "hs": "3304990099", "vat": "0.13", "unit": "支",
     "brands": [("Anessa", "安热沙", "JP"), ("Biore", "碧柔", "JP"), ("Skin Aqua", "新碧", "JP"),
                ("La Roche-Posay", "理肤泉", "FR"), ("Allie", "皑丽", "JP"), ("Banana Boat", "香蕉船", "US")],
     "lines": [("Perfect UV Sunscreen Milk", "金瓶防晒乳"), ("UV Aqua Rich Watery Essence", "水感防晒精华"),
               ("Anthelios Fluid", "大哥大防晒"), ("Kids Sunscreen Lotion", "儿童防晒霜"),
               ("Tone Up UV Essence", "隔离防晒霜")],
     "own": {"Anessa": [0], "Biore": [1], "La Roche-Posay": [2]},
     "axes": [("spf", [("spf", 30, 3), ("spf", 50, 4), ("spf", 50, 3), ("spf", 15, 2)]),
              ("size", [("ml", 40), ("ml", 50), ("ml", 60), ("ml", 90)])], "packs": [1, 1, 1, 2]},
    {"code": "SCK", "zh": "袜子内衣", "en": "Socks & Underwear", "hs": "6115960000", "vat": "0.13", "unit": "双",
     "brands": [("Uniqlo", "优衣库", "JP"), ("Bonds", "", "AU"), ("Gunze", "郡是", "JP"), ("Hanes", "恒适", "US"),
                ("Happy Socks", "", "SE"), ("Tabio", "靴下屋", "JP")],
     "lines": [("Ankle Socks", "船袜"), ("Crew Socks", "中筒袜"), ("Cotton Boxer Briefs", "纯棉平角内裤"),
               ("Seamless Briefs", "无痕内裤"), ("Wool Hiking Socks", "羊毛徒步袜")],
     "axes": [("size", [("lbl", "S", "S码"), ("lbl", "M", "M码"), ("lbl", "L", "L码"), ("lbl", "XL", "XL码")]),
              ("colour", _cols(COLOURS))], "packs": [1, 3, 3, 5]},
    {"code": "WIP", "zh": "湿巾", "en": "Baby Wipes", "hs": "3401110000", "vat": "0.13", "unit": "包",
     "brands": [("WaterWipes", "", "IE"), ("Pigeon", "贝亲", "JP"), ("Huggies", "好奇", "US"),
                ("Johnson's", "强生", "US"), ("Mamia", "", "AU"), ("Babycare", "", "CN")],
     "lines": [("Pure Water Baby Wipes", "纯水婴儿湿巾"), ("Hand & Mouth Wipes", "手口湿巾"),
               ("Sensitive Wipes", "敏感肌湿巾"), ("Flushable Wipes", "可冲散湿巾")],
     "axes": [("count", [("n", 25, "抽", "wipes"), ("n", 60, "抽", "wipes"), ("n", 80, "抽", "wipes"),
                         ("n", 100, "抽", "wipes")])], "packs": [1, 3, 6, 12]},
    {"code": "CDL", "zh": "香薰蜡烛", "en": "Home Fragrance", "hs": "3406000000", "vat": "0.13", "unit": "个",
     "brands": [("Yankee Candle", "扬基", "US"), ("Glade", "佳丽", "US"), ("Voluspa", "", "US"),
                ("Diptyque", "蒂普提克", "FR"), ("Rituals", "", "NL"), ("The White Company", "", "GB")],
     "lines": [("Clean Cotton", "清新棉花"), ("Midsummer's Night", "仲夏夜"), ("Lavender Reed Diffuser", "薰衣草无火香薰"),
               ("Baies Scented Candle", "浆果香氛蜡烛"), ("Sandalwood Reed Diffuser Refill", "檀香香薰补充装")],
     "own": {"Yankee Candle": [0, 1], "Diptyque": [3]},
     "axes": [("size", [("g", 104), ("g", 190), ("g", 411), ("g", 623), ("ml", 100), ("ml", 200)])],
     "packs": [1, 1, 2]},
    {"code": "YOG", "zh": "瑜伽垫", "en": "Yoga Mat", "hs": "9506910000", "vat": "0.13", "unit": "张",
     "brands": [("Lululemon", "露露乐蒙", "CA"), ("Manduka", "", "US"), ("Liforme", "", "GB"),
                ("Gaiam", "", "US"), ("Keep", "", "CN"), ("Jade", "", "US")],
     "lines": [("The Mat Reversible", "双面瑜伽垫"), ("PRO Yoga Mat", "专业瑜伽垫"), ("Travel Yoga Mat", "便携折叠瑜伽垫"),
               ("TPE Yoga Mat", "TPE防滑瑜伽垫"), ("Natural Rubber Mat", "天然橡胶瑜伽垫")],
     "own": {"Lululemon": [0], "Manduka": [1]},
     "axes": [("thickness", [("mm", 1.5), ("mm", 3), ("mm", 4), ("mm", 5), ("mm", 6), ("mm", 8)]),
              ("colour", _cols(COLOURS))], "packs": [1]},
    {"code": "HDR", "zh": "个护电器", "en": "Hair Styling", "hs": "8516310000", "vat": "0.13", "unit": "台",
     "brands": [("Dyson", "戴森", "GB"), ("Panasonic", "松下", "JP"), ("Philips", "飞利浦", "NL"),
                ("Remington", "雷明登", "US"), ("ghd", "", "GB"), ("Laifen", "徕芬", "CN")],
     "lines": [("Supersonic Hair Dryer", "吹风机"), ("Airwrap Multi-Styler", "多功能美发造型器"),
               ("Nanoe Hair Dryer", "纳米水离子吹风机"), ("Ceramic Curling Iron", "陶瓷卷发棒"),
               ("Hair Straightener", "直发夹板")],
     "own": {"Dyson": [0, 1], "Panasonic": [2]},
     "axes": [("model", _model("", 3, 2)), ("plug", [("plug", "CN"), ("plug", "UK"), ("plug", "EU"), ("plug", "US")]),
              ("colour", _cols(COLOURS[:6], (1, 3)))], "packs": [1], "model_prefix": True},
    {"code": "BOX", "zh": "保鲜盒", "en": "Food Container", "hs": "7013490000", "vat": "0.13", "unit": "件",
     "brands": [("Glasslock", "三光云彩", "KR"), ("Pyrex", "康宁", "US"), ("Lock&Lock", "乐扣乐扣", "KR"),
                ("Borosil", "", "TH"), ("Sistema", "", "NZ"), ("Iwaki", "怡万家", "JP")],
     "lines": [("Round Glass Container", "圆形玻璃保鲜盒"), ("Rectangular Glass Container", "长方形玻璃保鲜盒"),
               ("Lunch Box Set", "便当饭盒套装"), ("Microwave Safe Bowl", "微波炉碗")],
     "axes": [("size", [("ml", 370), ("ml", 400), ("ml", 715), ("ml", 1000), ("ml", 1500)]),
              ("set", [("n", 1, "件", "pcs"), ("n", 3, "件套", "pcs set"), ("n", 5, "件套", "pcs set"),
                       ("n", 10, "件套", "pcs set")])], "packs": [1]},
    {"code": "EYE", "zh": "眼镜", "en": "Eyewear", "hs": "9004100000", "vat": "0.13", "unit": "副",
     "brands": [("Ray-Ban", "雷朋", "IT"), ("Oakley", "欧克利", "US"), ("Persol", "", "IT"),
                ("Gentle Monster", "", "KR"), ("", "派丽蒙", "CN"), ("Carrera", "卡雷拉", "IT")],
     "lines": [("Wayfarer Sunglasses", "徒步旅行者太阳镜"), ("Aviator Sunglasses", "飞行员太阳镜"),
               ("Round Optical Frame", "圆框光学镜架"), ("Sports Sunglasses", "运动太阳镜")],
     "own": {"Ray-Ban": [0, 1]},
     "axes": [("model", _model("", 4, 2)), ("lens", [("mm", 50), ("mm", 52), ("mm", 54), ("mm", 58)]),
              ("colour", _cols(COLOURS[:5], (1, 3)))], "packs": [1], "model_prefix": True},
]

# model-number prefixes of a brand (real ones where known, else two letters of the brand)
MODEL_PREFIX = {"Omron": "HEM-", "Braun": "IRT", "Microlife": "BP B", "Beurer": "BM ", "Terumo": "ES-",
                "Dyson": "HD", "Panasonic": "EH-NA", "Philips": "BHD", "Remington": "CI", "ghd": "S",
                "Ray-Ban": "RB", "Oakley": "OO", "Persol": "PO", "Carrera": "CA", "Gentle Monster": "GM",
                "Laifen": "SE", "鱼跃": "YE", "派丽蒙": "PR"}


def invented_brand(rng: random.Random, country: str) -> tuple[str, str, str]:
    """A made-up brand: Latin and Chinese transliterating each other, or one script only."""
    kind = rng.random()
    if kind < 0.15:
        zh = "".join(rng.sample(CN_WORDS, rng.choice([2, 2, 3])))
        return "", zh, "CN" if rng.random() < 0.5 else country
    parts = [rng.choice(SYLLABLES) for _ in range(rng.choice([2, 3, 3]))]
    latin = "".join(p[0] for p in parts).capitalize()
    zh = "".join(p[1] for p in parts)
    if kind < 0.3:
        return latin, "", country
    return latin, zh, country


def lookalike(brand: tuple[str, str, str], rng: random.Random) -> tuple[str, str, str]:
    """A near-twin brand: one letter changed in the Latin name and one character in the Chinese one."""
    latin, zh, country = brand
    if latin:
        vowels = "aeiou"
        spots = [i for i, ch in enumerate(latin) if ch.lower() in vowels and i > 0]
        if spots and rng.random() < 0.6:
            i = rng.choice(spots)
            latin = latin[:i] + rng.choice([v for v in vowels if v != latin[i].lower()]) + latin[i + 1:]
        else:
            latin = latin + rng.choice(["e", "a", "s", "x", "o"]) if rng.random() < 0.5 else latin[:-1] + rng.choice("aeiyx")
    if zh:
        spots = [i for i, ch in enumerate(zh) if ch in TWIN]
        if spots:
            i = rng.choice(spots)
            zh = zh[:i] + TWIN[zh[i]] + zh[i + 1:]
        else:
            zh = zh + rng.choice(["坊", "记", "家", "源"])
    return latin, zh, country
