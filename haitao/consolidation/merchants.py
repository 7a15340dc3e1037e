"""Merchants: a source merchant is haitao's merchant with the same customs registration code, else with
the same name (legal-form words ignored), else a new merchant."""

from __future__ import annotations

from haitao.brands.models import Merchant
from haitao.brands.services import create_merchant

from .batches import Context
from .match import CREATED, MATCHED
from .models import SourceRecord
from .reader import SourceMerchant
from .records import code, merchant_key


def merge_merchants(ctx: Context, counts: dict) -> None:
    by_code = {m.ebc_code.strip().upper(): m for m in Merchant.objects.exclude(ebc_code="")}
    by_name: dict[str, Merchant] = {}
    for m in Merchant.objects.all():
        for name in (m.name, m.ebc_name):
            if name:
                by_name.setdefault(merchant_key(name), m)

    def handle(record: SourceMerchant) -> None:
        counts["read"] += 1
        merchant, how = None, None
        if record.customs_code:
            merchant = by_code.get(record.customs_code.strip().upper())
            how = "customs_code"
        if merchant is None:
            merchant = by_name.get(merchant_key(record.name))
            how = "name"
        if merchant is None:
            merchant = create_merchant(code(ctx.platform, record.id), name=record.name[:120], kind=record.kind,
                                       country=record.country or "", ebc_code=(record.customs_code or "")[:18],
                                       ebc_name=record.name[:100], currency=ctx.currency)
            decision, reasons = CREATED, []
            if merchant.ebc_code:
                by_code[merchant.ebc_code.upper()] = merchant
            by_name.setdefault(merchant_key(record.name), merchant)
        else:
            decision, reasons = MATCHED, [how]
        counts[decision] += 1
        counts["imported"] += 1
        ctx.map(SourceRecord.Kind.MERCHANT, record.id, decision, merchant.pk, reasons=reasons)
        ctx.merchant_ids[record.id] = merchant

    def replay(row: SourceRecord) -> None:
        counts["read"] += 1
        counts["imported"] += 1
        counts[row.decision] = counts.get(row.decision, 0) + 1
        merchant = Merchant.objects.filter(pk=row.target).first()
        if merchant is not None:
            ctx.merchant_ids[row.source_id] = merchant

    ctx.process("merchants", SourceRecord.Kind.MERCHANT, handle, replay, counts)


def known_merchants(platform: str) -> dict[str, Merchant]:
    """Source merchant id → merchant, from the mapping rows of earlier runs (the review queue needs them)."""
    rows = SourceRecord.objects.filter(platform=platform, kind=SourceRecord.Kind.MERCHANT)
    return {r.source_id: Merchant.objects.get(pk=r.target) for r in rows}
