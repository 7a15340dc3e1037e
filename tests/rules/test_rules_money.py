from decimal import Decimal

import pytest

from haitao.rules.money import ZERO, is_whole_fen, parse_money, to_fen


@pytest.mark.parametrize(
    ("raw", "fen"),
    [("0.005", "0.01"), ("0.004", "0.00"), ("2.675", "2.68"), ("-0.005", "-0.01"), ("36.4", "36.40")],
)
def test_to_fen_rounds_half_up(raw, fen):
    assert to_fen(Decimal(raw)) == Decimal(fen)
    assert str(to_fen(Decimal(raw))) == fen


def test_zero_is_written_to_the_fen():
    assert ZERO == 0 and str(ZERO) == "0.00"


@pytest.mark.parametrize(("raw", "amount"), [("200", "200"), (" 200.50 ", "200.50"), ("-3.00", "-3.00"),
                                             ("1.005", "1.005"), (7, "7"), (Decimal("1.5"), "1.5")])
def test_parse_money_reads_plain_decimals_and_keeps_digits(raw, amount):
    assert parse_money(raw) == Decimal(amount)
    assert str(parse_money(raw)) == amount


@pytest.mark.parametrize("raw", ["", "abc", "NaN", "nan", "Infinity", "-inf", "1e3", "1,000.00", "1.", ".5",
                                 "¥5", "2 00", "１00"])
def test_parse_money_refuses_what_is_not_a_plain_amount(raw):
    with pytest.raises(ValueError, match="not a decimal amount"):
        parse_money(raw)


def test_parse_money_refuses_negative_only_when_asked():
    assert parse_money("-1.00") == Decimal("-1.00")
    with pytest.raises(ValueError, match="must not be negative"):
        parse_money("-1.00", allow_negative=False)
    assert parse_money("0", allow_negative=False) == 0


@pytest.mark.parametrize("raw", [1.5, True, None])
def test_parse_money_refuses_floats_and_other_types(raw):
    with pytest.raises(TypeError):
        parse_money(raw)


def test_is_whole_fen():
    assert is_whole_fen(Decimal("1.20")) and is_whole_fen(Decimal("3"))
    assert not is_whole_fen(Decimal("1.005"))
