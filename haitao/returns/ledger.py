"""The tax ledger per period (a calendar month, Asia/Shanghai), for finance. Reads only.

- withheld: the tax haitao charged buyers on the orders customs billed in the period;
- billed: what customs' tax bills (CEB816) of the period say;
- not levied: the tax of returned lines, once customs concluded their CEB625 in the period;
- owed: billed − not levied, what the platform (the tax guarantor, assureCode) pays customs;
- difference: billed − withheld, the gap operators must settle (0 when the bills agree).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Sum

from haitao.customs.formats import CHINA_TZ
from haitao.declarations.models import TaxBillCheck
from haitao.rules.money import to_fen

from .models import ReturnRequest

ZERO = Decimal("0.00")
FIELDS = ("period", "bills", "withheld", "billed", "difference", "mismatches", "not_levied_on_returns", "owed")


@dataclass(frozen=True)
class Period:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """``YYYY-MM``; raises ValueError otherwise."""
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
        return cls(year, month)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        start = datetime.combine(date(self.year, self.month, 1), time.min, tzinfo=CHINA_TZ)
        nxt = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return start, datetime.combine(nxt, time.min, tzinfo=CHINA_TZ)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def row(period: Period) -> dict:
    start, end = period.bounds
    bills = TaxBillCheck.objects.filter(received_at__gte=start, received_at__lt=end)
    sums = bills.aggregate(withheld=Sum("withheld"), billed=Sum("billed"))
    # Sums of whole-fen amounts, back to the fen: SQLite adds decimals as floating point.
    withheld, billed = to_fen(sums["withheld"] or ZERO), to_fen(sums["billed"] or ZERO)
    not_levied = to_fen(ReturnRequest.objects.filter(customs_accepted_at__gte=start, customs_accepted_at__lt=end)
                        .aggregate(t=Sum("tax_not_levied"))["t"] or ZERO)
    return {"period": str(period), "bills": bills.count(), "withheld": withheld, "billed": billed,
            "difference": billed - withheld, "mismatches": bills.exclude(difference=0).count(),
            "not_levied_on_returns": not_levied, "owed": billed - not_levied}


def periods_with_activity() -> list[Period]:
    months = {(d.year, d.month) for d in TaxBillCheck.objects.dates("received_at", "month", tzinfo=CHINA_TZ)}
    months |= {(d.year, d.month) for d in ReturnRequest.objects.exclude(customs_accepted_at=None)
               .dates("customs_accepted_at", "month", tzinfo=CHINA_TZ)}
    return [Period(y, m) for y, m in sorted(months)]


def to_csv(periods: list[Period]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for period in periods:
        writer.writerow(row(period))
    return out.getvalue()
