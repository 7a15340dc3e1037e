"""Accounts in the admin. Personal data shows only masked: encrypted fields (ID number, phones,
street addresses) never reach a form, a list or a search; an ID number typed into the search box is
matched by its keyed hash, never stored or compared in clear."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from haitao.common.crypto import id_hash
from haitao.rules import identity as id_rules

from .models import Address, ApiToken, Customer, Identity, IdentityAttempt


class IdNumberSearchMixin:
    """A search term that is a valid resident ID number finds rows by `id_hash_field` (the HMAC)."""

    id_hash_field = "id_hash"

    def get_search_results(self, request, queryset, search_term):
        term = (search_term or "").strip()
        try:
            number = id_rules.validate_resident_id(term)
        except (id_rules.InvalidIdNumber, ValueError):
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(**{self.id_hash_field: id_hash(number)}), False


class NoWritesMixin:
    """View-only: these rows change only through the services that own them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWritesMixin, admin.ModelAdmin):
    pass


class ReadOnlyInline(NoWritesMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class AddressInline(admin.TabularInline):
    model = Address
    extra = 0
    fields = ("consignee", "phone_masked", "province", "city", "district", "district_code", "is_default")
    readonly_fields = ("consignee", "phone_masked", "province", "city", "district", "district_code")

    def has_add_permission(self, request, obj=None):
        return False  # an address needs a phone and a street, which the admin never handles


@admin.register(Customer)
class CustomerAdmin(IdNumberSearchMixin, admin.ModelAdmin):
    id_hash_field = "identity__id_hash"
    list_display = ("display_name", "email", "phone_masked", "signup_brand", "preferred_language", "identity_masked",
                    "created_at")
    list_filter = ("signup_brand", "preferred_language", ("identity", admin.EmptyFieldListFilter))
    list_select_related = ("user", "signup_brand", "identity")
    search_fields = ("display_name", "user__email", "user__username")
    date_hierarchy = "created_at"
    exclude = ("phone",)
    readonly_fields = ("user", "phone_masked", "identity_masked", "created_at")
    fields = ("user", "display_name", "phone_masked", "preferred_language", "signup_brand", "identity_masked",
              "created_at")
    inlines = (AddressInline,)

    def has_add_permission(self, request):
        return False  # accounts are created by sign-up (accounts.services.register)

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("identity"))
    def identity_masked(self, obj):
        identity = getattr(obj, "identity", None)
        return f"{id_rules.mask_name(identity.real_name)} {identity.id_masked}" if identity else "-"


@admin.register(Identity)
class IdentityAdmin(IdNumberSearchMixin, ReadOnlyAdmin):
    list_display = ("masked_name", "id_masked", "customer", "owner", "verified_at", "verified_by")
    list_filter = ("verified_by", "owner", ("verified_at", admin.EmptyFieldListFilter))
    list_select_related = ("customer__user",)
    search_fields = ("customer__user__email", "customer__display_name")
    fields = ("customer", "real_name", "id_masked", "id_hash", "owner", "verified_at", "verified_by")

    @admin.display(description=_("real name"))
    def masked_name(self, obj):
        return id_rules.mask_name(obj.real_name)


@admin.register(IdentityAttempt)
class IdentityAttemptAdmin(ReadOnlyAdmin):
    """Accounts refused for ordering with an ID number bound to another account (quota griefing)."""

    list_display = ("real_name_masked", "customer", "created_at")
    list_select_related = ("customer__user",)
    search_fields = ("customer__user__email",)
    date_hierarchy = "created_at"
    fields = ("id_hash", "customer", "real_name_masked", "created_at")


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ("consignee", "phone_masked", "province", "city", "district", "customer", "is_default")
    list_filter = ("is_default", "province")
    list_select_related = ("customer__user",)
    search_fields = ("consignee", "province", "city", "district", "customer__user__email")
    exclude = ("phone", "detail")
    readonly_fields = ("customer", "phone_masked", "street")
    fields = ("customer", "consignee", "phone_masked", "province", "city", "district", "district_code", "street",
              "is_default")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("street"))
    def street(self, obj):
        return _("*** (encrypted)")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "revoked")
    list_filter = ("revoked",)
    list_select_related = ("user",)
    search_fields = ("prefix", "name", "user__username", "user__email")
    date_hierarchy = "created_at"
    fields = ("user", "name", "prefix", "created_at", "revoked")
    readonly_fields = ("user", "name", "prefix", "created_at")
    actions = ("revoke",)

    def has_add_permission(self, request):
        return False  # issued through the API or CLI, where the raw token can be shown once

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request, queryset):
        n = queryset.update(revoked=True)
        self.message_user(request, ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", n) % {"n": n})
