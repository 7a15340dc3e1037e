"""The operator's review decisions: accept the proposed match, or reject it and create a new record.

The decision rewrites the item's ``SourceRecord`` in the same transaction, so the next run of the
folder treats the record as decided and brings in the orders that waited on it.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.utils import timezone

from haitao.accounts.models import Customer
from haitao.catalog.models import Sku
from haitao.common.errors import InvalidInput

from .batches import Context
from .brand_setup import self_merchant
from .catalog_merge import CatalogMerge
from .customer_merge import create_customer
from .link import CREATED as C_CREATED, LINKED
from .match import CREATED, MATCHED
from .merchants import known_merchants
from .models import ReviewItem, SourceRecord
from .reader import parse_record
from .stock_merge import Offers


def _product(item: ReviewItem, accept: bool, target: str | None) -> tuple[str, str, dict]:
    ctx = Context(platform=item.platform, brand=item.brand, brand_code=item.brand.code)
    ctx.self_merchant = self_merchant(item.platform, item.brand)
    ctx.merchant_ids = known_merchants(item.platform)
    products = CatalogMerge(ctx, Offers(ctx), load_catalog=False)
    record = parse_record("products", item.source)
    if accept:
        sku = Sku.objects.get(code=target or item.proposed)
        decision, found = MATCHED, products.conflicts_with(record, sku)
    else:
        sku = products.create_sku(record, products.normaliser.source_product(record))
        decision, found = CREATED, []
    notes = products.offers.offer(record, sku)
    return decision, sku.code, {"conflicts": found, "notes": notes}


def _customer(item: ReviewItem, accept: bool, target: str | None) -> tuple[str, str, dict]:
    record = parse_record("customers", json.loads(item.source_sealed))
    if accept:
        return LINKED, str(Customer.objects.get(pk=target or item.proposed).pk), {}
    return C_CREATED, str(create_customer(record, item.platform, item.brand).customer.pk), {}


def _decide(item: ReviewItem, accept: bool, actor: str, target: str | None = None) -> ReviewItem:
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        if item.state != ReviewItem.State.PENDING:
            raise InvalidInput("already_decided", f"{item} was already {item.state}.")
        mapping = SourceRecord.objects.select_for_update().filter(
            platform=item.platform, kind=item.kind, source_id=item.source_id).first()
        decide = _product if item.kind == ReviewItem.Kind.PRODUCT else _customer
        decision, result, detail = decide(item, accept, target)
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
