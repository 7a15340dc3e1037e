"""The ``haitao tax quote`` JSON contract, through ``haitao.tax_cli.main`` with in-memory streams."""

import io
import json

import pytest

from haitao import tax_cli
from haitao.tax_cli import main

EXAMPLE = {
    "date": "2026-11-25",
    "lines": [{"sku": "A1", "unit_price": "200.00", "quantity": 2, "vat_rate": "0.13",
               "consumption_tax_rate": "0", "tariff_rate": "0.01"}],
    "freight": "0.00", "insurance": "0.00", "discount": "0.00", "annual_used": "0.00",
}


def run(payload, argv=None):
    text = payload if isinstance(payload, str) else json.dumps(payload)
    stdout = io.StringIO()
    code = main([] if argv is None else argv, io.StringIO(text), stdout)
    output = stdout.getvalue()
    assert output.endswith("\n") and output.count("\n") == 1
    return code, json.loads(output)


def with_line(**changes):
    line = dict(EXAMPLE["lines"][0], **changes)
    return dict(EXAMPLE, lines=[{k: v for k, v in line.items() if v is not ...}])


def test_the_documented_example():
    assert run(EXAMPLE) == (0, {
        "regime": "cbec", "dutiable_value": "400.00",
        "lines": [{"sku": "A1", "dutiable_value": "400.00", "duty": "0.00", "consumption_tax": "0.00",
                   "vat": "36.40"}],
        "tax_total": "36.40", "actual_paid": "436.40", "annual_used_after": "400.00",
    })


def test_stdin_dash_and_file_give_the_same_answer(tmp_path):
    path = tmp_path / "order.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    assert run(EXAMPLE, ["-"]) == run("", [str(path)]) == run(EXAMPLE)


def test_optional_fields_default_to_zero_and_today(monkeypatch):
    from datetime import date

    monkeypatch.setattr(tax_cli, "china_today", lambda: date(2018, 6, 1))
    code, answer = run({"lines": [{"sku": "A1", "unit_price": "1000.01", "quantity": 2, "vat_rate": "0.13"}]})
    assert code == 1 and answer["error"]["code"] == "single_limit_exceeded"  # 2018: limit 2,000
    assert "2000.00" in answer["error"]["message"]


def test_general_trade_example_3():
    code, answer = run({"date": "2026-11-25", "lines": [
        {"sku": "CREAM", "unit_price": "5800.00", "quantity": 1, "vat_rate": "0.13",
         "consumption_tax_rate": "0.15", "tariff_rate": "0.01"}]})
    assert code == 0
    assert answer["regime"] == "general_trade"
    assert answer["lines"][0] == {"sku": "CREAM", "dutiable_value": "5800.00", "duty": "58.00",
                                  "consumption_tax": "1033.76", "vat": "895.93"}
    assert (answer["tax_total"], answer["actual_paid"], answer["annual_used_after"]) == (
        "1987.69", "7787.69", "5800.00")


def test_serum_example_2_with_freight():
    code, answer = run({"date": "2026-11-25", "freight": "20.00", "lines": [
        {"sku": "SERUM", "unit_price": "1000.00", "quantity": 1, "vat_rate": "0.13", "consumption_tax_rate": "0.15"}]})
    assert code == 0 and answer["tax_total"] == "235.20" and answer["actual_paid"] == "1255.20"


def test_single_limit_refusal_exit_1():
    code, answer = run(with_line(unit_price="2600.00"))
    assert code == 1
    assert list(answer) == ["error"] and sorted(answer["error"]) == ["code", "message"]
    assert answer["error"]["code"] == "single_limit_exceeded"
    for amount in ("5200.00", "5000.00", "200.00"):
        assert amount in answer["error"]["message"]


def test_annual_limit_refusal_exit_1():
    code, answer = run(dict(with_line(quantity=1), annual_used="25900.00"))
    assert code == 1 and answer["error"]["code"] == "annual_limit_exceeded"
    assert "100.00 CNY remains" in answer["error"]["message"]


def test_limit_basis_may_be_chosen():
    payload = dict(with_line(unit_price="2300.00"))
    assert run(payload)[0] == 0
    assert run(dict(payload, limit_basis="actual_paid"))[0] == 1


def test_json_integers_and_exact_decimals_are_accepted_for_amounts():
    code, answer = run('{"date": "2026-11-25", "freight": 0, "lines": [{"sku": "A1", "unit_price": 200.00,'
                       ' "quantity": 2, "vat_rate": 0.13}]}')
    assert code == 0 and answer["tax_total"] == "36.40" and answer["dutiable_value"] == "400.00"


