"""Orders in the admin: view-only. Status and amounts change only through orders.services (the state
machine with its audit events, stock and quota release); the actions below call it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from haitao.accounts.admin import IdNumberSearchMixin, ReadOnlyAdmin, ReadOnlyInline
from haitao.common.errors import Forbidden
from haitao.operators import services as operators

from . import services
from .models import Order, OrderEvent, OrderLine, Purchase
from .states import IllegalTransition, Status

LINE_FIELDS = ("gnum", "sku", "merchant", "title", "quantity", "unit_price", "goods_value", "freight_share",
               "insurance_share", "dutiable_value", "duty", "consumption_tax", "vat")
EVENT_FIELDS = ("created_at", "event", "from_status", "to_status", "actor", "note")


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    verbose_name, verbose_name_plural = _("order line"), _("order lines (goods and their tax)")
    fields = readonly_fields = LINE_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sku", "merchant")


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    verbose_name, verbose_name_plural = _("status change"), _("status changes (audit trail)")
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
    readonly_fields = ("declaration_links", "payment_links", "shipment_link", "tax_bill", "reveal_link")
    actions = ("cancel_unpaid", "expire_overdue")
    fieldsets = (
        (None, {"fields": ("number", "brand", "customer", "status", "mode", "regime", "warehouse", "source")}),
        (_("Amounts (CNY)"), {"fields": ("currency", "goods_value", "freight", "insurance", "discount",
                                      "dutiable_value", "tax_total", "actual_paid")}),
        (_("Orderer and consignee (masked)"), {"fields": ("buyer_name", "buyer_id_masked", "buyer_phone_masked", "reveal_link", "consignee",
                                                       "consignee_phone_masked", "consignee_address_masked",
                                                       "consignee_district")}),
        (_("Customs, payments and shipment"), {"fields": ("declaration_links", "tax_bill", "payment_links",
                                                           "shipment_link")}),
        (_("Dates"), {"fields": ("placed_at", "expires_at", "paid_at", "risk_notice_accepted_at",
                              "risk_notice_digest", "idempotency_key")}),
    )

    @admin.display(description=_("declarations"))
    def declaration_links(self, obj):
        return _links(_admin_link(d, f"{d.message_type} — {d.get_status_display()}"
                                     + (f" ({d.error_code})" if d.error_code else ""))
                      for d in obj.declarations.order_by("message_type"))

    @admin.display(description=_("customs tax bill"))
    def tax_bill(self, obj):
        check = getattr(obj, "tax_bill_check", None)  # reverse one-to-one: absent until the CEB816 arrives
        if check is None:
            return "—"
        text = gettext("billed ¥%(billed)s, withheld ¥%(withheld)s") % {"billed": check.billed, "withheld": check.withheld}
        if check.mismatch:
            return format_html('<strong style="color:#c53030">{}</strong>', gettext("MISMATCH: %(text)s (difference ¥%(diff)s)")
                               % {"text": text, "diff": check.difference})
        return text + gettext(" — agrees")

    @admin.display(description=_("payments"))
    def payment_links(self, obj):
        return _links(_admin_link(p, f"{p.reference} — {p.provider} ¥{p.amount} {p.get_status_display()}")
                      for p in obj.payments.order_by("created_at", "id"))

    @admin.display(description=_("shipment"))
    def shipment_link(self, obj):
        shipment = getattr(obj, "shipment", None)  # reverse one-to-one: absent until declared
        if shipment is None:
            return "—"
        return _admin_link(shipment, f"{shipment.logistics_name} {shipment.waybill_no} — "
                                     f"{shipment.get_status_display()}")

    def _actor(self, request) -> str:
        return f"operator:{request.user.get_username()}"[:60]

    @admin.action(description=_("Cancel unpaid orders (releases stock and quota)"))
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
        self.message_user(request, ngettext("%(n)d order cancelled.", "%(n)d orders cancelled.", done) % {"n": done})
        if others:
            self.message_user(request, ngettext(
                "%(n)d selected order was not awaiting payment and was left alone.",
                "%(n)d selected orders were not awaiting payment and were left alone.", others) % {"n": others},
                messages.WARNING)

    @admin.action(description=_("Expire overdue unpaid orders of your brands (all of them, not only the selected)"))
    def expire_overdue(self, request, queryset):
        now, total, brand_ids = timezone.now(), 0, operators.brand_ids(request.user)
        for _batch in range(100):  # expire_unpaid works in batches of 500
            done = services.expire_unpaid(now, brand_ids=brand_ids)
            total += done
            if not done:
                break
        self.message_user(request, ngettext("%(n)d overdue unpaid order expired.", "%(n)d overdue unpaid orders expired.",
                                            total) % {"n": total})

    @admin.display(description=_("full ID number"))
    def reveal_link(self, obj):
        url = reverse("admin:orders_order_reveal_id", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Reveal (logged)"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.reveal_id_view)
        return [path("<path:object_id>/reveal-id/", view, name="orders_order_reveal_id"), *super().get_urls()]

    def reveal_id_view(self, request, object_id):
        """A deliberate, logged look at the buyer's full ID number (customs queries, identity disputes):
        a GET asks for confirmation, only the POST shows it and writes the audit entry."""
        order = self.get_object(request, object_id)  # brand-scoped: another brand's order is not found
        if order is None or not self.has_view_permission(request, order):
            raise Http404
        number = None
        if request.method == "POST":
            try:
                number = operators.reveal_id_number(request.user, order)
            except Forbidden as exc:
                raise PermissionDenied(exc.message) from exc
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "order": order,
                   "number": number, "title": gettext("Reveal the buyer's ID number"),
                   "allowed": request.user.has_perm("operators.reveal_id_number")}
        response = TemplateResponse(request, "operators/reveal_id.html", context)
        response["Cache-Control"] = "no-store"
        return response


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


class PurchaseOrderInline(ReadOnlyInline):
    model = Order
    fields = ("number", "seller", "warehouse", "mode", "status", "goods_value", "freight", "tax_total", "actual_paid")
    show_change_link = True


@admin.register(Purchase)
class PurchaseAdmin(ReadOnlyAdmin):
    """One checkout paid once; its customs orders are below (orders.Order, one per seller × warehouse/mode)."""

    list_display = ("number", "brand", "customer", "goods_value", "tax_total", "actual_paid", "placed_at")
    list_filter = ("brand",)
    list_select_related = ("brand", "customer__user")
    search_fields = ("number", "orders__number", "idempotency_key")
    date_hierarchy = "placed_at"
    fields = ("number", "brand", "customer", "goods_value", "tax_total", "actual_paid", "idempotency_key",
              "placed_at")
    inlines = (PurchaseOrderInline,)
