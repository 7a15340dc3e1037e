"""Throttled raised by a Django view (storefront, admin sign-in) becomes a 429 with Retry-After; the
API's own exception handler answers it under /api/ with the error body."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

from haitao.common.errors import Throttled


class ThrottledMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Throttled):
            return None
        if request.path_info.startswith("/api/"):
            response = HttpResponse(json.dumps({"error": exception.as_dict()}), content_type="application/json",
                                    status=429)
        else:
            text = _("Too many attempts. Please wait %(seconds)s seconds and try again.") % {
                "seconds": exception.retry_after}
            response = HttpResponse(text, content_type="text/plain; charset=utf-8", status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response
