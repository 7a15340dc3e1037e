"""Issue 3's promise to buyers: in both brands the storefront shows the same tax the `haitao tax quote`
CLI computes, and a buyer over the annual limit is refused with the amount over and what remains."""

import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from haitao import tax_cli
from haitao.common.crypto import id_hash
from haitao.compliance.models import QuotaAccount
from haitao.rules.quota import quota_year
from tests import factories

from .conftest import ID_NUMBER
from .test_pages import _add, _checkout_form


def cli_quote(order: dict) -> tuple[int, dict]:
    out = io.StringIO()
    code = tax_cli.main(["-"], io.StringIO(json.dumps(order)), out)
    return code, json.loads(out.getvalue())


def money(amount: str) -> str:
    return f"¥{Decimal(amount):,.2f}"


@pytest.mark.parametrize("brand_code, price", [("dolphin", "1000.00"), ("wombat", "980.00")])
def test_cart_tax_equals_the_cli_quote_in_each_brand(client, shop, brand_code, price):
    if brand_code == "wombat":
        factories.listed(shop["wombat"], shop["serum"], price)
    _add(client, brand_code, "SER-1", 1)
    _add(client, brand_code, "APT-1", 2)
    formula_price = "200.00" if brand_code == "dolphin" else "218.00"
    code, quote = cli_quote({"date": timezone.localdate().isoformat(), "lines": [
        {"sku": "SER-1", "unit_price": price, "quantity": 1, "vat_rate": "0.13", "consumption_tax_rate": "0.15"},
        {"sku": "APT-1", "unit_price": formula_price, "quantity": 2, "vat_rate": "0.13"}]})
    assert code == 0
    page = client.get(reverse("web:cart", args=[brand_code])).text
    assert money(quote["tax_total"]) in page
    for line in quote["lines"]:
        assert money(str(Decimal(line["vat"]) + Decimal(line["consumption_tax"]))) in page


@pytest.mark.parametrize("brand_code", ["dolphin", "wombat"])
def test_buyer_over_the_annual_limit_is_refused_in_each_brand(signed_in, shop, buyer, brand_code):
    QuotaAccount.objects.create(id_hash=id_hash(ID_NUMBER), year=quota_year(timezone.now()),
                                committed_fen=2_590_000)  # 25,900 used: 100 remain (worked example 5)
    _add(signed_in, brand_code, "APT-1", 1)
    response = signed_in.post(reverse("web:checkout", args=[brand_code]), _checkout_form(signed_in, brand_code))
    assert response.status_code == 422
    assert 'id="form-error"' in response.text and "¥100.00" in response.text  # what remains
    assert buyer.orders.count() == 0
