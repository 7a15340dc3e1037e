"""The /api/v1 routers. Handlers translate HTTP to service calls and back; no business rules here."""

import json
import time
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status

from haitao.accounts import services as accounts
from haitao.catalog.models import Category
from haitao.catalog.queries import brand_by_code, product_json, product_page_json
from haitao.catalog.search.ranking import check_filters, check_sort
from haitao.checkout import services as carts
from haitao.checkout.quote import Item, quote_items
from haitao.common.errors import DomainError, Forbidden, InvalidInput, NotFound, Unauthorized
from haitao.compliance import quota as quota_ledger
from haitao.inventory.models import Stock
from haitao.operators import services as operators
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.payments import services as payments
from haitao.payments.providers import default_code, provider
from haitao.returns import services as returns
from haitao.rules.quota import quota_year
from haitao.rules.tax import LimitExceeded
from haitao.throttle.decorators import rate_limited

from . import schemas as s
from .app import api
from .auth import OperatorAuth, TokenAuth, customer

JSON = "application/json; charset=utf-8"
ERRORS = {400: s.ErrorOut, 401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut, 409: s.ErrorOut, 422: s.ErrorOut,
          429: s.ErrorOut}

public = Router(tags=["catalog"])
auth_router = Router(tags=["auth"])
shop = Router(tags=["cart and checkout"], auth=TokenAuth())
payments_router = Router(tags=["payments"])
customs_router = Router(tags=["customs"])
operator = Router(tags=["operator"], auth=OperatorAuth())


# --- catalog ---------------------------------------------------------------------------------
@public.get("/brands", response=list[s.BrandOut])
def list_brands(request):
    from haitao.brands.models import Brand

    return list(Brand.objects.filter(active=True))


@public.get("/brands/{code}", response={200: s.BrandOut, **ERRORS})
def get_brand(request, code: str):
    return brand_by_code(code)


@public.get("/brands/{code}/categories", response={200: list[s.CategoryOut], **ERRORS})
def list_categories(request, code: str):
    brand = brand_by_code(code)
    return list(Category.objects.filter(skus__listings__brand=brand, skus__listings__visible=True).distinct())


@public.get("/brands/{code}/products", response={200: s.ProductPage, **ERRORS})
@rate_limited("search", when=lambda request: bool(request.GET.get("q")))
def list_products(request, code: str, q: str = Query("", max_length=200), category: str = "",
                  sort: str = Query("relevance", description="relevance, price_asc, price_desc, newest or sales"),
                  goods_brand: str = Query("", description="facet filter: the goods' brand, e.g. Aptamil"),
                  origin: str = Query("", description="facet filter: ISO country of origin"),
                  mode: str = Query("", description="facet filter: 1210 (bonded) or 9610 (direct mail) in stock"),
                  price: int | None = Query(None, description="facet filter: price band (see the price facet)"),
                  facets: bool = Query(False, description="add facet counts (brand, category, origin, mode, price)"),
                  limit: int = Query(24, ge=1, le=100), offset: int = Query(0, ge=0, le=1_000_000)):
    """Search and browse a brand's products. `q` is understood in Chinese or English (segmentation,
    synonyms such as 红酒 = 红葡萄酒, pinyin brand names, typos, units such as 800克 = 0.8kg); the
    response adds `did_you_mean` when a word was corrected and `relaxed` when no product had every word.
    Cached per catalog version (see catalog.queries); availability is at most 2 s old."""
    filters = check_filters(brand=goods_brand, origin=origin, mode=mode, price=price)
    body = product_page_json(brand_by_code(code), q, category, limit, offset, check_sort(sort), filters, facets)
    return HttpResponse(body, content_type=JSON)


def _visible_listing(code: str, sku: str):
    return carts.listing_for(brand_by_code(code), sku)


@public.get("/brands/{code}/products/{sku}", response={200: s.ProductOut, **ERRORS})
def get_product(request, code: str, sku: str):
    """Cached per catalog version (see catalog.queries); availability is at most 2 s old."""
    return HttpResponse(product_json(code, sku, _visible_listing), content_type=JSON)


# --- accounts --------------------------------------------------------------------------------
REGISTERED = ("If this address had no account, it has one now: sign in with POST /api/v1/auth/token. "
              "If it already had one, sign in with that account's password.")


@auth_router.post("/register", response={202: s.RegisterOut, **ERRORS})
@rate_limited("register")
def register(request, payload: s.RegisterIn):
    """The same answer whether or not the address already has an account (no account enumeration)."""
    brand = brand_by_code(payload.brand) if payload.brand else None
    accounts.register(payload.email, payload.password, payload.display_name, brand)
    return Status(202, {"status": "accepted", "message": REGISTERED})


