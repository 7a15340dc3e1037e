"""Brand and merchant writes: the only code that creates brands and merchants or activates a brand.

A brand created here (by consolidation, by an operator's script) starts inactive: buyers do not see
it until ``activate_brand`` — the admin's "Activate" action or ``haitao brand activate CODE`` — after
an operator has looked at it. Its colours are readable (theme.py): an unset colour takes the default
theme's, and activation refuses a palette the storefront could not render readably.

Merchants are onboarded here too (docs/marketplace.md): an application (``apply_merchant``) waits in
``applied`` until an operator approves it (``decide``); every decision is kept in
``MerchantStatusChange``. Only an approved merchant sells, and only in the brands it is allowed in
(``require_may_list``, asked by catalog.services; catalog.models.VISIBLE hides the listings of a
merchant that is not approved).
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from haitao.common.errors import Conflict, InvalidInput, NotFound

from . import theme
from .models import Brand, DomesticAgent, Merchant, MerchantBankAccount, MerchantDocument, MerchantStatusChange

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
MERCHANT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def _text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput("missing_field", f"{field} is required.", field=field)
    return value[:limit]


def _colour(value: str | None, default: str, field: str) -> str:
    if value is None or value == "":
        return default
    if not theme.valid_hex(value):
        raise InvalidInput("invalid_colour", f"{field} must be a colour written #rrggbb.", field=field)
    return value.lower()


def create_brand(code: str, *, name: str, name_en: str, kind: str, risk_notice: str, risk_notice_en: str,
                 primary_color: str | None = None, accent_color: str | None = None,
                 theme_name: str = theme.DEFAULT_THEME, active: bool = False, **fields) -> Brand:
    """A new brand, inactive unless ``active``. Refuses a taken or malformed code, an unknown kind,
    empty names or risk notices, and colours that are not #rrggbb."""
    if not CODE.match(code or ""):
        raise InvalidInput("invalid_brand_code", "A brand code is 1-32 lower-case letters, digits, - or _.",
                           field="code")
    if kind not in Brand.Kind.values:
        raise InvalidInput("invalid_kind", f"kind must be one of {', '.join(Brand.Kind.values)}.", field="kind")
    values = dict(
        name=_text(name, "name", 80), name_en=_text(name_en, "name_en", 80), kind=kind,
        risk_notice=_text(risk_notice, "risk_notice", 5000), risk_notice_en=_text(risk_notice_en, "risk_notice_en", 5000),
        primary_color=_colour(primary_color, theme.DEFAULT_PRIMARY, "primary_color"),
        accent_color=_colour(accent_color, theme.DEFAULT_ACCENT, "accent_color"),
        theme=theme_name or theme.DEFAULT_THEME, active=bool(active), **fields)
    if active:
        values.update(activated_at=timezone.now(), activated_by="created active")
    with transaction.atomic():
        if Brand.objects.filter(code=code).exists():
            raise Conflict("brand_exists", f"A brand with code {code!r} already exists.", field="code")
        return Brand.objects.create(code=code, **values)


def brand_contrast(brand: Brand) -> list[tuple[str, str, str, float]]:
    """Every text/background pair the brand's storefront draws, with its WCAG contrast ratio."""
    return theme.contrast_pairs(theme.palette(brand.primary_color, brand.accent_color, brand.theme), brand.theme)


def activate_brand(code: str, actor: str) -> Brand:
    """Open the brand's storefront and API to buyers. Idempotent; refuses an unknown brand and colours
    the storefront cannot render (not #rrggbb) or that stay below WCAG 4.5."""
    with transaction.atomic():
        brand = Brand.objects.select_for_update().filter(code=code or "").first()
        if brand is None:
            raise NotFound("unknown_brand", f"No brand with code {code!r}.", field="code")
        for field in ("primary_color", "accent_color"):
            if not theme.valid_hex(getattr(brand, field)):
                raise InvalidInput("invalid_colour", f"{field} must be a colour written #rrggbb.", field=field)
        weak = theme.unreadable(theme.palette(brand.primary_color, brand.accent_color, brand.theme), brand.theme)
        if weak:
            raise InvalidInput("unreadable_theme", f"{weak[0][0]} has contrast {weak[0][3]} (below 4.5).",
                               field="accent_color")
        if not brand.active:
            brand.active, brand.activated_at, brand.activated_by = True, timezone.now(), (actor or "operator")[:60]
            brand.save(update_fields=["active", "activated_at", "activated_by"])
        return brand


