"""The split of a cart into customs orders, priced: what the buyer sees before paying and what
placement writes (docs/marketplace.md). Reads only.

haitao.rules.split decides the grouping (seller of record × warehouse/mode, bonded first); each
sub-order is then quoted on its own, as customs judges it: its own freight, taxes and the
single-transaction limit. The annual quota is judged on their sum (each quote counts the ones before
it as used), and reserved atomically by placement.
"""

from dataclasses import dataclass
from decimal import Decimal

from haitao.checkout.quote import Item, quote_items
from haitao.common.errors import Conflict
from haitao.inventory import services as inventory
from haitao.rules import split as split_rule
from haitao.rules import tax


@dataclass(frozen=True)
class PlannedOrder:
    """One customs order of the purchase: its seller, warehouse, mode, items (in cart order) and quote."""

    seller: object
    warehouse_id: int
    mode: str
    codes: tuple[str, ...]
    quote: tax.Quote
    items: tuple[tuple[str, str, int], ...] = ()  # (sku code, title, quantity), shown to the buyer


@dataclass(frozen=True)
class Plan:
    orders: tuple[PlannedOrder, ...]

    @property
    def goods_value(self) -> Decimal:
        return sum((o.quote.goods_value for o in self.orders), Decimal("0.00"))

    @property
    def tax_total(self) -> Decimal:
        return sum((o.quote.tax_total for o in self.orders), Decimal("0.00"))

    @property
    def actual_paid(self) -> Decimal:
        return sum((o.quote.actual_paid for o in self.orders), Decimal("0.00"))

    @property
    def quota_value(self) -> Decimal:
        return sum((o.quote.quota_value for o in self.orders), Decimal("0.00"))


class SplitImpossible(Conflict):
    """Some lines are in no single warehouse of their seller right now."""


def plan(brand, listings: dict, wanted: dict[str, int], annual_used: Decimal, today) -> Plan:
    """The purchase's customs orders. Raises SplitImpossible (out of stock) or tax.LimitExceeded (a
    sub-order over the single limit, or all of them together over the annual quota)."""
    lines = [split_rule.Line(listings[code].sku_id, listings[code].merchant_id, qty) for code, qty in wanted.items()]
    available, warehouses = inventory.availability({(line.seller, line.sku) for line in lines})
    try:
        groups = split_rule.split(lines, available, warehouses)
    except split_rule.Unplaceable as exc:
        codes = [code for code in wanted if listings[code].sku_id in {line.sku for line in exc.lines}]
        raise SplitImpossible("out_of_stock", f"There is not enough stock of {', '.join(codes)} right now. "
                              "Reduce the quantity or try again later.", field="items", skus=codes) from None
    code_of = {listings[code].sku_id: code for code in wanted}
    planned, used = [], annual_used
    for group in groups:
        codes = tuple(code_of[line.sku] for line in group.lines)
        quote = quote_items(brand, [Item(listings[code], wanted[code]) for code in codes], used, today)
        used += quote.quota_value
        items = tuple((code, listings[code].sku.title, wanted[code]) for code in codes)
        planned.append(PlannedOrder(listings[codes[0]].merchant, group.warehouse, group.mode, codes, quote, items))
    return Plan(tuple(planned))
