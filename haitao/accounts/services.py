"""Account writes: sign-up, the buyer's real-name identity, addresses, API tokens."""

import logging
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from haitao.common.crypto import id_hash
from haitao.common.errors import Conflict, Forbidden, InvalidInput, NotFound
from haitao.common.text import check_text
from haitao.rules import identity as id_rules

from .models import Address, ApiToken, Customer, Identity, IdentityAttempt
from .verification import verifier

log = logging.getLogger(__name__)


def normalise_mobile(phone: str, field: str = "phone") -> str:
    """The mobile number as rules.identity reads it (the import reads phones the same way), or a 400."""
    digits = id_rules.normalise_mobile(phone or "")
    if digits is None:
        raise InvalidInput("invalid_phone", "A mainland mobile number has 11 digits and starts with 1.", field=field)
    return digits


def register(email: str, password: str, display_name: str = "", brand=None,
             language: str = "zh-hans") -> Customer | None:
    """The new account, or None when the address already has one. Callers answer both alike (they
    must not tell whether an address is registered); the password is hashed either way, so the time
    taken does not tell it either."""
    email = (email or "").strip().lower()
    check_text(display_name, "display_name")
    try:
        validate_email(check_text(email, "email"))
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
        log.info("registration with an address that already has an account (user %s)",
                 User.objects.filter(username=email).values_list("pk", flat=True).first())
        return None


def customer_of(user) -> Customer:
    customer = getattr(user, "customer", None)
    if customer is None:  # an operator using the shop: give them a customer profile on first use
        customer, _ = Customer.objects.get_or_create(user=user, defaults={"display_name": user.get_username()[:60]})
    return customer


def check_real_name(real_name: str) -> str:
    check_text(real_name, "buyer.real_name")
    try:
        return id_rules.validate_real_name(real_name or "")
    except ValueError as exc:
        raise InvalidInput("invalid_real_name", str(exc), field="buyer.real_name") from None


def check_id_number(id_number: str) -> str:
    check_text(id_number, "buyer.id_number")
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
        if not existing.owner:  # an account that shared the number before it was bound to its first account
            raise id_number_bound(customer, digest, name)
        return existing
    # One ID number is one person, bound to the first account verified with it: another account (a
    # griefer holding the person's quota with unpaid orders, or the person's own second account) may
    # not reserve that person's quota. The owner sees the attempt (identity_attempts).
    others = list(Identity.objects.filter(id_hash=digest).values_list("real_name", "owner"))
    if any(other_name != name for other_name, _ in others):
        raise InvalidInput("id_number_name_mismatch",
                           "This ID number is already verified under another name; enter the name on the ID card.",
                           field="buyer.real_name")
    if any(owner for _, owner in others):
        raise id_number_bound(customer, digest, name)
    if not verifier().verify(name, number):
        raise InvalidInput("identity_not_verified", "The real-name check did not confirm this name and ID number.",
                           field="buyer")
    identity = Identity(customer=customer, real_name=name, id_number=number, id_masked=id_rules.mask_id(number),
                        id_hash=digest, verified_at=timezone.now(), verified_by=verifier().name)
    if save:
        identity.save(force_insert=True)
    return identity


def id_number_bound(customer: Customer, digest: str, name: str) -> Forbidden:
    """Record the attempt for the owner to see, and the refusal to raise."""
    IdentityAttempt.objects.create(id_hash=digest, customer=customer, real_name_masked=id_rules.mask_name(name))
    return Forbidden("id_number_bound", "This ID number is bound to another account: its holder orders from "
                     "that account. If it is yours, contact customer service.", field="buyer.id_number")


def identity_attempts(customer: Customer) -> list[dict]:
    """Other accounts' attempts to order with this account's (owned) ID number, newest first."""
    identity = getattr(customer, "identity", None)
    if identity is None or not identity.owner:
        return []
    attempts = (IdentityAttempt.objects.filter(id_hash=identity.id_hash).exclude(customer=customer)
                .select_related("customer__user")[:100])
    return [{"account": mask_email(a.customer.user.email or a.customer.user.username),
             "real_name": a.real_name_masked, "at": a.created_at} for a in attempts]


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else f"{local[:1]}***"


def add_address(customer: Customer, *, consignee: str, phone: str, province: str, city: str, district: str,
                detail: str, district_code: str = "", is_default: bool = False) -> Address:
    for field, value, limit in (("consignee", consignee, 100), ("province", province, 30), ("city", city, 30),
                                ("district", district, 30), ("detail", detail, 150)):
        check_text(value, f"address.{field}")
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


def tokens_of(user) -> list[ApiToken]:
    """The user's tokens, newest first, revoked and expired ones included (so the owner sees them)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id")[:200])


def revoke_token(user, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; another user's token reads as not found."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound("token_not_found", "No such token in your account.", field="token")
    if not token.revoked:
        ApiToken.objects.filter(pk=token.pk).update(revoked=True)
        token.revoked = True
    return token


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
            digest = id_hash(number)
            # the person's ID number stays bound to the account that has it; else this one holds it
            owned = Identity.objects.filter(id_hash=digest, owner=True).exists()
            result.identity = Identity.objects.create(
                customer=customer, real_name=real_name, id_number=number, id_masked=id_rules.mask_id(number),
                id_hash=digest, verified_at=None, verified_by=source[:40], owner=not owned)
    for index, a in enumerate(addresses):
        try:
            add_address(customer, consignee=(a.get("consignee") or name)[:100], phone=a.get("phone") or "",
                        province=(a.get("province") or "")[:30], city=(a.get("city") or "")[:30],
                        district=(a.get("district") or "")[:30], detail=a.get("detail") or "",
                        is_default=index == 0)
        except InvalidInput:
            result.skipped.append(("address", f"addresses[{index}] incomplete"))
    return result
