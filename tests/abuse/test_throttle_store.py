"""The counters under concurrency: on PostgreSQL (and SQLite) the database store's upsert, and Redis
(db 5) when it is reachable in CI, count every hit exactly once."""

import os

import pytest
from django.test import override_settings

from haitao.common.errors import Throttled
from haitao.throttle import services as throttle
from tests.core.test_races import _race

LIMITS = {"search": [10, 60], "login_account": [5, 900], "login_address": [20, 900]}


def _allowed_of(n, work):
    results = _race(n, work)
    return sum(1 for r in results if r is None), [r for r in results if isinstance(r, Exception)]


@pytest.mark.django_db(transaction=True)
@override_settings(RATE_LIMITS=LIMITS)
def test_database_store_lets_exactly_the_limit_through_parallel_requests():
    allowed, refused = _allowed_of(30, lambda i: throttle.check("search", "address:10.0.0.1"))
    assert allowed == 10 and len(refused) == 20 and all(isinstance(e, Throttled) for e in refused), refused


def _redis():
    """The Redis of .ci/run (db 5: never a database another process uses)."""
    import redis

    client = redis.Redis.from_url(os.environ.get("HAITAO_TEST_REDIS_URL", "redis://127.0.0.1:6379/5"))
    client.ping()
    return client


def test_redis_store_counts_atomically_and_expires():
    client = _redis()
    store = throttle.RedisStore(client, prefix="haitao-test:throttle:")
    for key in client.scan_iter("haitao-test:throttle:*"):
        client.delete(key)
    counts = sorted(r for r in _race(25, lambda i: store.hit("k", 60)[0]))
    assert counts == list(range(1, 26))
    assert 1 <= store.hit("k", 60)[1] <= 60
    store.lock("k", 30)
    assert 1 <= store.locked_for("k") <= 30
    store.reset("k")
    assert store.hit("k", 60)[0] == 1
    assert store.locked_for("other") == 0
