"""One customer account across every brand; the buyer's real-name identity; addresses; API tokens.

ID numbers, phones and street addresses are stored encrypted (EncryptedTextField) with a masked copy
for display and search, and the ID number's keyed hash for the quota ledger.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from haitao.common.crypto import EncryptedTextField


class Customer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="customer")
    display_name = models.CharField(max_length=60)
    phone = EncryptedTextField(blank=True)
    phone_masked = models.CharField(max_length=20, blank=True)
    preferred_language = models.CharField(max_length=8, default="zh-hans")
    signup_brand = models.ForeignKey("brands.Brand", null=True, blank=True, on_delete=models.SET_NULL,
                                     help_text="where the account was created; it works in every brand")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.display_name} <{self.user.email or self.user.username}>"


class Identity(models.Model):
    """The orderer's real name and resident ID number; the quota ledger belongs to this person."""

    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="identity")
    real_name = models.CharField(max_length=60)
    id_number = EncryptedTextField()
    id_masked = models.CharField(max_length=18)
    id_hash = models.CharField(max_length=64, db_index=True, help_text="HMAC of the ID number")
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.CharField(max_length=40, blank=True, help_text="real-name verification provider")
    owner = models.BooleanField(default=True, help_text="the account this ID number is bound to: only its "
                                "orders may use the person's quota (one per ID number)")

    class Meta:
        verbose_name_plural = "identities"
        constraints = [models.UniqueConstraint(fields=["id_hash"], condition=models.Q(owner=True),
                                               name="one_owner_account_per_id_number")]

    def __str__(self):
        return f"{self.real_name} {self.id_masked}"


class IdentityAttempt(models.Model):
    """Another account tried to order with an ID number bound to an account: the owner sees these."""

    id_hash = models.CharField(max_length=64, db_index=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identity_attempts",
                                 help_text="the account that tried")
    real_name_masked = models.CharField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class Address(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    consignee = models.CharField(max_length=100)
    phone = EncryptedTextField()
    phone_masked = models.CharField(max_length=20)
    province = models.CharField(max_length=30)
    city = models.CharField(max_length=30)
    district = models.CharField(max_length=30)
    district_code = models.CharField(max_length=6, blank=True, help_text="GB/T 2260 code (consigneeDistrict)")
    detail = EncryptedTextField()
    is_default = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "addresses"

    def __str__(self):
        return f"{self.consignee} {self.province}{self.city}{self.district} ***"

    def full_address(self) -> str:
        return f"{self.province}{self.city}{self.district}{self.detail}"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def authenticate(self, raw: str):
        # One query gives the token, its user, the customer and their identity: the order hot path needs all four.
        return (self.select_related("user__customer__identity")
                .filter(key_hash=_digest(raw), revoked=False, expires_at__gt=timezone.now()).first())


class ApiToken(models.Model):
    """A bearer token for the REST API; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60, default="default")
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, help_text="refused from then on (settings.API_TOKEN_TTL_DAYS)")
    revoked = models.BooleanField(default=False)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user, name: str = "default") -> tuple["ApiToken", str]:
        raw = "ht_" + secrets.token_urlsafe(32)
        expires_at = timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], key_hash=_digest(raw), expires_at=expires_at)
        return token, raw
