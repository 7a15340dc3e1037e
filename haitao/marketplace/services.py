"""Every write of the marketplace app: commission and exchange rates, settlements, and the merchant
portal's users and tokens (docs/marketplace.md).

Settlements are idempotent and race-free: a run locks the merchant's settlement row of the month
(creating it first if need be), throws away the draft's lines and computes them again, so running a
month twice gives the same lines, never twice as many; a closed settlement is returned untouched and
cannot be reopened. Without an exchange rate for a merchant's currency in the month, nothing is
settled (fail closed).

Portal access fails closed too: an inactive user, a membership switched off, a role this module does
not know, a revoked, expired or unknown token — each is refused.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from haitao.brands.models import Merchant
from haitao.common.errors import Conflict, Forbidden, InvalidInput, NotFound
from haitao.rules import settlement as rules

from . import lines
from .models import CommissionRate, ExchangeRate, MerchantToken, MerchantUser, Settlement, SettlementLine, token_digest

# What each portal role may open; a role not in this table opens nothing.
ROLE_AREAS = {
    MerchantUser.Role.MANAGER: {"offers", "orders", "returns", "settlements", "tokens"},
    MerchantUser.Role.STAFF: {"offers", "orders", "returns"},
    MerchantUser.Role.ACCOUNTANT: {"settlements"},
}
TOKEN_PREFIX = "hm_"  # noqa: S105  (a marker telling merchant tokens from buyers', not a secret)


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput("invalid_number", f"{field} must be a decimal number.", field=field) from None
    if not number.is_finite():
        raise InvalidInput("invalid_number", f"{field} must be a decimal number.", field=field)
    return number


def _actor(actor: str) -> str:
    actor = (actor or "").strip()[:150]
    if not actor:
        raise InvalidInput("missing_field", "Who acts is recorded: actor is required.", field="actor")
    return actor


# --- rates ---------------------------------------------------------------------------------------


def set_commission_rate(rate, *, merchant=None, brand=None, category=None) -> CommissionRate:
    """The commission for these keys (None: any), replacing the row with the same keys."""
    rate = _decimal(rate, "rate")
    if not Decimal("0") <= rate < Decimal("1") or rate != rate.quantize(Decimal("0.0001")):
        raise InvalidInput("invalid_rate", "A commission rate is a fraction in [0, 1) with at most 4 places.",
                           field="rate")
    with transaction.atomic():
        # order_by("pk"): the default ordering would join the (nullable) related rows into the lock.
        row = (CommissionRate.objects.select_for_update()
               .filter(merchant=merchant, brand=brand, category=category).order_by("pk").first())
        if row is None:
            return CommissionRate.objects.create(merchant=merchant, brand=brand, category=category, rate=rate)
        row.rate = rate
        row.save(update_fields=["rate"])
        return row


def record_exchange_rate(currency: str, cny_per_unit, rate_date, source: str, actor: str) -> ExchangeRate:
    """CNY per unit of ``currency`` on ``rate_date`` from ``source``; a day's rate is recorded once
    (a settlement may already cite it)."""
    currency = (currency or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha() or currency == "CNY":
        raise InvalidInput("invalid_currency", "currency is an ISO 4217 code other than CNY.", field="currency")
    value = _decimal(cny_per_unit, "cny_per_unit")
    if not value > 0:
        raise InvalidInput("invalid_rate", "An exchange rate is positive.", field="cny_per_unit")
    source = (source or "").strip()[:120]
    if not source:
        raise InvalidInput("missing_field", "Say where the rate comes from.", field="source")
    try:
        with transaction.atomic():
            return ExchangeRate.objects.create(currency=currency, cny_per_unit=value, rate_date=rate_date,
                                               source=source, recorded_by=_actor(actor))
    except IntegrityError:
        raise Conflict("rate_exists", f"A {currency} rate for {rate_date} is recorded already.",
                       field="rate_date") from None


def rate_for(currency: str, period: str) -> ExchangeRate | None:
    """The latest rate of ``currency`` dated within the month; None for CNY. Refuses when there is none."""
    if currency == "CNY":
        return None
    first, after = rules.month_bounds(period)
    rate = (ExchangeRate.objects.filter(currency=currency, rate_date__gte=first, rate_date__lt=after)
            .order_by("-rate_date").first())
    if rate is None:
        raise Conflict("no_exchange_rate", f"No {currency} exchange rate is recorded for {period}: record one "
                       f"before settling.", field="currency", currency=currency, period=period)
    return rate


# --- settlements ---------------------------------------------------------------------------------


def _period(period: str) -> str:
    try:
        rules.month_bounds(period or "")
    except ValueError as exc:
        raise InvalidInput("invalid_period", str(exc), field="period") from None
    return period


def run_settlement(merchant: Merchant, period: str, actor: str, now=None) -> Settlement:
    """Compute (or recompute) the merchant's draft settlement of the month; a closed one is returned
    as it is. Refused without an exchange rate for the merchant's currency in the month."""
    period, actor, now = _period(period), _actor(actor), now or timezone.now()
    rate = rate_for(merchant.currency, period)
    drafts = lines.drafts(merchant, period)
    figures = rules.totals([d.as_rule() for d in drafts])
    cny_per_unit = rate.cny_per_unit if rate else Decimal("1")
    values = dict(currency=merchant.currency, cny_per_unit=cny_per_unit, rate_date=rate.rate_date if rate else None,
                  rate_source=rate.source if rate else "settled in CNY", sales=figures.sales,
                  refunds=figures.refunds, returns=figures.returns, net_sales=figures.net_sales,
                  commission=figures.commission, tax_collected=figures.tax_collected,
                  net_payable_cny=figures.net_payable,
                  net_payable=rules.convert(figures.net_payable, cny_per_unit, merchant.currency),
                  computed_at=now, computed_by=actor)
    with transaction.atomic():
        settlement = _locked(merchant, period, values)
        if settlement.status == Settlement.Status.CLOSED:
            return settlement
        for name, value in values.items():
            setattr(settlement, name, value)
        settlement.save()
        SettlementLine.objects.filter(settlement=settlement).delete()
        SettlementLine.objects.bulk_create([
            SettlementLine(settlement=settlement, kind=d.kind, occurred_at=d.occurred_at, order_number=d.order_number,
                           reference=d.reference, brand_id=d.brand_id, category_id=d.category_id, sku_code=d.sku_code,
                           quantity=d.quantity, goods=d.goods, tax=d.tax, commission_rate=d.commission_rate,
                           commission=d.commission) for d in drafts])
        return settlement


