"""Loading the official positive list (rule 9): line-numbered errors, whole-list replacement, the
per-process cache, and the `haitao positive-list` commands."""

import argparse
import json
from pathlib import Path

import pytest

from haitao.compliance import cli
from haitao.compliance import services as compliance
from haitao.compliance.models import PositiveListEntry

from .support import POSITIVE_LIST_CSV

pytestmark = pytest.mark.django_db


def test_a_good_file_loads_every_row_with_its_source():
    counts = compliance.load_positive_list(POSITIVE_LIST_CSV, "2019 list")
    assert counts == {"added": 5, "updated": 0, "removed": 0, "unchanged": 0, "total": 5}
    honey = PositiveListEntry.objects.get(code8="04090000")
    assert (honey.description, honey.remarks, honey.source) == ("天然蜂蜜", "仅限网购保税进口", "2019 list")
    assert len(compliance.positive_list()) == 5


def test_a_bad_code_on_line_3_names_line_3_and_changes_nothing():
    compliance.load_positive_list(POSITIVE_LIST_CSV, "first")
    bad = "code,description,remarks\n19011010,婴幼儿配方奶粉,\n1901101,seven digits,\n"
    with pytest.raises(compliance.PositiveListFileError) as caught:
        compliance.load_positive_list(bad, "second")
    assert caught.value.line == 3
    assert caught.value.code == "invalid_positive_list"
    assert caught.value.message.startswith("line 3: ") and "8 digits" in caught.value.message
    assert PositiveListEntry.objects.count() == 5
    assert set(PositiveListEntry.objects.values_list("source", flat=True)) == {"first"}


@pytest.mark.parametrize("text, line, words", [
    ("code,name,remarks\n19011010,x,\n", 1, "header"),
    ("code,description,remarks\n\n19011010,x,\n19011010,y,\n", 4, "already on row 3"),
    ("code,description,remarks\n19011010,x\n", 2, "3 fields"),
])
def test_other_bad_rows_name_their_line(text, line, words):
    with pytest.raises(compliance.PositiveListFileError) as caught:
        compliance.load_positive_list(text, "x")
    assert caught.value.line == line and words in caught.value.reason


def test_too_long_remarks_name_their_line():
    text = "code,description,remarks\n19011010,x,\n33049900,y," + "限" * 501 + "\n"
    with pytest.raises(compliance.PositiveListFileError) as caught:
        compliance.load_positive_list(text, "x")
    assert caught.value.line == 3


def test_an_empty_list_is_refused():
    compliance.load_positive_list(POSITIVE_LIST_CSV, "first")
    with pytest.raises(compliance.PositiveListFileError):
        compliance.load_positive_list("code,description,remarks\n", "empty")
    assert PositiveListEntry.objects.count() == 5


def test_reload_replaces_the_list_and_counts_the_changes():
    compliance.load_positive_list(POSITIVE_LIST_CSV, "2019 list")
    assert compliance.positive_list().check("0409000000", "9610").reason_code == "mode_not_allowed"
    new = ("code,description,remarks\n"
           "19011010,婴幼儿配方奶粉,\n"          # unchanged
           "04090000,天然蜂蜜,\n"                # remarks changed: now both modes
           "33049900,其他美容化妆品及护肤品,\n"    # unchanged
           "85098090,其他家用电动器具,\n")        # added; 21069090 and 22030000 removed
    counts = compliance.load_positive_list(new, "2019 list")
    assert counts == {"added": 1, "updated": 1, "removed": 2, "unchanged": 2, "total": 4}
    assert sorted(PositiveListEntry.objects.values_list("code8", flat=True)) == [
        "04090000", "19011010", "33049900", "85098090"]
    plist = compliance.positive_list()
    assert plist.check("0409000000", "9610").allowed
    assert plist.check("2203000000", "1210").reason_code == "not_on_positive_list"


