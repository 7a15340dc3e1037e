"""`haitao settlement …`, `haitao rates …` and `haitao merchant …`: what operators run, with a message
and exit 2 on a refusal, never a traceback."""


import pytest

from haitao.cli import main
from haitao.marketplace.models import MerchantUser, Settlement

from .support import order, shanghai, world

pytestmark = pytest.mark.django_db


def test_settlement_cli(capsys, tmp_path):
    w = world()
    order(w, w["dolphin"], [(w["a"], w["formula"], 1, "100.00", "5.00"), (w["b"], w["formula"], 1, "50.00", "0")],
          shanghai(2026, 11, 3))
    assert main(["settlement", "run", "--period", "2026-11"]) == 2  # no EUR or JPY rate: refused, said why
    assert "No EUR exchange rate" in capsys.readouterr().err and not Settlement.objects.exists()
    assert main(["rates", "exchange", "EUR", "7.7", "--date", "2026-11-30", "--source", "PBOC"]) == 0
    assert main(["rates", "exchange", "JPY", "0.0475", "--date", "2026-11-30", "--source", "PBOC"]) == 0
    assert main(["rates", "commission", "0.08", "--brand", "dolphin"]) == 0
    capsys.readouterr()
    assert main(["settlement", "run", "--period", "2026-11"]) == 0
    out = capsys.readouterr().out
    assert "merchant-a" in out and "owed" in out and "merchant-b" in out
    assert Settlement.objects.get(merchant=w["a"]).commission == 8
    pdf = tmp_path / "a.pdf"
    assert main(["settlement", "statement", "--merchant", "merchant-a", "--period", "2026-11", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert main(["settlement", "close", "--merchant", "merchant-a", "--period", "2026-11"]) == 0
    assert Settlement.objects.get(merchant=w["a"]).status == "closed"


@pytest.mark.parametrize("argv", [
    ["settlement", "run", "--period", "2026-13"],
    ["settlement", "statement", "--merchant", "nobody", "--period", "2026-11"],
    ["settlement", "statement", "--merchant", "merchant-a", "--period", "2026-10"],
    ["rates", "exchange", "EUR", "abc", "--date", "2026-11-30", "--source", "PBOC"],
    ["rates", "exchange", "EUR", "7.7", "--date", "30.11.2026", "--source", "PBOC"],
    ["rates", "commission", "0.08", "--brand", "nope"],
    ["merchant", "suspend", "nobody"],
])
def test_bad_input_is_a_message_and_exit_2(capsys, argv):
    world()
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("haitao: ")


def test_merchant_cli(capsys):
    w = world()
    assert main(["merchant", "suspend", "merchant-b", "--note", "complaints"]) == 0
    assert main(["merchant", "list"]) == 0
    assert "merchant-b           suspended" in capsys.readouterr().out
    assert main(["merchant", "portal-user", "merchant-a", "anna", "--password", "long-enough-1", "--token"]) == 0
    assert "API token (shown once): hm_" in capsys.readouterr().out
    assert MerchantUser.objects.get(user__username="anna").merchant == w["a"]
    assert main(["merchant", "portal-user", "merchant-a", "bob", "--password", "short"]) == 2
