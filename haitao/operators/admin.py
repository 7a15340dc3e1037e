"""Roles in the admin: brand memberships and refund limits (the groups themselves are Django's own
pages), and the audit log, which nobody — not even a superuser — can add to, change or delete here."""

from django.contrib import admin

from .models import AuditEntry, BrandMembership, OperatorProfile


@admin.register(BrandMembership)
class BrandMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "brand")
    list_filter = ("brand",)
    list_select_related = ("user", "brand")
    search_fields = ("user__username", "user__email", "brand__code")
    autocomplete_fields = ("user",)


@admin.register(OperatorProfile)
class OperatorProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "refund_limit")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_name", "via", "area", "action", "target_type", "target_repr", "brand_code")
    list_filter = ("area", "via", "brand_code", "action", "created_at")
    search_fields = ("actor_name", "action", "target_type", "target_id", "target_repr")
    date_hierarchy = "created_at"
    fields = ("created_at", "actor_name", "via", "area", "action", "target_type", "target_id", "target_repr",
              "brand_code", "detail")
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