@pytest.mark.parametrize(
    ("payload", "field"),
    [(with_line(unit_price="-1.00"), "lines[0].unit_price"),
     (with_line(unit_price="abc"), "lines[0].unit_price"),
     (with_line(unit_price="1.005"), "lines[0].unit_price"),
     (with_line(unit_price=None), "lines[0].unit_price"),
     (with_line(unit_price=True), "lines[0].unit_price"),
     (with_line(unit_price=...), "lines[0].unit_price"),
     (with_line(unit_price="1" + "0" * 40), "lines[0].unit_price"),
     (with_line(quantity=-1), "lines[0].quantity"),
     (with_line(quantity=0), "lines[0].quantity"),
     (with_line(quantity="2"), "lines[0].quantity"),
     (with_line(quantity=2.5), "lines[0].quantity"),
     (with_line(vat_rate="13"), "lines[0].vat_rate"),
     (with_line(vat_rate=...), "lines[0].vat_rate"),
     (with_line(tariff_rate=[]), "lines[0].tariff_rate"),
     (with_line(sku=12), "lines[0].sku"),
     (with_line(sku=""), "lines[0].sku"),
     (with_line(colour="red"), "lines[0].colour"),
     (dict(EXAMPLE, lines=[]), "lines"),
     (dict(EXAMPLE, lines="A1"), "lines"),
     (dict(EXAMPLE, lines=["A1"]), "lines[0]"),
     ({k: v for k, v in EXAMPLE.items() if k != "lines"}, "lines"),
     (dict(EXAMPLE, freight="-5"), "freight"),
     (dict(EXAMPLE, discount="1000.00"), "discount"),
     (dict(EXAMPLE, annual_used={"x": 1}), "annual_used"),
     (dict(EXAMPLE, date="25/11/2026"), "date"),
     (dict(EXAMPLE, date="2026-02-30"), "date"),
     (dict(EXAMPLE, date=20261125), "date"),
     (dict(EXAMPLE, date="2015-12-31"), "date"),
     (dict(EXAMPLE, frieght="10.00"), "frieght"),
     (dict(EXAMPLE, limit_basis="paid"), "limit_basis")],
)
def test_invalid_input_exit_2_names_the_field(payload, field):
    code, answer = run(payload)
    assert code == 2
    assert list(answer) == ["error"] and sorted(answer["error"]) == ["code", "field", "message"]
    assert answer["error"]["code"] == "invalid_input"
    assert answer["error"]["field"] == field
    assert answer["error"]["message"].startswith(field)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty"), ("{", "not valid JSON"), ("[1, 2]", "JSON object"), ('"order"', "JSON object"),
     ('{"lines": [{"sku": "A", "unit_price": NaN, "quantity": 1, "vat_rate": "0.13"}]}', "NaN"),
     ('{"freight": "1", "freight": "2", "lines": []}', "appears twice"),
     ("[" * 100_000, "nested too deeply")],
)
def test_unreadable_json_exit_2(text, message):
    code, answer = run(text)
    assert code == 2
    assert answer["error"]["code"] == "invalid_input" and answer["error"]["field"] is None
    assert message in answer["error"]["message"]


def test_a_json_number_too_large_to_compute_with_is_an_input_error():
    text = '{"lines": [{"sku": "A", "unit_price": 1e999999, "quantity": 1, "vat_rate": "0.13"}]}'
    code, answer = run(text)
    assert code == 2 and answer["error"]["field"] == "lines[0].unit_price"
    assert "out of range" in answer["error"]["message"]


def test_missing_file_exit_2(tmp_path):
    missing = tmp_path / "nope.json"
    code, answer = run("", [str(missing)])
    assert code == 2
    assert answer["error"]["code"] == "file_not_found"
    assert str(missing) in answer["error"]["message"]


def test_a_directory_is_not_readable(tmp_path):
    code, answer = run("", [str(tmp_path)])
    assert code == 2 and answer["error"]["code"] == "invalid_input"


def test_too_many_arguments_or_unknown_option_show_usage():
    for argv in (["a.json", "b.json"], ["--json"]):
        code, answer = run("", argv)
        assert code == 2 and "usage: haitao tax quote" in answer["error"]["message"]


def test_help():
    stdout = io.StringIO()
    assert main(["--help"], io.StringIO(""), stdout) == 0
    assert stdout.getvalue().startswith("usage: haitao tax quote")


def test_non_ascii_sku_is_written_as_is():
    code, answer = run(with_line(sku="面霜-01"))
    assert code == 0 and answer["lines"][0]["sku"] == "面霜-01"
