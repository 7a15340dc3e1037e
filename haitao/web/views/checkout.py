"""Checkout: consignee, the buyer's real-name identity, the brand's risk notice → place_order.

Each render of the form carries a fresh Idempotency-Key and the session remembers which items that
form was for, so submitting the same form twice returns the first order instead of a second one.
"""

import uuid

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from haitao.checkout import services as carts
from haitao.accounts.services import check_id_number, check_real_name, normalise_mobile
from haitao.common.errors import DomainError, InvalidInput
from haitao.common.text import check_text
from haitao.orders.services import Consignee, PlaceOrder, place_order, plan_summary, preview, quota_usage
from haitao.rules.identity import mask_name
from haitao.rules.tax import LimitExceeded
from haitao.throttle.decorators import rate_limited

from ..presenters import error_text
from ..storefront import current_cart, current_customer, login_url, render_page, storefront
from .cart import cart_context

CONSIGNEE_FIELDS = ("name", "phone", "province", "city", "district", "detail")
LABELS = {"name": _("Consignee name"), "phone": _("Mobile"), "province": _("Province"), "city": _("City"),
          "district": _("District"), "detail": _("Street address")}
KEEP_FORMS = 5
# DomainError.field values that have no input of their own are shown at these places of the form.
FIELD_ALIASES = {"buyer": "buyer", "items": None, "Idempotency-Key": None, "order": None}


def _prefill(customer) -> dict:
    address = customer.addresses.order_by("-is_default", "id").first()
    if address is None:
        return {}
    return {"consignee.name": address.consignee, "consignee.phone": address.phone,
            "consignee.province": address.province, "consignee.city": address.city,
            "consignee.district": address.district, "consignee.detail": address.detail}


def _remember_form(request, key: str, items) -> None:
    forms = [f for f in request.session.get("checkout_forms", []) if f["key"] != key][-(KEEP_FORMS - 1):]
    forms.append({"key": key, "items": [[sku, qty] for sku, qty in items]})
    request.session["checkout_forms"] = forms


def _items_of_form(request, key: str):
    for form in request.session.get("checkout_forms", []):
        if form["key"] == key:
            return [(sku, qty) for sku, qty in form["items"]]
    return None


def _field_errors(values: dict, identity, risk_accepted: bool) -> dict:
    """Every input error of the form at once, from the same checks placement makes (placement still
    decides): the buyer corrects the whole form in one submit instead of one field per submit."""
    checks = {f"consignee.{f}": (lambda f=f: _required(values, f"consignee.{f}")) for f in CONSIGNEE_FIELDS}
    checks["consignee.phone"] = lambda: normalise_mobile(values["consignee.phone"], field="consignee.phone")
    if identity is None:  # a recorded identity is not on the form
        checks["buyer.real_name"] = lambda: check_real_name(values["buyer.real_name"])
        checks["buyer.id_number"] = lambda: check_id_number(values["buyer.id_number"].upper())
    checks["risk_notice_accepted"] = lambda: _required({"risk_notice_accepted": risk_accepted},
                                                       "risk_notice_accepted", "risk_notice_not_accepted")
    errors = {}
    for field, check in checks.items():
        try:
            check()
        except DomainError as exc:
            errors[field] = error_text(exc)
    return errors


def _required(values: dict, field: str, code: str = "missing_field") -> None:
    if not values.get(field):
        raise InvalidInput(code, f"{field} is required.", field=field)
    check_text(values[field], field)


def _render(request, brand, customer, values, errors, key=None, status=200):
    context = cart_context(request, brand)
    items = [(row["sku"].code, row["line"].quantity) for row in context["rows"]]
    key = key or uuid.uuid4().hex
    _remember_form(request, key, items)
    identity = getattr(customer, "identity", None)
    fields = [{"name": f"consignee.{f}", "label": LABELS[f], "value": values.get(f"consignee.{f}", ""),
               "error": errors.get(f"consignee.{f}"), "type": "tel" if f == "phone" else "text"}
              for f in CONSIGNEE_FIELDS]
    buyer = {"real_name": values.get("buyer.real_name", ""), "id_number": values.get("buyer.id_number", ""),
             "real_name_error": errors.get("buyer.real_name"), "id_number_error": errors.get("buyer.id_number"),
             "error": errors.get("buyer")}
    context.update(values=values, errors=errors, consignee_fields=fields, buyer=buyer,
                   risk_error=errors.get("risk_notice_accepted"), form_error=errors.get("form"), idempotency_key=key, identity=identity,
                   identity_name_masked=mask_name(identity.real_name) if identity else "",
                   quota=quota_usage(customer), purchase=_split(brand, customer, items))
    return render_page(request, "web/checkout.html", context, brand, status=status)


def _split(brand, customer, items) -> dict | None:
    """The customs orders the cart would be placed as, shown before the buyer pays (rule 10: never
    split silently); None when it cannot be placed now (the cart's refusal says why)."""
    if not items:
        return None
    try:
        return plan_summary(preview(brand, customer, items))
    except (DomainError, LimitExceeded):
        return None


@rate_limited("checkout", by="user", methods=("POST",))
@storefront
def checkout(request, brand):
    if not request.user.is_authenticated:
        return redirect(login_url(request))
    customer = current_customer(request)
    cart = current_cart(request, brand)
    if request.method != "POST":
        if cart is None or not cart.lines.exists():
            return redirect("web:cart", brand_code=brand.code)
        return _render(request, brand, customer, _prefill(customer), {})

    values = {name: request.POST.get(name, "").strip() for name in
              [f"consignee.{f}" for f in CONSIGNEE_FIELDS] + ["buyer.real_name", "buyer.id_number"]}
    identity = getattr(customer, "identity", None)
    if identity is not None:  # the form shows masks; the real values are the account's identity
        real_name, id_number = identity.real_name, identity.id_number
    else:
        real_name, id_number = values["buyer.real_name"], values["buyer.id_number"].upper()
    key = request.POST.get("idempotency_key", "")[:80] or uuid.uuid4().hex
    items = _items_of_form(request, key)
    if items is None:
        items = [(line.listing.sku.code, line.quantity) for line in carts.lines(cart)] if cart else []
    consignee = Consignee(**{f: values[f"consignee.{f}"] for f in CONSIGNEE_FIELDS})
    order_request = PlaceOrder(brand=brand, items=items, consignee=consignee, buyer_name=real_name,
                               buyer_id_number=id_number,
                               risk_notice_accepted=request.POST.get("risk_notice_accepted") == "on",
                               idempotency_key=key, save_address=True, cart=cart)
    errors = _field_errors(values, identity, order_request.risk_notice_accepted)
    if errors:
        return _render(request, brand, customer, values, errors, key=key, status=422)
    try:
        order, created = place_order(customer, order_request)
    except DomainError as exc:
        field = FIELD_ALIASES.get(exc.field, exc.field) if exc.field else None
        errors = {field or "form": error_text(exc)}
        # A refused form keeps its key: the buyer's corrected submit is still the same checkout.
        return _render(request, brand, customer, values, errors, key=key, status=422)
    return redirect("web:order", brand_code=brand.code, number=order.number)
