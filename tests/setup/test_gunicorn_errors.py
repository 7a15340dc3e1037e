"""414 and 431 are answered by gunicorn before Django runs (issue 11: they came back as HTML under
/api/): `haitao serve`'s workers answer them with the API's error body. A real gunicorn on a
loopback port."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from haitao.common.gunicorn_worker import error_response


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(port: int, raw: bytes) -> tuple[int, dict]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(raw)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"Content-Type: application/json" in head, head
    return int(head.split()[1]), json.loads(body)


@pytest.fixture(params=["SyncWorker", "ThreadWorker"])
def server(request, tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "haitao.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "2" if request.param == "ThreadWorker" else "1",
         "--worker-class", f"haitao.common.gunicorn_worker.{request.param}"],
        env={**os.environ, "HAITAO_VAR_DIR": str(tmp_path)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90  # the worker loads Django first: slow on a busy machine
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
                    conn.sendall(b"GET /api/v1/nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if conn.recv(16).startswith(b"HTTP/1.1"):
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer"
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def test_long_request_line_and_large_headers_answer_in_the_error_shape(server):
    status, body = _ask(server, b"GET /api/v1/brands?q=" + b"x" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert status == 414 and body["error"]["code"] == "uri_too_long"
    headers = b"".join(b"X-Pad-%d: %s\r\n" % (i, b"y" * 50) for i in range(150))
    status, body = _ask(server, b"GET /api/v1/brands HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + b"\r\n")
    assert status == 431 and body["error"]["code"] == "headers_too_large"


def test_error_response_is_valid_http():
    raw = error_response(414, "URI Too Long", "uri_too_long", "too long")
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 URI Too Long") and int(head.split(b"Content-Length: ")[1]) == len(body)
