"""Every admin changelist and change page (built from admin.site._registry, so a new model is covered
the day it is registered) as every role: each role sees exactly its models, only rows of its brands,
and nothing at all without a role. A model no role lists is the platform admin's alone."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from haitao.operators import scope

from .conftest import ROLE_NAMES, login

pytestmark = pytest.mark.django_db

ORDERS = {"orders.Purchase", "orders.Order", "orders.OrderLine", "orders.OrderEvent"}
CUSTOMERS = {"accounts.Customer", "accounts.Identity", "accounts.Address"}
CATALOG = {"catalog.Sku", "catalog.Category", "brands.Merchant"}
REGISTERED = sorted(model._meta.label for model in admin.site._registry)
# What each role's changelists show (written out here, not read from roles.py, so a change to the
# roles must be made twice: once deliberately in each place).
VISIBLE = {
    "platform_admin": set(REGISTERED),
    "dolphin_operator": ORDERS | CUSTOMERS | CATALOG | {
        "brands.Brand", "catalog.Listing", "inventory.Stock", "inventory.StockMovement", "inventory.Warehouse",
        "declarations.Shipment", "declarations.TrackingEvent", "returns.ReturnRequest"},
    "customer_service": ORDERS | CUSTOMERS | CATALOG | {
        "catalog.Listing", "payments.Payment", "payments.Refund", "declarations.Declaration", "declarations.Shipment",
        "returns.ReturnRequest", "returns.OrderCancellation",
        "declarations.TrackingEvent", "compliance.QuotaEntry"},
    "finance": ORDERS | {"payments.Payment", "payments.PaymentCallback", "payments.Refund", "payments.PaymentDeclaration",
                         "payments.LedgerEntry", "declarations.Declaration",
                         "declarations.Receipt", "declarations.TaxBillCheck", "returns.ReturnRequest", "compliance.QuotaEntry", "brands.Brand", "brands.Merchant",
                         # who sells and what is owed to them (settlements: operators of every brand only)
                         "brands.DomesticAgent", "brands.MerchantDocument", "brands.MerchantStatusChange",
                         "brands.MerchantBankAccount", "marketplace.Settlement", "marketplace.SettlementLine",
                         "marketplace.CommissionRate", "marketplace.ExchangeRate"},
    "staff_without_role": set(), "buyer": set(), "anonymous": set(),
}
VISIBLE["wombat_operator"] = VISIBLE["dolphin_operator"]


def _url(model, kind, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{kind}", args=args)


def _in_scope(obj, allowed) -> bool:
    owners = scope.brand_of(obj)
    return allowed is None or owners is None or (bool(owners) and owners <= allowed)


def _samples(model, world):
    """Up to one row per brand, and one row when the model belongs to no brand."""
    rows = []
    for pk in world["brands"].values():
        first = scope.limit(model._default_manager.all(), {pk}).order_by("pk").first()
        if first is not None:
            rows.append(first)
    if not rows:
        first = model._default_manager.order_by("pk").first()
        rows += [first] if first is not None else []
    return rows


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_changelists_and_change_pages(world, role):
    user, allowed = world["users"][role], world["allowed"][role]
    client = login(Client(), user)
    problems = []
    for label in REGISTERED:
        model = apps.get_model(label)
        visible = label in VISIBLE[role]
        response = client.get(_url(model, "changelist"))
        if not visible:
            expected = 302 if user is None or not user.is_staff else 403
            if response.status_code != expected:
                problems.append(f"{label}: changelist {response.status_code}, expected {expected}")
            continue
        if response.status_code != 200:
            problems.append(f"{label}: changelist {response.status_code}, expected 200")
            continue
        foreign = [str(obj) for obj in response.context["cl"].queryset if not _in_scope(obj, allowed)]
        if foreign:
            problems.append(f"{label}: changelist shows other brands' rows {foreign[:3]}")
        for obj in _samples(model, world):
            page = client.get(_url(model, "change", obj.pk))
            ok = _in_scope(obj, allowed)
            if ok and page.status_code != 200:
                problems.append(f"{label} {obj.pk}: change page {page.status_code}, expected 200")
            if not ok and page.status_code == 200:
                problems.append(f"{label} {obj.pk}: another brand's row opens")
    assert problems == []


def test_brand_operator_sees_all_of_their_brand(world):
    client = login(Client(), world["users"]["dolphin_operator"])
    orders = client.get(_url(apps.get_model("orders.Order"), "changelist")).context["cl"].queryset
    assert set(orders) == {world["dolphin"]["paid"], world["dolphin"]["unpaid"]}
    page = client.get(_url(apps.get_model("orders.Order"), "changelist")).content.decode()
    assert "dolphin海淘" in page and "wombat海淘" not in page  # not even in the brand filter
    customers = client.get(_url(apps.get_model("accounts.Customer"), "changelist")).context["cl"].queryset
    assert list(customers) == [world["dolphin"]["buyer"]]  # once, though they placed two orders
    listing_form = client.get(_url(apps.get_model("catalog.Listing"), "change", world["dolphin"]["listing"].pk))
    assert [b.code for b in listing_form.context["adminform"].form.fields["brand"].queryset] == ["dolphin"]


def test_the_admin_index_lists_nothing_for_staff_without_role(world):
    page = login(Client(), world["users"]["staff_without_role"]).get("/admin/")
    assert page.status_code == 200 and page.context["app_list"] == []
