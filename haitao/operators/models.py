"""Who operates which brand, how far they may refund, and the audit log of what operators did.

Roles themselves are Django groups (see roles.py); these tables add the brand scope a group cannot
express and the log that must outlive the rows it talks about (so no foreign keys to them).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BrandMembership(models.Model):
    """A staff user acts for this brand. No membership and no `all_brands` permission: sees nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="brand_memberships")
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("brand membership")
        verbose_name_plural = _("brand memberships")
        ordering = ["user", "brand"]
        constraints = [models.UniqueConstraint(fields=["user", "brand"], name="one_membership_per_user_brand")]
        # Permissions that belong to no single table; roles.py grants them to groups.
        permissions = [
            ("all_brands", _("Can act for every brand")),
            ("view_dashboard", _("Can view the operator dashboard")),
            ("reveal_id_number", _("Can reveal a buyer's full ID number (audited)")),
            ("refund_order", _("Can refund orders up to their refund limit")),
        ]

    def __str__(self):
        return f"{self.user} → {self.brand}"


class OperatorProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="operator_profile")
    refund_limit = models.DecimalField(verbose_name=_("refund limit (CNY)"), max_digits=12, decimal_places=2,
                                       default=0, help_text=_("largest refund this operator may give alone"))

    class Meta:
        verbose_name = _("operator profile")
        verbose_name_plural = _("operator profiles")

    def __str__(self):
        return str(self.user)


class AuditQuerySet(models.QuerySet):
    """The log only grows: bulk deletes and updates are refused (a deleted user's entries keep the name)."""

    def delete(self):
        raise PermissionError("the audit log cannot be deleted")

    def update(self, **kwargs):
        raise PermissionError("the audit log cannot be changed")


class AuditEntry(models.Model):
    """One operator action on money, stock, customs or personal data. Written once, never changed."""

    class Area(models.TextChoices):
        MONEY = "money", _("Money")
        STOCK = "stock", _("Stock")
        CUSTOMS = "customs", _("Customs")
        PERSONAL_DATA = "personal_data", _("Personal data")
        CATALOG = "catalog", _("Listings and prices")
        ACCESS = "access", _("Roles and access")

    created_at = models.DateTimeField(verbose_name=_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("operator"), null=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(verbose_name=_("operator name"), max_length=150,
                                  help_text=_("kept when the account is deleted"))
    via = models.CharField(verbose_name=_("via"), max_length=10, help_text=_("admin, api or cli"))
    area = models.CharField(verbose_name=_("area"), max_length=16, choices=Area.choices, db_index=True)
    action = models.CharField(verbose_name=_("action"), max_length=60)
    target_type = models.CharField(verbose_name=_("object type"), max_length=60)
    target_id = models.CharField(verbose_name=_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(verbose_name=_("object"), max_length=200, blank=True)
    brand_code = models.CharField(verbose_name=_("brand"), max_length=32, blank=True, db_index=True)
    detail = models.JSONField(verbose_name=_("detail"), default=dict, blank=True,
                              help_text=_("what changed; never personal data in clear"))

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("an audit entry cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("an audit entry cannot be deleted")
