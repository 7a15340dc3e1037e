"""What one run carries between its steps, and the batch loop that makes a run resumable.

Each kind is read streaming and processed in batches; each batch is one transaction holding the
objects *and* their ``SourceRecord`` mapping rows, so a run killed half-way leaves whole batches
behind and the next run skips them. A record that already has a mapping row is never handled again,
only *replayed* into the report: re-running a folder changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from haitao.brands.models import Brand, Merchant

from .models import ConsolidationRun, SourceRecord
from .reader import KINDS, Export, Quarantined
from .records import Progress, batches, jsonable


def _no_hook(kind: str, number: int) -> None:
    pass


@dataclass
class Context:
    """One run's shared state: where records come from, the brand, the run row, the report's lists."""

    platform: str
    brand: Brand | None = None
    brand_code: str = ""
    export: Export | None = None
    currency: str = "CNY"
    run: ConsolidationRun | None = None
    batch_size: int = 200
    progress: Progress = field(default_factory=lambda: Progress(enabled=False))
    after_batch: Callable[[str, int], None] = _no_hook  # inside each batch's transaction (tests crash here)
    self_merchant: Merchant | None = None
    merchant_ids: dict[str, Merchant] = field(default_factory=dict)  # source merchant id → merchant
    brand_created: bool = False
    quarantined: list[Quarantined] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)  # invisible listings, created warehouses, skipped addresses …
    created_warehouses: list[dict] = field(default_factory=list)
    skipped_existing: dict = field(default_factory=lambda: {kind: 0 for kind in KINDS})

    def existing(self, kind: str, ids: Iterable[str]) -> dict[str, SourceRecord]:
        """The mapping rows of these source ids, by source id."""
        ids = list(ids)
        rows = {}
        for start in range(0, len(ids), 500):
            for row in SourceRecord.objects.filter(platform=self.platform, kind=kind,
                                                   source_id__in=ids[start:start + 500]):
                rows[row.source_id] = row
        return rows

    def map(self, kind: str, source_id: str, decision: str, target: Any = "", score: float | None = None,
            **detail) -> SourceRecord:
        """The mapping row of a handled record (written in the batch's transaction)."""
        return SourceRecord.objects.create(platform=self.platform, kind=kind, source_id=source_id,
                                           decision=decision, target=str(target or ""), score=score,
                                           detail=jsonable(detail), run=self.run)

    def process(self, kind: str, mapping_kind: str, handle: Callable[[Any], None],
                replay: Callable[[SourceRecord], None], counts: dict) -> None:
        """Read ``kind`` in batches: ``handle`` new records, ``replay`` mapped ones; one transaction each."""
        done = 0
        for number, batch in enumerate(batches(iter(self.export.read(kind)), self.batch_size), start=1):
            records = []
            for item in batch:
                if isinstance(item, Quarantined):
                    self.quarantined.append(item)
                    if "read" in counts:  # lines the reader refused were read too
                        counts["read"] += 1
                else:
                    records.append(item)
            with transaction.atomic():
                existing = self.existing(mapping_kind, (r.id for r in records))
                for record in records:
                    row = existing.get(record.id)
                    if row is not None:
                        self.skipped_existing[kind] += 1
                        replay(row)
                    else:
                        handle(record)
                self.after_batch(kind, number)
            done += len(batch)
            self.progress.show(kind, done, counts)
        self.progress.end(kind)
