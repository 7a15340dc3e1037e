"""Cart writes. Carts belong to one brand; lines point at that brand's listings."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from haitao.catalog.models import Listing
from haitao.common.errors import Forbidden, InvalidInput, NotFound

from .models import Cart, CartLine


def validate_quantity(quantity, field: str = "quantity") -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise InvalidInput("invalid_quantity", "Quantity must be a whole number.", field=field)
    if quantity < 1 or quantity > settings.MAX_LINE_QUANTITY:
        raise InvalidInput("invalid_quantity",
                           f"Quantity must be between 1 and {settings.MAX_LINE_QUANTITY}.", field=field)
    return quantity


def listing_for(brand, sku_code: str) -> Listing:
    listing = (Listing.objects.visible().for_brand(brand).filter(sku__code=sku_code).first())
    if listing is None:
        raise NotFound("unknown_sku", f"'{sku_code}' is not sold in {brand.name_en}.", field="sku")
    return listing


def cart_for(token, customer=None) -> Cart:
    """The cart with this token, if the caller may use it (anonymous carts are bearer tokens)."""
    cart = Cart.objects.select_related("brand").filter(token=token, checked_out=False).first()
    if cart is None:
        raise NotFound("cart_not_found", "No open cart with this id.", field="cart")
    if cart.customer_id is not None and (customer is None or cart.customer_id != customer.id):
        raise Forbidden("not_your_cart", "This cart belongs to another account.", field="cart")
    return cart


def open_cart(brand, customer=None) -> Cart:
    if customer is not None:
        existing = Cart.objects.filter(brand=brand, customer=customer, checked_out=False).first()
        if existing:
            return existing
    return Cart.objects.create(brand=brand, customer=customer)


def claim(cart: Cart, customer) -> Cart:
    """An anonymous cart becomes the customer's when they sign in (merging into their open cart)."""
    if cart.customer_id == customer.id:
        return cart
    with transaction.atomic():
        mine = Cart.objects.filter(brand=cart.brand, customer=customer, checked_out=False).exclude(pk=cart.pk).first()
        if mine is None:
            cart.customer = customer
            cart.save(update_fields=["customer", "updated_at"])
            return cart
        for line in cart.lines.all():
            set_quantity(mine, line.listing, min(settings.MAX_LINE_QUANTITY, line.quantity + _current(mine, line.listing)))
        cart.delete()
        return mine


def _current(cart: Cart, listing: Listing) -> int:
    line = cart.lines.filter(listing=listing).first()
    return line.quantity if line else 0


def add(cart: Cart, sku_code: str, quantity: int) -> CartLine:
    validate_quantity(quantity)
    listing = listing_for(cart.brand, sku_code)
    total = _current(cart, listing) + quantity
    if total > settings.MAX_LINE_QUANTITY:
        raise InvalidInput("invalid_quantity", f"At most {settings.MAX_LINE_QUANTITY} of one item per order.",
                           field="quantity")
    return set_quantity(cart, listing, total)


def set_quantity(cart: Cart, listing: Listing, quantity: int) -> CartLine | None:
    if quantity == 0:
        CartLine.objects.filter(cart=cart, listing=listing).delete()
        return None
    validate_quantity(quantity)
    if listing.per_buyer_limit and quantity > listing.per_buyer_limit:
        raise InvalidInput("over_per_buyer_limit",
                           f"At most {listing.per_buyer_limit} of this item per buyer.", field="quantity")
    line, _ = CartLine.objects.update_or_create(cart=cart, listing=listing, defaults={"quantity": quantity})
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())
    return line


def update(cart: Cart, sku_code: str, quantity: int) -> CartLine | None:
    if not (isinstance(quantity, int) and not isinstance(quantity, bool)) or quantity < 0:
        raise InvalidInput("invalid_quantity", "Quantity must be a whole number ≥ 0.", field="quantity")
    listing = listing_for(cart.brand, sku_code)
    return set_quantity(cart, listing, quantity)


def lines(cart: Cart) -> list[CartLine]:
    return list(cart.lines.select_related("listing__sku", "listing__merchant", "listing__brand").order_by("id"))


def remove_ordered(cart: Cart, sku_codes) -> None:
    """After an order from ``cart`` (orders.place_order calls this, for the API and the storefront
    alike): the ordered SKUs' lines leave the cart, and a cart left empty is closed (checked out), so
    its id no longer takes orders and the buyer's next visit opens a new one."""
    with transaction.atomic():
        CartLine.objects.filter(cart=cart, listing__sku__code__in=list(sku_codes)).delete()
        if not CartLine.objects.filter(cart=cart).exists():
            Cart.objects.filter(pk=cart.pk).update(checked_out=True, updated_at=timezone.now())
