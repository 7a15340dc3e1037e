"""The local customs: four-document match, limits, duplicates, receipts and the tax bill."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D

import pytest

from haitao.customs import (
    CEB312, CEB412, CEB512, CEB622, CEB816, CEB900, CustomsSimulator, ReturnStatus, SimulatorConfig,
    SimulatorState, TaxRates, build, error_code, parse,
)

from .factories import OTHER_BUYER_ID, make_order


def declare(sim, docs, signer, inventory=True):
    receipts = [parse(x) for msg in (docs.ceb311(), docs.ceb411(), docs.ceb511()) for x in sim.receive(build(msg))]
    if inventory:
        receipts += [parse(x) for x in sim.receive(build(docs.ceb621(), signer))]
    return receipts


def statuses(receipts, kind):
    return [ret.returnStatus for rec in receipts if isinstance(rec, kind) for ret in rec.returns]


def test_consistent_set_is_accepted_released_and_taxed(docs, signer):
    sim = CustomsSimulator(SimulatorConfig(), SimulatorState())
    receipts = declare(sim, docs, signer)
    assert [type(r) for r in receipts] == [CEB312, CEB412, CEB512, CEB622, CEB622, CEB816]
    assert statuses(receipts, CEB312) == statuses(receipts, CEB412) == statuses(receipts, CEB512) == ["120"]
    assert statuses(receipts, CEB622) == [ReturnStatus.ACCEPTED, ReturnStatus.RELEASED]
    released = receipts[4].returns[0]
    assert len(released.invtNo) == 18 and released.invtNo.startswith("2924")
    assert released.copNo == docs.order.head.orderNo
    tax = receipts[5].taxes[0]
    assert tax.head.invtNo == released.invtNo
    assert (tax.head.customsTax, tax.head.valueAddedTax, tax.head.consumptionTax) == (D(0), D("36.40"), D(0))
    line = tax.items[0]
    assert (line.gnum, line.taxPrice, line.valueAddedTax) == (1, D("400.00"), D("36.40"))


def test_receipts_echo_the_declared_guids(docs, signer):
    receipts = declare(CustomsSimulator(), docs, signer)
    assert receipts[0].returns[0].guid == docs.order.head.guid
    assert receipts[0].returns[0].orderNo == docs.order.head.orderNo


def test_consumption_tax_and_freight_share(make_docs, signer):
    docs = make_docs(make_order(qty=D(1), price=D("1000.00"), tax=D("235.20")))
    docs.inventory = replace(docs.inventory, head=replace(docs.inventory.head, freight=D("20.00")))
    docs.inventory = replace(docs.inventory, items=(replace(docs.inventory.items[0], gcode="3304990099"),))
    docs.order = replace(docs.order, head=replace(docs.order.head, freight=D("20.00"), acturalPaid=D("1255.20")))
    docs.payment = replace(docs.payment, amountPaid=D("1255.20"))
    rates = TaxRates(consumption={"3304": D("0.15")})
    receipts = declare(CustomsSimulator(SimulatorConfig(tax_rates=rates)), docs, signer)
    tax = receipts[-1].taxes[0]
    assert (tax.items[0].taxPrice, tax.head.consumptionTax, tax.head.valueAddedTax) == (D("1020.00"), D("126.00"), D("109.20"))


def test_release_false_stops_at_accepted(docs, signer):
    receipts = declare(CustomsSimulator(SimulatorConfig(release=False)), docs, signer)
    assert statuses(receipts, CEB622) == ["120"] and not any(isinstance(r, CEB816) for r in receipts)


def rejection(receipts):
    (ret,) = [ret for rec in receipts if isinstance(rec, CEB622) for ret in rec.returns]
    assert ret.returnStatus == ReturnStatus.REJECTED
    return error_code(ret.returnInfo)


def test_over_single_limit_is_refused(make_docs, signer):
    docs = make_docs(make_order(qty=D(2), price=D("2600.00"), tax=D("676.00")))
    assert rejection(declare(CustomsSimulator(), docs, signer)) == "-621005"


def test_one_unit_over_single_limit_goes_general_trade(make_docs, signer):
    docs = make_docs(make_order(qty=D(1), price=D("5800.00"), tax=D("754.00")))
    receipts = declare(CustomsSimulator(), docs, signer)
    assert statuses(receipts, CEB622) == ["120", "800"]
    assert receipts[-1].taxes[0].head.valueAddedTax == D("754.00")  # full 13%, no 70%


def test_over_annual_limit_is_refused_with_state_tracking(make_docs, signer):
    state = SimulatorState()
    sim = CustomsSimulator(SimulatorConfig(), state)
    for n in range(6):  # 6 × 4,000 + freight 0 = 24,000 used
        docs = make_docs(make_order(f"HT-A{n}", qty=D(2), price=D("2000.00"), tax=D("728.00")))
        assert statuses(declare(sim, docs, signer), CEB622)[-1] == "800"
    assert state.used("11010519491231002X", 2025) == D("24000.00")
    over = make_docs(make_order("HT-A9", qty=D(1), price=D("2100.00"), tax=D("191.10")))
    assert rejection(declare(sim, over, signer)) == "-621018"
    other = make_docs(make_order("HT-B1", qty=D(1), price=D("2100.00"), tax=D("191.10"), buyer_id=OTHER_BUYER_ID))
    assert statuses(declare(sim, other, signer), CEB622)[-1] == "800"


def test_duplicates_are_refused_with_spec_codes(docs, signer):
    sim = CustomsSimulator()
    declare(sim, docs, signer)
    again = declare(sim, docs, signer)
    assert [error_code(rec.returns[0].returnInfo) for rec in again[:3]] == ["-301010", "-401007", "-504015"]
    assert statuses(again, CEB312) == ["100"]
    assert rejection(again) == "-621004"


def test_change_replaces_an_order(docs):
    sim = CustomsSimulator()
    sim.receive(build(docs.ceb311()))
    changed = replace(docs.order, head=replace(docs.order.head, appType="2", buyerRegNo="u-2"))
    (receipt,) = sim.receive(build(replace(docs.ceb311(), orders=(changed,))))
    assert parse(receipt).returns[0].returnStatus == "120"


def test_list_without_its_documents_is_refused(docs, signer):
    receipts = [parse(x) for x in CustomsSimulator().receive(build(docs.ceb621(), signer))]
    assert rejection(receipts) == "-621002"
    assert "order" in receipts[0].returns[0].returnInfo


def test_mismatched_documents_are_refused(docs, signer):
    docs.waybill = replace(docs.waybill, consignee="李四")
    assert rejection(declare(CustomsSimulator(), docs, signer)) == "-621001"


def test_forced_decisions(docs, signer):
    sim = CustomsSimulator(SimulatorConfig(reject_order_nos={docs.order.head.orderNo}))
    assert statuses(declare(sim, docs, signer, inventory=False), CEB312) == ["100"]
    sim = CustomsSimulator(SimulatorConfig(reject_all_inventory=True, rejection_code="-621013"))
    assert rejection(declare(sim, docs, signer)) == "-621013"


def test_signature_checked_when_a_certificate_is_trusted(docs, signer):
    from haitao.customs import generate_test_certificate
    sim = CustomsSimulator(SimulatorConfig(trusted_cert_pem=generate_test_certificate()[1]))
    assert rejection(declare(sim, docs, signer)) == "-621029"


@pytest.mark.parametrize("payload, code", [(b"<not xml", "0001"), (b"<ceb:CEB311Message xmlns:ceb='http://www.chinaport.gov.cn/ceb' guid='x' version='1.0'/>", "0002")])
def test_invalid_xml_gets_a_ceb900(payload, code):
    (receipt,) = CustomsSimulator().receive(payload)
    result = parse(receipt)
    assert isinstance(result, CEB900)
    assert result.result.returnStatus == code and result.result.returnInfo


def test_state_round_trips_through_json(docs, signer):
    sim = CustomsSimulator()
    declare(sim, docs, signer)
    text = sim.state.to_json()
    json.loads(text)
    assert "11010519491231002X" not in json.dumps(json.loads(text)["quota_used"])
    restored = SimulatorState.from_json(text)
    assert restored == sim.state
    again = declare(CustomsSimulator(state=restored), docs, signer)
    assert rejection(again) == "-621004"
