"""Test data for the compliance tests: a positive list, a consignee, and placing an order."""

from haitao.orders import services as orders
from tests import factories as f

ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"
STREET = "文三路 100 号 求是村 7 幢"

POSITIVE_LIST_CSV = """code,description,remarks
19011010,婴幼儿配方奶粉,
33049900,其他美容化妆品及护肤品,
04090000,天然蜂蜜,仅限网购保税进口
21069090,其他编号未列名的食品,仅限直购进口
22030000,麦芽酿造的啤酒,
"""


def consignee(**kw):
    data = dict(name="张三", phone=PHONE, province="浙江省", city="杭州市", district="西湖区", detail=STREET)
    data.update(kw)
    return orders.Consignee(**data)


def place(brand, items, buyer=None, **kw):
    buyer = buyer or f.customer()
    request = orders.PlaceOrder(brand=brand, items=items, consignee=consignee(), buyer_name="张三",
                                buyer_id_number=kw.pop("id_number", ID_NUMBER), risk_notice_accepted=True, **kw)
    return orders.place_order(buyer, request)[0]