def get_or_create_merchant(code: str, *, name: str, kind: str, country: str, ebc_code: str = "",
                           ebc_name: str = "", currency: str = "CNY") -> tuple[Merchant, bool]:
    """The merchant with ``code``, created with these fields when missing: (merchant, created)."""
    if not MERCHANT_CODE.match(code or ""):
        raise InvalidInput("invalid_merchant_code", "A merchant code is 1-40 letters, digits, - or _.", field="code")
    existing = Merchant.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    return create_merchant(code, name=name, kind=kind, country=country, ebc_code=ebc_code, ebc_name=ebc_name,
                           currency=currency), True


def create_merchant(code: str, *, name: str, kind: str, country: str, ebc_code: str = "", ebc_name: str = "",
                    currency: str = "CNY") -> Merchant:
    """A merchant brought in by an import (consolidation): already trading on the acquired platform, so
    approved as it was there, and recorded as such. A new seller applies through ``apply_merchant``.
    Refuses a malformed code, an unknown kind, an empty name, a country that is not two letters and a
    currency that is not three."""
    return _new_merchant(code, name=name, kind=kind, country=country, ebc_code=ebc_code, ebc_name=ebc_name,
                         currency=currency, status=Merchant.Status.APPROVED, actor="import",
                         note="imported with the platform it traded on")


def _new_merchant(code: str, *, name: str, kind: str, country: str, ebc_code: str, ebc_name: str, currency: str,
                  status: str, actor: str, note: str, **extra) -> Merchant:
    if not MERCHANT_CODE.match(code or ""):
        raise InvalidInput("invalid_merchant_code", "A merchant code is 1-40 letters, digits, - or _.", field="code")
    if kind not in Merchant.Kind.values:
        raise InvalidInput("invalid_kind", f"kind must be one of {', '.join(Merchant.Kind.values)}.", field="kind")
    country = (country or "").strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidInput("invalid_country", "country is an ISO 3166-1 alpha-2 code.", field="country")
    currency = (currency or "CNY").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise InvalidInput("invalid_currency", "currency is an ISO 4217 code.", field="currency")
    name = _text(name, "name", 120)
    merchant = Merchant.objects.create(code=code, name=name, kind=kind, country=country,
                                       ebc_code=(ebc_code or "").strip()[:18], ebc_name=(ebc_name or name)[:100],
                                       currency=currency, status=status, status_changed_at=timezone.now(),
                                       status_changed_by=actor[:150], **extra)
    MerchantStatusChange.objects.create(merchant=merchant, to_status=status, actor=actor[:150], note=note)
    return merchant


def deactivate_brand(code: str, actor: str) -> Brand:
    """Hide the brand from buyers again (storefront 404, API hides it); orders and data stay. Idempotent."""
    with transaction.atomic():
        brand = Brand.objects.select_for_update().filter(code=code or "").first()
        if brand is None:
            raise NotFound("unknown_brand", f"No brand with code {code!r}.", field="code")
        if brand.active:
            brand.active, brand.activated_by = False, f"deactivated by {actor or 'operator'}"[:60]
            brand.save(update_fields=["active", "activated_by"])
        return brand


# --- merchant onboarding (docs/marketplace.md) ---------------------------------------------------

# Which decision may follow which state; anything else is refused (an illegal transition).
DECISIONS = {
    Merchant.Status.APPROVED: {Merchant.Status.APPLIED, Merchant.Status.SUSPENDED},
    Merchant.Status.REJECTED: {Merchant.Status.APPLIED},
    Merchant.Status.SUSPENDED: {Merchant.Status.APPROVED},
    Merchant.Status.APPLIED: {Merchant.Status.REJECTED},  # a rejected merchant may apply again
}


def _mask_account(account: str) -> str:
    return f"{'*' * max(len(account) - 4, 2)}{account[-4:]}" if len(account) > 4 else "****"


