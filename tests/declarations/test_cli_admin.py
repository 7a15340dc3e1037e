"""`haitao customs …` through add_parsers, the operators' admin, build failures and their retry,
the signing key, and the safety net that declares paid orders nobody declared."""

from __future__ import annotations

import argparse
import json

import pytest

from haitao.customs import parse, validate, verify
from haitao.declarations import config, services
from haitao.declarations.cli import add_parsers
from haitao.declarations.models import Declaration, OutboxMessage, Receipt, Shipment
from haitao.declarations.worker import worker_tick
from haitao.orders.states import Status
from haitao.payments.models import Payment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(request):
    """The assertions below read the admin's English texts (the default language is Chinese)."""
    if "admin_client" in request.fixturenames:
        request.getfixturevalue("admin_client").defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="haitao")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_export_writes_every_message_of_an_order_valid(place_and_pay, tmp_path):
    order = place_and_pay([("APT3", 1), ("SER1", 2)])
    out = tmp_path / "export"
    assert cli("customs", "export", "--order", order.number, "--out", str(out)) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{t}_{order.number}.xml" for t in ("CEB311", "CEB411", "CEB511", "CEB621")]
    for path in out.iterdir():
        validate(path.read_bytes())
    # the queued ones are exported as stored; the list (not made yet) is built fresh and signed
    stored = Declaration.objects.get(order=order, message_type="CEB311").xml.encode()
    assert (out / f"CEB311_{order.number}.xml").read_bytes() == stored
    assert verify((out / f"CEB621_{order.number}.xml").read_bytes(), config.signer().cert_pem)
    assert not Declaration.objects.filter(order=order, message_type="CEB621").exists()  # exporting queues nothing


def test_export_all_after_release_and_unknown_order(place_and_pay, tmp_path, capsys):
    first, second = place_and_pay([("APT3", 1)]), place_and_pay([("VIT9", 2)])
    for _ in range(2):
        worker_tick()
    assert cli("customs", "export", "--all", "--out", str(tmp_path / "all"), "--json") == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert len(files) == 8
    for name in files:
        validate(open(name, "rb").read())
    invt = Declaration.objects.get(order=second, message_type="CEB621")
    assert (tmp_path / "all" / f"CEB621_{second.number}.xml").read_bytes() == invt.xml.encode()
    assert cli("customs", "export", "--order", "HT000NOPE", "--out", str(tmp_path / "x")) == 1
    assert first.number in "".join(files)


def test_deliver_simulate_receive_by_hand(place_and_pay, customs_env, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("HAITAO_CUSTOMS_SIMULATOR", "off")  # production-like: an external customs client
    order = place_and_pay([("APT3", 1)])
    outbox_dir, inbox_dir = customs_env / "outbox", customs_env / "inbox"
    cert = tmp_path / "cert.pem"
    cert.write_bytes(config.signer().cert_pem)
    sim = ["customs", "simulate", "--outbox", str(outbox_dir), "--inbox", str(inbox_dir), "--trust-cert", str(cert)]
    assert cli("customs", "deliver") == 0
    assert cli(*sim) == 0
    assert cli("customs", "receive", str(inbox_dir), "--json") == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["accepted"] == 3
    assert cli("customs", "deliver") == 0  # the CEB621 queued by the three acceptances
    assert cli(*sim) == 0
    assert cli("customs", "receive", str(inbox_dir)) == 0
    order.refresh_from_db()
    assert order.status == Status.RELEASED
    assert cli("customs", "deliver", "--tick") == 0
    order.refresh_from_db()
    assert order.status == Status.SHIPPED
    assert sorted(p.name for p in (inbox_dir / "processed").iterdir())[0].startswith("CEB312_")


def test_simulate_can_be_told_to_reject(place_and_pay, customs_env, monkeypatch):
    monkeypatch.setenv("HAITAO_CUSTOMS_SIMULATOR", "off")
    order = place_and_pay([("APT3", 1)])
    folders = ["--outbox", str(customs_env / "outbox"), "--inbox", str(customs_env / "inbox")]
    cli("customs", "deliver")
    cli("customs", "simulate", *folders, "--reject-order", order.number)
    cli("customs", "receive", str(customs_env / "inbox"))
    order.refresh_from_db()
    assert order.status == Status.REFUNDED


def test_unreadable_receipts_are_set_aside(customs_env):
    inbox = customs_env / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "garbage.xml").write_bytes(b"<not-customs/>")
    assert cli("customs", "receive", str(inbox)) == 0
    assert (inbox / "unreadable" / "garbage.xml").exists()


def test_same_receipt_twice_changes_nothing(place_and_pay, customs_env, monkeypatch):
    monkeypatch.setenv("HAITAO_CUSTOMS_SIMULATOR", "off")
    order = place_and_pay([("APT3", 1)])
    cli("customs", "deliver")
    cli("customs", "simulate", "--outbox", str(customs_env / "outbox"), "--inbox", str(customs_env / "inbox"))
    receipts = sorted((customs_env / "inbox").glob("*.xml"))
    copies = {p.name: p.read_bytes() for p in receipts}
    cli("customs", "receive", str(customs_env / "inbox"))
    for name, data in copies.items():  # the client drops the same receipts again
        (customs_env / "inbox" / name).write_bytes(data)
    from haitao.declarations.receipts import process_inbox

    assert process_inbox() == {"duplicate": 3, "receipts": 3}
    assert Declaration.objects.filter(order=order, message_type="CEB621").count() == 1


