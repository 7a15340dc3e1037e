"""Brand and merchant writes: the only code that creates brands and merchants or activates a brand.

A brand created here (by consolidation, by an operator's script) starts inactive: buyers do not see
it until ``activate_brand`` — the admin's "Activate" action or ``haitao brand activate CODE`` — after
an operator has looked at it. Its colours are readable (theme.py): an unset colour takes the default
theme's, and activation refuses a palette the storefront could not render readably.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from haitao.common.errors import Conflict, InvalidInput, NotFound

from . import theme
from .models import Brand, Merchant

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
    """A new merchant; refuses a malformed code, an unknown kind, an empty name, a country that is not
    two letters and a currency that is not three."""
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
    return Merchant.objects.create(code=code, name=name, kind=kind, country=country,
                                   ebc_code=(ebc_code or "").strip()[:18], ebc_name=(ebc_name or name)[:100],
                                   currency=currency)


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
