"""Factories for the customs tests: one consistent order/payment/waybill/list (worked example 1:
2 × 200.00, VAT 13%, acturalPaid 436.40)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D
from pathlib import Path

from haitao.customs import (
    CEB311, CEB411, CEB511, CEB621, BaseTransfer, Inventory, InventoryHead, InventoryItem, Logistics,
    LogisticsHead, Order, OrderHead, OrderItem, Payment, PaymentHead, app_time, decl_date,
)
from haitao.customs.formats import CHINA_TZ

SAMPLES = Path("/work/shared/spec/samples")
BUYER_ID = "11010519491231002X"  # valid GB 11643 checksum (never the sample IDs)
OTHER_BUYER_ID = "110101199003077774"
WHEN = datetime(2025, 11, 11, 0, 5, 0, tzinfo=CHINA_TZ)


def make_order(order_no: str = "HT20251111000001", *, qty: D = D(2), price: D = D("200.00"),
               buyer_id: str = BUYER_ID, tax: D = D("36.40")) -> Order:
    total = qty * price
    return Order(
        head=OrderHead(
            appTime=app_time(WHEN), orderNo=order_no, ebpCode="3301960ABC", ebpName="海淘测试平台",
            ebcCode="3301960ABC", ebcName="海淘测试平台", goodsValue=total, taxTotal=tax,
            acturalPaid=total + tax, buyerRegNo="u-1001", buyerName="张三", buyerTelephone="13800000000",
            buyerIdNumber=buyer_id, payCode="31222699S7", payName="测试支付", payTransactionId=f"PAY{order_no}",
            consignee="张三", consigneeTelephone="13800000000", consigneeAddress="浙江省杭州市西湖区文三路1号",
        ),
        items=(OrderItem(gnum=1, itemNo="SKU-1", itemName="婴儿奶粉", gmodel="800g/罐", unit="122", qty=qty,
                         price=price, totalPrice=total, country="502"),),
    )


def make_payment(order: Order) -> PaymentHead:
    h = order.head
    return PaymentHead(appTime=app_time(WHEN), payCode=h.payCode, payName=h.payName, payTransactionId=h.payTransactionId,
                       orderNo=h.orderNo, ebpCode=h.ebpCode, ebpName=h.ebpName, payerIdNumber=h.buyerIdNumber,
                       payerName=h.buyerName, amountPaid=h.acturalPaid, payTime=app_time(WHEN))


def make_waybill(order: Order) -> LogisticsHead:
    h = order.head
    return LogisticsHead(appTime=app_time(WHEN), logisticsCode="3301980XYZ", logisticsName="测试物流",
                         logisticsNo=f"LN{h.orderNo}", orderNo=h.orderNo, weight=D("1.8"), consignee=h.consignee,
                         consigneeAddress=h.consigneeAddress, consigneeTelephone=h.consigneeTelephone)


def make_inventory(order: Order, waybill: LogisticsHead) -> Inventory:
    h = order.head
    return Inventory(
        head=InventoryHead(
            appTime=app_time(WHEN), orderNo=h.orderNo, ebpCode=h.ebpCode, ebpName=h.ebpName, ebcCode=h.ebcCode,
            ebcName=h.ebcName, logisticsNo=waybill.logisticsNo, logisticsCode=waybill.logisticsCode,
            logisticsName=waybill.logisticsName, copNo=h.orderNo, assureCode="3301960ABC", emsNo="T2924W000001",
            declTime=decl_date(WHEN), customsCode="2924", portCode="2924", buyerIdNumber=h.buyerIdNumber,
            buyerName=h.buyerName, buyerTelephone=h.buyerTelephone, consigneeAddress=h.consigneeAddress,
            agentCode="3301960ABC", agentName="海淘测试平台", areaCode="3301960ABC", areaName="测试仓储",
            tradeMode="1210", trafMode="Y", country="142", grossWeight=D("1.8"), netWeight=D("1.6"),
        ),
        items=tuple(
            InventoryItem(gnum=i.gnum, itemRecordNo="R0001", itemNo=i.itemNo, itemName=i.itemName, gcode="1901101000",
                          gname=i.itemName, gmodel=i.gmodel, country=i.country, qty=i.qty, unit=i.unit, qty1=D("1.6"),
                          unit1="035", price=i.price, totalPrice=i.totalPrice)
            for i in order.items
        ),
    )


class Documents:
    """The four documents of one order, and their messages."""

    def __init__(self, transfer: BaseTransfer, order: Order) -> None:
        self.transfer, self.order = transfer, order
        self.payment = make_payment(order)
        self.waybill = make_waybill(order)
        self.inventory = make_inventory(order, self.waybill)

    def ceb311(self) -> CEB311:
        return CEB311(orders=(self.order,), base_transfer=self.transfer)

    def ceb411(self) -> CEB411:
        return CEB411(payments=(Payment(head=self.payment),), base_transfer=self.transfer)

    def ceb511(self) -> CEB511:
        return CEB511(waybills=(Logistics(head=self.waybill),), base_transfer=self.transfer)

    def ceb621(self) -> CEB621:
        return CEB621(inventories=(self.inventory,), base_transfer=self.transfer)
