"""Every /api/ answer has the API's error shape, including the ones made before a view runs:
an unknown path (Django's 404 page), a method the path does not take (ninja's plain-text 405), a
body Django refuses to read (too large: its HTML 400), and Django's HTML 500 for an exception raised
outside the API's own handlers (in a middleware). 414 and 431 come from gunicorn before Django runs:
haitao.common.gunicorn_worker answers those."""

import json

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

API_PREFIX = "/api/"
CODES = {
    400: ("bad_request", "The request could not be read (is the body larger than the limit, or malformed?)."),
    404: ("not_found", "No such API path; see /api/openapi.json."),
    405: ("method_not_allowed", "This path does not take this method; see /api/openapi.json."),
    413: ("request_too_large", "The request body is larger than the limit."),
    414: ("uri_too_long", "The request line is longer than the server accepts."),
    429: ("throttled", "Too many requests; retry after the time in Retry-After."),
    431: ("headers_too_large", "The request headers are larger than the server accepts."),
    500: ("internal_error", "Something went wrong on our side; it has been logged."),
}


class ApiErrorShapeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code in CODES and request.path.startswith(API_PREFIX)
                and not response.get("Content-Type", "").startswith("application/json")):
            code, message = CODES[response.status_code]
            reshaped = HttpResponse(json.dumps({"error": {"code": code, "message": message, "field": None}}),
                                    status=response.status_code, content_type="application/json")
            for header in ("Allow", "Retry-After"):
                if response.has_header(header):
                    reshaped[header] = response[header]
            return reshaped
        return response


class ApiLanguageMiddleware:
    """API messages follow the client's Accept-Language; without one they stay English (the API's
    documented language), whatever the site default or a browser's language cookie says. Codes never
    change. Sits after LocaleMiddleware, which would otherwise pick the site default, Chinese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        language = "en"
        for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
            if code == "*":
                break
            try:
                language = translation.get_supported_language_variant(code)
                break
            except LookupError:
                continue
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
