"""Sales and availability on the search documents, kept in step as orders and stock move, so that
ranking (units sold, in stock first) and the mode facet read columns instead of the order and stock
tables for every match.

Three triggers, one set-based refresh (`refresh`): the order events that change units sold or stock
held (catalog.handlers, after commit), a stock row saved (a receipt, a new warehouse row), and a
periodic sweep of every document (`haitao.search_refresh`, for writes that send neither: bulk stock
updates, imports). A refresh writes only the rows whose figures changed. It never waits for another
refresh of the same rows (SKIP LOCKED on PostgreSQL): a hot SKU during a flash sale must not queue
buyers behind each other; a refresh skipped so is made good by the next one or the sweep.

Orders and stock belong to apps that depend on catalog; they are read through their tables, as
catalog.queries.availability reads stock, never imported.
"""

from django.db import connection

from haitao.rules.positive_list import mode_of_warehouse

from .index import _NOT_SOLD, MODE_BITS
from .pages import bump_index_version

_STOCKED = ("SELECT 1 FROM inventory_stock st JOIN inventory_warehouse w ON w.id = st.warehouse_id "
            "WHERE st.sku_id = d.sku_id AND w.active AND st.on_hand > st.allocated")
_SALES = ("SELECT SUM(ol.quantity) FROM orders_orderline ol JOIN orders_order o ON o.id = ol.order_id "
          "WHERE ol.sku_id = d.sku_id AND o.brand_id = d.brand_id AND o.status NOT IN ({})")


def _kinds_by_mode() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT kind FROM inventory_warehouse")
        kinds = [kind for (kind,) in cursor.fetchall()]
    return {mode: [k for k in kinds if mode_of_warehouse(k) == mode] for mode in MODE_BITS}


def _figures(scope: str) -> tuple[str, list]:
    """SELECT of (id, sales, available, stock_modes) as they should be, for the documents in `scope`."""
    params: list = list(_NOT_SOLD)
    modes = []
    for mode, kinds in _kinds_by_mode().items():
        if kinds:
            modes.append(f"CASE WHEN EXISTS ({_STOCKED} AND w.kind IN ({', '.join(['%s'] * len(kinds))})) "
                         f"THEN {MODE_BITS[mode]} ELSE 0 END")
            params += kinds
    sql = (f"SELECT d.id, COALESCE(({_SALES.format(', '.join(['%s'] * len(_NOT_SOLD)))}), 0) AS sales, "
           f"CASE WHEN EXISTS ({_STOCKED}) THEN 1 ELSE 0 END AS available, {' + '.join(modes) or '0'} AS stock_modes "
           f"FROM catalog_searchdocument d WHERE {scope}")
    return sql, params


def refresh(sku_ids=None) -> int:
    """Recompute units sold, in stock and modes in stock of the documents of these SKUs (every
    document when None). Returns the number of documents changed. A listing sold out or back in stock
    makes cached search pages stale (catalog.search.pages); units sold alone do not."""
    ids = None if sku_ids is None else sorted({int(i) for i in sku_ids})
    if ids is not None and not ids:
        return 0
    scope, scope_params = ("1 = 1", []) if ids is None else (f"d.sku_id IN ({', '.join(['%s'] * len(ids))})", ids)
    figures, params = _figures(scope)
    available = "n.available = 1" if connection.vendor == "postgresql" else "n.available"
    if connection.vendor == "postgresql":
        figures += " FOR UPDATE OF d SKIP LOCKED"
    changed = {}
    with connection.cursor() as cursor:
        for name, columns in (("stock", {"available": available, "stock_modes": "n.stock_modes"}),
                              ("sales", {"sales": "n.sales"})):
            assign = ", ".join(f"{column} = {value}" for column, value in columns.items())
            differs = " OR ".join(f"catalog_searchdocument.{column} <> ({value})" for column, value in columns.items())
            cursor.execute(f"UPDATE catalog_searchdocument SET {assign} FROM ({figures}) n "
                           f"WHERE catalog_searchdocument.id = n.id AND ({differs})", params + scope_params)
            changed[name] = cursor.rowcount
    if changed["stock"]:
        bump_index_version()
    return max(changed.values())


def skus_of_order(order_id: int) -> list[int]:
    from ..models import Sku

    return list(Sku.objects.filter(order_lines__order_id=order_id).values_list("pk", flat=True).distinct())
