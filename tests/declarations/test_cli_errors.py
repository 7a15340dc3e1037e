"""`haitao customs …` and the other commands answer bad input with a message and an exit status, never a
traceback; `customs simulate` starts in a fresh process (it once crashed there on every call)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from haitao.cli import main
from haitao.orders import services as orders
from tests.declarations.conftest import BUYER_ID, consignee
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]


def test_simulate_runs_in_a_fresh_process(tmp_path):
    (tmp_path / "out").mkdir()
    env = {**os.environ, "HAITAO_VAR_DIR": str(tmp_path / "var")}
    done = subprocess.run([sys.executable, "-m", "haitao.cli", "customs", "simulate", "--outbox",
                           str(tmp_path / "out"), "--inbox", str(tmp_path / "in")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "0 receipts written" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.django_db
def test_exporting_an_unpaid_order_says_why(shop, tmp_path, capsys):
    order, _ = orders.place_order(f.customer(), orders.PlaceOrder(
        brand=shop, items=[("APT3", 1)], consignee=consignee(), buyer_name="张三", buyer_id_number=BUYER_ID,
        risk_notice_accepted=True))
    assert main(["customs", "export", "--order", order.number, "--out", str(tmp_path / "x")]) == 1
    assert f"order {order.number} cannot be exported" in capsys.readouterr().err


@pytest.mark.django_db
def test_order_and_all_together_are_refused(capsys, tmp_path):
    assert main(["customs", "export", "--order", "HT1", "--all", "--out", str(tmp_path)]) == 2
    assert "either --order" in capsys.readouterr().err


@pytest.mark.django_db
def test_an_unwritable_output_is_a_message(place_and_pay, tmp_path, capsys):
    order = place_and_pay([("APT3", 1)])
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["customs", "export", "--order", order.number, "--out", str(blocker / "sub")]) == 2
    assert str(blocker) in capsys.readouterr().err


@pytest.mark.django_db
def test_receiving_from_a_missing_folder_is_an_error(tmp_path, capsys):
    assert main(["customs", "receive", str(tmp_path / "nope")]) == 2
    assert "is not a folder of receipts" in capsys.readouterr().err


def test_a_worker_interval_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["worker", "--interval", "-1"])
    assert exit_.value.code == 2 and "positive number of seconds" in capsys.readouterr().err


@pytest.mark.django_db
def test_rotate_keys_with_the_old_key_dropped_says_to_keep_it(settings, capsys):
    from haitao.accounts.services import ensure_identity
    from haitao.common.crypto import _fernet

    ensure_identity(f.customer(), "张三", BUYER_ID)  # something encrypted under the current key
    settings.FIELD_ENCRYPTION_KEYS = ["3l8V6dJmH1pKHy6kU4eWwq2b7rXJ1w2tq4YfZ8bHq7M="]
    _fernet.cache_clear()
    try:
        assert main(["rotate-keys"]) == 2
        assert "keep the old key in the list" in capsys.readouterr().err
        settings.FIELD_ENCRYPTION_KEYS = ["not-a-key"]
        assert main(["rotate-keys"]) == 2
        assert "malformed key" in capsys.readouterr().err
    finally:
        _fernet.cache_clear()
