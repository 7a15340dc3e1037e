"""Account writes: sign-up, the buyer's real-name identity, addresses, API tokens."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from haitao.common.crypto import id_hash
from haitao.common.errors import Conflict, InvalidInput
from haitao.rules import identity as id_rules

from .models import Address, ApiToken, Customer, Identity
from .verification import verifier


def normalise_mobile(phone: str, field: str = "phone") -> str:
    """The mobile number as rules.identity reads it (the import reads phones the same way), or a 400."""
    digits = id_rules.normalise_mobile(phone or "")
    if digits is None:
        raise InvalidInput("invalid_phone", "A mainland mobile number has 11 digits and starts with 1.", field=field)
    return digits


def register(email: str, password: str, display_name: str = "", brand=None, language: str = "zh-hans") -> Customer:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput("invalid_email", "Enter a valid email address.", field="email") from None
    try:
        validate_password(password or "")
    except ValidationError as exc:
        raise InvalidInput("weak_password", " ".join(exc.messages), field="password") from None
    User = get_user_model()
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=email, email=email, password=password)
            return Customer.objects.create(user=user, display_name=(display_name or email.split("@")[0])[:60],
                                           signup_brand=brand, preferred_language=language)
    except IntegrityError:
        raise Conflict("email_taken", "An account with this email already exists; sign in instead.",
                       field="email") from None


def customer_of(user) -> Customer:
    customer = getattr(user, "customer", None)
    if customer is None:  # an operator using the shop: give them a customer profile on first use
        customer, _ = Customer.objects.get_or_create(user=user, defaults={"display_name": user.get_username()[:60]})
    return customer


def check_real_name(real_name: str) -> str:
    try:
        return id_rules.validate_real_name(real_name or "")
    except ValueError as exc:
        raise InvalidInput("invalid_real_name", str(exc), field="buyer.real_name") from None


def check_id_number(id_number: str) -> str:
    try:
        return id_rules.validate_resident_id(id_number or "")
    except id_rules.InvalidIdNumber as exc:
        raise InvalidInput("invalid_id_number", exc.message, field="buyer.id_number") from None


def check_identity(real_name: str, id_number: str) -> tuple[str, str]:
    """Normalised (name, number) or InvalidInput naming the field."""
    return check_real_name(real_name), check_id_number(id_number)


def ensure_identity(customer: Customer, real_name: str, id_number: str, save: bool = True) -> Identity:
    """The account's orderer identity. The first checkout records it (after verification); later
    ones must present the same person, because the orderer must be the payer and the quota holder.
    With save=False a new identity is returned unsaved, for the caller to save in its own transaction
    (placement does, so a refused order records nobody)."""
    name, number = check_identity(real_name, id_number)
    digest = id_hash(number)
    try:
        existing = customer.identity  # loaded with the customer on the API's token lookup
    except Identity.DoesNotExist:
        existing = None
    if existing is not None and existing.pk is not None:
        if existing.id_hash != digest or existing.real_name != name:
            raise InvalidInput("identity_mismatch",
                               f"This account buys as {id_rules.mask_name(existing.real_name)} "
                               f"({existing.id_masked}); the orderer must be the account holder.",
                               field="buyer")
        return existing
    # One ID number is one person: another account may hold it (the same person's second account
    # shares the person's quota), but never under another name.
    if Identity.objects.filter(id_hash=digest).exclude(real_name=name).exists():
        raise InvalidInput("id_number_name_mismatch",
                           "This ID number is already verified under another name; enter the name on the ID card.",
                           field="buyer.real_name")
    if not verifier().verify(name, number):
        raise InvalidInput("identity_not_verified", "The real-name check did not confirm this name and ID number.",
                           field="buyer")
    identity = Identity(customer=customer, real_name=name, id_number=number, id_masked=id_rules.mask_id(number),
                        id_hash=digest, verified_at=timezone.now(), verified_by=verifier().name)
    if save:
        identity.save(force_insert=True)
    return identity


def add_address(customer: Customer, *, consignee: str, phone: str, province: str, city: str, district: str,
                detail: str, district_code: str = "", is_default: bool = False) -> Address:
    for field, value, limit in (("consignee", consignee, 100), ("province", province, 30), ("city", city, 30),
                                ("district", district, 30), ("detail", detail, 150)):
        if not (value or "").strip():
            raise InvalidInput("missing_field", f"{field} is required.", field=f"address.{field}")
        if len(value) > limit:
            raise InvalidInput("too_long", f"{field} is longer than {limit} characters.", field=f"address.{field}")
    mobile = normalise_mobile(phone, field="address.phone")
    return Address.objects.create(customer=customer, consignee=consignee.strip(), phone=mobile,
                                  phone_masked=id_rules.mask_phone(mobile), province=province.strip(),
                                  city=city.strip(), district=district.strip(), detail=detail.strip(),
                                  district_code=district_code, is_default=is_default)


def issue_token(user, name: str = "default") -> str:
    return ApiToken.issue(user, name)[1]


# --- importing a customer from an acquired platform (consolidation; ISSUE 9: one writer per app) ---


@dataclass
class ImportedCustomer:
    """What ``import_customer`` made, and what it left out (reasons carry no personal data)."""

    customer: Customer
    identity: Identity | None
    skipped: list[tuple[str, str]] = dataclass_field(default_factory=list)  # (kind, reason)


def import_customer(username: str, *, name: str, phone: str | None = None, id_number: str | None = None,
                    addresses: list[dict] = (), signup_brand=None, source: str = "import") -> ImportedCustomer:
    """An account for a customer of an acquired platform: no usable password (they reset it to sign
    in), the identity when name and ID number pass checkout's own checks (``check_identity``, keyed
    ``id_hash``) — recorded unverified, ``verified_by=source`` — and the addresses that
    ``add_address`` accepts, the first one default. A phone that is not a mainland mobile is dropped;
    an invalid identity or address is skipped and named in ``skipped``. Must run in a transaction."""
    username = (username or "").strip().lower()
    if not username or len(username) > 150:
        raise InvalidInput("invalid_username", "An imported account needs a username of 1-150 characters.",
                           field="username")
    if not (name or "").strip():
        raise InvalidInput("missing_field", "An imported customer needs a name.", field="name")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise Conflict("username_taken", "An account with this username already exists.", field="username")
    user = User(username=username, email=username)
    user.set_unusable_password()
    user.save()
    try:
        mobile = normalise_mobile(phone or "")
    except InvalidInput:
        mobile = ""
    customer = Customer.objects.create(user=user, display_name=name.strip()[:60], phone=mobile,
                                       phone_masked=id_rules.mask_phone(mobile) if mobile else "",
                                       signup_brand=signup_brand)
    result = ImportedCustomer(customer, None)
    if id_number:
        try:
            real_name, number = check_identity(name, id_number)
        except InvalidInput:
            result.skipped.append(("identity", "name or ID number invalid"))
        else:
            result.identity = Identity.objects.create(
                customer=customer, real_name=real_name, id_number=number, id_masked=id_rules.mask_id(number),
                id_hash=id_hash(number), verified_at=None, verified_by=source[:40])
    for index, a in enumerate(addresses):
        try:
            add_address(customer, consignee=(a.get("consignee") or name)[:100], phone=a.get("phone") or "",
                        province=(a.get("province") or "")[:30], city=(a.get("city") or "")[:30],
                        district=(a.get("district") or "")[:30], detail=a.get("detail") or "",
                        is_default=index == 0)
        except InvalidInput:
            result.skipped.append(("address", f"addresses[{index}] incomplete"))
    return result
