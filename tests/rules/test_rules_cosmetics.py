from decimal import Decimal as D

import pytest

from haitao.rules.cosmetics import (
    CT_HIGH_END_COSMETICS,
    ConsumptionTaxBasis,
    SkuTaxFacts,
    UnsupportedConsumptionTax,
    cbec_sellable_basis,
    consumption_tax_rate_for,
    is_high_end_cosmetic,
)


@pytest.mark.parametrize(
    ("price", "content", "unit", "high_end"),
    [("1000.00", "50", "ml", True),  # example 2: 20 CNY/ml
     ("500.00", "50", "ml", True), ("499.99", "50", "ml", False),  # 10 CNY/ml exactly, and a fen under
     ("300.00", "30", "g", True), ("299.99", "30", "g", False),
     ("15.00", None, "piece", True), ("14.99", None, "piece", False),
     ("150.00", "10", "piece", True), ("149.99", "10", "piece", False),
     ("33.33", "3.333", "ml", True)],
)
def test_high_end_threshold(price, content, unit, high_end):
    net = None if content is None else D(content)
    assert is_high_end_cosmetic(D(price), net, unit) is high_end


@pytest.mark.parametrize(("content", "unit"), [(None, "ml"), (D("0"), "g"), (D("-1"), "piece"), (D("1"), "oz")])
def test_high_end_needs_a_usable_content(content, unit):
    with pytest.raises(ValueError):
        is_high_end_cosmetic(D("100"), content, unit)


def test_cbec_sellable_basis():
    assert cbec_sellable_basis(ConsumptionTaxBasis.NONE) == (True, "")
    assert cbec_sellable_basis("ad_valorem")[0] and cbec_sellable_basis("high_end_cosmetics")[0]
    sellable, reason = cbec_sellable_basis(ConsumptionTaxBasis.SPECIFIC)
    assert not sellable and "specific-rate" in reason and "not supported" in reason
    with pytest.raises(ValueError):
        cbec_sellable_basis("per_litre")


def test_consumption_tax_rate_for_each_basis():
    assert CT_HIGH_END_COSMETICS == D("0.15")
    assert consumption_tax_rate_for(SkuTaxFacts()) == 0
    assert consumption_tax_rate_for(SkuTaxFacts("ad_valorem", D("0.10"))) == D("0.10")
    serum = SkuTaxFacts("high_end_cosmetics", unit_price=D("1000"), net_content=D("50"), content_unit="ml")
    assert consumption_tax_rate_for(serum) == D("0.15")
    lotion = SkuTaxFacts("high_end_cosmetics", unit_price=D("99"), net_content=D("200"), content_unit="ml")
    assert consumption_tax_rate_for(lotion) == 0
    with pytest.raises(UnsupportedConsumptionTax, match="specific-rate"):
        consumption_tax_rate_for(SkuTaxFacts("specific"))
    with pytest.raises(ValueError, match="unit_price"):
        consumption_tax_rate_for(SkuTaxFacts("high_end_cosmetics"))
    with pytest.raises(ValueError, match="ad_valorem_rate"):
        consumption_tax_rate_for(SkuTaxFacts("ad_valorem", D("1.5")))
