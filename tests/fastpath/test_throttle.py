"""The fast path counts checkouts in the same Redis key as the Django view's throttle, awaiting Redis."""

import asyncio
import os

import pytest
from django.core.wsgi import get_wsgi_application

from haitao.common.errors import Throttled
from haitao.orders.lean import Buyer
from haitao.throttle import services as throttle


def test_the_fast_path_throttles_checkouts_in_the_views_redis_key(settings):
    import redis

    settings.REDIS_URL = os.environ.get("HAITAO_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "checkout": [2, 600]}
    buyer = Buyer("digest", 987654, 1, 1, "张三", "hash", "1101**********002X", True)
    key = throttle.redis_key("checkout", "user:987654")
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete(key)
    from haitao.fastpath.app import FastPath
    from haitao.fastpath.wsgi_bridge import WsgiBridge

    async def main():
        app = FastPath(WsgiBridge(get_wsgi_application(), 1))
        try:
            await app._throttle(buyer)
            await app._throttle(buyer)
            with pytest.raises(Throttled) as refused:
                await app._throttle(buyer)
            return refused.value
        finally:
            if app._redis is not None:
                await app._redis.aclose()
            app.django.close()

    refused = asyncio.run(main())
    assert refused.code == "throttled" and 1 <= refused.retry_after <= 600
    assert int(client.get(key)) == 3 and 0 < client.ttl(key) <= 600
    client.delete(key)


def test_concurrent_hits_go_to_redis_together_and_count_one_each(settings):
    import redis
    import redis.asyncio

    from haitao.fastpath.counting import HitCounter

    url = os.environ.get("HAITAO_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    key = throttle.redis_key("checkout", "user:987655")
    client = redis.Redis.from_url(url)
    client.delete(key)

    async def main():
        async_client = redis.asyncio.from_url(url)
        counter = HitCounter(async_client)
        calls = []
        script = counter._script

        async def counted(**kwargs):
            calls.append(len(kwargs["keys"]))
            return await script(**kwargs)

        counter._script = counted
        try:
            first = await counter.hit(key, 600)
            together = await asyncio.gather(*(counter.hit(key, 600) for _ in range(5)))
            return first, together, calls
        finally:
            await counter.aclose()
            await async_client.aclose()

    first, together, calls = asyncio.run(main())
    assert first[0] == 1 and sorted(count for count, _ in together) == [2, 3, 4, 5, 6]
    assert all(1 <= ttl <= 600 for _, ttl in [first, *together])
    assert calls == [1, 5]  # the five concurrent hits in one round trip
    assert int(client.get(key)) == 6 and 0 < client.ttl(key) <= 600
    client.delete(key)
