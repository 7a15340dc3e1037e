"""The account book against the stock rows: Σ movements per owner × warehouse × SKU must equal the
row's on hand and quarantined units (customs' bonded account book is kept per owner and item; a row
that drifted from its movements cannot be explained to customs). Reads only."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from .models import Stock, StockMovement

# Which column each kind of movement changes (signed quantities).
QUARANTINE_KINDS = (StockMovement.Kind.QUARANTINED, StockMovement.Kind.DESTROYED)


@dataclass(frozen=True)
class Mismatch:
    owner: str
    warehouse: str
    sku: str
    on_hand: int
    booked_on_hand: int
    quarantined: int
    booked_quarantined: int

    def __str__(self):
        return (f"{self.owner} {self.warehouse} {self.sku}: on hand {self.on_hand} (book {self.booked_on_hand}), "
                f"quarantined {self.quarantined} (book {self.booked_quarantined})")


def reconcile(warehouse: str = "", sku: str = "") -> list[Mismatch]:
    """Every stock row whose movements do not sum to its on hand / quarantined units (a row with no
    movements books zero), in owner, warehouse, SKU order; optionally of one warehouse or SKU code."""
    rows = Stock.objects.all()
    if warehouse:
        rows = rows.filter(warehouse__code=warehouse)
    if sku:
        rows = rows.filter(sku__code=sku)
    rows = (rows.annotate(booked_on_hand=Sum("movements__quantity", filter=~Q(movements__kind__in=QUARANTINE_KINDS)),
                          booked_quarantined=Sum("movements__quantity", filter=Q(movements__kind__in=QUARANTINE_KINDS)))
            .values_list("owner__code", "warehouse__code", "sku__code", "on_hand", "booked_on_hand", "quarantined",
                         "booked_quarantined")
            .order_by("owner__code", "warehouse__code", "sku__code"))
    out = []
    for owner, wh, code, on_hand, booked_on_hand, quarantined, booked_quarantined in rows:
        booked_on_hand, booked_quarantined = booked_on_hand or 0, booked_quarantined or 0
        if (on_hand, quarantined) != (booked_on_hand, booked_quarantined):
            out.append(Mismatch(owner, wh, code, on_hand, booked_on_hand, quarantined, booked_quarantined))
    return out
