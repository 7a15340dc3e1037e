"""The demo's people: the operator account and the demo customers, made through accounts.services.

DEMO CREDENTIALS ONLY — never use them on a reachable server:
- operator (Django admin, superuser): `admin` / `haitao-admin`
- one operator per role, password `haitao-operator`: `dolphin-ops` and `wombat-ops` (brand operators of
  one brand each), `service` (customer service, refunds up to ¥500), `finance`
- customers: `demo@haitao.test` and `demo1@haitao.test` … `demo6@haitao.test`, password `haitao-demo`

The customers' resident ID numbers are made up: a real area code, a birth date and a sequence number,
with the GB 11643 MOD 11-2 check character computed here. They pass the checksum and nothing more.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from haitao.accounts import services as accounts
from haitao.accounts.models import Customer
from haitao.brands.models import Brand
from haitao.operators import services as operators
from haitao.rules.identity import validate_resident_id

from . import reference


def mod11_2_check(id17: str) -> str:
    """GB 11643 check character of 17 digits: weights 2^(17-i) mod 11, then (12 - sum mod 11) mod 11, X for 10."""
    total = sum(int(digit) * pow(2, 17 - i, 11) for i, digit in enumerate(id17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def resident_id(id17: str) -> str:
    """The 18-character number: 17 digits and their check character, verified by the rules."""
    return validate_resident_id(id17 + mod11_2_check(id17))


def load_admin() -> int:
    User = get_user_model()
    if User.objects.filter(username=reference.ADMIN["username"]).exists():
        return 0
    User.objects.create_superuser(**reference.ADMIN)
    return 1


def load_operators() -> int:
    """The demo's operators by role and brand (operators.services); existing accounts are left alone."""
    brands = {b.code: b for b in Brand.objects.all()}
    created = 0
    for spec in reference.OPERATORS:
        limit = Decimal(spec["refund_limit"]) if spec.get("refund_limit") else None
        user = operators.add_operator(spec["username"], f"{spec['username']}@haitao.test",
                                      reference.OPERATOR_PASSWORD, spec["role"],
                                      brands=[brands[code] for code in spec["brands"]], refund_limit=limit)
        created += user is not None
    return created


def load_customers() -> dict:
    """Accounts, identities and addresses that are missing; existing ones are left as they are."""
    brands = {b.code: b for b in Brand.objects.all()}
    created = {"customers": 0, "identities": 0, "addresses": 0}
    for person in reference.CUSTOMERS:
        customer = Customer.objects.filter(user__username=person["email"]).first()
        if customer is None:
            customer = accounts.register(person["email"], reference.CUSTOMER_PASSWORD, person["display_name"],
                                         brand=brands[person["signup_brand"]], language=person["language"])
            created["customers"] += 1
        if not hasattr(customer, "identity"):
            accounts.ensure_identity(customer, person["real_name"], resident_id(person["id17"]))
            created["identities"] += 1
        if not customer.addresses.exists():
            accounts.add_address(customer, is_default=True, **person["address"])
            created["addresses"] += 1
    return created


def customers_by_email() -> dict[str, Customer]:
    emails = [person["email"] for person in reference.CUSTOMERS]
    return {c.user.username: c for c in Customer.objects.select_related("user", "identity")
            .filter(user__username__in=emails)}
