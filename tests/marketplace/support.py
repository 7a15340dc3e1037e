"""A small marketplace: two brands, two approved overseas merchants (EUR and JPY) with agents, SKUs in
two categories, and orders written directly with the amounts a test wants (placement itself is
tested elsewhere; here the settlement reads what orders, refunds and returns say)."""

import itertools
from datetime import datetime
from decimal import Decimal

from haitao.brands import services as brands
from haitao.brands.models import Merchant
from haitao.catalog.models import Category
from haitao.customs.formats import CHINA_TZ
from haitao.orders.models import Order, OrderLine
from haitao.orders.states import Status
from haitao.payments.models import Payment, Refund
from haitao.returns.models import ReturnLine, ReturnRequest
from tests import factories as f

_n = itertools.count(1)
USCC = ["91330100MA2H3K5L06", "91330200MA2J7P8Q0Y"]


def shanghai(*args) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)


def onboarded(code: str, currency: str, country: str, agent, brand_list) -> Merchant:
    merchant = brands.apply_merchant(code, name=f"{code} Ltd", legal_name=f"{code} Limited", kind="marketplace",
                                     country=country, ebc_code=f"330196{next(_n):04d}", agent=agent,
                                     currency=currency, brands=brand_list, actor="test")
    brands.set_bank_account(merchant, bank_name="Test Bank", account=f"DE8937040044053201{next(_n):04d}")
    return brands.decide(merchant, Merchant.Status.APPROVED, "operator:test")


def world() -> dict:
    dolphin, wombat = f.brand("dolphin"), f.brand("wombat")
    agent = brands.create_agent(name="杭州代理有限公司", uscc=USCC[0], customs_code="3301961AGT", contact_name="陈静",
                                contact_phone="13911112222")
    a = onboarded("merchant-a", "EUR", "DE", agent, [dolphin, wombat])
    b = onboarded("merchant-b", "JPY", "JP", agent, [dolphin])
    wine, _ = Category.objects.get_or_create(slug="wine", defaults={"name": "葡萄酒", "name_en": "Wine"})
    formula_sku, wine_sku = f.sku(), f.sku(category=wine, hs_code="2204210000")
    return {"dolphin": dolphin, "wombat": wombat, "a": a, "b": b, "agent": agent, "formula": formula_sku,
            "wine": wine_sku, "warehouse": f.warehouse()}


def order(w, brand, lines, paid_at, status=Status.DELIVERED, customer=None) -> Order:
    """An order of `lines` [(merchant, sku, quantity, unit price, tax)], paid at `paid_at`."""
    n = next(_n)
    goods = sum((Decimal(price) * qty for _m, _s, qty, price, _t in lines), Decimal("0"))
    tax = sum((Decimal(t) for *_x, t in lines), Decimal("0"))
    o = Order.objects.create(
        number=f"HT2026{n:06d}X", brand=brand, customer=customer or f.customer(), status=status, mode="1210",
        warehouse=w["warehouse"], goods_value=goods, dutiable_value=goods, tax_total=tax, actual_paid=goods + tax,
        buyer_name="王小明", buyer_id_number="11010519491231002X", buyer_id_masked="1101**********002X",
        buyer_id_hash=f"h{n}", consignee="王小明", consignee_phone="13911110001", consignee_phone_masked="139****0001",
        consignee_address="北京市朝阳区建国路88号", consignee_address_masked="北京市北京市朝阳区****",
        risk_notice_accepted_at=paid_at, risk_notice_digest="x" * 64, placed_at=paid_at, paid_at=paid_at)
    for gnum, (merchant, sku, qty, price, t) in enumerate(lines, 1):
        OrderLine.objects.create(order=o, gnum=gnum, sku=sku, merchant=merchant, title=sku.title, quantity=qty,
                                 unit_price=Decimal(price), goods_value=Decimal(price) * qty,
                                 dutiable_value=Decimal(price) * qty, vat=Decimal(t))
    return o


def refund(o: Order, amount: str, settled_at, key: str = "cancel") -> Refund:
    payment = o.payments.first() or Payment.objects.create(order=o, provider="sandbox", reference=f"P{o.number}",
                                                           amount=o.actual_paid, status=Payment.Status.SUCCEEDED,
                                                           paid_at=o.paid_at)
    return Refund.objects.create(order=o, payment=payment, amount=Decimal(amount), reason="test", key=key,
                                 reference=f"R{next(_n)}", status=Refund.Status.SUCCEEDED, settled_at=settled_at)


def returned(o: Order, gnum: int, quantity: int, completed_at) -> ReturnRequest:
    line = o.lines.get(gnum=gnum)
    tax = (line.tax_total * quantity / line.quantity).quantize(Decimal("0.01"))
    goods = (line.goods_value * quantity / line.quantity).quantize(Decimal("0.01"))
    request = ReturnRequest.objects.create(number=f"RT{o.number[2:]}", order=o, reason="size",
                                           status=ReturnRequest.Status.COMPLETED, released_at=o.paid_at,
                                           requested_at=o.paid_at, completed_at=completed_at,
                                           refund_amount=goods + tax)
    ReturnLine.objects.create(request=request, order_line=line, quantity=quantity, dutiable_value=goods, tax=tax,
                              refund_amount=goods + tax, condition=ReturnLine.Condition.SELLABLE)
    return request
