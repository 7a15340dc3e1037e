"""Generator f real brands: (category, Latin name, Chinese name, own-script name, country, look-alike, lines).

A look-alike is (Latin, Chinese) of a near-twin brand that sells the same lines (grey-market copies). Lines are
(Chinese line name, English line name, axes) in the axis mini-language of generate_f_vocab. Model codes are
written the way the maker writes them; the renderer drops hyphens, changes case or widens them.
"""

from __future__ import annotations

BRANDS = (
    ("birdsnest", "Brand's", "白兰氏", "แบรนด์", "TH", ("Brands'", "白兰世"), (
        ("即食燕窝", "Bird's Nest", "t:冰糖=Rock Sugar,木糖醇=Xylitol|ml:42|x:6,12"),
        ("鸡精", "Essence of Chicken", "t:原味=Original,冬虫夏草=Cordyceps|ml:42,68|x:6,12"),
    )),
    ("birdsnest", "Yan Wo Royal", "燕皇", "", "MY", ("Yen Wo Royal", "燕凰"), (
        ("马来西亚干燕盏", "Malaysian Dried Nest", "t:燕盏=Cup,燕条=Strip|g:50,100"),
        ("即食燕窝礼盒", "Ready Bird's Nest Gift Box", "ml:70|x:6,8"),
    )),
    ("ginseng", "Cheong Kwan Jang", "正官庄", "정관장", "KR", ("Cheong Kwang Jang", "正冠庄"), (
        ("高丽参精", "Korean Red Ginseng Extract", "g:30,100,240"),
        ("红参液 Everytime", "Everytime Red Ginseng", "ml:10|x:10,30"),
        ("红参精口服液 活力源", "Hwal Ki Ryuk", "ml:20|x:10"),
    )),
    ("ginseng", "Hsu's", "许氏", "", "US", ("Hsus", "徐氏"), (
        ("花旗参原支", "Wisconsin Ginseng Roots", "t:短支=Short,中支=Medium,长支=Long|g:113,227"),
        ("花旗参切片", "American Ginseng Slices", "g:56,113"),
    )),
    ("chocolate", "Lindt", "瑞士莲", "", "CH", ("Lindet", "瑞仕莲"), (
        ("特醇排装黑巧克力", "Excellence", "pct:70,85,90,99|g:100"),
        ("软心巧克力球", "Lindor", "t:牛奶=Milk,特浓黑=Extra Dark,榛子=Hazelnut,白巧=White|g:200,600"),
    )),
    ("chocolate", "Ferrero", "费列罗", "", "IT", ("Ferrora", "费力罗"), (
        ("榛果威化巧克力", "Rocher", "n粒:3,16,24,30"),
        ("臻品巧克力礼盒", "Collection", "n粒:15,24"),
    )),
    ("chocolate", "Meiji", "明治", "明治", "JP", ("Meigi", "明冶"), (
        ("雪吻巧克力", "Meltykiss", "t:原味=Original,抹茶=Matcha,草莓=Strawberry|g:52,56"),
        ("钢琴黑巧克力", "Chocolate Kouka", "pct:72,86,95|g:75"),
    )),
    ("chocolate", "Royce'", "若翼族", "ロイズ", "JP", ("Roice", "若翼簇"), (
        ("生巧克力", "Nama Chocolate", "t:牛奶=Au Lait,抹茶=Matcha,香槟=Champagne,苦甜=Bitter|n粒:20"),
    )),
    ("noodles", "Nongshim", "农心", "농심", "KR", ("Nongsim", "农芯"), (
        ("辛拉面", "Shin Ramyun", "g:120|x:5,20"),
        ("辛拉面杯面", "Shin Cup", "g:68|x:6,12"),
        ("安城汤面", "Ansungtangmyun", "g:125|x:5"),
    )),
    ("noodles", "Samyang", "三养", "삼양", "KR", ("Samyong", "三洋"), (
        ("火鸡面", "Buldak Bokkeummyun", "t:原味=Original,2倍辣=2x Spicy,芝士=Cheese,奶油=Carbonara|g:140|x:5"),
    )),
    ("noodles", "Nissin", "日清", "日清食品", "JP", ("Nisshin", "日青"), (
        ("合味道杯面", "Cup Noodle", "t:海鲜=Seafood,咖喱=Curry,原味=Original|x:12,20"),
        ("出前一丁", "Demae Iccho", "t:麻油=Sesame Oil,XO酱海鲜=XO Sauce Seafood,猪骨=Tonkotsu|g:100|x:5,30"),
    )),
    ("sauce", "House", "好侍", "ハウス", "JP", ("Hause", "好仕"), (
        ("百梦多咖喱块", "Vermont Curry", "t:甘口=Mild,中辛=Medium Hot,辛口=Hot|g:115,230"),
        ("爪哇咖喱块", "Java Curry", "t:中辛=Medium Hot,辛口=Hot|g:185"),
    )),
    ("sauce", "S&B", "爱思必", "エスビー", "JP", ("S&D", "爱斯必"), (
        ("金牌咖喱块", "Golden Curry", "t:甘口=Mild,中辛=Medium Hot,辛口=Hot|g:92,220"),
    )),
    ("sauce", "Kikkoman", "龟甲万", "キッコーマン", "JP", ("Kikoman", "龟甲方"), (
        ("特选丸大豆酱油", "Marudaizu Soy Sauce", "t:标准=Regular,减盐=Less Salt|ml:500,1000"),
        ("照烧酱", "Teriyaki Sauce", "ml:250,600"),
    )),
    ("sauce", "Kewpie", "丘比", "キユーピー", "JP", ("Kupie", "邱比"), (
        ("蛋黄沙拉酱", "Mayonnaise", "g:300,450,1000"),
        ("焙煎芝麻沙拉汁", "Roasted Sesame Dressing", "ml:180,380,1000"),
    )),
    ("collagen", "Shiseido", "资生堂", "資生堂", "JP", ("Shisedo", "姿生堂"), (
        ("The Collagen 胶原蛋白饮", "The Collagen Drink", "t:标准=Standard,EXR=EXR|ml:50|n支:10"),
        ("The Collagen 胶原蛋白片", "The Collagen Tablets", "n粒:126,378"),
    )),
    ("collagen", "Meiji", "明治", "明治", "JP", ("Meigi", "明冶"), (
        ("氨基胶原蛋白粉", "Amino Collagen", "t:标准=Standard,Premium=Premium|g:196,214"),
    )),
    ("hairdye", "Kao Liese", "花王莉婕", "リーゼ", "JP", ("Kou Liese", "花玉莉婕"), (
        ("泡沫染发剂", "Bubble Hair Color", "t:巧克力棕=Chocolate Brown,奶茶棕=Milk Tea Brown,灰棕=Ash Brown,"
         "深棕=Dark Brown,蜂蜜棕=Honey Brown"),
    )),
    ("hairdye", "Bigen", "美源", "ビゲン", "JP", ("Bigan", "美原"), (
        ("发采染发膏", "Cream Tone", "sh:4G,5G,6G,7G,5NA,6N"),
        ("可瑞慕染发霜", "Speedy Color", "sh:3,4,5,6"),
    )),
    ("hairdye", "Schwarzkopf", "施华蔻", "", "DE", ("Schwarskopf", "施华寇"), (
        ("IGORA Royal 染发膏", "IGORA Royal", "sh:4-0,5-0,5-1,6-0,7-0,8-1"),
        ("Palette 丰盈彩染发霜", "Palette Intensive", "sh:N3,N4,N5,N6"),
    )),
    ("hairdye", "L'Oreal Paris", "欧莱雅", "", "FR", ("L'Oriel Paris", "欧菜雅"), (
        ("卓韵霜染发霜", "Excellence Creme", "sh:4,5,5.3,6,6.3,7"),
    )),
    ("nailpolish", "OPI", "OPI", "", "US", ("OPl", "欧皮"), (
        ("经典指甲油", "Nail Lacquer", "sh:NL N25,NL L00,NL L87,NL W42,NL H008,NL A16"),
        ("Infinite Shine 持久指甲油", "Infinite Shine", "sh:ISL N25,ISL L00,ISL W42"),
    )),
    ("nailpolish", "essie", "埃茜", "", "US", ("esie", "埃西"), (
        ("指甲油", "Nail Polish", "sh:6,24,383,505,516|ml:13.5"),
    )),
    ("oral", "Listerine", "李施德林", "", "US", ("Listerin", "李施德琳"), (
        ("冰蓝劲爽漱口水", "Cool Mint", "ml:250,500,750,1000"),
        ("零度漱口水", "Zero", "ml:250,500"),
        ("全效护理漱口水", "Total Care", "ml:250,500,1000"),
    )),
    ("oral", "Lion", "狮王", "ライオン", "JP", ("Leon", "狮玉"), (
        ("NONIO 漱口水", "NONIO Mouthwash", "t:清爽薄荷=Clear Herb Mint,无酒精=Non Alcohol|ml:80,600,1000"),
        ("Clinica 牙线", "Clinica Floss", "n卷:1|t:50m=50m,60m=60m"),
    )),
    ("oral", "Kobayashi", "小林制药", "小林製薬", "JP", ("Kobayashe", "小林製葯"), (
        ("牙线棒", "Floss Picks", "t:Y型=Y-Type,F型=F-Type|n支:60,120"),
    )),
    ("handlip", "L'Occitane", "欧舒丹", "", "FR", ("L'Ocitane", "欧舒舟"), (
        ("乳木果护手霜", "Shea Butter Hand Cream", "ml:30,75,150"),
        ("樱花护手霜", "Cherry Blossom Hand Cream", "ml:30,75"),
        ("乳木果润唇膏", "Shea Lip Balm", "g:12"),
    )),
    ("handlip", "Carmex", "小蜜缇", "", "US", ("Carmax", "小蜜提"), (
        ("修护唇膏", "Lip Balm", "t:罐装经典=Classic Jar,挤管=Tube,樱桃棒=Cherry Stick,薄荷棒=Mint Stick"),
    )),
    ("handlip", "Mentholatum", "曼秀雷敦", "メンソレータム", "JP", ("Menthalatum", "曼秀雷郭"), (
        ("薄荷润唇膏", "Medicated Lip Stick", "t:薄荷=Menthol,无香=Unscented|g:3.5,4.5"),
    )),
    ("catlitter", "Ever Clean", "铂钻", "", "US", ("Ever Clear", "铂鉆"), (
        ("低尘膨润土猫砂", "Extra Strength", "t:无香=Unscented,香型=Scented|lb:14,25,42"),
        ("多猫家庭猫砂", "Multi-Cat", "lb:25,42"),
    )),
    ("catlitter", "Cat's Best", "凯优", "", "DE", ("Cat's Beste", "凯忧"), (
        ("原装木屑猫砂", "Original", "L:10,20,40"),
        ("黑标猫砂", "Smart Pellets", "L:10,20"),
    )),
    ("catlitter", "Unicharm", "尤妮佳", "ユニ・チャーム", "JP", ("Unicharme", "尤尼佳"), (
        ("消臭大师双层猫砂", "Deo-Toilet Chips", "t:无香=Unscented,绿茶=Green Tea|L:2,4"),
    )),
    ("flask", "Zojirushi", "象印", "象印", "JP", ("Zojirushe", "象卬"), (
        ("不锈钢保温杯", "Stainless Mug", "ml:360,480,600~mdl:SM-SA36,SM-SA48,SM-SA60|col:黑,白,粉"),
        ("焖烧杯", "Food Jar", "ml:250,370,520~mdl:SW-KA25,SW-KA37,SW-KA52|col:灰,米白"),
    )),
    ("flask", "Thermos", "膳魔师", "サーモス", "JP", ("Termos", "膳魔狮"), (
        ("超轻保温杯", "Ultra Light Mug", "ml:350,500,750~mdl:JNL-352,JNL-502,JNL-752|col:黑,白,粉,藏青"),
        ("儿童吸管杯", "Kids Straw Bottle", "ml:400~mdl:FJL-400|col:蓝,粉,黄"),
    )),
    ("flask", "Tiger", "虎牌", "タイガー", "JP", ("Tigar", "虎脾"), (
        ("梦重力保温杯", "Dream Gravity Mug", "ml:350,480,600~mdl:MMZ-K035,MMZ-K048,MMZ-K060|col:黑,白,薄荷绿"),
    )),
    ("flask", "Stanley", "斯坦利", "", "US", ("Stenley", "斯丹利"), (
        ("经典真空保温壶", "Classic Legendary Bottle", "ml:750,1000,1400|col:绿,黑"),
        ("冒险系列吸管杯", "Quencher H2.0", "ml:887,1180|col:白,粉,藏青,卡其"),
    )),
    ("luggage", "Samsonite", "新秀丽", "", "US", ("Samsonate", "新季丽"), (
        ("Cosmolite 贝壳箱", "Cosmolite", "inch:20,25,28|col:黑,银,藏青"),
        ("Proxis 拉杆箱", "Proxis", "inch:20,26|col:黑,银"),
    )),
    ("luggage", "American Tourister", "美旅", "", "US", ("American Touristor", "美侣"), (
        ("Curio 拉杆箱", "Curio", "inch:20,25,29|col:黑,酒红,藏青"),
    )),
    ("luggage", "Rimowa", "日默瓦", "", "DE", ("Remowa", "日黙瓦"), (
        ("Essential 拉杆箱", "Essential", "t:Cabin 55cm=Cabin,Check-In M=Check-In M,Check-In L=Check-In L|col:黑,白"),
        ("Original 铝镁合金箱", "Original", "t:Cabin 55cm=Cabin,Trunk=Trunk|col:银,黑"),
    )),
    ("babygear", "Cybex", "赛百斯", "", "DE", ("Cybax", "赛佰斯"), (
        ("Sirona Z 安全座椅", "Sirona Z i-Size", "col:黑,灰,藏青"),
        ("Solution T i-Fix 安全座椅", "Solution T i-Fix", "col:黑,灰"),
        ("Libelle 折叠推车", "Libelle", "col:黑,米,蓝"),
    )),
    ("babygear", "Britax", "宝得适", "", "DE", ("Britex", "宝德适"), (
        ("百变骑士安全座椅", "Advansafix i-Size", "col:黑,灰"),
        ("双面骑士安全座椅", "Dualfix Pro", "col:黑,灰,蓝"),
    )),
    ("babygear", "Bugaboo", "博格步", "", "NL", ("Bugabo", "博格布"), (
        ("Fox 5 推车", "Fox 5", "col:黑,灰,卡其"),
        ("Butterfly 推车", "Butterfly", "col:黑,藏青,米"),
    )),
    ("breastpump", "Medela", "美德乐", "", "CH", ("Medala", "美得乐"), (
        ("丝韵翼电动吸奶器", "Swing Maxi", "side:双边"),
        ("飞韵电动吸奶器", "Freestyle Flex", "side:双边"),
        ("丝韵电动吸奶器", "Swing Flex", "side:单边"),
    )),
    ("breastpump", "Pigeon", "贝亲", "ピジョン", "JP", ("Pigeen", "贝新"), (
        ("电动吸奶器", "Electric Breast Pump", "side:单边,双边"),
        ("手动吸奶器", "Manual Breast Pump", "t:标准=Standard,含储奶瓶=With Bottles"),
    )),
    ("breastpump", "Philips Avent", "新安怡", "", "NL", ("Philip Avant", "新安仪"), (
        ("电动吸奶器", "Electric Breast Pump", "side:单边,双边~mdl:SCF395,SCF397"),
    )),
    ("breastpump", "Spectra", "贝瑞克斯", "스펙트라", "KR", ("Spectre", "贝端克斯"), (
        ("医用级双边吸奶器", "Hospital Grade Pump", "mdl:S1 Plus,S2 Plus,9 Plus"),
    )),
    ("battery", "Duracell", "金霸王", "", "US", ("Duracel", "金霸玉"), (
        ("碱性电池", "Plus Alkaline", "sz:AA,AAA|x:4,8,12,24"),
        ("纽扣电池", "Lithium Coin", "sz:CR2032,CR2025|x:1,4"),
    )),
    ("battery", "Panasonic", "松下", "パナソニック", "JP", ("Panasoinc", "松卞"), (
        ("eneloop 爱乐普充电电池", "eneloop", "sz:AA,AAA|x:2,4,8"),
        ("碱性电池", "Alkaline", "sz:AA,AAA|x:4,10,20"),
    )),
    ("battery", "Energizer", "劲量", "", "US", ("Energiser", "劲亮"), (
        ("MAX 碱性电池", "MAX Alkaline", "sz:AA,AAA|x:4,8,16"),
        ("Ultimate 锂电池", "Ultimate Lithium", "sz:AA,AAA|x:4,8"),
    )),
)