def test_the_cached_list_follows_a_load_made_elsewhere():
    compliance.load_positive_list(POSITIVE_LIST_CSV, "x")
    first = compliance.positive_list()
    assert compliance.positive_list() is first  # cached while nothing changed
    # Another process's load: rows written as load_positive_list writes them, without our invalidation.
    PositiveListEntry.objects.filter(code8="04090000").delete()
    PositiveListEntry.objects.create(code8="04090000", description="天然蜂蜜", remarks="", source="y")
    assert compliance.positive_list().check("0409000000", "9610").allowed


def test_the_cached_list_costs_one_query(django_assert_num_queries):
    compliance.load_positive_list(POSITIVE_LIST_CSV, "x")
    compliance.positive_list()
    with django_assert_num_queries(1):
        compliance.positive_list()


# -- the CLI -----------------------------------------------------------------------------------------

def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="haitao")
    cli.add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    status = args.func(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_load_prints_the_counts(tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_text(POSITIVE_LIST_CSV, encoding="utf-8")
    status, out, err = run(["positive-list", "load", str(path), "--source", "GACC 2019", "--json"], capsys)
    assert status == 0 and err == ""
    assert json.loads(out)["added"] == 5
    assert set(PositiveListEntry.objects.values_list("source", flat=True)) == {"GACC 2019"}


def test_cli_load_reads_gb18030_and_defaults_the_source_to_the_file_name(tmp_path, capsys):
    path = tmp_path / "official.csv"
    path.write_bytes(POSITIVE_LIST_CSV.encode("gb18030"))
    status, out, _ = run(["positive-list", "load", str(path)], capsys)
    assert status == 0 and "5 added" in out
    assert PositiveListEntry.objects.get(code8="04090000").source == "official.csv"
    assert PositiveListEntry.objects.get(code8="04090000").remarks == "仅限网购保税进口"


def test_cli_load_error_names_file_and_line(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("code,description,remarks\n19011010,ok,\n1901101X,bad,\n", encoding="utf-8")
    status, out, err = run(["positive-list", "load", str(path)], capsys)
    assert status == 2 and out == ""
    assert err.startswith(f"haitao: {path}:3: code must be 8 digits")
    assert PositiveListEntry.objects.count() == 0


def test_the_header_may_name_the_code_column_code8(tmp_path):
    body = POSITIVE_LIST_CSV.partition("\n")[2]
    for header in ("code8,description,remarks", "\ufeffCode8 ,description,remarks", '"code8",description,remarks'):
        PositiveListEntry.objects.all().delete()
        assert compliance.load_positive_list(f"{header}\r\n{body}", "x")["added"] == 5, header
    with pytest.raises(compliance.PositiveListFileError) as caught:
        compliance.load_positive_list(f"code8,description,remarks\n{body}1901101,seven digits,\n", "x")
    assert caught.value.line == 7  # the file's own line numbers


def test_cli_loads_the_demo_subset_the_demo_ships(capsys):
    demo = Path(__file__).resolve().parents[2] / "haitao" / "demo" / "data" / "positive-list-demo.csv"
    status, out, err = run(["positive-list", "load", str(demo), "--json"], capsys)
    assert status == 0 and err == ""
    assert json.loads(out)["added"] == PositiveListEntry.objects.count() > 0


def test_cli_load_missing_file(tmp_path, capsys):
    status, _, err = run(["positive-list", "load", str(tmp_path / "nope.csv")], capsys)
    assert status == 2 and err.startswith(f"haitao: {tmp_path / 'nope.csv'}: ")


def test_cli_check(capsys, loaded_list):
    assert run(["positive-list", "check", "1901101090"], capsys)[0] == 0
    status, out, _ = run(["positive-list", "check", "0409000000", "--mode", "9610", "--json"], capsys)
    assert status == 1
    assert json.loads(out)["verdicts"]["9610"]["reason_code"] == "mode_not_allowed"
    status, out, _ = run(["positive-list", "check", "0409000000"], capsys)
    assert status == 0 and "1210: allowed" in out and "9610: refused" in out
    assert run(["positive-list", "check", "9999999999"], capsys)[0] == 1
    status, _, err = run(["positive-list", "check", "12345"], capsys)
    assert status == 2 and err.startswith("haitao: positive-list check: GCODE must be 10 digits")
