"""The demo data: it loads, it looks like a real shop's, it obeys the CBEC rules, and loading it twice
changes nothing."""

import io
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from stdnum import ean

from haitao.accounts.models import Customer, Identity
from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Listing, Sku
from haitao.compliance.models import PositiveListEntry
from haitao.demo import load
from haitao.inventory.models import Stock, Warehouse
from haitao.orders.models import Order
from haitao.rules import positive_list
from haitao.rules.identity import validate_resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    out = io.StringIO()
    counts = load(stdout=out)
    return counts, out.getvalue()


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _state() -> dict:
    """What a second load must not touch: stock levels, order statuses and the quota ledger."""
    return {
        "stock": sorted(Stock.objects.values_list("warehouse__code", "sku__code", "on_hand", "allocated")),
        "orders": sorted(Order.objects.values_list("idempotency_key", "status", "actual_paid")),
        "skus": sorted(Sku.objects.values_list("code", "updated_at")),
        "listings": sorted(Listing.objects.values_list("brand__code", "sku__code", "price")),
    }


def test_load_reports_what_it_created(demo):
    counts, output = demo
    assert counts["brands"] == 2
    assert counts["skus"] >= 150
    assert counts["orders"] >= 12
    assert counts["customers"] >= 6
    assert "past orders" in output


def test_two_brands_with_every_field_filled(demo):
    brands = {b.code: b for b in Brand.objects.all()}
    assert set(brands) == {"dolphin", "wombat"}
    dolphin, wombat = brands["dolphin"], brands["wombat"]
    assert (dolphin.kind, wombat.kind) == (Brand.Kind.MARKETPLACE, Brand.Kind.SELF_OPERATED)
    assert {dolphin.price_display, wombat.price_display} == {"tax_inclusive", "tax_separate"}
    assert (dolphin.theme, wombat.theme) == ("dolphin", "wombat")
    assert dolphin.freight_flat > 0 and dolphin.free_freight_over and wombat.freight_flat == 0
    for brand in brands.values():
        for field in ("name", "name_en", "tagline", "tagline_en", "risk_notice", "risk_notice_en"):
            assert getattr(brand, field).strip(), (brand.code, field)
        assert "自用" in brand.risk_notice and "中文标签" in brand.risk_notice and "再次销售" in brand.risk_notice
        assert "personal use" in brand.risk_notice_en and "resold" in brand.risk_notice_en


def test_merchants_and_warehouses(demo):
    merchants = Merchant.objects.all()
    # issue 13: the self-operated seller is the operator's own overseas (Hong Kong) entity, not a domestic one
    assert merchants.filter(kind=Merchant.Kind.SELF_OPERATED).exclude(country="CN").count() == 1
    assert merchants.filter(kind=Merchant.Kind.MARKETPLACE).exclude(country="CN").count() >= 5
    assert all(len(m.ebc_code) == 10 for m in merchants)
    kinds = Counter(Warehouse.objects.values_list("kind", flat=True))
    assert kinds == {"bonded": 2, "overseas": 1}
    for warehouse in Warehouse.objects.filter(kind=Warehouse.Kind.BONDED):
        assert warehouse.ems_no and warehouse.area_code and warehouse.customs_code
        assert not Stock.objects.filter(warehouse=warehouse, item_record_no="").exists()


def test_catalog_facts_are_well_formed(demo):
    skus = list(Sku.objects.all())
    assert len(skus) >= 150
    assert len({s.gtin for s in skus}) == len(skus)
    for sku in skus:
        assert len(sku.gtin) == 13 and ean.is_valid(sku.gtin), sku.code
        assert len(sku.hs_code) == 10 and sku.hs_code.isdigit(), sku.code
        assert sku.title and sku.title_en and sku.gmodel and len(sku.origin_country) == 2, sku.code
        assert 0 < sku.net_weight_kg <= sku.gross_weight_kg, sku.code
    assert Counter(s.category.slug for s in skus).keys() == {
        "formula", "skincare", "cosmetics", "supplements", "diapers", "wine", "bags", "watches"}


def test_unsellable_skus_are_in_the_catalog_but_not_listed(demo):
    specific = Sku.objects.filter(consumption_tax_basis=Sku.ConsumptionTaxBasis.SPECIFIC)
    assert specific.exists()
    assert not Listing.objects.filter(sku__in=specific).exists()


