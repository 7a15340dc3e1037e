"""Small builders for test data: a brand, a SKU listed in it, stock in a warehouse, a customer.

Valid test ID numbers (GB 11643 MOD 11-2): 11010519491231002X, 440524188001010014.
"""

import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model

from haitao.accounts.models import Customer
from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Category, Listing, Sku
from haitao.compliance.models import PositiveListEntry
from haitao.inventory.models import Stock, Warehouse

VALID_IDS = ["11010519491231002X", "440524188001010014", "110105194912310038", "110105194912310054"]
_seq = itertools.count(1)


def brand(code="dolphin", **kw) -> Brand:
    defaults = dict(name=f"{code}海淘", name_en=code.title(), kind=Brand.Kind.MARKETPLACE,
                    risk_notice="跨境商品风险告知书：商品符合原产地标准，可能无中文标签，仅限个人自用，不得再次销售。",
                    risk_notice_en="Cross-border risk notice: origin-country standards, maybe no Chinese label, "
                                   "personal use only, no resale.")
    defaults.update(kw)
    return Brand.objects.get_or_create(code=code, defaults=defaults)[0]


def merchant(code="self", **kw) -> Merchant:
    defaults = dict(name="haitao self-operated", kind=Merchant.Kind.SELF_OPERATED, country="CN",
                    ebc_code="3301960HTS", ebc_name="海淘自营")
    defaults.update(kw)
    return Merchant.objects.get_or_create(code=code, defaults=defaults)[0]


def warehouse(code="hz-bonded", kind=Warehouse.Kind.BONDED, **kw) -> Warehouse:
    defaults = dict(name=code, name_en=code, kind=kind, country="CN" if kind == Warehouse.Kind.BONDED else "DE",
                    city="Hangzhou", customs_code="2991", port_code="2991",
                    area_code="3301W60001" if kind == Warehouse.Kind.BONDED else "",
                    area_name="杭州保税仓" if kind == Warehouse.Kind.BONDED else "",
                    ems_no="T2991W000001" if kind == Warehouse.Kind.BONDED else "")
    defaults.update(kw)
    return Warehouse.objects.get_or_create(code=code, defaults=defaults)[0]


def sku(code=None, **kw) -> Sku:
    n = next(_seq)
    category, _ = Category.objects.get_or_create(slug="formula", defaults={"name": "奶粉", "name_en": "Formula"})
    defaults = dict(gtin="", brand_name="Aptamil", title=f"测试商品{n}", title_en=f"Test item {n}",
                    category=category, hs_code="1901101090", origin_country="DE", gmodel="800g/罐",
                    unit_code="122", unit1_code="035", net_weight_kg=Decimal("0.8"),
                    gross_weight_kg=Decimal("1.0"), vat_rate=Decimal("0.13"))
    defaults.update(kw)
    sku_obj = Sku.objects.create(code=code or f"T{n:05d}", **defaults)
    on_positive_list(sku_obj.hs_code)
    return sku_obj


def on_positive_list(hs_code: str, remarks: str = "") -> PositiveListEntry:
    """Test SKUs are sellable unless a test says otherwise: their tariff line is on the list."""
    return PositiveListEntry.objects.get_or_create(code8=hs_code[:8], defaults={
        "description": f"test line {hs_code[:8]}", "remarks": remarks, "source": "tests"})[0]


def listed(brand_obj, sku_obj, price="200.00", merchant_obj=None, **kw) -> Listing:
    return Listing.objects.create(brand=brand_obj, sku=sku_obj, merchant=merchant_obj or merchant(),
                                  price=Decimal(price), **kw)


def stock(sku_obj, quantity, wh=None, owner=None, **kw) -> Stock:
    """Stock of ``owner`` (default: the merchant listing the SKU, else the self-operated one)."""
    if owner is None:
        listing = Listing.objects.filter(sku=sku_obj).order_by("id").first()
        owner = listing.merchant if listing else merchant()
    return Stock.objects.create(warehouse=wh or warehouse(), sku=sku_obj, on_hand=quantity, owner=owner,
                                item_record_no=kw.pop("item_record_no", f"IR{sku_obj.id:06d}"), **kw)


def customer(email=None, password="correct-horse-9") -> Customer:
    n = next(_seq)
    user = get_user_model().objects.create_user(username=email or f"buyer{n}@example.com",
                                                email=email or f"buyer{n}@example.com", password=password)
    return Customer.objects.create(user=user, display_name=f"buyer{n}")
