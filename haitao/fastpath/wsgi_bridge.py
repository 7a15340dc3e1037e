"""Django's WSGI application behind the ASGI front, on a fixed pool of threads.

Django's own ASGI handler opens a database connection per request (its connections live in the
request's context), which under load runs PostgreSQL out of connections; a fixed pool of threads
each keeps its own persistent connection, as gunicorn's threaded worker does. Responses are
buffered whole (the API's answers are small).
"""

import asyncio
import io
import sys
from concurrent.futures import ThreadPoolExecutor


def environ_of(scope: dict, body: bytes) -> dict:
    server = scope.get("server") or ("127.0.0.1", 80)
    client = scope.get("client") or ("", 0)
    environ = {
        "REQUEST_METHOD": scope["method"], "SCRIPT_NAME": scope.get("root_path", "").encode().decode("latin-1"),
        "PATH_INFO": scope["path"].encode().decode("latin-1"), "QUERY_STRING": scope["query_string"].decode("latin-1"),
        "SERVER_NAME": server[0], "SERVER_PORT": str(server[1]), "REMOTE_ADDR": client[0],
        "SERVER_PROTOCOL": "HTTP/" + scope.get("http_version", "1.1"), "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0), "wsgi.url_scheme": scope.get("scheme", "http"), "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        if name == "content-length":
            continue
        if name == "content-type":
            environ["CONTENT_TYPE"] = value
            continue
        key = "HTTP_" + name.upper().replace("-", "_")
        environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


class WsgiBridge:
    def __init__(self, app, threads: int, close_connections: bool = False):
        self.app, self.close_connections = app, close_connections  # close after each request: tests
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="django")

    def close(self) -> None:
        self.pool.shutdown(wait=True)

    def _call(self, environ: dict):
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"], started["headers"] = status, headers

        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
            if self.close_connections:
                from django.db import connections

                connections.close_all()
        return int(started["status"].split(" ", 1)[0]), started["headers"], body

    async def __call__(self, scope, body: bytes, send) -> None:
        status, headers, content = await asyncio.get_running_loop().run_in_executor(
            self.pool, self._call, environ_of(scope, body))
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]})
        await send({"type": "http.response.body", "body": content})
