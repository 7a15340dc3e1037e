"""One-off: writes tests/consolidation/data/labelled_pairs.csv from the hand-written rows below.

Only the GTIN check digits are computed; every title and every label is written by hand.
"""
import csv, sys
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[3]))
from haitao.consolidation.gtin import gtin_check_digit

def g(body):  # 12-digit body → EAN-13
    return body + str(gtin_check_digit(body))

# catalog: sku, brand, title, EAN-13 body (12 digits) or ""
CATALOG = [
 ("APT-PF-1", "Aptamil", "Aptamil Profutura Infant Formula Stage 1 800g", "400897602201"),
 ("APT-PF-2", "Aptamil", "Aptamil Profutura Follow-on Formula Stage 2 800g", "400897602202"),
 ("APT-PF-3", "Aptamil", "Aptamil Profutura Toddler Milk Stage 3 800g", "400897602203"),
 ("APT-PF-3x3", "Aptamil", "Aptamil Profutura Toddler Milk Stage 3 800g x3", "400897602213"),
 ("APT-PR-2", "Aptamil", "Aptamil Pronutra Follow-on Formula Stage 2 800g", "400897602302"),
 ("A2-PL-3", "a2", "a2 Platinum Premium Toddler Formula Stage 3 900g", "931290000103"),
 ("A2-PL-2", "a2", "a2 Platinum Premium Follow-on Formula Stage 2 900g", "931290000102"),
 ("MER-M-64", "Merries", "Merries Tape Diapers M 64pcs", "490120100064"),
 ("MER-PM-58", "Merries", "Merries Pull-Ups Pants M 58pcs", "490120100158"),
 ("MER-PM-58x2", "Merries", "Merries Pull-Ups Pants M 58pcs 2 pack", "490120100258"),
 ("MER-PL-44", "Merries", "Merries Pull-Ups Pants L 44pcs", "490120100144"),
 ("PAM-NB-84", "Pampers", "Pampers Premium Care Diapers Newborn 84 count", "003770052084"),
 ("PAM-S-76", "Pampers", "Pampers Premium Care Diapers S 76 count", "003770052076"),
 ("SW-FO-400", "Swisse", "Swisse Odourless Wild Fish Oil 1000mg 400 capsules", "931270000400"),
 ("SW-FO-200", "Swisse", "Swisse Odourless Wild Fish Oil 1000mg 200 capsules", "931270000200"),
 ("SW-VC-110", "Swisse", "Swisse Ultiboost Vitamin C 110 tablets", "931270001110"),
 ("BM-CAL-120", "Blackmores", "Blackmores Bio Calcium + D3 120 tablets", "931272000120"),
 ("BM-FO-400", "Blackmores", "Blackmores Odourless Fish Oil 1000mg 400 capsules", "931272000400"),
 ("EL-ANR-50", "Estee Lauder", "Estee Lauder Advanced Night Repair Synchronized Multi-Recovery Complex 50ml", "088717000050"),
 ("EL-ANR-100", "Estee Lauder", "Estee Lauder Advanced Night Repair Synchronized Multi-Recovery Complex 100ml", "088717000100"),
 ("EL-DW-1W1", "Estee Lauder", "Estee Lauder Double Wear Stay-in-Place Foundation 1W1 Bone 30ml", "088717010011"),
 ("EL-DW-2C0", "Estee Lauder", "Estee Lauder Double Wear Stay-in-Place Foundation 2C0 Cool Vanilla 30ml", "088717010020"),
 ("LAN-GEN-50", "Lancome", "Lancome Advanced Genifique Serum 50ml", "361427000050"),
 ("LAN-GEN-100", "Lancome", "Lancome Advanced Genifique Serum 100ml", "361427000100"),
 ("SK2-FTE-230", "SK-II", "SK-II Facial Treatment Essence 230ml", "495346000230"),
 ("SK2-FTE-160", "SK-II", "SK-II Facial Treatment Essence 160ml", "495346000160"),
 ("YSL-RPC-1", "YSL", "YSL Rouge Pur Couture Lipstick #1 Le Rouge 3.8g", "361427100001"),
 ("YSL-RPC-52", "YSL", "YSL Rouge Pur Couture Lipstick #52 Rouge Rose 3.8g", "361427100052"),
 ("MAC-RW", "MAC", "MAC Matte Lipstick Ruby Woo 3g", "773602000001"),
 ("TH-JNL-500-BK", "Thermos", "Thermos Stainless Steel Vacuum Insulated Bottle JNL-500 500ml Black", "456234000501"),
 ("TH-JNL-500-WH", "Thermos", "Thermos Stainless Steel Vacuum Insulated Bottle JNL-500 500ml White", "456234000502"),
 ("TH-JNL-500-PK", "Thermos", "Thermos Stainless Steel Vacuum Insulated Bottle JNL-500 500ml Pink", "456234000503"),
 ("TH-JNL-350-BK", "Thermos", "Thermos Stainless Steel Vacuum Insulated Bottle JNL-350 350ml Black", "456234000351"),
 ("SONY-XM5-BK", "Sony", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones Black", "454873000051"),
 ("SONY-XM5-SV", "Sony", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones Silver", "454873000052"),
 ("SONY-XM5-BL", "Sony", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones Midnight Blue", "454873000053"),
 ("DYS-HD08-FU", "Dyson", "Dyson Supersonic Hair Dryer HD08 Fuchsia/Nickel", "505395000081"),
 ("DYS-HD08-BL", "Dyson", "Dyson Supersonic Hair Dryer HD08 Prussian Blue/Rich Copper", "505395000082"),
 ("NES-VT-10", "Nespresso", "Nespresso Vertuo Double Espresso Chiaro Coffee Pods 10 capsules", "761303000010"),
 ("NES-VT-10x5", "Nespresso", "Nespresso Vertuo Double Espresso Chiaro Coffee Pods 10 capsules x5", "761303000050"),
 ("ON-GS-5LB", "Optimum Nutrition", "Optimum Nutrition Gold Standard 100% Whey Protein Double Rich Chocolate 5lb", "074886400005"),
 ("ON-GS-2LB", "Optimum Nutrition", "Optimum Nutrition Gold Standard 100% Whey Protein Double Rich Chocolate 2lb", "074886400002"),
 ("ON-GS-5LB-VAN", "Optimum Nutrition", "Optimum Nutrition Gold Standard 100% Whey Protein Vanilla Ice Cream 5lb", "074886400105"),
 ("ZIW-BEEF-1KG", "ZiwiPeak", "ZiwiPeak Air-Dried Beef Dog Food 1kg", "942228000100"),
 ("ZIW-BEEF-454", "ZiwiPeak", "ZiwiPeak Air-Dried Beef Dog Food 454g", "942228000045"),
 ("ZIW-LAMB-1KG", "ZiwiPeak", "ZiwiPeak Air-Dried Lamb Dog Food 1kg", "942228000200"),
 ("KAO-TW-70140", "Imabari", "Imabari Cotton Bath Towel 70x140cm Grey", "490100070140"),
 ("KAO-TW-3434", "Imabari", "Imabari Cotton Face Towel 34x35cm Grey", "490100034035"),
 ("COL-TP-120x2", "Colgate", "Colgate Optic White Toothpaste 120g x2", "893500000240"),
 ("COL-TP-120", "Colgate", "Colgate Optic White Toothpaste 120g", "893500000120"),
 ("PEN-OCEAN-750", "Penfolds", "Penfolds Bin 389 Cabernet Shiraz 750ml", "931200389750"),
 ("PEN-128-750", "Penfolds", "Penfolds Bin 128 Shiraz 750ml", "931200128750"),
 ("CAU-GUM-30", "Caudalie", "Caudalie Vinoperfect Radiance Serum 30ml", "352275000030"),
 ("MK-HCS-50", "Kiehl's", "Kiehl's Ultra Facial Cream 50ml", "336427000050"),
 ("MK-HCS-125", "Kiehl's", "Kiehl's Ultra Facial Cream 125ml", "336427000125"),
 ("HB-OAT-3", "Holle", "Holle Organic Infant Goat Milk Formula Stage 3 400g", "763200003400"),
 ("HB-OAT-2", "Holle", "Holle Organic Infant Goat Milk Formula Stage 2 400g", "763200002400"),
 ("LOC-HC-30", "L'Occitane", "L'Occitane Shea Butter Hand Cream 30ml", "301367000030"),
 ("LOC-HC-150", "L'Occitane", "L'Occitane Shea Butter Hand Cream 150ml", "301367000150"),
 ("LOC-HC-30x3", "L'Occitane", "L'Occitane Shea Butter Hand Cream 30ml 3 pack", "301367000390"),
]
# sources: id, brand, title, gtin, truth sku ("" = none), pair sku (the catalog side of the labelled pair)
# gtin: "=SKU" same GTIN as the SKU (as EAN-13), "u=SKU" same GTIN written as UPC-A/GTIN-14 form,
#       "new" a different valid GTIN of its own, "bad=SKU" SKU's GTIN with a typo, "" none
SOURCES = [
 # infant formula: Profutura = 白金版, Pronutra = 经典版
 ("S001", "爱他美", "【保税直发】德国爱他美白金版婴儿配方奶粉1段800g", "=APT-PF-1", "APT-PF-1", "APT-PF-1"),
 ("S002", "爱他美", "爱他美 白金版 较大婴儿配方奶粉 2段 800克", "=APT-PF-2", "APT-PF-2", "APT-PF-2"),
 ("S003", "爱他美", "爱他美白金版幼儿配方奶粉3段 800g 官方正品", "=APT-PF-3", "APT-PF-3", "APT-PF-3"),
 ("S004", "爱他美", "爱他美 白金版 3段 800g*3罐", "=APT-PF-3x3", "APT-PF-3x3", "APT-PF-3x3"),
 ("S005", "爱他美", "爱他美 经典版 2段 800g", "=APT-PR-2", "APT-PR-2", "APT-PR-2"),
 ("S006", "爱他美", "爱他美白金版 三段 0.8kg 两罐装", "new", "", "APT-PF-3"),
 ("S007", "爱他美", "爱他美 白金版 婴儿奶粉 一段 800g 海外直邮", "", "APT-PF-1", "APT-PF-1"),
 ("S008", "爱他美", "爱他美白金版 2段 800g", "", "APT-PF-2", "APT-PF-2"),
 ("S009", "爱他美", "爱他美 白金版 4段 800g", "new", "", "APT-PF-3"),
 ("S010", "爱他美", "爱他美 白金版 3段 400g", "new", "", "APT-PF-3"),
 ("S011", "爱他美", "爱他美 经典版 3段 800g", "new", "", "APT-PR-2"),
 ("S012", "爱他美", "爱他美 白金版 3段 800g 6罐装", "new", "", "APT-PF-3x3"),
 ("S013", "a2", "a2 Platinum 白金版 3段 900g", "=A2-PL-3", "A2-PL-3", "A2-PL-3"),
 ("S014", "a2", "澳洲a2白金版较大婴儿配方奶粉二段900克", "=A2-PL-2", "A2-PL-2", "A2-PL-2"),
 ("S015", "a2", "a2 白金版 3段 900g", "", "A2-PL-3", "A2-PL-3"),
 ("S016", "a2", "a2 白金版 1段 900g", "new", "", "A2-PL-2"),
 ("S017", "a2", "a2 白金版 3段 900g x2", "new", "", "A2-PL-3"),
 ("S018", "a2", "a2 Platinum 2段 900g 2件套", "new", "", "A2-PL-2"),
 # diapers: pack notations
 ("S020", "花王妙而舒", "花王妙而舒 Merries 纸尿裤 M码 64片", "=MER-M-64", "MER-M-64", "MER-M-64"),
 ("S021", "花王妙而舒", "花王妙而舒 Merries 拉拉裤 M码 58片", "=MER-PM-58", "MER-PM-58", "MER-PM-58"),
 ("S022", "花王妙而舒", "花王妙而舒 Merries 拉拉裤 M码 58片 2件套", "=MER-PM-58x2", "MER-PM-58x2", "MER-PM-58x2"),
 ("S023", "花王妙而舒", "花王妙而舒 拉拉裤 L码 44片", "=MER-PL-44", "MER-PL-44", "MER-PL-44"),
 ("S024", "花王妙而舒", "妙而舒 拉拉裤 M 58片 x2", "", "MER-PM-58x2", "MER-PM-58x2"),
 ("S025", "花王妙而舒", "花王妙而舒 拉拉裤 M码 58片*2包", "", "MER-PM-58x2", "MER-PM-58x2"),
 ("S026", "花王妙而舒", "花王妙而舒 拉拉裤 M码 58片", "", "MER-PM-58", "MER-PM-58"),
 ("S027", "花王妙而舒", "花王妙而舒 拉拉裤 M码 58片 3件装", "new", "", "MER-PM-58x2"),
 ("S028", "花王妙而舒", "花王妙而舒 拉拉裤 L码 58片", "new", "", "MER-PM-58"),
 ("S029", "花王妙而舒", "花王妙而舒 纸尿裤 S码 82片", "new", "", "MER-M-64"),
 ("S030", "花王妙而舒", "花王妙而舒 拉拉裤 XL码 38片", "new", "", "MER-PL-44"),
 ("S031", "花王妙而舒", "花王妙而舒 拉拉裤 M码 58片 组合装2件", "=MER-PM-58x2", "MER-PM-58x2", "MER-PM-58x2"),
 ("S032", "帮宝适", "帮宝适 一级帮 纸尿裤 NB 84片", "u=PAM-NB-84", "PAM-NB-84", "PAM-NB-84"),
 ("S033", "帮宝适", "Pampers帮宝适一级帮新生儿纸尿裤84片", "", "PAM-NB-84", "PAM-NB-84"),
 ("S034", "帮宝适", "帮宝适 一级帮 纸尿裤 S码 76片", "u=PAM-S-76", "PAM-S-76", "PAM-S-76"),
 ("S035", "帮宝适", "帮宝适 一级帮 纸尿裤 M码 68片", "new", "", "PAM-S-76"),
 ("S036", "帮宝适", "帮宝适 一级帮 纸尿裤 S码 76片 两包装", "new", "", "PAM-S-76"),
 # supplements: 粒 / capsules / tablets
 ("S040", "Swisse", "Swisse 无腥味深海鱼油 1000mg 400粒", "=SW-FO-400", "SW-FO-400", "SW-FO-400"),
 ("S041", "Swisse", "澳洲Swisse斯维诗 深海鱼油软胶囊 400粒", "", "SW-FO-400", "SW-FO-400"),
 ("S042", "Swisse", "Swisse 深海鱼油 1000mg 200粒", "=SW-FO-200", "SW-FO-200", "SW-FO-200"),
 ("S043", "Swisse", "Swisse 无腥味 鱼油 200颗", "", "SW-FO-200", "SW-FO-200"),
 ("S044", "Swisse", "Swisse 维生素C 泡腾片 20片", "new", "", "SW-VC-110"),
 ("S045", "Swisse", "Swisse 维生素C 110片", "=SW-VC-110", "SW-VC-110", "SW-VC-110"),
 ("S046", "Swisse", "Swisse 深海鱼油 1000mg 400粒*2瓶", "new", "", "SW-FO-400"),
 ("S047", "Swisse", "Swisse 深海鱼油 1500mg 400粒", "new", "", "SW-FO-400"),
 ("S048", "Blackmores", "澳佳宝 Blackmores 活性钙+维生素D3 120片", "=BM-CAL-120", "BM-CAL-120", "BM-CAL-120"),
 ("S049", "Blackmores", "澳佳宝 无腥味深海鱼油 1000mg 400粒", "=BM-FO-400", "BM-FO-400", "BM-FO-400"),
 ("S050", "Blackmores", "澳佳宝 钙+D3 120粒", "", "BM-CAL-120", "BM-CAL-120"),
 ("S051", "Blackmores", "澳佳宝 活性钙 200片", "new", "", "BM-CAL-120"),
 ("S052", "Blackmores", "澳佳宝 深海鱼油 1000mg 200粒", "new", "", "BM-FO-400"),
 ("S053", "Blackmores", "Blackmores odourless fish oil 1000mg 400 caps", "", "BM-FO-400", "BM-FO-400"),
 # skincare
 ("S060", "雅诗兰黛", "雅诗兰黛 特润修护肌活精华露 小棕瓶 50ml", "=EL-ANR-50", "EL-ANR-50", "EL-ANR-50"),
 ("S061", "雅诗兰黛", "雅诗兰黛小棕瓶精华100ml", "=EL-ANR-100", "EL-ANR-100", "EL-ANR-100"),
 ("S062", "雅诗兰黛", "雅诗兰黛 小棕瓶 精华 50毫升", "", "EL-ANR-50", "EL-ANR-50"),
 ("S063", "雅诗兰黛", "雅诗兰黛 小棕瓶 精华 30ml", "new", "", "EL-ANR-50"),
 ("S064", "雅诗兰黛", "雅诗兰黛 小棕瓶 精华 50ml*2", "new", "", "EL-ANR-50"),
 ("S065", "雅诗兰黛", "雅诗兰黛 Estee Lauder Advanced Night Repair 100ml", "", "EL-ANR-100", "EL-ANR-100"),
 ("S066", "雅诗兰黛", "雅诗兰黛 DW持妆粉底液 1W1 30ml", "=EL-DW-1W1", "EL-DW-1W1", "EL-DW-1W1"),
 ("S067", "雅诗兰黛", "雅诗兰黛 DW持妆粉底液 2C0 30ml", "=EL-DW-2C0", "EL-DW-2C0", "EL-DW-2C0"),
 ("S068", "雅诗兰黛", "雅诗兰黛 DW持妆粉底液 2W1 30ml", "new", "", "EL-DW-2C0"),
 ("S069", "兰蔻", "兰蔻 小黑瓶 精华肌底液 50ml", "=LAN-GEN-50", "LAN-GEN-50", "LAN-GEN-50"),
 ("S070", "兰蔻", "兰蔻小黑瓶100ml 精华", "=LAN-GEN-100", "LAN-GEN-100", "LAN-GEN-100"),
 ("S071", "兰蔻", "Lancome 兰蔻 小黑瓶 精华 50ml", "", "LAN-GEN-50", "LAN-GEN-50"),
 ("S072", "兰蔻", "兰蔻 小黑瓶 精华 30ml", "new", "", "LAN-GEN-50"),
 ("S073", "兰蔻", "兰蔻 小黑瓶 精华 20ml*5", "new", "", "LAN-GEN-100"),
 ("S074", "SK-II", "SK-II 神仙水 护肤精华露 230ml", "=SK2-FTE-230", "SK2-FTE-230", "SK2-FTE-230"),
 ("S075", "SK-II", "SK2 神仙水 160ml", "=SK2-FTE-160", "SK2-FTE-160", "SK2-FTE-160"),
 ("S076", "SK-II", "SK-II 神仙水 230毫升", "", "SK2-FTE-230", "SK2-FTE-230"),
 ("S077", "SK-II", "SK-II 神仙水 75ml", "new", "", "SK2-FTE-160"),
 ("S078", "SK-II", "SK-II 神仙水 230ml 两瓶装", "new", "", "SK2-FTE-230"),
 ("S079", "科颜氏", "科颜氏 高保湿面霜 50ml", "=MK-HCS-50", "MK-HCS-50", "MK-HCS-50"),
 ("S080", "科颜氏", "科颜氏高保湿霜125ml", "=MK-HCS-125", "MK-HCS-125", "MK-HCS-125"),
 ("S081", "科颜氏", "Kiehl's 科颜氏 高保湿面霜 125ml", "", "MK-HCS-125", "MK-HCS-125"),
 ("S082", "科颜氏", "科颜氏 高保湿面霜 28ml", "new", "", "MK-HCS-50"),
 ("S083", "欧舒丹", "欧舒丹 乳木果护手霜 30ml", "=LOC-HC-30", "LOC-HC-30", "LOC-HC-30"),
 ("S084", "欧舒丹", "欧舒丹 乳木果 护手霜 150ml", "=LOC-HC-150", "LOC-HC-150", "LOC-HC-150"),
 ("S085", "欧舒丹", "欧舒丹 乳木果护手霜 30ml*3支", "=LOC-HC-30x3", "LOC-HC-30x3", "LOC-HC-30x3"),
 ("S086", "欧舒丹", "欧舒丹乳木果护手霜 30ml 3支装", "", "LOC-HC-30x3", "LOC-HC-30x3"),
 ("S087", "欧舒丹", "欧舒丹 乳木果护手霜 30ml 2支装", "new", "", "LOC-HC-30x3"),
 ("S088", "欧舒丹", "欧舒丹 樱花护手霜 30ml", "new", "", "LOC-HC-30"),
 ("S089", "欧舒丹", "L'Occitane shea butter hand cream 150ml", "", "LOC-HC-150", "LOC-HC-150"),
 ("S090", "欧缇丽", "欧缇丽 葡萄籽 亮白精华 30ml", "=CAU-GUM-30", "CAU-GUM-30", "CAU-GUM-30"),
 ("S091", "欧缇丽", "欧缇丽 葡萄籽 亮白精华 10ml", "new", "", "CAU-GUM-30"),
 # lipstick shades
 ("S100", "YSL", "YSL圣罗兰 纯口红 #1 3.8g", "=YSL-RPC-1", "YSL-RPC-1", "YSL-RPC-1"),
 ("S101", "YSL", "圣罗兰 纯口红 色号52 3.8g", "=YSL-RPC-52", "YSL-RPC-52", "YSL-RPC-52"),
 ("S102", "YSL", "圣罗兰 纯口红 52号 3.8g", "", "YSL-RPC-52", "YSL-RPC-52"),
 ("S103", "YSL", "圣罗兰 纯口红 #13 3.8g", "new", "", "YSL-RPC-1"),
 ("S104", "YSL", "圣罗兰 纯口红 #21 3.8g", "new", "", "YSL-RPC-52"),
 ("S105", "YSL", "YSL 方管口红 01号 3.8g", "", "YSL-RPC-1", "YSL-RPC-1"),
 ("S106", "MAC", "魅可 MAC 哑光口红 Ruby Woo 3g", "=MAC-RW", "MAC-RW", "MAC-RW"),
 ("S107", "MAC", "MAC 魅可 子弹头口红 Chili 3g", "new", "", "MAC-RW"),
 # colours: bottles, headphones, dryers
 ("S110", "膳魔师", "膳魔师 保温杯 JNL-500 500ml 黑色", "=TH-JNL-500-BK", "TH-JNL-500-BK", "TH-JNL-500-BK"),
 ("S111", "膳魔师", "膳魔师 不锈钢保温杯 JNL-500 500毫升 白色", "=TH-JNL-500-WH", "TH-JNL-500-WH", "TH-JNL-500-WH"),
 ("S112", "膳魔师", "膳魔师 保温杯 JNL-500 500ml 粉色", "=TH-JNL-500-PK", "TH-JNL-500-PK", "TH-JNL-500-PK"),
 ("S113", "膳魔师", "膳魔师 保温杯 JNL-500 500ml 蓝色", "new", "", "TH-JNL-500-BK"),
 ("S114", "膳魔师", "膳魔师 保温杯 JNL-500 500ml 红色", "new", "", "TH-JNL-500-PK"),
 ("S115", "膳魔师", "膳魔师 保温杯 JNL-350 350ml 白色", "new", "", "TH-JNL-350-BK"),
 ("S116", "膳魔师", "Thermos 膳魔师 JNL-350 保温杯 350ml black", "", "TH-JNL-350-BK", "TH-JNL-350-BK"),
 ("S117", "膳魔师", "膳魔师 保温杯 JNL-500 500ml 白色", "", "TH-JNL-500-WH", "TH-JNL-500-WH"),
 ("S118", "膳魔师", "膳魔师 保温杯 JNL-500 500ml 黑色 两只装", "new", "", "TH-JNL-500-BK"),
 ("S120", "索尼", "索尼 WH-1000XM5 头戴式无线降噪耳机 黑色", "=SONY-XM5-BK", "SONY-XM5-BK", "SONY-XM5-BK"),
 ("S121", "索尼", "索尼 WH-1000XM5 无线降噪耳机 银色", "=SONY-XM5-SV", "SONY-XM5-SV", "SONY-XM5-SV"),
 ("S122", "索尼", "索尼 WH-1000XM5 降噪耳机 午夜蓝", "=SONY-XM5-BL", "SONY-XM5-BL", "SONY-XM5-BL"),
 ("S123", "索尼", "Sony 索尼 WH-1000XM5 耳机 黑色", "", "SONY-XM5-BK", "SONY-XM5-BK"),
 ("S124", "索尼", "索尼 WH-1000XM5 降噪耳机 银色", "", "SONY-XM5-SV", "SONY-XM5-SV"),
 ("S125", "索尼", "索尼 WH-1000XM5 降噪耳机 粉色", "new", "", "SONY-XM5-BK"),
 ("S126", "索尼", "索尼 WH-1000XM4 降噪耳机 黑色", "new", "", "SONY-XM5-BK"),
 ("S127", "索尼", "索尼 WF-1000XM5 真无线降噪耳机 黑色", "new", "", "SONY-XM5-BK"),
 ("S130", "戴森", "戴森 Supersonic 吹风机 HD08 紫红色", "=DYS-HD08-FU", "DYS-HD08-FU", "DYS-HD08-FU"),
 ("S131", "戴森", "戴森 吹风机 HD08 普鲁士蓝", "=DYS-HD08-BL", "DYS-HD08-BL", "DYS-HD08-BL"),
 ("S132", "戴森", "戴森 吹风机 HD15 紫红色", "new", "", "DYS-HD08-FU"),
 ("S133", "戴森", "戴森 吹风机 HD08 银白色", "new", "", "DYS-HD08-BL"),
 # coffee, protein, pet food: packs, lb/kg
 ("S140", "Nespresso", "雀巢 Nespresso Vertuo 双倍浓缩 Chiaro 咖啡胶囊 10颗", "=NES-VT-10", "NES-VT-10", "NES-VT-10"),
 ("S141", "Nespresso", "Nespresso Vertuo Double Espresso Chiaro 10粒 5条装", "=NES-VT-10x5", "NES-VT-10x5", "NES-VT-10x5"),
 ("S142", "Nespresso", "Nespresso Vertuo Double Espresso Chiaro 10 capsules x5", "", "NES-VT-10x5", "NES-VT-10x5"),
 ("S143", "Nespresso", "Nespresso Vertuo Double Espresso Scuro 10 capsules", "new", "", "NES-VT-10"),
 ("S144", "Nespresso", "Nespresso Vertuo Double Espresso Chiaro 10粒 3条装", "new", "", "NES-VT-10x5"),
 ("S150", "Optimum Nutrition", "ON 金标乳清蛋白粉 双重巧克力 5磅 5lb", "=ON-GS-5LB", "ON-GS-5LB", "ON-GS-5LB"),
 ("S151", "Optimum Nutrition", "ON 金标乳清蛋白粉 双重巧克力 2lb", "=ON-GS-2LB", "ON-GS-2LB", "ON-GS-2LB"),
 ("S152", "Optimum Nutrition", "ON 金标乳清蛋白粉 香草冰淇淋 5lb", "=ON-GS-5LB-VAN", "ON-GS-5LB-VAN", "ON-GS-5LB-VAN"),
 ("S153", "Optimum Nutrition", "Optimum Nutrition Gold Standard Whey 双重巧克力 5lb", "", "ON-GS-5LB", "ON-GS-5LB"),
 ("S154", "Optimum Nutrition", "ON 金标乳清蛋白粉 草莓 5lb", "new", "", "ON-GS-5LB"),
 ("S155", "Optimum Nutrition", "ON 金标乳清蛋白粉 双重巧克力 10lb", "new", "", "ON-GS-5LB"),
 ("S160", "ZiwiPeak", "ZiwiPeak 巅峰 风干牛肉狗粮 1kg", "=ZIW-BEEF-1KG", "ZIW-BEEF-1KG", "ZIW-BEEF-1KG"),
 ("S161", "ZiwiPeak", "ZiwiPeak巅峰 风干牛肉 狗粮 454克", "=ZIW-BEEF-454", "ZIW-BEEF-454", "ZIW-BEEF-454"),
 ("S162", "ZiwiPeak", "ZiwiPeak 巅峰 风干羊肉狗粮 1公斤", "=ZIW-LAMB-1KG", "ZIW-LAMB-1KG", "ZIW-LAMB-1KG"),
 ("S163", "ZiwiPeak", "巅峰 ZiwiPeak 风干牛肉狗粮 1公斤", "", "ZIW-BEEF-1KG", "ZIW-BEEF-1KG"),
 ("S164", "ZiwiPeak", "ZiwiPeak 巅峰 风干鸡肉狗粮 1kg", "new", "", "ZIW-LAMB-1KG"),
 ("S165", "ZiwiPeak", "ZiwiPeak 巅峰 风干牛肉狗粮 2.5kg", "new", "", "ZIW-BEEF-1KG"),
 ("S166", "ZiwiPeak", "ZiwiPeak 巅峰 风干牛肉 猫粮 1kg", "new", "", "ZIW-BEEF-1KG"),
 # towels: dimensions
 ("S170", "今治", "今治 纯棉浴巾 70x140cm 灰色", "=KAO-TW-70140", "KAO-TW-70140", "KAO-TW-70140"),
 ("S171", "今治", "今治 纯棉毛巾 34x35厘米 灰色", "=KAO-TW-3434", "KAO-TW-3434", "KAO-TW-3434"),
 ("S172", "今治", "今治 纯棉浴巾 60x120cm 灰色", "new", "", "KAO-TW-70140"),
 ("S173", "今治", "今治 纯棉浴巾 70x140cm 白色", "new", "", "KAO-TW-70140"),
 # toothpaste packs
 ("S180", "高露洁", "高露洁 光感白 牙膏 120g*2支", "=COL-TP-120x2", "COL-TP-120x2", "COL-TP-120x2"),
 ("S181", "高露洁", "高露洁 光感白牙膏 120克", "=COL-TP-120", "COL-TP-120", "COL-TP-120"),
 ("S182", "高露洁", "高露洁 光感白 牙膏 120g 两支装", "", "COL-TP-120x2", "COL-TP-120x2"),
 ("S183", "高露洁", "高露洁 光感白 牙膏 120g ×3", "new", "", "COL-TP-120x2"),
 ("S184", "高露洁", "高露洁 光感白 牙膏 90g", "new", "", "COL-TP-120"),
 ("S185", "高露洁", "Colgate Optic White toothpaste 120g", "", "COL-TP-120", "COL-TP-120"),
 # wine
 ("S190", "奔富", "奔富 Bin389 赤霞珠设拉子红葡萄酒 750ml", "=PEN-OCEAN-750", "PEN-OCEAN-750", "PEN-OCEAN-750"),
 ("S191", "奔富", "奔富 Bin128 设拉子 红葡萄酒 750ml", "=PEN-128-750", "PEN-128-750", "PEN-128-750"),
 ("S192", "奔富", "奔富 Bin407 赤霞珠 红葡萄酒 750ml", "new", "", "PEN-OCEAN-750"),
 ("S193", "奔富", "奔富 Bin389 赤霞珠设拉子 750ml*6瓶 整箱", "new", "", "PEN-OCEAN-750"),
 ("S194", "奔富", "奔富 Bin389 赤霞珠设拉子 1.5L", "new", "", "PEN-OCEAN-750"),
 # goat milk formula
 ("S200", "Holle", "泓乐 Holle 有机羊奶粉 3段 400g", "=HB-OAT-3", "HB-OAT-3", "HB-OAT-3"),
 ("S201", "Holle", "泓乐 有机 羊奶粉 2段 400克", "=HB-OAT-2", "HB-OAT-2", "HB-OAT-2"),
 ("S202", "Holle", "泓乐 有机羊奶粉 1段 400g", "new", "", "HB-OAT-2"),
 ("S203", "Holle", "泓乐 有机羊奶粉 3段 800g", "new", "", "HB-OAT-3"),
 ("S204", "Holle", "泓乐 有机牛奶粉 3段 400g", "new", "", "HB-OAT-3"),
 # equal GTIN whose title parse disagrees (the GTIN wins: conflict report, not a duplicate)
 ("S210", "花王妙而舒", "花王妙而舒 拉拉裤 M码 58片 超值装", "=MER-PM-58x2", "MER-PM-58x2", "MER-PM-58x2"),
 ("S211", "爱他美", "爱他美 白金版 800g", "=APT-PF-2", "APT-PF-2", "APT-PF-2"),
 ("S212", "Swisse", "Swisse 鱼油 400粒 新包装", "=SW-FO-400", "SW-FO-400", "SW-FO-400"),
 ("S213", "雅诗兰黛", "雅诗兰黛 小棕瓶 精华 50ml 旅行装", "u=EL-ANR-50", "EL-ANR-50", "EL-ANR-50"),
 # GTIN with a typo: no evidence, the title decides
 ("S220", "兰蔻", "兰蔻 小黑瓶 精华 100ml", "bad=LAN-GEN-100", "LAN-GEN-100", "LAN-GEN-100"),
 ("S221", "索尼", "索尼 WH-1000XM5 降噪耳机 午夜蓝", "bad=SONY-XM5-BL", "SONY-XM5-BL", "SONY-XM5-BL"),
 # a GTIN copied from another brand: review, never a match
 ("S230", "科颜氏", "科颜氏 金盏花爽肤水 250ml", "=SW-FO-400", "", "SW-FO-400"),
 ("S231", "欧缇丽", "欧缇丽 大葡萄 喷雾 200ml", "=MAC-RW", "", "MAC-RW"),
 # more hard negatives: another line of the same brand and spec
 ("S240", "Swisse", "Swisse 葡萄籽 精华片 180片", "new", "", "SW-VC-110"),
 ("S241", "兰蔻", "兰蔻 粉水 清滢柔肤水 400ml", "new", "", "LAN-GEN-100"),
 ("S242", "雅诗兰黛", "雅诗兰黛 红石榴 洁面乳 125ml", "new", "", "EL-ANR-100"),
 ("S243", "科颜氏", "科颜氏 白泥面膜 125ml", "new", "", "MK-HCS-125"),
 ("S244", "澳佳宝", "澳佳宝 葡萄籽 精华 120片", "new", "", "BM-CAL-120"),
 ("S245", "Optimum Nutrition", "ON 金标 酪蛋白 双重巧克力 2lb", "new", "", "ON-GS-2LB"),
 ("S246", "爱他美", "爱他美 卓萃 3段 900g", "new", "", "APT-PF-3"),
 ("S247", "a2", "a2 紫白金 3段 900g", "new", "", "A2-PL-3"),
]

gtins = {sku: g(body) for sku, _, _, body in CATALOG if body}
fresh = iter(range(1, 10_000))
out = open(__import__("pathlib").Path(__file__).with_name("labelled_pairs.csv"), "w", newline="", encoding="utf-8")
w = csv.writer(out)
out.write("# Hand-labelled pairs: realistic Chinese/English marketplace titles against catalog SKUs.\n")
out.write("# side=catalog rows are the catalog; side=source rows carry truth_sku (empty = not in the catalog)\n")
out.write("# and pair_sku (the catalog SKU the pair was labelled against: the true one or the nearest look-alike).\n")
w.writerow(["side", "id", "brand", "title", "gtin", "truth_sku", "pair_sku"])
for sku, brand, title, body in CATALOG:
    w.writerow(["catalog", sku, brand, title, gtins.get(sku, ""), "", ""])
ids = set()
for sid, brand, title, gspec, truth, pair in SOURCES:
    assert sid not in ids; ids.add(sid)
    assert not truth or truth in gtins, truth
    assert pair in gtins, pair
    if gspec.startswith("="):
        gtin = gtins[gspec[1:]]
    elif gspec.startswith("u="):
        e = gtins[gspec[2:]]
        gtin = e[1:] if e.startswith("0") else "0" + e  # UPC-A (12) or GTIN-14 form of the same number
    elif gspec.startswith("bad="):
        e = gtins[gspec[4:]]
        gtin = e[:-1] + str((int(e[-1]) + 3) % 10)
    elif gspec == "new":
        gtin = g(f"69{next(fresh):010d}")
    else:
        gtin = ""
    w.writerow(["source", sid, brand, title, gtin, truth, pair])
out.close()
print(len(CATALOG), len(SOURCES))