def _locked(merchant: Merchant, period: str, values: dict) -> Settlement:
    """The month's settlement row, locked; created first when missing (a racing creator's row is
    taken instead of a second one: the unique constraint decides)."""
    row = Settlement.objects.select_for_update().filter(merchant=merchant, period=period).order_by("pk").first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            Settlement.objects.create(merchant=merchant, period=period, **values)
    except IntegrityError:
        pass
    return Settlement.objects.select_for_update().get(merchant=merchant, period=period)


def run_period(period: str, actor: str) -> tuple[list[Settlement], list[tuple[Merchant, str]]]:
    """Settle every merchant with something to settle in the month (a sale, refund or return, or a
    settlement already there): (settlements, [(merchant, why refused)])."""
    period = _period(period)
    done, refused = [], []
    settled = set(Settlement.objects.filter(period=period).values_list("merchant_id", flat=True))
    for merchant in Merchant.objects.order_by("code"):
        if merchant.pk not in settled and not lines.drafts(merchant, period):
            continue
        try:
            done.append(run_settlement(merchant, period, actor))
        except Conflict as exc:
            refused.append((merchant, exc.message))
    return done, refused


def close_settlement(settlement: Settlement, actor: str, now=None) -> Settlement:
    """Freeze the settlement: from now on no run changes it. Idempotent."""
    actor = _actor(actor)
    with transaction.atomic():
        row = Settlement.objects.select_for_update().get(pk=settlement.pk)
        if row.status != Settlement.Status.CLOSED:
            row.status, row.closed_at, row.closed_by = Settlement.Status.CLOSED, now or timezone.now(), actor
            row.save(update_fields=["status", "closed_at", "closed_by"])
        return row


# --- portal users and tokens ---------------------------------------------------------------------


def add_portal_user(merchant: Merchant, username: str, password: str, role: str, email: str = "") -> MerchantUser:
    """A login for the merchant portal: a plain (non-staff) account tied to one merchant."""
    if role not in ROLE_AREAS:
        raise InvalidInput("invalid_role", f"role must be one of {', '.join(ROLE_AREAS)}.", field="role")
    if not (username or "").strip() or len(password or "") < 10:
        raise InvalidInput("weak_credentials", "A username and a password of at least 10 characters.",
                           field="password")
    User = get_user_model()
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise Conflict("user_exists", f"The username {username!r} is taken.", field="username")
        user = User.objects.create_user(username, email, password, is_staff=False)
        return MerchantUser.objects.create(user=user, merchant=merchant, role=role)


def portal_member(user) -> MerchantUser:
    """The user's merchant membership; refused for anyone else, an inactive account or membership, and
    a role this portal does not know."""
    member = (MerchantUser.objects.select_related("merchant", "user").filter(user_id=getattr(user, "pk", None))
              .first() if getattr(user, "is_authenticated", False) else None)
    if member is None or not member.active or not member.user.is_active:
        raise Forbidden("merchant_only", "This is the merchant portal: sign in with a merchant account.")
    if member.role not in ROLE_AREAS:
        raise Forbidden("unknown_role", "Your portal role is not recognised.")
    return member


def require_area(member: MerchantUser, area: str) -> None:
    if area not in ROLE_AREAS.get(member.role, ()):
        raise Forbidden("permission_denied", "Your portal role does not open this.", permission=area)


def issue_token(member: MerchantUser, name: str = "default") -> str:
    """A new bearer token for the merchant API; shown once, only its hash kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    MerchantToken.objects.create(merchant_user=member, name=(name or "default")[:60], prefix=raw[:8],
                                 key_hash=token_digest(raw),
                                 expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS))
    return raw


def token_member(raw: str) -> MerchantUser | None:
    """The membership behind an unrevoked, unexpired merchant token, else None (then refused)."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (MerchantToken.objects.select_related("merchant_user__merchant", "merchant_user__user")
             .filter(key_hash=token_digest(raw), revoked=False, expires_at__gt=timezone.now()).first())
    return token.merchant_user if token else None


def revoke_token(member: MerchantUser, token_id: int) -> None:
    """Revoke one of the member's own tokens; another's reads as not found."""
    if not MerchantToken.objects.filter(merchant_user=member, pk=token_id).update(revoked=True):
        raise NotFound("token_not_found", "No such token.", field="token")
