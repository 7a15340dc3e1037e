"""The operators' side in the admin: approving audits who approved; the bank account typed in is
stored encrypted and only ever shown masked; a settlement's statement downloads; a brand-scoped
operator sees no settlement (they span brands)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from haitao.brands import services as brands
from haitao.brands.models import Merchant, MerchantBankAccount
from haitao.marketplace import services
from haitao.operators import services as operators
from tests import factories as f

from .support import USCC, order, shanghai, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    get_user_model().objects.create_superuser("root", "root@x.test", "root-pass-123")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.login(username="root", password="root-pass-123")
    return client


def test_approve_action_and_bank_account_through_the_admin(admin_client):
    agent = brands.create_agent(name="代理", uscc=USCC[0], customs_code="3301961AGT", contact_name="陈")
    merchant = brands.apply_merchant("seoul", name="Seoul", legal_name="Seoul Co.", kind="marketplace", country="KR",
                                     ebc_code="330196K001", agent=agent, currency="KRW", brands=[f.brand()])
    response = admin_client.post("/admin/brands/merchant/", {"action": "approve", "_selected_action": [merchant.pk]})
    assert response.status_code == 302
    merchant.refresh_from_db()
    assert merchant.status == "approved" and merchant.status_changed_by == "operator:root"
    page = f"/admin/brands/merchant/{merchant.pk}/change/"
    form = {"code": "seoul", "name": "Seoul", "legal_name": "Seoul Co.", "kind": "marketplace", "country": "KR",
            "ebc_code": "330196K001", "ebc_name": "Seoul", "agent": agent.pk, "currency": "KRW",
            "brands": [merchant.brands.get().pk],
            "bank_account-TOTAL_FORMS": 1, "bank_account-INITIAL_FORMS": 0, "bank_account-MIN_NUM_FORMS": 0,
            "bank_account-MAX_NUM_FORMS": 1, "bank_account-0-bank_name": "Woori",
            "bank_account-0-swift": "HVBKKRSE", "bank_account-0-new_account_number": "1002-345-678901",
            "bank_account-0-merchant": merchant.pk,
            "documents-TOTAL_FORMS": 0, "documents-INITIAL_FORMS": 0, "documents-MIN_NUM_FORMS": 0,
            "documents-MAX_NUM_FORMS": 1000,
            "status_changes-TOTAL_FORMS": 0, "status_changes-INITIAL_FORMS": 0, "status_changes-MIN_NUM_FORMS": 0,
            "status_changes-MAX_NUM_FORMS": 0}
    response = admin_client.post(page, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    account = MerchantBankAccount.objects.get(merchant=merchant)
    assert account.account_number == "1002345678901" and account.account_masked.endswith("8901")
    shown = admin_client.get(page).content.decode()
    assert "1002345678901" not in shown and account.account_masked in shown
    assert Merchant.objects.get(pk=merchant.pk).status == "approved"  # the form cannot change the state


def test_statement_downloads_and_brand_scope(admin_client):
    w = world()
    services.record_exchange_rate("EUR", "7.7", date(2026, 11, 30), "PBOC", "test")
    order(w, w["dolphin"], [(w["a"], w["formula"], 1, "100.00", "5.00")], shanghai(2026, 11, 3))
    settlement = services.run_settlement(w["a"], "2026-11", "test")
    for fmt, head in (("csv", "结算单号".encode()), ("pdf", b"%PDF-")):
        body = admin_client.get(f"/admin/marketplace/settlement/{settlement.pk}/statement.{fmt}").content
        assert head in body[:40]
    scoped = operators.add_operator("fin-dolphin", "fd@x.test", "fin-pass-1234", "finance", brands=[w["dolphin"]])
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(scoped)
    assert client.get("/admin/marketplace/settlement/").context["cl"].result_count == 0
    assert client.get(f"/admin/marketplace/settlement/{settlement.pk}/statement.pdf").status_code == 404
