"""Generator g: brands. Real ones (Latin, Chinese and, where the maker uses one, a native spelling: kana, Hangul,
German or French letters), a knock-off lookalike for each, and invented brands whose Latin and Chinese names
transliterate each other.

A real brand row: id, Latin name, Chinese name, native spelling or "", country, lookalike "Latin|Chinese",
{category: ["English line|Chinese line|model code", ...]} (the lines it really sells; more are made up).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

REAL = [
    ("royalcanin", "Royal Canin", "皇家", "", "FR", "Royale Canis|皇佳",
     {"dog_food": ["Medium Adult|中型犬成犬粮|M25", "Mini Puppy|小型犬幼犬粮|MIJ31"],
      "cat_food": ["Indoor 27|室内成猫粮|I27", "Kitten 36|幼猫粮|K36", "Hair & Skin|美毛成猫粮|HS33"]}),
    ("orijen", "Orijen", "渴望", "", "CA", "Origent|渴旺",
     {"dog_food": ["Original|原味六种鱼|", "Six Fish|六种鱼|"], "cat_food": ["Cat & Kitten|鸡肉全猫粮|"]}),
    ("acana", "Acana", "爱肯拿", "", "CA", "Akanis|爱康纳", {"dog_food": ["Wild Prairie|农场盛宴|"]}),
    ("hills", "Hill's Science Diet", "希尔思", "", "US", "Hilly's|喜尔斯",
     {"dog_food": ["Sensitive Stomach & Skin|肠胃敏感配方|"], "cat_food": ["Hairball Control|去毛球配方|"]}),
    ("ziwi", "Ziwi Peak", "滋益巅峰", "", "NZ", "Ziwo Peek|滋一巅峰",
     {"dog_food": ["Air-Dried Beef|风干牛肉|"], "cat_food": ["Air-Dried Mackerel & Lamb|风干鲭鱼羊肉|"]}),
    ("pigeon", "Pigeon", "贝亲", "ピジョン", "JP", "Pigeonbaby|贝亲宝",
     {"baby_bottle": ["SofTouch Wide Neck|自然实感宽口径|", "Natural Feel|第三代自然实感|"]}),
    ("drbrowns", "Dr. Brown's", "布朗博士", "", "US", "Dr. Brownie|布鲁博士",
     {"baby_bottle": ["Options+ Anti-Colic|防胀气|", "Natural Flow Wide-Neck|宽口防胀气|"]}),
    ("hegen", "Hegen", "赫根", "", "SG", "Hegenia|赫根尼", {"baby_bottle": ["PCTO Feeding Bottle|多功能奶瓶|"]}),
    ("comotomo", "Comotomo", "可么多么", "코모토모", "KR", "Comodomo|可么哆么",
     {"baby_bottle": ["Natural Feel Baby Bottle|硅胶奶瓶|"]}),
    ("avent", "Philips Avent", "新安怡", "", "GB", "Avant Baby|新安宜", {"baby_bottle": ["Natural Response|自然原生|"]}),
    ("kerastase", "Kérastase", "卡诗", "Kerastase", "FR", "Kerastella|卡丝",
     {"shampoo": ["Elixir Ultime|双重菁纯|", "Nutritive|滋养恒护|", "Specifique|头皮系列|"]}),
    ("tsubaki", "Tsubaki", "丝蓓绮", "ツバキ", "JP", "Tsubame|丝蓓琦", {"shampoo": ["Premium Moist|奢耀光润|"]}),
    ("ryo", "Ryo", "吕", "려", "KR", "Ryeo Hair|侣", {"shampoo": ["Jayangyunmo|紫吕|", "Hambitmo|黑吕|"]}),
    ("schwarzkopf", "Schwarzkopf", "施华蔻", "", "DE", "Schwarzkraft|施华寇", {"shampoo": ["Gliss|斐丝丽|"]}),
    ("davines", "Davines", "大卫尼斯", "", "IT", "Davincia|达维尼斯", {"shampoo": ["OI|奢养|", "NouNou|滋养|"]}),
    ("alpecin", "Alpecin", "欧倍青", "", "DE", "Alpenvita|欧贝青", {"shampoo": ["Caffeine C1|咖啡因防脱|C1"]}),
    ("lion", "Lion", "狮王", "ライオン", "JP", "Lionheart|狮皇",
     {"toothpaste": ["Clinica|齿力佳|", "Systema|细齿洁|"], "toothbrush": ["Systema Sonic|细齿洁声波|SS-1"]}),
    ("sensodyne", "Sensodyne", "舒适达", "", "GB", "Sensodent|舒适得", {"toothpaste": ["Repair & Protect|专业修复|"]}),
    ("marvis", "Marvis", "玛尔仕", "", "IT", "Marvelis|玛尔斯", {"toothpaste": ["Classic Strong Mint|经典薄荷|"]}),
    ("curaprox", "Curaprox", "可乐丽秀", "", "CH", "Curaplex|可丽秀",
     {"toothpaste": ["Enzycal 1450|酵素|"], "toothbrush": ["Hydrosonic Pro|声波电动牙刷|CHS 300"]}),
    ("philips", "Philips", "飞利浦", "", "NL", "Phitronic|飞利普",
     {"toothbrush": ["Sonicare DiamondClean 9000|钻石亮白|HX9911", "Sonicare ProtectiveClean|净护|HX6859"],
      "shaver": ["Shaver S9000 Prestige|9000系列|SP9820", "OneBlade|双刃|QP2530"]}),
    ("oralb", "Oral-B", "欧乐B", "", "DE", "Oralbee|欧乐必",
     {"toothbrush": ["iO Series 9|iO9|iO9", "Pro 4|Pro4|D601"]}),
    ("panasonic", "Panasonic", "松下", "パナソニック", "JP", "Panasonix|松上",
     {"toothbrush": ["Doltz|声波电动牙刷|EW-DP54"], "shaver": ["Lamdash 5-Blade|5刀头|ES-LV9U"]}),
    ("chanel", "Chanel", "香奈儿", "", "FR", "Chanellia|香奈丽",
     {"perfume": ["Coco Mademoiselle|可可小姐|", "Chance Eau Tendre|邂逅柔情|", "Bleu de Chanel|蔚蓝|"]}),
    ("dior", "Dior", "迪奥", "", "FR", "Dioro|迪欧罗",
     {"perfume": ["Sauvage|旷野|", "Miss Dior Blooming Bouquet|花漾甜心|", "J'adore|真我|"]}),
    ("jomalone", "Jo Malone London", "祖玛珑", "", "GB", "Jo Marlowe|祖马洛",
     {"perfume": ["English Pear & Freesia|英国梨与小苍兰|", "Wood Sage & Sea Salt|鼠尾草与海盐|"]}),
    ("diptyque", "Diptyque", "蒂普提克", "", "FR", "Diptyqa|蒂普蒂卡", {"perfume": ["Do Son|杜桑|", "Philosykos|无花果|"]}),
    ("byredo", "Byredo", "百瑞德", "", "SE", "Byrello|百瑞洛", {"perfume": ["Gypsy Water|北国之春|", "Mojave Ghost|荒漠孤魂|"]}),
    ("adp", "Acqua di Parma", "帕尔玛之水", "", "IT", "Acqua di Palma|帕玛之水", {"perfume": ["Colonia|克罗尼亚|"]}),
    ("rayban", "Ray-Ban", "雷朋", "", "IT", "Ray-Bond|雷邦",
     {"sunglasses": ["Aviator Classic|飞行员|RB3025", "Wayfarer|徒步旅行者|RB2140", "Clubmaster|俱乐部|RB3016"]}),
    ("oakley", "Oakley", "欧克利", "", "US", "Oakly Sport|欧克力", {"sunglasses": ["Holbrook|霍尔布鲁克|OO9102"]}),
    ("gentlemonster", "Gentle Monster", "温柔怪兽", "젠틀몬스터", "KR", "Gentle Monstar|温柔野兽",
     {"sunglasses": ["Lang|Lang|LANG", "Her|Her|HER"]}),
    ("persol", "Persol", "帕索尔", "", "IT", "Persola|帕索拉", {"sunglasses": ["Steve McQueen|史蒂夫麦昆|PO0714"]}),
    ("sony", "Sony", "索尼", "ソニー", "JP", "Sonyo|索尼欧",
     {"headphones": ["Noise Cancelling Headphones|头戴式降噪耳机|WH-1000XM5", "Truly Wireless|真无线降噪耳机|WF-1000XM4"]}),
    ("bose", "Bose", "博士", "", "US", "Boselli|博塞利",
     {"headphones": ["QuietComfort Ultra|QC消噪耳机Ultra|QC Ultra", "QuietComfort 45|QC45消噪耳机|QC45"]}),
    ("sennheiser", "Sennheiser", "森海塞尔", "", "DE", "Sennmeister|森海大师",
     {"headphones": ["Momentum 4 Wireless|大馒头4|M4AEBT"]}),
    ("audiotechnica", "Audio-Technica", "铁三角", "オーディオテクニカ", "JP", "Audio-Tekno|铁三角形",
     {"headphones": ["Monitor Headphones|专业监听耳机|ATH-M50x"]}),
    ("zwilling", "Zwilling", "双立人", "", "DE", "Zwillmann|双立星",
     {"knives": ["Four Star|四星|", "Pro|Pro系列|"], "cookware": ["Nova|诺瓦|"]}),
    ("wmf", "WMF", "福腾宝", "", "DE", "WMX|福腾堡", {"knives": ["Grand Gourmet|美食家|"], "cookware": ["Profi|专业|"]}),
    ("wusthof", "Wüsthof", "三叉", "Wusthof", "DE", "Wuesthaus|三叉戟", {"knives": ["Classic Ikon|经典艾康|"]}),
    ("global", "Global", "具良治", "グローバル", "JP", "Globalix|具良智", {"knives": ["G Series|G系列|G-2"]}),
    ("shun", "Kai Shun", "旬", "貝印", "JP", "Shunsen|旬仙", {"knives": ["Classic|经典|DM-0706"], "razor": ["Kai Razor|贝印剃须刀|"]}),
    ("lecreuset", "Le Creuset", "酷彩", "", "FR", "Le Creatif|酷采", {"cookware": ["Signature|经典|"]}),
    ("staub", "Staub", "珐宝", "", "FR", "Staubmann|珐宝曼", {"cookware": ["Cocotte|珐琅铸铁锅|"]}),
    ("fissler", "Fissler", "菲仕乐", "", "DE", "Fissmann|菲仕曼", {"cookware": ["Original-Profi|欧瑞|"]}),
    ("tefal", "Tefal", "特福", "", "FR", "Tefaro|特福罗", {"cookware": ["Ingenio|巧变|"]}),
    ("quest", "Quest Nutrition", "Quest", "", "US", "Questar|奎斯", {"protein_bar": ["Protein Bar|蛋白棒|"]}),
    ("grenade", "Grenade", "手雷", "", "GB", "Grenadier|手榴弹", {"protein_bar": ["Carb Killa|低碳|"]}),
    ("rxbar", "RXBAR", "RXBAR", "", "US", "RX-Barz|RX棒", {"protein_bar": ["Protein Bar|蛋白棒|"]}),
    ("barebells", "Barebells", "贝瑞贝尔", "", "SE", "Barebody|贝瑞贝儿", {"protein_bar": ["Protein Bar|蛋白棒|"]}),
    ("bertolli", "Bertolli", "佰多力", "", "IT", "Bertolini|佰多利尼", {"olive_oil": ["Extra Virgin|特级初榨|", "Classico|经典|"]}),
    ("berio", "Filippo Berio", "翡丽百瑞", "", "IT", "Filippa Bella|菲丽百瑞", {"olive_oil": ["Extra Virgin|特级初榨|"]}),
    ("borges", "Borges", "伯爵", "", "ES", "Borghesi|伯爵士", {"olive_oil": ["Extra Virgin|特级初榨|"]}),
    ("monini", "Monini", "莫尼尼", "", "IT", "Moninella|莫尼妮", {"olive_oil": ["Classico|经典|"]}),
    ("gillette", "Gillette", "吉列", "", "US", "Gilletech|吉利特",
     {"razor": ["Fusion5 ProGlide|锋隐致顺|", "Mach3|锋速3|"]}),
    ("schick", "Schick", "舒适", "", "US", "Schicker|舒适佳", {"razor": ["Hydro 5|水次元5|"]}),
    ("braun", "Braun", "博朗", "", "DE", "Brauner|博朗仕", {"shaver": ["Series 9 Pro|9系|9465cc"]}),
    ("nike", "Nike", "耐克", "", "US", "Nikos|耐科斯",
     {"sports_shoes": ["Air Force 1 '07|空军一号|CW2288", "Pegasus 40|飞马40|DV3853", "Air Max 90|Air Max 90|DM0029"]}),
    ("adidas", "Adidas", "阿迪达斯", "", "DE", "Adibas|阿迪王",
     {"sports_shoes": ["Ultraboost Light|Ultraboost|HQ6351", "Samba OG|桑巴|B75806"]}),
    ("newbalance", "New Balance", "新百伦", "", "US", "New Barlun|纽巴伦", {"sports_shoes": ["574|574|ML574EVG", "2002R|2002R|M2002RXD"]}),
    ("asics", "Asics", "亚瑟士", "アシックス", "JP", "Asix|亚瑟斯", {"sports_shoes": ["Gel-Kayano 30|Gel-Kayano 30|1011B548"]}),
    ("on", "On Running", "昂跑", "", "CH", "Onn Run|昂奔", {"sports_shoes": ["Cloudmonster|云端|61.98"]}),
    ("hoka", "Hoka", "霍卡", "", "US", "Hokanu|霍卡努", {"sports_shoes": ["Clifton 9|克利夫顿9|1127895"]}),
    ("casio", "Casio", "卡西欧", "カシオ", "JP", "Casiyo|卡西奥",
     {"watches": ["G-Shock|G-SHOCK|GA-2100", "Baby-G|Baby-G|BA-110"]}),
    ("seiko", "Seiko", "精工", "セイコー", "JP", "Seikon|精功", {"watches": ["Seiko 5 Sports|精工5号|SRPD"]}),
    ("citizen", "Citizen", "西铁城", "シチズン", "JP", "Citizenia|西铁诚", {"watches": ["Promaster Eco-Drive|光动能|BN0150"]}),
    ("tissot", "Tissot", "天梭", "", "CH", "Tissoni|天梭尼", {"watches": ["PRX|超级玩家|T137.410"]}),
    ("dw", "Daniel Wellington", "丹尼尔惠灵顿", "", "SE", "Daniel Wilton|丹尼尔威灵顿", {"watches": ["Classic|经典|DW00100"]}),
]

# syllables: (Latin, Chinese) pairs that transliterate each other
SYLLABLES = [("ka", "卡"), ("lo", "洛"), ("vi", "维"), ("na", "娜"), ("mi", "米"), ("ren", "伦"), ("sa", "莎"),
             ("tor", "托"), ("bel", "贝"), ("li", "丽"), ("o", "欧"), ("ri", "瑞"), ("an", "安"), ("de", "德"),
             ("mon", "蒙"), ("fei", "菲"), ("ko", "科"), ("ra", "拉"), ("si", "斯"), ("ta", "塔"), ("no", "诺"),
             ("va", "瓦"), ("lu", "露"), ("ma", "玛"), ("ti", "蒂"), ("ber", "伯"), ("ge", "格"), ("zen", "臻"),
             ("hai", "海"), ("su", "苏"), ("ya", "雅"), ("en", "恩"), ("mo", "莫"), ("pi", "皮"), ("do", "多")]


@dataclass
class Brand:
    id: str
    latin: str
    zh: str
    country: str
    native: str = ""
    kind: str = "real"  # real, invented, unknown (never in the catalog), lookalike
    show: str = "both"  # invented brands: "latin" or "zh" when they only have one name
    lookalike: Brand | None = None
    lines: dict = field(default_factory=dict)


def real_brands() -> list[Brand]:
    brands = []
    for bid, latin, zh, native, country, look, lines in REAL:
        b = Brand(bid, latin, zh, country, native, lines={c: [tuple(x.split("|")) for x in v] for c, v in lines.items()})
        if zh.isascii():  # sold under its Latin name only
            b.show = "latin"
        la, lz = look.split("|")
        b.lookalike = Brand(bid + "_look", la, lz, "CN", kind="lookalike")
        brands.append(b)
    return brands


def invent(rng: random.Random, kind: str, taken: set[str]) -> Brand:
    """An invented brand: two or three syllables, Latin and Chinese, sometimes with only one of them."""
    while True:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))]
        latin = "".join(p[0] for p in parts).capitalize()
        if latin not in taken:
            taken.add(latin)
            break
    zh = "".join(p[1] for p in parts)
    show = rng.choices(("both", "latin", "zh"), (6, 2, 2))[0]
    country = rng.choice(("DE", "JP", "KR", "IT", "FR", "US", "AU", "CN", "GB", "NZ", "CH"))
    b = Brand(f"{kind}_{latin.lower()}", latin, zh, country, kind=kind, show=show)
    if kind == "invented":
        twist = rng.choice(SYLLABLES)
        b.lookalike = Brand(b.id + "_look", latin + twist[0], zh + twist[1], "CN", kind="lookalike")
    return b
