"""A buyer's order page (pay, cancel, status history) and the account page across all brands."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.views.decorators.http import require_POST

from haitao.common.errors import DomainError, NotFound
from haitao.declarations.services import buyer_view
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.payments.providers import default_code
from haitao.returns import services as returns

from ..presenters import RETURN_LABELS, error_text, status_label
from ..storefront import current_customer, render_page, storefront


def _own_order(request, brand, number) -> Order:
    try:
        order = orders.customer_order(current_customer(request), number)
    except NotFound:
        raise Http404("no such order in your account") from None
    if order.brand_id != brand.id:
        raise Http404("this order belongs to another storefront")
    return order


@storefront
@login_required
def order_page(request, brand, number):
    order = _own_order(request, brand, number)
    events = [{"event": e, "label": status_label(e.to_status)} for e in order.events.all()]
    customs = buyer_view(order)
    english = translation.get_language() == "en"
    context = {"order": order, "lines": order.lines.select_related("sku"), "events": events,
               "status_label": status_label(order.status),
               "customs_explanation": customs["customs_explanation_en" if english else "customs_explanation"],
               "waybill": customs["waybill"],
               "tracking": [{"at": t["at"], "text": t["description_en" if english else "description"]}
                            for t in customs["tracking"]],
               "payable": order.status == Status.PENDING_PAYMENT,
               "purchase": orders.purchase_summary(order.purchase) if order.purchase_id else None}
    context.update(_way_back(order, english))
    return render_page(request, "web/order.html", context, brand)


def _way_back(order, english: bool) -> dict:
    """Cancel (before release) and return (after release) for the order page."""
    view = returns.buyer_view(order)
    ret = view["return"]
    if ret is not None:
        ret = {**ret, "label": str(RETURN_LABELS.get(ret["status"], ret["status"])),
               "why": ret["message_en" if english else "message"]}
    return {"can_cancel": view["can_cancel"] and order.status != Status.PENDING_PAYMENT,
            "can_return": view["can_return"], "return_deadline": view["return_deadline"], "ret": ret}


@storefront
@login_required
@require_POST
def order_pay(request, brand, number):
    order = _own_order(request, brand, number)
    try:
        payment = payments.start(order, request.POST.get("provider") or default_code())
    except DomainError as exc:
        messages.error(request, error_text(exc))
        return redirect("web:order", brand_code=brand.code, number=number)
    return redirect(payment.pay_url)


@storefront
@login_required
@require_POST
def order_cancel(request, brand, number):
    order = _own_order(request, brand, number)
    try:
        returns.cancel_order(order, "customer", "cancelled by the buyer in the storefront")
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("web:order", brand_code=brand.code, number=number)


@storefront
@login_required
@require_POST
def order_return(request, brand, number):
    """The return form: ``qty_<gnum>`` units per line and a ``reason``."""
    order = _own_order(request, brand, number)
    quantities = {}
    for line in order.lines.all():
        raw = request.POST.get(f"qty_{line.gnum}", "0").strip() or "0"
        quantities[line.gnum] = int(raw) if raw.isdigit() else -1
    try:
        returns.request_return(current_customer(request), order, quantities, request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("web:order", brand_code=brand.code, number=number)


@storefront
@login_required
def account(request, brand):
    customer = current_customer(request)
    rows = [{"order": o, "status_label": status_label(o.status)}
            for o in Order.objects.for_customer(customer).order_by("-placed_at")]
    context = {"customer": customer, "rows": rows, "quota": orders.quota_usage(customer),
               "identity": getattr(customer, "identity", None)}
    return render_page(request, "web/account.html", context, brand)