def test_listings_in_both_brands_at_different_prices(demo):
    prices: dict[str, dict[str, object]] = {}
    for brand, sku, price in Listing.objects.values_list("brand__code", "sku__code", "price"):
        prices.setdefault(sku, {})[brand] = price
    both = [p for p in prices.values() if len(p) == 2 and p["dolphin"] != p["wombat"]]
    assert len(both) >= 25
    listed = Sku.objects.filter(listings__isnull=False).distinct().count()
    assert Listing.objects.filter(brand__code="dolphin").count() >= 0.5 * listed
    assert Listing.objects.filter(featured=True).exists()
    assert Listing.objects.filter(compare_at_price__isnull=False).exists()
    assert Listing.objects.filter(per_buyer_limit__isnull=False).exists()


def test_every_listed_sku_is_on_the_positive_list_for_a_mode_it_can_ship_in(demo):
    entries = {e.code8: e for e in PositiveListEntry.objects.all()}
    assert all("demo" in e.description or "demo" in e.source for e in entries.values())
    for sku in Sku.objects.filter(listings__isnull=False).distinct():
        entry = entries.get(sku.hs_code[:8])
        assert entry is not None, sku.code
        modes = {Warehouse.Kind.BONDED if m == "1210" else Warehouse.Kind.OVERSEAS
                 for m in positive_list.allowed_modes(entry.remarks)}
        assert Stock.objects.filter(sku=sku, warehouse__kind__in=modes).exists(), sku.code
    assert any(positive_list.allowed_modes(e.remarks) == {"1210"} for e in entries.values())


def test_stock_has_low_and_sold_out_items(demo):
    levels = {}
    for sku, on_hand in Stock.objects.values_list("sku__code", "on_hand"):
        levels[sku] = levels.get(sku, 0) + on_hand
    listed = set(Listing.objects.values_list("sku__code", flat=True))
    assert any(0 < levels[code] <= 3 for code in listed if code in levels)
    assert any(levels[code] == 0 for code in listed if code in levels)


def test_people_and_their_identities(demo):
    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert authenticate(username="admin", password="haitao-admin") == admin
    assert authenticate(username="demo@haitao.test", password="haitao-demo") is not None
    customers = Customer.objects.all()
    assert customers.count() >= 6
    for identity in Identity.objects.all():
        assert validate_resident_id(identity.id_number) == identity.id_number
    for customer in customers:
        assert hasattr(customer, "identity") and customer.addresses.exists()


def test_past_orders_in_several_states(demo):
    orders = Order.objects.all()
    assert 12 <= orders.count() <= 30  # 21 purchases, a few split into several customs orders
    assert len(set(orders.values_list("status", flat=True))) >= 4
    assert set(orders.values_list("brand__code", flat=True)) == {"dolphin", "wombat"}
    assert orders.values("customer").distinct().count() >= 4
    assert orders.filter(status="pending_payment").exists() and orders.filter(status="cancelled").exists()
    assert orders.filter(regime=Order.Regime.GENERAL_TRADE).exists()
    first = orders.filter(customer__user__username="demo@haitao.test")
    assert sum(o.dutiable_value for o in first) < 1000  # the README's buyer keeps nearly all their quota
    for order in orders:
        assert order.actual_paid == order.goods_value + order.freight + order.tax_total - order.discount


def test_a_second_load_changes_nothing(demo):
    counts_before, state_before = _row_counts(), _state()
    again = load()
    assert set(again.values()) == {0}
    assert _row_counts() == counts_before
    assert _state() == state_before


def test_demo_has_one_operator_per_role_scoped_to_their_brands(demo):
    from django.contrib.auth import get_user_model

    from haitao.operators import services as operators

    users = {u.username: u for u in get_user_model().objects.filter(is_staff=True)}
    brands = {b.code: b.pk for b in Brand.objects.all()}
    assert operators.brand_ids(users["dolphin-ops"]) == {brands["dolphin"]}
    assert operators.brand_ids(users["wombat-ops"]) == {brands["wombat"]}
    assert [g.name for g in users["service"].groups.all()] == ["customer service"]
    assert str(operators.refund_limit(users["service"])) == "500.00"
    assert users["finance"].has_perm("payments.view_payment") and not users["finance"].has_perm("orders.change_order")
    assert operators.brand_ids(users["admin"]) is None


