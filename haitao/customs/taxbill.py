"""Tax of an inventory list, per line, as customs puts it on the CEB816 bill.

The arithmetic is ``haitao.rules`` (pure, no Django): the same apportioning and the same rule 3/4
formulas as the checkout, so the simulator's bill and the quoted tax cannot drift apart. This
module only maps list lines to those functions by gcode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from haitao.rules.apportion import apportion
from haitao.rules.tax import cbec_line_tax, general_trade_line_tax

from .messages import Inventory
from .receipts import Tax, TaxHeadRd, TaxListRd

ZERO = Decimal(0)


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
        taxes = general_trade_line_tax(p, rates.lookup(rates.mfn, gcode), c, v)
    else:
        taxes = cbec_line_tax(p, c, v)
    return LineTax(gnum, gcode, p, taxes.duty, taxes.consumption_tax, taxes.vat)


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
