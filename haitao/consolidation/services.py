"""The merge: bring one export folder onto haitao as brand CODE (``consolidate``), and the operator's
review decisions (``accept_review`` / ``reject_review``).

Order of work: merchants, products, customers, orders. Each kind is read streaming and processed in
batches; each batch is one transaction holding the objects *and* their ``SourceRecord`` mapping rows,
so a run killed half-way leaves whole batches behind and the next run skips them. A record that
already has a mapping row is never touched again: re-running a folder changes nothing.

A dry run is the same run inside one outer transaction that is rolled back at the end: the report says
exactly what a real run would do, and no row changes.

Decisions taken here (docs/consolidation.md says why):

* history orders are never declared to customs: no declaration, outbox or payment rows; a source
  ``paid`` order becomes ``declared`` (the source platform declared it), because haitao's safety net
  declares every ``paid`` order that has no declaration;
* a history order whose customer has no valid identity is imported with placeholder buyer fields
  (empty ID number and hash, masked ``(none)``) and enters no quota ledger entry;
* orders whose customer or product waits in the review queue are *deferred*: not imported, no mapping
  row, so the run after the operator's decision brings them in;
* warehouses the export names that haitao does not know are created as inactive overseas warehouses
  (their customs codes must be filled in by an operator before they ship anything).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import secrets
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from haitao.accounts.models import Address, Customer, Identity
from haitao.accounts.services import normalise_mobile
from haitao.brands.models import Brand, Merchant
from haitao.catalog.models import Category, Listing, Sku
from haitao.catalog.services import create_listing
from haitao.common import crypto
from haitao.common.errors import InvalidInput
from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.compliance.quota import fen
from haitao.inventory.models import Stock, Warehouse
from haitao.orders.models import Order, OrderEvent, OrderLine
from haitao.orders.states import Status
from haitao.rules import identity as id_rules

from . import report as report_core
from .link import CREATED as C_CREATED, LINKED, REVIEW as C_REVIEW, CustomerDecision, CustomerIndex, identity_hash
from .link import normalise_id_number
from .match import CREATED, MATCHED, REVIEW, CatalogIndex, ProductDecision, conflicts
from .models import ConsolidationRun, ReviewItem, SourceRecord
from .normalise import default_normaliser, fold, normalise_phone, slug
from .reader import (KINDS, Export, ManifestError, Quarantined, SourceCustomer, SourceMerchant, SourceOrder,
                     SourceProduct, open_export, parse_record)

__all__ = ["consolidate", "accept_review", "reject_review", "ConsolidationError", "ManifestError"]

STATUS_MAP = {
    # a source "paid" order was declared by the source platform; haitao must never declare it again
    "paid": Status.DECLARED,
    "released": Status.RELEASED,
    "shipped": Status.SHIPPED,
    "delivered": Status.DELIVERED,
    "cancelled": Status.CANCELLED,
    "returned": Status.RETURNED,
}
NO_IDENTITY_MASK = "(none)"
IMPORT_EMAIL_DOMAIN = "import.haitao"

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


class ConsolidationError(Exception):
    """The folder cannot be consolidated at all (missing or invalid manifest, bad brand code)."""


class _Rollback(Exception):
    """Raised at the end of a dry run to roll back the outer transaction."""


def _after_batch(kind: str, number: int) -> None:
    """Called inside each batch's transaction before it commits (tests raise here to simulate a crash)."""


# --- small helpers ---------------------------------------------------------------------------------


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return _record_dict(value)
    return value


def _record_dict(record: Any) -> dict:
    """A typed source record back into the export's JSON shape (``parse_record`` reads it again)."""
    data = {}
    for f in dataclasses.fields(record):
        if f.name == "extra":
            continue
        value = getattr(record, f.name)
        if value is not None and value != ():
            data[f.name] = _jsonable(value)
    return {**_jsonable(dict(getattr(record, "extra", {}) or {})), **data}


def _masked_customer(record: SourceCustomer) -> dict:
    """What the review screen may show of a source customer: masked, never the clear numbers."""
    number = normalise_id_number(record.id_number)
    phone = normalise_phone(record.phone)
    return {
        "id": record.id,
        "name": record.name,
        "id_number": id_rules.mask_id(number) if number else ("(invalid)" if record.id_number else None),
        "phone": id_rules.mask_phone(phone) if phone else None,
        "email": _mask_email(record.email),
        "addresses": [f"{a.province or ''}{a.city or ''}{a.district or ''} ***" for a in record.addresses],
    }


def _mask_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    user, domain = email.split("@", 1)
    return f"{user[:1]}***@{domain}"


def _code(platform: str, source_id: str, limit: int = 40) -> str:
    text = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{platform}-{source_id}").strip("-")
    if len(text) > limit:  # keep it unique: a short digest of the full id
        digest = hashlib.sha1(source_id.encode()).hexdigest()[:8]
        text = f"{text[: limit - 9]}-{digest}"
    return text


