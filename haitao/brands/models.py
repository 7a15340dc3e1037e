"""Brands (storefronts sharing one backend) and merchants (who sell through them)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .theme import DEFAULT_ACCENT, DEFAULT_PRIMARY, DEFAULT_THEME

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as #rrggbb."))


class Brand(models.Model):
    """A storefront with its own name, look, listings and prices, like a Saleor channel."""

    class Kind(models.TextChoices):
        MARKETPLACE = "marketplace", _("Marketplace of overseas merchants")
        SELF_OPERATED = "self_operated", _("Mostly self-operated")

    class PriceDisplay(models.TextChoices):
        TAX_INCLUSIVE = "tax_inclusive", _("Tax-inclusive prices")
        TAX_SEPARATE = "tax_separate", _("Tax shown separately")

    code = models.SlugField(verbose_name=_("code"), max_length=32, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=80)
    name_en = models.CharField(verbose_name=_("English name"), max_length=80)
    kind = models.CharField(verbose_name=_("kind"), max_length=16, choices=Kind.choices)
    tagline = models.CharField(verbose_name=_("tagline"), max_length=200, blank=True)
    tagline_en = models.CharField(verbose_name=_("English tagline"), max_length=200, blank=True)
    # Any colour is accepted; the storefront renders the nearest shade readable at WCAG 4.5 (theme.py).
    primary_color = models.CharField(verbose_name=_("primary color"), max_length=7, default=DEFAULT_PRIMARY,
                                     validators=[HEX_COLOUR])
    accent_color = models.CharField(verbose_name=_("accent color"), max_length=7, default=DEFAULT_ACCENT,
                                    validators=[HEX_COLOUR])
    theme = models.CharField(verbose_name=_("theme"), max_length=32, default=DEFAULT_THEME,
                             help_text=_("storefront stylesheet name"))
    host = models.CharField(verbose_name=_("host"), max_length=120, blank=True,
                            help_text=_("optional host name served as this brand"))
    default_language = models.CharField(verbose_name=_("default language"), max_length=8, default="zh-hans",
                                        choices=[("zh-hans", "简体中文"), ("en", "English")])
    price_display = models.CharField(verbose_name=_("price display"), max_length=16, choices=PriceDisplay.choices,
                                     default=PriceDisplay.TAX_INCLUSIVE)
    risk_notice = models.TextField(verbose_name=_("risk notice"),
                                   help_text=_("cross-border risk notice (zh) the buyer must accept"))
    risk_notice_en = models.TextField(verbose_name=_("risk notice (English)"))
    freight_flat = models.DecimalField(verbose_name=_("freight flat"), max_digits=12, decimal_places=2, default=0)
    free_freight_over = models.DecimalField(verbose_name=_("free freight over"), max_digits=12, decimal_places=2,
                                            null=True, blank=True)
    # Buyers see only active brands (storefront 404, API hides it). A consolidated brand starts
    # inactive and waits for an operator (admin action or `haitao brand activate CODE`).
    active = models.BooleanField(verbose_name=_("active"), default=True)
    activated_at = models.DateTimeField(verbose_name=_("activated at"), null=True, blank=True)
    activated_by = models.CharField(verbose_name=_("activated by"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Merchant(models.Model):
    """Who sells: the platform itself (self-operated stock) or an overseas marketplace seller."""

    class Kind(models.TextChoices):
        SELF_OPERATED = "self_operated", _("Self-operated")
        MARKETPLACE = "marketplace", _("Marketplace")

    code = models.SlugField(verbose_name=_("code"), max_length=40, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=120)
    kind = models.CharField(verbose_name=_("kind"), max_length=16, choices=Kind.choices)
    country = models.CharField(verbose_name=_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    ebc_code = models.CharField(verbose_name=_("e-commerce enterprise code"), max_length=18,
                                help_text=_("customs registration code of the e-commerce enterprise"))
    ebc_name = models.CharField(verbose_name=_("e-commerce enterprise name"), max_length=100)
    currency = models.CharField(verbose_name=_("currency"), max_length=3, default="CNY")

    class Meta:
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")
        ordering = ["code"]

    def __str__(self):
        return self.name
