"""The demo's small reference data: brands, merchants, categories, warehouses, people, past orders.

The catalog itself (SKUs, listings, stock, the positive-list subset) is in `data/*.csv`. Everything
here is fictional: the merchants, their customs codes, the warehouses' account books, the people and
their ID numbers (valid by checksum only), phone numbers and addresses.
"""

from decimal import Decimal

_RISK_NOTICE_ZH = (
    "{name}跨境商品风险告知书\n"
    "1. 您在{name}购买的跨境进口商品符合原产地有关质量、安全、卫生、环保、标识等标准或技术规范要求，"
    "可能与我国标准存在差异，由此产生的风险由您自行承担。\n"
    "2. 商品从境外直邮或从保税仓发货，可能无中文标签；您可以查看商品页面提供的中文电子标签。\n"
    "3. 您购买的商品仅限个人自用，不得再次销售。\n"
    "4. 跨境电商零售进口适用单次交易限值人民币5,000元、个人年度交易限值人民币26,000元；"
    "订购人即纳税义务人，跨境电商综合税由平台代收代缴。\n"
    "5. 订购人须为支付人本人，并以本人真实身份信息下单。"
)
_RISK_NOTICE_EN = (
    "{name} cross-border risk notice\n"
    "1. Goods you buy on {name} are imported cross-border and meet the quality, safety, hygiene, environmental "
    "and labelling standards of their country of origin, which may differ from China's; you bear the risks "
    "that follow from the difference.\n"
    "2. Goods ship by direct mail from abroad or from a bonded warehouse and may carry no Chinese label; "
    "see the Chinese electronic label on the product page.\n"
    "3. The goods are for your personal use only and may not be resold.\n"
    "4. Cross-border retail imports are limited to CNY 5,000 per transaction and CNY 26,000 per person per year; "
    "the buyer is the taxpayer, and the platform collects and pays the cross-border tax on the buyer's behalf.\n"
    "5. The orderer must be the payer and must order under their own real identity."
)

BRANDS = [
    dict(code="dolphin", name="海豚环球", name_en="Dolphin Global", kind="marketplace",
         tagline="全球好店，一站直达", tagline_en="The world's best shops, one tap away",
         primary_color="#1d3557", accent_color="#e63946", theme="dolphin", host="dolphin.localhost",
         default_language="zh-hans", price_display="tax_inclusive",
         risk_notice=_RISK_NOTICE_ZH.format(name="海豚环球"), risk_notice_en=_RISK_NOTICE_EN.format(name="Dolphin Global"),
         freight_flat=Decimal("10.00"), free_freight_over=Decimal("99.00"), active=True),
    dict(code="wombat", name="袋熊海购", name_en="Wombat Import", kind="self_operated",
         tagline="自营直采，正品放心购", tagline_en="Sourced by us, genuine every time",
         primary_color="#2d6a4f", accent_color="#f4a261", theme="wombat", host="wombat.localhost",
         default_language="zh-hans", price_display="tax_separate",
         risk_notice=_RISK_NOTICE_ZH.format(name="袋熊海购"), risk_notice_en=_RISK_NOTICE_EN.format(name="Wombat Import"),
         freight_flat=Decimal("0.00"), free_freight_over=None, active=True),
]

