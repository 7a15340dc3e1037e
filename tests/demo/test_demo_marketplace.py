"""The demo's marketplace end to end: merchants onboarded and approved (the self-operated one a Hong
Kong entity with its agent), a merchant signs in to the portal and sees only its own, and the demo
months' settlements render as CSV and PDF from the CLI — totals that reconcile — and a second load
changes nothing."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client

from haitao.brands.models import Merchant
from haitao.cli import main
from haitao.demo import load
from haitao.demo.marketplace import PORTAL_PASSWORD, demo_months
from haitao.marketplace.models import Settlement, SettlementLine
from haitao.orders.models import Order

pytestmark = pytest.mark.django_db


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "").split(" ")[0])


def test_demo_marketplace(tmp_path):
    load()
    assert set(Merchant.objects.values_list("status", flat=True)) == {"approved"}
    self_operated = Merchant.objects.get(code="haitao-self")
    assert (self_operated.country, self_operated.currency) == ("HK", "HKD") and self_operated.agent is not None
    assert self_operated.bank_account.account_masked.startswith("*")

    last, this = demo_months()
    assert set(Settlement.objects.filter(period=last).values_list("status", flat=True)) == {"closed"}
    assert set(Settlement.objects.filter(period=this).values_list("status", flat=True)) == {"draft"}
    settlement = Settlement.objects.filter(merchant__code="rhein-apotheke").exclude(lines=None).first()
    assert settlement is not None

    csv_file, pdf_file = tmp_path / "st.csv", tmp_path / "st.pdf"
    for fmt, out in (("csv", csv_file), ("pdf", pdf_file)):
        assert main(["settlement", "statement", "--merchant", "rhein-apotheke", "--period", settlement.period,
                     "--format", fmt, "--out", str(out)]) == 0
    assert pdf_file.read_bytes().startswith(b"%PDF-") and pdf_file.read_bytes().rstrip().endswith(b"%%EOF")
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    table = rows[rows.index([r for r in rows if r and r[0] == "日期 Date"][0]) + 1:]
    lines = table[:table.index([])]
    totals = {r[0]: r[1] for r in rows if len(r) == 2}
    assert len(lines) == settlement.lines.count()
    assert sum(_amount(r[8]) for r in lines) == _amount(totals["净销售额 Net sales"]) == settlement.net_sales
    assert sum(_amount(r[11]) for r in lines) == -_amount(totals["佣金 Commission"])
    assert _amount(totals["应付净额 Net payable (CNY)"]) == settlement.net_sales - settlement.commission
    assert totals["汇率 Exchange rate"].startswith("1 EUR = ")
    assert "宁波" in totals["境内代理人 Domestic agent"]

    client = Client()
    assert client.post("/merchant/login/", {"username": "rhein-portal", "password": PORTAL_PASSWORD}).status_code == 302
    page = client.get("/merchant/orders/").content.decode()
    mine = set(Order.objects.filter(lines__merchant__code="rhein-apotheke").values_list("number", flat=True))
    others = set(Order.objects.exclude(lines__merchant__code="rhein-apotheke").values_list("number", flat=True))
    assert mine and all(n in page for n in mine) and not [n for n in others if n in page]
    assert client.get(f"/merchant/settlements/{settlement.period}/statement.pdf").content.startswith(b"%PDF-")

    before = (Settlement.objects.count(), SettlementLine.objects.count())
    counts = load()
    assert (counts["settlements"], counts["merchants_approved"], counts["exchange_rates"]) == (0, 0, 0)
    assert (Settlement.objects.count(), SettlementLine.objects.count()) == before
