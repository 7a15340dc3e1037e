"""Stock allocation: the only code that changes `Stock.allocated` and `Stock.on_hand`.

Stock belongs to its owner (the seller of record): allocation draws only from the owner's rows.
Allocation runs inside the caller's order transaction. Each line is a conditional
`UPDATE … SET allocated = allocated + n WHERE id = … AND on_hand - allocated >= n`, so two buyers
racing for the last unit cannot both win, without holding a lock while Python thinks. Lines are
updated in stock-id order so concurrent multi-line orders cannot deadlock. Warehouse choice follows
docs/rules.md, rule 10: one bonded warehouse holding the whole order first, else one overseas.
Every change of on hand or quarantined units writes its account-book movement (StockMovement), so
the book reconciles with the stock (inventory.ledger).
"""

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from haitao.common import prebuilt
from haitao.common.errors import Conflict, InvalidInput

from haitao.rules.positive_list import mode_of_warehouse
from haitao.rules.split import Warehouse as SplitWarehouse

from .models import Allocation, Stock, StockMovement, Warehouse


@dataclass(frozen=True)
class Held:
    """Units of one SKU held in one stock row by allocate()."""

    sku_id: int
    stock_id: int
    quantity: int
    item_record_no: str


class OutOfStock(Conflict):
    pass


def _candidates(wanted: dict[int, int], owner_id: int | None,
                warehouse_id: int | None = None) -> tuple[list[tuple[Warehouse, dict[int, Stock]]], bool]:
    """(warehouses that, by a plain read, hold every wanted SKU of the owner, in shipping preference
    order; whether every SKU is available in the wanted quantity when all warehouses are counted together)."""
    rows = Stock.objects.filter(sku_id__in=wanted, warehouse__active=True)
    if owner_id is not None:
        rows = rows.filter(owner_id=owner_id)
    if warehouse_id is not None:
        rows = rows.filter(warehouse_id=warehouse_id)
    rows = rows.select_related("warehouse").order_by("id")
    by_warehouse: dict[int, tuple[Warehouse, dict[int, Stock]]] = {}
    in_all: dict[int, int] = {}
    for stock in rows:
        by_warehouse.setdefault(stock.warehouse_id, (stock.warehouse, {}))[1][stock.sku_id] = stock
        in_all[stock.sku_id] = in_all.get(stock.sku_id, 0) + max(stock.available, 0)
    kind_rank = {Warehouse.Kind.BONDED: 0, Warehouse.Kind.OVERSEAS: 1}
    fits = [(wh, stocks) for wh, stocks in by_warehouse.values()
            if all(sku in stocks and stocks[sku].available >= qty for sku, qty in wanted.items())]
    enough_overall = all(in_all.get(sku, 0) >= qty for sku, qty in wanted.items())
    return sorted(fits, key=lambda pair: (kind_rank[pair[0].kind], pair[0].priority, pair[0].id)), enough_overall


def availability(pairs: set[tuple[int, int]]) -> tuple[dict[tuple[int, int, int], int], list[SplitWarehouse]]:
    """What each owner has free, by a plain read, for the split: ({(owner, warehouse, sku): available}
    over ``pairs`` of (owner, sku), the active warehouses they are in). Allocation re-checks each row."""
    rows = (Stock.objects.filter(sku_id__in={sku for _, sku in pairs}, owner_id__in={o for o, _ in pairs},
                                 warehouse__active=True)
            .values_list("owner_id", "warehouse_id", "sku_id", "on_hand", "allocated", "warehouse__kind",
                         "warehouse__priority"))
    available, warehouses = {}, {}
    for owner, warehouse, sku, on_hand, allocated, kind, priority in rows:
        if (owner, sku) in pairs:
            available[(owner, warehouse, sku)] = on_hand - allocated
            warehouses[warehouse] = SplitWarehouse(warehouse, mode_of_warehouse(kind), priority)
    return available, list(warehouses.values())


def _take(stock_id: int, quantity: int) -> bool:
    taken = (Stock.objects.filter(id=stock_id, on_hand__gte=F("allocated") + quantity)
             .update(allocated=F("allocated") + quantity))
    return taken == 1


def _give_back(stock_id: int, quantity: int) -> None:
    Stock.objects.filter(id=stock_id).update(allocated=F("allocated") - quantity)


@dataclass(frozen=True)
class Allocated:
    """Where an order's units are held: its warehouse, the customs mode that follows, the holds."""

    warehouse_id: int
    mode: str
    held: list[Held]
    warehouse_code: str = ""


