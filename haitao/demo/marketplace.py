"""The demo's marketplace: domestic agents, merchants onboarded and approved (the self-operated seller
an overseas Hong Kong entity with its agent, as 公告2018年第194号 has it), commission rates, exchange
rates, merchant portal logins and the settlements of the demo months. Everything is fictional:
companies, codes (valid by checksum only), bank accounts and rates (NOT the PBOC's).

DEMO CREDENTIALS ONLY — merchant portal at /merchant/: `rhein-portal` (Rheinland Apotheke, manager)
and `self-portal` (the self-operated Hong Kong entity, manager), password `haitao-merchant`.

``onboard()`` runs before the demo orders are placed (only an approved merchant's listings sell);
``settle()`` after them. Both are idempotent: a second load creates and changes nothing, and a closed
settlement is never recomputed.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from haitao.brands import services as brands
from haitao.brands.models import Brand, DomesticAgent, Merchant
from haitao.catalog.models import Category, Listing
from haitao.customs.formats import CHINA_TZ
from haitao.marketplace import services as marketplace
from haitao.marketplace.models import CommissionRate, ExchangeRate, MerchantUser, Settlement

ACTOR = "demo"
PORTAL_PASSWORD = "haitao-merchant"  # demo only
PORTAL_USERS = [("rhein-portal", "rhein-apotheke"), ("self-portal", "haitao-self")]

AGENTS = [
    dict(name="杭州关通跨境代理服务有限公司", uscc="91330100MA2H3K5L06", customs_code="3301961AGT",
         contact_name="陈静", contact_phone="057188880001", contact_email="agent@guantong.example"),
    dict(name="宁波甬港报关代理有限公司", uscc="91330200MA2J7P8Q0Y", customs_code="3302962AGT",
         contact_name="周磊", contact_phone="057488880002", contact_email="agent@yonggang.example"),
]
# The self-operated business is the platform's own overseas entity, acting through the Hangzhou agent.
SELF = dict(code="haitao-self", legal_name="Haitao Global Trading (Hong Kong) Limited", country="HK", currency="HKD",
            ebc_name="海淘环球贸易（香港）有限公司")
# Legal names of the marketplace merchants are their reference names; the Ningbo agent acts for those
# in Europe, the Hangzhou agent for the rest.
EUROPE = {"DE", "FR", "CH"}
COMMISSION = [  # (brand, category, rate); None matches any
    (None, None, "0.0500"), ("dolphin", None, "0.0800"), (None, "wine", "0.1000"), ("dolphin", "skincare", "0.1200"),
]
RATES = {  # CNY per unit, fictional round figures
    "EUR": "7.7000", "JPY": "0.0475", "AUD": "4.7000", "USD": "7.1200", "CHF": "8.1000", "KRW": "0.0051",
    "HKD": "0.9150",
}
RATE_SOURCE = "demo: fictional rate, not the PBOC central parity"


def onboard(log=print) -> dict:
    """Agents, approved merchants with bank details and brands, commission rates, portal logins."""
    counts = {"domestic_agents": 0, "merchants_approved": 0, "commission_rates": 0, "merchant_logins": 0}
    agents = []
    for spec in AGENTS:
        agent = DomesticAgent.objects.filter(uscc=spec["uscc"]).first()
        if agent is None:
            agent = brands.create_agent(**spec)
            counts["domestic_agents"] += 1
        agents.append(agent)
    listed_in = {}
    for merchant_id, brand_id in Listing.objects.values_list("merchant_id", "brand_id").distinct():
        listed_in.setdefault(merchant_id, set()).add(brand_id)
    by_id = {b.pk: b for b in Brand.objects.all()}
    for merchant in Merchant.objects.order_by("code"):
        if merchant.agent_id is None:  # not onboarded yet (an operator's later changes are left alone)
            if merchant.code == SELF["code"]:
                brands.update_merchant(merchant, legal_name=SELF["legal_name"], country=SELF["country"],
                                       currency=SELF["currency"], ebc_name=SELF["ebc_name"], agent=agents[0])
            else:
                brands.update_merchant(merchant, legal_name=merchant.name,
                                       agent=agents[1] if merchant.country in EUROPE else agents[0])
            number = f"{zlib.crc32(merchant.code.encode()) % 10**10:010d}"  # fictional; stored encrypted, shown masked
            brands.set_bank_account(merchant, bank_name="Demo Bank (fictional)", account=f"DEMO{number}",
                                    swift="DEMOHKHH")
            brands.add_document(merchant, kind="customs", reference=f"customs registration {merchant.ebc_code}",
                                expires_on=date(2028, 12, 31))
            brands.allow_brands(merchant, [by_id[pk] for pk in sorted(listed_in.get(merchant.pk, ()))])
        if merchant.status == Merchant.Status.APPLIED:
            brands.decide(merchant, Merchant.Status.APPROVED, ACTOR, "demo onboarding")
            counts["merchants_approved"] += 1
    if not CommissionRate.objects.exists():
        brands_by_code = {b.code: b for b in by_id.values()}
        categories = {c.slug: c for c in Category.objects.all()}
        for brand, category, rate in COMMISSION:
            marketplace.set_commission_rate(rate, brand=brands_by_code.get(brand), category=categories.get(category))
            counts["commission_rates"] += 1
    for username, code in PORTAL_USERS:
        merchant = Merchant.objects.filter(code=code).first()
        if merchant is not None and not MerchantUser.objects.filter(user__username=username).exists():
            marketplace.add_portal_user(merchant, username, PORTAL_PASSWORD, "manager", f"{username}@merchant.example")
            counts["merchant_logins"] += 1
    return counts


def demo_months(now=None) -> tuple[str, str]:
    """(last month, this month) in Asia/Shanghai: the demo's orders span both."""
    today = timezone.localtime(now or timezone.now(), CHINA_TZ).date()
    last = today.replace(day=1) - timedelta(days=1)
    return f"{last:%Y-%m}", f"{today:%Y-%m}"


def settle(log=print, now=None) -> dict:
    """Exchange rates for both demo months, then their settlements: last month's closed, this
    month's a draft (recomputed while it stays one)."""
    today = timezone.localtime(now or timezone.now(), CHINA_TZ).date()
    last_month, this_month = demo_months(now)
    counts = {"exchange_rates": 0, "settlements": 0}
    for rate_date in (today.replace(day=1) - timedelta(days=1), today):
        for currency, value in RATES.items():
            if not ExchangeRate.objects.filter(currency=currency, rate_date=rate_date).exists():
                marketplace.record_exchange_rate(currency, Decimal(value), rate_date, RATE_SOURCE, ACTOR)
                counts["exchange_rates"] += 1
    before = Settlement.objects.count()
    for period in (last_month, this_month):
        done, refused = marketplace.run_period(period, ACTOR)
        for merchant, why in refused:
            log(f"  settlement {merchant.code} {period} refused: {why}")
        if period == last_month:
            for row in done:
                marketplace.close_settlement(row, ACTOR)
    counts["settlements"] = Settlement.objects.count() - before
    for row in Settlement.objects.filter(period__in=(last_month, this_month), net_sales__gt=0):
        if counts["settlements"]:
            log(f"  settlement {row.merchant.code} {row.period} ({row.status}): owed {row.net_payable} {row.currency}")
    return counts
