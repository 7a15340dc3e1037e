"""Group commit: concurrent placements become one call of `haitao_place_batch` (orders/batch_sql.py).

Placements queue here; each of a few *lanes* (one PostgreSQL connection each, autocommit, so the one
statement is its own transaction) takes everything queued when it comes free — up to `max_batch` —
and runs it as one transaction. Under light load a batch is one order and nothing waits; under a
flash sale the queue fills while a lane waits for its commit, so the next batch is as large as the
load. Every member is answered only after the statement has returned, i.e. after its commit.

A batch that fails as a whole (an order number or Idempotency-Key taken by a concurrent writer, a
deadlock) is run again one order at a time, so one bad member cannot refuse the others; an order
that still fails alone goes to the normal path. A connection lost mid-statement leaves its
members' fate unknown: they are answered 503 (retry with the same Idempotency-Key), never 201.
"""

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass

import psycopg

from haitao.orders import lean

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    kind: str  # placed | out_of_stock | fallback (to the normal path) | unknown (connection lost)
    number: str = ""
    mode: str = ""
    warehouse: str = ""


# Every statement of a batch (and every foreign-key check at its commit) is a keyed lookup. A lane
# keeps its connection, and PostgreSQL keeps the plans it made there: planned while the order tables
# were small (a new database, the first sale of the day after a vacuum), they stay sequential scans
# as the tables grow, and each order then reads every order before it. The lanes never want one.
LANE_OPTIONS = "-c enable_seqscan=off"

UNKNOWN = Outcome("unknown")
FALLBACK = Outcome("fallback")


class SoldOutGate:
    """The admission gate: a SKU the database just reported out of stock (for `quantity` units) is
    answered out of stock for `ttl` seconds without a query. Only ever a refusal, never the record:
    after the ttl the next placement asks the database again (a restock shows within `ttl`)."""

    def __init__(self, ttl: float = 1.0):
        self.ttl = ttl
        self._sold_out: dict[int, tuple[float, int]] = {}  # sku id → (when, smallest refused quantity)

    def refuses(self, sku_id: int, quantity: int) -> bool:
        seen = self._sold_out.get(sku_id)
        if seen is None:
            return False
        if time.monotonic() - seen[0] > self.ttl:
            del self._sold_out[sku_id]
            return False
        return quantity >= seen[1]

    def sold_out(self, sku_id: int, quantity: int) -> None:
        seen = self._sold_out.get(sku_id)
        fresh = seen is None or time.monotonic() - seen[0] > self.ttl
        self._sold_out[sku_id] = (time.monotonic(), quantity if fresh else min(quantity, seen[1]))


class GroupCommit:
    def __init__(self, conninfo: str, lanes: int = 2, max_batch: int = 100):
        self.conninfo, self.lanes, self.max_batch = conninfo, lanes, max_batch
        self.gate = SoldOutGate()
        self._queue: list[tuple[lean.Ticket, asyncio.Future]] = []
        self._ready = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self.batches = self.orders = 0  # for the log and the benchmark: orders per batch

    def start(self) -> None:
        if not self._tasks:
            self._tasks = [asyncio.get_running_loop().create_task(self._lane(n)) for n in range(self.lanes)]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    async def place(self, ticket: lean.Ticket) -> Outcome:
        self.start()
        future = asyncio.get_running_loop().create_future()
        self._queue.append((ticket, future))
        self._ready.set()
        return await future

    async def _connect(self) -> psycopg.AsyncConnection:
        while True:
            try:
                return await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True, prepare_threshold=0,
                                                             options=LANE_OPTIONS)
            except psycopg.OperationalError as exc:
                log.warning("group commit lane cannot connect: %s", exc)
                await asyncio.sleep(0.5)

    async def _lane(self, n: int) -> None:
        conn = await self._connect()
        try:
            while True:
                await self._ready.wait()
                batch, self._queue = self._queue[:self.max_batch], self._queue[self.max_batch:]
                if not self._queue:
                    self._ready.clear()
                if not batch:
                    continue
                try:
                    await self._run(conn, batch)
                except psycopg.OperationalError:  # the connection is gone: whether it committed is unknown
                    _answer(batch, UNKNOWN)
                    await _close(conn)
                    conn = await self._connect()
                except Exception:  # a bug must not stop the lane; nothing of this batch was answered
                    log.exception("placement batch failed")
                    _answer(batch, UNKNOWN)
        finally:
            await _close(conn)

    async def _run(self, conn, batch) -> None:
        try:
            results = await self._call(conn, [ticket for ticket, _ in batch])
        except psycopg.OperationalError:
            raise
        except psycopg.Error as exc:
            if len(batch) == 1:
                log.info("placement batch of one failed (%s): normal path", type(exc).__name__)
                batch[0][1].set_result(FALLBACK)
                return
            for member in batch:  # one member's conflict must not refuse the others
                await self._run(conn, [member])
            return
        for index, (ticket, future) in enumerate(batch):
            outcome = results.get(index, FALLBACK)
            if outcome.kind == "out_of_stock":
                self.gate.sold_out(ticket.sku_id, ticket.row["quantity"])
            if not future.done():
                future.set_result(outcome)

    async def _call(self, conn, tickets: list[lean.Ticket]) -> dict[int, Outcome]:
        rows = [{**ticket.row, "idx": index} for index, ticket in enumerate(tickets)]
        cursor = await conn.execute(lean.BATCH_SQL, [lean.batch_argument(rows)])
        self.batches, self.orders = self.batches + 1, self.orders + len(rows)
        out = {}
        for idx, kind, _order_id, number, warehouse, mode in await cursor.fetchall():
            out[idx] = (Outcome("placed", number, mode, warehouse) if kind == "placed"
                        else Outcome("out_of_stock") if kind == "out_of_stock" else FALLBACK)
        return out


def _answer(batch, outcome: Outcome) -> None:
    for _, future in batch:
        if not future.done():
            future.set_result(outcome)


async def _close(conn) -> None:
    with contextlib.suppress(Exception):  # already broken
        await conn.close()

