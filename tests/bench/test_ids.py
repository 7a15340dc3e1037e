"""The buyers' synthetic resident ID numbers pass GB 11643 MOD 11-2 and are all different."""

import pytest

from benchmarks.flashsale.ids import check_char, real_name, resident_id
from haitao.rules.identity import InvalidIdNumber, validate_resident_id, validate_real_name


def test_check_character_of_the_known_test_vectors():
    assert check_char("11010519491231002") == "X"
    assert check_char("44052418800101001") == "4"


@pytest.mark.parametrize("n", [0, 1, 9, 10, 999, 1000, 4999, 5000, 123_456, 17_999_999])
def test_generated_numbers_are_valid(n):
    number = resident_id(n)
    assert len(number) == 18
    assert validate_resident_id(number) == number
    assert validate_real_name(real_name(n)) == real_name(n)


def test_ten_thousand_buyers_have_distinct_valid_numbers():
    numbers = [resident_id(n) for n in range(10_000)]
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        validate_resident_id(number)


def test_a_wrong_check_character_is_refused_by_the_rules():
    number = resident_id(42)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(InvalidIdNumber):
        validate_resident_id(wrong)
