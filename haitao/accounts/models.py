"""One customer account across every brand; the buyer's real-name identity; addresses; API tokens.

ID numbers, phones and street addresses are stored encrypted (EncryptedTextField) with a masked copy
for display and search, and the ID number's keyed hash for the quota ledger.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from haitao.common.crypto import EncryptedTextField
from haitao.rules.identity import mask_address


class Customer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="customer")
    display_name = models.CharField(verbose_name=_("display name"), max_length=60)
    phone = EncryptedTextField(verbose_name=_("phone"), blank=True)
    phone_masked = models.CharField(verbose_name=_("phone (masked)"), max_length=20, blank=True)
    preferred_language = models.CharField(verbose_name=_("preferred language"), max_length=8, default="zh-hans")
    signup_brand = models.ForeignKey("brands.Brand", verbose_name=_("signup brand"), null=True, blank=True,
                                     on_delete=models.SET_NULL,
                                     help_text=_("where the account was created; it works in every brand"))
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.display_name} <{self.user.email or self.user.username}>"


class Identity(models.Model):
    """The orderer's real name and resident ID number; the quota ledger belongs to this person."""

    customer = models.OneToOneField(Customer, verbose_name=_("customer"), on_delete=models.CASCADE,
                                    related_name="identity")
    real_name = models.CharField(verbose_name=_("real name"), max_length=60)
    id_number = EncryptedTextField(verbose_name=_("ID number"))
    id_masked = models.CharField(verbose_name=_("ID number (masked)"), max_length=18)
    id_hash = models.CharField(verbose_name=_("ID number hash"), max_length=64, db_index=True,
                               help_text=_("HMAC of the ID number"))
    verified_at = models.DateTimeField(verbose_name=_("verified at"), null=True, blank=True)
    verified_by = models.CharField(verbose_name=_("verified by"), max_length=40, blank=True,
                                   help_text=_("real-name verification provider"))

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self):
        return f"{self.real_name} {self.id_masked}"


class Address(models.Model):
    customer = models.ForeignKey(Customer, verbose_name=_("customer"), on_delete=models.CASCADE,
                                 related_name="addresses")
    consignee = models.CharField(verbose_name=_("consignee"), max_length=100)
    phone = EncryptedTextField(verbose_name=_("phone"))
    phone_masked = models.CharField(verbose_name=_("phone (masked)"), max_length=20)
    province = models.CharField(verbose_name=_("province"), max_length=30)
    city = models.CharField(verbose_name=_("city"), max_length=30)
    district = models.CharField(verbose_name=_("district"), max_length=30)
    district_code = models.CharField(verbose_name=_("district code"), max_length=6, blank=True,
                                     help_text=_("GB/T 2260 code (consigneeDistrict)"))
    detail = EncryptedTextField(verbose_name=_("detail"))
    is_default = models.BooleanField(verbose_name=_("default"), default=False)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return f"{self.consignee} {mask_address(self.province, self.city, self.district)}"

    def full_address(self) -> str:
        return f"{self.province}{self.city}{self.district}{self.detail}"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def authenticate(self, raw: str):
        # One query gives the token, its user, the customer and their identity: the order hot path needs all four.
        return (self.select_related("user__customer__identity")
                .filter(key_hash=_digest(raw), revoked=False).first())


class ApiToken(models.Model):
    """A bearer token for the REST API; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(verbose_name=_("name"), max_length=60, default="default")
    prefix = models.CharField(verbose_name=_("prefix"), max_length=8)
    key_hash = models.CharField(verbose_name=_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    revoked = models.BooleanField(verbose_name=_("revoked"), default=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user, name: str = "default") -> tuple["ApiToken", str]:
        raw = "ht_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], key_hash=_digest(raw))
        return token, raw
