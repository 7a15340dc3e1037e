"""Brands (storefronts sharing one backend) and merchants (who sell through them)."""

from django.core.validators import RegexValidator
from django.db import models

from .theme import DEFAULT_ACCENT, DEFAULT_PRIMARY, DEFAULT_THEME

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Write the colour as #rrggbb.")


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
    # Any colour is accepted; the storefront renders the nearest shade readable at WCAG 4.5 (theme.py).
    primary_color = models.CharField(max_length=7, default=DEFAULT_PRIMARY, validators=[HEX_COLOUR])
    accent_color = models.CharField(max_length=7, default=DEFAULT_ACCENT, validators=[HEX_COLOUR])
    theme = models.CharField(max_length=32, default=DEFAULT_THEME, help_text="storefront stylesheet name")
    host = models.CharField(max_length=120, blank=True, help_text="optional host name served as this brand")
    default_language = models.CharField(max_length=8, default="zh-hans", choices=[("zh-hans", "简体中文"), ("en", "English")])
    price_display = models.CharField(max_length=16, choices=PriceDisplay.choices, default=PriceDisplay.TAX_INCLUSIVE)
    risk_notice = models.TextField(help_text="cross-border risk notice (zh) the buyer must accept")
    risk_notice_en = models.TextField()
    freight_flat = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    free_freight_over = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # Buyers see only active brands (storefront 404, API hides it). A consolidated brand starts
    # inactive and waits for an operator (admin action or `haitao brand activate CODE`).
    active = models.BooleanField(default=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.CharField(max_length=60, blank=True)

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
