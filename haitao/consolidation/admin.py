"""Operator console for consolidation: runs, the source → haitao mapping (read-only), and the review
queue, where each item shows the source record next to the haitao SKU or customer it was compared with.
Accept applies the proposed match; reject creates a new SKU or customer (services.accept/reject_review),
from the list's bulk actions or from the buttons on an item's page."""

from django.contrib import admin, messages
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext, ngettext

from haitao.accounts.models import Customer
from haitao.catalog.models import Sku
from haitao.common.errors import DomainError

from . import services
from .models import ConsolidationRun, ReviewItem, SourceRecord

SKU_FIELDS = ("code", "gtin", "brand_name", "title", "title_en", "hs_code", "origin_country", "vat_rate",
              "consumption_tax_rate", "gmodel", "net_weight_kg")
# The submit buttons on an item's page: name -> accept?
DECISION_BUTTONS = {"_accept_item": True, "_reject_item": False}
PRODUCT_FIELDS = ("id", "gtin", "brand", "title", "title_en", "hs_code", "origin_country", "vat_rate",
                  "consumption_tax_rate", "spec", "net_weight_kg", "price", "status")


class ReadOnly:
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsolidationRun)
class ConsolidationRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("id", "platform", "brand", "status", "started_at", "finished_at")
    list_filter = ("status", "platform")
    list_select_related = ("brand",)


@admin.register(SourceRecord)
class SourceRecordAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("platform", "kind", "source_id", "decision", "target", "score", "created_at")
    list_filter = ("platform", "kind", "decision")
    search_fields = ("source_id", "target")


def _customer_view(customer: Customer) -> list[tuple[str, str]]:
    identity = getattr(customer, "identity", None) if hasattr(customer, "identity") else None
    address = customer.addresses.order_by("-is_default", "id").first()
    return [("id", str(customer.pk)), ("name", identity.real_name if identity else customer.display_name),
            ("id_number", identity.id_masked if identity else "—"),
            ("phone", customer.phone_masked or (address.phone_masked if address else "—")),
            ("email", customer.user.email), ("address", str(address) if address else "—")]


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ("source_id", "kind", "platform", "brand", "proposed", "score", "state", "created_at")
    list_filter = ("state", "kind", "platform")
    list_select_related = ("brand",)
    search_fields = ("source_id", "proposed")
    readonly_fields = ("decision", "platform", "brand", "kind", "source_id", "side_by_side", "score", "reasons",
                       "candidates", "state", "result", "decided_by", "decided_at")
    exclude = ("source", "source_sealed")
    actions = ("accept", "reject")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("source ↔ haitao"))
    def side_by_side(self, obj: ReviewItem):
        source = obj.source or {}
        if obj.kind == ReviewItem.Kind.PRODUCT:
            sku = Sku.objects.filter(code=obj.proposed).first()
            left = [(name, source.get(name)) for name in PRODUCT_FIELDS]
            right = [(name, getattr(sku, name)) for name in SKU_FIELDS] if sku else []
        else:
            customer = Customer.objects.select_related("user").filter(pk=obj.proposed).first() if obj.proposed else None
            left = [(name, source.get(name)) for name in ("id", "name", "id_number", "phone", "email", "addresses")]
            right = _customer_view(customer) if customer else []
        rows = max(len(left), len(right))
        left += [("", "")] * (rows - len(left))
        right += [("", "")] * (rows - len(right))
        body = format_html_join("", "<tr><th>{}</th><td>{}</td><th>{}</th><td>{}</td></tr>",
                                ((a, "—" if b in (None, "") else b, c, "—" if d in (None, "") else d)
                                 for (a, b), (c, d) in zip(left, right)))
        return format_html('<table><thead><tr><th colspan="2">{} ({})</th><th colspan="2">haitao ({})</th></tr>'
                           "</thead><tbody>{}</tbody></table>", gettext("source"), obj.platform,
                           obj.proposed or gettext("no proposal"), body)

    @admin.display(description=_("decision"))
    def decision(self, obj: ReviewItem):
        if obj.pk is None or obj.state != ReviewItem.State.PENDING:
            return obj.get_state_display()
        return format_html('<button type="submit" name="_accept_item" class="button default">{}</button> '
                           '<button type="submit" name="_reject_item" class="button">{}</button>',
                           gettext("Accept: merge with %(proposed)s") % {
                               "proposed": obj.proposed or gettext("no proposal")},
                           gettext("Reject: create a new %(kind)s") % {"kind": obj.get_kind_display().lower()})

    @csrf_protect_m
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """An Accept / Reject button on an item's page decides it through the bulk actions' path."""
        pressed = [accept for name, accept in DECISION_BUTTONS.items() if name in request.POST]
        if request.method != "POST" or object_id is None or not pressed:
            return super().changeform_view(request, object_id, form_url, extra_context)
        item = self.get_object(request, unquote(object_id))
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        self._decide(request, [item], pressed[0])
        return HttpResponseRedirect(request.path)

    def _decide(self, request, queryset, accept: bool):
        done = 0
        for item in queryset:
            try:
                if accept:
                    services.accept_review(item, actor=f"operator:{request.user.get_username()}")
                else:
                    services.reject_review(item, actor=f"operator:{request.user.get_username()}")
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{item}: {exc.message}", messages.WARNING)
        if done:
            text = (ngettext("%(n)d item accepted", "%(n)d items accepted", done) if accept
                    else ngettext("%(n)d item rejected", "%(n)d items rejected", done)) % {"n": done}
            self.message_user(request, text + gettext("; run `haitao consolidate` on the folder again to bring in "
                                                      "the orders that waited for them."))

    @admin.action(description=_("Accept: merge with the proposed SKU / customer"))
    def accept(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Reject: create a new SKU / customer"))
    def reject(self, request, queryset):
        self._decide(request, queryset, False)
