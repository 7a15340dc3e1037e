"""One rule, one place: checkout and the history import read ID numbers, phones and warehouse modes
through the same functions, so a customer accepted at checkout is accepted on import too."""

import hashlib
import hmac

import pytest

from haitao.consolidation import link, normalise
from haitao.rules import identity, quota
from haitao.rules.positive_list import mode_of_warehouse

SECRET = b"k" * 32


@pytest.mark.parametrize("number", ["440524188001010014", "11010519491231002X"])
def test_a_number_checkout_accepts_the_import_accepts(number):
    """440524188001010014 (a rules-doc test vector) was refused on import by stdnum's address table."""
    assert identity.validate_resident_id(number) == number
    assert link.normalise_id_number(number) == identity.clean_id_number(number) == number


def test_the_import_reads_written_forms_of_the_same_number():
    assert identity.clean_id_number(" １１０１０５１９４９１２３１００２ｘ ") == "11010519491231002X"
    assert identity.clean_id_number("110105194912310021") is None  # wrong check character
    assert identity.clean_id_number("") is None and identity.clean_id_number(None) is None


def test_one_keyed_hash_of_an_id_number():
    expected = hmac.new(SECRET, b"11010519491231002X", hashlib.sha256).hexdigest()
    assert identity.id_key("11010519491231002x ", SECRET) == expected
    assert quota.quota_key("11010519491231002X", SECRET) == expected
    assert link.identity_hash(SECRET, "11010519491231002X") == expected
    with pytest.raises(ValueError):
        identity.id_key("11010519491231002X", b"")


@pytest.mark.parametrize("written", ["13800138000", "+86 138-0013-8000", "0086 13800138000", "8613800138000",
                                     "(138) 0013.8000", "１３８００１３８０００"])
def test_one_reading_of_a_mobile_number(written):
    assert identity.normalise_mobile(written) == normalise.normalise_phone(written) == "13800138000"


@pytest.mark.parametrize("written", ["", None, "12800138000", "+1 415 555 0100", "1380013800"])
def test_what_is_not_a_mainland_mobile_number(written):
    assert identity.normalise_mobile(written) is None


def test_masks():
    assert identity.mask_address("浙江省", "杭州市", "西湖区") == "浙江省杭州市西湖区***"
    assert identity.mask_address(None, "", "西湖区") == "西湖区***"


def test_warehouse_kind_to_customs_mode():
    assert (mode_of_warehouse("bonded"), mode_of_warehouse("overseas")) == ("1210", "9610")
