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
