"""The load generator: a separate process of asyncio + aiohttp virtual buyers against 127.0.0.1 only.

    python -m benchmarks.flashsale.load SPEC.json OUT.json

Phase 1 (placement, or page views for `catalog`): `clients` coroutines, each a virtual buyer taking
the next account from the pool, POST /api/v1/brands/{brand}/orders with a fresh Idempotency-Key,
until `duration` seconds pass or `max_requests` have been sent. Phase 2 (payment, measured apart):
for every order placed, POST /orders/{number}/payments, then the provider's signed callback.
Bounded in count and time; stops by itself. With `placed` in the spec (orders placed by wrk, see
phases.py) only phase 2 runs.

aiohttp rather than httpx: the load shares the 2 cores with the server it measures, and aiohttp's
C-accelerated client spends about a third of httpx's CPU per request, leaving that to the server.
"""

import asyncio
import hashlib
import hmac
import json
import random
import resource
import secrets
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from benchmarks.flashsale.server import db_backend_cpu_seconds, group_cpu_seconds, machine_cpu

OUT_OF_STOCK = "out_of_stock"


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    v = sorted(values)

    def q(p):
        return round(v[min(len(v) - 1, int(p * len(v)))] * 1000, 1)

    return {"p50": q(0.50), "p95": q(0.95), "p99": q(0.99), "max": round(v[-1] * 1000, 1)}


class CpuMeter:
    """CPU seconds spent by this load process, the server's process group, the database's backends
    and the whole machine (everything else on it included) between two marks."""

    def __init__(self, spec: dict):
        self.pgid, self.db = spec.get("server_pgid"), spec.get("db_name")
        self.mark = self._sample()

    def _sample(self) -> dict:
        ru = resource.getrusage(resource.RUSAGE_SELF)
        busy, total = machine_cpu()
        return {"load": ru.ru_utime + ru.ru_stime, "server": group_cpu_seconds(self.pgid),
                "db": db_backend_cpu_seconds(self.db) if self.db else None, "busy": busy, "total": total}

    def lap(self) -> dict:
        now = self._sample()
        then, self.mark = self.mark, now
        out = {}
        for key, name in (("load", "load_generator"), ("server", "server"), ("db", "postgres_backends")):
            out[name] = None if now[key] is None or then[key] is None else round(now[key] - then[key], 2)
        wall = now["total"] - then["total"]
        out["machine_busy_fraction"] = round((now["busy"] - then["busy"]) / wall, 3) if wall > 0 else None
        return out


class Tally:
    def __init__(self):
        self.latencies: list[float] = []
        self.ok_latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.errors: dict[str, int] = {}
        self.rejected = 0
        self.ok = 0
        self.first_ok = None
        self.last_ok = None

    def add(self, started: float, status: int | None, code: str, ok: bool, rejected: bool, t0: float):
        took = time.monotonic() - started
        self.latencies.append(took)
        key = str(status) if status is not None else "transport"
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if ok:
            self.ok += 1
            self.ok_latencies.append(took)
            now = time.monotonic() - t0
            self.first_ok = now if self.first_ok is None else self.first_ok
            self.last_ok = now
        elif rejected:
            self.rejected += 1
        else:
            label = f"{status} {code}".strip() if status is not None else f"transport {code}"
            self.errors[label] = self.errors.get(label, 0) + 1

    def summary(self, elapsed: float) -> dict:
        return {"requests": len(self.latencies), "ok": self.ok, "rejected": self.rejected,
                "errors": dict(sorted(self.errors.items())), "error_count": sum(self.errors.values()),
                "statuses": dict(sorted(self.statuses.items())), "elapsed_s": round(elapsed, 3),
                "first_ok_s": None if self.first_ok is None else round(self.first_ok, 3),
                "last_ok_s": None if self.last_ok is None else round(self.last_ok, 3),
                "latency_ms": percentiles(self.latencies), "ok_latency_ms": percentiles(self.ok_latencies)}


def _error_code(body: bytes) -> str:
    try:
        return json.loads(body)["error"]["code"]
    except Exception:  # noqa: BLE001 - any non-API body (HTML 500, proxy error) is just unlabelled
        return ""


async def _request(client: aiohttp.ClientSession, method: str, url: str, **kwargs) -> tuple[int, bytes]:
    """(status, body): the body is read whole so the connection goes back to the pool."""
    async with client.request(method, url, **kwargs) as response:
        return response.status, await response.read()


def _check_target(base_url: str) -> None:
    host = urlsplit(base_url).hostname
    if host != "127.0.0.1":
        raise SystemExit(f"the load generator only targets 127.0.0.1, not {host!r}")


