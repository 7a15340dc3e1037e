"""Two brands with one of everything each, and one user per role (see haitao/operators/roles.py)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from haitao.accounts import services as accounts
from haitao.accounts.models import ApiToken
from haitao.catalog.models import Listing
from haitao.checkout.models import Cart, CartLine
from haitao.compliance.services import load_positive_list
from haitao.operators import roles
from haitao.operators import services as operators
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f
from tests.compliance.support import ID_NUMBER, PHONE, POSITIVE_LIST_CSV, STREET, place

OTHER_ID_NUMBER = "110101199003077774"  # valid GB 11643, the wombat buyer's

PASSWORD = "role-matrix-pw-1"
ROLE_NAMES = ["platform_admin", "dolphin_operator", "wombat_operator", "customer_service", "finance",
              "staff_without_role", "buyer", "anonymous"]


def _brand_world(code: str, hue: str, id_number: str) -> dict:
    """A brand with its own buyer: each buyer its own ID number (a number is bound to one account)."""
    brand = f.brand(code, primary_color=hue)
    sku = f.sku(hs_code="1901101090")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 50, wh=f.warehouse(f"wh-{code}"))
    buyer = f.customer(f"buyer-{code}@example.com")
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
    return {"brand": brand, "sku": sku, "buyer": buyer, "paid": paid, "unpaid": unpaid,
            "listing": Listing.objects.get(brand=brand, sku=sku)}


def _staff(name, group=None, brands=(), refund_limit=None):
    user = get_user_model().objects.create_user(name, f"{name}@example.com", PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    operators.assign(user, brands=brands, refund_limit=refund_limit)
    return user


@pytest.fixture
def world(db):
    load_positive_list(POSITIVE_LIST_CSV, "test list")
    dolphin = _brand_world("dolphin", "#0077cc", ID_NUMBER)
    wombat = _brand_world("wombat", "#22aa44", OTHER_ID_NUMBER)
    users = {
        "platform_admin": _staff("admin1", roles.PLATFORM_ADMIN),
        "dolphin_operator": _staff("dolphin-op", roles.BRAND_OPERATOR, [dolphin["brand"]]),
        "wombat_operator": _staff("wombat-op", roles.BRAND_OPERATOR, [wombat["brand"]]),
        "customer_service": _staff("cs-dolphin", roles.CUSTOMER_SERVICE, [dolphin["brand"]], Decimal("500")),
        "finance": _staff("finance1", roles.FINANCE, [dolphin["brand"], wombat["brand"]]),
        "staff_without_role": _staff("nobody", None, [dolphin["brand"]]),
        "buyer": dolphin["buyer"].user,
        "anonymous": None,
    }
    brands = {"dolphin": dolphin["brand"].pk, "wombat": wombat["brand"].pk}
    allowed = {"platform_admin": None, "dolphin_operator": {brands["dolphin"]},
               "wombat_operator": {brands["wombat"]}, "customer_service": {brands["dolphin"]},
               "finance": set(brands.values()), "staff_without_role": set(), "buyer": set(), "anonymous": set()}
    return {"dolphin": dolphin, "wombat": wombat, "users": users, "allowed": allowed, "brands": brands}


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client
