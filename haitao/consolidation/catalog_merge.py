"""Products: the matcher's decision for each source product applied to the shared catalog.

``matched`` → the brand lists the existing SKU (conflicting attributes go to the report); ``created``
→ a new SKU in a category chosen from the HS code, else from keywords; ``review`` → the review queue,
no SKU until an operator decides. SKUs and categories are written by catalog's services.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from haitao.catalog.models import Category, Sku
from haitao.catalog.services import create_sku, get_or_create_category

from .batches import Context
from .conflicts import conflicts
from .match import CREATED, MATCHED, REVIEW, ProductDecision
from .models import ReviewItem, SourceRecord
from .normalise import default_normaliser, fold
from .reader import Quarantined, SourceProduct
from .splink_engine import make_index
from .records import code, record_dict
from .stock_merge import INVISIBLE, Offers

# slug, zh, en, keywords (folded), HS code prefixes
CATEGORY_RULES = [
    ("formula", "奶粉", "Infant formula", ("奶粉", "formula", "milk powder", "段", "stage"), ("1901",)),
    ("diapers", "纸尿裤", "Diapers", ("纸尿裤", "拉拉裤", "diaper", "nappy", "nappies", "pants"), ("9619",)),
    ("cosmetics", "彩妆", "Cosmetics", ("粉底", "口红", "唇膏", "蜜粉", "腮红", "香水", "foundation", "lipstick",
                                       "powder", "blush", "parfum", "perfume", "cologne", "toilette"), ("3303", "330491")),
    ("skincare", "护肤", "Skin care", ("精华", "面霜", "乳液", "爽肤水", "面膜", "眼霜", "serum", "cream", "lotion",
                                      "toner", "essence", "mask"), ("3304",)),
    ("supplements", "保健品", "Health supplements", ("鱼油", "维生素", "胶囊", "片", "钙", "益生菌", "fish oil",
                                                   "vitamin", "capsule", "tablet", "probiotic"), ("2106", "2936")),
    ("wine", "葡萄酒", "Wine", ("葡萄酒", "红酒", "白酒", "啤酒", "威士忌", "wine", "beer", "whisky"), ("2203", "2204", "2208")),
    ("bags", "箱包", "Bags", ("包", "bag", "tote", "handbag"), ("4202",)),
    ("watches", "腕表", "Watches", ("腕表", "手表", "watch"), ("9101", "9102")),
]
IMPORTED_CATEGORY = ("imported", "进口商品", "Imported goods")
SKU_FIELDS = ("code", "title", "brand_name", "brand_name_zh", "gtin", "hs_code", "origin_country", "vat_rate",
              "consumption_tax_rate")


class CatalogMerge:
    def __init__(self, ctx: Context, offers: Offers, *, load_catalog: bool = True, engine: str = "default"):
        self.ctx = ctx
        self.offers = offers
        self.normaliser = default_normaliser()
        own = code(ctx.platform, "").upper() + "-"  # SKUs an earlier, interrupted run created from this export
        skus = Sku.objects.only(*SKU_FIELDS).iterator(chunk_size=2000) if load_catalog else ()
        self.catalog = make_index(engine, (self.catalog_record(s) for s in skus),
                                  same_export=lambda r: r.sku.startswith(own))
        self.categories = {c.slug: c for c in Category.objects.all()}
        self.rows: list[dict] = []
        self.conflict_rows: list[dict] = []
        self.counts: dict = {}

    def catalog_record(self, sku: Sku):
        return self.normaliser.product(sku.code, sku.title, brand=sku.brand_name or sku.brand_name_zh or None,
                                       gtin=sku.gtin or None, hs_code=sku.hs_code or None,
                                       origin=sku.origin_country or None, vat_rate=sku.vat_rate,
                                       consumption_tax_rate=sku.consumption_tax_rate, sku=sku.code)

    def conflicts_with(self, record: SourceProduct, sku: Sku) -> list[dict]:
        return [{"sku": sku.code, "field": c.field, "haitao": c.haitao, "source": c.source}
                for c in conflicts(self.normaliser.source_product(record), self.catalog_record(sku))]

    def run(self) -> None:
        ctx = self.ctx
        # the matcher learns from the whole export first: words, brands and the FS model (match.learn)
        self.catalog.learn(self.normaliser.source_product(r) for r in ctx.export.read("products")
                           if not isinstance(r, Quarantined))

        def handle(record: SourceProduct) -> None:
            norm = self.normaliser.source_product(record)
            decision = self.catalog.match(norm)
            if decision.decision == MATCHED:
                sku = Sku.objects.get(code=decision.sku)
                found = [{"sku": sku.code, "field": c.field, "haitao": c.haitao, "source": c.source}
                         for c in conflicts(norm, self.catalog_record(sku))]
                self.conflict_rows.extend(found)
                notes = self.offers.offer(record, sku)
                ctx.map(SourceRecord.Kind.PRODUCT, record.id, MATCHED, sku.code, decision.score,
                        reasons=decision.reasons, conflicts=found, notes=notes)
            elif decision.decision == CREATED:
                sku = self.create_sku(record, norm)
                notes = self.offers.offer(record, sku)
                ctx.map(SourceRecord.Kind.PRODUCT, record.id, CREATED, sku.code, decision.score,
                        reasons=decision.reasons, notes=notes)
                decision = dataclasses.replace(decision, sku=sku.code)
            else:
                self._queue(record, decision)
                ctx.map(SourceRecord.Kind.PRODUCT, record.id, REVIEW, "", decision.score, reasons=decision.reasons,
                        candidates=[c.to_dict() for c in decision.candidates])
            self._add_row(decision.to_dict())

        def replay(row: SourceRecord) -> None:
            data = {"source_id": row.source_id, "decision": row.decision, "sku": row.target or None,
                    "score": round(row.score or 0.0, 4), "reasons": row.detail.get("reasons", [])}
            if row.decision == REVIEW:
                data["candidates"] = row.detail.get("candidates", [])
            self.conflict_rows.extend(row.detail.get("conflicts", []))
            for note in row.detail.get("notes", []):
                if note.startswith(INVISIBLE):
                    ctx.notes.append({"kind": "listing_invisible", "sku": row.target, "source_id": row.source_id,
                                      "reason": note[len(INVISIBLE):]})
            self._add_row(data)

        ctx.process("products", SourceRecord.Kind.PRODUCT, handle, replay, self.counts)

    def _add_row(self, data: dict) -> None:
        self.rows.append(data)
        self.counts[data["decision"]] = self.counts.get(data["decision"], 0) + 1

    def _queue(self, record: SourceProduct, decision: ProductDecision) -> None:
        ReviewItem.objects.update_or_create(
            platform=self.ctx.platform, kind=ReviewItem.Kind.PRODUCT, source_id=record.id,
            defaults=dict(brand=self.ctx.brand, source=record_dict(record),
                          proposed=decision.candidates[0].sku if decision.candidates else "",
                          candidates=[c.to_dict() for c in decision.candidates], score=decision.score,
                          reasons=list(decision.reasons)))

    def _category(self, record: SourceProduct) -> Category:
        text = fold(" ".join(filter(None, [record.title, record.brand, record.spec])))
        hs = record.hs_code or ""
        chosen = None
        for rule in CATEGORY_RULES:  # the HS code is the better evidence
            if hs and any(hs.startswith(p) for p in rule[4]):
                chosen = rule
                break
        if chosen is None:
            for rule in CATEGORY_RULES:
                if any(word in text for word in rule[3]):
                    chosen = rule
                    break
        slug_, zh, en = chosen[:3] if chosen else IMPORTED_CATEGORY
        category = self.categories.get(slug_)
        if category is None:
            category = get_or_create_category(slug_, name=zh, name_en=en, position=90)
            self.categories[slug_] = category
        return category

    def create_sku(self, record: SourceProduct, norm) -> Sku:
        """A new SKU for a source product, added to the index so later products of the run can match it."""
        weight = record.net_weight_kg if record.net_weight_kg is not None else Decimal("0")
        ct_rate = record.consumption_tax_rate or Decimal("0")
        unit = {"g": Sku.ContentUnit.G, "ml": Sku.ContentUnit.ML}.get(norm.content_unit or "", Sku.ContentUnit.PIECE)
        title_en = str(record.extra.get("title_en") or record.title)
        sku = create_sku(
            code(self.ctx.platform, record.id).upper(), title=record.title[:250], category=self._category(record),
            net_weight_kg=weight, gross_weight_kg=weight, gtin=norm.gtin or "", brand_name=(record.brand or "")[:80],
            title_en=title_en[:250], hs_code=record.hs_code or "", origin_country=(record.origin_country or "").upper(),
            gmodel=(record.spec or record.title)[:510], unit_code="011",
            net_content=norm.content_value if unit != Sku.ContentUnit.PIECE else None, content_unit=unit,
            vat_rate=record.vat_rate if record.vat_rate is not None else Decimal("0.13"),
            consumption_tax_basis=Sku.ConsumptionTaxBasis.AD_VALOREM if ct_rate else Sku.ConsumptionTaxBasis.NONE,
            consumption_tax_rate=ct_rate)
        self.catalog.add(self.catalog_record(sku), same_export=True)  # later products match it only by GTIN
        return sku
