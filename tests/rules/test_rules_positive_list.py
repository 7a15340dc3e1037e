import pytest

from haitao.rules.positive_list import (
    PositiveList,
    PositiveListEntry,
    Verdict,
    allowed_modes,
    parse_csv_text,
)

ROWS = [
    ("33049900", "其他美容品或化妆品及护肤品", ""),
    ("03061719", "其他冻虾仁", "仅限网购保税进口"),
    ("04090000", "天然蜂蜜", "仅限网购保税"),
    ("16041400", "金枪鱼罐头", "限网购保税商品"),
    ("71131911", "镶嵌钻石的黄金制首饰", "仅限直购进口"),
    ("17019910", "砂糖", "每人每年限购2千克"),
]


@pytest.fixture(scope="module")
def positive_list():
    return PositiveList.from_rows(ROWS)


def test_on_the_list_without_restrictions(positive_list):
    assert positive_list.check("3304990099", "1210") == Verdict(
        True, "allowed", "tariff line 33049900 is on the CBEC positive list")
    assert positive_list.check("3304990091", "9610").allowed


@pytest.mark.parametrize("gcode", ["0306171900", "0409000000", "1604140010"])
def test_bonded_only_remarks(positive_list, gcode):
    assert positive_list.check(gcode, "1210").allowed
    refused = positive_list.check(gcode, "9610")
    assert (refused.allowed, refused.reason_code) == (False, "mode_not_allowed")
    assert "9610" in refused.message


def test_direct_purchase_only_remark(positive_list):
    assert positive_list.check("7113191100", "9610").allowed
    assert positive_list.check("7113191100", "1210").reason_code == "mode_not_allowed"


def test_other_remarks_are_passed_on(positive_list):
    verdict = positive_list.check("1701991000", "1210")
    assert verdict.allowed and "每人每年限购2千克" in verdict.message


def test_not_on_the_list(positive_list):
    verdict = positive_list.check("9307009000", "1210")
    assert (verdict.allowed, verdict.reason_code) == (False, "not_on_positive_list")
    assert "93070090" in verdict.message


@pytest.mark.parametrize("gcode", ["33049900", "33049900991", "3304.99.00", "", "330499009X"])
def test_gcode_must_have_10_digits(positive_list, gcode):
    assert positive_list.check(gcode, "1210").reason_code == "invalid_gcode"


def test_unknown_mode_is_a_programming_error(positive_list):
    with pytest.raises(ValueError, match="mode"):
        positive_list.check("3304990099", "1239")


def test_allowed_modes():
    assert allowed_modes("") == {"1210", "9610"}
    assert allowed_modes("仅限网购保税进口") == {"1210"}
    assert allowed_modes("仅限直购进口") == {"9610"}
    assert allowed_modes("仅限网购保税进口；仅限直购进口") == frozenset()
    assert PositiveListEntry("04090000", "蜂蜜", "限网购保税商品").allowed_modes == {"1210"}


@pytest.mark.parametrize(
    ("rows", "message"),
    [([("3304990", "x", "")], "row 1: code must be 8 digits"),
     ([("33049900", "x", ""), ("3304990A", "y", "")], "row 2: code must be 8 digits"),
     ([("33049900", "x")], "row 1: expected 3 fields"),
     ([("33049900", "x", ""), ("04090000", "y", ""), ("33049900", "z", "")], "row 3: code 33049900 is already on row 1")],
)
def test_from_rows_names_the_bad_row(rows, message):
    with pytest.raises(ValueError, match=message):
        PositiveList.from_rows(rows)


def test_entry_validates_its_code():
    with pytest.raises(ValueError):
        PositiveListEntry("1234", "x", "")


def test_parse_csv_text():
    text = "\ufeffcode,description,remarks\n33049900,护肤品,\n\n03061719,\"冻虾仁, 其他\",仅限网购保税进口\n"
    plist = parse_csv_text(text)
    assert len(plist) == 2 and "03061719" in plist and "99999999" not in plist
    assert plist.entries["03061719"].description == "冻虾仁, 其他"
    assert plist.check("0306171900", "9610").reason_code == "mode_not_allowed"


def test_parse_csv_text_names_file_lines():
    with pytest.raises(ValueError, match="row 4: code must be 8 digits"):
        parse_csv_text("code,description,remarks\n33049900,a,\n\n123,b,\n")
    with pytest.raises(ValueError, match="row 1: the header"):
        parse_csv_text("hs,name,note\n33049900,a,\n")
    with pytest.raises(ValueError, match="row 1"):
        parse_csv_text("")
