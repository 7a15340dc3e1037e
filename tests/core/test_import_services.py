"""The public service functions the consolidation import calls (issue 9: each app writes its own tables),
with the bad input each refuses by code and field."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from haitao.accounts.services import import_customer
from haitao.brands import services as brands
from haitao.brands.theme import DEFAULT_ACCENT, DEFAULT_PRIMARY
from haitao.catalog.services import create_sku, get_or_create_category
from haitao.common.crypto import id_hash
from haitao.common.errors import Conflict, InvalidInput
from haitao.compliance import quota
from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.inventory.services import create_warehouse, receive
from haitao.orders.services import NO_IDENTITY_MASK, HistoryLine, import_history_order
from haitao.orders.states import Status
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
NOTICE = dict(risk_notice="告知书", risk_notice_en="notice")


def refused(code: str, field: str | None, call, *args, **kw):
    with pytest.raises((InvalidInput, Conflict)) as caught:
        call(*args, **kw)
    assert (caught.value.code, caught.value.field) == (code, field), caught.value.as_dict()


def test_create_brand_is_inactive_and_readable_by_default_and_refuses_bad_input():
    b = brands.create_brand("kiwi", name="奇异果", name_en="Kiwi", kind="self_operated", **NOTICE)
    assert not b.active and (b.primary_color, b.accent_color) == (DEFAULT_PRIMARY, DEFAULT_ACCENT)
    refused("brand_exists", "code", brands.create_brand, "kiwi", name="x", name_en="x", kind="marketplace", **NOTICE)
    refused("invalid_brand_code", "code", brands.create_brand, "Kiwi!", name="x", name_en="x", kind="marketplace",
            **NOTICE)
    refused("invalid_kind", "kind", brands.create_brand, "k2", name="x", name_en="x", kind="shop", **NOTICE)
    refused("missing_field", "name", brands.create_brand, "k2", name=" ", name_en="x", kind="marketplace", **NOTICE)
    refused("missing_field", "risk_notice", brands.create_brand, "k2", name="x", name_en="x", kind="marketplace",
            risk_notice="", risk_notice_en="n")
    refused("invalid_colour", "accent_color", brands.create_brand, "k2", name="x", name_en="x", kind="marketplace",
            accent_color="white", **NOTICE)
    assert brands.create_brand("k3", name="x", name_en="x", kind="marketplace", active=True, **NOTICE).active


def test_merchants_get_or_create_and_refuse_bad_input():
    m, made = brands.get_or_create_merchant("kiwi-self", name="Kiwi self", kind="self_operated", country="cn")
    assert made and m.country == "CN" and m.ebc_name == "Kiwi self"
    assert brands.get_or_create_merchant("kiwi-self", name="other", kind="marketplace", country="DE") == (m, False)
    refused("invalid_merchant_code", "code", brands.create_merchant, "a b", name="x", kind="marketplace", country="DE")
    refused("invalid_kind", "kind", brands.create_merchant, "m1", name="x", kind="seller", country="DE")
    refused("invalid_country", "country", brands.create_merchant, "m1", name="x", kind="marketplace", country="DEU")
    refused("invalid_currency", "currency", brands.create_merchant, "m1", name="x", kind="marketplace",
            country="DE", currency="EURO")
    refused("missing_field", "name", brands.create_merchant, "m1", name="", kind="marketplace", country="DE")


def test_categories_and_skus():
    c = get_or_create_category("formula", name="奶粉", name_en="Infant formula")
    assert get_or_create_category("formula", name="其他", name_en="Other") == c
    refused("invalid_slug", "slug", get_or_create_category, "Formula Milk", name="x", name_en="x")
    refused("missing_field", "name", get_or_create_category, "x", name="", name_en="x")
    sku = create_sku("KIWI-P1", title="测试奶粉 800g", category=c, net_weight_kg=Decimal("0.8"), gtin="4008976022329",
                     hs_code="1901101090", vat_rate=Decimal("0.13"), title_en="Test formula", gmodel="800g",
                     unit_code="011", origin_country="DE")
    assert sku.gross_weight_kg == Decimal("0.8") and sku.category == c
    refused("sku_exists", "code", create_sku, "KIWI-P1", title="t", category=c)
    refused("invalid_sku_code", "code", create_sku, "", title="t", category=c)
    refused("missing_field", "title", create_sku, "K2", title=" ", category=c)
    refused("invalid_gtin", "gtin", create_sku, "K2", title="t", category=c, gtin="ABC")
    refused("invalid_hs_code", "hs_code", create_sku, "K2", title="t", category=c, hs_code="19.01")
    refused("invalid_weight", "net_weight_kg", create_sku, "K2", title="t", category=c, net_weight_kg=Decimal("-1"))
    refused("invalid_rate", "vat_rate", create_sku, "K2", title="t", category=c, vat_rate=Decimal("1.5"))
    refused("invalid_rate", "consumption_tax_rate", create_sku, "K2", title="t", category=c,
            consumption_tax_rate="lots")


def test_warehouses_and_received_stock_add_up():
    wh = create_warehouse("kiwi-wh-de", name="Kiwi DE", kind="overseas", country="de", active=False, priority=20)
    assert not wh.active and wh.country == "DE" and wh.customs_code == ""
    refused("warehouse_exists", "code", create_warehouse, "kiwi-wh-de", name="x", kind="overseas", country="DE")
    refused("invalid_warehouse_code", "code", create_warehouse, "Kiwi WH", name="x", kind="overseas", country="DE")
    refused("invalid_kind", "kind", create_warehouse, "w2", name="x", kind="shed", country="DE")
    refused("invalid_country", "country", create_warehouse, "w2", name="x", kind="overseas", country="")
    refused("missing_field", "name", create_warehouse, "w2", name="", kind="overseas", country="DE")
    sku = f.sku()
    f.merchant()  # stock has an owner: by default the self-operated merchant when nobody lists the SKU
    assert receive(wh, sku, 5).on_hand == 5
    assert receive(wh, sku, 3).on_hand == 8  # a second import of the same SKU into the same warehouse adds
    assert receive(wh, sku, 0).on_hand == 8
    for bad in (-1, 1.5, True, "2"):
        refused("invalid_quantity", "quantity", receive, wh, sku, bad)


def test_import_customer_uses_checkouts_identity_rules(fast_passwords):
    brand = f.brand()
    made = import_customer("koala-c1@import.haitao", name="张三", phone="+86 139-1111-0001",
                           id_number="440524188001010014", signup_brand=brand, source="import:koala",
                           addresses=[{"phone": "13911110001", "province": "广东省", "city": "深圳市", "district": "南山区",
                                       "detail": "科技园1号"}, {"phone": "0592-1234567", "province": "福建省"}])
    # the number checkout accepts is accepted here too (it was refused on import before), keyed the same way
    assert made.identity is not None and made.identity.id_hash == id_hash("440524188001010014")
    assert made.identity.verified_at is None and made.identity.verified_by == "import:koala"
    assert made.customer.phone == "13911110001" and not made.customer.user.has_usable_password()
    assert [a.is_default for a in made.customer.addresses.all()] == [True]
    assert made.skipped == [("address", "addresses[1] incomplete")]
    other = import_customer("koala-c2@import.haitao", name="李四", phone="12345", id_number="110105194912310030")
    assert other.identity is None and other.customer.phone == "" and other.skipped == [("identity", "name or ID number invalid")]
    refused("username_taken", "username", import_customer, "koala-c1@import.haitao", name="张三")
    refused("missing_field", "name", import_customer, "koala-c3@import.haitao", name="")
    refused("invalid_username", "username", import_customer, "", name="张三")


def _history(number="KOALA-O1", status=Status.DELIVERED, lines=None, **kw):
    brand, customer, sku = f.brand(), f.customer(), f.sku()
    wh = f.warehouse("de-direct", kind="overseas")
    args = dict(brand=brand, customer=customer, status=status, mode="9610", warehouse=wh,
                lines=[HistoryLine(sku=sku, merchant=f.merchant(), quantity=2, unit_price=Decimal("100.005"))]
                if lines is None else lines,
                freight=Decimal("10"), discount=Decimal("0"), tax_total=Decimal("9.10"), actual_paid=Decimal("219.10"),
                placed_at=timezone.make_aware(datetime(2026, 1, 15, 12)), source="koala", actor="system:test",
                note="history")
    args.update(kw)
    return import_history_order(number, **args)


def test_import_history_order_writes_order_lines_and_event(fast_passwords):
    order = _history()
    assert (order.status, order.goods_value, order.dutiable_value) == (Status.DELIVERED, Decimal("200.01"),
                                                                       Decimal("210.01"))
    assert order.buyer_id_masked == NO_IDENTITY_MASK and order.buyer_id_hash == ""  # no identity: placeholders
    assert order.lines.get().unit_price == Decimal("100.01")
    event = order.events.get()
    assert (event.event, event.to_status, event.actor) == ("imported", Status.DELIVERED, "system:test")


@pytest.mark.parametrize("change, code, field", [
    (dict(status=Status.PENDING_PAYMENT), "invalid_status", "status"),
    (dict(status=Status.PAID), "invalid_status", "status"),
    (dict(mode="0110"), "invalid_mode", "mode"),
    (dict(lines=[]), "no_lines", "lines"),
    (dict(freight=Decimal("-1")), "invalid_amount", "freight"),
    (dict(placed_at=datetime(2026, 1, 15, 12)), "invalid_placed_at", "placed_at"),
])
def test_import_history_order_refuses_bad_input(fast_passwords, change, code, field):
    refused(code, field, _history, **change)


def test_import_history_order_refuses_bad_lines_and_taken_numbers(fast_passwords):
    _history("KOALA-O2")
    refused("order_exists", "number", _history, "KOALA-O2")
    refused("invalid_order_number", "number", _history, "")
    sku = f.sku()
    refused("invalid_quantity", "lines[0].quantity", _history, "KOALA-O3",
            lines=[HistoryLine(sku=sku, merchant=f.merchant(), quantity=0, unit_price=Decimal("1"))])
    refused("invalid_amount", "lines[0].unit_price", _history, "KOALA-O3",
            lines=[HistoryLine(sku=sku, merchant=f.merchant(), quantity=1, unit_price=Decimal("-1"))])


def test_record_history_is_idempotent_and_refuses_bad_input():
    digest = id_hash("11010519491231002X")
    assert quota.record_history(None, "koala:o1", digest, 2026, Decimal("200.00"))
    assert not quota.record_history(None, "koala:o1", digest, 2026, Decimal("200.00"))
    assert quota.record_history(None, "koala:o2", digest, 2026, Decimal("-5.00"))  # counts as 0
    assert QuotaAccount.objects.get(id_hash=digest, year=2026).committed_fen == 20000
    assert QuotaEntry.objects.filter(state=QuotaEntry.State.COMMITTED).count() == 2
    refused("missing_field", "external_ref", quota.record_history, None, " ", digest, 2026, Decimal("1"))
    refused("missing_field", "id_hash", quota.record_history, None, "r", "", 2026, Decimal("1"))
    refused("invalid_year", "year", quota.record_history, None, "r", digest, "2026", Decimal("1"))
    refused("invalid_amount", "amount", quota.record_history, None, "r", digest, 2026, 1.5)
