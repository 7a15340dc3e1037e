"""Plain HTTP to a payment company (stdlib: one short request at a time, no session to keep)."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from dataclasses import dataclass

from haitao.common.errors import DomainError


class ProviderUnavailable(DomainError):
    """The payment company did not answer, or answered something that is not its protocol."""

    status = 502


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict
    body: bytes


def timeout() -> float:
    return float(os.environ.get("HAITAO_PAYMENT_HTTP_TIMEOUT", "15"))


def request(method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> Response:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310 - URLs from settings
    try:
        with urllib.request.urlopen(req, timeout=timeout()) as resp:  # noqa: S310 - provider URLs come from settings
            return Response(resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read())
    except urllib.error.HTTPError as exc:  # 4xx/5xx still carry the provider's (signed) error body
        return Response(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())
    except (urllib.error.URLError, OSError) as exc:
        raise ProviderUnavailable("provider_unreachable", f"The payment provider is unreachable: {exc}") from None
