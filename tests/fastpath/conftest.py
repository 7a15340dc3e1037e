"""The fast placement path in process: haitao.fastpath's ASGI app driven by httpx, on committed data
(transaction=True), since its group-commit lanes use connections of their own."""

import asyncio
import json

import httpx
import pytest
from django.core.wsgi import get_wsgi_application
from django.db import connection

from haitao.accounts.services import ensure_identity, issue_token
from tests import factories as f

CONSIGNEE = {"name": "张三", "phone": "13800138000", "province": "浙江省", "city": "杭州市", "district": "西湖区",
             "detail": "文三路 100 号"}


def valid_id(i: int) -> str:
    """A valid GB 11643 number per i (one account per ID number)."""
    body = f"110105199001{i % 28 + 1:02d}{i % 1000:03d}"[:17]
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def buyer(i: int, identity: bool = True) -> dict:
    """A customer with a token and (unless told otherwise) a recorded identity, as the API sends it."""
    customer = f.customer()
    name, number = "张三", valid_id(i)
    if identity:
        ensure_identity(customer, name, number)
    return {"customer": customer, "auth": {"Authorization": f"Bearer {issue_token(customer.user)}"},
            "body": {"items": [{"sku": "APT3", "quantity": 1}], "consignee": CONSIGNEE,
                     "buyer": {"real_name": name, "id_number": number}, "risk_notice_accepted": True}}


@pytest.fixture
def shop():
    brand = f.brand()
    sku = f.sku(code="APT3")
    f.listed(brand, sku, "200.00")
    f.stock(sku, 10)
    return brand, sku


def lean_expected() -> bool:
    """PostgreSQL runs the lean path; SQLite (the demo) sends every placement to Django."""
    return connection.vendor == "postgresql"


def run(scenario):
    """Run `scenario(app, client)` on a fresh FastPath in one event loop; close it after."""
    from haitao.fastpath.app import FastPath
    from haitao.fastpath.wsgi_bridge import WsgiBridge

    async def main():
        app = FastPath(WsgiBridge(get_wsgi_application(), 4, close_connections=True))
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://127.0.0.1") as client:
                return await scenario(app, client)
        finally:
            await app.aclose()

    return asyncio.run(main())


async def place(client, who: dict, key: str = "", body=None, **headers):
    extra = {"Idempotency-Key": key} if key else {}
    payload = body if body is not None else who["body"]
    data = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return await client.post("/api/v1/brands/dolphin/orders", content=data,
                             headers={**who["auth"], "Content-Type": "application/json", **extra, **headers})
