"""The local customs on the way back: CEB623 cancellation → CEB624, CEB625 return → CEB626, with the
spec's error codes, the quota given back in the list's declaration year, and per-SKU tax."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal as D

from haitao.customs import (
    CEB623, CEB624, CEB625, CEB626, CustomsSimulator, InvtCancel, InvtRefund, InvtRefundHead,
    InvtRefundItem, ReturnStatus, SimulatorConfig, SimulatorState, TaxRates, app_time, build, error_code, parse,
)
from haitao.customs.formats import CHINA_TZ
from haitao.customs.taxbill import SkuRates
from haitao.rules.cosmetics import ConsumptionTaxBasis, SkuTaxFacts

from .factories import BUYER_ID, WHEN, make_order
from .test_simulator import declare


def _request_fields(docs, invt_no: str, when: datetime) -> dict:
    h = docs.inventory.head
    return dict(appTime=app_time(when), customsCode=h.customsCode, orderNo=h.orderNo, ebpCode=h.ebpCode,
                ebpName=h.ebpName, ebcCode=h.ebcCode, ebcName=h.ebcName, logisticsNo=h.logisticsNo,
                logisticsCode=h.logisticsCode, logisticsName=h.logisticsName, copNo=h.copNo, invtNo=invt_no,
                buyerIdNumber=h.buyerIdNumber, buyerName=h.buyerName, buyerTelephone=h.buyerTelephone,
                agentCode=h.agentCode, agentName=h.agentName)


def cancel(sim, docs, signer, invt_no, when=WHEN):
    msg = CEB623(cancels=(InvtCancel(reason="买家取消订单", **_request_fields(docs, invt_no, when)),),
                 base_transfer=docs.transfer)
    (receipt,) = [parse(x) for x in sim.receive(build(msg, signer))]
    assert isinstance(receipt, CEB624)
    return receipt.returns[0]


def refund(sim, docs, signer, invt_no, items, when):
    lines = {i.gnum: i for i in docs.inventory.items}
    head = InvtRefundHead(reason="商品破损", **_request_fields(docs, invt_no, when))
    body = tuple(InvtRefundItem(gnum=g, gcode=lines[g].gcode if g in lines else "1901101000",
                                gname=lines[g].gname if g in lines else "x", qty=q, unit="122")
                 for g, q in items)
    msg = CEB625(refunds=(InvtRefund(head=head, items=body),), base_transfer=docs.transfer)
    (receipt,) = [parse(x) for x in sim.receive(build(msg, signer))]
    assert isinstance(receipt, CEB626)
    return receipt.returns[0]


def invt_no(receipts) -> str:
    return [ret for rec in receipts if hasattr(rec, "returns") for ret in rec.returns
            if getattr(ret, "invtNo", None)][-1].invtNo


def held(order_no="HT20251111000001"):
    return CustomsSimulator(SimulatorConfig(hold_order_nos={order_no}), SimulatorState(), clock=lambda: WHEN)


def test_cancel_of_an_unreleased_list_is_concluded_and_gives_the_quota_back(docs, signer):
    sim = held()
    number = invt_no(declare(sim, docs, signer))
    assert sim.state.used(BUYER_ID, 2025) == D("400.00")
    answer = cancel(sim, docs, signer, number)
    assert (answer.returnStatus, answer.invtNo, answer.copNo) == (ReturnStatus.CONCLUDED, number, "HT20251111000001")
    assert sim.state.used(BUYER_ID, 2025) == 0
    again = cancel(sim, docs, signer, number)
    assert (again.returnStatus, error_code(again.returnInfo)) == ("100", "-623009")


def test_cancel_after_release_is_refused_pointing_to_a_return(docs, signer):
    sim = CustomsSimulator(clock=lambda: WHEN)
    number = invt_no(declare(sim, docs, signer))
    answer = cancel(sim, docs, signer, number)
    assert (answer.returnStatus, error_code(answer.returnInfo)) == ("100", "-623005")
    assert sim.state.used(BUYER_ID, 2025) == D("400.00")


def test_cancel_of_an_unknown_list(docs, signer):
    sim = held()
    declare(sim, docs, signer)
    assert error_code(cancel(sim, docs, signer, "292420259999999999").returnInfo) == "-623003"


def test_partial_return_within_30_days_gives_back_the_returned_share(docs, signer):
    sim = CustomsSimulator(clock=lambda: WHEN)
    number = invt_no(declare(sim, docs, signer))
    answer = refund(sim, docs, signer, number, [(1, D(1))], WHEN + timedelta(days=29, hours=23))
    assert answer.returnStatus == ReturnStatus.CONCLUDED
    assert sim.state.used(BUYER_ID, 2025) == D("200.00")  # one of two units of 400.00
    again = refund(sim, docs, signer, number, [(1, D(1))], WHEN + timedelta(days=2))
    assert error_code(again.returnInfo) == "-625033"


def test_return_past_30_days_is_refused(docs, signer):
    sim = CustomsSimulator(clock=lambda: WHEN)
    number = invt_no(declare(sim, docs, signer))
    answer = refund(sim, docs, signer, number, [(1, D(1))], WHEN + timedelta(days=30, minutes=1))
    assert (answer.returnStatus, error_code(answer.returnInfo)) == ("100", "-625004")
    assert sim.state.used(BUYER_ID, 2025) == D("400.00")


def test_return_of_more_than_declared_or_of_no_such_line_is_refused(docs, signer):
    sim = CustomsSimulator(clock=lambda: WHEN)
    number = invt_no(declare(sim, docs, signer))
    assert error_code(refund(sim, docs, signer, number, [(1, D(3))], WHEN).returnInfo) == "-625001"
    assert error_code(refund(sim, docs, signer, number, [(2, D(1))], WHEN).returnInfo) == "-625209"
    assert sim.state.used(BUYER_ID, 2025) == D("400.00")


def test_return_before_release_is_refused(docs, signer):
    sim = held()
    number = invt_no(declare(sim, docs, signer))
    assert error_code(refund(sim, docs, signer, number, [(1, D(1))], WHEN).returnInfo) == "-625004"


def test_the_quota_year_is_the_lists_declaration_year(make_docs, signer):
    """Placed (order and payment) on 31 December, the list declared on 1 January: customs counts 2026."""
    docs = make_docs(make_order())
    new_year = datetime(2026, 1, 1, 0, 0, 30, tzinfo=CHINA_TZ)
    docs.inventory = replace(docs.inventory, head=replace(docs.inventory.head, appTime=app_time(new_year)))
    sim = CustomsSimulator(clock=lambda: new_year)
    declare(sim, docs, signer)
    assert (sim.state.used(BUYER_ID, 2025), sim.state.used(BUYER_ID, 2026)) == (0, D("400.00"))


def _two_serums(make_docs):
    """Two SKUs under one HS code: a 50 ml serum at 1,000.00 (high-end, CT 15%) and a 200 ml lotion at
    100.00 (0.50/ml, not high-end)."""
    docs = make_docs(make_order())
    item = docs.inventory.items[0]
    serum = replace(item, gnum=1, itemNo="SERUM", gcode="3304990099", qty=D(1), price=D("1000.00"),
                    totalPrice=D("1000.00"))
    lotion = replace(item, gnum=2, itemNo="LOTION", gcode="3304990099", qty=D(1), price=D("100.00"),
                     totalPrice=D("100.00"))
    docs.inventory = replace(docs.inventory, items=(serum, lotion))
    return docs


def test_tax_is_computed_per_sku_with_a_price_based_consumption_tax(make_docs):
    from haitao.customs.taxbill import inventory_taxes

    docs = _two_serums(make_docs)
    cosmetic = lambda ml: SkuTaxFacts(basis=ConsumptionTaxBasis.HIGH_END_COSMETICS,  # noqa: E731
                                      net_content=D(ml), content_unit="ml")
    rates = TaxRates(skus={"SERUM": SkuRates(vat=D("0.13"), consumption=cosmetic(50)),
                           "LOTION": SkuRates(vat=D("0.13"), consumption=cosmetic(200))})
    serum, lotion = inventory_taxes(docs.inventory, rates)
    assert (serum.consumption, serum.vat) == (D("123.53"), D("107.06"))  # 1000 × 0.15/0.85 × 0.7 …
    assert (lotion.consumption, lotion.vat) == (D("0.00"), D("9.10"))
    by_code = inventory_taxes(docs.inventory, TaxRates(consumption={"3304990099": D("0.15")}))
    assert by_code[1].consumption > 0  # what the HS-code table did: the lotion taxed as high-end
