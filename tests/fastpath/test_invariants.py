"""The invariants on the fast path under concurrency (PostgreSQL in CI): group commit never oversells,
never passes a buyer's quota, writes every order whole, and mixes safely with the normal path's
threads; killing the server mid-load loses no acknowledged order and acknowledges none it did not
commit (a real uvicorn process, SIGKILLed)."""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.models import Sum

from haitao.compliance.models import QuotaAccount, QuotaEntry
from haitao.inventory.models import Allocation, Stock
from haitao.orders import services as orders
from haitao.orders.models import Order, OrderEvent, OrderLine, Purchase
from tests.fastpath.conftest import buyer, lean_expected, place, run

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def assert_whole(numbers) -> None:
    """Each order has its purchase, line, allocation, audit event and quota entry; stock adds up."""
    for number in numbers:
        order = Order.objects.get(number=number)
        assert Purchase.objects.filter(orders=order).count() == 1
        line = OrderLine.objects.get(order=order)
        assert Allocation.objects.filter(order_line=line).aggregate(n=Sum("quantity"))["n"] == line.quantity
        assert OrderEvent.objects.filter(order=order, event="place").count() == 1
        assert QuotaEntry.objects.filter(order=order, state="reserved").count() == 1
    stock = Stock.objects.get()
    held = Allocation.objects.filter(released=False).aggregate(n=Sum("quantity"))["n"] or 0
    assert stock.allocated == held == Order.objects.count() and stock.allocated <= stock.on_hand


def test_group_commit_and_normal_path_threads_racing_for_the_last_units(shop):
    Stock.objects.update(on_hand=15)
    fast_buyers = [buyer(100 + i) for i in range(40)]
    thread_buyers = [buyer(200 + i) for i in range(8)]
    brand = shop[0]
    thread_results = []

    def normal_path(who):
        from tests.core.test_placement import request_for

        try:
            request = request_for(brand, [("APT3", 1)], key=uuid.uuid4().hex,
                                  buyer_id_number=who["body"]["buyer"]["id_number"])
            thread_results.append(orders.place_order(who["customer"], request)[0].number)
        except Exception as exc:  # noqa: BLE001 - out of stock is an answer here
            thread_results.append(exc)
        finally:
            connections.close_all()

    async def scenario(app, client):
        threads = [threading.Thread(target=normal_path, args=(who,)) for who in thread_buyers]
        for t in threads:
            t.start()
        responses = await asyncio.gather(*(place(client, who, key=uuid.uuid4().hex) for who in fast_buyers))
        for t in threads:
            t.join(timeout=120)
        commit = app.commit
        return responses, (commit.batches, commit.orders) if commit else (0, 0)

    responses, (batches, batched) = run(scenario)
    placed = [r.json()["number"] for r in responses if r.status_code == 201]
    refused = [r for r in responses if r.status_code != 201]
    assert all(r.status_code == 409 and r.json()["error"]["code"] == "out_of_stock" for r in refused)
    from_threads = [n for n in thread_results if isinstance(n, str)]
    assert len(placed) + len(from_threads) == 15  # every unit sold, none twice
    assert_whole(placed + from_threads)
    if lean_expected():
        assert batches < batched  # concurrent placements were committed together


def test_one_buyer_racing_orders_never_passes_the_annual_quota(shop, settings):
    settings.MAX_UNPAID_ORDERS_PER_ACCOUNT = settings.MAX_UNPAID_ORDERS_PER_BUYER = 50
    Stock.objects.update(on_hand=100)
    from haitao.catalog.models import Listing

    Listing.objects.update(price=Decimal("4000.00"))
    who = buyer(300)

    async def scenario(app, client):
        return await asyncio.gather(*(place(client, who, key=f"q-{i}") for i in range(9)))

    responses = run(scenario)
    placed = [r for r in responses if r.status_code == 201]
    assert {r.json()["error"]["code"] for r in responses if r.status_code != 201} <= {"annual_limit_exceeded"}
    account = QuotaAccount.objects.get()
    entry = QuotaEntry.objects.first()
    limit_fen = 26000 * 100
    assert account.reserved_fen <= limit_fen
    assert len(placed) == limit_fen // int(entry.amount * 100)  # as many as fit, not one more
    assert account.reserved_fen == sum(int(e.amount * 100) for e in QuotaEntry.objects.all())
    assert_whole([r.json()["number"] for r in placed])


# --- a real server process, killed in the middle of the load ---------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start(port: int) -> subprocess.Popen:
    env = {**os.environ, "HAITAO_DATABASE_URL": _database_url(), "HAITAO_ALLOWED_HOSTS": "127.0.0.1",
           "PYTHONPATH": str(ROOT), "HAITAO_REDIS_URL": "", "HAITAO_RATE_LIMITS": '{"checkout": [1000, 600]}',
           "HAITAO_MAX_UNPAID_ORDERS_PER_ACCOUNT": "100", "HAITAO_MAX_UNPAID_ORDERS_PER_BUYER": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "haitao.fastpath.app:application", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/brands", timeout=2, trust_env=False).raise_for_status()
            return proc
        except httpx.HTTPError:
            assert proc.poll() is None, "the server exited"
            time.sleep(0.3)
    raise AssertionError("the server did not start")


def _post(port: int, who: dict, key: str):
    try:
        response = httpx.post(f"http://127.0.0.1:{port}/api/v1/brands/dolphin/orders", content=json.dumps(who["body"]),
                              headers={**who["auth"], "Content-Type": "application/json", "Idempotency-Key": key},
                              timeout=30, trust_env=False)
        return response.status_code, response.json()
    except (httpx.HTTPError, ValueError):
        return None, None  # the server died under us: no answer


def test_killing_the_server_mid_load_loses_no_acknowledged_order(shop):
    Stock.objects.update(on_hand=10_000)
    buyers = [buyer(400 + i) for i in range(12)]
    port = _free_port()
    proc = _start(port)
    acked: dict[str, str] = {}  # Idempotency-Key → order number, for every 201/200 received
    sent: list[tuple[dict, str]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def client(who):
        for _ in range(25):  # bounded: at most 25 orders per buyer
            if stop.is_set():
                return
            key = uuid.uuid4().hex
            with lock:
                sent.append((who, key))
            status, body = _post(port, who, key)
            if status in (200, 201):
                with lock:
                    acked[key] = body["number"]

    threads = [threading.Thread(target=client, args=(who,)) for who in buyers]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acked) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)  # mid-load: requests are in flight and in batches
        proc.wait(timeout=30)
        stop.set()
        for t in threads:
            t.join(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert len(acked) >= 20 and len(sent) > len(acked)  # some requests were in flight when it died
    numbers = set(Order.objects.values_list("number", flat=True))
    assert set(acked.values()) <= numbers  # nothing acknowledged that was not committed
    assert_whole(numbers)
    # Every request sent again with its key after a restart: committed ones answer with their order
    # (a replay), the rest are placed now; no key ever gives two orders.
    proc = _start(port)
    try:
        for who, key in sent:
            status, body = _post(port, who, key)
            assert status in (200, 201), body
            if key in acked:
                assert body["number"] == acked[key]
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert Order.objects.count() == len(sent) == len(set(Order.objects.values_list("idempotency_key", flat=True)))
    assert_whole(Order.objects.values_list("number", flat=True))
