"""History orders: imported into the brand, never declared; this year's counting orders enter the
quota ledger once; cancelled, returned and last year's orders do not."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from haitao.common.crypto import id_hash
from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.consolidation import services
from haitao.declarations.models import Declaration, OutboxMessage
from haitao.declarations.services import declare_pending
from haitao.orders.models import Order
from haitao.orders.states import Status
from haitao.payments.models import Payment

from .conftest import SAMPLE

pytestmark = pytest.mark.django_db

ID_A, ID_B = "11010519491231002X", "110105194912310038"


def _order(id, customer, when, status, amount="100.00", product="p1"):
    return {"id": id, "customer_id": customer, "placed_at": when.isoformat(), "status": status,
            "lines": [{"product_id": product, "quantity": 1, "unit_price": amount}],
            "freight": "0", "discount": "0", "tax_total": "9.10", "actual_paid": str(Decimal(amount) + Decimal("9.10"))}


@pytest.fixture
def history(make_export, fast_passwords):
    year = timezone.localdate().year
    this_year = timezone.make_aware(datetime(year, 1, 15, 12, 0))
    last_year = timezone.make_aware(datetime(year - 1, 12, 31, 12, 0))
    return make_export(
        products=[{"id": "p1", "title": "测试奶粉 1段 800g", "price": "100.00", "hs_code": "1901101090",
                   "origin_country": "DE", "stock": [{"warehouse": "Test Overseas", "quantity": 5}]}],
        customers=[{"id": "a", "name": "张三", "id_number": ID_A}, {"id": "b", "name": "李四", "id_number": ID_B},
                   {"id": "n", "name": "王五"}],
        orders=[_order("o1", "a", this_year, "paid", "100.00"), _order("o2", "a", this_year, "delivered", "200.00"),
                _order("o3", "b", this_year, "released", "300.00"), _order("o4", "b", this_year, "shipped", "50.00"),
                _order("o5", "a", this_year, "cancelled"), _order("o6", "b", this_year, "returned"),
                _order("o7", "a", last_year, "delivered"), _order("o8", "n", this_year, "delivered")])


def test_this_years_counting_orders_enter_the_quota_ledger_once(history):
    report = services.consolidate(history, "koala")
    year = timezone.localdate().year
    entries = {e.external_ref: e for e in QuotaEntry.objects.all()}
    assert set(entries) == {"koala:o1", "koala:o2", "koala:o3", "koala:o4"}
    assert all(e.state == QuotaEntry.State.COMMITTED and e.year == year for e in entries.values())
    assert entries["koala:o2"].amount == Decimal("200.00")  # the dutiable value, tax not counted
    assert entries["koala:o2"].order.number == "KOALA-O2"
    assert QuotaAccount.objects.get(id_hash=id_hash(ID_A), year=year).committed_fen == 30000
    assert QuotaAccount.objects.get(id_hash=id_hash(ID_B), year=year).committed_fen == 35000
    assert report["counts"]["orders"]["quota_entries"] == 4
    services.consolidate(history, "koala")  # idempotent
    assert QuotaEntry.objects.count() == 4
    assert QuotaAccount.objects.get(id_hash=id_hash(ID_A), year=year).committed_fen == 30000


def test_history_orders_are_never_declared_and_keep_their_status(history):
    services.consolidate(history, "koala")
    orders = {o.number: o for o in Order.objects.filter(source="koala")}
    assert len(orders) == 8
    assert orders["KOALA-O1"].status == Status.DECLARED  # declared by koala: haitao's safety net must skip it
    assert orders["KOALA-O5"].status == Status.CANCELLED and orders["KOALA-O6"].status == Status.RETURNED
    assert orders["KOALA-O2"].events.get().event == "imported"
    assert declare_pending() == 0
    assert not Declaration.objects.exists() and not OutboxMessage.objects.exists() and not Payment.objects.exists()


def test_an_order_without_identity_is_history_with_placeholders(history):
    services.consolidate(history, "koala")
    order = Order.objects.get(number="KOALA-O8")
    assert order.buyer_id_masked == services.NO_IDENTITY_MASK and order.buyer_id_hash == ""
    assert not QuotaEntry.objects.filter(order=order).exists()


def test_sample_ledger_entries(demo_db):
    report = services.consolidate(SAMPLE, "kiwi")
    year = timezone.localdate().year
    refs = set(QuotaEntry.objects.exclude(external_ref="").values_list("external_ref", flat=True))
    # this year's paid/released/shipped/delivered orders whose buyer has a valid identity: 3 and 8 are of
    # customers linked by phone + name, who count under their haitao identity; 7's buyer has none
    expected = {f"kiwi:KO-{year}-{n:04d}" for n in (1, 2, 3, 4, 5, 6, 8)} if year == 2026 else set()
    assert refs == expected
    assert report["counts"]["orders"]["quota_entries"] == len(expected)
