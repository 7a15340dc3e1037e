from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from haitao.common.errors import DomainError

from . import services
from .models import Brand, DomesticAgent, Merchant, MerchantBankAccount, MerchantDocument, MerchantStatusChange


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "kind", "price_display", "default_language", "host", "active")
    list_filter = ("active", "kind", "price_display", "default_language")
    search_fields = ("code", "name", "name_en", "host")
    fieldsets = (
        (None, {"fields": ("code", "name", "name_en", "kind", "active", "activated_at", "activated_by")}),
        (_("Storefront"), {"fields": ("tagline", "tagline_en", "theme", "primary_color", "accent_color", "contrast",
                                   "host", "default_language", "price_display")}),
        (_("Cross-border risk notice"), {"fields": ("risk_notice", "risk_notice_en")}),
        (_("Freight"), {"fields": ("freight_flat", "free_freight_over")}),
    )

    actions = ["activate", "deactivate"]

    def get_readonly_fields(self, request, obj=None):
        # The code appears in URLs, carts and order history: fixed once the brand exists. Whether
        # buyers see it changes through the actions (brands.services), which record who and when.
        if obj is None:
            return ("activated_at", "activated_by", "contrast")
        return ("code", "active", "activated_at", "activated_by", "contrast")

    @admin.display(description=_("text contrast (WCAG, >= 4.5)"))
    def contrast(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return "; ".join(f"{where} {ratio}:1" for where, _fg, _bg, ratio in services.brand_contrast(obj))

    def _each(self, request, queryset, change, done: str):
        for brand in queryset:
            try:
                change(brand.code, actor=f"operator:{request.user.get_username()}")
            except DomainError as exc:
                self.message_user(request, f"{brand.code}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{brand.code}: {done}", messages.SUCCESS)

    @admin.action(description=_("Activate: buyers see the storefront and API"))
    def activate(self, request, queryset):
        self._each(request, queryset, services.activate_brand, _("active, visible to buyers"))

    @admin.action(description=_("Deactivate: hide from buyers"))
    def deactivate(self, request, queryset):
        self._each(request, queryset, services.deactivate_brand, _("inactive, hidden from buyers"))


class DomesticAgentForm(forms.ModelForm):
    class Meta:
        model = DomesticAgent
        fields = ("name", "uscc", "customs_code", "contact_name", "contact_email")

    def clean_uscc(self):
        value = self.cleaned_data["uscc"].strip().upper()
        if not services.valid_uscc(value):
            raise forms.ValidationError(_("The unified social credit code fails its check (GB 32100)."))
        return value


@admin.register(DomesticAgent)
class DomesticAgentAdmin(admin.ModelAdmin):
    form = DomesticAgentForm
    list_display = ("name", "uscc", "customs_code", "contact_name", "contact_phone_masked", "contact_email")
    search_fields = ("name", "uscc", "customs_code")
    fields = ("name", "uscc", "customs_code", "contact_name", "contact_phone_masked", "contact_email")
    readonly_fields = ("contact_phone_masked",)


class BankAccountForm(forms.ModelForm):
    """The account number is write-only: typed in, stored encrypted (brands.services), shown masked."""

    new_account_number = forms.CharField(label=_("new bank account number"), required=False,
                                         help_text=_("leave empty to keep the current one"))

    class Meta:
        model = MerchantBankAccount
        fields = ("bank_name", "swift")

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not data.get("new_account_number"):
            raise forms.ValidationError(_("Type the account number."))
        return data


class BankAccountInline(admin.StackedInline):
    model = MerchantBankAccount
    form = BankAccountForm
    fields = ("bank_name", "swift", "account_masked", "new_account_number")
    readonly_fields = ("account_masked",)
    can_delete = False


class DocumentInline(admin.TabularInline):
    model = MerchantDocument
    extra = 0
    fields = ("kind", "file", "reference", "expires_on", "added_at")
    readonly_fields = ("added_at",)


class StatusChangeInline(admin.TabularInline):
    model = MerchantStatusChange
    extra = 0
    fields = ("created_at", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Merchant)
class MerchantAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "country", "ebc_code", "agent", "currency", "status")
    list_filter = ("status", "kind", "country", "currency")
    search_fields = ("code", "name", "legal_name", "ebc_code", "ebc_name")
    filter_horizontal = ("brands",)
    inlines = [BankAccountInline, DocumentInline, StatusChangeInline]
    fieldsets = (
        (None, {"fields": ("code", "name", "legal_name", "kind", "country", "status", "status_changed_at",
                           "status_changed_by")}),
        (_("Customs"), {"fields": ("ebc_code", "ebc_name", "agent")}),
        (_("Settlement"), {"fields": ("currency",)}),
        (_("Brands it may sell in"), {"fields": ("brands",)}),
    )
    actions = ["approve", "reject", "suspend"]

    def get_readonly_fields(self, request, obj=None):
        # The approval state moves only through the actions (brands.services.decide), which audit it.
        fixed = ("status", "status_changed_at", "status_changed_by")
        return (("code",) if obj is not None else ()) + fixed

    def save_formset(self, request, form, formset, change):
        if formset.model is not MerchantBankAccount:
            return super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:  # through the service: encrypted, masked, validated
            data = getattr(inline_form, "cleaned_data", None) or {}
            if data.get("bank_name") and (data.get("new_account_number") or inline_form.instance.pk):
                services.set_bank_account(form.instance, bank_name=data["bank_name"], swift=data.get("swift", ""),
                                          account=data.get("new_account_number") or inline_form.instance.account_number)
        # The admin's change message reads what a formset saved; the service saved it instead.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def _decide(self, request, queryset, to_status):
        for merchant in queryset:
            try:
                services.decide(merchant, to_status, actor=f"operator:{request.user.get_username()}")
            except DomainError as exc:
                self.message_user(request, f"{merchant.code}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{merchant.code}: {to_status}", messages.SUCCESS)

    @admin.action(description=_("Approve: may sell in its brands"))
    def approve(self, request, queryset):
        self._decide(request, queryset, Merchant.Status.APPROVED)

    @admin.action(description=_("Reject the application"))
    def reject(self, request, queryset):
        self._decide(request, queryset, Merchant.Status.REJECTED)

    @admin.action(description=_("Suspend: its listings stop selling"))
    def suspend(self, request, queryset):
        self._decide(request, queryset, Merchant.Status.SUSPENDED)


@admin.register(MerchantBankAccount)
class MerchantBankAccountAdmin(admin.ModelAdmin):
    """Finance's list of where settlements go: the number masked (change it on the merchant's page)."""

    list_display = ("merchant", "bank_name", "swift", "account_masked", "updated_at")
    fields = ("merchant", "bank_name", "swift", "account_masked", "updated_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("account_number")

    def has_add_permission(self, request):
        return False


@admin.register(MerchantDocument)
class MerchantDocumentAdmin(admin.ModelAdmin):
    list_display = ("merchant", "kind", "reference", "file", "expires_on", "added_at")
    list_filter = ("kind",)
    date_hierarchy = "expires_on"


@admin.register(MerchantStatusChange)
class MerchantStatusChangeAdmin(admin.ModelAdmin):
    """The audit of approval decisions: read only, for everyone."""

    list_display = ("created_at", "merchant", "from_status", "to_status", "actor", "note")
    list_filter = ("to_status",)
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
