"""The brand the platform keeps running as, and its self-operated merchant.

A brand the run creates is *inactive*: buyers see neither its storefront nor its API until an
operator has looked at the result and activates it (admin, or ``haitao brand activate CODE``). It
gets the default readable theme (brands/theme.py) and the cross-border risk notice in the brand's
name. An existing brand is used as it is.
"""

from __future__ import annotations

from haitao.brands.models import Brand, Merchant
from haitao.brands.services import create_brand, get_or_create_merchant

from .batches import Context
from .reader import Manifest
from .records import code

RISK_NOTICE = ("{name}跨境商品风险告知书\n1. 跨境进口商品符合原产地标准，可能与我国标准存在差异。\n"
               "2. 商品可能无中文标签。\n3. 商品仅限个人自用，不得再次销售。\n"
               "4. 单次交易限值人民币5,000元、个人年度交易限值人民币26,000元；订购人即纳税义务人。\n"
               "5. 订购人须为支付人本人。")
RISK_NOTICE_EN = ("{name} cross-border risk notice\n1. Goods meet their country of origin's "
                  "standards, which may differ from China's.\n2. Goods may carry no Chinese label.\n"
                  "3. For personal use only; no resale.\n4. CNY 5,000 per transaction and CNY 26,000 "
                  "per person per year; the buyer is the taxpayer.\n5. The orderer must be the payer.")


def setup_brand(ctx: Context, manifest: Manifest) -> None:
    """Find or create (inactive) the brand ``ctx.brand_code``; find or create its self-operated merchant."""
    brand = Brand.objects.filter(code=ctx.brand_code).first()
    if brand is None:
        extra = manifest.extra
        name = str(extra.get("brand_name") or ctx.brand_code)[:80]
        name_en = str(extra.get("brand_name_en") or ctx.brand_code.title())[:80]
        brand = create_brand(ctx.brand_code, name=name, name_en=name_en, kind=Brand.Kind.SELF_OPERATED,
                             risk_notice=RISK_NOTICE.format(name=name), risk_notice_en=RISK_NOTICE_EN.format(name=name_en),
                             active=False)
        ctx.brand_created = True
        ctx.notes.append({"kind": "brand", "note": f"brand {ctx.brand_code} created, inactive: buyers do not see it "
                                                   f"until an operator runs `haitao brand activate {ctx.brand_code}`"})
    ctx.brand = brand
    ctx.self_merchant = self_merchant(ctx.platform, brand, manifest.currency)


def self_merchant(platform: str, brand: Brand, currency: str = "CNY") -> Merchant:
    """The merchant that sells the platform's own stock (products without a marketplace merchant)."""
    return get_or_create_merchant(code(platform, "self"), name=f"{brand.name_en} self-operated",
                                  kind=Merchant.Kind.SELF_OPERATED, country="CN", ebc_code="",
                                  ebc_name=brand.name[:100], currency=currency)[0]