# ebc_code: a fictional 10-character customs registration code of the e-commerce enterprise.
MERCHANTS = [
    # The self-operated business is the operator's own overseas entity (a Hong Kong company), declared
    # as the ebc through its domestic agent like any marketplace seller (issue 13).
    dict(code="haitao-self", name="haitao Global (Hong Kong) Limited", kind="self_operated", country="HK",
         ebc_code="3301960HTS", ebc_name="海淘环球（香港）有限公司", currency="CNY"),
    dict(code="rhein-apotheke", name="Rheinland Apotheke GmbH", kind="marketplace", country="DE",
         ebc_code="330196D001", ebc_name="莱茵兰药房有限公司", currency="EUR"),
    dict(code="sakura-drug", name="Sakura Drugstore Co., Ltd.", kind="marketplace", country="JP",
         ebc_code="330196J002", ebc_name="樱花药妆株式会社", currency="JPY"),
    dict(code="southern-cross", name="Southern Cross Health Pty Ltd", kind="marketplace", country="AU",
         ebc_code="330196A003", ebc_name="南十字健康有限公司", currency="AUD"),
    dict(code="maison-lumiere", name="Maison Lumière Beauté SAS", kind="marketplace", country="FR",
         ebc_code="330196F004", ebc_name="光之屋美妆有限公司", currency="EUR"),
    dict(code="liberty-outlet", name="Liberty Outlet LLC", kind="marketplace", country="US",
         ebc_code="330196U005", ebc_name="自由奥特莱斯有限责任公司", currency="USD"),
    dict(code="leman-horlogerie", name="Horlogerie du Léman SA", kind="marketplace", country="CH",
         ebc_code="330196S006", ebc_name="莱芒钟表股份公司", currency="CHF"),
    dict(code="hangang-beauty", name="Hangang Beauty Co., Ltd.", kind="marketplace", country="KR",
         ebc_code="330196K007", ebc_name="汉江美妆株式会社", currency="KRW"),
    dict(code="caves-aquitaine", name="Caves d'Aquitaine SARL", kind="marketplace", country="FR",
         ebc_code="330196F008", ebc_name="阿基坦酒窖有限公司", currency="EUR"),
    dict(code="barossa-cellars", name="Barossa Fine Wine Cellars Pty Ltd", kind="marketplace", country="AU",
         ebc_code="330196A009", ebc_name="巴罗萨名酒窖有限公司", currency="AUD"),
]

CATEGORIES = [
    dict(slug="formula", name="奶粉", name_en="Infant formula", position=1),
    dict(slug="diapers", name="纸尿裤", name_en="Diapers", position=2),
    dict(slug="skincare", name="护肤", name_en="Skin care", position=3),
    dict(slug="cosmetics", name="彩妆", name_en="Cosmetics", position=4),
    dict(slug="supplements", name="保健品", name_en="Health supplements", position=5),
    dict(slug="wine", name="葡萄酒", name_en="Wine", position=6),
    dict(slug="bags", name="箱包", name_en="Bags", position=7),
    dict(slug="watches", name="腕表", name_en="Watches", position=8),
]

WAREHOUSES = [
    dict(code="hz-bonded", name="杭州下沙保税仓", name_en="Hangzhou Xiasha Bonded Warehouse", kind="bonded",
         country="CN", city="Hangzhou", customs_code="2991", port_code="2991", area_code="3301W68001",
         area_name="杭州下沙跨境保税仓储有限公司", ems_no="T2991W000118", priority=1),
    dict(code="nb-bonded", name="宁波保税区跨境仓", name_en="Ningbo Bonded Zone Warehouse", kind="bonded",
         country="CN", city="Ningbo", customs_code="3105", port_code="3105", area_code="3302W68002",
         area_name="宁波保税区跨境物流有限公司", ems_no="T3105W000207", priority=2),
    # Direct mail (9610) from here is declared on arrival at the Hangzhou cross-border clearance centre.
    dict(code="de-frankfurt", name="法兰克福海外直邮仓", name_en="Frankfurt Overseas Warehouse", kind="overseas",
         country="DE", city="Frankfurt am Main", customs_code="2991", port_code="2991", area_code="",
         area_name="", ems_no="", priority=5),
]

# Demo operator for the Django admin. Demo credentials only: never use them anywhere real.
ADMIN = dict(username="admin", email="admin@haitao.test", password="haitao-admin")

CUSTOMER_PASSWORD = "haitao-demo"  # demo only

# One demo operator per role (haitao/operators/roles.py); brands=None: every brand. Demo only.
OPERATOR_PASSWORD = "haitao-operator"
OPERATORS = [
    dict(username="dolphin-ops", role="brand operator", brands=["dolphin"]),
    dict(username="wombat-ops", role="brand operator", brands=["wombat"]),
    dict(username="service", role="customer service", brands=["dolphin", "wombat"], refund_limit="500.00"),
    dict(username="finance", role="finance", brands=["dolphin", "wombat"]),
]

