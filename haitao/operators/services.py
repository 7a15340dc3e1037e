"""The one writer of operators' tables (memberships, profiles, the audit log) and the questions every
operator entry point asks: which brands may this user act for, and may they do this."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from haitao.common.errors import Forbidden

from . import scope
from .models import AuditEntry, BrandMembership, OperatorProfile

ALL_BRANDS = "operators.all_brands"


def brand_ids(user):
    """None when `user` acts for every brand, else the frozenset of brand ids (empty: nothing).
    Fails closed: inactive, non-staff or unassigned users get the empty set."""
    if user is None or not user.is_active or not user.is_staff:
        return frozenset()
    if user.is_superuser or user.has_perm(ALL_BRANDS):
        return None
    cached = getattr(user, "_haitao_brand_ids", None)
    if cached is None:
        cached = frozenset(BrandMembership.objects.filter(user=user).values_list("brand_id", flat=True))
        user._haitao_brand_ids = cached  # one query per request, not per queryset
    return cached


def scoped(qs, user):
    return scope.limit(qs, brand_ids(user))


def may_act_for(user, obj) -> bool:
    ids = brand_ids(user)
    if ids is None:
        return True
    owners = scope.brand_of(obj)
    return owners is None or bool(owners) and owners <= ids


def require(user, perm: str) -> None:
    """Raise 403 unless an active staff `user` holds `perm` (a role grants it)."""
    if user is None or not user.is_active or not user.is_staff or not user.has_perm(perm):
        raise Forbidden("permission_denied", _("Your role does not allow this."), None, permission=perm)


def require_all_brands(user) -> None:
    """For actions whose effect is not confined to one brand (shared stock, global expiry)."""
    if brand_ids(user) is not None:
        raise Forbidden("brand_scope", _("This action affects every brand; only an operator of all brands may "
                                         "take it."))


def refund_limit(user) -> Decimal:
    """The largest refund `user` may give alone: 0 without the refund permission."""
    if not user.has_perm("operators.refund_order"):
        return Decimal("0")
    if user.is_superuser:
        return Decimal("Infinity")
    profile = OperatorProfile.objects.filter(user=user).first()
    return profile.refund_limit if profile else Decimal("0")


def audit(user, area: str, action: str, obj=None, *, via: str = "admin", brand_code: str = "",
          target_type: str = "", detail: dict | None = None) -> AuditEntry:
    """Record one operator action. `detail` must hold no personal data in clear."""
    if obj is not None and not brand_code:
        brand = getattr(obj, "brand", None) or getattr(getattr(obj, "order", None), "brand", None)
        brand_code = getattr(brand, "code", "")
    return AuditEntry.objects.create(
        actor=user if getattr(user, "pk", None) else None, actor_name=getattr(user, "username", "") or "system",
        via=via, area=area, action=action[:60],
        target_type=target_type or (obj._meta.label if obj is not None else ""),
        target_id=str(obj.pk) if obj is not None else "", target_repr=str(obj)[:200] if obj is not None else "",
        brand_code=brand_code, detail=detail or {})


def reveal_id_number(user, order, *, via: str = "admin") -> str:
    """The buyer's full ID number of `order`, for an operator whose role allows it and who acts for its
    brand; every reveal is logged."""
    require(user, "operators.reveal_id_number")
    if not may_act_for(user, order):
        raise Forbidden("brand_scope", _("This order belongs to a brand you do not operate."))
    audit(user, AuditEntry.Area.PERSONAL_DATA, "reveal_id_number", order, via=via,
          detail={"masked": order.buyer_id_masked})
    return order.buyer_id_number


@transaction.atomic
def add_operator(username: str, email: str, password: str, role: str, *, brands=(),
                 refund_limit: Decimal | None = None):
    """A staff account in one role (a group of roles.py) acting for `brands`; None if it exists already."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return None
    user = User.objects.create_user(username, email, password, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    assign(user, brands=brands, refund_limit=refund_limit)
    return user


@transaction.atomic
def assign(user, *, brands=(), refund_limit: Decimal | None = None) -> None:
    """Set the brands `user` operates (replacing the old set) and their refund limit."""
    BrandMembership.objects.filter(user=user).exclude(brand__in=list(brands)).delete()
    for brand in brands:
        BrandMembership.objects.get_or_create(user=user, brand=brand)
    if refund_limit is not None:
        OperatorProfile.objects.update_or_create(user=user, defaults={"refund_limit": refund_limit})
    user.__dict__.pop("_haitao_brand_ids", None)