@dataclass
class Progress:
    """A single stderr line, rewritten in place: ``products 40/60 (matched 12, created 20 …)``."""

    stream: Any = None
    enabled: bool = True
    totals: dict = field(default_factory=dict)

    def show(self, kind: str, done: int, counts: dict) -> None:
        if not self.enabled or self.stream is None:
            return
        total = self.totals.get(kind, 0)
        detail = ", ".join(f"{k} {v}" for k, v in counts.items() if v and k != "read")
        self.stream.write(f"\rconsolidate: {kind} {done}/{total}" + (f" ({detail})" if detail else "") + "\033[K")
        self.stream.flush()

    def end(self, kind: str) -> None:
        if self.enabled and self.stream is not None and self.totals.get(kind):
            self.stream.write("\n")
            self.stream.flush()


def _count_lines(path: Path) -> int:
    if not path.is_file():
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- the run ----------------------------------------------------------------------------------------


class Merge:
    """One consolidation: holds the indexes and what the report needs. Use ``consolidate()``."""

    def __init__(self, export: Export, brand_code: str, *, batch_size: int = 200, progress: Progress | None = None):
        self.export = export
        self.manifest = export.manifest
        self.platform = slug(self.manifest.platform)[:20] or "platform"
        self.brand_code = brand_code
        self.batch_size = max(1, batch_size)
        self.progress = progress or Progress(enabled=False)
        self.run: ConsolidationRun | None = None
        self.brand: Brand | None = None
        self.normaliser = default_normaliser()
        self.key = secrets.token_bytes(32)  # the customer hashes live only in this process
        self.quarantined: list[Quarantined] = []
        self.product_rows: list[dict] = []
        self.customer_rows: list[dict] = []
        self.conflict_rows: list[dict] = []
        self.notes: list[dict] = []  # invisible listings, created warehouses, skipped addresses …
        self.deferred: list[dict] = []
        self.counts = {
            "merchants": {"read": 0, "imported": 0, "matched": 0, "created": 0},
            "orders": {"read": 0, "imported": 0, "deferred": 0, "quota_entries": 0},
            "skipped_existing": {kind: 0 for kind in KINDS},
        }
        self.warehouses: dict[str, Warehouse] = {}
        self.created_warehouses: list[dict] = []

    # -- setup --

    def setup(self) -> None:
        brand = Brand.objects.filter(code=self.brand_code).first()
        if brand is None:
            extra = self.manifest.extra
            name = str(extra.get("brand_name") or self.brand_code)
            name_en = str(extra.get("brand_name_en") or self.brand_code.title())
            brand = Brand.objects.create(
                code=self.brand_code, name=name[:80], name_en=name_en[:80],
                kind=Brand.Kind.SELF_OPERATED, theme="classic",
                risk_notice=(f"{name}跨境商品风险告知书\n1. 跨境进口商品符合原产地标准，可能与我国标准存在差异。\n"
                             "2. 商品可能无中文标签。\n3. 商品仅限个人自用，不得再次销售。\n"
                             "4. 单次交易限值人民币5,000元、个人年度交易限值人民币26,000元；订购人即纳税义务人。\n"
                             "5. 订购人须为支付人本人。"),
                risk_notice_en=(f"{name_en} cross-border risk notice\n1. Goods meet their country of origin's "
                                "standards, which may differ from China's.\n2. Goods may carry no Chinese label.\n"
                                "3. For personal use only; no resale.\n4. CNY 5,000 per transaction and CNY 26,000 "
                                "per person per year; the buyer is the taxpayer.\n5. The orderer must be the payer."),
            )
            self.notes.append({"kind": "brand", "note": f"brand {self.brand_code} created"})
        self.brand = brand
        self.self_merchant = Merchant.objects.get_or_create(
            code=_code(self.platform, "self"),
            defaults=dict(name=f"{brand.name_en} self-operated", kind=Merchant.Kind.SELF_OPERATED, country="CN",
                          ebc_code="", ebc_name=brand.name[:100], currency=self.manifest.currency))[0]

    # -- mapping rows --

    def _existing(self, kind: str, ids: Iterable[str]) -> dict[str, SourceRecord]:
        ids = list(ids)
        rows = {}
        for start in range(0, len(ids), 500):
            for row in SourceRecord.objects.filter(platform=self.platform, kind=kind, source_id__in=ids[start:start + 500]):
                rows[row.source_id] = row
        return rows

    def _map(self, kind: str, source_id: str, decision: str, target: Any = "", score: float | None = None,
             **detail) -> SourceRecord:
        return SourceRecord.objects.create(platform=self.platform, kind=kind, source_id=source_id, decision=decision,
                                           target=str(target or ""), score=score, detail=_jsonable(detail), run=self.run)

    def _process(self, kind: str, mapping_kind: str, handle: Callable[[Any], None],
                 replay: Callable[[SourceRecord], None], counts: dict) -> None:
        done = 0
        for number, batch in enumerate(_batches(iter(self.export.read(kind)), self.batch_size), start=1):
            records = []
            for item in batch:
                if isinstance(item, Quarantined):
                    self.quarantined.append(item)
                    if "read" in counts:  # lines the reader refused were read too
                        counts["read"] += 1
                else:
                    records.append(item)
            with transaction.atomic():
                existing = self._existing(mapping_kind, (r.id for r in records))
                for record in records:
                    row = existing.get(record.id)
                    if row is not None:
                        self.counts["skipped_existing"][kind] += 1
                        replay(row)
                    else:
                        handle(record)
                _after_batch(kind, number)
            done += len(batch)
            self.progress.show(kind, done, counts)
        self.progress.end(kind)

    # -- merchants --

    def merchants(self) -> None:
        self._merchant_ids: dict[str, Merchant] = {}
        by_code = {m.ebc_code.strip().upper(): m for m in Merchant.objects.exclude(ebc_code="")}
        by_name: dict[str, Merchant] = {}
        for m in Merchant.objects.all():
            for name in (m.name, m.ebc_name):
                if name:
                    by_name.setdefault(_merchant_key(name), m)
        counts = self.counts["merchants"]

        def handle(record: SourceMerchant) -> None:
            counts["read"] += 1
            merchant, how = None, None
            if record.customs_code:
                merchant = by_code.get(record.customs_code.strip().upper())
                how = "customs_code"
            if merchant is None:
                merchant = by_name.get(_merchant_key(record.name))
                how = "name"
            if merchant is None:
                merchant = Merchant.objects.create(
                    code=_code(self.platform, record.id), name=record.name[:120], kind=record.kind,
                    country=(record.country or "").upper(), ebc_code=(record.customs_code or "")[:18],
                    ebc_name=record.name[:100], currency=self.manifest.currency)
                decision, reasons = CREATED, []
                if merchant.ebc_code:
                    by_code[merchant.ebc_code.upper()] = merchant
                by_name.setdefault(_merchant_key(record.name), merchant)
            else:
                decision, reasons = MATCHED, [how]
            counts[decision] += 1
            counts["imported"] += 1
            self._map(SourceRecord.Kind.MERCHANT, record.id, decision, merchant.pk, reasons=reasons)
            self._merchant_ids[record.id] = merchant

        def replay(row: SourceRecord) -> None:
            counts["read"] += 1
            counts["imported"] += 1
            counts[row.decision] = counts.get(row.decision, 0) + 1
            merchant = Merchant.objects.filter(pk=row.target).first()
            if merchant is not None:
                self._merchant_ids[row.source_id] = merchant

        self._process("merchants", SourceRecord.Kind.MERCHANT, handle, replay, counts)

    # -- products --

    def _catalog_record(self, sku: Sku):
        return self.normaliser.product(sku.code, sku.title, brand=sku.brand_name or sku.brand_name_zh or None,
                                       gtin=sku.gtin or None, hs_code=sku.hs_code or None,
                                       origin=sku.origin_country or None, vat_rate=sku.vat_rate,
                                       consumption_tax_rate=sku.consumption_tax_rate, sku=sku.code)

    def products(self) -> None:
        own = _code(self.platform, "").upper()  # SKUs an earlier, interrupted run created from this export
        self.catalog = CatalogIndex((self._catalog_record(s) for s in Sku.objects.only(
            "code", "title", "brand_name", "brand_name_zh", "gtin", "hs_code", "origin_country", "vat_rate",
            "consumption_tax_rate").iterator(chunk_size=2000)), same_export=lambda r: r.sku.startswith(own))
        self.catalog.learn(self.normaliser.source_product(r) for r in self.export.read("products")
                           if not isinstance(r, Quarantined))
        self.categories = {c.slug: c for c in Category.objects.all()}
        counts: dict = {}

        def handle(record: SourceProduct) -> None:
            norm = self.normaliser.source_product(record)
            decision = self.catalog.match(norm)
            if decision.decision == MATCHED:
                sku = Sku.objects.get(code=decision.sku)
                found = [{"sku": sku.code, "field": c.field, "haitao": c.haitao, "source": c.source}
                         for c in conflicts(norm, self._catalog_record(sku))]
                self.conflict_rows.extend(found)
                notes = self._offer(record, sku)
                self._map(SourceRecord.Kind.PRODUCT, record.id, MATCHED, sku.code, decision.score,
                          reasons=decision.reasons, conflicts=found, notes=notes)
            elif decision.decision == CREATED:
                sku = self._create_sku(record, norm)
                notes = self._offer(record, sku)
                self._map(SourceRecord.Kind.PRODUCT, record.id, CREATED, sku.code, decision.score,
                          reasons=decision.reasons, notes=notes)
                decision = dataclasses.replace(decision, sku=sku.code)
            else:
                self._queue_product(record, decision)
                self._map(SourceRecord.Kind.PRODUCT, record.id, REVIEW, "", decision.score, reasons=decision.reasons,
                          candidates=[c.to_dict() for c in decision.candidates])
            self._add_product_row(decision.to_dict())

        def replay(row: SourceRecord) -> None:
            data = {"source_id": row.source_id, "decision": row.decision, "sku": row.target or None,
                    "score": round(row.score or 0.0, 4), "reasons": row.detail.get("reasons", [])}
            if row.decision == REVIEW:
                data["candidates"] = row.detail.get("candidates", [])
            self.conflict_rows.extend(row.detail.get("conflicts", []))
            for note in row.detail.get("notes", []):
                if note.startswith("listing invisible: "):
                    self.notes.append({"kind": "listing_invisible", "sku": row.target, "source_id": row.source_id,
                                       "reason": note[len("listing invisible: "):]})
            self._add_product_row(data)

        self._product_counts = counts
        self._process("products", SourceRecord.Kind.PRODUCT, handle, replay, counts)

    def _add_product_row(self, data: dict) -> None:
        self.product_rows.append(data)
        self._product_counts[data["decision"]] = self._product_counts.get(data["decision"], 0) + 1

    def _queue_product(self, record: SourceProduct, decision: ProductDecision) -> None:
        ReviewItem.objects.update_or_create(
            platform=self.platform, kind=ReviewItem.Kind.PRODUCT, source_id=record.id,
            defaults=dict(brand=self.brand, source=_record_dict(record),
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
            category = Category.objects.get_or_create(slug=slug_, defaults={"name": zh, "name_en": en,
                                                                             "position": 90})[0]
            self.categories[slug_] = category
        return category

    def _create_sku(self, record: SourceProduct, norm) -> Sku:
        code = _code(self.platform, record.id).upper()
        weight = record.net_weight_kg if record.net_weight_kg is not None else Decimal("0")
        ct_rate = record.consumption_tax_rate or Decimal("0")
        unit = {"g": Sku.ContentUnit.G, "ml": Sku.ContentUnit.ML}.get(norm.content_unit or "", Sku.ContentUnit.PIECE)
        title_en = str(record.extra.get("title_en") or record.title)
        sku = Sku.objects.create(
            code=code, gtin=norm.gtin or "", brand_name=(record.brand or "")[:80], title=record.title[:250],
            title_en=title_en[:250], category=self._category(record), hs_code=record.hs_code or "",
            origin_country=(record.origin_country or "").upper(), gmodel=(record.spec or record.title)[:510],
            unit_code="011", net_weight_kg=weight, gross_weight_kg=weight,
            net_content=norm.content_value if unit != Sku.ContentUnit.PIECE else None, content_unit=unit,
            vat_rate=record.vat_rate if record.vat_rate is not None else Decimal("0.13"),
            consumption_tax_basis=Sku.ConsumptionTaxBasis.AD_VALOREM if ct_rate else Sku.ConsumptionTaxBasis.NONE,
            consumption_tax_rate=ct_rate)
        self.catalog.add(self._catalog_record(sku), same_export=True)
        return sku

    def _merchant_for(self, record: SourceProduct) -> Merchant:
        if record.merchant_id and record.merchant_id in self._merchant_ids:
            return self._merchant_ids[record.merchant_id]
        return self.self_merchant

    def _offer(self, record: SourceProduct, sku: Sku) -> list[str]:
        """The brand's listing of ``sku`` at the source's price, and the source's stock. Returns notes."""
        notes: list[str] = []
        price = _money(record.price)
        if Listing.objects.filter(brand=self.brand, sku=sku).exists():
            notes.append("already listed in the brand: listing kept")
        elif price <= 0:
            notes.append("price is not positive: no listing")
        else:
            visible = record.status == "on_sale"
            try:
                create_listing(self.brand, sku, self._merchant_for(record), price, visible=visible)
            except InvalidInput as exc:
                if exc.code not in ("not_cbec_sellable", "not_on_positive_list"):
                    raise
                create_listing(self.brand, sku, self._merchant_for(record), price, visible=False)
                reason = "no HS code" if not sku.hs_code else exc.message
                notes.append(f"listing invisible: {reason}")
                self.notes.append({"kind": "listing_invisible", "sku": sku.code, "source_id": record.id,
                                   "reason": reason})
        for line in record.stock:
            warehouse = self._warehouse(line.warehouse, record)
            stock, made = Stock.objects.get_or_create(warehouse=warehouse, sku=sku,
                                                      defaults={"on_hand": line.quantity})
            if not made and line.quantity:
                Stock.objects.filter(pk=stock.pk).update(on_hand=F("on_hand") + line.quantity)
        return notes

    def _warehouse(self, name: str, record: SourceProduct) -> Warehouse:
        key = fold(name).strip()
        if key in self.warehouses:
            return self.warehouses[key]
        found = None
        for w in Warehouse.objects.all():
            if key in (fold(w.code), fold(w.name), fold(w.name_en)):
                found = w
                break
        readable = slug(name) if name.isascii() else ""
        code = _code(self.platform, "wh-" + (readable or hashlib.sha1(name.encode()).hexdigest()[:8])).lower()
        if found is None:
            found = Warehouse.objects.filter(code=code).first()
        if found is None:
            found = Warehouse.objects.create(
                code=code, name=name[:120], name_en=name[:120], kind=Warehouse.Kind.OVERSEAS,
                country=(record.origin_country or "ZZ").upper(), city="", customs_code="", port_code="",
                active=False, priority=20)
            self.created_warehouses.append({"source": name, "warehouse": found.code, "created": True})
        self.warehouses[key] = found
        return found

    # -- customers --

    def _existing_customers(self) -> Iterator[dict]:
        identities = {i.customer_id: i for i in Identity.objects.all()}
        phones: dict[int, str] = {}
        for address in Address.objects.order_by("-is_default", "id"):
            phones.setdefault(address.customer_id, address.phone)
        for customer in Customer.objects.all().iterator(chunk_size=2000):
            identity = identities.get(customer.pk)
            yield {"customer_id": customer.pk,
                   "name": identity.real_name if identity else customer.display_name,
                   "id_hash": identity_hash(self.key, identity.id_number) if identity else None,
                   "phone": customer.phone or phones.get(customer.pk)}

    def customers(self) -> None:
        self.people = CustomerIndex(self._existing_customers(), self.key)
        counts: dict = {}
        self._customer_counts = counts

        def handle(record: SourceCustomer) -> None:
            decision = self.people.link(record)
            if decision.decision == LINKED:
                self._map(SourceRecord.Kind.CUSTOMER, record.id, LINKED, decision.customer, reasons=decision.reasons)
            elif decision.decision == C_CREATED:
                customer = self._create_customer(record)
                decision = dataclasses.replace(decision, customer=str(customer.pk))
                self._map(SourceRecord.Kind.CUSTOMER, record.id, C_CREATED, customer.pk, reasons=decision.reasons)
            else:
                ReviewItem.objects.update_or_create(
                    platform=self.platform, kind=ReviewItem.Kind.CUSTOMER, source_id=record.id,
                    defaults=dict(brand=self.brand, source=_masked_customer(record),
                                  source_sealed=json.dumps(_record_dict(record), ensure_ascii=False),
                                  proposed=decision.candidates[0] if decision.candidates else "",
                                  candidates=list(decision.candidates), reasons=list(decision.reasons)))
                self._map(SourceRecord.Kind.CUSTOMER, record.id, C_REVIEW, "", reasons=decision.reasons,
                          candidates=list(decision.candidates))
            self._add_customer_row(decision.to_dict())

        def replay(row: SourceRecord) -> None:
            data = {"source_id": row.source_id, "decision": row.decision, "customer": row.target or None,
                    "reasons": row.detail.get("reasons", [])}
            if row.decision == C_REVIEW:
                data["candidates"] = row.detail.get("candidates", [])
            self._add_customer_row(data)

        self._process("customers", SourceRecord.Kind.CUSTOMER, handle, replay, counts)

    def _add_customer_row(self, data: dict) -> None:
        self.customer_rows.append(data)
        self._customer_counts[data["decision"]] = self._customer_counts.get(data["decision"], 0) + 1

    def _create_customer(self, record: SourceCustomer) -> Customer:
        customer = create_customer(record, self.platform, self.brand, self.notes)
        identity = getattr(customer, "_new_identity", None)
        self.people.add({"customer_id": customer.pk, "name": record.name,
                         "id_hash": identity_hash(self.key, identity.id_number) if identity else None,
                         "phone": customer.phone or None})
        return customer

    # -- orders --

    def orders(self) -> None:
        counts = self.counts["orders"]
        self._year = timezone.localdate().year

        def handle(record: SourceOrder) -> None:
            counts["read"] += 1
            outcome = self._import_order(record)
            if outcome is None:
                counts["imported"] += 1
            elif outcome[0] == "deferred":
                counts["deferred"] += 1
                self.deferred.append({"source_id": record.id, "reason": outcome[1]})
            else:
                line = self._order_lines.get(record.id, 0)
                self.quarantined.append(Quarantined("orders.jsonl", line, outcome[1]))

        def replay(row: SourceRecord) -> None:
            counts["read"] += 1
            counts["imported"] += 1
            if row.detail.get("quota"):
                counts["quota_entries"] += 1

        self._order_lines = _line_numbers(self.export.path("orders"))
        self._process("orders", SourceRecord.Kind.ORDER, handle, replay, counts)

    def _import_order(self, record: SourceOrder) -> tuple[str, str] | None:
        mapped = self._existing(SourceRecord.Kind.CUSTOMER, [record.customer_id]).get(record.customer_id)
        if mapped is None:
            return "quarantined", f"customer_id: unknown customer {record.customer_id}"
        if mapped.decision == C_REVIEW or not mapped.target:
            return "deferred", "customer waits in the review queue"
        products = self._existing(SourceRecord.Kind.PRODUCT, {line.product_id for line in record.lines})
        for index, line in enumerate(record.lines):
            row = products.get(line.product_id)
            if row is None:
                return "quarantined", f"lines[{index}].product_id: unknown product {line.product_id}"
            if row.decision == REVIEW or not row.target:
                return "deferred", f"product {line.product_id} waits in the review queue"
        customer = Customer.objects.select_related("identity").get(pk=mapped.target)
        skus = {s.code: s for s in Sku.objects.filter(code__in=[products[l.product_id].target for l in record.lines])}
        first_sku = skus[products[record.lines[0].product_id].target]
        warehouse = self._order_warehouse(first_sku)
        identity = getattr(customer, "identity", None) if hasattr(customer, "identity") else None
        address = customer.addresses.order_by("-is_default", "id").first()
        goods = _money(sum((l.unit_price * l.quantity for l in record.lines), Decimal("0")))
        dutiable = _money(goods + record.freight)
        order = Order.objects.create(
            number=_code(self.platform, record.id, 32).upper(), brand=self.brand, customer=customer,
            status=STATUS_MAP[record.status], mode=record.mode or warehouse.mode, warehouse=warehouse,
            currency=self.manifest.currency, goods_value=goods, freight=_money(record.freight),
            discount=_money(record.discount), dutiable_value=dutiable, tax_total=_money(record.tax_total),
            actual_paid=_money(record.actual_paid),
            buyer_name=(identity.real_name if identity else customer.display_name)[:60],
            buyer_id_number=identity.id_number if identity else "",
            buyer_id_masked=identity.id_masked if identity else NO_IDENTITY_MASK,
            buyer_id_hash=identity.id_hash if identity else "",
            consignee=(address.consignee if address else customer.display_name)[:100],
            consignee_phone=address.phone if address else "",
            consignee_phone_masked=address.phone_masked if address else "",
            consignee_address=address.full_address() if address else "",
            consignee_address_masked=(f"{address.province}{address.city}{address.district} ***" if address
                                      else NO_IDENTITY_MASK)[:120],
            consignee_district=address.district_code if address else "",
            risk_notice_accepted_at=record.placed_at,
            risk_notice_digest=hashlib.sha256(f"history:{self.platform}".encode()).hexdigest(),
            placed_at=record.placed_at,
            paid_at=record.placed_at if record.status != "cancelled" else None,
            source=self.platform)
        listings = {l.sku_id: l for l in Listing.objects.filter(brand=self.brand, sku__in=skus.values())}
        for gnum, line in enumerate(record.lines, start=1):
            sku = skus[products[line.product_id].target]
            listing = listings.get(sku.pk)
            value = _money(line.unit_price * line.quantity)
            OrderLine.objects.create(order=order, gnum=gnum, listing=listing, sku=sku,
                                     merchant=listing.merchant if listing else self.self_merchant,
                                     title=sku.title, quantity=line.quantity, unit_price=_money(line.unit_price),
                                     goods_value=value, dutiable_value=value)
        OrderEvent.objects.create(order=order, event="imported", from_status="", to_status=order.status,
                                  actor=f"system:consolidate:{self.platform}",
                                  note=f"history from {self.platform}, source status {record.status}; "
                                       "never declared by haitao")
        quota = False
        local_year = timezone.localtime(record.placed_at).year
        if record.counts_toward_quota and local_year == self._year and identity is not None:
            quota = enter_quota(order, f"{self.platform}:{record.id}", identity.id_hash, local_year,
                                _money(record.actual_paid - record.tax_total))
            if quota:
                self.counts["orders"]["quota_entries"] += 1
        self._map(SourceRecord.Kind.ORDER, record.id, "imported", order.pk, quota=quota)
        return None

    def _order_warehouse(self, sku: Sku) -> Warehouse:
        stock = Stock.objects.filter(sku=sku).select_related("warehouse").order_by("warehouse__priority", "id").first()
        if stock is not None:
            return stock.warehouse
        code = _code(self.platform, "history").lower()
        warehouse = Warehouse.objects.filter(code=code).first()
        if warehouse is None:
            warehouse = Warehouse.objects.create(code=code, name=f"{self.platform} history", name_en=f"{self.platform} history",
                                                 kind=Warehouse.Kind.OVERSEAS, country="ZZ", city="", customs_code="",
                                                 port_code="", active=False, priority=99)
            self.created_warehouses.append({"source": "(orders without stock)", "warehouse": code, "created": True})
        return warehouse

    # -- report --

    def report(self, dry_run: bool) -> dict:
        data = report_core.build_report(
            platform=self.platform, brand=self.brand_code, dry_run=dry_run, products=self.product_rows,
            customers=self.customer_rows, quarantined=sorted(self.quarantined, key=lambda q: (q.file, q.line)),
            conflicts=self.conflict_rows, merchants=self.counts["merchants"], orders=self.counts["orders"])
        data["warehouses"] = self.created_warehouses
        data["notes"] = self.notes
        data["orders_deferred"] = self.deferred
        data["skipped_existing"] = self.counts["skipped_existing"]
        data["run"] = self.run.pk if self.run else None
        return data


def _merchant_key(name: str) -> str:
    text = fold(name)
    text = re.sub(r"\b(co|ltd|llc|inc|gmbh|sa|sas|sarl|pty|limited|company|corp)\b", " ", text)
    text = re.sub(r"(有限公司|股份公司|株式会社|有限责任公司)", " ", text)
    return re.sub(r"[\W_]+", "", text)


def _line_numbers(path: Path) -> dict[str, int]:
    """id → line number of an orders file (for quarantine rows the merge adds itself)."""
    numbers: dict[str, int] = {}
    if not path.is_file():
        return numbers
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            match = re.search(rb'"id"\s*:\s*"?([^",}]+)', raw)
            if match:
                numbers.setdefault(match.group(1).decode("utf-8", "replace").strip(), number)
    return numbers


def create_customer(record: SourceCustomer, platform: str, brand: Brand, notes: list | None = None) -> Customer:
    """A new account for a source customer: unusable password, ``<platform>-<id>@import.haitao``,
    the identity when the ID number is valid, and the addresses that are complete."""
    notes = notes if notes is not None else []
    User = get_user_model()
    username = f"{_code(platform, record.id, 100).lower()}@{IMPORT_EMAIL_DOMAIN}"
    user = User(username=username, email=username)
    user.set_unusable_password()
    user.save()
    mobile = normalise_phone(record.phone)
    customer = Customer.objects.create(user=user, display_name=record.name[:60], phone=mobile or "",
                                       phone_masked=id_rules.mask_phone(mobile) if mobile else "",
                                       signup_brand=brand)
    customer._new_identity = None
    number = normalise_id_number(record.id_number)
    if number:
        try:
            name = id_rules.validate_real_name(record.name)
            number = id_rules.validate_resident_id(number)
        except (ValueError, id_rules.InvalidIdNumber):
            notes.append({"kind": "identity_skipped", "source_id": record.id, "reason": "name or ID number invalid"})
        else:
            customer._new_identity = Identity.objects.create(
                customer=customer, real_name=name, id_number=number, id_masked=id_rules.mask_id(number),
                id_hash=crypto.id_hash(number), verified_at=None, verified_by=f"import:{platform}"[:40])
    for index, a in enumerate(record.addresses):
        try:
            phone = normalise_mobile(a.phone or "")
        except InvalidInput:
            phone = None
        if not (phone and a.province and a.city and a.district and a.detail):
            notes.append({"kind": "address_skipped", "source_id": record.id, "reason": f"addresses[{index}] incomplete"})
            continue
        Address.objects.create(customer=customer, consignee=(a.name or record.name)[:100], phone=phone,
                               phone_masked=id_rules.mask_phone(phone), province=a.province[:30], city=a.city[:30],
                               district=a.district[:30], detail=a.detail, is_default=index == 0)
    return customer


def enter_quota(order: Order | None, external_ref: str, id_hash: str, year: int, amount: Decimal) -> bool:
    """A committed ledger entry for a history order, and the person's account moved with it. Idempotent
    on ``external_ref``: False when it is already there. History is entered even over the annual limit
    (it happened); the limit then stops new orders."""
    if QuotaEntry.objects.filter(external_ref=external_ref).exists():
        return False
    amount = max(amount, Decimal("0.00"))
    QuotaEntry.objects.create(order=order, external_ref=external_ref, id_hash=id_hash, year=year, amount=amount,
                              state=QuotaEntry.State.COMMITTED)
    account, _ = QuotaAccount.objects.get_or_create(id_hash=id_hash, year=year)
    QuotaAccount.objects.filter(pk=account.pk).update(committed_fen=F("committed_fen") + fen(amount),
                                                      updated_at=timezone.now())
    return True


def consolidate(folder: str | Path, brand_code: str, *, dry_run: bool = False, batch_size: int = 200,
                report_dir: str | Path | None = None, progress_stream: Any = None) -> dict:
    """Bring the export in ``folder`` onto haitao as brand ``brand_code``; return the report dict."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,31}", brand_code or ""):
        raise ConsolidationError(f"brand code {brand_code!r}: use 1-32 lower-case letters, digits, - or _")
    try:
        export = open_export(folder)
    except ManifestError as exc:
        raise ConsolidationError(str(exc)) from None
    progress = Progress(stream=progress_stream, enabled=progress_stream is not None,
                        totals={kind: _count_lines(export.path(kind)) for kind in KINDS})
    merge = Merge(export, brand_code, batch_size=batch_size, progress=progress)
    if dry_run:
        try:
            with transaction.atomic():
                _steps(merge)
                result = merge.report(dry_run=True)
                raise _Rollback
        except _Rollback:
            pass
    else:
        with transaction.atomic():
            merge.setup()
            merge.run = ConsolidationRun.objects.create(platform=merge.platform, brand=merge.brand, folder=str(folder))
        try:
            _steps(merge, setup=False)
        except BaseException as exc:
            ConsolidationRun.objects.filter(pk=merge.run.pk).update(
                status=ConsolidationRun.Status.FAILED, finished_at=timezone.now(), error=repr(exc)[:300])
            raise
        result = merge.report(dry_run=False)
        ConsolidationRun.objects.filter(pk=merge.run.pk).update(
            status=ConsolidationRun.Status.COMPLETED, finished_at=timezone.now(), counts=result["counts"])
    if report_dir is not None:
        report_core.write_report(result, report_dir)
    return result


def _steps(merge: Merge, setup: bool = True) -> None:
    if setup:
        merge.setup()
    merge.merchants()
    merge.products()
    merge.customers()
    merge.orders()


# --- the review queue ---------------------------------------------------------------------------------


def _review_merge(item: ReviewItem) -> Merge:
    merge = Merge.__new__(Merge)
    merge.platform = item.platform
    merge.brand = item.brand
    merge.brand_code = item.brand.code
    merge.run = None
    merge.notes = []
    merge.warehouses = {}
    merge.created_warehouses = []
    merge.normaliser = default_normaliser()
    merge.self_merchant = Merchant.objects.get_or_create(
        code=_code(item.platform, "self"),
        defaults=dict(name=f"{item.brand.name_en} self-operated", kind=Merchant.Kind.SELF_OPERATED, country="CN",
                      ebc_code="", ebc_name=item.brand.name[:100]))[0]
    merge._merchant_ids = {r.source_id: Merchant.objects.get(pk=r.target) for r in SourceRecord.objects.filter(
        platform=item.platform, kind=SourceRecord.Kind.MERCHANT)}
    merge.catalog = CatalogIndex([])
    merge.categories = {c.slug: c for c in Category.objects.all()}
    return merge


def _decide(item: ReviewItem, accept: bool, actor: str, target: str | None = None) -> ReviewItem:
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        if item.state != ReviewItem.State.PENDING:
            raise InvalidInput("already_decided", f"{item} was already {item.state}.")
        mapping = SourceRecord.objects.select_for_update().filter(
            platform=item.platform, kind=item.kind, source_id=item.source_id).first()
        merge = _review_merge(item)
        if item.kind == ReviewItem.Kind.PRODUCT:
            record = parse_record("products", item.source)
            if accept:
                sku = Sku.objects.get(code=target or item.proposed)
                decision, found = MATCHED, [{"sku": sku.code, "field": c.field, "haitao": c.haitao, "source": c.source}
                                            for c in conflicts(merge.normaliser.source_product(record),
                                                               merge._catalog_record(sku))]
            else:
                sku = merge._create_sku(record, merge.normaliser.source_product(record))
                decision, found = CREATED, []
            notes = merge._offer(record, sku)
            result = sku.code
            detail = {"conflicts": found, "notes": notes}
        else:
            record = parse_record("customers", json.loads(item.source_sealed))
            if accept:
                customer = Customer.objects.get(pk=target or item.proposed)
                decision = LINKED
            else:
                customer = create_customer(record, item.platform, item.brand)
                decision = C_CREATED
            result = str(customer.pk)
            detail = {}
        reasons = [*item.reasons, f"operator {'accepted' if accept else 'rejected'}: {actor}"]
        if mapping is None:
            SourceRecord.objects.create(platform=item.platform, kind=item.kind, source_id=item.source_id,
                                        decision=decision, target=result, score=item.score,
                                        detail={"reasons": reasons, **detail})
        else:
            mapping.decision, mapping.target = decision, result
            mapping.detail = {**mapping.detail, "reasons": reasons, **detail}
            mapping.save(update_fields=["decision", "target", "detail", "updated_at"])
        item.state = ReviewItem.State.ACCEPTED if accept else ReviewItem.State.REJECTED
        item.result, item.decided_by, item.decided_at = result, actor[:60], timezone.now()
        item.save(update_fields=["state", "result", "decided_by", "decided_at"])
    return item


def accept_review(item: ReviewItem, actor: str = "operator", target: str | None = None) -> ReviewItem:
    """Apply the proposed match: a listing on the shared SKU, or the link to the existing customer.
    ``target`` picks another candidate than the proposed one. Orders waiting on it come in with the
    next ``haitao consolidate`` run of the folder."""
    if not (target or item.proposed):
        raise InvalidInput("no_candidate", "This item has no proposed match; reject it to create a new record.")
    return _decide(item, True, actor, target)


def reject_review(item: ReviewItem, actor: str = "operator") -> ReviewItem:
    """Not the same: create a new SKU (with its listing) or a new customer."""
    return _decide(item, False, actor)
