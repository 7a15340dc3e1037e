"""The hot endpoint as a small ASGI app beside Django (`haitao serve --fast`, under uvicorn).

`POST /api/v1/brands/{code}/orders` takes the lean path: the token from a per-process cache (checked
again by the write itself), the brand's listings and quotes from `orders.lean.Facts`, the sold-out
gate, then group commit (fastpath/batcher.py) — about a millisecond of Python per order. Every
other request, and every placement the lean path does not handle exactly (see orders/lean.py), goes
to Django (its WSGI application on a pool of threads, fastpath/wsgi_bridge.py) unchanged: one server, one API contract, the same services and database.
SQLite (the demo) keeps the normal path for everything.
"""

import asyncio
import gc
import json
import logging
import os
import re
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haitao.settings")
django.setup()

import psycopg  # noqa: E402
from asgiref.sync import sync_to_async  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation.trans_real import parse_accept_lang_header  # noqa: E402
from ninja.responses import NinjaJSONEncoder  # noqa: E402

from haitao.accounts.models import _digest  # noqa: E402
from haitao.common.errors import DomainError, Throttled  # noqa: E402
from haitao.common.text import find_bad_text  # noqa: E402
from haitao.inventory.services import OutOfStock  # noqa: E402
from haitao.orders import lean  # noqa: E402
from haitao.throttle import services as throttle  # noqa: E402

from .batcher import LANE_OPTIONS, GroupCommit  # noqa: E402
from .counting import HitCounter  # noqa: E402
from .payments import LeanPayments  # noqa: E402
from .wsgi_bridge import WsgiBridge  # noqa: E402

log = logging.getLogger(__name__)
PLACE = re.compile(r"^/api/v1/brands/([^/]+)/orders/?$")
TOKEN_TTL = 60.0  # seconds a token's lookup is reused; the write re-checks it, so a revoked token places nothing
HEADERS = [(b"content-type", b"application/json"), (b"x-content-type-options", b"nosniff"),
           (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin")]
BUYER_SQL = """
SELECT t.key_hash, t.user_id, c.id, i.id, i.real_name, i.id_hash, i.id_masked, i.owner, c.phone, c.phone_masked
  FROM accounts_apitoken t JOIN auth_user u ON u.id = t.user_id
  JOIN accounts_customer c ON c.user_id = u.id JOIN accounts_identity i ON i.customer_id = c.id
 WHERE t.key_hash = ANY (%s) AND NOT t.revoked AND t.expires_at > now() AND u.is_active
"""


def conninfo(alias: str = "default") -> str:
    params = connections[alias].get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if isinstance(v, (str, int))})


