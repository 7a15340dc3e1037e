from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Cart, CartLine


class CartLineInline(admin.TabularInline):
    model = CartLine
    extra = 0
    fields = ("listing", "quantity")
    autocomplete_fields = ("listing",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("listing__brand", "listing__sku")


@admin.register(Cart)
class CartAdmin(admin.ModelAdmin):
    list_display = ("token", "brand", "customer", "line_count", "checked_out", "created_at", "updated_at")
    list_filter = ("checked_out", "brand", ("customer", admin.EmptyFieldListFilter))
    list_select_related = ("brand", "customer__user")
    search_fields = ("token", "customer__user__email", "customer__display_name")
    date_hierarchy = "updated_at"
    fields = ("token", "brand", "customer", "checked_out", "created_at", "updated_at")
    readonly_fields = ("token", "brand", "customer", "created_at", "updated_at")
    inlines = (CartLineInline,)

    def has_add_permission(self, request):
        return False  # carts are made by shoppers

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_line_count=Count("lines"))

    @admin.display(description=_("lines"), ordering="_line_count")
    def line_count(self, obj):
        return obj._line_count


@admin.register(CartLine)
class CartLineAdmin(admin.ModelAdmin):
    list_display = ("cart", "listing", "quantity")
    list_filter = ("cart__brand", "cart__checked_out")
    list_select_related = ("cart__brand", "listing__brand", "listing__sku")
    search_fields = ("cart__token", "listing__sku__code", "listing__sku__title_en")
    autocomplete_fields = ("listing",)
    readonly_fields = ("cart",)

    def has_add_permission(self, request):
        return False
