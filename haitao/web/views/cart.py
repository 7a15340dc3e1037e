"""The cart: lines, quantities, tax per line and in total, and the CBEC refusal when it applies."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from haitao.checkout import services as carts
from haitao.common.errors import DomainError

from django.utils.translation import gettext_lazy

from ..presenters import availability, cart_quote, error_text, ships_from_different_warehouses
from ..storefront import current_cart, current_customer, render_page, storefront


def _quantity(request, default=None):
    try:
        return int(request.POST.get("quantity", default))
    except (TypeError, ValueError):
        return -1


# A cart mixing bonded and direct-mail stock is placed as one purchase of several customs orders
# (orders.placement): the cart says so before checkout (rule 10: never split silently), it does not refuse.
SPLIT_NOTE = gettext_lazy("These items ship from different warehouses (bonded and direct mail): they become "
                          "separate customs orders, each declared on its own, and you pay for them once. "
                          "The checkout shows the split.")


def cart_context(request, brand) -> dict:
    cart = current_cart(request, brand)
    cart_lines = carts.lines(cart) if cart else []
    quote, refusal = cart_quote(brand, cart_lines, current_customer(request))
    taxes = {line.sku: line for line in quote.lines} if quote else {}
    stock = availability({line.listing.sku_id for line in cart_lines})
    rows = [{"line": line, "sku": line.listing.sku, "listing": line.listing, "tax": taxes.get(line.listing.sku.code),
             "goods_value": line.listing.price * line.quantity, "stock": stock[line.listing.sku_id]}
            for line in cart_lines]
    split = ships_from_different_warehouses([(row["stock"], row["line"].quantity) for row in rows])
    split_note = str(SPLIT_NOTE) if split else None
    return {"cart": cart, "rows": rows, "quote": quote, "refusal": refusal, "split_note": split_note}


@storefront
def cart_page(request, brand):
    return render_page(request, "web/cart.html", cart_context(request, brand), brand)


@storefront
@require_POST
def cart_add(request, brand):
    sku_code = request.POST.get("sku", "")
    try:
        carts.add(current_cart(request, brand, create=True), sku_code, _quantity(request, 1))
    except DomainError as exc:
        messages.error(request, error_text(exc))
        return redirect("web:product", brand_code=brand.code, sku_code=sku_code) if sku_code else \
            redirect("web:cart", brand_code=brand.code)
    return redirect("web:cart", brand_code=brand.code)


@storefront
@require_POST
def cart_update(request, brand):
    cart = current_cart(request, brand)
    if cart is not None:
        quantity = 0 if "remove" in request.POST else _quantity(request)
        try:
            carts.update(cart, request.POST.get("sku", ""), quantity)
        except DomainError as exc:
            messages.error(request, error_text(exc))
    return redirect("web:cart", brand_code=brand.code)