# One statement for the common one-line order: pick the preferred stock row that can fill it and
# take the units, re-checking availability on the row actually updated (a concurrent buyer may have
# taken them since the sub-select looked). No row back = fall through to the general path.
_TAKE_ONE = """
UPDATE inventory_stock SET allocated = allocated + %s
 WHERE id = (SELECT s.id FROM inventory_stock s JOIN inventory_warehouse w ON w.id = s.warehouse_id
              WHERE s.sku_id = %s AND s.owner_id = %s AND w.active AND s.on_hand - s.allocated >= %s
              ORDER BY CASE w.kind WHEN 'bonded' THEN 0 ELSE 1 END, w.priority, w.id LIMIT 1)
   AND on_hand - allocated >= %s
RETURNING id, warehouse_id, item_record_no, (SELECT kind FROM inventory_warehouse WHERE id = warehouse_id),
          (SELECT code FROM inventory_warehouse WHERE id = warehouse_id)
"""


def allocate(wanted: dict[int, int], owner_id: int | None = None, warehouse_id: int | None = None) -> Allocated:
    """Hold `wanted` ({sku_id: quantity}) of `owner_id`'s stock in one warehouse (`warehouse_id` when
    the split chose it). Must run inside a transaction. ``owner_id=None`` draws from any owner (kept
    for callers without a seller; placement always names one).

    Raises OutOfStock when no single warehouse can fill the whole order now — `no_single_warehouse`
    when the units exist but in different warehouses, else `out_of_stock`; the order is never split
    silently (rule 10).
    """
    if len(wanted) == 1 and owner_id is not None and warehouse_id is None:
        (sku_id, quantity), = wanted.items()
        with connection.cursor() as cursor:
            cursor.execute(_TAKE_ONE, [quantity, sku_id, owner_id, quantity, quantity])
            row = cursor.fetchone()
        if row is not None:
            stock_id, warehouse_id, item_record_no, kind, code = row
            return Allocated(warehouse_id, mode_of_warehouse(kind), [Held(sku_id, stock_id, quantity, item_record_no)], code)
    fits, enough_overall = _candidates(wanted, owner_id, warehouse_id)
    for warehouse, stocks in fits:
        held: list[Held] = []
        for sku_id in sorted(wanted, key=lambda s: stocks[s].id):
            stock = stocks[sku_id]
            if not _take(stock.id, wanted[sku_id]):
                break
            held.append(Held(sku_id, stock.id, wanted[sku_id], stock.item_record_no))
        else:
            return Allocated(warehouse.id, warehouse.mode, held, warehouse.code)
        for h in held:  # lost a race for one line here: undo and try the next warehouse
            _give_back(h.stock_id, h.quantity)
    if enough_overall and not fits:  # in stock, but not together: bonded and direct mail ship apart
        raise OutOfStock("no_single_warehouse", "The warehouse this order was planned for no longer has all of it "
                         "(stock moved since the split was made): check out again for a new split.")
    raise OutOfStock("out_of_stock", "There is not enough stock for this order right now. "
                     "Reduce the quantity or try again later.")


_TAKE_AT = """
UPDATE inventory_stock SET allocated = allocated + %s
 WHERE owner_id = %s AND warehouse_id = %s AND sku_id = %s AND on_hand - allocated >= %s
RETURNING id, item_record_no
"""


def allocate_at(owner_id: int, warehouse_id: int, wanted: dict[int, int]) -> list[Held]:
    """Hold ``wanted`` ({sku_id: quantity}) of ``owner_id``'s stock in the warehouse the split chose: one
    conditional UPDATE per SKU (in SKU order; callers go seller by seller, warehouse by warehouse, so
    concurrent purchases take rows in one order). Raises OutOfStock if a buyer took the units since the
    split read them; the caller's transaction then rolls back what this took."""
    held = []
    with connection.cursor() as cursor:
        for sku_id in sorted(wanted):
            cursor.execute(_TAKE_AT, [wanted[sku_id], owner_id, warehouse_id, sku_id, wanted[sku_id]])
            row = cursor.fetchone()
            if row is None:
                raise OutOfStock("out_of_stock", "There is not enough stock for this order right now. "
                                 "Reduce the quantity or try again later.")
            held.append(Held(sku_id, row[0], wanted[sku_id], row[1]))
    return held


