"""The storefront's "page not found": inside the brand's layout and language under /s/<brand>/, a plain
haitao page listing the storefronts elsewhere. Installed as `handler404` in haitao/urls.py, so it also
serves the Http404 a view raises (unknown product, another storefront's order…), with status 404."""

from django.conf import settings
from django.views.defaults import page_not_found

from haitao.brands.models import Brand

from ..storefront import brand_from_next, render_page, use_language

# Not storefront pages: the API, the admin, the dashboard and static files keep Django's own 404.
OTHER_AREAS = ("/api/", "/admin/", "/ops/", settings.STATIC_URL)


def not_found(request, exception=None):
    if request.path_info.startswith(OTHER_AREAS):
        return page_not_found(request, exception)
    brand = brand_from_next(request.path_info)
    use_language(request, brand.default_language if brand is not None else settings.LANGUAGE_CODE)
    brands = [] if brand is not None else list(Brand.objects.filter(active=True))
    return render_page(request, "web/404.html", {"brands": brands}, brand, status=404)