@auth_router.post("/token", response={201: s.TokenOut, **ERRORS})
def token(request, payload: s.TokenIn):
    user = authenticate(request, username=payload.email.strip().lower(), password=payload.password)
    if user is None:
        raise Unauthorized("invalid_credentials", "Email or password is wrong.", field="password")
    return Status(201, {"token": accounts.issue_token(user), "customer_id": accounts.customer_of(user).id})


def _token_out(token) -> dict:
    return {"id": token.id, "name": token.name, "prefix": token.prefix, "created_at": token.created_at,
            "expires_at": token.expires_at, "revoked": token.revoked,
            "active": not token.revoked and token.expires_at is not None and token.expires_at > timezone.now()}


@shop.get("/auth/tokens", response={200: list[s.TokenInfoOut], **ERRORS}, tags=["auth"])
def list_tokens(request):
    """Your API tokens (never their secrets), newest first, revoked and expired ones included."""
    return [_token_out(t) for t in accounts.tokens_of(request.auth)]


@shop.delete("/auth/tokens/{token_id}", response={200: s.TokenInfoOut, **ERRORS}, tags=["auth"])
def revoke_token(request, token_id: int):
    """Revoke one of your tokens (the one making this request too): it is refused from now on."""
    return _token_out(accounts.revoke_token(request.auth, token_id))


@shop.get("/me/identity/guard", response={200: s.IdentityGuardOut, **ERRORS})
def identity_guard(request):
    """Who else tried to order with your ID number, and unpaid orders other accounts hold on your quota."""
    cust = customer(request)
    return {"attempts": accounts.identity_attempts(cust), "holds": orders.foreign_holds(cust)}


@shop.post("/me/identity/release", response={200: s.ReleaseOut, **ERRORS})
def identity_release(request):
    """Cancel the unpaid orders other accounts placed with your ID number, giving your quota back."""
    return {"released": orders.release_foreign_holds(customer(request))}


@shop.get("/me", response={200: s.MeOut, **ERRORS})
def me(request):
    cust = customer(request)
    identity = getattr(cust, "identity", None)
    return {"customer_id": cust.id, "email": cust.user.email, "display_name": cust.display_name,
            "identity": f"{identity.real_name} {identity.id_masked}" if identity else None,
            "quota": orders.quota_usage(cust)}


# --- carts and quotes ------------------------------------------------------------------------
def _quote_out(brand, cust, items: list[Item]) -> dict:
    now = timezone.now()
    identity = getattr(cust, "identity", None) if cust else None
    used = quota_ledger.used(identity.id_hash, quota_year(now)) if identity else 0
    lines = [{"sku": i.listing.sku.code, "title": i.listing.sku.title, "quantity": i.quantity,
              "unit_price": i.listing.price, "goods_value": i.listing.price * i.quantity,
              "dutiable_value": i.listing.price * i.quantity, "duty": 0, "consumption_tax": 0, "vat": 0}
             for i in items]
    goods = sum((line["goods_value"] for line in lines), 0)
    if not items:
        return {"goods_value": 0, "freight": 0, "lines": []}
    try:
        quote = quote_items(brand, items, used, timezone.localdate(now))
    except LimitExceeded as exc:
        return {"goods_value": goods, "freight": 0, "lines": lines,
                "refusal": {"code": exc.code, "message": exc.message, "field": None}}
    out = {"regime": quote.regime, "goods_value": quote.goods_value, "freight": quote.freight,
           "tax_total": quote.tax_total, "actual_paid": quote.actual_paid,
           "annual_used_after": quote.annual_used_after, "lines": lines, "split": None}
    quotes = [quote]
    try:
        split = orders.preview(brand, cust, [(i.listing.sku.code, i.quantity) for i in items], now)
    except (DomainError, LimitExceeded):
        split = None  # out of stock now: the one-order quote stands, placement will say why
    if split is not None:
        # What the buyer pays is the split's: each customs order has its own freight and taxes.
        summary, quotes = orders.plan_summary(split), [planned.quote for planned in split.orders]
        out.update(regime=quotes[0].regime, annual_used_after=quotes[-1].annual_used_after, split=summary,
                   **{key: summary[key] for key in ("goods_value", "freight", "tax_total", "actual_paid")})
    taxes = {t.sku: t for q in quotes for t in q.lines}
    for line in lines:
        t = taxes[line["sku"]]
        line.update(dutiable_value=t.dutiable_value, duty=t.duty, consumption_tax=t.consumption_tax, vat=t.vat)
    return out


