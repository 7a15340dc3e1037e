"""The operator console (Django admin): every registered model's changelist renders — plain, searched,
under every filter choice and date drill-down — with a query count that does not grow with the rows
(no N+1), every change page renders, personal data never appears in clear, and the guarded paths
(listing visibility, stock counts, order cancellation/expiry) go through the services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import checks
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from haitao.accounts import services as accounts
from haitao.accounts.models import ApiToken
from haitao.catalog.models import Listing, Sku
from haitao.checkout.models import Cart, CartLine
from haitao.compliance.models import PositiveListEntry
from haitao.inventory.models import Stock
from haitao.orders.models import Order
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f

from .support import ID_NUMBER, PHONE, STREET, place

pytestmark = pytest.mark.django_db

OUR_APPS = ("brands", "catalog", "inventory", "accounts", "checkout", "orders", "payments", "compliance")
REGISTERED = sorted(model._meta.label for model in admin.site._registry if model.__module__.startswith("haitao."))
# One ID number is bound to one account: each populate(n) buyer has their own (not the one a test
# below searches for to find nothing).
OTHER_BUYER_IDS = {1: ID_NUMBER, 2: f.VALID_IDS[2], 3: f.VALID_IDS[3]}
SECRETS = (*OTHER_BUYER_IDS.values(), PHONE, STREET, "文三路")


def populate(n: int) -> dict:
    """One of everything, distinct per `n`: a brand with a listed SKU in stock, a buyer with an identity
    and an address, a paid order and an unpaid one, a cart, an API token."""
    brand = f.brand(f"brand{n}")
    sku = f.sku(hs_code="1901101090")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 50, wh=f.warehouse(f"wh{n}"))
    buyer = f.customer()
    id_number = OTHER_BUYER_IDS[n]
    accounts.ensure_identity(buyer, "张三", id_number)
    accounts.add_address(buyer, consignee="张三", phone=PHONE, province="浙江省", city="杭州市", district="西湖区",
                         detail=STREET, is_default=True)
    paid = place(brand, [(sku.code, 1)], buyer=buyer, id_number=id_number)
    payment = payments.start(paid)
    body, signature = SandboxProvider().callback_for(payment)
    assert payments.handle_callback("sandbox", body, signature) == "paid"
    unpaid = place(brand, [(sku.code, 2)], buyer=buyer, id_number=id_number)
    cart = Cart.objects.create(brand=brand, customer=buyer)
    CartLine.objects.create(cart=cart, listing=Listing.objects.get(brand=brand, sku=sku), quantity=1)
    ApiToken.issue(buyer.user)
    return {"brand": brand, "sku": sku, "buyer": buyer, "paid": paid, "unpaid": unpaid}


def changelist(model_label):
    model = apps.get_model(model_label)
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def get_ok(client, url, private=True):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    body = response.content.decode()
    for secret in SECRETS if private else ():
        assert secret not in body, f"{url} shows personal data in clear"
    return response


def ours(label) -> bool:
    return label.split(".")[0] in OUR_APPS


def urls_of(client, label) -> list[str]:
    """The changelist, searched, with each filter choice and a date drill-down."""
    base = changelist(label)
    model_admin = admin.site._registry[apps.get_model(label)]
    cl = get_ok(client, base).context["cl"]
    urls = [base]
    if model_admin.search_fields:
        urls += [f"{base}?q=1", f"{base}?q=zz-no-match"]
    for spec in cl.filter_specs:
        urls += [base + choice["query_string"] for choice in spec.choices(cl) if not choice["selected"]]
    if model_admin.date_hierarchy:
        urls.append(f"{base}?{model_admin.date_hierarchy}__year={timezone.now().year}")
    return urls


@pytest.fixture(autouse=True)
def _english(admin_client):
    """The assertions below read the admin's English texts (the default language is Chinese)."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def shop(loaded_list):
    return populate(1)


def test_admin_checks_pass():
    assert [e for e in checks.run_checks(tags=[checks.Tags.admin]) if e.level >= checks.ERROR] == []


