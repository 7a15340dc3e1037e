"""The REST API: /api/v1/…, token auth, OpenAPI 3 at /api/openapi.json, errors as
`{"error": {"code", "message", "field"}}` with a 4xx status — never a 500 for bad input."""

import logging

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, RawPostDataException
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from haitao.common.errors import DomainError, Throttled
from haitao.orders.states import IllegalTransition

api = NinjaAPI(title="haitao API", version="1",
               description="Cross-border import commerce: brands, catalog, carts, CBEC checkout, orders, payments.",
               urls_namespace="api", openapi_url="/openapi.json", docs_url="/docs")


def error(request, status: int, code: str, message: str, field=None, **details):
    return api.create_response(request, {"error": {"code": code, "message": message, "field": field, **details}},
                               status=status)


log = logging.getLogger(__name__)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    body = exc.as_dict()
    if not get_language().startswith("en"):
        # The buyer-facing sentences the storefront already has, in the client's language.
        from haitao.web.presenters import error_text

        body["message"] = error_text(exc)
    response = api.create_response(request, {"error": body}, status=exc.status)
    if isinstance(exc, Throttled):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(IllegalTransition)
def _illegal_transition(request, exc: IllegalTransition):
    return error(request, 409, "illegal_transition", str(exc), "status")


def _field_of(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "payload")]
    out = ""
    for part in parts:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out or None


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    field = _field_of(first.get("loc", ()))
    message = first.get("msg", "invalid request")
    return error(request, 422, "invalid_request", f"{field}: {message}" if field else message, field,
                 errors=[{"field": _field_of(e.get("loc", ())), "message": e.get("msg")} for e in exc.errors])


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return error(request, 401, "unauthorized", _("Send 'Authorization: Bearer <token>' (POST /api/v1/auth/token)."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return error(request, 400, "malformed_json", _("The request body is not valid JSON."))
    codes = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 429: "throttled"}
    return error(request, exc.status_code, codes.get(exc.status_code, "bad_request"), str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error(request, 404, "not_found", _("No such resource."))


@api.exception_handler(Exception)
def _uncaught(request, exc):
    """A bug is still answered in the API's shape; the traceback goes to the (masked) log. What
    Django itself answers with a 4xx (a body over the limit, too many fields) stays a 4xx."""
    if isinstance(exc, (SuspiciousOperation, MultiPartParserError, RawPostDataException)):
        return error(request, 400, "bad_request", "The request could not be read (is the body larger than the limit?).")
    if isinstance(exc, PermissionDenied):
        return error(request, 403, "forbidden", "Not allowed.")
    log.exception("uncaught exception in %s %s", request.method, request.path)
    return error(request, 500, "internal_error", "Something went wrong on our side; it has been logged.")


from . import merchant, routes  # noqa: E402,F401  (registers the routers on `api`)
