"""Operators' view of customs: declarations with their receipts and error codes, the outbox with its
failures, shipments with tracking; a "retry" action on declarations and outbox rows.
Message XML is shown masked (no ID numbers or phones on an operator's screen).
These rows are the customs audit trail: nobody adds or deletes them here."""

import re

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext

from haitao.common.logging import mask_text

from . import services
from .models import Declaration, OutboxMessage, Receipt, Shipment, TaxBillCheck, TrackingEvent

_ADDRESS = re.compile(r"(<ceb:consigneeAddress>)[^<]*(</ceb:consigneeAddress>)")


def masked_message(decl: Declaration) -> str:
    """The message XML with ID numbers and phones masked and the street replaced by the masked address."""
    masked = mask_text(decl.xml or "")
    return _ADDRESS.sub(lambda m: m.group(1) + decl.order.consignee_address_masked + m.group(2), masked)


class AuditTrailAdmin(admin.ModelAdmin):
    """Viewable (and the retry actions run), never added or deleted from the admin."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReceiptInline(admin.TabularInline):
    model = Receipt
    extra = 0
    can_delete = False
    fields = ["message_type", "return_status", "error_code", "return_info", "return_time", "received_at"]
    readonly_fields = fields


@admin.action(description=_("Retry (rebuild a failed declaration or re-queue a failed delivery)"))
def retry_declarations(modeladmin, request, queryset):
    results = [services.retry_declaration(decl) for decl in queryset.select_related("order")]
    modeladmin.message_user(request, gettext("%(rebuilt)d rebuilt, %(requeued)d re-queued, %(nothing)d had nothing "
                                             "to retry") % {"rebuilt": results.count("rebuilt"),
                                                            "requeued": results.count("requeued"),
                                                            "nothing": results.count("nothing to retry")},
                            messages.INFO)


@admin.register(Declaration)
class DeclarationAdmin(AuditTrailAdmin):
    list_display = ["order", "message_type", "sender_role", "sender_code", "status", "return_status", "error_code",
                    "delivery", "updated_at"]
    list_filter = ["status", "message_type", "sender_role", "error_code"]
    list_select_related = ["order", "outbox"]
    search_fields = ["order__number", "guid", "message_guid", "invt_no"]
    readonly_fields = ["order", "message_type", "sender_role", "sender_code", "sender_name", "guid", "message_guid",
                       "status", "return_status", "return_info", "error_code", "buyer_message", "buyer_message_en",
                       "last_error", "invt_no", "pre_no", "tax_bill", "masked_xml", "created_at", "updated_at"]
    exclude = ["xml"]
    inlines = [ReceiptInline]
    actions = [retry_declarations]

    @admin.display(description=_("delivery"))
    def delivery(self, obj):
        outbox = getattr(obj, "outbox", None)
        return f"{outbox.status} ({outbox.attempts} attempts)" if outbox else "—"

    @admin.display(description=_("message (masked)"))
    def masked_xml(self, obj):
        return format_html("<pre style='white-space:pre-wrap'>{}</pre>", masked_message(obj))


@admin.action(description=_("Retry delivery now"))
def retry_outbox(modeladmin, request, queryset):
    for row in queryset:
        services.retry_outbox(row)
    modeladmin.message_user(request, gettext("%(n)d outbox messages re-queued") % {"n": queryset.count()},
                            messages.INFO)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(AuditTrailAdmin):
    list_display = ["filename", "status", "attempts", "next_attempt_at", "sent_at", "short_error"]
    list_filter = ["status"]
    search_fields = ["filename", "declaration__order__number"]
    readonly_fields = ["declaration", "filename", "status", "attempts", "next_attempt_at", "last_error", "sent_at",
                       "created_at"]
    actions = [retry_outbox]

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:80]


@admin.register(Receipt)
class ReceiptAdmin(AuditTrailAdmin):
    list_display = ["message_type", "declaration", "return_status", "error_code", "return_time", "received_at"]
    list_filter = ["message_type", "return_status", "error_code"]
    list_select_related = ["declaration__order"]
    search_fields = ["declaration__order__number", "message_guid", "filename"]
    readonly_fields = [f.name for f in Receipt._meta.fields]


class TrackingInline(admin.TabularInline):
    model = TrackingEvent
    extra = 0
    can_delete = False
    fields = ["occurred_at", "code", "description", "description_en", "location"]
    readonly_fields = fields


@admin.register(Shipment)
class ShipmentAdmin(AuditTrailAdmin):
    list_display = ["waybill_no", "order", "logistics_name", "weight_kg", "status", "shipped_at", "delivered_at"]
    list_filter = ["status", "logistics_code"]
    list_select_related = ["order"]
    search_fields = ["waybill_no", "order__number"]
    readonly_fields = ["order", "logistics_code", "logistics_name", "waybill_no", "weight_kg", "status", "created_at",
                       "shipped_at", "delivered_at"]
    inlines = [TrackingInline]


class MismatchFilter(admin.SimpleListFilter):
    title, parameter_name = "tax bill agrees", "mismatch"

    def lookups(self, request, model_admin):
        return (("yes", "mismatch: billed ≠ withheld"), ("no", "agrees"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(difference=0)
        if self.value() == "no":
            return queryset.filter(difference=0)
        return queryset


@admin.register(TaxBillCheck)
class TaxBillCheckAdmin(AuditTrailAdmin):
    """Every customs tax bill against the tax withheld; a mismatch is the operator's to settle."""

    list_display = ("order", "invt_no", "withheld", "billed", "difference", "agrees", "received_at")
    list_filter = (MismatchFilter, "received_at")
    list_select_related = ("order",)
    search_fields = ("order__number", "invt_no", "tax_no")
    date_hierarchy = "received_at"
    fields = readonly_fields = ("order", "invt_no", "tax_no", "withheld", "billed", "difference", "lines",
                                "received_at")

    @admin.display(boolean=True, description=_("agrees"))
    def agrees(self, obj):
        return not obj.mismatch

    def has_change_permission(self, request, obj=None):
        return False