def valid_uscc(value: str) -> bool:
    from stdnum.cn import uscc as uscc_rule

    return uscc_rule.is_valid(value or "")


def create_agent(*, name: str, uscc: str, customs_code: str, contact_name: str, contact_phone: str = "",
                 contact_email: str = "") -> DomesticAgent:
    """A domestic agent; refuses a USCC that fails its GB 32100 check and a customs code that is not
    10 letters or digits. The contact phone is stored encrypted, shown masked."""
    from haitao.rules.identity import mask_phone

    uscc = (uscc or "").strip().upper()
    if not valid_uscc(uscc):
        raise InvalidInput("invalid_uscc", "The unified social credit code fails its check (GB 32100).", field="uscc")
    customs_code = (customs_code or "").strip().upper()
    if not re.fullmatch(r"[0-9A-Z]{10}", customs_code):
        raise InvalidInput("invalid_customs_code", "A customs registration code is 10 letters or digits.",
                           field="customs_code")
    if DomesticAgent.objects.filter(uscc=uscc).exists():
        raise Conflict("agent_exists", "A domestic agent with this code exists.", field="uscc")
    phone = re.sub(r"\D", "", contact_phone or "")
    return DomesticAgent.objects.create(
        name=_text(name, "name", 100), uscc=uscc, customs_code=customs_code,
        contact_name=_text(contact_name, "contact_name", 60), contact_phone=phone,
        contact_phone_masked=mask_phone(phone) if phone else "", contact_email=(contact_email or "").strip()[:254])


def apply_merchant(code: str, *, name: str, legal_name: str, kind: str, country: str, ebc_code: str,
                   agent: DomesticAgent | None, currency: str, ebc_name: str = "", brands=(),
                   actor: str = "operator") -> Merchant:
    """A merchant's application: recorded ``applied``, not selling until approved (``decide``)."""
    legal_name = _text(legal_name, "legal_name", 200)
    with transaction.atomic():
        if Merchant.objects.filter(code=code or "").exists():
            raise Conflict("merchant_exists", f"A merchant with code {code!r} exists.", field="code")
        merchant = _new_merchant(code, name=name, kind=kind, country=country, ebc_code=ebc_code,
                                 ebc_name=ebc_name or legal_name, currency=currency, status=Merchant.Status.APPLIED,
                                 actor=actor or "operator", note="applied", legal_name=legal_name, agent=agent)
        merchant.brands.set(list(brands))
        return merchant


def update_merchant(merchant: Merchant, *, actor: str = "operator", **fields) -> Merchant:
    """Change onboarding facts (legal name, agent, ebc code and name, currency, country)."""
    allowed = {"legal_name", "agent", "ebc_code", "ebc_name", "currency", "country", "name"}
    unknown = set(fields) - allowed
    if unknown:
        raise InvalidInput("invalid_field", f"cannot change {sorted(unknown)} here.", field=sorted(unknown)[0])
    if "currency" in fields and not re.fullmatch(r"[A-Z]{3}", fields["currency"] or ""):
        raise InvalidInput("invalid_currency", "currency is an ISO 4217 code.", field="currency")
    if "country" in fields and not re.fullmatch(r"[A-Z]{2}", fields["country"] or ""):
        raise InvalidInput("invalid_country", "country is an ISO 3166-1 alpha-2 code.", field="country")
    for name, value in fields.items():
        setattr(merchant, name, value)
    merchant.save(update_fields=list(fields))
    return merchant


def set_bank_account(merchant: Merchant, *, bank_name: str, account: str, swift: str = "") -> MerchantBankAccount:
    """The account settlements are paid to: the number encrypted at rest, only its masked form shown."""
    account = re.sub(r"[\s-]", "", account or "").upper()
    if not re.fullmatch(r"[0-9A-Z]{6,34}", account):
        raise InvalidInput("invalid_bank_account", "An account number (or IBAN) is 6-34 letters or digits.",
                           field="account_number")
    swift = (swift or "").strip().upper()
    if swift and not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", swift):
        raise InvalidInput("invalid_swift", "A SWIFT/BIC code is 8 or 11 characters.", field="swift")
    return MerchantBankAccount.objects.update_or_create(merchant=merchant, defaults=dict(
        bank_name=_text(bank_name, "bank_name", 120), swift=swift, account_number=account,
        account_masked=_mask_account(account)))[0]


