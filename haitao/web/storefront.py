"""What every storefront view shares: the brand from the URL, the page language, the session's cart.

Views read models freely but never write them: every write goes through a services module.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation

from haitao.accounts.services import customer_of
from haitao.brands.models import Brand
from haitao.checkout import services as carts
from haitao.checkout.models import Cart
from haitao.common.errors import DomainError

LANG_SESSION_KEY = "haitao_lang"
LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}


def use_language(request, default: str) -> str:
    """The session's chosen language (set by `?lang=`), else `default` — the brand's language."""
    chosen = request.GET.get("lang")
    if chosen in LANGUAGE_CODES:
        request.session[LANG_SESSION_KEY] = chosen
    language = request.session.get(LANG_SESSION_KEY) or default
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


def without_lang(request) -> HttpResponseRedirect | None:
    """After `?lang=xx` on a GET, send the browser to the same URL without it."""
    if request.method != "GET" or "lang" not in request.GET:
        return None
    query = request.GET.copy()
    query.pop("lang")
    return HttpResponseRedirect(request.path + (f"?{query.urlencode()}" if query else ""))


def localised(default_language=settings.LANGUAGE_CODE):
    """For pages outside a brand (landing, account, sandbox pay): the session language."""
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            use_language(request, default_language)
            return without_lang(request) or view(request, *args, **kwargs)
        return wrapper
    return decorate


def storefront(view):
    """`view(request, brand, ...)` for URLs under /s/<brand_code>/, in the brand's language."""
    @wraps(view)
    def wrapper(request, brand_code, *args, **kwargs):
        brand = get_object_or_404(Brand, code=brand_code, active=True)
        use_language(request, brand.default_language)
        request.brand = brand
        return without_lang(request) or view(request, brand, *args, **kwargs)
    return wrapper


def brand_from_next(next_url: str) -> Brand | None:
    """Shared account pages take the look of the storefront the buyer came from."""
    parts = (next_url or "").split("/")
    if len(parts) > 2 and parts[1] == "s":
        return Brand.objects.filter(code=parts[2], active=True).first()
    return None


def login_url(request) -> str:
    return f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}"


def current_customer(request):
    return customer_of(request.user) if request.user.is_authenticated else None


def _cart_key(brand) -> str:
    return f"cart:{brand.code}"


def current_cart(request, brand, create: bool = False) -> Cart | None:
    """The buyer's open cart in this brand: the account's, or the anonymous one whose token the
    session holds (claimed into the account once the buyer is signed in)."""
    customer = current_customer(request)
    key = _cart_key(brand)
    cart = None
    token = request.session.get(key)
    if token:
        try:
            cart = carts.cart_for(token, customer)
        except DomainError:
            cart = None
        if cart is None or cart.brand_id != brand.id:
            request.session.pop(key, None)
            cart = None
        elif customer is not None:
            if cart.customer_id is None:
                cart = carts.claim(cart, customer)
            request.session.pop(key, None)
    if customer is not None:
        if cart is None:
            cart = Cart.objects.filter(brand=brand, customer=customer, checked_out=False).first()
        if cart is None and create:
            cart = carts.open_cart(brand, customer)
        return cart
    if cart is None and create:
        cart = carts.open_cart(brand)
        request.session[key] = str(cart.token)
    return cart


def claim_session_carts(request, customer) -> None:
    """On sign-in: every anonymous cart of this session (one per brand) becomes the customer's."""
    for key in [k for k in request.session.keys() if k.startswith("cart:")]:
        token = request.session.pop(key)
        try:
            cart = carts.cart_for(token, customer)
        except DomainError:
            continue
        carts.claim(cart, customer)


def cart_count(request, brand) -> int:
    cart = current_cart(request, brand)
    return sum(line.quantity for line in cart.lines.all()) if cart else 0


def render_page(request, template: str, context: dict | None = None, brand=None, status: int = 200):
    """Render with what the storefront layout needs: the brand (None = neutral pages) and cart size."""
    from django.shortcuts import render

    context = dict(context or {})
    context["brand"] = brand
    context["cart_count"] = cart_count(request, brand) if brand is not None else 0
    context["languages"] = settings.LANGUAGES
    return render(request, template, context, status=status)
