"""The sandbox payment provider's hosted page. Neutral, not brand-styled: it stands for Alipay or
WeChat Pay. Paying makes this server act as the provider's: it builds the signed callback and hands
it to the same handler the public callback endpoint uses."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.contrib.auth.decorators import login_required

from haitao.payments.models import Payment
from haitao.payments.providers import SandboxProvider
from haitao.payments.services import handle_callback

from ..storefront import current_customer, localised, render_page


@localised()
@login_required
def sandbox_pay(request, reference):
    if not settings.PAYMENT_SANDBOX:  # production: the sandbox does not exist
        raise Http404("no such page")
    payment = Payment.objects.select_related("order", "order__brand").filter(
        reference=reference, provider=SandboxProvider.code).first()
    if payment is None or payment.order.customer_id != current_customer(request).id:
        raise Http404("no such payment")
    order = payment.order
    if request.method == "POST" and payment.status == Payment.Status.PENDING:
        status = "succeeded" if "pay" in request.POST else "cancelled"
        body, signature = SandboxProvider().callback_for(payment, status=status)
        handle_callback(SandboxProvider.code, body, {SandboxProvider.signature_header: signature})
        return redirect("web:order", brand_code=order.brand.code, number=order.number)
    return render_page(request, "web/sandbox_pay.html",
                       {"payment": payment, "order": order, "provider": SandboxProvider()})