# id17 = area code (GB/T 2260) + birth date + sequence; the check character is computed at load time.
CUSTOMERS = [
    dict(email="demo@haitao.test", display_name="张伟", real_name="张伟", id17="11010519880315011",
         signup_brand="dolphin", language="zh-hans",
         address=dict(consignee="张伟", phone="13911110001", province="北京市", city="北京市", district="朝阳区",
                      district_code="110105", detail="建国路88号院3号楼1单元1201室")),
    dict(email="demo1@haitao.test", display_name="Lina", real_name="李娜", id17="31010419910722024",
         signup_brand="dolphin", language="zh-hans",
         address=dict(consignee="李娜", phone="13911110002", province="上海市", city="上海市", district="徐汇区",
                      district_code="310104", detail="漕溪北路398号汇智大厦7楼")),
    dict(email="demo2@haitao.test", display_name="芳芳", real_name="王芳", id17="33010619851109046",
         signup_brand="wombat", language="zh-hans",
         address=dict(consignee="王芳", phone="13911110003", province="浙江省", city="杭州市", district="西湖区",
                      district_code="330106", detail="文三路259号昌地火炬大厦2号楼501室")),
    dict(email="demo3@haitao.test", display_name="刘洋", real_name="刘洋", id17="44030519930128013",
         signup_brand="wombat", language="zh-hans",
         address=dict(consignee="刘洋", phone="13911110004", province="广东省", city="深圳市", district="南山区",
                      district_code="440305", detail="科技园南区高新南七道12号1806室")),
    dict(email="demo4@haitao.test", display_name="静静", real_name="陈静", id17="11010519790605028",
         signup_brand="dolphin", language="zh-hans",
         address=dict(consignee="陈静", phone="13911110005", province="北京市", city="北京市", district="朝阳区",
                      district_code="110105", detail="望京街道阜通东大街6号院2号楼903室")),
    dict(email="demo5@haitao.test", display_name="Fan Yang", real_name="杨帆", id17="31010419950913035",
         signup_brand="wombat", language="en",
         address=dict(consignee="杨帆", phone="13911110006", province="上海市", city="上海市", district="徐汇区",
                      district_code="310104", detail="衡山路10号2单元302室")),
    dict(email="demo6@haitao.test", display_name="赵敏", real_name="赵敏", id17="33010619900402062",
         signup_brand="dolphin", language="zh-hans",
         address=dict(consignee="赵敏", phone="13911110007", province="浙江省", city="杭州市", district="西湖区",
                      district_code="330106", detail="古墩路583号紫金广场B座1102室")),
]

