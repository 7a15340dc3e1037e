"""Brand scope and audit for every admin page, applied to whatever is registered.

Scoping each ModelAdmin by hand would leave the next new model open to every operator; instead,
after admin autodiscovery each registered ModelAdmin (and its inlines) gets the mixin below: its
rows, its foreign-key choices and its filters are cut to the user's brands (scope.py), and its
saves, deletions and actions on money, stock, customs or personal data are written to the audit log.
"""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist

from . import services
from .models import AuditEntry

# model label -> audit area; changes to other models (e.g. a category name) are not logged.
AUDITED = {
    "orders.Order": AuditEntry.Area.MONEY, "payments.Payment": AuditEntry.Area.MONEY,
    "payments.Refund": AuditEntry.Area.MONEY, "payments.LedgerEntry": AuditEntry.Area.MONEY,
    "payments.PaymentDeclaration": AuditEntry.Area.CUSTOMS, "payments.PaymentDataRequest": AuditEntry.Area.CUSTOMS, "returns.ReturnRequest": AuditEntry.Area.MONEY,
    "returns.OrderCancellation": AuditEntry.Area.MONEY, "declarations.TaxBillCheck": AuditEntry.Area.CUSTOMS,
    "compliance.QuotaEntry": AuditEntry.Area.MONEY, "compliance.QuotaAccount": AuditEntry.Area.MONEY,
    "inventory.Stock": AuditEntry.Area.STOCK, "inventory.Allocation": AuditEntry.Area.STOCK,
    "catalog.Listing": AuditEntry.Area.CATALOG, "catalog.Sku": AuditEntry.Area.CUSTOMS,
    "declarations.Declaration": AuditEntry.Area.CUSTOMS, "declarations.OutboxMessage": AuditEntry.Area.CUSTOMS,
    "declarations.Shipment": AuditEntry.Area.CUSTOMS, "consolidation.ReviewItem": AuditEntry.Area.PERSONAL_DATA,
    "accounts.Customer": AuditEntry.Area.PERSONAL_DATA, "accounts.Identity": AuditEntry.Area.PERSONAL_DATA,
    "accounts.Address": AuditEntry.Area.PERSONAL_DATA, "accounts.ApiToken": AuditEntry.Area.ACCESS,
    "auth.User": AuditEntry.Area.ACCESS, "auth.Group": AuditEntry.Area.ACCESS,
    "operators.BrandMembership": AuditEntry.Area.ACCESS, "operators.OperatorProfile": AuditEntry.Area.MONEY,
}


class BrandScopedMixin:
    def get_queryset(self, request):
        return services.scoped(super().get_queryset(request), request.user)

    def get_list_filter(self, request):
        # A related-field filter lists every row of the related table (every brand's name, say); for a
        # brand-scoped user list only the values present in their rows.
        filters = super().get_list_filter(request)
        if services.brand_ids(request.user) is None:
            return filters
        return [(spec, admin.RelatedOnlyFieldListFilter) if isinstance(spec, str) and _is_relation(self.model, spec)
                else spec for spec in filters]

    def get_field_queryset(self, db, db_field, request):
        # Foreign-key choices in forms and the related-field list filters.
        qs = super().get_field_queryset(db, db_field, request)
        if qs is None:
            qs = db_field.remote_field.model._default_manager.using(db)
        return services.scoped(qs, request.user)


class AuditedAdminMixin(BrandScopedMixin):
    def _area(self):
        return AUDITED.get(self.model._meta.label)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if self._area():
            services.audit(request.user, self._area(), "change" if change else "add", obj,
                           detail={"fields": sorted(form.changed_data)})

    def delete_model(self, request, obj):
        if self._area():
            services.audit(request.user, self._area(), "delete", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if self._area():
            for obj in queryset:
                services.audit(request.user, self._area(), "delete", obj)
        super().delete_queryset(request, queryset)

    def response_action(self, request, queryset):
        name = request.POST.get("action", "")
        selected = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        response = super().response_action(request, queryset)
        if self._area() and name:
            codes = sorted({code for obj in queryset.filter(pk__in=selected)
                            for code in [getattr(getattr(obj, "brand", None), "code", "")]} - {""})
            services.audit(request.user, self._area(), f"action:{name}", None,
                           target_type=self.model._meta.label, brand_code=",".join(codes)[:32],
                           detail={"selected": selected[:100], "count": len(selected)})
        return response


def _is_relation(model, path: str) -> bool:
    field = None
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not field.is_relation:
            return False
        model = field.related_model
    return field is not None and field.is_relation


def _wrap(cls, mixin):
    if issubclass(cls, mixin):
        return cls
    return type(cls.__name__, (mixin, cls), {"__module__": cls.__module__, "__doc__": cls.__doc__})


def scope_registered_admins(site=admin.site) -> None:
    for model_admin in site._registry.values():
        model_admin.__class__ = _wrap(type(model_admin), AuditedAdminMixin)
        model_admin.inlines = [_wrap(inline, BrandScopedMixin) for inline in model_admin.inlines]
