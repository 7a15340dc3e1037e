"""The load generator against a live server on the test database: a tiny flash sale and a few catalog
reads, counted the way the benchmark counts them (placed, sold out apart from errors, paid)."""

import asyncio
import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from benchmarks.flashsale import load
from benchmarks.flashsale.ids import real_name, resident_id
from haitao.accounts.services import issue_token
from haitao.inventory.models import Stock
from haitao.orders.models import Order
from haitao.payments.models import Payment
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

CONSIGNEE = {"name": "收货人", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
             "district": "西湖区", "detail": "文三路 100 号"}


@pytest.fixture
def sale(live_server, tmp_path):
    brand = f.brand("flash")
    hot = f.sku(code="HOT-0001")
    f.listed(brand, hot, "199.00")
    f.stock(hot, 3)
    for n in (1, 2):
        other = f.sku(code=f"R-{n:05d}")
        f.listed(brand, other, "99.00")
        f.stock(other, 5)
    buyers = [[issue_token(f.customer(f"buyer{n}@haitao.test").user), real_name(n), resident_id(n)] for n in range(8)]
    (tmp_path / "buyers.json").write_text(json.dumps(buyers), encoding="utf-8")
    port = urlsplit(live_server.url).port
    return {"base_url": f"http://127.0.0.1:{port}", "brand": "flash", "hot_sku": "HOT-0001",
            "random_sku_format": "R-{:05d}", "random_skus": 2, "search_terms": ["Aptamil"],
            "consignee": CONSIGNEE, "buyers_file": str(tmp_path / "buyers.json"), "clients": 4,
            "duration": 30, "max_requests": 8, "payment_timeout": 30,
            "sandbox_secret": settings.PAYMENT_SANDBOX_SECRET.decode()}


def test_a_flash_sale_places_exactly_the_stock_and_pays_it(sale):
    out = asyncio.run(load.run({**sale, "scenario": "hot"}))
    placing = out["phase1"]
    assert placing["requests"] == 8 and placing["ok"] == 3 and placing["rejected"] == 5
    assert placing["statuses"] == {"201": 3, "409": 5} and placing["error_count"] == 0
    assert out["payment"]["ok"] == 3 and out["payment"]["error_count"] == 0
    assert Payment.objects.filter(status=Payment.Status.SUCCEEDED).count() == 3
    assert Order.objects.filter(paid_at__isnull=False).count() == 3
    assert Stock.objects.get(sku__code="HOT-0001").allocated == 3


def test_catalog_reads_are_all_answered(sale):
    out = asyncio.run(load.run({**sale, "scenario": "catalog", "max_requests": 12}))
    assert out["phase1"]["statuses"] == {"200": 12} and "payment" not in out


def test_the_load_only_targets_the_loopback_address(sale):
    with pytest.raises(SystemExit, match="only targets 127.0.0.1"):
        asyncio.run(load.run({**sale, "scenario": "hot", "base_url": "http://10.0.0.1:8000"}))


def test_error_codes_are_read_from_api_bodies_and_anything_else_is_unlabelled():
    assert load._error_code(b'{"error": {"code": "out_of_stock", "message": "sold out"}}') == "out_of_stock"
    assert load._error_code(b"<html>502 Bad Gateway</html>") == ""
