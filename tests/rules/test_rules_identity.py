from datetime import date

import pytest

from haitao.rules.identity import (
    InvalidIdNumber,
    InvalidRealName,
    mask_id,
    mask_name,
    mask_phone,
    payer_matches_orderer,
    validate_real_name,
    validate_resident_id,
)


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_valid_test_vectors(number):
    assert validate_resident_id(number) == number


def test_normalises_blanks_and_lowercase_x():
    assert validate_resident_id("  11010519491231002x\n") == "11010519491231002X"


@pytest.mark.parametrize(
    "number", ["130681136250023332", "130625021345225322", "330821198809085211",  # customs/WeChat samples
               "110105194912310021", "440524188001010015"],
)
def test_wrong_check_character_is_refused(number):
    with pytest.raises(InvalidIdNumber) as invalid:
        validate_resident_id(number)
    assert invalid.value.reason_code == "invalid_checksum"


@pytest.mark.parametrize(
    ("number", "reason"),
    [("", "empty"), ("   ", "empty"), ("11010519491231002", "invalid_length"),
     ("110105194912310020X", "invalid_length"), ("110105491231002", "invalid_length"),  # 15-digit legacy
     ("1101051949123100XX", "invalid_format"), ("11010519491231002Y", "invalid_format"),
     ("11010519491231 02X", "invalid_format"), ("１10105194912310021", "invalid_format")],
)
def test_malformed_numbers_are_refused_with_a_reason(number, reason):
    with pytest.raises(InvalidIdNumber) as invalid:
        validate_resident_id(number)
    assert invalid.value.reason_code == reason
    assert invalid.value.message


def with_check_character(body17: str) -> str:
    from stdnum.cn import ric

    return body17 + ric.calc_check_digit(body17 + "0")


def test_impossible_birth_date_is_refused():
    number = with_check_character("11010519490230002")  # 30 February
    with pytest.raises(InvalidIdNumber) as invalid:
        validate_resident_id(number)
    assert invalid.value.reason_code == "invalid_birth_date"


def test_birth_date_in_the_future_is_refused():
    number = with_check_character("11010520300101002")
    with pytest.raises(InvalidIdNumber) as invalid:
        validate_resident_id(number, today=date(2026, 11, 25))
    assert invalid.value.reason_code == "birth_date_in_future"
    assert validate_resident_id(number, today=date(2030, 1, 1)) == number  # born today is fine


def test_masking():
    assert mask_id("11010519491231002X") == "1101**********002X"
    assert mask_id("11010519491231002x") == "1101**********002X"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("张") == "*"
    assert mask_id("1234") == "****" and mask_phone("12345") == "*****" and mask_name("") == ""


def test_real_name_rules():
    assert validate_real_name("  张三 ") == "张三"
    assert validate_real_name("阿依古丽·买买提") == "阿依古丽·买买提"
    assert validate_real_name("名" * 60) == "名" * 60
    for bad in ("", "   ", "名" * 61, "张\n三"):
        with pytest.raises(InvalidRealName):
            validate_real_name(bad)


def test_payer_must_be_the_orderer():
    assert payer_matches_orderer("张三", "11010519491231002x", " 张三", "11010519491231002X")
    assert not payer_matches_orderer("李四", "11010519491231002X", "张三", "11010519491231002X")
    assert not payer_matches_orderer("张三", "440524188001010014", "张三", "11010519491231002X")
    assert not payer_matches_orderer("", "", "", "")