def _cart_out(cart, cust) -> dict:
    items = [Item(line.listing, line.quantity) for line in carts.lines(cart)]
    quote = _quote_out(cart.brand, cust, items)
    return {"id": str(cart.token), "brand": cart.brand.code, "lines": quote["lines"], "quote": quote}


def _cart(request, cart_id: str):
    try:
        import uuid

        token = uuid.UUID(cart_id)
    except ValueError:
        raise NotFound("cart_not_found", "No open cart with this id.", field="cart") from None
    return carts.cart_for(token, customer(request))


@shop.post("/brands/{code}/carts", response={201: s.CartOut, **ERRORS})
def open_cart(request, code: str):
    cust = customer(request)
    return Status(201, _cart_out(carts.open_cart(brand_by_code(code), cust), cust))


@shop.get("/carts/{cart_id}", response={200: s.CartOut, **ERRORS})
def get_cart(request, cart_id: str):
    return _cart_out(_cart(request, cart_id), customer(request))


@shop.post("/carts/{cart_id}/lines", response={201: s.CartOut, **ERRORS})
def add_line(request, cart_id: str, payload: s.CartLineIn):
    cart = _cart(request, cart_id)
    carts.add(cart, payload.sku, payload.quantity)
    return Status(201, _cart_out(cart, customer(request)))


@shop.put("/carts/{cart_id}/lines/{sku}", response={200: s.CartOut, **ERRORS})
def set_line(request, cart_id: str, sku: str, payload: s.CartLineUpdate):
    cart = _cart(request, cart_id)
    carts.update(cart, sku, payload.quantity)
    return _cart_out(cart, customer(request))


@shop.delete("/carts/{cart_id}/lines/{sku}", response={200: s.CartOut, **ERRORS})
def delete_line(request, cart_id: str, sku: str):
    cart = _cart(request, cart_id)
    carts.update(cart, sku, 0)
    return _cart_out(cart, customer(request))


# --- orders ----------------------------------------------------------------------------------
def _line_out(line) -> dict:
    return {"gnum": line.gnum, "sku": line.sku.code, "title": line.title, "quantity": line.quantity,
            "unit_price": line.unit_price, "goods_value": line.goods_value, "dutiable_value": line.dutiable_value,
            "duty": line.duty, "consumption_tax": line.consumption_tax, "vat": line.vat}


def _event_out(e) -> dict:
    return {"event": e.event, "from_status": e.from_status, "to_status": e.to_status, "actor": e.actor,
            "note": e.note, "created_at": e.created_at}


def order_out(order: Order) -> dict:
    """The order as the API shows it. A just-placed order carries its lines, events and warehouse code
    (orders.placement._write), so the response costs no read-back; any other order reads them."""
    placed_lines = getattr(order, "placed_lines", None)
    if placed_lines is not None:
        lines = [_line_out(line) for line in placed_lines]
        events = [_event_out(e) for e in order.placed_events]
    else:
        lines = [_line_out(line) for line in order.lines.select_related("sku")]
        events = list(order.events.values("event", "from_status", "to_status", "actor", "note", "created_at"))
    warehouse = getattr(order, "warehouse_code", "") or order.warehouse.code
    return {"number": order.number, "brand": order.brand.code, "status": order.status, "mode": order.mode,
            "regime": order.regime, "warehouse": warehouse, "goods_value": order.goods_value,
            "freight": order.freight, "discount": order.discount, "tax_total": order.tax_total,
            "actual_paid": order.actual_paid, "buyer_name": order.buyer_name, "buyer_id": order.buyer_id_masked,
            "consignee": order.consignee, "consignee_phone": order.consignee_phone_masked,
            "consignee_address": order.consignee_address_masked, "placed_at": order.placed_at,
            "expires_at": order.expires_at, "paid_at": order.paid_at, "lines": lines, "events": events,
            "purchase": orders.purchase_summary(order.purchase) if order.purchase_id else None}