def test_every_model_of_our_apps_is_registered():
    missing = [m._meta.label for app in OUR_APPS for m in apps.get_app_config(app).get_models()
               if m not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("label", REGISTERED)
def test_changelist_search_filters_and_change_page_render(admin_client, shop, label):
    for url in urls_of(admin_client, label):
        get_ok(admin_client, url)
    model = apps.get_model(label)
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:  # (other apps' change pages are checked for clear personal data below)
        get_ok(admin_client, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                                     args=[obj.pk]), private=ours(label))
    model_admin = admin.site._registry[model]
    request = admin_client.get(changelist(label)).wsgi_request
    if model_admin.has_add_permission(request):
        get_ok(admin_client, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))


@pytest.mark.parametrize("label", [label for label in REGISTERED if not ours(label)])
def test_other_apps_change_pages_show_no_clear_personal_data(admin_client, shop, label):
    model = apps.get_model(label)
    for obj in model._default_manager.order_by("pk")[:3]:
        get_ok(admin_client, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                                     args=[obj.pk]))


def query_counts(client, labels) -> dict[str, int]:
    out = {}
    for label in labels:
        for url in urls_of(client, label):
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            out[url] = len(queries)
    return out


def assert_queries_do_not_grow(client, labels):
    before = query_counts(client, labels)
    populate(2)
    populate(3)
    after = query_counts(client, labels)
    grown = {url: (before[url], after[url]) for url in before if after.get(url, 0) > before[url]}
    assert grown == {}, f"queries grow with rows (N+1): {grown}"


def test_changelist_queries_do_not_grow_with_the_rows(admin_client, shop):
    assert_queries_do_not_grow(admin_client, [label for label in REGISTERED if ours(label)])


def test_other_apps_changelist_queries_do_not_grow_with_the_rows(admin_client, shop):
    assert_queries_do_not_grow(admin_client, [label for label in REGISTERED if not ours(label)])


@pytest.mark.parametrize("label", ["orders.Order", "accounts.Identity", "accounts.Customer",
                                   "compliance.QuotaAccount", "compliance.QuotaEntry"])
def test_a_full_id_number_in_the_search_box_finds_by_its_hash(admin_client, shop, label):
    response = get_ok(admin_client, f"{changelist(label)}?q={ID_NUMBER}", private=False)
    assert response.context["cl"].result_count >= 1
    assert PHONE not in response.content.decode() and STREET not in response.content.decode()
    # The number is only echoed back as the search term (box and links), never shown in a row.
    body = response.content.decode()
    for echo in (f'value="{ID_NUMBER}"', f"q={ID_NUMBER}", f"q%3D{ID_NUMBER}"):
        body = body.replace(echo, "")
    assert ID_NUMBER not in body
    other = get_ok(admin_client, f"{changelist(label)}?q=440524188001010014").context["cl"].result_count
    assert other == 0


