from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Brand, Merchant


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "kind", "price_display", "default_language", "host", "active")
    list_filter = ("active", "kind", "price_display", "default_language")
    search_fields = ("code", "name", "name_en", "host")
    fieldsets = (
        (None, {"fields": ("code", "name", "name_en", "kind", "active")}),
        (_("Storefront"), {"fields": ("tagline", "tagline_en", "theme", "primary_color", "accent_color", "host",
                                   "default_language", "price_display")}),
        (_("Cross-border risk notice"), {"fields": ("risk_notice", "risk_notice_en")}),
        (_("Freight"), {"fields": ("freight_flat", "free_freight_over")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # The code appears in URLs, carts and order history: fixed once the brand exists.
        return ("code",) if obj is not None else ()


@admin.register(Merchant)
class MerchantAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "country", "ebc_code", "ebc_name", "currency")
    list_filter = ("kind", "country", "currency")
    search_fields = ("code", "name", "ebc_code", "ebc_name")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()
