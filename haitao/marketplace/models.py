"""The marketplace side: commission rates, exchange rates, settlements per merchant and month, and
the merchant portal's logins and API tokens. Written only by :mod:`haitao.marketplace.services`."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommissionRate(models.Model):
    """The platform's commission, a fraction of goods sold. Empty keys match anything; the most
    specific row wins (merchant, then brand, then category — rules.settlement.pick_rate)."""

    merchant = models.ForeignKey("brands.Merchant", verbose_name=_("merchant"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+", help_text=_("empty: every merchant"))
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+", help_text=_("empty: every brand"))
    category = models.ForeignKey("catalog.Category", verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+", help_text=_("empty: every category"))
    rate = models.DecimalField(verbose_name=_("rate"), max_digits=5, decimal_places=4,
                               help_text=_("a fraction: 0.0800 is 8%"))

    class Meta:
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        ordering = ["merchant", "brand", "category"]

    def __str__(self):
        keys = [str(x) for x in (self.merchant, self.brand, self.category) if x is not None] or ["default"]
        return f"{' / '.join(keys)}: {self.rate:%}"


class ExchangeRate(models.Model):
    """CNY for one unit of a settlement currency on a date, as an operator recorded it from a source
    (e.g. the PBOC central parity). A settlement cites the rate it used."""

    currency = models.CharField(verbose_name=_("currency"), max_length=3)
    cny_per_unit = models.DecimalField(verbose_name=_("CNY per unit"), max_digits=18, decimal_places=8)
    rate_date = models.DateField(verbose_name=_("rate date"))
    source = models.CharField(verbose_name=_("source"), max_length=120)
    recorded_by = models.CharField(verbose_name=_("recorded by"), max_length=150)
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-rate_date"]
        constraints = [models.UniqueConstraint(fields=["currency", "rate_date"], name="one_rate_per_currency_day")]

    def __str__(self):
        return f"{self.currency} {self.rate_date}: {self.cny_per_unit} CNY"


class Settlement(models.Model):
    """What the platform owes one merchant for one month. A draft is recomputed from the orders on
    every run; a closed one never changes again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CLOSED = "closed", _("Closed")

    merchant = models.ForeignKey("brands.Merchant", verbose_name=_("merchant"), on_delete=models.PROTECT,
                                 related_name="settlements")
    period = models.CharField(verbose_name=_("period"), max_length=7, help_text=_("YYYY-MM, Asia/Shanghai"))
    status = models.CharField(verbose_name=_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    currency = models.CharField(verbose_name=_("settlement currency"), max_length=3)
    cny_per_unit = models.DecimalField(verbose_name=_("CNY per unit"), max_digits=18, decimal_places=8)
    rate_date = models.DateField(verbose_name=_("rate date"), null=True, blank=True)
    rate_source = models.CharField(verbose_name=_("rate source"), max_length=120)
    sales = models.DecimalField(verbose_name=_("sales"), max_digits=14, decimal_places=2, default=0)
    refunds = models.DecimalField(verbose_name=_("refunds"), max_digits=14, decimal_places=2, default=0)
    returns = models.DecimalField(verbose_name=_("returns"), max_digits=14, decimal_places=2, default=0)
    net_sales = models.DecimalField(verbose_name=_("net sales"), max_digits=14, decimal_places=2, default=0)
    commission = models.DecimalField(verbose_name=_("commission"), max_digits=14, decimal_places=2, default=0)
    tax_collected = models.DecimalField(verbose_name=_("tax collected for customs"), max_digits=14,
                                        decimal_places=2, default=0)
    net_payable_cny = models.DecimalField(verbose_name=_("net payable (CNY)"), max_digits=14, decimal_places=2,
                                          default=0)
    net_payable = models.DecimalField(verbose_name=_("net payable (settlement currency)"), max_digits=16,
                                      decimal_places=2, default=0)
    computed_at = models.DateTimeField(verbose_name=_("computed at"))
    computed_by = models.CharField(verbose_name=_("computed by"), max_length=150)
    closed_at = models.DateTimeField(verbose_name=_("closed at"), null=True, blank=True)
    closed_by = models.CharField(verbose_name=_("closed by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["-period", "merchant"]
        constraints = [models.UniqueConstraint(fields=["merchant", "period"], name="one_settlement_per_merchant_month")]

    def __str__(self):
        return f"{self.merchant.code} {self.period} {self.net_payable} {self.currency}"


class SettlementLine(models.Model):
    """One sale, refund or return of one order line on a settlement: signed CNY amounts."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        REFUND = "refund", _("Refund")
        RETURN = "return", _("Return")

    settlement = models.ForeignKey(Settlement, verbose_name=_("settlement"), on_delete=models.CASCADE,
                                   related_name="lines")
    kind = models.CharField(verbose_name=_("kind"), max_length=8, choices=Kind.choices)
    occurred_at = models.DateTimeField(verbose_name=_("occurred at"))
    order_number = models.CharField(verbose_name=_("order number"), max_length=32)
    reference = models.CharField(verbose_name=_("reference"), max_length=40, blank=True,
                                 help_text=_("the refund or return it comes from"))
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("catalog.Category", verbose_name=_("category"), null=True,
                                 on_delete=models.PROTECT, related_name="+")
    sku_code = models.CharField(verbose_name=_("SKU code"), max_length=40)
    quantity = models.IntegerField(verbose_name=_("quantity"))
    goods = models.DecimalField(verbose_name=_("goods (CNY)"), max_digits=14, decimal_places=2)
    tax = models.DecimalField(verbose_name=_("tax (CNY)"), max_digits=14, decimal_places=2)
    commission_rate = models.DecimalField(verbose_name=_("commission rate"), max_digits=5, decimal_places=4)
    commission = models.DecimalField(verbose_name=_("commission (CNY)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("settlement line")
        verbose_name_plural = _("settlement lines")
        ordering = ["settlement", "occurred_at", "id"]

    def __str__(self):
        return f"{self.kind} {self.order_number} {self.sku_code} {self.goods}"


class MerchantUser(models.Model):
    """A person who signs in to the merchant portal for one merchant. Not staff: the admin and the
    operator pages refuse them; the portal shows their merchant's data only."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager: everything of the merchant")
        STAFF = "staff", _("Staff: offers, orders and returns")
        ACCOUNTANT = "accountant", _("Accountant: settlements")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="merchant_user")
    merchant = models.ForeignKey("brands.Merchant", verbose_name=_("merchant"), on_delete=models.CASCADE,
                                 related_name="portal_users")
    role = models.CharField(verbose_name=_("role"), max_length=12, choices=Role.choices)
    active = models.BooleanField(verbose_name=_("active"), default=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchant portal user")
        verbose_name_plural = _("merchant portal users")
        ordering = ["merchant", "user"]

    def __str__(self):
        return f"{self.user} ({self.merchant.code}, {self.role})"


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class MerchantToken(models.Model):
    """A bearer token for /api/v1/merchant/…, bound to one merchant user; only its hash is stored. The
    shop API does not know these tokens, and the merchant API knows no other."""

    merchant_user = models.ForeignKey(MerchantUser, verbose_name=_("merchant portal user"), on_delete=models.CASCADE,
                                      related_name="tokens")
    name = models.CharField(verbose_name=_("name"), max_length=60, default="default")
    prefix = models.CharField(verbose_name=_("prefix"), max_length=8)
    key_hash = models.CharField(verbose_name=_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    revoked = models.BooleanField(verbose_name=_("revoked"), default=False)

    class Meta:
        verbose_name = _("merchant API token")
        verbose_name_plural = _("merchant API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.merchant_user})"