def release(allocations) -> None:
    """Give allocated units back (cancelled, expired, refused). Idempotent per allocation."""
    for allocation in sorted(allocations, key=lambda a: a.stock_id):
        if allocation.released or allocation.shipped:
            continue
        _give_back(allocation.stock_id, allocation.quantity)
        allocation.released = True
        allocation.save(update_fields=["released"])


def release_order(order_id: int) -> None:
    """Give back every unit the order's lines hold (the order will not ship)."""
    release(list(Allocation.objects.filter(order_line__order_id=order_id)))


def consume_order(order_id: int) -> None:
    """The order's parcel left the warehouse."""
    consume(list(Allocation.objects.filter(order_line__order_id=order_id)))


def consume(allocations) -> None:
    """Units leave the warehouse with the parcel: on hand and allocated both fall."""
    for allocation in sorted(allocations, key=lambda a: a.stock_id):
        if allocation.released or allocation.shipped:
            continue
        Stock.objects.filter(id=allocation.stock_id).update(
            on_hand=F("on_hand") - allocation.quantity, allocated=F("allocated") - allocation.quantity)
        _book(allocation.stock_id, StockMovement.Kind.OUT, -allocation.quantity, allocation.order_line_id)
        allocation.shipped = True
        allocation.save(update_fields=["shipped"])


def take_back(allocations, quantity: int, sellable: bool) -> None:
    """Returned units arrive at the warehouse they left (rule 12), in the stock row they were allocated
    from (the owner's bonded stock and account-book item): sellable ones go back on hand, damaged ones
    into quarantine, for destruction, never sold again."""
    shipped = sorted((a for a in allocations if a.shipped), key=lambda a: a.stock_id)
    if not shipped or quantity <= 0:
        raise ValueError("only shipped units can come back, and at least one")
    column = "on_hand" if sellable else "quarantined"
    Stock.objects.filter(id=shipped[0].stock_id).update(**{column: F(column) + quantity})
    _book(shipped[0].stock_id, StockMovement.Kind.RETURNED if sellable else StockMovement.Kind.QUARANTINED,
          quantity, shipped[0].order_line_id)


def destroy(stock: Stock, quantity: int, note: str = "") -> Stock:
    """Quarantined units destroyed under customs supervision: they leave the account book."""
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        raise InvalidInput("invalid_quantity", "Destroy at least one unit.", field="quantity")
    if Stock.objects.filter(pk=stock.pk, quarantined__gte=quantity).update(quarantined=F("quarantined") - quantity) != 1:
        raise Conflict("not_quarantined", "Only quarantined units can be destroyed.", field="quantity")
    _book(stock.pk, StockMovement.Kind.DESTROYED, -quantity, note=note)
    stock.refresh_from_db(fields=["quarantined"])
    return stock


def _book(stock_id: int, kind: str, quantity: int, order_line_id: int | None = None, note: str = "") -> None:
    """One account-book movement of a stock row (written with the change it records)."""
    if quantity:
        StockMovement.objects.create(stock_id=stock_id, kind=kind, quantity=quantity, order_line_id=order_line_id,
                                     note=note[:200])


def record(lines_held: list[tuple[int, Held]]) -> None:
    """Persist which order line holds which stock (one INSERT for the whole order)."""
    prebuilt.insert(
        [Allocation(order_line_id=line_id, stock_id=h.stock_id, quantity=h.quantity) for line_id, h in lines_held])


def default_owner(sku, warehouse=None):
    """Whose stock a count or receipt names when it names no owner: the one owner already holding the
    SKU there, else the merchant listing it (lowest listing id), else the self-operated merchant."""
    from haitao.brands.models import Merchant
    from haitao.catalog.models import Listing

    if warehouse is not None:
        owners = list(Stock.objects.filter(warehouse=warehouse, sku=sku).values_list("owner_id", flat=True)[:2])
        if len(owners) == 1:
            return Merchant.objects.get(pk=owners[0])
    listing = Listing.objects.filter(sku=sku).select_related("merchant").order_by("id").first()
    if listing is not None:
        return listing.merchant
    merchant = (Merchant.objects.filter(kind=Merchant.Kind.SELF_OPERATED).order_by("id").first()
                or Merchant.objects.order_by("id").first())
    if merchant is None:
        raise Conflict("no_owner", "Stock needs an owner: create the self-operated merchant first.", field="owner")
    return merchant