def test_bad_data_leaves_the_order_paid_with_a_visible_failure_then_retry(place_and_pay, shop):
    from haitao.catalog.models import Sku

    Sku.objects.filter(code="APT3").update(origin_country="XX")
    order = place_and_pay([("APT3", 1)])  # the payment still stands
    assert order.status == Status.PAID and order.payments.get().status == Payment.Status.SUCCEEDED
    failed = Declaration.objects.get(order=order)
    assert failed.status == "build_failed" and "'XX'" in failed.last_error
    assert not OutboxMessage.objects.exists() and not Shipment.objects.exists()
    assert services.declare_pending() == 0  # the operator must fix the data first
    Sku.objects.filter(code="APT3").update(origin_country="NZ")
    assert services.retry_declaration(failed) == "rebuilt"
    order.refresh_from_db()
    assert order.status == Status.DECLARED
    assert parse(order.declarations.get(message_type="CEB311").xml.encode()).orders[0].items[0].country == "609"


def test_paid_orders_nobody_declared_are_declared_by_the_worker(place_and_pay, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(services, "on_order_paid", lambda order: [])  # e.g. paid before the app was installed
        order = place_and_pay([("APT3", 1)])
    assert order.status == Status.PAID
    assert worker_tick()["declared"] == 1
    order.refresh_from_db()
    assert order.status in (Status.DECLARED, Status.CUSTOMS_ACCEPTED)


def test_demo_signing_certificate_is_generated_once(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("HAITAO_CUSTOMS_KEY_FILE")
    monkeypatch.delenv("HAITAO_CUSTOMS_CERT_FILE")
    settings.VAR_DIR = tmp_path / "var"
    first = config.signer()
    key = tmp_path / "var" / "customs" / "signing" / "key.pem"
    assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
    assert config.signer().cert_pem == first.cert_pem == key.with_name("cert.pem").read_bytes()


def test_admin_shows_declarations_outbox_shipments_and_retries(place_and_pay, admin_client):
    order = place_and_pay([("APT3", 1)])
    worker_tick()
    for path in ("declaration", "outboxmessage", "receipt", "shipment"):
        assert admin_client.get(f"/admin/declarations/{path}/").status_code == 200
    decl = Declaration.objects.get(order=order, message_type="CEB311")
    page = admin_client.get(f"/admin/declarations/declaration/{decl.pk}/change/").content.decode()
    assert order.number in page and "11010519491231002X" not in page and "1101**********002X" in page
    assert "文三路" not in page and order.consignee_address_masked in page  # the street never shows
    response = admin_client.post("/admin/declarations/declaration/", {
        "action": "retry_declarations", "_selected_action": [decl.pk]}, follow=True)
    assert "nothing to retry" in response.content.decode()
    shipment = order.shipment
    assert shipment.waybill_no in admin_client.get(f"/admin/declarations/shipment/{shipment.pk}/change/").content.decode()


def test_the_customs_audit_trail_cannot_be_deleted_from_the_admin(place_and_pay, admin_client):
    order = place_and_pay([("APT3", 1)])
    worker_tick()
    rows = {"declaration": Declaration.objects.filter(order=order).first(),
            "outboxmessage": OutboxMessage.objects.filter(declaration__order=order).first(),
            "receipt": Receipt.objects.filter(declaration__order=order).first(),
            "shipment": Shipment.objects.get(order=order)}
    for path, row in rows.items():
        assert row is not None, path
        changelist = admin_client.get(f"/admin/declarations/{path}/")
        assert "delete_selected" not in changelist.content.decode(), path
        assert admin_client.get(f"/admin/declarations/{path}/{row.pk}/delete/").status_code == 403, path
        admin_client.post(f"/admin/declarations/{path}/", {"action": "delete_selected",
                                                           "_selected_action": [row.pk], "post": "yes"})
        assert type(row).objects.filter(pk=row.pk).exists(), path
    page = admin_client.get(f"/admin/declarations/declaration/{rows['declaration'].pk}/change/").content.decode()
    assert "deletelink" not in page
    assert "retry_declarations" in admin_client.get("/admin/declarations/declaration/").content.decode()


def test_the_order_page_links_its_declarations_payments_and_shipment(place_and_pay, admin_client):
    order = place_and_pay([("APT3", 1), ("SER1", 2)])
    worker_tick()
    page = admin_client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    for decl in Declaration.objects.filter(order=order):
        assert f'href="/admin/declarations/declaration/{decl.pk}/change/"' in page
        assert f"{decl.message_type} — {decl.get_status_display()}" in page
    payment = Payment.objects.get(order=order)
    assert f'href="/admin/payments/payment/{payment.pk}/change/"' in page and payment.reference in page
    shipment = Shipment.objects.get(order=order)
    assert f'href="/admin/declarations/shipment/{shipment.pk}/change/"' in page and shipment.waybill_no in page
    # the inline rows are named by what they are, not "OrderLine object (46)"
    assert "OrderLine object" not in page and "OrderEvent object" not in page
    lines = list(order.lines.all())
    assert f"line 1: {lines[0].title} × 1" in page and f"line 2: {lines[1].title} × 2" in page
    assert "declare: paid → declared" in page
    assert "Status changes (audit trail)" in page and "Order lines (goods and their tax)" in page
