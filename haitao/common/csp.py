"""Content-Security-Policy on every HTML answer (storefront, admin, /ops/, Swagger UI).

A small middleware rather than a dependency: the policy is one string from settings with a fresh
nonce per response. Scripts and style sheets come from our own origin; the two inline <style>
blocks we render (a brand's colours, the /ops/ page) carry the nonce; style *attributes* (a brand
tile's colour, the admin's widgets) are allowed by `style-src-attr` — they cannot run script.
"""

import secrets

from django.conf import settings
from django.utils.functional import SimpleLazyObject


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = SimpleLazyObject(lambda: secrets.token_urlsafe(16))
        request.csp_nonce = nonce  # templates: <style nonce="{{ request.csp_nonce }}">
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and not response.has_header("Content-Security-Policy"):
            header = "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
            response[header] = policy.replace("{nonce}", str(nonce))
        return response
