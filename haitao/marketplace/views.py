"""The merchant portal's pages under /merchant/: sign-in, offers, orders, returns, settlements (with
their statements) and API tokens. Each page asks marketplace.services.portal_member first: anyone
who is not an active member with a known role is refused (403; signed out: to the sign-in page), and
every read is cut to the member's merchant by marketplace.portal."""

from functools import wraps

from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haitao.common.errors import DomainError, Forbidden, NotFound

from . import portal, services
from .models import MerchantToken


def member_page(area: str):
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect(f"{reverse('merchant:login')}?next={request.path}")
            try:
                member = services.portal_member(request.user)
                services.require_area(member, area)
                return view(request, member, *args, **kwargs)
            except Forbidden as exc:
                return HttpResponse(exc.message, status=403, content_type="text/plain; charset=utf-8")
            except NotFound as exc:
                return HttpResponseNotFound(exc.message, content_type="text/plain; charset=utf-8")
        return wrapper
    return decorate


def login_view(request):
    error, status = "", 200
    if request.method == "POST":
        try:
            user = authenticate(request, username=request.POST.get("username", ""),
                                password=request.POST.get("password", ""))
            if user is None:
                raise Forbidden("bad_credentials", _("Wrong username or password."))
            services.portal_member(user)  # refused before a session exists: operators and buyers sign in elsewhere
        except DomainError as exc:
            error, status = exc.message, exc.status if exc.status in (403, 429) else 403
        else:
            login(request, user)
            target = request.GET.get("next", "")
            return redirect(target if target.startswith("/merchant/") else reverse("merchant:offers"))
    return render(request, "marketplace/login.html", {"error": error}, status=status)


@require_POST
def logout_view(request):
    logout(request)
    return redirect("merchant:login")


@member_page("offers")
def offers(request, member):
    return render(request, "marketplace/offers.html", {"member": member, "offers": portal.offers(member.merchant)})


@member_page("orders")
def orders(request, member):
    return render(request, "marketplace/orders.html", {"member": member, "orders": portal.orders(member.merchant)})


@member_page("orders")
def order(request, member, number):
    return render(request, "marketplace/order.html", {"member": member, "order": portal.order(member.merchant, number)})


@member_page("returns")
def returns(request, member):
    return render(request, "marketplace/returns.html", {"member": member, "returns": portal.returns(member.merchant)})


@member_page("settlements")
def settlements(request, member):
    return render(request, "marketplace/settlements.html",
                  {"member": member, "settlements": portal.settlements(member.merchant)})


@member_page("settlements")
def settlement(request, member, period):
    return render(request, "marketplace/settlement.html",
                  {"member": member, "s": portal.settlement(member.merchant, period)})


@member_page("settlements")
def statement(request, member, period, fmt):
    from .statement import to_csv
    from .statement_pdf import to_pdf

    if fmt not in ("csv", "pdf"):
        raise NotFound("not_found", "csv or pdf")
    row = portal.settlement_of(member.merchant, period)
    body, kind = (to_csv(row), "text/csv; charset=utf-8") if fmt == "csv" else (to_pdf(row), "application/pdf")
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="ST-{member.merchant.code}-{row.period}.{fmt}"'
    return response


@member_page("tokens")
def tokens(request, member):
    raw = ""
    if request.method == "POST":
        if request.POST.get("action") == "issue":
            raw = services.issue_token(member, request.POST.get("name", "") or "portal")
        elif request.POST.get("action") == "revoke" and request.POST.get("token", "").isdigit():
            services.revoke_token(member, int(request.POST["token"]))
    rows = MerchantToken.objects.filter(merchant_user=member)[:50]
    return render(request, "marketplace/tokens.html", {"member": member, "tokens": rows, "raw": raw})
