"""Brands (storefronts sharing one backend) and merchants (who sell through them)."""

from django.db import models


class Brand(models.Model):
    """A storefront with its own name, look, listings and prices, like a Saleor channel."""

    class Kind(models.TextChoices):
        MARKETPLACE = "marketplace", "Marketplace of overseas merchants"
        SELF_OPERATED = "self_operated", "Mostly self-operated"

    class PriceDisplay(models.TextChoices):
        TAX_INCLUSIVE = "tax_inclusive", "Tax-inclusive prices"
        TAX_SEPARATE = "tax_separate", "Tax shown separately"

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=80)
    name_en = models.CharField(max_length=80)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    tagline = models.CharField(max_length=200, blank=True)
    tagline_en = models.CharField(max_length=200, blank=True)
    primary_color = models.CharField(max_length=7, default="#c40000")
    accent_color = models.CharField(max_length=7, default="#ffffff")
    theme = models.CharField(max_length=32, default="classic", help_text="storefront stylesheet name")
    host = models.CharField(max_length=120, blank=True, help_text="optional host name served as this brand")
    default_language = models.CharField(max_length=8, default="zh-hans", choices=[("zh-hans", "简体中文"), ("en", "English")])
    price_display = models.CharField(max_length=16, choices=PriceDisplay.choices, default=PriceDisplay.TAX_INCLUSIVE)
    risk_notice = models.TextField(help_text="cross-border risk notice (zh) the buyer must accept")
    risk_notice_en = models.TextField()
    freight_flat = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    free_freight_over = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Merchant(models.Model):
    """Who sells: the platform itself (self-operated stock) or an overseas marketplace seller."""

    class Kind(models.TextChoices):
        SELF_OPERATED = "self_operated", "Self-operated"
        MARKETPLACE = "marketplace", "Marketplace"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    ebc_code = models.CharField(max_length=18, help_text="customs registration code of the e-commerce enterprise")
    ebc_name = models.CharField(max_length=100)
    currency = models.CharField(max_length=3, default="CNY")

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name
