"""Customs' request for payment data (海关总署公告2018年第179号): the inbound request, the signed answer
built from what the provider actually exchanged, and the local simulator asking about a sample."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from haitao.customs.simulator import check_payment_data, sample_for_payment_data
from haitao.declarations import payment_data
from haitao.declarations.config import signer
from haitao.payments import services
from haitao.declarations.payment_data import build_answer, payment_data_tick
from haitao.payments.models import PaymentDataRequest
from tests.declarations.test_worker_idle_indexes import _partial_indexes, _postgresql_scans, _sqlite_scans

from .test_alipay import PAYER, _notify

pytestmark = pytest.mark.django_db
URL = "/api/v1/customs/platDataOpen"


def test_customs_request_is_acknowledged_and_answered_from_the_stored_exchange(client, alipay, place):
    order = place()
    payment = services.start(order, "alipay")
    _notify(client, alipay.pay(payment.reference, PAYER))
    payment.refresh_from_db()
    assert payment.transaction_id
    open_req = json.dumps({"orderNo": order.number, "sessionID": "S-179-0001", "serviceTime": 1700000000000})
    resp = client.post(URL, {"openReq": open_req})
    assert resp.status_code == 200 and resp.json()["code"] == "10000"
    assert client.post(URL, {"openReq": open_req}).status_code == 200  # repeated: one request
    assert PaymentDataRequest.objects.count() == 1
    uploaded = []
    assert services.answer_data_requests(build_answer, uploaded.append) == 1
    answer = uploaded[0]
    head = answer["payExchangeInfoHead"]
    # What was really sent to Alipay (the signed precreate) and what Alipay really answered (its notification).
    assert "alipay.trade.precreate" in head["initalRequest"] and payment.reference in head["initalRequest"]
    assert payment.transaction_id in head["initalResponse"]
    assert (head["payCode"], head["payTransactionId"]) == ("31222699S7", payment.transaction_id)
    assert answer["payExchangeInfoLists"][0]["orderNo"] == order.number
    assert answer["payExchangeInfoLists"][0]["goodsInfo"][0]["itemLink"].endswith("/p/APT3/")
    assert check_payment_data(answer, signer().cert_pem) == []
    answer["payExchangeInfoHead"]["totalAmount"] = 0.01
    assert check_payment_data(answer, signer().cert_pem) == ["signValue does not verify"]
    assert PaymentDataRequest.objects.get().status == "answered"


@pytest.mark.parametrize("form", [{"openReq": "{not json"}, {"openReq": "[1]"}, {"openReq": "{}"}])
def test_malformed_customs_requests_are_a_400(client, form):
    resp = client.post(URL, form)
    assert resp.status_code == 400 and resp.json()["error"]["field"] == "openReq"


def test_an_order_without_payment_fails_the_request_not_the_worker(place):
    order = place()
    services.receive_data_request("S-2", order.number)
    assert services.answer_data_requests(build_answer, lambda payload: None) == 0
    assert PaymentDataRequest.objects.get().status == "failed"


def test_the_simulator_asks_about_a_sample_of_declared_orders(place_and_pay):
    numbers: list[str] = []
    while len(numbers) < 12 and not (0 < len(sample_for_payment_data(numbers, set())) < len(numbers)):
        numbers.append(place_and_pay([("SER1", 1)]).number)  # until some are asked about and some not
    expected = sample_for_payment_data(numbers, set())
    assert 0 < len(expected) < len(numbers)
    counts = payment_data_tick()
    assert counts["payment data answered"] == len(expected)
    assert set(PaymentDataRequest.objects.values_list("order_no", flat=True)) == set(expected)
    assert set(PaymentDataRequest.objects.values_list("status", flat=True)) <= {"answered"}
    assert payment_data_tick()["payment data answered"] == 0  # asked once per order


def _scans(look) -> dict[str, list[str]]:
    """The reads of ``look()`` that scan a table (tests/declarations/test_worker_idle_indexes.py)."""
    captured: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        look()
    partial = _partial_indexes()
    explain = _postgresql_scans if connection.vendor == "postgresql" else _sqlite_scans
    return {sql: scans for sql, params in captured
            if sql.lstrip().upper().startswith("SELECT") and (scans := explain(sql, params, partial))}


def test_the_simulator_reads_only_what_was_declared_since_its_last_look(place_and_pay):
    # The demo's worker runs this every few seconds: it must not read every declared payment, nor every
    # request customs ever made, each time.
    for _ in range(2):
        place_and_pay([("SER1", 1)])
    payment_data_tick()
    assert not _scans(payment_data_tick)  # nothing new
    new: list[str] = []
    while len(new) < 20 and not sample_for_payment_data(new, set()):  # until one is to be asked about
        new.append(place_and_pay([("SER1", 1)]).number)
    assert sample_for_payment_data(new, set())
    assert not _scans(lambda: payment_data._simulator_asks(20))  # the new orders, and only them
    assert set(PaymentDataRequest.objects.filter(order_no__in=new).values_list("order_no", flat=True)) == set(
        sample_for_payment_data(new, set()))


@pytest.mark.parametrize("batch", [4, payment_data.SAMPLE_BATCH])  # a look reads about one order, or all
def test_orders_declared_between_looks_are_each_asked_about_once(place_and_pay, monkeypatch, batch):
    monkeypatch.setattr(payment_data, "SAMPLE_BATCH", batch)
    numbers: list[str] = []
    while len(numbers) < 25 and len(sample_for_payment_data(numbers, set())) < 3:
        numbers.append(place_and_pay([("SER1", 1)]).number)
        if len(numbers) == 2:
            payment_data_tick(limit=1)  # a look between declarations
    expected = sample_for_payment_data(numbers, set())
    assert len(expected) >= 2
    for _ in range(2 * len(numbers)):
        payment_data_tick(limit=1)  # at most one question a look: the others wait for the next
    asked = list(PaymentDataRequest.objects.values_list("order_no", flat=True))
    assert sorted(asked) == sorted(expected)
