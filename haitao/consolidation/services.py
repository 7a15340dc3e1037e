"""The merge: bring one export folder onto haitao as brand CODE (``consolidate``), and the operator's
review decisions (``accept_review`` / ``reject_review``, in review.py).

Order of work, one module each: the brand (brand_setup), merchants, products with their listings and
stock (catalog_merge, stock_merge), customers (customer_merge), history orders (order_history). Every
write to another app's tables goes through that app's service. Each kind runs in resumable batches
(batches.py): a run killed half-way leaves whole batches behind, and re-running a folder changes
nothing.

A dry run is the same run inside one outer transaction that is rolled back at the end: the report says
exactly what a real run would do, and no row changes.

docs/consolidation.md says why each decision is taken as it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from haitao.orders.services import NO_IDENTITY_MASK

from . import report as report_core
from .batches import Context
from .brand_setup import setup_brand
from .catalog_merge import CatalogMerge
from .customer_merge import CustomerMerge, create_customer
from .merchants import merge_merchants
from .models import ConsolidationRun
from .normalise import slug
from .order_history import STATUS_MAP, OrderHistory
from .reader import KINDS, Export, ManifestError, open_export
from .records import Progress, count_lines
from .review import accept_review, reject_review
from .splink_engine import ENGINES
from .stock_merge import Offers

__all__ = ["consolidate", "accept_review", "reject_review", "ConsolidationError", "ManifestError",
           "create_customer", "NO_IDENTITY_MASK", "STATUS_MAP"]


class ConsolidationError(Exception):
    """The folder cannot be consolidated at all (missing or invalid manifest, bad brand code)."""


class _Rollback(Exception):
    """Raised at the end of a dry run to roll back the outer transaction."""


def _after_batch(kind: str, number: int) -> None:
    """Called inside each batch's transaction before it commits (tests raise here to simulate a crash)."""


class _Merge:
    """One run's steps, in order, and the report they add up to."""

    def __init__(self, export: Export, brand_code: str, batch_size: int, progress: Progress, engine: str = "default"):
        self.engine = engine
        self.ctx = Context(platform=slug(export.manifest.platform)[:20] or "platform", brand_code=brand_code,
                           export=export, currency=export.manifest.currency, batch_size=max(1, batch_size),
                           progress=progress, after_batch=lambda kind, number: _after_batch(kind, number))
        self.merchant_counts = {"read": 0, "imported": 0, "matched": 0, "created": 0}
        self.order_counts = {"read": 0, "imported": 0, "deferred": 0, "quota_entries": 0}
        self.products: CatalogMerge | None = None
        self.customers: CustomerMerge | None = None
        self.history: OrderHistory | None = None

    def setup(self) -> None:
        setup_brand(self.ctx, self.ctx.export.manifest)

    def steps(self) -> None:
        merge_merchants(self.ctx, self.merchant_counts)
        self.products = CatalogMerge(self.ctx, Offers(self.ctx), engine=self.engine)
        self.products.run()
        self.customers = CustomerMerge(self.ctx)
        self.customers.run()
        self.history = OrderHistory(self.ctx, self.order_counts)
        self.history.run()

    def report(self, dry_run: bool) -> dict:
        ctx = self.ctx
        data = report_core.build_report(
            platform=ctx.platform, brand=ctx.brand_code, dry_run=dry_run, products=self.products.rows,
            customers=self.customers.rows, quarantined=sorted(ctx.quarantined, key=lambda q: (q.file, q.line)),
            conflicts=self.products.conflict_rows, merchants=self.merchant_counts, orders=self.order_counts)
        data["brand_status"] = {"code": ctx.brand_code, "created": ctx.brand_created, "active": ctx.brand.active,
                                "awaits_activation": not ctx.brand.active,
                                "activate": f"haitao brand activate {ctx.brand_code}" if not ctx.brand.active else ""}
        data["warehouses"] = ctx.created_warehouses
        data["notes"] = ctx.notes
        data["orders_deferred"] = self.history.deferred
        data["skipped_existing"] = ctx.skipped_existing
        data["run"] = ctx.run.pk if ctx.run else None
        return data


def consolidate(folder: str | Path, brand_code: str, *, dry_run: bool = False, batch_size: int = 200,
                report_dir: str | Path | None = None, progress_stream: Any = None, engine: str = "default") -> dict:
    """Bring the export in ``folder`` onto haitao as brand ``brand_code``; return the report dict.
    A brand the run creates stays inactive (invisible to buyers) until an operator activates it.
    ``engine`` picks the product matcher (splink_engine.ENGINES; docs/consolidation.md says when)."""
    if engine not in ENGINES:
        raise ConsolidationError(f"engine {engine!r}: use one of {', '.join(ENGINES)}")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,31}", brand_code or ""):
        raise ConsolidationError(f"brand code {brand_code!r}: use 1-32 lower-case letters, digits, - or _")
    try:
        export = open_export(folder)
    except ManifestError as exc:
        raise ConsolidationError(str(exc)) from None
    progress = Progress(stream=progress_stream, enabled=progress_stream is not None,
                        totals={kind: count_lines(export.path(kind)) for kind in KINDS})
    merge = _Merge(export, brand_code, batch_size, progress, engine)
    if dry_run:
        try:
            with transaction.atomic():
                merge.setup()
                merge.steps()
                result = merge.report(dry_run=True)
                raise _Rollback
        except _Rollback:
            pass
    else:
        with transaction.atomic():
            merge.setup()
            merge.ctx.run = ConsolidationRun.objects.create(platform=merge.ctx.platform, brand=merge.ctx.brand,
                                                            folder=str(folder))
        run = merge.ctx.run
        try:
            merge.steps()
        except BaseException as exc:
            ConsolidationRun.objects.filter(pk=run.pk).update(
                status=ConsolidationRun.Status.FAILED, finished_at=timezone.now(), error=repr(exc)[:300])
            raise
        result = merge.report(dry_run=False)
        ConsolidationRun.objects.filter(pk=run.pk).update(
            status=ConsolidationRun.Status.COMPLETED, finished_at=timezone.now(), counts=result["counts"])
    if report_dir is not None:
        report_core.write_report(result, report_dir)
    return result
