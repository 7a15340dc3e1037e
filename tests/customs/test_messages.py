"""Build, parse and validate every message type against the official XSD."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from haitao.customs import (
    CEB312, CEB412, CEB512, CEB622, CEB623, CEB625, CEB816, CEB900, InventoryReturn, InvtCancel, InvtRefund,
    InvtRefundHead, InvtRefundItem, LogisticsReturn, MessageReturn, OrderReturn, PaymentReturn, SchemaError,
    SignatureRequired, Tax, TaxHeadRd, TaxListRd, UnsupportedMessage, amount, app_time, build, decl_date,
    error_code, new_guid, parse, return_time, serialize, validate,
)
from haitao.customs.formats import CHINA_TZ

from .factories import SAMPLES

SUPPORTED = ["CEB311", "CEB312", "CEB411", "CEB412", "CEB511", "CEB512", "CEB621", "CEB622", "CEB623", "CEB625"]


def test_helpers_format_china_time_and_guids():
    utc = datetime(2025, 11, 10, 16, 5, 7, 123456, tzinfo=datetime.now().astimezone().tzinfo.utc)
    assert app_time(utc) == "20251111000507"
    assert return_time(utc) == "20251111000507123"
    assert decl_date(date(2025, 1, 2)) == "20250102"
    assert decl_date(utc) == "20251111"
    guid = new_guid()
    assert len(guid) == 36 and guid == guid.upper()


def test_amounts_are_plain_decimal_strings_never_float():
    assert amount(D("436.40")) == "436.40"
    assert amount(D("0.00")) == "0"
    assert amount(D("1E+2")) == "100"
    with pytest.raises(TypeError):
        amount(436.4)


def test_declarations_build_and_validate(docs, signer):
    for message in (docs.ceb311(), docs.ceb411(), docs.ceb511()):
        xml = build(message)
        assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
        assert f'<ceb:{type(message).__name__}Message xmlns:ceb="http://www.chinaport.gov.cn/ceb"'.encode() in xml
        assert parse(xml) == message
    inventory = docs.ceb621()
    assert replace(parse(build(inventory, signer)), signature=None) == inventory


def test_order_elements_in_xsd_order_and_optional_ones_omitted(docs):
    xml = build(docs.ceb311()).decode()
    assert xml.index("<ceb:goodsValue>400.00<") < xml.index("<ceb:taxTotal>36.40<") < xml.index("<ceb:acturalPaid>436.40<")
    assert "<ceb:discount>0</ceb:discount>" in xml
    assert "batchNumbers" not in xml and "consigneeDistrict" not in xml


def test_signed_types_refuse_to_build_unsigned(docs):
    with pytest.raises(SignatureRequired):
        build(docs.ceb621())


def _request(cls, docs):
    h = docs.inventory.head
    return cls(customsCode=h.customsCode, orderNo=h.orderNo, ebpCode=h.ebpCode, ebpName=h.ebpName, ebcCode=h.ebcCode,
               ebcName=h.ebcName, logisticsNo=h.logisticsNo, logisticsCode=h.logisticsCode,
               logisticsName=h.logisticsName, invtNo="29242025I000000001", buyerIdNumber=h.buyerIdNumber,
               buyerName=h.buyerName, buyerTelephone=h.buyerTelephone, agentCode=h.agentCode, agentName=h.agentName,
               reason="买家取消")


def test_cancel_and_return_requests_build_signed(docs, signer):
    cancel = CEB623(cancels=(_request(InvtCancel, docs),), base_transfer=docs.transfer)
    refund = CEB625(refunds=(InvtRefund(head=_request(InvtRefundHead, docs), items=(
        InvtRefundItem(gnum=1, gcode="1901101000", gname="婴儿奶粉", qty=D(1), unit="122"),)),),
        base_transfer=docs.transfer)
    for message in (cancel, refund):
        parsed = parse(build(message, signer))
        assert replace(parsed, signature=None) == message


def test_receipts_build_and_validate():
    t = "20251111000507123"
    receipts = [
        CEB312(returns=(OrderReturn(guid=new_guid(), ebpCode="E1", ebcCode="E1", orderNo="O1", returnStatus="120",
                                    returnTime=t, returnInfo="ok"),)),
        CEB412(returns=(PaymentReturn(guid=new_guid(), payCode="P1", payTransactionId="T1", returnStatus="120",
                                      returnTime=t, returnInfo="ok"),)),
        CEB512(returns=(LogisticsReturn(guid=new_guid(), logisticsCode="L1", logisticsNo="N1", returnStatus="100",
                                        returnTime=t, returnInfo="-504015:已存在相同编号的运单"),)),
        CEB622(returns=(InventoryReturn(guid=new_guid(), copNo="C1", preNo="B20251111000000001",
                                        invtNo="29242025I000000001", returnStatus="800", returnTime=t,
                                        returnInfo="放行"),)),
        CEB816(taxes=(Tax(head=TaxHeadRd(returnTime=t, invtNo="29242025I000000001", taxNo="T1", customsTax=D(0),
                                         valueAddedTax=D("36.40"), consumptionTax=D(0)),
                          items=(TaxListRd(gnum=1, gcode="1901101000", taxPrice=D("400.00"), customsTax=D(0),
                                           valueAddedTax=D("36.40"), consumptionTax=D(0)),)),)),
        CEB900(result=MessageReturn(returnStatus="0002", returnInfo="bad", returnTime=t)),
    ]
    for receipt in receipts:
        assert parse(build(receipt)) == receipt


@pytest.mark.parametrize("kind", SUPPORTED)
def test_official_samples_parse_and_round_trip(kind):
    original = (SAMPLES / f"{kind}.xml").read_bytes()
    message = parse(original)
    rebuilt = build(message)  # validates; the samples' own signatures are carried verbatim
    assert parse(rebuilt) == message


def test_sample_values_are_typed():
    order = parse((SAMPLES / "CEB311.xml").read_bytes()).orders[0]
    assert isinstance(order.head.acturalPaid, D) and isinstance(order.items[0].gnum, int)
    assert order.head.note is None or order.head.note != ""  # empty optional elements read as None


@pytest.mark.parametrize("kind", ["CEB513", "CEB711"])
def test_unmodelled_samples_are_refused_clearly(kind):
    with pytest.raises(UnsupportedMessage, match=f"{kind}Message"):
        parse((SAMPLES / f"{kind}.xml").read_bytes())


def test_validate_reports_line_and_path(docs):
    bad = build(docs.ceb311()).replace(b"<ceb:currency>142</ceb:currency>", b"<ceb:currency>RMB1</ceb:currency>", 1)
    with pytest.raises(SchemaError) as info:
        validate(bad)
    assert any("ceb:OrderHead/ceb:currency" in e and e.startswith("line ") for e in info.value.errors)


def test_build_rejects_invalid_values(docs):
    too_long = replace(docs.order, head=replace(docs.order.head, orderNo="X" * 61))
    with pytest.raises(SchemaError, match="orderNo"):
        build(replace(docs.ceb311(), orders=(too_long,)))
    too_precise = replace(docs.order, head=replace(docs.order.head, freight=D("0.000001")))
    with pytest.raises(SchemaError):
        build(replace(docs.ceb311(), orders=(too_precise,)))


def test_missing_element_and_malformed_xml_are_schema_errors(docs):
    missing = serialize(docs.ceb311()).replace(b"<ceb:buyerRegNo>u-1001</ceb:buyerRegNo>", b"")
    with pytest.raises(SchemaError, match="buyerName|buyerRegNo") as info:
        validate(missing)
    assert info.value.errors
    with pytest.raises(SchemaError, match="well-formed"):
        parse(b"<ceb:CEB311Message")


def test_error_code_reads_the_code_from_return_info():
    assert error_code("-621005:清单[x]的购买金额超过单笔限额[5000]") == "-621005"
    assert error_code("新增申报成功") is None


def test_times_default_to_china_now():
    from haitao.customs import OrderReturn as R
    stamp = R(guid=new_guid(), ebpCode="e", ebcCode="e", orderNo="o", returnStatus="120", returnInfo="i").returnTime
    now = datetime.now(CHINA_TZ)
    assert stamp[:8] == now.strftime("%Y%m%d") or abs(int(stamp[8:10]) - now.hour) <= 1
