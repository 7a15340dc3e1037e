"""Merchant onboarding: an application sells nothing until approved; approval needs a seller of
record registered outside the mainland with a customs code and a domestic agent; every decision is
audited; a suspended merchant's listings stop selling through every read (ORM, product page, the
placement's prebuilt statement); a listing in a brand the merchant is not allowed in is refused; the
bank account is encrypted at rest and shown masked."""

import pytest
from django.db import connection
from django.test import Client

from haitao.brands import services as brands
from haitao.brands.models import Merchant, MerchantBankAccount
from haitao.catalog import services as catalog
from haitao.catalog.models import Listing
from haitao.common.errors import Conflict, InvalidInput
from haitao.orders.request import _visible_listings
from tests import factories as f

from .support import USCC

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    return brands.create_agent(name="宁波代理有限公司", uscc=USCC[1], customs_code="3302962AGT", contact_name="周磊",
                               contact_phone="0574-8888-0002")


def _apply(code="seoul-shop", **kw):
    values = dict(name="Seoul Shop", legal_name="Seoul Shop Co., Ltd.", kind="marketplace", country="KR",
                  ebc_code="330196K099", agent=None, currency="KRW", brands=[f.brand()], actor="operator:ann")
    values.update(kw)
    return brands.apply_merchant(code, **values)


def test_an_application_sells_nothing_until_approved(agent):
    merchant = _apply(agent=agent)
    assert merchant.status == Merchant.Status.APPLIED
    with pytest.raises(InvalidInput) as refused:
        catalog.create_listing(f.brand(), f.sku(), merchant, "10.00")
    assert refused.value.code == "merchant_not_approved"
    brands.decide(merchant, Merchant.Status.APPROVED, "operator:bob", "documents checked")
    listing = catalog.create_listing(f.brand(), f.sku(), merchant, "10.00")
    assert Listing.objects.visible().filter(pk=listing.pk).exists()
    trail = list(merchant.status_changes.values_list("from_status", "to_status", "actor", "note"))
    assert trail == [("", "applied", "operator:ann", "applied"),
                     ("applied", "approved", "operator:bob", "documents checked")]


@pytest.mark.parametrize(("change", "missing"), [
    ({"agent": None}, "domestic agent"),
    ({"country": "CN"}, "registration outside the mainland"),
    ({"ebc_code": ""}, "customs registration code"),
])
def test_approval_needs_an_overseas_seller_of_record_with_an_agent(agent, change, missing):
    merchant = _apply(**{"agent": agent, **change})
    with pytest.raises(Conflict) as refused:
        brands.decide(merchant, Merchant.Status.APPROVED, "operator:bob")
    assert refused.value.code == "merchant_incomplete" and missing in refused.value.message
    assert Merchant.objects.get(pk=merchant.pk).status == Merchant.Status.APPLIED


def test_decisions_follow_the_state_machine(agent):
    merchant = _apply(agent=agent)
    with pytest.raises(Conflict):
        brands.decide(merchant, Merchant.Status.SUSPENDED, "operator:bob")  # not approved yet
    brands.decide(merchant, Merchant.Status.REJECTED, "operator:bob", "licence expired")
    with pytest.raises(Conflict):
        brands.decide(merchant, Merchant.Status.APPROVED, "operator:bob")  # apply again first
    with pytest.raises(InvalidInput):
        brands.decide(merchant, "owner", "operator:bob")
    with pytest.raises(InvalidInput):
        brands.decide(merchant, Merchant.Status.APPLIED, "")  # who decides is recorded


def test_a_suspended_merchant_stops_selling_through_every_read(agent):
    brand = f.brand()
    merchant = _apply(agent=agent, brands=[brand])
    brands.decide(merchant, Merchant.Status.APPROVED, "operator:bob")
    sku = f.sku(code="KR-1")
    catalog.create_listing(brand, sku, merchant, "99.00")
    page = f"/api/v1/brands/{brand.code}/products/KR-1"
    assert _visible_listings(brand, ["KR-1"]) and Client().get(page).status_code == 200
    brands.decide(merchant, Merchant.Status.SUSPENDED, "operator:bob", "complaints")
    assert not Listing.objects.visible().filter(sku=sku).exists()
    assert _visible_listings(brand, ["KR-1"]) == {}  # the placement's prebuilt statement agrees
    assert Client().get(page).status_code == 404  # and the product page (its cache made stale)
    brands.decide(merchant, Merchant.Status.APPROVED, "operator:bob", "resolved")
    assert _visible_listings(brand, ["KR-1"])


def test_no_listing_in_a_brand_the_merchant_is_not_allowed_in(agent):
    merchant = _apply(agent=agent, brands=[f.brand()])
    brands.decide(merchant, Merchant.Status.APPROVED, "operator:bob")
    other = f.brand("wombat")
    merchant.brands.remove(other)  # f.brand() lets test merchants into new brands; this one is not
    with pytest.raises(InvalidInput) as refused:
        catalog.create_listing(other, f.sku(), merchant, "10.00")
    assert refused.value.code == "merchant_not_in_brand"
    brands.allow_brands(merchant, [other])
    assert catalog.create_listing(other, f.sku(), merchant, "10.00").merchant == merchant


def test_bank_account_is_encrypted_at_rest_and_masked(agent):
    merchant = _apply(agent=agent)
    account = brands.set_bank_account(merchant, bank_name="Woori Bank", account="1002-345-678901", swift="HVBKKRSE")
    assert account.account_masked == "*********8901"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {MerchantBankAccount._meta.db_table}")
        raw = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "1002345678901" not in raw and "8901" in raw  # ciphertext, and the masked copy
    assert MerchantBankAccount.objects.get(pk=account.pk).account_number == "1002345678901"
    for bad in ("12", "no such account!"):
        with pytest.raises(InvalidInput):
            brands.set_bank_account(merchant, bank_name="Woori Bank", account=bad)


def test_agent_codes_are_checked():
    with pytest.raises(InvalidInput) as refused:
        brands.create_agent(name="x", uscc="91330100MA2H3K5L07", customs_code="3301961AGT", contact_name="y")
    assert refused.value.code == "invalid_uscc"
    agent = brands.create_agent(name="x", uscc=USCC[0], customs_code="3301961agt", contact_name="y",
                                contact_phone="13911112222")
    assert (agent.customs_code, agent.contact_phone_masked) == ("3301961AGT", "139****2222")
    with pytest.raises(Conflict):
        brands.create_agent(name="x", uscc=USCC[0], customs_code="3301961AGT", contact_name="y")
