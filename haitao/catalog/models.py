"""The shared catalog: SKUs with what customs and tax need, and per-brand listings with prices."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    slug = models.SlugField(verbose_name=_("slug"), max_length=40, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=60)
    name_en = models.CharField(verbose_name=_("English name"), max_length=60)
    position = models.PositiveSmallIntegerField(verbose_name=_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name_en


class Sku(models.Model):
    """One sellable item, shared by every brand. Carries the customs and tax facts of the goods."""

    class ContentUnit(models.TextChoices):
        ML = "ml", _("ml")
        G = "g", _("g")
        PIECE = "piece", _("piece")

    class ConsumptionTaxBasis(models.TextChoices):
        NONE = "none", _("No consumption tax")
        AD_VALOREM = "ad_valorem", _("Ad valorem")
        HIGH_END_COSMETICS = "high_end_cosmetics", _("High-end cosmetics (15% above the price threshold)")
        SPECIFIC = "specific", _("Specific rate (not supported for CBEC)")

    code = models.CharField(verbose_name=_("code"), max_length=40, unique=True)
    gtin = models.CharField(verbose_name=_("GTIN"), max_length=14, blank=True, db_index=True)
    brand_name = models.CharField(verbose_name=_("brand name"), max_length=80,
                                  help_text=_("the goods' brand, e.g. Aptamil"))
    brand_name_zh = models.CharField(verbose_name=_("brand name (Chinese)"), max_length=80, blank=True)
    title = models.CharField(verbose_name=_("title"), max_length=250,
                             help_text=_("Chinese title (customs itemName/gname)"))
    title_en = models.CharField(verbose_name=_("English title"), max_length=250)
    description = models.TextField(verbose_name=_("description"), blank=True)
    description_en = models.TextField(verbose_name=_("English description"), blank=True)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="skus")
    hs_code = models.CharField(verbose_name=_("HS code"), max_length=10, help_text=_("10-digit customs code (gcode)"))
    origin_country = models.CharField(verbose_name=_("origin country"), max_length=2,
                                      help_text=_("ISO 3166-1 alpha-2"))
    gmodel = models.CharField(verbose_name=_("specification and model"), max_length=510,
                              help_text=_("declared specification and model"))
    unit_code = models.CharField(verbose_name=_("unit code"), max_length=3,
                                 help_text=_("customs unit of the declared quantity (JGS-20)"))
    unit1_code = models.CharField(verbose_name=_("legal first unit"), max_length=3, default="035",
                                  help_text=_("legal first unit (035 = kg)"))
    net_weight_kg = models.DecimalField(verbose_name=_("net weight (kg)"), max_digits=10, decimal_places=4)
    gross_weight_kg = models.DecimalField(verbose_name=_("gross weight (kg)"), max_digits=10, decimal_places=4)
    net_content = models.DecimalField(verbose_name=_("net content"), max_digits=10, decimal_places=2, null=True,
                                      blank=True)
    content_unit = models.CharField(verbose_name=_("content unit"), max_length=5, choices=ContentUnit.choices,
                                    default=ContentUnit.PIECE)
    vat_rate = models.DecimalField(verbose_name=_("VAT rate"), max_digits=5, decimal_places=4,
                                   default=Decimal("0.13"))
    consumption_tax_basis = models.CharField(verbose_name=_("consumption tax basis"), max_length=20,
                                             choices=ConsumptionTaxBasis.choices,
                                             default=ConsumptionTaxBasis.NONE)
    consumption_tax_rate = models.DecimalField(verbose_name=_("consumption tax rate"), max_digits=5,
                                               decimal_places=4, default=Decimal("0"))
    tariff_rate = models.DecimalField(verbose_name=_("tariff rate"), max_digits=5, decimal_places=4,
                                      default=Decimal("0"),
                                      help_text=_("MFN rate, used only in the general-trade case"))
    image_hue = models.PositiveSmallIntegerField(verbose_name=_("image hue"), default=0,
                                                 help_text=_("placeholder artwork colour"))
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("SKU")
        verbose_name_plural = _("SKUs")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(vat_rate__gte=0) & Q(vat_rate__lt=1), name="sku_vat_rate_range"),
            models.CheckConstraint(condition=Q(consumption_tax_rate__gte=0) & Q(consumption_tax_rate__lt=1),
                                   name="sku_ct_rate_range"),
        ]

    def __str__(self):
        return f"{self.code} {self.title_en}"

    def title_for(self, language: str) -> str:
        return self.title_en if language == "en" else self.title


# What makes a listing one buyers see — the one definition: the listing is shown and its brand's
# storefront is open. visible_sql() is the same rule for the prebuilt hot-path reads (product page,
# order placement); tests/core/test_listing_read.py holds the two to the same answer.
VISIBLE = {"visible": True, "brand__active": True}


def visible_sql(listing_alias: str, brand_alias: str, quote=str) -> str:
    """:data:`VISIBLE` as a SQL condition over ``catalog_listing`` and ``brands_brand`` aliased so."""
    from haitao.brands.models import Brand

    return (f"{listing_alias}.{quote(Listing._meta.get_field('visible').column)} "
            f"AND {brand_alias}.{quote(Brand._meta.get_field('active').column)}")


class ListingQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(**VISIBLE)

    def for_brand(self, brand):
        return self.filter(brand=brand).select_related("sku", "sku__category", "merchant")

    def update(self, **kwargs):
        """A bulk update sends no save signal: make the cached catalog pages stale here too."""
        from .queries import bump_catalog_version

        changed = super().update(**kwargs)
        bump_catalog_version()
        return changed


class Listing(models.Model):
    """A SKU offered in one brand by one merchant, at that brand's price (CNY, goods only)."""

    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.CASCADE,
                              related_name="listings")
    sku = models.ForeignKey(Sku, verbose_name=_("SKU"), on_delete=models.PROTECT, related_name="listings")
    merchant = models.ForeignKey("brands.Merchant", verbose_name=_("merchant"), on_delete=models.PROTECT,
                                 related_name="listings")
    price = models.DecimalField(verbose_name=_("price"), max_digits=12, decimal_places=2)
    compare_at_price = models.DecimalField(verbose_name=_("compare-at price"), max_digits=12, decimal_places=2,
                                           null=True, blank=True)
    visible = models.BooleanField(verbose_name=_("visible"), default=True)
    featured = models.BooleanField(verbose_name=_("featured"), default=False)
    per_buyer_limit = models.PositiveSmallIntegerField(verbose_name=_("per-buyer limit"), null=True, blank=True)
    sale_starts = models.DateTimeField(verbose_name=_("sale starts"), null=True, blank=True)
    sale_ends = models.DateTimeField(verbose_name=_("sale ends"), null=True, blank=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["brand", "sku"]
        constraints = [
            models.UniqueConstraint(fields=["brand", "sku"], name="one_listing_per_brand_and_sku"),
            models.CheckConstraint(condition=Q(price__gt=0), name="listing_price_positive"),
        ]
        # A brand's hidden listings, which search excludes from its matches (catalog.search.ranking._base).
        indexes = [models.Index(fields=["brand"], condition=Q(visible=False), name="listing_hidden_by_brand")]

    def __str__(self):
        return f"{self.brand.code}:{self.sku.code} ¥{self.price}"


class Synonym(models.Model):
    """Words a buyer types for the same thing, in either language: every phrase of a group finds what
    any other phrase of the group finds (红酒 = 红葡萄酒 = red wine). Operators extend the table in the
    admin; a `brand` group also lists a goods brand's other names (SK2 = SK-II)."""

    class Kind(models.TextChoices):
        TERM = "term", _("term")
        BRAND = "brand", _("brand or product line")

    group = models.SlugField(verbose_name=_("group"), max_length=60,
                             help_text=_("phrases with the same group mean the same thing"))
    phrase = models.CharField(verbose_name=_("phrase"), max_length=80)
    kind = models.CharField(verbose_name=_("kind"), max_length=5, choices=Kind.choices, default=Kind.TERM)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["group", "phrase"]
        constraints = [models.UniqueConstraint(fields=["group", "phrase"], name="one_phrase_per_synonym_group")]

    def __str__(self):
        return f"{self.group}: {self.phrase}"


class SearchDocument(models.Model):
    """One listing as search sees it: analysed tokens per field (see catalog.search.analysis) and the
    facts facets and sorting need. Derived data, written only by catalog.search.index; the engines'
    full-text structures (SQLite FTS5 table, PostgreSQL tsvector column) follow it in the database."""

    listing = models.OneToOneField(Listing, verbose_name=_("listing"), on_delete=models.CASCADE,
                                   related_name="search_document")
    brand = models.ForeignKey("brands.Brand", verbose_name=_("brand"), on_delete=models.CASCADE, related_name="+")
    sku = models.ForeignKey(Sku, verbose_name=_("SKU"), on_delete=models.CASCADE, related_name="+")
    t_title = models.TextField(verbose_name=_("t title"), blank=True)
    t_brand = models.TextField(verbose_name=_("t brand"), blank=True)
    t_category = models.TextField(verbose_name=_("t category"), blank=True)
    t_extra = models.TextField(verbose_name=_("t extra"), blank=True)
    goods_brand = models.CharField(verbose_name=_("goods brand"), max_length=80)
    category = models.CharField(verbose_name=_("category"), max_length=40)
    origin = models.CharField(verbose_name=_("origin"), max_length=2)
    price = models.DecimalField(verbose_name=_("price"), max_digits=12, decimal_places=2)
    price_band = models.PositiveSmallIntegerField(verbose_name=_("price band"))
    featured = models.BooleanField(verbose_name=_("featured"), default=False)
    category_position = models.PositiveSmallIntegerField(verbose_name=_("category position"), default=0)
    sku_code = models.CharField(verbose_name=_("sku code"), max_length=40)
    sales = models.PositiveIntegerField(verbose_name=_("sales"), default=0,
                                        help_text=_("units ordered (not cancelled or expired)"))
    listed_at = models.DateTimeField(verbose_name=_("listed at"))
    # Availability as ranking and the mode facet see it, kept fresh by catalog.search.freshness (order
    # events, stock rows saved, a periodic sweep) so that a search never joins the stock tables.
    available = models.BooleanField(verbose_name=_("in stock"), default=False)
    stock_modes = models.PositiveSmallIntegerField(verbose_name=_("modes in stock"), default=0,
                                                   help_text=_("bit 1: bonded (1210), bit 2: direct mail (9610)"))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["brand", "category"], name="searchdoc_brand_category")]


class SearchTerm(models.Model):
    """Every token in the index: tells a query which words exist, and offers near spellings of an unknown
    one (pg_trgm on PostgreSQL, the same trigram measure in Python on SQLite)."""

    term = models.CharField(verbose_name=_("term"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
