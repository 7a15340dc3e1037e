"""Input hygiene at the edge, before any view or session lookup runs.

- A NUL anywhere (path, query string, header, cookie, form or JSON body) is a 400: PostgreSQL refuses
  NUL in text, so letting one through turns the first query that sees it into a 500.
- Under /api/, a JSON string (or key) holding another refused character (see common.text) is a 422
  naming the field, for every endpoint at once; storefront forms are checked by the services they call.
"""

import json
from urllib.parse import unquote_plus

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http.multipartparser import MultiPartParserError
from django.http import HttpResponse, JsonResponse

from .text import find_bad_text

API_PREFIX = "/api/"
JSON_TYPES = ("application/json",)
FORM_TYPE = "application/x-www-form-urlencoded"
MULTIPART_TYPE = "multipart/form-data"


def _nul_in_json(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any("\x00" in k or _nul_in_json(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_nul_in_json(v) for v in value)
    return False


class InputHygieneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_api = request.path_info.startswith(API_PREFIX)
        where = self._nul_outside_body(request)
        body = None
        if where is None and request.method in ("POST", "PUT", "PATCH", "DELETE"):
            body, where = self._read_body(request)
        if where is not None:
            return self._refuse(is_api, 400, "nul_character", f"The {where} contains a NUL character.", where)
        if is_api and body is not None:
            field = find_bad_text(body)
            if field is not None:
                return self._refuse(True, 422, "invalid_characters",
                                    f"{field} contains a control character, an unpaired surrogate or a "
                                    "Unicode noncharacter.", field)
        return self.get_response(request)

    @staticmethod
    def _nul_outside_body(request) -> str | None:
        if "\x00" in request.path_info or "%00" in request.META.get("RAW_URI", ""):
            return "path"
        if "\x00" in unquote_plus(request.META.get("QUERY_STRING", "")):
            return "query"
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
                return "header"
        if "\x00" in unquote_plus(request.META.get("HTTP_COOKIE", "")):  # a session key is looked up in SQL
            return "cookie"
        return None

    @staticmethod
    def _read_body(request):
        """(parsed JSON body or None, where a NUL was found or None)."""
        content_type = request.content_type or ""
        if content_type == MULTIPART_TYPE:  # the fields, not the files (a file may hold any byte)
            try:
                fields = request.POST
            except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent):
                return None, None  # Django answers these itself with a 400
            nul = any("\x00" in key or any("\x00" in v for v in values) for key, values in fields.lists())
            return None, ("form" if nul else None)
        if content_type not in JSON_TYPES and content_type != FORM_TYPE:
            return None, None
        try:
            raw = request.body
        except RequestDataTooBig:
            return None, None  # Django answers this itself (ApiErrorShapeMiddleware shapes it under /api/)
        if content_type == FORM_TYPE:
            return None, ("form" if "\x00" in unquote_plus(raw.decode("latin-1")) else None)
        if b"\x00" in raw:
            return None, "body"
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            return None, None  # the API answers malformed JSON with its own 400
        return body, ("body" if _nul_in_json(body) else None)

    @staticmethod
    def _refuse(is_api: bool, status: int, code: str, message: str, field: str) -> HttpResponse:
        if is_api:
            return JsonResponse({"error": {"code": code, "message": message, "field": field}}, status=status)
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
