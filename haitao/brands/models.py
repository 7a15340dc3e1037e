"""Brands (storefronts sharing one backend) and merchants (who sell through them)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from haitao.common.crypto import EncryptedTextField

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


class DomesticAgent(models.Model):
    """The mainland company that acts for an overseas seller before customs (境内代理人, 公告2018年第194号):
    registered with customs, jointly liable, the one customs talks to."""

    name = models.CharField(verbose_name=_("name"), max_length=100)
    uscc = models.CharField(verbose_name=_("unified social credit code"), max_length=18, unique=True,
                            help_text=_("18 characters (GB 32100)"))
    customs_code = models.CharField(verbose_name=_("customs registration code"), max_length=10)
    contact_name = models.CharField(verbose_name=_("contact name"), max_length=60)
    contact_phone = EncryptedTextField(verbose_name=_("contact phone"), blank=True)
    contact_phone_masked = models.CharField(verbose_name=_("contact phone (masked)"), max_length=20, blank=True)
    contact_email = models.EmailField(verbose_name=_("contact email"), blank=True)

    class Meta:
        verbose_name = _("domestic agent")
        verbose_name_plural = _("domestic agents")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Merchant(models.Model):
    """The seller of record (ebc): registered outside the mainland, acting through a domestic agent;
    the platform's own self-operated entity or a marketplace seller. Sells only once approved, and
    only in the brands it is allowed in (brands.services)."""

    class Kind(models.TextChoices):
        SELF_OPERATED = "self_operated", _("Self-operated")
        MARKETPLACE = "marketplace", _("Marketplace")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied, awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    code = models.SlugField(verbose_name=_("code"), max_length=40, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=120)
    legal_name = models.CharField(verbose_name=_("legal entity name"), max_length=200, blank=True)
    kind = models.CharField(verbose_name=_("kind"), max_length=16, choices=Kind.choices)
    country = models.CharField(verbose_name=_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    ebc_code = models.CharField(verbose_name=_("e-commerce enterprise code"), max_length=18,
                                help_text=_("customs registration code of the e-commerce enterprise"))
    ebc_name = models.CharField(verbose_name=_("e-commerce enterprise name"), max_length=100)
    agent = models.ForeignKey(DomesticAgent, verbose_name=_("domestic agent"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="merchants")
    currency = models.CharField(verbose_name=_("settlement currency"), max_length=3, default="CNY")
    brands = models.ManyToManyField(Brand, verbose_name=_("brands it may sell in"), blank=True,
                                    related_name="merchants")
    # Fail closed: a merchant sells only once approved (catalog.models.VISIBLE reads this).
    status = models.CharField(verbose_name=_("approval state"), max_length=10, choices=Status.choices,
                              default=Status.APPLIED, db_index=True)
    status_changed_at = models.DateTimeField(verbose_name=_("state changed at"), null=True, blank=True)
    status_changed_by = models.CharField(verbose_name=_("state changed by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")
        ordering = ["code"]

    def __str__(self):
        return self.name


class MerchantBankAccount(models.Model):
    """Where settlements are paid. A table of its own so that the merchant row, read on every order,
    carries no ciphertext: the number is decrypted only where it is paid out."""

    merchant = models.OneToOneField(Merchant, verbose_name=_("merchant"), on_delete=models.CASCADE,
                                    related_name="bank_account")
    bank_name = models.CharField(verbose_name=_("bank"), max_length=120)
    swift = models.CharField(verbose_name=_("SWIFT/BIC"), max_length=11, blank=True)
    account_number = EncryptedTextField(verbose_name=_("bank account number"))
    account_masked = models.CharField(verbose_name=_("bank account (masked)"), max_length=40)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("merchant bank account")
        verbose_name_plural = _("merchant bank accounts")

    def __str__(self):
        return f"{self.merchant.code}: {self.bank_name} {self.account_masked}"


class MerchantDocument(models.Model):
    """A document the merchant's onboarding rests on: an uploaded file or a reference to one kept
    elsewhere, with its expiry (an expired licence is visible to operators)."""

    class Kind(models.TextChoices):
        BUSINESS_REGISTRATION = "registration", _("Business registration")
        CUSTOMS_REGISTRATION = "customs", _("Customs registration")
        AGENT_AGREEMENT = "agent_agreement", _("Domestic agent agreement")
        BRAND_AUTHORISATION = "brand_authorisation", _("Brand authorisation")
        BANK_LETTER = "bank_letter", _("Bank account letter")
        OTHER = "other", _("Other")

    merchant = models.ForeignKey(Merchant, verbose_name=_("merchant"), on_delete=models.CASCADE,
                                 related_name="documents")
    kind = models.CharField(verbose_name=_("kind"), max_length=24, choices=Kind.choices)
    file = models.FileField(verbose_name=_("file"), upload_to="merchant-documents/", blank=True)
    reference = models.CharField(verbose_name=_("reference"), max_length=200, blank=True,
                                 help_text=_("where the document is kept, when not uploaded"))
    expires_on = models.DateField(verbose_name=_("expires on"), null=True, blank=True)
    added_at = models.DateTimeField(verbose_name=_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchant document")
        verbose_name_plural = _("merchant documents")
        ordering = ["merchant", "kind"]

    def __str__(self):
        return f"{self.merchant.code}: {self.get_kind_display()}"


class MerchantStatusChange(models.Model):
    """Audit of every approval decision: who moved the merchant from which state to which, and why."""

    merchant = models.ForeignKey(Merchant, verbose_name=_("merchant"), on_delete=models.CASCADE,
                                 related_name="status_changes")
    from_status = models.CharField(verbose_name=_("from state"), max_length=10, blank=True)
    to_status = models.CharField(verbose_name=_("to state"), max_length=10)
    actor = models.CharField(verbose_name=_("actor"), max_length=150)
    note = models.CharField(verbose_name=_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchant state change")
        verbose_name_plural = _("merchant state changes")
        ordering = ["merchant", "id"]

    def __str__(self):
        return f"{self.merchant.code}: {self.from_status or '-'} → {self.to_status}"