# Past orders, placed through the real services. `status` is where the demo leaves the order;
# `days_ago` is when it was placed. demo@haitao.test (the README's buyer) has one small order only,
# so nearly all of their annual quota is left for trying the shop.
ORDERS = [
    dict(key="demo-order-01", email="demo@haitao.test", brand="dolphin", items=[("FM-APT-01", 2)],
         status="delivered", days_ago=38),
    dict(key="demo-order-02", email="demo1@haitao.test", brand="dolphin", items=[("SC-LAN-01", 1), ("SC-SHI-02", 1)],
         status="delivered", days_ago=35),
    dict(key="demo-order-03", email="demo1@haitao.test", brand="wombat", items=[("DP-PAM-01", 3), ("HS-SWI-01", 2)],
         status="delivered", days_ago=30),
    # One unit of one SKU over 5,000: general-trade regime, full tax (docs/rules.md, rule 5, example 3).
    dict(key="demo-order-04", email="demo2@haitao.test", brand="dolphin", items=[("SC-LMR-06", 1)],
         status="delivered", days_ago=27),
    dict(key="demo-order-05", email="demo1@haitao.test", brand="dolphin", items=[("WT-TIS-03", 1)],
         status="delivered", days_ago=20),
    dict(key="demo-order-06", email="demo5@haitao.test", brand="dolphin", items=[("SC-ESL-02", 1), ("SC-KIE-03", 1)],
         status="delivered", days_ago=22),
    dict(key="demo-order-07", email="demo4@haitao.test", brand="wombat", items=[("WN-PEN-07", 1), ("WN-CLB-01", 2)],
         status="delivered", days_ago=16),
    dict(key="demo-order-08", email="demo6@haitao.test", brand="wombat", items=[("SC-SK2-01", 1)],
         status="cancelled", days_ago=12),
    dict(key="demo-order-09", email="demo3@haitao.test", brand="dolphin", items=[("WN-PEN-01", 2), ("WN-TOR-01", 2)],
         status="shipped", days_ago=9),
    dict(key="demo-order-10", email="demo6@haitao.test", brand="wombat", items=[("CO-YSL-01", 1)],
         status="shipped", days_ago=7),
    dict(key="demo-order-11", email="demo2@haitao.test", brand="wombat", items=[("FM-MEJ-02", 4)],
         status="shipped", days_ago=6),
    # A watch of 10,000 or more: consumption tax 20%, and over 5,000 so general trade.
    dict(key="demo-order-12", email="demo3@haitao.test", brand="wombat", items=[("WT-LON-04", 1)],
         status="released", days_ago=5),
    dict(key="demo-order-13", email="demo4@haitao.test", brand="dolphin", items=[("CO-CHA-02", 1), ("CO-LAN-02", 1)],
         status="released", days_ago=4),
    dict(key="demo-order-14", email="demo4@haitao.test", brand="wombat", items=[("HS-BIO-01", 2), ("HS-SWI-07", 1)],
         status="declared", days_ago=3),
    dict(key="demo-order-15", email="demo5@haitao.test", brand="dolphin", items=[("BG-COA-03", 1)],
         status="declared", days_ago=2),
    # Paid a day ago. The payment service declares a paid order at once (declarations app), so these
    # are usually `declared` when the load ends; without that hook they stay `paid`.
    dict(key="demo-order-16", email="demo5@haitao.test", brand="wombat", items=[("FM-A2P-03", 3)],
         status="paid", days_ago=1),
    dict(key="demo-order-17", email="demo6@haitao.test", brand="dolphin", items=[("DP-MOO-01", 2), ("FM-NUT-03", 2)],
         status="paid", days_ago=1),
    # Placed minutes before the load, so it is still awaiting payment (it expires with the unpaid-order TTL).
    dict(key="demo-order-18", email="demo2@haitao.test", brand="dolphin", items=[("HS-HCA-01", 2)],
         status="pending_payment", days_ago=0),
    # The way back (rule 12). Paid, its inventory list accepted by customs, cancelled before release:
    # a CEB623 went out and customs' CEB624 agreed; refunded, stock and quota given back.
    dict(key="demo-order-19", email="demo3@haitao.test", brand="wombat", items=[("HS-SWI-01", 1)],
         status="cancelled_after_declaration", days_ago=2),
    # Delivered, then one of its two tins returned: CEB625 accepted, the tin back in bonded stock, refunded.
    dict(key="demo-order-20", email="demo1@haitao.test", brand="dolphin", items=[("FM-APT-01", 2)],
         status="returned", days_ago=10),
    # Issue 13: one purchase, goods of two merchants in both modes → three customs orders, paid once:
    # Barossa's bonded Penfolds (Hangzhou, 1210), Barossa's direct-mail Penfolds (Frankfurt, 9610, two
    # 750 ml bottles = 1.5 litres) and Maison Lumière's bonded Lancôme, each declared under its seller.
    dict(key="demo-order-21", email="demo5@haitao.test", brand="dolphin",
         items=[("WN-PEN-01", 1), ("WN-PEN-05", 2), ("SC-LAN-01", 1)], status="declared", days_ago=1),
]
