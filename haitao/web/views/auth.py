"""Shared account pages: one account works in every brand. They wear the look of the storefront
the buyer came from (the brand in `next`)."""

from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haitao.accounts.services import customer_of, register
from haitao.common.errors import DomainError, Throttled
from haitao.throttle.decorators import rate_limited

from ..presenters import error_text
from ..storefront import brand_from_next, claim_session_carts, localised, render_page, use_language


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return "/"
    return target


def _signed_in(request, user):
    login(request, user)
    claim_session_carts(request, customer_of(user))
    return redirect(_next(request))


def _form(request, template, errors, values, notice=None):
    target = _next(request)
    brand = brand_from_next(target)
    if brand is not None and "haitao_lang" not in request.session:
        use_language(request, brand.default_language)
    # signin_next: the header's "Sign in" link keeps this page's `next` instead of pointing back here
    context = {"next": target, "signin_next": target, "errors": errors, "values": values, "notice": notice}
    return render_page(request, template, context, brand, status=422 if errors else 200)


@localised()
def login_view(request):
    if request.method == "POST":
        email = request.POST.get("email", "").strip().lower()
        try:
            user = authenticate(request, username=email, password=request.POST.get("password", ""))
        except Throttled as exc:
            response = _form(request, "web/login.html", {"form": error_text(exc)}, {"email": email})
            response.status_code, response["Retry-After"] = 429, str(exc.retry_after)
            return response
        if user is not None:
            return _signed_in(request, user)
        return _form(request, "web/login.html", {"form": _("Email or password is not correct.")},
                     {"email": email})
    email = request.session.pop("registered_email", None)
    notice = _("If this address was new, your account is ready: sign in with the password you chose. "
               "If it already had an account, sign in with that account's password.") if email else None
    return _form(request, "web/login.html", {}, {"email": email or ""}, notice=notice)


@rate_limited("register", methods=("POST",))
@localised()
def register_view(request):
    if request.method == "POST":
        email = request.POST.get("email", "").strip()
        brand = brand_from_next(_next(request))
        try:
            register(email, request.POST.get("password", ""), request.POST.get("display_name", ""),
                     brand=brand, language=request.LANGUAGE_CODE)
        except DomainError as exc:
            return _form(request, "web/register.html", {exc.field or "form": error_text(exc)},
                         {"email": email, "display_name": request.POST.get("display_name", "")})
        # The same answer whether the address was new or already had an account (no enumeration):
        # sign in next, with the password just chosen (or the existing account's).
        request.session["registered_email"] = email.lower()
        return redirect(f"{reverse('web:login')}?{urlencode({'next': _next(request)})}")
    return _form(request, "web/register.html", {}, {})


@require_POST
def logout_view(request):
    target = _next(request)
    language = request.session.get("haitao_lang")
    logout(request)
    if language:
        request.session["haitao_lang"] = language
    return redirect(target)
