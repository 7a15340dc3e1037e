"""The tax bill reconciled (CEB816 against the tax withheld) and one quota calendar (the year the
inventory list is declared), across New Year."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from haitao.compliance import quota as quota_ledger
from haitao.compliance.models import QuotaEntry
from haitao.customs.formats import CHINA_TZ
from haitao.customs.simulator import SimulatorState
from haitao.customs.taxbill import SkuRates
from haitao.declarations import config
from haitao.declarations.models import TaxBillCheck
from haitao.declarations.worker import default_simulator_config, worker_tick
from haitao.orders import services as orders
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.payments.providers import SandboxProvider
from tests import factories as f
from tests.declarations.conftest import BUYER_ID, consignee

from .conftest import run_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def serums(shop):
    """A high-end serum sharing SER1's HS code: 50 ml at 1,000.00 is 20/ml, so CT 15% on it only."""
    serum = f.sku(code="SER2", origin_country="FR", hs_code="3304990099", gmodel="50ml/瓶", unit_code="142",
                  net_weight_kg=Decimal("0.05"), gross_weight_kg=Decimal("0.12"), net_content=Decimal("50"),
                  content_unit="ml", consumption_tax_basis="high_end_cosmetics")
    f.listed(shop, serum, "1000.00")
    f.stock(serum, 10)
    return shop


def test_skus_sharing_an_hs_code_get_no_false_mismatch(serums, place_and_pay):
    order = place_and_pay([("SER1", 1), ("SER2", 1)])
    assert order.lines.get(sku__code="SER2").consumption_tax > 0 == order.lines.get(sku__code="SER1").consumption_tax
    run_until(order, Status.SHIPPED)
    check = TaxBillCheck.objects.get(order=order)
    assert (check.billed, check.withheld, check.difference, check.mismatch) == (
        order.tax_total, order.tax_total, Decimal("0.00"), False)


def test_a_real_mismatch_is_raised_with_the_amounts(serums, place_and_pay, client, django_user_model):
    order = place_and_pay([("SER1", 1)])
    sim = default_simulator_config()
    # Customs applies 20% VAT to SER1 (say, reclassified): its bill disagrees with the 13% withheld.
    rates = replace(sim.tax_rates, skus={**sim.tax_rates.skus, "SER1": SkuRates(vat=Decimal("0.20"))})
    for _ in range(3):
        worker_tick(simulator_config=replace(sim, tax_rates=rates))
    check = TaxBillCheck.objects.get(order=order)
    assert check.mismatch and check.withheld == Decimal("27.30") and check.billed == Decimal("42.00")
    assert check.difference == Decimal("14.70") and check.lines == [
        {"gnum": 1, "withheld": "27.30", "billed": "42.00"}]
    # Operators see it: the dashboard tile, the tax-bill list and the order's page.
    admin = django_user_model.objects.create_superuser("ops", "ops@example.com", "pw-ops-12345")
    client.force_login(admin)
    tile = client.get("/ops/").content.decode()
    assert "tax-mismatch" in tile and "14.70" in tile
    listing = client.get("/admin/declarations/taxbillcheck/?mismatch=yes").content.decode()
    assert order.number in listing and "14.70" in listing
    page = client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    assert "42.00" in page and "27.30" in page


def test_quota_is_counted_in_the_year_the_list_is_declared(shop, monkeypatch):
    """Placed (and paid) at 23:59 on 31 December, the list declared at 00:00:30 on 1 January: the
    ledger moves the order to the new year, where customs counts it too."""
    placed = datetime(2026, 12, 31, 23, 59, tzinfo=CHINA_TZ)
    order, _ = orders.place_order(f.customer(), orders.PlaceOrder(
        brand=shop, items=[("APT3", 2)], consignee=consignee(), buyer_name="张三", buyer_id_number=BUYER_ID,
        risk_notice_accepted=True), now=placed)
    monkeypatch.setattr(timezone, "now", lambda: placed)
    payment = payments.start(order, now=placed)
    assert payments.handle_callback("sandbox", *SandboxProvider().callback_for(payment)) == "paid"
    entry = QuotaEntry.objects.get(order=order)
    assert (entry.year, quota_ledger.used(entry.id_hash, 2026)) == (2026, Decimal("400.00"))
    new_year = datetime(2027, 1, 1, 0, 0, 30, tzinfo=CHINA_TZ)
    monkeypatch.setattr(timezone, "now", lambda: new_year)
    for _ in range(2):
        worker_tick()
    entry.refresh_from_db()
    assert entry.year == 2027 and entry.state == QuotaEntry.State.COMMITTED
    assert (quota_ledger.used(entry.id_hash, 2026), quota_ledger.used(entry.id_hash, 2027)) == (0, Decimal("400.00"))
    state = SimulatorState.load(config.simulator_state_file())
    assert (state.used(BUYER_ID, 2026), state.used(BUYER_ID, 2027)) == (0, Decimal("400.00"))


def test_tax_ledger_per_month_exports_withheld_billed_not_levied_and_owed(place_and_pay, tmp_path):
    from haitao.cli import main
    from haitao.returns import services as returns

    order = place_and_pay([("APT3", 2)])
    run_until(order, Status.DELIVERED)
    request = returns.request_return(order.customer, order, {1: 1}, "x")
    returns.approve(request, "operator:ops")
    run_until(order, Status.RETURN_REQUESTED)
    month = timezone.localtime(timezone.now(), CHINA_TZ).strftime("%Y-%m")
    out = tmp_path / "ledger.csv"
    assert main(["tax", "ledger", "--period", month, "--out", str(out)]) == 0
    header, row = out.read_text().splitlines()
    assert header == "period,bills,withheld,billed,difference,mismatches,not_levied_on_returns,owed"
    assert row == f"{month},1,36.40,36.40,0.00,0,18.20,18.20"
    assert main(["tax", "ledger", "--period", "2026-13"]) == 2
