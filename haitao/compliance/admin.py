"""Quota ledger and positive list in the admin: view-only. The ledger moves only through
compliance.quota (with the orders that own its entries); the positive list is replaced as a whole by
`haitao positive-list load FILE.csv` (compliance.services.load_positive_list)."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from haitao.accounts.admin import IdNumberSearchMixin, ReadOnlyAdmin
from haitao.rules.positive_list import MODE_NAMES, allowed_modes

from .models import PositiveListEntry, QuotaAccount, QuotaEntry


@admin.register(QuotaAccount)
class QuotaAccountAdmin(IdNumberSearchMixin, ReadOnlyAdmin):
    list_display = ("person", "year", "reserved", "committed", "used", "updated_at")
    list_filter = ("year",)
    search_fields = ("=id_hash",)
    fields = ("id_hash", "year", "reserved", "committed", "used", "updated_at")

    @admin.display(description=_("person (ID hash)"), ordering="id_hash")
    def person(self, obj):
        return f"{obj.id_hash[:12]}…"


@admin.register(QuotaEntry)
class QuotaEntryAdmin(IdNumberSearchMixin, ReadOnlyAdmin):
    list_display = ("order", "external_ref", "person", "year", "amount", "state", "created_at", "updated_at")
    list_filter = ("state", "year", ("order", admin.EmptyFieldListFilter))
    list_select_related = ("order",)
    search_fields = ("order__number", "external_ref", "=id_hash")
    date_hierarchy = "created_at"
    fields = ("order", "external_ref", "id_hash", "year", "amount", "state", "created_at", "updated_at")

    @admin.display(description=_("person (ID hash)"), ordering="id_hash")
    def person(self, obj):
        return f"{obj.id_hash[:12]}…"


class ModeRestrictionFilter(admin.SimpleListFilter):
    title = _("modes allowed by the remarks")
    parameter_name = "modes"

    def lookups(self, request, model_admin):
        return (("1210", _("Bonded only (1210)")), ("9610", _("Direct mail only (9610)")), ("both", _("Both modes")))

    def queryset(self, request, queryset):
        bonded, direct = Q(remarks__contains="限网购保税"), Q(remarks__contains="限直购")
        if self.value() == "1210":
            return queryset.filter(bonded).exclude(direct)
        if self.value() == "9610":
            return queryset.filter(direct).exclude(bonded)
        if self.value() == "both":
            return queryset.exclude(bonded).exclude(direct)
        return queryset


@admin.register(PositiveListEntry)
class PositiveListEntryAdmin(ReadOnlyAdmin):
    list_display = ("code8", "description", "remarks", "modes", "source")
    list_filter = (ModeRestrictionFilter, "source")
    search_fields = ("code8", "description", "remarks")
    fields = ("code8", "description", "remarks", "modes", "source")

    @admin.display(description=_("modes"))
    def modes(self, obj):
        modes = allowed_modes(obj.remarks)
        return ", ".join(MODE_NAMES[m] for m in sorted(modes)) if modes else "none (remarks allow neither)"