def language(headers: dict) -> str:
    """The API's language rule (api.middleware.ApiLanguageMiddleware): Accept-Language, else English."""
    for code, _quality in parse_accept_lang_header(headers.get(b"accept-language", b"").decode("latin-1")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return "en"


def error_body(exc: DomainError, lang: str) -> bytes:
    from haitao.api.app import api  # noqa: F401 - the API's handlers and texts are loaded
    from haitao.web.presenters import error_text

    body = exc.as_dict()
    with translation.override(lang):
        if not lang.startswith("en"):
            body["message"] = error_text(exc)
    return json.dumps({"error": body}, cls=NinjaJSONEncoder).encode()


class FastPath:
    def __init__(self, django_app):
        self.django = django_app
        self.enabled = connections["default"].vendor == "postgresql" and os.environ.get("HAITAO_FASTPATH", "1") != "0"
        self.facts = lean.Facts()
        self.tokens: dict[str, tuple[float, lean.Buyer]] = {}
        self.commit: GroupCommit | None = None
        self._reader = None
        self._redis = None
        self._hits: HitCounter | None = None
        self._wanted: dict[str, asyncio.Future] = {}
        self._want = asyncio.Event()
        self._lookups: asyncio.Future | None = None
        self._sold_out_bodies: dict[str, bytes] = {}
        self._loading: dict[str, asyncio.Future] = {}
        self.stats = {"lean": 0, "sold_out_gate": 0, "normal_path": 0}  # how placements were answered
        self.payments = LeanPayments(self)  # the payment endpoints' lean path (fastpath/payments.py)

    async def aclose(self) -> None:
        """Close the lanes' and the reader's connections (and the bridge's threads')."""
        if self.commit is not None:
            await self.commit.stop()
            self.commit = None
        await self.payments.aclose()
        if self._lookups is not None:
            self._lookups.cancel()
            await asyncio.gather(self._lookups, return_exceptions=True)
        if self._reader is not None:
            await self._reader.close()
            self._reader = None
        if self._hits is not None:
            await self._hits.aclose()
            self._hits = None
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None
        await sync_to_async(connections.close_all)()  # the thread that loaded the caches
        close = getattr(self.django, "close", None)
        if close is not None:
            await asyncio.get_running_loop().run_in_executor(None, close)

    async def _load(self, code: str):
        """One load of a brand's facts at a time, however many requests miss them together."""
        pending = self._loading.get(code)
        if pending is None:
            pending = self._loading[code] = asyncio.ensure_future(sync_to_async(self.facts.load)(code))
            pending.add_done_callback(lambda _f: self._loading.pop(code, None))
        return await asyncio.shield(pending)

    async def warm(self) -> None:
        """Load every active brand's facts before the first request (a cold load takes a while)."""
        if not self.enabled:
            return
        from haitao.brands.models import Brand

        codes = await sync_to_async(lambda: list(Brand.objects.filter(active=True).values_list("code", flat=True)))()
        for code in codes:
            await self._load(code)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self._lifespan(receive, send)
        if scope["type"] == "http" and scope["method"] == "POST":
            if paying := self.payments.route(scope):
                return await self.payments(paying, scope, receive, send)
            match = PLACE.match(scope["path"])
            if match and self.enabled:
                return await self._place(match.group(1), scope, receive, send)
            if match:
                self.stats["normal_path"] += 1
        if scope["type"] == "http":
            return await self.django(scope, await _body(receive), send)
        return None  # no websockets here

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.warm()
                except Exception:  # noqa: BLE001 - a cold cache is slower, not wrong
                    log.exception("could not warm the placement caches")
                # What start-up built (Django, the listings' facts) lives as long as the process: out of
                # the collector's sight, a full collection no longer walks it in the middle of a sale
                gc.collect()
                gc.freeze()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.commit is not None:
                    await self.commit.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _place(self, code, scope, receive, send):
        body = await _body(receive)
        headers = dict(scope["headers"])
        try:
            answered = await self._lean(code, body, headers, send)
        except lean.Fallback:
            answered = False
        if not answered:
            self.stats["normal_path"] += 1
            await self.django(scope, body, send)

    async def _lean(self, code: str, body: bytes, headers: dict, send) -> bool:
        """Answer the placement on the lean path (True), or leave it to Django (False / Fallback)."""
        auth = headers.get(b"authorization", b"")
        if not auth.startswith(b"Bearer ") or len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return False
        buyer = await self._buyer(auth[7:].decode("latin-1").strip())
        if buyer is None:
            return False  # unknown token, no identity yet, an operator: Django answers
        brand = self.facts.cached(code) or await self._load(code)
        if brand is None:
            return False
        try:
            payload = json.loads(body)
        except ValueError:
            return False
        if find_bad_text(payload):
            return False
        lang = language(headers)
        try:
            await self._throttle(buyer)
        except Throttled as exc:
            await self._send(send, 429, error_body(exc, lang), [(b"retry-after", str(exc.retry_after).encode())])
            return True
        except Exception:  # Redis unreachable: the normal path throttles (or fails) as it always has
            log.exception("checkout throttle unavailable on the fast path")
            return False
        try:
            ticket = lean.prepare(brand, buyer, payload, headers.get(b"idempotency-key", b"").decode("utf-8", "replace"))
        except lean.Fallback:
            raise
        except Exception:  # nothing written yet: the normal path answers (and shows the error if it has one)
            log.exception("lean placement could not prepare the order")
            raise lean.Fallback("error") from None
        if self.commit is None:
            self.commit = GroupCommit(conninfo(), lanes=int(os.environ.get("HAITAO_FASTPATH_LANES", "2")))
        if self.commit.gate.refuses(ticket.sku_id, ticket.row["quantity"]):
            self.stats["sold_out_gate"] += 1
            await self._send(send, 409, self._sold_out(lang))
            return True
        outcome = await self.commit.place(ticket)
        if outcome.kind == "placed":
            self.stats["lean"] += 1
            out = lean.placed_response(ticket, outcome.number, outcome.mode, outcome.warehouse)
            await self._send(send, 201, json.dumps(out, cls=NinjaJSONEncoder).encode(),
                             [(b"content-language", lang.encode())])
            return True
        if outcome.kind == "out_of_stock":
            self.stats["lean"] += 1
            await self._send(send, 409, self._sold_out(lang))
            return True
        if outcome.kind == "unknown":
            await self._send(send, 503, json.dumps({"error": {
                "code": "try_again", "field": None,
                "message": "The order may or may not have been placed: send it again with the same Idempotency-Key."}}
            ).encode(), [(b"retry-after", b"1")])
            return True
        self.tokens.pop(buyer.token_hash, None)  # stale, revoked, replayed, refused: the normal path answers
        return False

    def _sold_out(self, lang: str) -> bytes:
        body = self._sold_out_bodies.get(lang)
        if body is None:
            exc = OutOfStock("out_of_stock", "There is not enough stock for this order right now. "
                             "Reduce the quantity or try again later.")
            body = self._sold_out_bodies[lang] = error_body(exc, lang)
        return body

    async def _throttle(self, buyer: lean.Buyer) -> None:
        subject = f"user:{buyer.user_id}"  # throttle.decorators' subject for a signed-in user
        if not settings.REDIS_URL:
            await sync_to_async(throttle.check)("checkout", subject)
            return
        # throttle.services.RedisStore.hit, awaited: a blocking Redis call would stall every request
        # of this worker while Redis answers
        if self._redis is None:
            import redis.asyncio

            self._redis = redis.asyncio.from_url(settings.REDIS_URL)
            self._hits = HitCounter(self._redis)
        rule = throttle.limit("checkout")
        count, ttl = await self._hits.hit(throttle.redis_key("checkout", subject), rule.seconds)
        if count > rule.count:
            raise throttle.throttled(ttl)

    async def _buyer(self, raw: str) -> lean.Buyer | None:
        digest = _digest(raw)
        now = time.monotonic()
        cached = self.tokens.get(digest)
        if cached is not None and now - cached[0] < TOKEN_TTL:
            return cached[1]
        future = self._wanted.get(digest)
        if future is None:
            future = self._wanted[digest] = asyncio.get_running_loop().create_future()
            if self._lookups is None or self._lookups.done():
                self._lookups = asyncio.ensure_future(self._look_up())
            self._want.set()
        buyer = await asyncio.shield(future)
        if buyer is not None:
            if len(self.tokens) > 200_000:
                self.tokens.clear()
            self.tokens[digest] = (now, buyer)
        return buyer

    async def _look_up(self) -> None:
        """Token look-ups of concurrent requests, together: one read for all that are waiting."""
        while True:
            await self._want.wait()
            wanted, self._wanted = self._wanted, {}
            self._want.clear()
            found = {}
            try:
                if self._reader is None or self._reader.closed:
                    self._reader = await psycopg.AsyncConnection.connect(conninfo(), autocommit=True,
                                                                         options=LANE_OPTIONS)  # keyed reads only
                rows = await (await self._reader.execute(BUYER_SQL, [list(wanted)])).fetchall()
                found = {row[0]: lean.Buyer(*row) for row in rows}
            except psycopg.Error:
                self._reader = None  # unanswered: Django looks the token up itself
            for digest, future in wanted.items():
                if not future.done():
                    future.set_result(found.get(digest))

    @staticmethod
    async def _send(send, status: int, body: bytes, extra=()) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [*HEADERS, *extra, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


async def _body(receive) -> bytes:
    body, more = b"", True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return body


application = FastPath(WsgiBridge(get_wsgi_application(), int(os.environ.get("HAITAO_FASTPATH_THREADS", "4"))))
