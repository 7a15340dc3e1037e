from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from haitao.common.errors import DomainError

from . import services
from .models import Brand, Merchant


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "kind", "price_display", "default_language", "host", "active")
    list_filter = ("active", "kind", "price_display", "default_language")
    search_fields = ("code", "name", "name_en", "host")
    fieldsets = (
        (None, {"fields": ("code", "name", "name_en", "kind", "active", "activated_at", "activated_by")}),
        (_("Storefront"), {"fields": ("tagline", "tagline_en", "theme", "primary_color", "accent_color", "contrast",
                                   "host", "default_language", "price_display")}),
        (_("Cross-border risk notice"), {"fields": ("risk_notice", "risk_notice_en")}),
        (_("Freight"), {"fields": ("freight_flat", "free_freight_over")}),
    )

    actions = ["activate", "deactivate"]

    def get_readonly_fields(self, request, obj=None):
        # The code appears in URLs, carts and order history: fixed once the brand exists. Whether
        # buyers see it changes through the actions (brands.services), which record who and when.
        if obj is None:
            return ("activated_at", "activated_by", "contrast")
        return ("code", "active", "activated_at", "activated_by", "contrast")

    @admin.display(description=_("text contrast (WCAG, >= 4.5)"))
    def contrast(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return "; ".join(f"{where} {ratio}:1" for where, _fg, _bg, ratio in services.brand_contrast(obj))

    def _each(self, request, queryset, change, done: str):
        for brand in queryset:
            try:
                change(brand.code, actor=f"operator:{request.user.get_username()}")
            except DomainError as exc:
                self.message_user(request, f"{brand.code}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{brand.code}: {done}", messages.SUCCESS)

    @admin.action(description=_("Activate: buyers see the storefront and API"))
    def activate(self, request, queryset):
        self._each(request, queryset, services.activate_brand, _("active, visible to buyers"))

    @admin.action(description=_("Deactivate: hide from buyers"))
    def deactivate(self, request, queryset):
        self._each(request, queryset, services.deactivate_brand, _("inactive, hidden from buyers"))


@admin.register(Merchant)
class MerchantAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "country", "ebc_code", "ebc_name", "currency")
    list_filter = ("kind", "country", "currency")
    search_fields = ("code", "name", "ebc_code", "ebc_name")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()
