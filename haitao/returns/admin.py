"""Operators' pages for the way back: returns to approve, receive and inspect; paid orders customer
service may cancel; the tax ledger as CSV. Every change goes through haitao.returns.services."""

from django.contrib import admin, messages
from django.http import HttpResponse

from haitao.accounts.admin import ReadOnlyAdmin, ReadOnlyInline
from haitao.common.errors import DomainError

from . import ledger, services
from .models import OrderCancellation, ReturnLine, ReturnRequest


class ReturnLineInline(ReadOnlyInline):
    model = ReturnLine
    fields = readonly_fields = ("order_line", "quantity", "dutiable_value", "tax", "refund_amount", "condition")


def _run(modeladmin, request, queryset, work, done_text: str) -> None:
    done = 0
    for obj in queryset:
        try:
            work(obj)
            done += 1
        except DomainError as exc:
            modeladmin.message_user(request, f"{obj}: {exc.code} — {exc.message}", messages.WARNING)
    modeladmin.message_user(request, f"{done} {done_text}.")


def _actor(request) -> str:
    return f"operator:{request.user.get_username()}"[:60]


def _receive(condition: str):
    def action(modeladmin, request, queryset):
        _run(modeladmin, request, queryset, lambda r: services.receive(
            r, _actor(request), {line.order_line.gnum: condition for line in r.lines.select_related("order_line")}),
            f"return(s) received as {condition}")
    return action


@admin.register(ReturnRequest)
class ReturnRequestAdmin(ReadOnlyAdmin):
    list_display = ("number", "order", "status", "requested_at", "released_at", "refund_amount", "quota_released",
                    "tax_not_levied", "received_at", "customs_accepted_at", "error_code")
    list_filter = ("status", "requested_at")
    list_select_related = ("order",)
    search_fields = ("number", "order__number")
    inlines = (ReturnLineInline,)
    actions = ("approve", "refuse", "receive_sellable", "receive_damaged", "export_tax_ledger")

    @admin.action(description="Approve: send the return request (CEB625) to customs")
    def approve(self, request, queryset):
        _run(self, request, queryset, lambda r: services.approve(r, _actor(request)), "return(s) approved")

    @admin.action(description="Refuse the return")
    def refuse(self, request, queryset):
        _run(self, request, queryset, lambda r: services.refuse(r, _actor(request), "refused by customer service"),
             "return(s) refused")

    receive_sellable = admin.action(description="Goods received, inspected sellable (back to bonded stock)")(
        _receive(ReturnLine.Condition.SELLABLE))
    receive_damaged = admin.action(description="Goods received, inspected damaged (quarantine, destruction)")(
        _receive(ReturnLine.Condition.DAMAGED))

    @admin.action(description="Export the tax ledger (every month with bills or returns) as CSV")
    def export_tax_ledger(self, request, queryset):
        response = HttpResponse(ledger.to_csv(ledger.periods_with_activity()), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="haitao-tax-ledger.csv"'
        return response


@admin.register(OrderCancellation)
class OrderCancellationAdmin(ReadOnlyAdmin):
    """Orders as customer service cancels them for the buyer; the action refuses what cannot be cancelled
    (released → a return), with the reason."""

    list_display = ("number", "brand", "status", "actual_paid", "paid_at")
    fields = readonly_fields = ("number", "brand", "status", "buyer_name", "buyer_id_masked", "actual_paid",
                                "paid_at")  # masked only: the order's encrypted fields never reach the page
    list_filter = ("status", "brand")
    search_fields = ("number",)
    actions = ("cancel_for_buyer",)

    @admin.action(description="Cancel for the buyer (a CEB623 if customs holds the list; refund, stock, quota back)")
    def cancel_for_buyer(self, request, queryset):
        _run(self, request, queryset, lambda o: services.cancel_order(o, _actor(request), "cancelled by customer service"),
             "order(s) cancelled or sent to customs for cancellation")
