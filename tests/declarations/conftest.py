"""Fixtures of the declaration tests: customs folders in tmp, a signing certificate, a shop with a
bonded and an overseas warehouse, and paid orders made through the real order and payment services."""

from __future__ import annotations

from decimal import Decimal

import pytest

from haitao.customs import generate_test_certificate
from haitao.declarations import services as declarations
from haitao.inventory.models import Warehouse
from haitao.orders import services as orders
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f

BUYER_ID = "11010519491231002X"


@pytest.fixture(scope="session")
def cert_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signing")
    key_pem, cert_pem = generate_test_certificate("haitao decl tests")
    (folder / "key.pem").write_bytes(key_pem)
    (folder / "cert.pem").write_bytes(cert_pem)
    return folder / "key.pem", folder / "cert.pem"


@pytest.fixture(autouse=True)
def customs_env(tmp_path, monkeypatch, cert_files):
    """Every test gets its own folder exchange and runs the simulator in-process (both databases)."""
    root = tmp_path / "customs"
    monkeypatch.setenv("HAITAO_CUSTOMS_OUTBOX", str(root / "outbox"))
    monkeypatch.setenv("HAITAO_CUSTOMS_INBOX", str(root / "inbox"))
    monkeypatch.setenv("HAITAO_CUSTOMS_SIMULATOR", "inprocess")
    monkeypatch.setenv("HAITAO_CUSTOMS_KEY_FILE", str(cert_files[0]))
    monkeypatch.setenv("HAITAO_CUSTOMS_CERT_FILE", str(cert_files[1]))
    for name in ("HAITAO_CUSTOMS_SIMULATOR_REJECT_ORDERS", "HAITAO_CUSTOMS_SIMULATOR_REJECT_INVENTORY",
                 "HAITAO_CUSTOMS_SIMULATOR_NO_RELEASE", "HAITAO_CUSTOMS_SIMULATOR_STATE"):
        monkeypatch.delenv(name, raising=False)
    return root


def consignee(**kw):
    data = dict(name="张三", phone="138-0013-8000", province="浙江省", city="杭州市", district="西湖区",
                detail="文三路 100 号")
    data.update(kw)
    return orders.Consignee(**data)


@pytest.fixture
def shop():
    """Brand 'dolphin': two SKUs in the bonded warehouse (1210), one only overseas (9610)."""
    brand = f.brand()
    milk = f.sku(code="APT3", origin_country="DE", gtin="4008976022343")
    serum = f.sku(code="SER1", origin_country="FR", hs_code="3304990099", gmodel="50ml/瓶", unit_code="142",
                  net_weight_kg=Decimal("0.05"), gross_weight_kg=Decimal("0.12"))
    vitamins = f.sku(code="VIT9", origin_country="AU", hs_code="2106909090", gmodel="60粒/瓶")
    for s, price in ((milk, "200.00"), (serum, "300.00"), (vitamins, "150.00")):
        f.listed(brand, s, price)
    f.stock(milk, 50)
    f.stock(serum, 50)
    f.stock(vitamins, 20, wh=f.warehouse("sydney", kind=Warehouse.Kind.OVERSEAS, country="AU", city="Sydney",
                                         customs_code="2244", port_code="2244"))
    return brand


@pytest.fixture
def place_and_pay(shop):
    """place_and_pay([("APT3", 2)]) → a paid order, declared (the callback queues it, the worker builds it)."""

    holders: dict[str, object] = {}  # one account per ID number: it is bound to the first account verified with it

    def make(items, buyer=None, buyer_id=BUYER_ID):
        buyer = buyer or holders.setdefault(buyer_id, f.customer())
        order, _ = orders.place_order(buyer, orders.PlaceOrder(
            brand=shop, items=items, consignee=consignee(), buyer_name="张三", buyer_id_number=buyer_id,
            risk_notice_accepted=True))
        payment = payments.start(order)
        assert payments.handle_callback("sandbox", *SandboxProvider().callback_for(payment)) == "paid"
        declarations.declare_queued()  # the worker builds the documents from the payment's outbox row
        order.refresh_from_db()
        return order

    return make
