"""Which SKUs may be sold under CBEC (rules 8 and 9), the guard order placement calls, and the
listing guard: a SKU that cannot be sold cannot be listed visibly, and the refusal says why."""

from decimal import Decimal

import pytest

from haitao.catalog import services as catalog
from haitao.catalog.models import Listing, Sku
from haitao.common.errors import InvalidInput
from haitao.compliance import services as compliance
from haitao.compliance.models import PositiveListEntry
from tests import factories as f

pytestmark = pytest.mark.django_db

SPECIFIC = Sku.ConsumptionTaxBasis.SPECIFIC


def off_list(**kw) -> Sku:
    """A SKU whose tariff line is not on the list (the factory puts every test SKU's line on it)."""
    sku = f.sku(**kw)
    PositiveListEntry.objects.filter(code8=sku.hs_code[:8]).delete()
    return sku


def test_a_sku_on_the_list_is_sellable_in_both_modes(loaded_list):
    verdict = compliance.sellability(f.sku(hs_code="1901101090"))
    assert (verdict.allowed, verdict.reason_code, verdict.modes) == (True, "allowed", ("1210", "9610"))


def test_not_on_the_list(loaded_list):
    verdict = compliance.sellability(off_list(hs_code="8471300000"))
    assert (verdict.allowed, verdict.reason_code) == (False, "not_on_positive_list")
    assert "84713000" in verdict.message


def test_no_list_loaded_means_nothing_is_sellable():
    sku = f.sku()
    PositiveListEntry.objects.all().delete()
    assert compliance.sellability(sku).reason_code == "not_on_positive_list"


def test_a_malformed_row_written_around_the_loader_is_ignored_not_fatal(loaded_list):
    PositiveListEntry.objects.create(code8="", description="bad", remarks="")
    assert compliance.sellability(f.sku(hs_code="1901101090")).allowed
    assert len(compliance.positive_list()) == 5


def test_mode_restricted_by_remarks(loaded_list):
    honey = f.sku(hs_code="0409000000")
    assert compliance.sellability(honey, "1210").allowed
    refused = compliance.sellability(honey, "9610")
    assert (refused.allowed, refused.reason_code) == (False, "mode_not_allowed")
    assert "仅限网购保税进口" in refused.message
    anywhere = compliance.sellability(honey)
    assert anywhere.allowed and anywhere.modes == ("1210",)
    assert compliance.sellability(f.sku(hs_code="2106909090")).modes == ("9610",)


def test_remarks_allowing_neither_mode():
    compliance.load_positive_list("code,description,remarks\n19011010,x,仅限网购保税进口；仅限直购进口\n", "x")
    verdict = compliance.sellability(f.sku(hs_code="1901101090"))
    assert (verdict.allowed, verdict.reason_code) == (False, "mode_not_allowed")


def test_specific_rate_consumption_tax_is_never_sellable(loaded_list):
    beer = f.sku(hs_code="2203000000", consumption_tax_basis=SPECIFIC)
    verdict = compliance.sellability(beer)
    assert (verdict.allowed, verdict.reason_code) == (False, "specific_consumption_tax")
    assert "specific-rate consumption tax" in verdict.message
    assert not compliance.sellability(beer, "1210").allowed


@pytest.mark.parametrize("hs_code", ["19011010", "190110109", "19011010AB", ""])
def test_the_hs_code_must_have_10_digits(loaded_list, hs_code):
    sku = f.sku(hs_code=hs_code)
    PositiveListEntry.objects.filter(source="tests").delete()  # the factory's row for a malformed code
    assert compliance.sellability(sku).reason_code == "invalid_gcode"


def test_an_unknown_mode_is_a_programming_error(loaded_list):
    with pytest.raises(ValueError):
        compliance.sellability(f.sku(), "0110")


def test_check_sellable_names_the_sku_and_the_reason(loaded_list):
    ok, honey, beer = f.sku(), f.sku(code="HONEY", hs_code="0409000000"), f.sku(code="BEER", hs_code="2203000000",
                                                                               consumption_tax_basis=SPECIFIC)
    compliance.check_sellable([ok, honey], "1210")
    compliance.check_sellable([], "9610")
    with pytest.raises(InvalidInput) as caught:
        compliance.check_sellable([ok, honey], "9610")
    error = caught.value
    assert (error.code, error.field, error.details["sku"]) == ("not_on_positive_list", "items", "HONEY")
    assert "'HONEY'" in error.message and "9610" in error.message
    with pytest.raises(InvalidInput) as caught:
        compliance.check_sellable([beer], "1210")
    assert caught.value.code == "not_cbec_sellable" and "'BEER'" in caught.value.message
    with pytest.raises(InvalidInput) as caught:
        compliance.check_sellable([off_list(code="PC", hs_code="8471300000")], "1210")
    assert caught.value.code == "not_on_positive_list"


def test_check_sellable_reads_the_list_once(loaded_list, django_assert_num_queries):
    skus = [f.sku() for _ in range(5)]
    compliance.positive_list()
    with django_assert_num_queries(1):
        compliance.check_sellable(skus, "1210")


# -- the listing guard -------------------------------------------------------------------------------

def test_create_listing_for_a_sellable_sku(loaded_list):
    listing = catalog.create_listing(f.brand(), f.sku(), f.merchant(), "199.00", featured=True)
    assert listing.visible and listing.featured and listing.price == Decimal("199.00")


def test_create_listing_refuses_an_unsellable_sku_and_says_why(loaded_list):
    beer = f.sku(code="BEER", hs_code="2203000000", consumption_tax_basis=SPECIFIC)
    with pytest.raises(InvalidInput) as caught:
        catalog.create_listing(f.brand(), beer, f.merchant(), "20.00")
    assert caught.value.code == "not_cbec_sellable"
    assert "specific-rate consumption tax" in caught.value.message
    with pytest.raises(InvalidInput) as caught:
        catalog.create_listing(f.brand(), off_list(hs_code="8471300000"), f.merchant(), "20.00")
    assert caught.value.code == "not_cbec_sellable" and "not on the CBEC positive list" in caught.value.message
    assert not Listing.objects.exists()


def test_a_hidden_listing_may_wait_for_the_list(loaded_list):
    pc = off_list(hs_code="8471300000")
    listing = catalog.create_listing(f.brand(), pc, f.merchant(), "999.00", visible=False)
    with pytest.raises(InvalidInput):
        catalog.set_visible(listing, True)
    listing.refresh_from_db()
    assert listing.visible is False
    compliance.load_positive_list("code,description,remarks\n84713000,便携式计算机,\n", "x")
    catalog.set_visible(listing, True)
    listing.refresh_from_db()
    assert listing.visible is True
    catalog.set_visible(listing, False)
    listing.refresh_from_db()
    assert listing.visible is False


@pytest.mark.parametrize("price", ["0", "-1", "1.001", "abc", "NaN"])
def test_create_listing_checks_the_price(loaded_list, price):
    with pytest.raises(InvalidInput) as caught:
        catalog.create_listing(f.brand(), f.sku(), f.merchant(), price)
    assert caught.value.code == "invalid_price"


def test_one_listing_per_brand_and_sku(loaded_list):
    brand, sku = f.brand(), f.sku()
    catalog.create_listing(brand, sku, f.merchant(), "10.00")
    with pytest.raises(InvalidInput) as caught:
        catalog.create_listing(brand, sku, f.merchant(), "12.00")
    assert caught.value.code == "already_listed"
