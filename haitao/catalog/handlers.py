"""How catalog reacts to other apps' events (registered in CatalogConfig.ready): the search documents'
units sold and availability follow the orders that change them (catalog.search.freshness)."""

from haitao.common import domain_events as ev
from haitao.common.events import subscribe

from .search import freshness


# Placed: units sold up, stock allocated. Cancelled/expired: both given back. A refusal by customs, a
# refund or an answered return request may put stock back. After commit: a search signal must never
# hold up or undo an order; the periodic sweep makes good a refresh that failed.
@subscribe(ev.OrderPlaced)
@subscribe(ev.OrderCancelled)
@subscribe(ev.OrderExpired)
@subscribe(ev.OrderRefunded)
@subscribe(ev.CustomsRejected)
@subscribe(ev.RequestAnswered)
def refresh_search_signals(event) -> None:
    freshness.refresh(freshness.skus_of_order(event.order_id))
