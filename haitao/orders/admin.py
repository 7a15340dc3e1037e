"""Orders in the admin: view-only. Status and amounts change only through orders.services (the state
machine with its audit events, stock and quota release); the actions below call it."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from haitao.accounts.admin import IdNumberSearchMixin, ReadOnlyAdmin, ReadOnlyInline

from . import services
from .models import Order, OrderEvent, OrderLine
from .states import IllegalTransition, Status

LINE_FIELDS = ("gnum", "sku", "merchant", "title", "quantity", "unit_price", "goods_value", "freight_share",
               "insurance_share", "dutiable_value", "duty", "consumption_tax", "vat")
EVENT_FIELDS = ("created_at", "event", "from_status", "to_status", "actor", "note")


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    verbose_name, verbose_name_plural = "order line", "order lines (goods and their tax)"
    fields = readonly_fields = LINE_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sku", "merchant")


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    verbose_name, verbose_name_plural = "status change", "status changes (audit trail)"
    fields = readonly_fields = EVENT_FIELDS


def _admin_link(obj, text) -> str:
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text)


def _links(rows) -> str:
    """One link a line, or "—"."""
    return format_html_join("<br>", "{}", ((link,) for link in rows)) or "—"


@admin.register(Order)
class OrderAdmin(IdNumberSearchMixin, ReadOnlyAdmin):
    id_hash_field = "buyer_id_hash"
    list_display = ("number", "brand", "customer", "status", "mode", "regime", "warehouse", "goods_value",
                    "tax_total", "actual_paid", "buyer_id_masked", "placed_at", "paid_at")
    list_filter = ("status", "mode", "regime", "brand", "warehouse", "source", "placed_at")
    list_select_related = ("brand", "customer__user", "warehouse")
    search_fields = ("number", "customer__user__email", "customer__display_name", "idempotency_key")
    date_hierarchy = "placed_at"
    inlines = (OrderLineInline, OrderEventInline)
    readonly_fields = ("declaration_links", "payment_links", "shipment_link", "tax_bill")
    actions = ("cancel_unpaid", "expire_overdue")
    fieldsets = (
        (None, {"fields": ("number", "brand", "customer", "status", "mode", "regime", "warehouse", "source")}),
        ("Amounts (CNY)", {"fields": ("currency", "goods_value", "freight", "insurance", "discount",
                                      "dutiable_value", "tax_total", "actual_paid")}),
        ("Orderer and consignee (masked)", {"fields": ("buyer_name", "buyer_id_masked", "consignee",
                                                       "consignee_phone_masked", "consignee_address_masked",
                                                       "consignee_district")}),
        ("Customs, payments and shipment", {"fields": ("declaration_links", "tax_bill", "payment_links",
                                                        "shipment_link")}),
        ("Dates", {"fields": ("placed_at", "expires_at", "paid_at", "risk_notice_accepted_at",
                              "risk_notice_digest", "idempotency_key")}),
    )

    @admin.display(description="declarations")
    def declaration_links(self, obj):
        return _links(_admin_link(d, f"{d.message_type} — {d.get_status_display()}"
                                     + (f" ({d.error_code})" if d.error_code else ""))
                      for d in obj.declarations.order_by("message_type"))

    @admin.display(description="customs tax bill")
    def tax_bill(self, obj):
        check = getattr(obj, "tax_bill_check", None)  # reverse one-to-one: absent until the CEB816 arrives
        if check is None:
            return "—"
        text = f"billed ¥{check.billed}, withheld ¥{check.withheld}"
        if check.mismatch:
            return format_html('<strong style="color:#c53030">MISMATCH: {} (difference ¥{})</strong>', text,
                               check.difference)
        return text + " — agrees"

    @admin.display(description="payments")
    def payment_links(self, obj):
        return _links(_admin_link(p, f"{p.reference} — {p.provider} ¥{p.amount} {p.get_status_display()}")
                      for p in obj.payments.order_by("created_at", "id"))

    @admin.display(description="shipment")
    def shipment_link(self, obj):
        shipment = getattr(obj, "shipment", None)  # reverse one-to-one: absent until declared
        if shipment is None:
            return "—"
        return _admin_link(shipment, f"{shipment.logistics_name} {shipment.waybill_no} — "
                                     f"{shipment.get_status_display()}")

    def _actor(self, request) -> str:
        return f"operator:{request.user.get_username()}"[:60]

    @admin.action(description="Cancel unpaid orders (releases stock and quota)")
    def cancel_unpaid(self, request, queryset):
        done, skipped = 0, []
        unpaid = Order.objects.filter(pk__in=queryset.values("pk"), status=Status.PENDING_PAYMENT)
        for order in unpaid.only("id", "status", "number"):
            try:
                services.cancel(order, self._actor(request), "cancelled in the operator console")
                done += 1
            except IllegalTransition:
                skipped.append(order.number)  # paid or expired meanwhile
        others = queryset.exclude(status=Status.PENDING_PAYMENT).count() + len(skipped)
        self.message_user(request, f"{done} order(s) cancelled.")
        if others:
            self.message_user(request, f"{others} selected order(s) were not awaiting payment and were left alone.",
                              messages.WARNING)

    @admin.action(description="Expire overdue unpaid orders (all of them, not only the selected)")
    def expire_overdue(self, request, queryset):
        now, total = timezone.now(), 0
        for _ in range(100):  # expire_unpaid works in batches of 500
            done = services.expire_unpaid(now)
            total += done
            if not done:
                break
        self.message_user(request, f"{total} overdue unpaid order(s) expired.")


@admin.register(OrderLine)
class OrderLineAdmin(ReadOnlyAdmin):
    list_display = ("order", "gnum", "sku", "merchant", "quantity", "unit_price", "goods_value", "dutiable_value",
                    "duty", "consumption_tax", "vat")
    list_filter = ("order__status", "order__mode", "merchant")
    list_select_related = ("order", "sku", "merchant")
    search_fields = ("order__number", "sku__code", "title")
    fields = ("order", *LINE_FIELDS)


@admin.register(OrderEvent)
class OrderEventAdmin(ReadOnlyAdmin):
    list_display = ("order", "event", "from_status", "to_status", "actor", "created_at")
    list_filter = ("event", "to_status", "created_at")
    list_select_related = ("order",)
    search_fields = ("order__number", "actor", "note")
    date_hierarchy = "created_at"
    fields = ("order", *EVENT_FIELDS)