def set_on_hand(warehouse_code: str, sku_code: str, on_hand: int, owner=None):
    """An operator's stock count of `owner`'s units (default: :func:`default_owner`). Refuses to go
    below what is already allocated to orders. The difference is booked as an adjustment."""
    from haitao.catalog.models import Sku
    from haitao.common.errors import NotFound

    from .models import Warehouse as W

    warehouse = W.objects.filter(code=warehouse_code).first()
    sku = Sku.objects.filter(code=sku_code).first()
    if warehouse is None or sku is None:
        raise NotFound("unknown_stock", "No such warehouse or SKU.", field="warehouse" if warehouse is None else "sku")
    owner = owner or default_owner(sku, warehouse)
    Stock.objects.get_or_create(warehouse=warehouse, sku=sku, owner=owner)
    rows = Stock.objects.select_for_update().filter(warehouse=warehouse, sku=sku, owner=owner)
    with transaction.atomic():
        stock = rows.get()
        if stock.allocated > on_hand:
            raise Conflict("below_allocated", "On hand cannot fall below the units already allocated to orders.",
                           field="on_hand")
        Stock.objects.filter(pk=stock.pk).update(on_hand=on_hand)
        _book(stock.pk, StockMovement.Kind.ADJUSTED, on_hand - stock.on_hand, note="stock count")
    return Stock.objects.select_related("warehouse", "sku", "owner").get(pk=stock.pk)


# --- warehouses and received stock (the consolidation import; ISSUE 9: one writer per app) ---


def create_warehouse(code: str, *, name: str, kind: str, country: str, name_en: str = "", city: str = "",
                     customs_code: str = "", port_code: str = "", active: bool = True, priority: int = 10) -> Warehouse:
    """A new warehouse. An operator fills in the customs codes of one created without them before it
    ships (create it inactive). Refuses a malformed or taken code, an unknown kind, an empty name and a
    country that is not two letters."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", code or ""):
        raise InvalidInput("invalid_warehouse_code", "A warehouse code is 1-40 lower-case letters, digits, - or _.",
                           field="code")
    if kind not in Warehouse.Kind.values:
        raise InvalidInput("invalid_kind", f"kind must be one of {', '.join(Warehouse.Kind.values)}.", field="kind")
    if not (name or "").strip():
        raise InvalidInput("missing_field", "A warehouse needs a name.", field="name")
    country = (country or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidInput("invalid_country", "country is an ISO 3166-1 alpha-2 code.", field="country")
    if Warehouse.objects.filter(code=code).exists():
        raise Conflict("warehouse_exists", f"A warehouse with code {code!r} already exists.", field="code")
    return Warehouse.objects.create(code=code, name=name.strip()[:120], name_en=(name_en or name).strip()[:120],
                                    kind=kind, country=country, city=city[:60], customs_code=customs_code[:4],
                                    port_code=port_code[:4], active=active, priority=priority)


def receive(warehouse: Warehouse, sku, quantity: int, owner=None, item_record_no: str = "") -> Stock:
    """``quantity`` units of ``owner``'s ``sku`` (default: :func:`default_owner`) arrive in
    ``warehouse``: on hand rises by that much (the stock row is created at that level when missing),
    booked as an "in" movement. Unlike ``set_on_hand`` it adds to what is there — two imports of one
    SKU into one warehouse add up."""
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
        raise InvalidInput("invalid_quantity", "A received quantity is a whole number, at least 0.", field="quantity")
    owner = owner or default_owner(sku, warehouse)
    stock, made = Stock.objects.get_or_create(warehouse=warehouse, sku=sku, owner=owner,
                                              defaults={"on_hand": quantity, "item_record_no": item_record_no})
    if not made and quantity:
        Stock.objects.filter(pk=stock.pk).update(on_hand=F("on_hand") + quantity)
        stock.refresh_from_db(fields=["on_hand"])
    _book(stock.pk, StockMovement.Kind.IN, quantity, note="received")
    return stock


def open_books() -> int:
    """Stock rows created in bulk (the demo, an import) without movements get their opening balance
    booked: on hand as "in", quarantined as "quarantined". Returns how many rows were opened."""
    rows = list(Stock.objects.filter(movements__isnull=True).only("id", "on_hand", "quarantined"))
    StockMovement.objects.bulk_create(
        [StockMovement(stock_id=row.id, kind=kind, quantity=qty, note="opening balance")
         for row in rows for kind, qty in ((StockMovement.Kind.IN, row.on_hand),
                                           (StockMovement.Kind.QUARANTINED, row.quarantined)) if qty])
    return len(rows)
