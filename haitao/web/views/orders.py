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
from haitao.orders.states import IllegalTransition, Status
from haitao.payments import services as payments
from haitao.payments.providers import default_code

from ..presenters import error_text, status_label
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
               "payable": order.status == Status.PENDING_PAYMENT}
    return render_page(request, "web/order.html", context, brand)


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
        orders.cancel(order, "customer", "cancelled by the buyer in the storefront")
    except IllegalTransition:
        messages.error(request, error_text(DomainError("order_not_payable", "")))
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
