"""Tax of an inventory list, per line, as customs puts it on the CEB816 bill.

The arithmetic is ``haitao.rules`` (pure, no Django): the same apportioning and the same rule 3/4
formulas as the checkout, so the simulator's bill and the quoted tax cannot drift apart. This
module only maps list lines to those functions: by the SKU (``itemNo``) when the rates know it,
because SKUs that share an HS code may carry different consumption tax (rule 8: a cosmetic is
high-end by its own price and net content), else by the longest gcode prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from haitao.rules.apportion import apportion
from haitao.rules.cosmetics import SkuTaxFacts, consumption_tax_rate_for
from haitao.rules.tax import cbec_line_tax, general_trade_line_tax

from .messages import Inventory, InventoryItem
from .receipts import Tax, TaxHeadRd, TaxListRd

ZERO = Decimal(0)


@dataclass(frozen=True)
class SkuRates:
    """One SKU's rates; its consumption tax follows from the declared unit price (rule 8)."""

    vat: Decimal
    mfn: Decimal = ZERO
    consumption: SkuTaxFacts = field(default_factory=SkuTaxFacts)

    def consumption_rate(self, unit_price: Decimal) -> Decimal:
        facts = self.consumption
        return consumption_tax_rate_for(SkuTaxFacts(facts.basis, facts.ad_valorem_rate, unit_price,
                                                    facts.net_content, facts.content_unit))


@dataclass(frozen=True)
class TaxRates:
    """Rates per SKU (``skus``, by itemNo), else by the longest matching prefix of the 10-digit gcode."""

    default_vat: Decimal = Decimal("0.13")
    vat: dict[str, Decimal] = field(default_factory=dict)
    consumption: dict[str, Decimal] = field(default_factory=dict)  # ad valorem only (rule 8)
    mfn: dict[str, Decimal] = field(default_factory=dict)  # general-trade duty (rule 4)
    skus: dict[str, SkuRates] = field(default_factory=dict)

    def lookup(self, table: dict[str, Decimal], gcode: str, default: Decimal = ZERO) -> Decimal:
        keys = [k for k in table if gcode.startswith(k)]
        return table[max(keys, key=len)] if keys else default

    def of(self, item: InventoryItem) -> tuple[Decimal, Decimal, Decimal]:
        """(VAT, consumption-tax, MFN) rates of one list line."""
        sku = self.skus.get(item.itemNo or "")
        if sku is not None:
            return sku.vat, sku.consumption_rate(item.price), sku.mfn
        g = item.gcode
        return (self.lookup(self.vat, g, self.default_vat), self.lookup(self.consumption, g),
                self.lookup(self.mfn, g))


@dataclass(frozen=True)
class LineTax:
    gnum: int
    gcode: str
    dutiable: Decimal
    duty: Decimal
    consumption: Decimal
    vat: Decimal


def line_tax(item: InventoryItem, p: Decimal, rates: TaxRates, general_trade: bool = False) -> LineTax:
    """Rule 3 (CBEC, 70%, duty 0) or rule 4 (general trade, full, MFN duty) for one line."""
    v, c, t = rates.of(item)
    taxes = general_trade_line_tax(p, t, c, v) if general_trade else cbec_line_tax(p, c, v)
    return LineTax(item.gnum, item.gcode, p, taxes.duty, taxes.consumption_tax, taxes.vat)


def dutiable_value(inventory: Inventory) -> Decimal:
    """Σ line totalPrice + freight + insuredFee: what the limits are compared against."""
    head = inventory.head
    return sum((i.totalPrice for i in inventory.items), ZERO) + head.freight + head.insuredFee


def inventory_taxes(inventory: Inventory, rates: TaxRates, general_trade: bool = False) -> list[LineTax]:
    items, head = inventory.items, inventory.head
    weights = [i.totalPrice for i in items]
    shares = [f + s for f, s in zip(apportion(head.freight, weights), apportion(head.insuredFee, weights))]
    return [line_tax(i, i.totalPrice + s, rates, general_trade) for i, s in zip(items, shares)]


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
