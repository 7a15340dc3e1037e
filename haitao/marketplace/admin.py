"""Operators' view of the marketplace: what is owed to whom (settlements, with their lines and
statements), the commission and exchange rates, and the merchant portal's logins. Settlements are
computed and closed through the actions (marketplace.services), never edited by hand."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from haitao.common.errors import DomainError

from . import services
from .models import CommissionRate, ExchangeRate, MerchantToken, MerchantUser, Settlement, SettlementLine


@admin.register(CommissionRate)
class CommissionRateAdmin(admin.ModelAdmin):
    list_display = ("merchant", "brand", "category", "rate")
    list_filter = ("brand", "category")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "rate_date", "cny_per_unit", "source", "recorded_by", "recorded_at")
    list_filter = ("currency",)
    fields = ("currency", "rate_date", "cny_per_unit", "source", "recorded_by", "recorded_at")
    readonly_fields = ("recorded_by", "recorded_at")

    def get_readonly_fields(self, request, obj=None):
        # A recorded rate may already be cited by a settlement: it is corrected by a new day's rate.
        return self.fields if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        obj.recorded_by = f"operator:{request.user.get_username()}"
        super().save_model(request, obj, form, change)


class LineInline(admin.TabularInline):
    model = SettlementLine
    extra = 0
    can_delete = False
    fields = ("occurred_at", "kind", "order_number", "reference", "brand", "category", "sku_code", "quantity",
              "goods", "tax", "commission_rate", "commission")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ("merchant", "period", "status", "net_sales", "commission", "tax_collected", "net_payable_cny",
                    "net_payable", "currency", "statement")
    list_filter = ("status", "period", "currency")
    search_fields = ("merchant__code", "merchant__name", "period")
    inlines = [LineInline]
    actions = ["recompute", "close"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Settlement._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("statement"))
    def statement(self, obj):
        csv_url = reverse("admin:marketplace_settlement_statement", args=[obj.pk, "csv"])
        pdf_url = reverse("admin:marketplace_settlement_statement", args=[obj.pk, "pdf"])
        return format_html('<a href="{}">CSV</a> · <a href="{}">PDF</a>', csv_url, pdf_url)

    def get_urls(self):
        return [path("<int:pk>/statement.<str:fmt>", self.admin_site.admin_view(self.statement_file),
                     name="marketplace_settlement_statement"), *super().get_urls()]

    def statement_file(self, request, pk: int, fmt: str):
        from .statement import to_csv
        from .statement_pdf import to_pdf

        settlement = self.get_queryset(request).filter(pk=pk).first()
        if settlement is None or not self.has_view_permission(request, settlement) or fmt not in ("csv", "pdf"):
            return HttpResponse(status=404)
        body, kind = (to_csv(settlement), "text/csv; charset=utf-8") if fmt == "csv" else (to_pdf(settlement),
                                                                                           "application/pdf")
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="ST-{settlement.merchant.code}-{settlement.period}.{fmt}"'
        return response

    @admin.action(description=_("Recompute (drafts only)"))
    def recompute(self, request, queryset):
        for row in queryset.select_related("merchant"):
            try:
                services.run_settlement(row.merchant, row.period, actor=f"operator:{request.user.get_username()}")
            except DomainError as exc:
                self.message_user(request, f"{row}: {exc.message}", messages.ERROR)

    @admin.action(description=_("Close: freeze the settlement"))
    def close(self, request, queryset):
        for row in queryset:
            services.close_settlement(row, actor=f"operator:{request.user.get_username()}")


@admin.register(MerchantUser)
class MerchantUserAdmin(admin.ModelAdmin):
    list_display = ("user", "merchant", "role", "active", "created_at")
    list_filter = ("role", "active", "merchant")
    autocomplete_fields = ("user",)


@admin.register(MerchantToken)
class MerchantTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "merchant_user", "name", "created_at", "expires_at", "revoked")
    list_filter = ("revoked",)
    fields = ("prefix", "merchant_user", "name", "created_at", "expires_at", "revoked")
    readonly_fields = ("prefix", "merchant_user", "name", "created_at", "expires_at")

    def has_add_permission(self, request):
        return False


@admin.register(SettlementLine)
class SettlementLineAdmin(admin.ModelAdmin):
    list_display = ("settlement", "occurred_at", "kind", "order_number", "brand", "category", "sku_code", "goods",
                    "tax", "commission")
    list_filter = ("kind", "brand")
    search_fields = ("order_number", "sku_code", "reference")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in SettlementLine._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