def test_forms_never_carry_encrypted_fields(admin_client, shop):
    order, buyer = shop["paid"], shop["buyer"]
    pages = [("orders", "order", order.pk), ("accounts", "identity", buyer.identity.pk),
             ("accounts", "customer", buyer.pk), ("accounts", "address", buyer.addresses.get().pk)]
    for app, model, pk in pages:
        response = get_ok(admin_client, reverse(f"admin:{app}_{model}_change", args=[pk]))
        body = response.content.decode()
        for name in ('name="id_number"', 'name="buyer_id_number"', 'name="phone"', 'name="detail"',
                     'name="consignee_phone"', 'name="consignee_address"'):
            assert name not in body
    body = get_ok(admin_client, reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    assert "1101**********002X" in body and "138****8000" in body


# -- guarded writes ----------------------------------------------------------------------------------

def test_orders_are_view_only(admin_client, shop):
    order = shop["unpaid"]
    url = reverse("admin:orders_order_change", args=[order.pk])
    response = admin_client.post(url, {"status": Status.PAID, "actual_paid": "0.01"})
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == Status.PENDING_PAYMENT


def test_cancel_unpaid_orders_action_goes_through_the_state_machine(admin_client, shop):
    paid, unpaid = shop["paid"], shop["unpaid"]
    paid_status = Order.objects.get(pk=paid.pk).status  # paid, or already declared by the outbox
    stock = Stock.objects.get(sku=shop["sku"])
    assert stock.allocated == 3
    response = admin_client.post(changelist("orders.Order"), {
        "action": "cancel_unpaid", "_selected_action": [paid.pk, unpaid.pk]}, follow=True)
    assert response.status_code == 200
    paid.refresh_from_db()
    unpaid.refresh_from_db()
    assert (paid.status, unpaid.status) == (paid_status, Status.CANCELLED)
    event = unpaid.events.get(event="cancel")
    assert event.actor.startswith("operator:") and event.from_status == Status.PENDING_PAYMENT
    stock.refresh_from_db()
    assert stock.allocated == 1  # the unpaid order's 2 units are back
    assert unpaid.quota_entry.state == "released"
    text = " ".join(str(m) for m in response.context["messages"])
    assert "1 order cancelled" in text and "not awaiting payment" in text


def test_expire_overdue_action(admin_client, shop):
    unpaid = shop["unpaid"]
    Order.objects.filter(pk=unpaid.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    admin_client.post(changelist("orders.Order"), {"action": "expire_overdue",
                                                   "_selected_action": [shop["paid"].pk]})
    unpaid.refresh_from_db()
    assert unpaid.status == Status.EXPIRED
    assert Stock.objects.get(sku=shop["sku"]).allocated == 1


def stock_form(stock, **data):
    return {"item_record_no": stock.item_record_no, "set_on_hand": "", **data}


def test_stock_on_hand_changes_only_through_set_on_hand(admin_client, shop):
    stock = Stock.objects.get(sku=shop["sku"])
    url = reverse("admin:inventory_stock_change", args=[stock.pk])
    # Posting on_hand / allocated directly changes nothing: they are read-only.
    admin_client.post(url, stock_form(stock, on_hand="999", allocated="0"))
    stock.refresh_from_db()
    assert (stock.on_hand, stock.allocated) == (50, 3)
    # Below allocated: refused with a form error.
    response = admin_client.post(url, stock_form(stock, set_on_hand="2"))
    assert response.status_code == 200 and "allocated to orders" in response.content.decode()
    stock.refresh_from_db()
    assert stock.on_hand == 50
    response = admin_client.post(url, stock_form(stock, set_on_hand="3", item_record_no="IR-NEW"))
    assert response.status_code == 302
    stock.refresh_from_db()
    assert (stock.on_hand, stock.allocated, stock.item_record_no) == (3, 3, "IR-NEW")


@pytest.mark.parametrize("count", ["99999999999999999999", "10000001"])
def test_an_out_of_range_stock_count_is_a_form_error(admin_client, shop, count):
    stock = Stock.objects.get(sku=shop["sku"])
    url = reverse("admin:inventory_stock_change", args=[stock.pk])
    response = admin_client.post(url, stock_form(stock, set_on_hand=count))
    assert response.status_code == 200 and "set_on_hand" in response.context["adminform"].form.errors
    stock.refresh_from_db()
    assert stock.on_hand == 50
    assert admin_client.post(url, stock_form(stock, set_on_hand="10000000")).status_code == 302
    stock.refresh_from_db()
    assert stock.on_hand == 10_000_000


def test_saving_a_stock_row_never_writes_back_a_stale_allocation(admin_client, shop):
    stock = Stock.objects.get(sku=shop["sku"])
    url = reverse("admin:inventory_stock_change", args=[stock.pk])
    get_ok(admin_client, url)
    Stock.objects.filter(pk=stock.pk).update(allocated=10)  # an order allocates meanwhile
    admin_client.post(url, stock_form(stock, item_record_no="IR-X"))
    stock.refresh_from_db()
    assert (stock.allocated, stock.item_record_no) == (10, "IR-X")


def test_adding_a_stock_row_with_a_count(admin_client, shop):
    wh, sku = f.warehouse("de-overseas", kind="overseas"), shop["sku"]
    response = admin_client.post(reverse("admin:inventory_stock_add"), {
        "warehouse": wh.pk, "sku": sku.pk, "item_record_no": "", "set_on_hand": "7"})
    assert response.status_code == 302
    stock = Stock.objects.get(warehouse=wh, sku=sku)
    assert (stock.on_hand, stock.allocated) == (7, 0)


def listing_form(listing, **data):
    form = {"brand": listing.brand_id, "sku": listing.sku_id, "merchant": listing.merchant_id,
            "price": str(listing.price), "compare_at_price": "", "per_buyer_limit": "",
            "sale_starts_0": "", "sale_starts_1": "", "sale_ends_0": "", "sale_ends_1": ""}
    form.update(data)
    return {k: v for k, v in form.items() if v is not False}


def test_the_listing_admin_refuses_a_visible_listing_of_an_unsellable_sku(admin_client, shop):
    beer = f.sku(code="BEER", hs_code="2203000000", consumption_tax_basis=Sku.ConsumptionTaxBasis.SPECIFIC)
    listing = Listing.objects.create(brand=shop["brand"], sku=beer, merchant=f.merchant(), price=Decimal("20.00"),
                                     visible=False)
    url = reverse("admin:catalog_listing_change", args=[listing.pk])
    response = admin_client.post(url, listing_form(listing, visible="on"))
    assert response.status_code == 200
    assert "specific-rate consumption tax" in response.content.decode()
    listing.refresh_from_db()
    assert listing.visible is False
    response = admin_client.post(url, listing_form(listing, price="21.00"))  # hidden: may be saved
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.price == Decimal("21.00")


def test_the_listing_admin_adds_a_sellable_listing(admin_client, shop):
    other = f.brand("other")
    listing = Listing(brand=other, sku=shop["sku"], merchant=f.merchant(), price=Decimal("88.00"))
    response = admin_client.post(reverse("admin:catalog_listing_add"), listing_form(listing, visible="on"))
    assert response.status_code == 302
    assert Listing.objects.get(brand=other).visible is True


def test_show_action_refuses_unsellable_skus(admin_client, shop):
    pc = f.sku(code="PC", hs_code="8471300000")
    PositiveListEntry.objects.filter(code8="84713000").delete()
    hidden = Listing.objects.create(brand=shop["brand"], sku=pc, merchant=f.merchant(), price=Decimal("999.00"),
                                    visible=False)
    response = admin_client.post(changelist("catalog.Listing"), {"action": "show_listings",
                                                                 "_selected_action": [hidden.pk]}, follow=True)
    hidden.refresh_from_db()
    assert hidden.visible is False
    assert any("not on the CBEC positive list" in str(m) for m in response.context["messages"])


def test_sku_changelist_says_why_a_sku_is_not_sellable(admin_client, shop):
    f.sku(code="BEER", hs_code="2203000000", consumption_tax_basis=Sku.ConsumptionTaxBasis.SPECIFIC)
    f.sku(code="PC", hs_code="8471300000")
    PositiveListEntry.objects.filter(code8="84713000").delete()
    body = get_ok(admin_client, changelist("catalog.Sku")).content.decode()
    assert "specific-rate consumption tax" in body
    assert "84713000 is not on the CBEC positive list" in body
    assert "yes (1210, 9610)" in body
    no = get_ok(admin_client, changelist("catalog.Sku") + "?cbec_sellable=no").context["cl"]
    yes = get_ok(admin_client, changelist("catalog.Sku") + "?cbec_sellable=yes").context["cl"]
    assert sorted(s.code for s in no.result_list) == ["BEER", "PC"]
    assert [s.code for s in yes.result_list] == [shop["sku"].code]


def test_a_sku_with_visible_listings_cannot_be_made_unsellable(admin_client, shop):
    sku = shop["sku"]
    url = reverse("admin:catalog_sku_change", args=[sku.pk])
    form = get_ok(admin_client, url).context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update({"hs_code": "8471300000", "category": sku.category_id})
    PositiveListEntry.objects.filter(code8="84713000").delete()
    for prefix in ("listings", "stocks"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "hide them first" in response.content.decode()
    sku.refresh_from_db()
    assert sku.hs_code == "1901101090"
