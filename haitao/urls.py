from django.contrib import admin
from django.urls import include, path

from haitao.api.app import api

admin.site.site_header = "haitao operator console"
admin.site.site_title = "haitao"

urlpatterns = [
    path("ops/", include("haitao.ops.urls")),
    path("merchant/", include("haitao.marketplace.urls")),  # the merchant portal (docs/marketplace.md)
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("haitao.web.urls")),
]

handler404 = "haitao.web.views.errors.not_found"  # storefront 404s in the brand's layout and language
