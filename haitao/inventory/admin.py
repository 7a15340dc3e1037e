"""Warehouses and stock. `allocated` is never edited here; `on_hand` changes only through
inventory.services.set_on_hand, which refuses to go below what is allocated (docs/rules.md, invariant 1)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext

from haitao.accounts.admin import ReadOnlyAdmin
from haitao.catalog.admin import SkuAdmin
from haitao.common.errors import DomainError

from . import services
from .models import Allocation, Stock, StockMovement, Warehouse


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "kind", "mode", "country", "city", "customs_code", "port_code", "ems_no",
                    "priority", "active")
    list_filter = ("kind", "active", "country", "customs_code")
    search_fields = ("code", "name", "name_en", "city", "ems_no", "area_code")

    def get_readonly_fields(self, request, obj=None):
        return ("code", "kind") if obj is not None else ()


# A stock count an operator may type: far above any real warehouse, far below the column's limit
# (PositiveIntegerField: 2,147,483,647), so a typo is a form error, never a database error.
MAX_ON_HAND = 10_000_000


class StockForm(forms.ModelForm):
    set_on_hand = forms.IntegerField(
        min_value=0, max_value=MAX_ON_HAND, required=False, label=_("Set on hand to"),
        help_text=_("A stock count. It cannot fall below the units already allocated to orders."))

    class Meta:
        model = Stock
        fields = ("warehouse", "sku", "owner", "item_record_no")

    def clean_set_on_hand(self):
        value = self.cleaned_data.get("set_on_hand")
        if value is not None and self.instance.pk and value < self.instance.allocated:
            raise forms.ValidationError(gettext("%(n)d units are allocated to orders; on hand cannot be set below "
                                                "that.") % {"n": self.instance.allocated})
        return value


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    form = StockForm
    list_display = ("sku", "warehouse", "owner", "on_hand", "allocated", "available", "quarantined", "item_record_no")
    list_filter = ("warehouse", "warehouse__kind", "owner", "sku__category")
    list_select_related = ("sku", "warehouse", "owner")
    search_fields = ("sku__code", "sku__title", "sku__title_en", "sku__gtin", "warehouse__code", "item_record_no")
    autocomplete_fields = ("sku",)

    def get_fields(self, request, obj=None):
        return ("warehouse", "sku", "owner", "on_hand", "allocated", "available", "set_on_hand", "item_record_no")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "owner" in form.base_fields:  # left empty: the merchant listing the SKU (services.default_owner)
            form.base_fields["owner"].required = False
        return form

    def get_readonly_fields(self, request, obj=None):
        fixed = ("warehouse", "sku", "owner") if obj is not None else ()
        return (*fixed, "on_hand", "allocated", "available")

    def save_model(self, request, obj, form, change):
        if change:
            # Never write the whole row: `allocated` may have moved since the form was read.
            obj.save(update_fields=["item_record_no"])
        else:
            if obj.owner_id is None:
                obj.owner = services.default_owner(obj.sku, obj.warehouse)
            obj.save()
        count = form.cleaned_data.get("set_on_hand")
        if count is None:
            return
        try:
            stock = services.set_on_hand(obj.warehouse.code, obj.sku.code, count, owner=obj.owner)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        else:
            obj.on_hand, obj.allocated = stock.on_hand, stock.allocated
            self.message_user(request, gettext("On hand of %(sku)s in %(warehouse)s set to %(n)d.") % {
                "sku": obj.sku.code, "warehouse": obj.warehouse.code, "n": stock.on_hand})


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ("order_number", "stock", "quantity", "released", "shipped")
    list_filter = ("released", "shipped", "stock__warehouse")
    list_select_related = ("order_line__order", "stock__sku", "stock__warehouse", "stock__owner")
    search_fields = ("order_line__order__number", "stock__sku__code")

    @admin.display(description=_("order"), ordering="order_line__order__number")
    def order_number(self, obj):
        return obj.order_line.order.number


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdmin):
    """The account book: written only with the stock change it records (inventory.services)."""

    list_display = ("stock", "kind", "quantity", "order_line", "note", "created_at")
    list_filter = ("kind", "stock__warehouse", "stock__owner")
    list_select_related = ("stock__sku", "stock__warehouse", "stock__owner", "order_line__order")
    search_fields = ("stock__sku__code", "stock__item_record_no", "note")
    date_hierarchy = "created_at"


class StockInline(admin.TabularInline):
    """Read-only here: counts change only through the Stock page (inventory.services.set_on_hand)."""

    model = Stock
    extra = 0
    can_delete = False
    show_change_link = True
    fields = readonly_fields = ("warehouse", "owner", "on_hand", "allocated", "available", "item_record_no")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("warehouse", "owner")


# The SKU page shows its stock; the inline is inventory's, so catalog needs no import of inventory.
SkuAdmin.inlines = (*SkuAdmin.inlines, StockInline)
