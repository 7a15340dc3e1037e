"""`load()`: the whole demo in one transaction, in dependency order, reporting what it created."""

from django.db import transaction

from haitao.catalog.search import index as search_index
from haitao.inventory import services as inventory

from . import catalog, orders, people


def load(stdout=None) -> dict:
    """Create whatever of the demo data is missing and return how many rows of each kind it created.

    Idempotent: a second run creates nothing, places no order and moves no stock.
    `stdout` (a file-like object, e.g. a management command's) receives progress lines.
    """

    def log(line: str) -> None:
        if stdout is not None:
            stdout.write(line + "\n")

    counts: dict[str, int] = {}
    with transaction.atomic():
        log("haitao demo: brands, merchants, categories, warehouses")
        counts.update(catalog.load_reference())
        log("haitao demo: catalog (SKUs, listings, stock, positive-list subset)")
        counts["skus"] = catalog.load_skus()
        counts["listings"] = catalog.load_listings()
        counts["stock"] = catalog.load_stock()
        inventory.open_books()
        counts["positive_list_entries"] = catalog.load_positive_list()
        log("haitao demo: operator and customers")
        counts["operators"] = people.load_admin() + people.load_operators()
        counts.update(people.load_customers())
        log("haitao demo: past orders")
        counts["orders"] = orders.load_orders(log=log)
        if search_index.stale() or any(counts.values()):
            log("haitao demo: search index")
            search_index.rebuild()
    return counts