def test_the_way_back_is_in_the_demo(demo):
    """One order cancelled after declaration (CEB623 accepted), one partly returned after release
    (CEB625 accepted, refunded, quota back); their exported requests validate and name their order."""
    from haitao.customs import parse, validate
    from haitao.declarations.export import order_messages
    from haitao.payments.models import Refund
    from haitao.returns.models import ReturnRequest

    cancelled = Order.objects.get(idempotency_key="demo-order-19")
    assert cancelled.status == "cancelled"
    assert cancelled.declarations.get(message_type="CEB623").return_status == "399"
    assert Refund.objects.filter(order=cancelled).count() == 1
    returned = Order.objects.get(idempotency_key="demo-order-20")
    request = ReturnRequest.objects.get(order=returned)
    assert (returned.status, request.status) == ("returned", "completed")
    assert request.quota_released > 0 and Refund.objects.get(order=returned).amount == request.refund_amount
    from haitao.declarations.models import TaxBillCheck

    # Every customs tax bill of the demo agrees with the tax withheld (the simulator taxes per SKU).
    assert TaxBillCheck.objects.count() >= 10 and not TaxBillCheck.objects.exclude(difference=0).exists()
    for order, kind in ((cancelled, "CEB623"), (returned, "CEB625")):
        xml = order_messages(order)[kind]
        validate(xml)
        message = parse(xml)
        head = (message.cancels[0] if kind == "CEB623" else message.refunds[0].head)
        assert head.orderNo == order.number
        assert head.invtNo == order.declarations.get(message_type="CEB621").invt_no


def test_a_purchase_of_two_merchants_in_both_modes_is_three_customs_orders_paid_once(demo):
    """Issue 13's demo: one checkout, one payment, three declarations each under its own seller."""
    from haitao.declarations.models import Declaration
    from haitao.orders.models import Purchase
    from haitao.payments.models import Payment

    purchase = Purchase.objects.get(idempotency_key="demo-order-21")
    orders = list(purchase.orders.select_related("seller", "warehouse").order_by("id"))
    assert sorted((o.seller.code, o.mode) for o in orders) == [
        ("barossa-cellars", "1210"), ("barossa-cellars", "9610"), ("maison-lumiere", "1210")]
    (payment,) = Payment.objects.filter(purchase=purchase)
    assert payment.amount == purchase.actual_paid == sum(o.actual_paid for o in orders)
    for order in orders:
        assert order.paid_at is not None and Declaration.objects.filter(order=order, message_type="CEB311").exists()
    # Each sub-order reached `declared` (the demo's later customs passes may carry it further), and the
    # one payment declared per sub-order (CEB411 keyed payCode|payTransactionId|orderNo) was accepted each
    # time: the simulator did not refuse the second and third as the same payment twice.
    for order in orders:
        assert order.events.filter(event="declare", to_status="declared").exists()
        assert order.status not in ("customs_rejected", "cancelled", "refunded"), order.status
        declared = dict(Declaration.objects.filter(order=order).values_list("message_type", "status"))
        assert declared["CEB411"] == Declaration.Status.ACCEPTED, declared
        assert Declaration.Status.REJECTED not in declared.values(), declared


def test_no_order_is_declared_with_the_platform_as_its_seller(demo, tmp_path):
    """`haitao customs export --all`: every CEB311/621 names its seller's ebc code, never the ebp's."""
    import re

    from django.conf import settings

    from haitao.cli import main

    assert main(["customs", "export", "--all", "--out", str(tmp_path)]) == 0
    ebc_codes = [code for path in tmp_path.glob("CEB*.xml")
                 for code in re.findall(r"<ceb:ebcCode>([^<]*)</ceb:ebcCode>", path.read_text(encoding="utf-8"))]
    sellers = set(Merchant.objects.values_list("ebc_code", flat=True))
    assert ebc_codes and settings.PLATFORM["ebp_code"] not in ebc_codes and set(ebc_codes) <= sellers
