"""Payments in the admin: view-only. Payments move only through payments.services (verified callbacks)."""

from django.contrib import admin

from haitao.accounts.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import LedgerEntry, Payment, PaymentCallback, PaymentDataRequest, PaymentDeclaration, Refund


class PaymentCallbackInline(ReadOnlyInline):
    model = PaymentCallback
    fields = readonly_fields = ("received_at", "provider", "event_id", "outcome")


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("reference", "order", "provider", "status", "amount", "transaction_id", "created_at", "paid_at",
                    "refunded_at")
    list_filter = ("status", "provider", "created_at")
    list_select_related = ("order",)
    search_fields = ("reference", "transaction_id", "order__number")
    date_hierarchy = "created_at"
    fields = ("reference", "order", "provider", "status", "amount", "transaction_id", "payer_name", "payer_id_hash",
              "created_at", "paid_at", "refunded_at")
    inlines = (PaymentCallbackInline,)


@admin.register(PaymentCallback)
class PaymentCallbackAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "provider", "payment", "outcome", "received_at")
    list_filter = ("provider", "outcome", "received_at")
    list_select_related = ("payment",)
    search_fields = ("event_id", "payment__reference", "payment__order__number")
    date_hierarchy = "received_at"
    fields = ("provider", "event_id", "payment", "outcome", "received_at")


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ("reference", "order", "amount", "status", "reason", "created_at", "settled_at")
    list_filter = ("status", "created_at")
    list_select_related = ("order",)
    search_fields = ("reference", "provider_reference", "key", "order__number")
    date_hierarchy = "created_at"
    fields = ("reference", "order", "payment", "amount", "reason", "key", "status", "provider_reference",
              "created_at", "settled_at")


@admin.register(PaymentDeclaration)
class PaymentDeclarationAdmin(ReadOnlyAdmin):
    """The payment companies' customs pushes (报关) and what they answered."""

    list_display = ("request_no", "payment", "sub_order_no", "amount", "status", "identity_check", "attempts",
                    "updated_at")
    list_filter = ("status", "identity_check")
    search_fields = ("request_no", "sub_order_no", "payment__reference")
    fields = list_display + ("provider_declare_no", "message", "created_at")


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "order", "provider", "kind", "amount", "reference")
    list_filter = ("provider", "kind")
    list_select_related = ("order",)
    search_fields = ("reference", "order__number")
    date_hierarchy = "occurred_at"
    fields = list_display + ("payment",)


@admin.register(PaymentDataRequest)
class PaymentDataRequestAdmin(ReadOnlyAdmin):
    """Customs' requests for payment data (海关总署公告2018年第179号) and whether they were answered."""

    list_display = ("received_at", "session_id", "order_no", "status", "answered_at", "message")
    list_filter = ("status",)
    search_fields = ("session_id", "order_no")
    fields = list_display
