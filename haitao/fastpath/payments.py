"""The payment endpoints of the flash sale on the fast server (docs/scaling.md, "The lean payment path").

`POST /api/v1/orders/{number}/payments` and `POST /api/v1/payments/sandbox/callback` are answered
here with one statement each on a small pool of autocommit connections (payments/lean.py and the
`haitao_pay_callback` function), instead of a Django request through the WSGI bridge: the buyer's
token from the fast path's cache (re-checked by the statement itself), the sandbox's signature
checked before anything in the body is believed (a bad one is refused here: fail closed). Whatever
the lean path does not handle exactly goes to Django unchanged, body and headers as they came.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re

import psycopg
from django.conf import settings
from ninja.responses import NinjaJSONEncoder

from haitao.common.errors import DomainError, InvalidInput, NotFound
from haitao.payments import lean

from .batcher import LANE_OPTIONS

log = logging.getLogger(__name__)
START = re.compile(r"^/api/v1/orders/([^/]+)/payments$")
CALLBACK = "/api/v1/payments/sandbox/callback"


class LeanPayments:
    """Owned by the FastPath (app.py), whose token cache, language rule and Django bridge it uses."""

    def __init__(self, fast):
        self.fast = fast
        self.enabled = fast.enabled and os.environ.get("HAITAO_FASTPATH_PAYMENTS", "1") != "0" and lean.supported()
        self.size = int(os.environ.get("HAITAO_FASTPATH_PAY_CONNECTIONS", "4"))
        self._idle: list[psycopg.AsyncConnection] = []
        self._free = asyncio.Semaphore(self.size)
        self.stats = {"start": 0, "callback": 0, "normal_path": 0}

    def route(self, scope) -> str | None:
        """Which payment endpoint this request is ("start" or "callback"), if the lean path may take it."""
        if not self.enabled or scope["method"] != "POST":
            return None
        path = scope["path"]
        if path == CALLBACK:
            return "callback"
        return "start" if START.match(path) else None

    async def __call__(self, kind: str, scope, receive, send) -> None:
        from .app import _body

        body = await _body(receive)
        headers = dict(scope["headers"])
        started = []

        async def sending(message):
            started.append(message)
            await send(message)

        try:
            if kind == "start":
                answered = await self._start(START.match(scope["path"]).group(1), scope, headers, sending)
            else:
                answered = await self._callback(body, headers, sending)
        except Exception as exc:
            if started:
                raise
            if not isinstance(exc, psycopg.Error):
                log.exception("lean payment path failed; Django answers")
            # a statement that did commit before its connection was lost is found by Django: the
            # event as a duplicate, the start as the pending payment
            answered = False
        if answered:
            self.stats[kind] += 1
            return
        self.stats["normal_path"] += 1
        await self.fast.django(scope, body, send)

    async def aclose(self) -> None:
        idle, self._idle = self._idle, []
        for conn in idle:
            await conn.close()

    async def _execute(self, sql: str, params):
        """One statement on a pooled autocommit connection; its first row."""
        async with self._free:
            from .app import conninfo

            # Keyed statements only, on long-lived connections: no plan made while the tables were small
            # may stay a sequential scan as they grow (the lanes' reason, batcher.LANE_OPTIONS).
            conn = self._idle.pop() if self._idle else await psycopg.AsyncConnection.connect(
                conninfo(), autocommit=True, options=LANE_OPTIONS)
            try:
                row = await (await conn.execute(sql, params)).fetchone()
            except BaseException:
                await conn.close()  # whatever state it is in, it is not reused
                raise
            self._idle.append(conn)
            return row

    async def _start(self, number: str, scope, headers: dict, send) -> bool:
        auth = headers.get(b"authorization", b"")
        if scope.get("query_string") or not auth.startswith(b"Bearer "):
            return False  # a chosen provider, no token: the normal path
        raw = auth[7:].decode("latin-1").strip()
        buyer = await self.fast._buyer(raw)
        if buyer is None:
            return False
        params = lean.start_params(buyer.customer_id, buyer.token_hash, number)
        if params is None:
            return False
        row = await self._execute(lean.START_SQL, params)
        if row is None:  # no such order, or the token was revoked or expired since it was cached
            token = await self._execute(f"SELECT EXISTS ({lean.SIGNED_IN_SQL})", {"token": buyer.token_hash})
            if not token[0]:
                self.fast.tokens.pop(buyer.token_hash, None)
                return False  # the normal path answers 401
        answer = lean.start_answer(row)
        from .app import error_body, language

        if answer == "not_found":
            # someone else's order reads as not found, as on the normal path
            exc = NotFound("order_not_found", "No such order in your account.", field="order")
            await self._send(send, exc.status, error_body(exc, language(headers)))
            return True
        if answer == "fallback":
            return False
        await self._send(send, 201, json.dumps(answer, cls=NinjaJSONEncoder).encode(), language(headers))
        return True

    async def _callback(self, body: bytes, headers: dict, send) -> bool:
        from .app import error_body, language

        if len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return False
        signature = headers.get(b"x-sandbox-signature")
        lang = language(headers)
        try:
            note = lean.verify(body, None if signature is None else signature.decode("latin-1"))
        except DomainError as exc:  # forged, tampered, malformed: refused before anything is read
            await self._send(send, exc.status, error_body(exc, lang))
            return True
        except Exception:  # noqa: BLE001 - what the normal path makes of it, it answers itself
            return False
        try:
            row = await self._execute(lean.CALLBACK_SQL, [lean.callback_params(note)])
        except psycopg.errors.UniqueViolation:
            # the event id was taken meanwhile by a callback of another payment: a repeat, as on
            # the normal path (any other unique violation is the normal path's to answer)
            row = await self._execute(lean.KNOWN_EVENT_SQL, [lean.SANDBOX, note.event_id])
            if not row[0]:
                return False
            row = ("duplicate", None, None, None, None)
        outcome, amount, order_id, number, payment_id = row
        if outcome == "fallback":
            return False
        if outcome in ("unknown_payment", "amount_mismatch"):
            exc = (InvalidInput("unknown_payment", "No payment with this reference.", field="reference")
                   if outcome == "unknown_payment" else
                   InvalidInput("amount_mismatch", f"Paid {note.amount}, but the order is {amount}.", field="amount"))
            await self._send(send, exc.status, error_body(exc, lang))
            return True
        if outcome == "paid" and lean.has_after_commit():
            await asyncio.get_running_loop().run_in_executor(None, lean.after_commit, order_id, number, payment_id,
                                                             amount)
        await self._send(send, 200, json.dumps({"outcome": outcome}).encode(), lang)
        return True

    @staticmethod
    async def _send(send, status: int, body: bytes, lang: str | None = None) -> None:
        from .app import HEADERS

        extra = [(b"content-language", lang.encode())] if lang else []
        await send({"type": "http.response.start", "status": status,
                    "headers": [*HEADERS, *extra, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
