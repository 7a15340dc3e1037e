"""Races with real threads. On PostgreSQL (CI) these prove the conditional UPDATEs hold under
concurrency; on SQLite the IMMEDIATE transactions serialise writers and the same assertions hold."""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from haitao.common.errors import DomainError
from haitao.compliance.models import QuotaAccount
from haitao.inventory.models import Allocation, Stock
from haitao.orders import services as orders
from haitao.orders.models import Order
from tests import factories as f
from tests.core.test_placement import request_for

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 50


def _race(n: int, work) -> list:
    """Run work(i) on n threads released at the same instant; collect results or exceptions."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _valid_id(i: int) -> str:
    body = f"110105199001{i % 28 + 1:02d}{i % 1000:03d}"[:17]
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check


def test_fifty_buyers_racing_for_the_last_units_never_oversell():
    brand = f.brand()
    sku = f.sku(code="LAST")
    f.listed(brand, sku, "100.00")
    f.stock(sku, 7)
    buyers = [f.customer() for _ in range(THREADS)]

    def buy(i):
        return orders.place_order(buyers[i], request_for(brand, [("LAST", 1)], buyer_id_number=_valid_id(i),
                                                         buyer_name=f"买家{i}"))[0]

    results = _race(THREADS, buy)
    won = [r for r in results if isinstance(r, Order)]
    lost = [r for r in results if isinstance(r, DomainError)]
    unexpected = [r for r in results if not isinstance(r, (Order, DomainError))]
    assert not unexpected, unexpected[:3]
    assert len(won) == 7 and len(lost) == THREADS - 7
    assert {e.code for e in lost} == {"out_of_stock"}
    stock = Stock.objects.get(sku=sku)
    assert stock.allocated == 7 == stock.on_hand
    assert sum(a.quantity for a in Allocation.objects.all()) == 7
    assert Order.objects.count() == 7


def test_same_buyer_in_two_brands_at_once_cannot_pass_the_annual_quota():
    dolphin, wombat = f.brand("dolphin"), f.brand("wombat")
    sku = f.sku(code="WATCH", hs_code="9102210090")
    f.listed(dolphin, sku, "3000.00")
    f.listed(wombat, sku, "3000.00")
    f.stock(sku, 100)
    buyer = f.customer()
    # 21,000 already committed this year: 5,000 remain, so only one 3,000 order of the racing pair fits.
    from haitao.common.crypto import id_hash
    from haitao.rules.quota import quota_year
    from django.utils import timezone

    QuotaAccount.objects.create(id_hash=id_hash("11010519491231002X"), year=quota_year(timezone.now()),
                                committed_fen=2_100_000)
    orders.place_order(buyer, request_for(dolphin, [("WATCH", 1)], key="warm-up-identity"))  # 24,000 used
    QuotaAccount.objects.update(committed_fen=2_000_000)  # back to 23,000 used: 3,000 left = one order
    n = 10

    def buy(i):
        return orders.place_order(buyer, request_for([dolphin, wombat][i % 2], [("WATCH", 1)], key=f"race-{i}"))[0]

    results = _race(n, buy)
    won = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(won) == 1 and len(refused) == n - 1, results
    assert {e.code for e in refused} == {"annual_limit_exceeded"}
    account = QuotaAccount.objects.get()
    assert account.reserved + account.committed == Decimal("26000.00")