async def place_orders(client, spec, buyers, tally: Tally, placed: list, t0: float, deadline: float, budget: list):
    brand, consignee = spec["brand"], spec["consignee"]
    rng = random.Random(spec.get("seed", 7))
    url = f"/api/v1/brands/{brand}/orders"
    next_buyer = [0]

    async def buyer_loop(worker: int):
        local = random.Random(rng.random() + worker)
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            index = next_buyer[0] % len(buyers)
            next_buyer[0] += 1
            token, name, number = buyers[index]
            sku = spec["hot_sku"] if spec["scenario"] == "hot" else \
                spec["random_sku_format"].format(local.randint(1, spec["random_skus"]))
            body = {"items": [{"sku": sku, "quantity": 1}], "consignee": consignee,
                    "buyer": {"real_name": name, "id_number": number}, "risk_notice_accepted": True}
            started = time.monotonic()
            try:
                status, content = await _request(client, "POST", url, data=json.dumps(body).encode(), headers={
                    "Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex,
                    "Content-Type": "application/json"})
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                tally.add(started, None, type(exc).__name__, False, False, t0)
                continue
            code = "" if status in (200, 201) else _error_code(content)
            ok = status == 201
            tally.add(started, status, code, ok, status == 409 and code == OUT_OF_STOCK, t0)
            if ok:
                order = json.loads(content)
                placed.append((token, name, number, order["number"]))

    await asyncio.gather(*(buyer_loop(i) for i in range(spec["clients"])))


async def browse(client, spec, tally: Tally, t0: float, deadline: float, budget: list):
    brand, terms = spec["brand"], spec["search_terms"]

    async def visitor(worker: int):
        local = random.Random(spec.get("seed", 7) * 1000 + worker)
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            if local.random() < 0.7:  # product pages outnumber searches
                path = f"/api/v1/brands/{brand}/products/" + spec["random_sku_format"].format(
                    local.randint(1, spec["random_skus"]))
                params = None
            else:
                path = f"/api/v1/brands/{brand}/products"
                params = {"q": local.choice(terms), "limit": "24"}
            started = time.monotonic()
            try:
                status, content = await _request(client, "GET", path, params=params)
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                tally.add(started, None, type(exc).__name__, False, False, t0)
                continue
            tally.add(started, status, "" if status == 200 else _error_code(content), status == 200, False, t0)

    await asyncio.gather(*(visitor(i) for i in range(spec["clients"])))


async def pay_orders(client, spec, placed: list, tally: Tally, t0: float, deadline: float):
    secret = spec["sandbox_secret"].encode()
    queue = list(reversed(placed))

    async def payer():
        while queue and time.monotonic() < deadline:
            token, name, number, order_number = queue.pop()
            started = time.monotonic()
            try:
                status, content = await _request(client, "POST", f"/api/v1/orders/{order_number}/payments",
                                                 headers={"Authorization": f"Bearer {token}"})
                if status != 201:
                    tally.add(started, status, "start:" + _error_code(content), False, False, t0)
                    continue
                payment = json.loads(content)
                body = json.dumps({"event_id": "evt_" + secrets.token_hex(12), "reference": payment["reference"],
                                   "status": "succeeded", "amount": str(payment["amount"]),
                                   "transaction_id": "SBX" + secrets.token_hex(10).upper(),
                                   "payer_name": name, "payer_id_number": number}, ensure_ascii=False).encode()
                signature = hmac.new(secret, body, hashlib.sha256).hexdigest()
                status, content = await _request(
                    client, "POST", "/api/v1/payments/sandbox/callback", data=body,
                    headers={"Content-Type": "application/json", "X-Sandbox-Signature": signature})
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                tally.add(started, None, type(exc).__name__, False, False, t0)
                continue
            outcome = json.loads(content).get("outcome") if status == 200 else _error_code(content)
            tally.add(started, status, "" if outcome == "paid" else f"callback:{outcome}",
                      status == 200 and outcome == "paid", False, t0)

    await asyncio.gather(*(payer() for _ in range(spec["clients"])))
    return len(queue)


async def run(spec: dict) -> dict:
    _check_target(spec["base_url"])
    buyers = json.loads(Path(spec["buyers_file"]).read_text(encoding="utf-8"))
    connector = aiohttp.TCPConnector(limit=spec["clients"])  # one kept-alive connection per virtual client
    timeout = aiohttp.ClientTimeout(total=spec.get("request_timeout", 30.0))
    out: dict = {"scenario": spec["scenario"], "clients": spec["clients"]}
    meter = CpuMeter(spec)
    async with aiohttp.ClientSession(base_url=spec["base_url"], connector=connector, timeout=timeout,
                                     trust_env=False) as client:
        tally, placed = Tally(), []
        budget = [spec["max_requests"]]
        t0 = time.monotonic()
        deadline = t0 + spec["duration"]
        if spec.get("placed") is not None:  # placed by wrk (benchmarks.flashsale.phases): pay only
            placed = [tuple(p) for p in spec["placed"]]
        elif spec["scenario"] == "catalog":
            await browse(client, spec, tally, t0, deadline, budget)
        else:
            await place_orders(client, spec, buyers, tally, placed, t0, deadline, budget)
        if spec.get("placed") is None:
            out["phase1"] = tally.summary(time.monotonic() - t0)
            out["phase1"]["cpu_s"] = meter.lap()
        if placed and spec.get("pay", True):
            pay_tally = Tally()
            t1 = time.monotonic()
            left = await pay_orders(client, spec, placed, pay_tally, t1, t1 + spec["payment_timeout"])
            out["payment"] = pay_tally.summary(time.monotonic() - t1)
            out["payment"]["not_attempted"] = left
            out["payment"]["cpu_s"] = meter.lap()
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m benchmarks.flashsale.load SPEC.json OUT.json", file=sys.stderr)
        return 2
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = asyncio.run(run(spec))
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