@shop.post("/brands/{code}/orders", response={200: s.OrderOut, 201: s.OrderOut, **ERRORS})
@rate_limited("checkout", by="user")
def place_order(request, code: str, payload: s.OrderIn,
                idempotency_key: str = Header("", alias="Idempotency-Key")):
    """Place an order from `items` (or an open `cart` of this brand). Send an `Idempotency-Key`
    header: the same key again returns the same order (200) instead of placing another."""
    brand = brand_by_code(code)
    cust = customer(request)
    cart = None
    if payload.items:
        items = [(line.sku, line.quantity) for line in payload.items]
    elif payload.cart:
        cart = _cart(request, payload.cart)
        if cart.brand_id != brand.id:
            raise InvalidInput("cart_of_other_brand", "This cart belongs to another brand.", field="cart")
        items = [(line.listing.sku.code, line.quantity) for line in carts.lines(cart)]
    else:
        raise InvalidInput("empty_order", "Send `items` or a `cart`.", field="items")
    request_ = orders.PlaceOrder(
        brand=brand, items=items, consignee=orders.Consignee(**payload.consignee.dict()),
        buyer_name=payload.buyer.real_name, buyer_id_number=payload.buyer.id_number,
        risk_notice_accepted=payload.risk_notice_accepted, idempotency_key=idempotency_key,
        cart=cart)
    order, created = orders.place_order(cust, request_)
    return Status((201 if created else 200), order_out(order))


@shop.get("/orders", response={200: list[s.OrderSummary], **ERRORS})
def list_orders(request, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=1_000_000)):
    mine = Order.objects.for_customer(customer(request))[offset:offset + limit]
    return [{"number": o.number, "brand": o.brand.code, "status": o.status, "actual_paid": o.actual_paid,
             "placed_at": o.placed_at} for o in mine]


@shop.get("/orders/{number}", response={200: s.OrderOut, **ERRORS})
def get_order(request, number: str):
    return order_out(orders.customer_order(customer(request), number))


@shop.get("/purchases/{number}", response={200: s.PurchaseOut, **ERRORS})
def get_purchase(request, number: str):
    """A purchase (one checkout, paid once) with its customs orders: number, seller, warehouse, mode,
    goods, freight, tax and total of each."""
    return orders.purchase_summary(orders.customer_purchase(customer(request), number))


@shop.post("/orders/{number}/cancel", response={200: s.OrderOut, **ERRORS})
def cancel_order(request, number: str):
    """Cancel before customs release: at once, or (status `cancel_requested`) through a CEB623 whose
    receipt decides. After release: 409 `order_released_use_return` — request a return instead."""
    order = orders.customer_order(customer(request), number)
    returns.cancel_order(order, "customer", "cancelled by the buyer through the API")
    order.refresh_from_db()
    return order_out(order)


@shop.post("/orders/{number}/return", response={201: s.ReturnOut, **ERRORS})
def request_return(request, number: str, payload: s.ReturnIn):
    """Return some units of a delivered order (within 30 days of customs release)."""
    cust = customer(request)
    order = orders.customer_order(cust, number)
    quantities: dict[int, int] = {}
    for line in payload.lines:
        quantities[line.gnum] = quantities.get(line.gnum, 0) + line.quantity
    returns.request_return(cust, order, quantities, payload.reason)
    return Status(201, returns.buyer_view(order)["return"])


@shop.get("/orders/{number}/return", response={200: s.ReturnOut, **ERRORS})
def get_return(request, number: str):
    """The order's return and where it stands (requested, declared to customs, completed, refused)."""
    view = returns.buyer_view(orders.customer_order(customer(request), number))["return"]
    if view is None:
        raise NotFound("no_return", "This order has no return.", field="order")
    return view


@shop.post("/orders/{number}/payments", response={201: s.PaymentOut, **ERRORS})
def start_payment(request, number: str, provider_code: str = Query("", alias="provider")):
    payment = payments.start(orders.customer_order(customer(request), number), provider_code or default_code())
    return Status(201, {"reference": payment.reference, "provider": payment.provider, "amount": payment.amount,
                        "status": payment.status, "pay_url": urljoin(settings.PUBLIC_BASE_URL, payment.pay_url)})


@payments_router.post("/{provider_code}/callback", response={200: s.CallbackOut, **ERRORS})
def payment_callback(request, provider_code: str):
    """Provider → haitao notification. The body is verified against the provider's signature before
    anything in it is believed (forged, tampered or stale: 401; malformed: 400); a repeated event
    returns outcome `duplicate` and changes nothing. Answered the way each provider expects."""
    prov = provider(provider_code)
    return prov.acknowledge(payments.handle_callback(provider_code, request.body, request.headers))


