"""gunicorn workers whose own error answers have the API's error shape.

A request line or headers over gunicorn's limits are refused by gunicorn before Django runs, with an
HTML page (414, 431). The request was never parsed, so its path is unknown: the answer is the JSON
error body, which every API client reads and a browser still shows. `haitao serve` uses these.
"""

import json

from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker as GThreadWorker
from gunicorn.workers.sync import SyncWorker as GSyncWorker

ANSWERS = {
    LimitRequestLine: (414, "URI Too Long", "uri_too_long", "The request line is longer than the server accepts."),
    LimitRequestHeaders: (431, "Request Header Fields Too Large", "headers_too_large",
                          "The request headers are larger than the server accepts."),
}


def error_response(status: int, reason: str, code: str, message: str) -> bytes:
    body = json.dumps({"error": {"code": code, "message": message, "field": None}}).encode()
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


class JsonErrorsMixin:
    def handle_error(self, req, client, addr, exc):
        answer = next((a for kind, a in ANSWERS.items() if isinstance(exc, kind)), None)
        if answer is None:
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, error_response(*answer))
        except Exception:  # noqa: BLE001 - the client may be gone; nothing else to do
            self.log.debug("Failed to send error message.")


class ThreadWorker(JsonErrorsMixin, GThreadWorker):
    pass


class SyncWorker(JsonErrorsMixin, GSyncWorker):
    pass
