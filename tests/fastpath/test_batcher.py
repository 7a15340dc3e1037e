"""Group commit's answers without a database: a failed batch is retried one by one, a lost connection
answers 'unknown' (never placed), the sold-out gate only refuses and only for a while."""

import asyncio

import psycopg

from haitao.fastpath import batcher
from haitao.fastpath.batcher import GroupCommit, SoldOutGate
from haitao.orders.lean import Ticket


class FakeCursor:
    def __init__(self, rows):
        self.rows = rows

    async def fetchall(self):
        return self.rows


class FakeConnection:
    """Refuses any batch of more than one order with `error`; places single orders (idx 0)."""

    def __init__(self, error):
        self.error, self.calls = error, []

    async def execute(self, sql, params):
        import json

        orders = json.loads(params[0])["orders"]
        self.calls.append(len(orders))
        if len(orders) > 1:
            raise self.error
        if orders[0]["user_id"] == 13:
            raise psycopg.errors.UniqueViolation("taken")
        return FakeCursor([(0, "placed", 1, f"HT{orders[0]['user_id']}", "hz", "1210")])


def _ticket(n: int) -> Ticket:
    return Ticket(row={"user_id": n, "quantity": 1}, sku_id=1, response={})


def _batch(commit, conn, tickets):
    async def main():
        loop = asyncio.get_running_loop()
        batch = [(t, loop.create_future()) for t in tickets]
        try:
            await commit._run(conn, batch)
        except psycopg.OperationalError:
            batcher._answer(batch, batcher.UNKNOWN)
        return [f.result() for _, f in batch]

    return asyncio.run(main())


def test_a_failed_batch_is_retried_one_by_one_and_a_lone_failure_goes_to_the_normal_path():
    conn = FakeConnection(psycopg.errors.UniqueViolation("an order number was taken"))
    outcomes = _batch(GroupCommit("", lanes=1), conn, [_ticket(11), _ticket(12), _ticket(13)])
    assert conn.calls == [3, 1, 1, 1]
    assert [o.kind for o in outcomes] == ["placed", "placed", "fallback"]
    assert [o.number for o in outcomes[:2]] == ["HT11", "HT12"]


def test_a_lost_connection_answers_unknown_never_placed():
    conn = FakeConnection(psycopg.OperationalError("server closed the connection"))
    outcomes = _batch(GroupCommit("", lanes=1), conn, [_ticket(1), _ticket(2)])
    assert {o.kind for o in outcomes} == {"unknown"}


def test_the_gate_refuses_only_what_was_refused_and_only_for_its_ttl(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(batcher.time, "monotonic", lambda: clock[0])
    gate = SoldOutGate(ttl=1.0)
    assert not gate.refuses(7, 1)
    gate.sold_out(7, 2)  # two units were refused: one may still be there
    assert gate.refuses(7, 2) and gate.refuses(7, 3) and not gate.refuses(7, 1) and not gate.refuses(8, 5)
    gate.sold_out(7, 1)
    assert gate.refuses(7, 1)
    clock[0] += 1.5  # after the ttl the database is asked again (a restock shows)
    assert not gate.refuses(7, 1)