@customs_router.post("/platDataOpen", response={200: dict, **ERRORS})
def customs_payment_data_request(request):
    """海关总署公告2018年第179号: customs asks for the payment data behind an order (form field
    ``openReq``: JSON ``{"orderNo", "sessionID", "serviceTime"}``). Acknowledged at once; the worker
    uploads the signed answer built from what the payment provider actually exchanged."""
    try:
        open_req = json.loads(request.POST.get("openReq") or request.body or b"{}")
    except ValueError:
        open_req = None
    if not isinstance(open_req, dict):
        raise DomainError("malformed_request", "openReq is not a JSON object.", field="openReq")
    payments.receive_data_request(str(open_req.get("sessionID") or ""), str(open_req.get("orderNo") or ""))
    return {"code": "10000", "message": "", "serviceTime": int(time.time() * 1000)}


# --- operators -------------------------------------------------------------------------------
@operator.get("/orders", response={200: list[s.OrderSummary], **ERRORS})
def operator_orders(request, status: str = "", brand: str = "", limit: int = Query(50, ge=1, le=500)):
    operators.require(request.auth, "orders.view_order")
    qs = operators.scoped(Order.objects.select_related("brand"), request.auth)
    if status:
        qs = qs.filter(status=status)
    if brand:
        qs = qs.filter(brand__code=brand)
    return [{"number": o.number, "brand": o.brand.code, "status": o.status, "actual_paid": o.actual_paid,
             "placed_at": o.placed_at} for o in qs[:limit]]


def _stock_out(st) -> dict:
    return {"warehouse": st.warehouse.code, "sku": st.sku.code, "on_hand": st.on_hand, "allocated": st.allocated,
            "available": st.available}


@operator.get("/stock", response={200: list[s.StockOut], **ERRORS})
def operator_stock(request, sku: str = "", warehouse: str = "", limit: int = Query(100, ge=1, le=1000)):
    operators.require(request.auth, "inventory.view_stock")
    qs = operators.scoped(Stock.objects.select_related("warehouse", "sku"), request.auth)
    if sku:
        qs = qs.filter(sku__code=sku)
    if warehouse:
        qs = qs.filter(warehouse__code=warehouse)
    return [_stock_out(st) for st in qs[:limit]]


@operator.put("/stock", response={200: s.StockOut, **ERRORS})
def operator_set_stock(request, payload: s.StockAdjustIn):
    from haitao.inventory.services import set_on_hand

    operators.require(request.auth, "inventory.change_stock")
    operators.require_all_brands(request.auth)  # stock rows are shared by every brand
    before = Stock.objects.filter(warehouse__code=payload.warehouse, sku__code=payload.sku).first()
    st = set_on_hand(payload.warehouse, payload.sku, payload.on_hand)
    operators.audit(request.auth, "stock", "set_on_hand", st, via="api",
                    detail={"before": before.on_hand if before else None, "after": st.on_hand})
    return _stock_out(st)


@operator.post("/orders/expire", response={200: s.ExpireOut, **ERRORS})
def operator_expire(request):
    operators.require(request.auth, "orders.change_order")
    ids = operators.brand_ids(request.auth)
    expired = orders.expire_unpaid(brand_ids=ids)
    operators.audit(request.auth, "money", "expire_unpaid", None, via="api", target_type="orders.Order",
                    detail={"expired": expired, "brands": sorted(ids) if ids is not None else "all"})
    return {"expired": expired}


@operator.post("/orders/{number}/refunds", response={201: s.RefundOut, **ERRORS})
def operator_refund(request, number: str, payload: s.RefundIn):
    """Give back part or all of a paid order, within the operator's own refund limit."""
    operators.require(request.auth, "operators.refund_order")
    order = operators.scoped(Order.objects.select_related("brand"), request.auth).filter(number=number).first()
    if order is None:
        raise NotFound("order_not_found", _("No such order in your brands."), field="number")
    limit = operators.refund_limit(request.auth)
    if payload.amount > limit:
        raise Forbidden("refund_over_limit", _("Your refund limit is %(limit)s; ask a colleague with a higher "
                                               "limit.") % {"limit": limit}, "amount", limit=str(limit))
    row = payments.refund(order, payload.amount, payload.reason, payload.key)
    operators.audit(request.auth, "money", "refund", order, via="api",
                    detail={"amount": str(row.amount), "refund": row.reference, "key": payload.key})
    return Status(201, {"reference": row.reference, "order": order.number, "amount": row.amount,
                        "status": row.status})


api.add_router("/v1", public)
api.add_router("/v1/auth", auth_router)
api.add_router("/v1", shop)
api.add_router("/v1/payments", payments_router)
api.add_router("/v1/customs", customs_router)
api.add_router("/v1/operator", operator)
