"""docs/rules.md rule 11: each kind of three/four-document mismatch is caught."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from haitao.customs import check_three_documents
from haitao.customs import identities as k

from .factories import OTHER_BUYER_ID


def kinds(docs, order=None, payment=None, waybill=None, inventory=None):
    found = check_three_documents(order or docs.order, payment or docs.payment, waybill or docs.waybill,
                                  inventory or docs.inventory)
    return {m.kind for m in found}, found


def test_consistent_documents_match(docs):
    assert check_three_documents(docs.order, docs.payment, docs.waybill, docs.inventory) == []
    assert check_three_documents(docs.ceb311(), docs.ceb411(), docs.ceb511(), docs.ceb621()) == []
    assert check_three_documents(docs.order, docs.payment, docs.waybill) == []


def _head(docs, **changes):
    return replace(docs.order, head=replace(docs.order.head, **changes))


def test_actural_paid_arithmetic(docs):
    found_kinds, found = kinds(docs, order=_head(docs, acturalPaid=D("400.00")))
    assert k.ARITHMETIC in found_kinds and k.AMOUNT_PAID in found_kinds
    assert next(m for m in found if m.kind == k.ARITHMETIC).expected == D("436.40")


def test_discount_counts_in_the_arithmetic(docs):
    order = _head(docs, discount=D("10.00"), acturalPaid=D("426.40"))
    found_kinds, _ = kinds(docs, order=order, payment=replace(docs.payment, amountPaid=D("426.40")))
    assert found_kinds == set()


def test_amount_paid_differs(docs):
    assert kinds(docs, payment=replace(docs.payment, amountPaid=D("436.39")))[0] == {k.AMOUNT_PAID}


@pytest.mark.parametrize("field", ["consignee", "consigneeTelephone", "consigneeAddress"])
def test_consignee_fields_differ(docs, field):
    assert kinds(docs, waybill=replace(docs.waybill, **{field: "其他"}))[0] == {k.CONSIGNEE}


def test_payer_must_be_the_orderer(docs):
    assert kinds(docs, payment=replace(docs.payment, payerIdNumber=OTHER_BUYER_ID))[0] == {k.PAYER}


def test_currency_must_be_142(docs):
    assert kinds(docs, payment=replace(docs.payment, currency="840"))[0] == {k.CURRENCY}


def test_order_no_links_all(docs):
    assert kinds(docs, waybill=replace(docs.waybill, orderNo="OTHER"))[0] == {k.ORDER_NO}
    inventory = replace(docs.inventory, head=replace(docs.inventory.head, orderNo="OTHER"))
    assert kinds(docs, inventory=inventory)[0] == {k.ORDER_NO}


def test_logistics_no_and_code_link_waybill_and_list(docs):
    assert kinds(docs, waybill=replace(docs.waybill, logisticsNo="LN-OTHER"))[0] == {k.LOGISTICS_LINK}


def test_gnum_one_to_one_and_same_gname(docs):
    line = docs.inventory.items[0]
    renumbered = replace(docs.inventory, items=(replace(line, gnum=2),))
    assert kinds(docs, inventory=renumbered)[0] == {k.GNUM}
    doubled = replace(docs.inventory, items=(line, line))
    assert k.GNUM in kinds(docs, inventory=doubled)[0]
    renamed = replace(docs.inventory, items=(replace(line, gname="别的商品"),))
    assert kinds(docs, inventory=renamed)[0] == {k.GNAME}


def test_line_totals(docs):
    item = replace(docs.order.items[0], totalPrice=D("399.00"))
    assert k.LINE_TOTAL in kinds(docs, order=replace(docs.order, items=(item,)))[0]


def test_list_buyer_is_the_orderer(docs):
    inventory = replace(docs.inventory, head=replace(docs.inventory.head, buyerName="李四"))
    assert kinds(docs, inventory=inventory)[0] == {k.BUYER}
