"""Tax of an inventory list, per line (Part A rules 2–4), as customs puts it on the CEB816 bill.

Kept here (not in ``haitao.rules``) so the customs layer stays free of our other packages; the
simulator uses it to play customs, and the checkout's own tax must agree with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .messages import Inventory
from .receipts import Tax, TaxHeadRd, TaxListRd

FEN = Decimal("0.01")
CBEC_SHARE = Decimal("0.7")  # CBEC regime: 70% of statutory VAT and consumption tax, duty 0
ZERO = Decimal(0)


def fen(value: Decimal) -> Decimal:
    """Half-up to 0.01 CNY, the rounding applied to each tax of each line."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def apportion(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split ``total`` pro rata to ``weights`` to the fen by largest remainder; parts sum to total."""
    base = sum(weights, ZERO)
    if base == 0 or total == 0:
        return [ZERO for _ in weights]
    exact = [total * w / base for w in weights]
    parts = [e.quantize(FEN, rounding=ROUND_DOWN) for e in exact]
    left = int((total - sum(parts, ZERO)) / FEN)
    for i in sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))[:left]:
        parts[i] += FEN
    return parts


@dataclass(frozen=True)
class TaxRates:
    """Rates looked up by the longest matching prefix of the 10-digit gcode."""

    default_vat: Decimal = Decimal("0.13")
    vat: dict[str, Decimal] = field(default_factory=dict)
    consumption: dict[str, Decimal] = field(default_factory=dict)  # ad valorem only (rule 8)
    mfn: dict[str, Decimal] = field(default_factory=dict)  # general-trade duty (rule 4)

    def lookup(self, table: dict[str, Decimal], gcode: str, default: Decimal = ZERO) -> Decimal:
        keys = [k for k in table if gcode.startswith(k)]
        return table[max(keys, key=len)] if keys else default


@dataclass(frozen=True)
class LineTax:
    gnum: int
    gcode: str
    dutiable: Decimal
    duty: Decimal
    consumption: Decimal
    vat: Decimal


def line_tax(gnum: int, gcode: str, p: Decimal, rates: TaxRates, general_trade: bool = False) -> LineTax:
    """Rule 3 (CBEC, 70%, duty 0) or rule 4 (general trade, full, MFN duty) for one line."""
    v = rates.lookup(rates.vat, gcode, rates.default_vat)
    c = rates.lookup(rates.consumption, gcode)
    if general_trade:
        t = rates.lookup(rates.mfn, gcode)
        ct_raw = (p + p * t) * c / (1 - c)
        return LineTax(gnum, gcode, p, fen(p * t), fen(ct_raw), fen((p + p * t + ct_raw) * v))
    ct_stat = p * c / (1 - c)
    return LineTax(gnum, gcode, p, ZERO, fen(CBEC_SHARE * ct_stat), fen(CBEC_SHARE * (p + ct_stat) * v))


def dutiable_value(inventory: Inventory) -> Decimal:
    """Σ line totalPrice + freight + insuredFee: what the limits are compared against."""
    head = inventory.head
    return sum((i.totalPrice for i in inventory.items), ZERO) + head.freight + head.insuredFee


def inventory_taxes(inventory: Inventory, rates: TaxRates, general_trade: bool = False) -> list[LineTax]:
    items, head = inventory.items, inventory.head
    weights = [i.totalPrice for i in items]
    shares = [f + s for f, s in zip(apportion(head.freight, weights), apportion(head.insuredFee, weights))]
    return [line_tax(i.gnum, i.gcode, i.totalPrice + s, rates, general_trade) for i, s in zip(items, shares)]


def tax_bill(inventory: Inventory, invt_no: str, lines: list[LineTax], returned_at: str) -> Tax:
    """The CEB816 ``Tax`` record for an accepted list (taxPrice = the line's dutiable value)."""
    head = inventory.head
    return Tax(
        head=TaxHeadRd(
            returnTime=returned_at,
            invtNo=invt_no,
            taxNo=f"{invt_no}01",
            customsTax=sum((x.duty for x in lines), ZERO),
            valueAddedTax=sum((x.vat for x in lines), ZERO),
            consumptionTax=sum((x.consumption for x in lines), ZERO),
            assureCode=head.assureCode,
            ebcCode=head.ebcCode,
            logisticsCode=head.logisticsCode,
            agentCode=head.agentCode,
            customsCode=head.customsCode,
        ),
        items=tuple(
            TaxListRd(gnum=x.gnum, gcode=x.gcode, taxPrice=x.dutiable, customsTax=x.duty,
                      valueAddedTax=x.vat, consumptionTax=x.consumption)
            for x in lines
        ),
    )
