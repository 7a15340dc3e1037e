"""The shared catalog: SKUs with what customs and tax need, and per-brand listings with prices."""

from decimal import Decimal

from django.db import models
from django.db.models import Q


class Category(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=60)
    name_en = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name_en


class Sku(models.Model):
    """One sellable item, shared by every brand. Carries the customs and tax facts of the goods."""

    class ContentUnit(models.TextChoices):
        ML = "ml", "ml"
        G = "g", "g"
        PIECE = "piece", "piece"

    class ConsumptionTaxBasis(models.TextChoices):
        NONE = "none", "No consumption tax"
        AD_VALOREM = "ad_valorem", "Ad valorem"
        HIGH_END_COSMETICS = "high_end_cosmetics", "High-end cosmetics (15% above the price threshold)"
        SPECIFIC = "specific", "Specific rate (not supported for CBEC)"

    code = models.CharField(max_length=40, unique=True)
    gtin = models.CharField(max_length=14, blank=True, db_index=True)
    brand_name = models.CharField(max_length=80, help_text="the goods' brand, e.g. Aptamil")
    brand_name_zh = models.CharField(max_length=80, blank=True)
    title = models.CharField(max_length=250, help_text="Chinese title (customs itemName/gname)")
    title_en = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="skus")
    hs_code = models.CharField(max_length=10, help_text="10-digit customs code (gcode)")
    origin_country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    gmodel = models.CharField(max_length=510, help_text="declared specification and model")
    unit_code = models.CharField(max_length=3, help_text="customs unit of the declared quantity (JGS-20)")
    unit1_code = models.CharField(max_length=3, default="035", help_text="legal first unit (035 = kg)")
    net_weight_kg = models.DecimalField(max_digits=10, decimal_places=4)
    gross_weight_kg = models.DecimalField(max_digits=10, decimal_places=4)
    net_content = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    content_unit = models.CharField(max_length=5, choices=ContentUnit.choices, default=ContentUnit.PIECE)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=4, default=Decimal("0.13"))
    consumption_tax_basis = models.CharField(max_length=20, choices=ConsumptionTaxBasis.choices,
                                             default=ConsumptionTaxBasis.NONE)
    consumption_tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=Decimal("0"))
    tariff_rate = models.DecimalField(max_digits=5, decimal_places=4, default=Decimal("0"),
                                      help_text="MFN rate, used only in the general-trade case")
    image_hue = models.PositiveSmallIntegerField(default=0, help_text="placeholder artwork colour")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "SKU"
        constraints = [
            models.CheckConstraint(condition=Q(vat_rate__gte=0) & Q(vat_rate__lt=1), name="sku_vat_rate_range"),
            models.CheckConstraint(condition=Q(consumption_tax_rate__gte=0) & Q(consumption_tax_rate__lt=1),
                                   name="sku_ct_rate_range"),
        ]

    def __str__(self):
        return f"{self.code} {self.title_en}"

    def title_for(self, language: str) -> str:
        return self.title_en if language == "en" else self.title


class ListingQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(visible=True, brand__active=True)

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

    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="listings")
    sku = models.ForeignKey(Sku, on_delete=models.PROTECT, related_name="listings")
    merchant = models.ForeignKey("brands.Merchant", on_delete=models.PROTECT, related_name="listings")
    price = models.DecimalField(max_digits=12, decimal_places=2)
    compare_at_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    visible = models.BooleanField(default=True)
    featured = models.BooleanField(default=False)
    per_buyer_limit = models.PositiveSmallIntegerField(null=True, blank=True)
    sale_starts = models.DateTimeField(null=True, blank=True)
    sale_ends = models.DateTimeField(null=True, blank=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["brand", "sku"]
        constraints = [
            models.UniqueConstraint(fields=["brand", "sku"], name="one_listing_per_brand_and_sku"),
            models.CheckConstraint(condition=Q(price__gt=0), name="listing_price_positive"),
        ]

    def __str__(self):
        return f"{self.brand.code}:{self.sku.code} ¥{self.price}"


class Synonym(models.Model):
    """Words a buyer types for the same thing, in either language: every phrase of a group finds what
    any other phrase of the group finds (红酒 = 红葡萄酒 = red wine). Operators extend the table in the
    admin; a `brand` group also lists a goods brand's other names (SK2 = SK-II)."""

    class Kind(models.TextChoices):
        TERM = "term", "term"
        BRAND = "brand", "brand or product line"

    group = models.SlugField(max_length=60, help_text="phrases with the same group mean the same thing")
    phrase = models.CharField(max_length=80)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.TERM)

    class Meta:
        ordering = ["group", "phrase"]
        constraints = [models.UniqueConstraint(fields=["group", "phrase"], name="one_phrase_per_synonym_group")]

    def __str__(self):
        return f"{self.group}: {self.phrase}"


class SearchDocument(models.Model):
    """One listing as search sees it: analysed tokens per field (see catalog.search.analysis) and the
    facts facets and sorting need. Derived data, written only by catalog.search.index; the engines'
    full-text structures (SQLite FTS5 table, PostgreSQL tsvector column) follow it in the database."""

    listing = models.OneToOneField(Listing, on_delete=models.CASCADE, related_name="search_document")
    brand = models.ForeignKey("brands.Brand", on_delete=models.CASCADE, related_name="+")
    sku = models.ForeignKey(Sku, on_delete=models.CASCADE, related_name="+")
    t_title = models.TextField(blank=True)
    t_brand = models.TextField(blank=True)
    t_category = models.TextField(blank=True)
    t_extra = models.TextField(blank=True)
    goods_brand = models.CharField(max_length=80)
    category = models.CharField(max_length=40)
    origin = models.CharField(max_length=2)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    price_band = models.PositiveSmallIntegerField()
    featured = models.BooleanField(default=False)
    category_position = models.PositiveSmallIntegerField(default=0)
    sku_code = models.CharField(max_length=40)
    sales = models.PositiveIntegerField(default=0, help_text="units ordered (not cancelled or expired)")
    listed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["brand", "category"], name="searchdoc_brand_category")]


class SearchTerm(models.Model):
    """Every token in the index: tells a query which words exist, and offers near spellings of an unknown
    one (pg_trgm on PostgreSQL, the same trigram measure in Python on SQLite)."""

    term = models.CharField(max_length=80, unique=True)
