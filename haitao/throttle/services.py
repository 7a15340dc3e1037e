"""Rate limits and login back-off, counted where every worker sees them.

Two stores behind one small interface (`hit`, `lock`, `locked_for`, `reset`):
- Redis (production, HAITAO_REDIS_URL): the connection of the Django cache; a window is a key with a
  TTL, counted with SET NX + INCR in one MULTI, so counting is atomic and costs no database write.
- The database (the demo's SQLite, or PostgreSQL without Redis): one upsert per hit on
  `throttle_counter`. A per-process cache would give each gunicorn worker its own allowance.

Subjects (an email, an address) are stored as a keyed hash, never in clear.
"""

import hashlib
import hmac
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from haitao.common.errors import Throttled

from .models import Counter


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def limit(name: str) -> Limit:
    count, seconds = settings.RATE_LIMITS[name]
    return Limit(int(count), int(seconds))


def _key(name: str, subject) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), str(subject).strip().lower().encode(), hashlib.sha256)
    return f"{name}:{digest.hexdigest()[:40]}"


class DatabaseStore:
    _HIT = """
    INSERT INTO throttle_counter ("key", "count", "expires") VALUES (%s, 1, %s)
    ON CONFLICT ("key") DO UPDATE
       SET "count" = CASE WHEN throttle_counter."expires" <= %s THEN 1 ELSE throttle_counter."count" + 1 END,
           "expires" = CASE WHEN throttle_counter."expires" <= %s THEN excluded."expires"
                            ELSE throttle_counter."expires" END
    RETURNING "count", "expires"
    """
    _LOCK = """
    INSERT INTO throttle_counter ("key", "count", "expires") VALUES (%s, 0, %s)
    ON CONFLICT ("key") DO UPDATE SET "expires" = excluded."expires"
    """

    def hit(self, key: str, seconds: int) -> tuple[int, int]:
        """(hits in the window including this one, seconds until the window ends)."""
        now = int(time.time())
        with connection.cursor() as cursor:
            cursor.execute(self._HIT, [key, now + seconds, now, now])
            count, expires = cursor.fetchone()
        if random.random() < 0.01:  # noqa: S311 (not security: now and then drop the windows that ended)
            Counter.objects.filter(expires__lt=now).delete()
        return count, max(expires - now, 1)

    def lock(self, key: str, seconds: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(self._LOCK, ["lock:" + key, int(time.time()) + seconds])

    def locked_for(self, key: str) -> int:
        now = int(time.time())
        expires = Counter.objects.filter(key="lock:" + key, expires__gt=now).values_list("expires", flat=True).first()
        return expires - now if expires else 0

    def reset(self, key: str) -> None:
        Counter.objects.filter(key=key).delete()


class RedisStore:
    PREFIX = "haitao:throttle:"

    def __init__(self, client, prefix: str = PREFIX):
        self.client, self.prefix = client, prefix

    def hit(self, key: str, seconds: int) -> tuple[int, int]:
        key = self.prefix + key
        pipe = self.client.pipeline(transaction=True)
        pipe.set(key, 0, ex=seconds, nx=True)
        pipe.incr(key)
        pipe.ttl(key)
        _, count, ttl = pipe.execute()
        return int(count), max(int(ttl), 1)

    def lock(self, key: str, seconds: int) -> None:
        self.client.set(self.prefix + "lock:" + key, 1, ex=seconds)

    def locked_for(self, key: str) -> int:
        ttl = self.client.ttl(self.prefix + "lock:" + key)
        return max(int(ttl), 0)

    def reset(self, key: str) -> None:
        self.client.delete(self.prefix + key)


_redis_store = None


def store():
    global _redis_store
    if not settings.REDIS_URL:
        return DatabaseStore()
    if _redis_store is None:
        from django_redis import get_redis_connection

        _redis_store = RedisStore(get_redis_connection("default"))
    return _redis_store


def _throttled(seconds: int) -> Throttled:
    return Throttled("throttled", f"Too many attempts; try again in {seconds} seconds.", retry_after=seconds)


def redis_key(name: str, subject) -> str:
    """The Redis key RedisStore counts `subject`'s requests under for limit `name` (the fast placement
    path counts there too, awaiting Redis instead of blocking its event loop)."""
    return RedisStore.PREFIX + _key(name, subject)


def throttled(seconds: int) -> Throttled:
    return _throttled(seconds)


def check(name: str, subject) -> None:
    """Count one request of `subject` against limit `name`; Throttled once the window's count is spent."""
    rule = limit(name)
    count, left = store().hit(_key(name, subject), rule.seconds)
    if count > rule.count:
        raise _throttled(left)


# --- sign-in back-off ---------------------------------------------------------------------------
def _login_subjects(account: str, address: str):
    return (("login_account", account), ("login_address", address))


def before_login(account: str, address: str) -> None:
    """Throttled while the account or the address is locked out: checked before the password is
    hashed, so refused attempts cost no hashing."""
    s = store()
    wait = max(s.locked_for(_key(name, subject)) for name, subject in _login_subjects(account, address))
    if wait:
        raise _throttled(wait)


def login_failed(account: str, address: str) -> None:
    """Count a failed sign-in; from the limit on, each further failure locks out twice as long
    (settings.LOGIN_BACKOFF_SECONDS, doubling, at most LOGIN_BACKOFF_MAX_SECONDS)."""
    s = store()
    for name, subject in _login_subjects(account, address):
        rule, key = limit(name), _key(name, subject)
        count, _ = s.hit(key, rule.seconds)
        if count >= rule.count:
            backoff = settings.LOGIN_BACKOFF_SECONDS * 2 ** min(count - rule.count, 20)
            s.lock(key, min(backoff, settings.LOGIN_BACKOFF_MAX_SECONDS))


def login_succeeded(account: str) -> None:
    """The right password clears the account's failures (not the address's: an attacker signing in to
    an account of their own must not reset the count of their guesses at others)."""
    store().reset(_key("login_account", account))


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the header the trusted proxy sets (HAITAO_CLIENT_IP_HEADER)."""
    if request is None:
        return ""
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
