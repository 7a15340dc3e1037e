from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.utils.html import format_html

from haitao.common.errors import InvalidInput
from haitao.compliance.models import PositiveListEntry
from haitao.compliance.services import positive_list, sellability

from . import services
from .models import Category, Listing, SearchDocument, SearchTerm, Sku, Synonym


def _sellable_html(verdict):
    if verdict.allowed:
        return format_html('<span style="color:#2e7d32">yes ({})</span>', ", ".join(verdict.modes))
    return format_html('<span style="color:#c62828">no</span>: {}', verdict.message)


class ListingForm(forms.ModelForm):
    """The listing guard: a visible listing needs a SKU that may be sold under CBEC (rules 8, 9)."""

    class Meta:
        model = Listing
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        sku = cleaned.get("sku") or (self.instance.sku if self.instance.sku_id else None)
        if cleaned.get("visible") and sku is not None:
            try:
                services.ensure_listable(sku)
            except InvalidInput as exc:
                self.add_error("visible", exc.message)
        starts, ends = cleaned.get("sale_starts"), cleaned.get("sale_ends")
        if starts and ends and ends <= starts:
            self.add_error("sale_ends", "The sale must end after it starts.")
        return cleaned


class SkuForm(forms.ModelForm):
    class Meta:
        model = Sku
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.errors:
            probe = Sku(code=self.instance.code, hs_code=cleaned.get("hs_code", ""),
                        consumption_tax_basis=cleaned.get("consumption_tax_basis", ""))
            verdict = sellability(probe)
            visible = self.instance.listings.filter(visible=True).count()
            if not verdict.allowed and visible:
                raise forms.ValidationError(
                    f"With these values the SKU cannot be sold under CBEC ({verdict.message}), but it has "
                    f"{visible} visible listing(s): hide them first.")
        return cleaned


class CbecSellableFilter(admin.SimpleListFilter):
    title = "CBEC sellable"
    parameter_name = "cbec_sellable"

    def lookups(self, request, model_admin):
        return (("yes", "Sellable"), ("no", "Not sellable"))

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        blocked = [code for code, entry in positive_list().entries.items() if not entry.allowed_modes]
        on_list = Exists(PositiveListEntry.objects.filter(code8=Substr(OuterRef("hs_code"), 1, 8))
                         .exclude(code8__in=blocked))
        sellable = (~Q(consumption_tax_basis=Sku.ConsumptionTaxBasis.SPECIFIC)
                    & Q(hs_code__regex=r"^[0-9]{10}$") & Q(on_list))
        return queryset.filter(sellable) if self.value() == "yes" else queryset.exclude(sellable)


class ListingInline(admin.TabularInline):
    model = Listing
    form = ListingForm
    extra = 0
    fields = ("brand", "merchant", "price", "compare_at_price", "visible", "featured", "per_buyer_limit",
              "sale_starts", "sale_ends")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("brand", "merchant")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "name_en", "position")
    list_editable = ("position",)
    search_fields = ("slug", "name", "name_en")
    ordering = ("position", "slug")


@admin.register(Sku)
class SkuAdmin(admin.ModelAdmin):
    form = SkuForm
    list_display = ("code", "title_en", "brand_name", "category", "hs_code", "origin_country",
                    "consumption_tax_basis", "vat_rate")
    list_filter = (CbecSellableFilter, "consumption_tax_basis", "category", "origin_country", "content_unit",
                   "vat_rate")
    list_select_related = ("category",)
    search_fields = ("code", "gtin", "title", "title_en", "brand_name", "brand_name_zh", "hs_code")
    readonly_fields = ("cbec_status", "created_at", "updated_at")
    inlines = (ListingInline,)  # inventory adds its read-only stock rows (inventory/admin.py)
    fieldsets = (
        (None, {"fields": ("code", "gtin", "category", "brand_name", "brand_name_zh", "title", "title_en",
                           "description", "description_en", "image_hue")}),
        ("Customs", {"fields": ("cbec_status", "hs_code", "origin_country", "gmodel", "unit_code", "unit1_code",
                                "net_weight_kg", "gross_weight_kg", "net_content", "content_unit")}),
        ("Tax", {"fields": ("vat_rate", "consumption_tax_basis", "consumption_tax_rate", "tariff_rate")}),
        ("History", {"fields": ("created_at", "updated_at")}),
    )

    def get_list_display(self, request):
        plist = positive_list()  # one read of the list for the whole page

        @admin.display(description="CBEC sellable")
        def cbec_sellable(obj):
            return _sellable_html(sellability(obj, plist=plist))

        return (*self.list_display, cbec_sellable)

    @admin.display(description="CBEC sellable")
    def cbec_status(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return _sellable_html(sellability(obj))


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    form = ListingForm
    list_display = ("sku", "brand", "merchant", "price", "compare_at_price", "visible", "featured",
                    "per_buyer_limit", "sale_starts", "sale_ends")
    list_filter = ("visible", "featured", "brand", "merchant__kind", "sku__category")
    list_select_related = ("sku", "brand", "merchant")
    search_fields = ("sku__code", "sku__gtin", "sku__title", "sku__title_en", "sku__brand_name", "brand__code",
                     "merchant__code", "merchant__name")
    autocomplete_fields = ("sku",)
    actions = ("show_listings", "hide_listings")

    @admin.action(description="Show selected listings (only CBEC-sellable SKUs)")
    def show_listings(self, request, queryset):
        shown = 0
        for listing in queryset.select_related("sku"):
            try:
                services.set_visible(listing, True)
                shown += 1
            except InvalidInput as exc:
                self.message_user(request, exc.message, messages.ERROR)
        self.message_user(request, f"{shown} listing(s) shown.")

    @admin.action(description="Hide selected listings")
    def hide_listings(self, request, queryset):
        hidden = queryset.update(visible=False)
        self.message_user(request, f"{hidden} listing(s) hidden.")


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Phrases in one group find each other in search (红酒 = 红葡萄酒 = red wine); saving one re-reads the
    search dictionary and reindexes the titles that contain it."""

    list_display = ("group", "phrase", "kind")
    list_filter = ("kind",)
    search_fields = ("group", "phrase")


class _DerivedAdmin(admin.ModelAdmin):
    """Search data derived from the catalog (catalog.search.index): to look at, never to edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SearchDocument)
class SearchDocumentAdmin(_DerivedAdmin):
    list_display = ("sku_code", "brand", "goods_brand", "category", "origin", "price", "sales")
    list_filter = ("brand", "category")
    search_fields = ("sku_code", "goods_brand")


@admin.register(SearchTerm)
class SearchTermAdmin(_DerivedAdmin):
    list_display = ("term",)
    search_fields = ("term",)