def allow_brands(merchant: Merchant, brands, *, replace: bool = False) -> Merchant:
    """Let the merchant sell in ``brands`` (``replace``: in these only)."""
    if replace:
        merchant.brands.set(list(brands))
    else:
        merchant.brands.add(*brands)
    return merchant


def add_document(merchant: Merchant, *, kind: str, reference: str = "", file=None, expires_on=None) -> MerchantDocument:
    """A document of the onboarding: an uploaded ``file`` or a ``reference`` to where it is kept."""
    if kind not in MerchantDocument.Kind.values:
        raise InvalidInput("invalid_kind", f"kind must be one of {', '.join(MerchantDocument.Kind.values)}.",
                           field="kind")
    if not file and not (reference or "").strip():
        raise InvalidInput("missing_field", "A document needs a file or a reference.", field="reference")
    return MerchantDocument.objects.create(merchant=merchant, kind=kind, file=file or "",
                                           reference=(reference or "").strip()[:200], expires_on=expires_on)


def approval_gaps(merchant: Merchant) -> list[str]:
    """What an approval still lacks: a seller of record is registered outside the mainland, with a
    customs code, a legal name and a domestic agent (公告2018年第194号)."""
    gaps = []
    if not merchant.legal_name:
        gaps.append("legal entity name")
    if not merchant.ebc_code:
        gaps.append("customs registration code")
    if merchant.agent_id is None:
        gaps.append("domestic agent")
    if not merchant.country or merchant.country == "CN":
        gaps.append("registration outside the mainland")
    return gaps


def decide(merchant: Merchant, to_status: str, actor: str, note: str = "") -> Merchant:
    """Approve, reject, suspend or reinstate, recorded with who and why. An approval is refused while
    ``approval_gaps`` finds something missing; a decision that does not follow the state is refused."""
    actor = (actor or "").strip()[:150]
    if not actor:
        raise InvalidInput("missing_field", "Who decides is recorded: actor is required.", field="actor")
    if to_status not in DECISIONS:
        raise InvalidInput("invalid_status", f"status must be one of {', '.join(DECISIONS)}.", field="status")
    with transaction.atomic():
        merchant = Merchant.objects.select_for_update().get(pk=merchant.pk)
        if merchant.status == to_status:
            return merchant
        if merchant.status not in DECISIONS[to_status]:
            raise Conflict("illegal_transition", f"A merchant that is {merchant.status} cannot become {to_status}.",
                           field="status")
        gaps = approval_gaps(merchant) if to_status == Merchant.Status.APPROVED else []
        if gaps:
            raise Conflict("merchant_incomplete", f"Cannot approve: missing {', '.join(gaps)}.", field="status",
                           missing=gaps)
        MerchantStatusChange.objects.create(merchant=merchant, from_status=merchant.status, to_status=to_status,
                                            actor=actor, note=(note or "").strip()[:300])
        merchant.status, merchant.status_changed_at, merchant.status_changed_by = to_status, timezone.now(), actor
        merchant.save(update_fields=["status", "status_changed_at", "status_changed_by"])  # signals: catalog cache
        return merchant


def require_may_list(merchant: Merchant, brand: Brand) -> None:
    """Refuse a listing for a merchant that is not approved or not allowed in ``brand`` (read from the
    database, not from the instance given, which may be stale)."""
    status = Merchant.objects.filter(pk=merchant.pk).values_list("status", flat=True).first()
    if status != Merchant.Status.APPROVED:
        raise InvalidInput("merchant_not_approved", f"{merchant.code} is {status}: it cannot sell.",
                           field="merchant", merchant=merchant.code)
    if not merchant.brands.filter(pk=brand.pk).exists():
        raise InvalidInput("merchant_not_in_brand", f"{merchant.code} may not sell in {brand.code}.",
                           field="merchant", merchant=merchant.code, brand=brand.code)
