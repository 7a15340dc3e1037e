"""Every write of the returns app: the way back under CBEC (Part A rule 12).

Cancellation after payment, before release: with no inventory list at customs the order cancels at
once; once the list (CEB621) is declared a CEB623 goes out through the declarations outbox and its
receipt (CEB624) decides. Stock, quota and money go back through their owners' services (inventory,
compliance.quota, payments.refund — idempotent on the key). After release the way back is a return:
cancelling then is refused with ``order_released_use_return``.

The race of a cancellation against the release receipt is decided by the order row: both lock it,
and whichever commits first wins. A release first → the cancellation is refused (a return). A
cancellation first → the CEB623 is queued; when the 800 arrives anyway, customs released the goods
before it saw the request, so the release stands (``release`` from ``cancel_requested``) and the
CEB624 refusal (-623005) that follows tells the buyer to return instead. Nothing is refunded twice.

Returns after release, per line and quantity: requested by the buyer within 30 days of release,
approved by an operator (the CEB625 goes out), goods received within 45 days and inspected (sellable
→ the owner's bonded stock; damaged → quarantine). When customs has concluded the CEB625 (CEB626
399) the returned lines' dutiable value goes back to the annual quota and their tax is not levied;
when the goods are back too, the money is refunded and the return completes.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from haitao.common.errors import Conflict, InvalidInput, NotFound
from haitao.compliance import quota as quota_ledger
from haitao.declarations import services as declarations
from haitao.declarations.explanations import explain_request
from haitao.declarations.models import Declaration
from haitao.inventory import services as inventory
from haitao.inventory.models import Allocation
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import Status
from haitao.payments import services as payments
from haitao.rules import returns as rules
from haitao.rules.apportion import apportion

from .models import ReturnLine, ReturnRequest

ACTOR = "system:customs"
R = ReturnRequest


def _error(code: str, zh: str, en: str, cls=Conflict, field: str | None = "order", **details):
    """A refusal the buyer reads in either language: ``message`` (en) and ``message_zh``."""
    return cls(code, en, field=field, message_zh=zh, **details)


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


# --- cancellation -----------------------------------------------------------------------------


def cancel_order(order: Order, actor: str, reason: str = "", now=None) -> str:
    """Cancel for the buyer or customer service. Returns ``cancelled`` or ``cancel_requested`` (a
    CEB623 is with customs and its receipt decides)."""
    now = now or timezone.now()
    reason = (reason or "").strip()[:300]
    with transaction.atomic():
        order = _locked(order)
        if order.status == Status.PENDING_PAYMENT:
            orders.cancel(order, actor, reason)
            return "cancelled"
        if order.status in Status.RELEASED_ONWARD:
            raise _error("order_released_use_return", "海关已放行本单，不能再取消；如需退回商品，请在放行后30天内申请退货。",
                         "Customs has released this order, so it can no longer be cancelled; to send the goods "
                         "back, request a return within 30 days of release.")
        if order.status == Status.CANCEL_REQUESTED:
            raise _error("cancel_pending", "撤单申请已提交海关，请等待海关回执。",
                         "The cancellation is with customs; its answer decides.")
        if order.status not in (Status.PAID, Status.DECLARED, Status.CUSTOMS_ACCEPTED):
            raise _error("order_not_cancellable", "本单当前状态不能取消。",
                         f"An order that is {order.get_status_display().lower()} cannot be cancelled.")
        listed = declarations.declared_list(order)
        if listed is None:  # customs holds no list of it: nothing to withdraw
            orders.transition(order, "cancel", actor, reason or "cancelled before the inventory list")
            _give_back(order, now)
            return "cancelled"
        if not listed.invt_no:
            raise _error("cancel_wait_for_customs", "清单正在向海关申报，请稍后再取消。",
                         "The inventory list is on its way to customs; try cancelling again in a minute.")
        orders.transition(order, "request_cancel", actor, reason or "CEB623 sent")
        declarations.declare_cancel(order, reason or "买家取消订单", now)
        return "cancel_requested"


def _give_back(order: Order, now) -> None:
    """Stock to sellable, quota released, the money refunded in full, the waybill cancelled."""
    orders.release_holds(order)
    payments.refund(order, order.actual_paid, "order cancelled", key=f"cancel:{order.number}", now=now)
    declarations.cancel_shipment(order, "订单已取消，运单已取消", "Order cancelled: waybill cancelled", now)


# --- customs answers (CEB624 / CEB626), inside the receipt's transaction -----------------------


def on_request_answered(event) -> None:
    order = Order.objects.select_for_update().get(pk=event.order_id)
    now = timezone.now()
    if event.message_type == Declaration.Type.CANCEL:
        if order.status != Status.CANCEL_REQUESTED:
            return  # released meanwhile: the release stood (see the module docstring)
        if event.accepted:
            orders.transition(order, "cancel_confirmed", ACTOR, "CEB624 399 撤单审核通过")
            _give_back(order, now)
        else:
            orders.transition(order, "cancel_refused", ACTOR, f"CEB624 {event.code}")
        return
    request = R.objects.select_for_update().filter(order=order, status=R.Status.DECLARED).first()
    if request is None:
        return
    if not event.accepted:
        zh, en = explain_request(event.code)
        _close(request, R.Status.CUSTOMS_REFUSED, event.code, zh, en, now)
        return
    lines = list(request.lines.all())
    entry = getattr(order, "quota_entry", None)
    wanted = sum((line.dutiable_value for line in lines), Decimal("0.00"))
    request.quota_released = quota_ledger.release_part(entry, wanted) if entry else Decimal("0.00")
    request.tax_not_levied = sum((line.tax for line in lines), Decimal("0.00"))
    request.customs_accepted_at = now
    request.save(update_fields=["quota_released", "tax_not_levied", "customs_accepted_at"])
    if request.received_at:
        _complete(request, order, now)


def _close(request: ReturnRequest, status: str, code: str, zh: str, en: str, now) -> None:
    request.status, request.error_code, request.message, request.message_en = status, code[:40], zh[:300], en[:300]
    request.decided_at = request.decided_at or now
    request.save(update_fields=["status", "error_code", "message", "message_en", "decided_at"])
    orders.transition(request.order, "close_return", ACTOR, f"return {request.number}: {status} {code}")


def _complete(request: ReturnRequest, order: Order, now) -> None:
    payments.refund(order, request.refund_amount, f"return {request.number}", key=f"return:{request.number}", now=now)
    request.status, request.completed_at = R.Status.COMPLETED, now
    request.save(update_fields=["status", "completed_at"])
    orders.transition(order, "complete_return", ACTOR, f"return {request.number}: refunded ¥{request.refund_amount}")


# --- returns ----------------------------------------------------------------------------------


def _quantities(order: Order, quantities) -> dict[int, int]:
    if not isinstance(quantities, dict) or not quantities:
        raise _error("empty_return", "请选择要退回的商品和数量。", "Choose at least one item and quantity to return.",
                     InvalidInput, "lines")
    lines = {line.gnum: line for line in order.lines.all()}
    clean: dict[int, int] = {}
    for gnum, qty in quantities.items():
        line = lines.get(int(gnum)) if str(gnum).isdigit() else None
        if line is None:
            raise _error("unknown_line", f"本单没有第{gnum}行商品。", f"This order has no line {gnum}.",
                         InvalidInput, "lines")
        if not isinstance(qty, int) or isinstance(qty, bool) or qty < 0 or qty > line.quantity:
            raise _error("return_quantity_invalid", f"第{gnum}行最多可退{line.quantity}件。",
                         f"Line {gnum} can return between 1 and {line.quantity} units.", InvalidInput, "lines")
        if qty:
            clean[line.gnum] = qty
    if not clean:
        raise _error("empty_return", "请选择要退回的商品和数量。", "Choose at least one item and quantity to return.",
                     InvalidInput, "lines")
    return clean


def request_return(customer, order: Order, quantities: dict, reason: str, now=None) -> ReturnRequest:
    """The buyer asks to return ``quantities`` ({gnum: units}) of a delivered order."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason or len(reason) > 300:
        raise _error("missing_field", "请填写退货原因（300字以内）。", "Give a reason for the return (at most 300 characters).",
                     InvalidInput, "reason")
    with transaction.atomic():
        order = _locked(order)
        if order.customer_id != customer.id:
            raise NotFound("order_not_found", "No such order in your account.", field="order")
        if R.objects.filter(order=order).exists():
            raise _error("return_exists", "本单已申请过退货（海关对每张清单只受理一次退货申请）。",
                         "This order already has a return (customs takes one return request per order).")
        released = declarations.released_at(order) if order.status in Status.RELEASED_ONWARD else None
        try:
            rules.check_request_window(released, now)
        except rules.WindowClosed as exc:
            raise _error(exc.code, exc.message_zh, exc.message_en, deadline=exc.deadline.isoformat()) from None
        if order.status != Status.DELIVERED:
            raise _error("return_not_delivered", "包裹签收后才能申请退货。", "A return can be requested once the parcel is delivered.")
        wanted = _quantities(order, quantities)
        request = R.objects.create(number=f"RT{order.number.removeprefix('HT')}", order=order, reason=reason,
                                   released_at=released, requested_at=now)
        ReturnLine.objects.bulk_create(_lines(order, request, wanted))
        request.refund_amount = sum((line.refund_amount for line in request.lines.all()), Decimal("0.00"))
        request.save(update_fields=["refund_amount"])
        orders.transition(order, "request_return", "customer", reason)
        return request


def _lines(order: Order, request: ReturnRequest, wanted: dict[int, int]) -> list[ReturnLine]:
    """Each returned line's share of its dutiable value (quota back), tax (not levied) and what the
    buyer paid for it (dutiable value + tax − its share of non-cash deductions)."""
    lines = list(order.lines.all())
    discounts = dict(zip((line.gnum for line in lines), apportion(order.discount, [line.goods_value for line in lines])))
    out = []
    for line in lines:
        qty = wanted.get(line.gnum)
        if not qty:
            continue
        share = lambda amount: rules.returned_share(amount, qty, line.quantity)  # noqa: E731
        dutiable, tax = share(line.dutiable_value), share(line.tax_total)
        out.append(ReturnLine(request=request, order_line=line, quantity=qty, dutiable_value=dutiable, tax=tax,
                              refund_amount=dutiable + tax - (share(discounts[line.gnum]) if discounts[line.gnum] else 0)))
    return out


def _open(request: ReturnRequest, status: str) -> ReturnRequest:
    request = R.objects.select_for_update().select_related("order").get(pk=request.pk)
    _locked(request.order)
    if request.status != status:
        raise _error("return_not_open", "该退货申请当前不能执行此操作。",
                     f"Return {request.number} is {request.get_status_display().lower()}.", field="return")
    return request


def approve(request: ReturnRequest, actor: str, now=None) -> ReturnRequest:
    """An operator approves: the CEB625 goes out (still within 30 days of release, or the return lapses)."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _open(request, R.Status.REQUESTED)
        try:
            rules.check_request_window(request.released_at, now)
        except rules.WindowClosed as exc:
            _close(request, R.Status.REFUSED, exc.code, exc.message_zh, exc.message_en, now)
            return request
        quantities = {line.order_line.gnum: line.quantity for line in request.lines.select_related("order_line")}
        declarations.declare_return(request.order, quantities, request.reason, now)
        request.status, request.decided_at = R.Status.DECLARED, now
        request.save(update_fields=["status", "decided_at"])
        return request


def refuse(request: ReturnRequest, actor: str, note: str = "", now=None) -> ReturnRequest:
    now = now or timezone.now()
    with transaction.atomic():
        request = _open(request, R.Status.REQUESTED)
        _close(request, R.Status.REFUSED, "refused_by_operator", f"退货申请未获批准：{note}"[:300],
               f"The return was not approved: {note}"[:300], now)
        return request


def receive(request: ReturnRequest, actor: str, conditions: dict[int, str], now=None) -> ReturnRequest:
    """The goods are back and inspected: ``conditions`` maps each returned gnum to sellable/damaged."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _open(request, R.Status.DECLARED)
        if request.received_at:
            raise _error("return_already_received", "退货商品已入库。", "The goods of this return were received already.",
                         field="return")
        try:
            rules.check_goods_back(request.released_at, now)
        except rules.WindowClosed as exc:
            raise _error(exc.code, exc.message_zh, exc.message_en, field="return") from None
        lines = list(request.lines.select_related("order_line"))
        for line in lines:
            condition = conditions.get(line.order_line.gnum)
            if condition not in (ReturnLine.Condition.SELLABLE, ReturnLine.Condition.DAMAGED):
                raise _error("inspection_missing", f"请为第{line.order_line.gnum}行选择检验结果（可售/破损）。",
                             f"Inspect line {line.order_line.gnum}: sellable or damaged.", InvalidInput, "conditions")
            inventory.take_back(list(Allocation.objects.filter(order_line=line.order_line)), line.quantity,
                                sellable=condition == ReturnLine.Condition.SELLABLE)
            line.condition = condition
            line.save(update_fields=["condition"])
        request.received_at = now
        request.save(update_fields=["received_at"])
        if request.customs_accepted_at:
            _complete(request, request.order, now)
        return request


# --- what the buyer sees ----------------------------------------------------------------------


def can_cancel(order: Order) -> bool:
    return order.status in (Status.PENDING_PAYMENT, Status.PAID, Status.DECLARED, Status.CUSTOMS_ACCEPTED)


def buyer_view(order: Order, now=None) -> dict:
    """The order's return (if any) and whether one may be requested now, for storefront and API."""
    now = now or timezone.now()
    request = R.objects.filter(order=order).prefetch_related("lines__order_line").first()
    released = declarations.released_at(order) if order.status in Status.RELEASED_ONWARD else None
    returnable = (request is None and order.status == Status.DELIVERED and released is not None
                  and now <= rules.request_deadline(released))
    view = {"can_cancel": can_cancel(order), "can_return": returnable,
            "return_deadline": rules.request_deadline(released) if released else None, "return": None}
    if request is not None:
        view["return"] = {
            "number": request.number, "status": request.status, "status_display": request.get_status_display(),
            "reason": request.reason, "requested_at": request.requested_at, "refund_amount": request.refund_amount,
            "quota_released": request.quota_released, "tax_not_levied": request.tax_not_levied,
            "goods_deadline": rules.goods_back_deadline(request.released_at), "message": request.message,
            "message_en": request.message_en,
            "lines": [{"gnum": x.order_line.gnum, "title": x.order_line.title, "quantity": x.quantity,
                       "refund_amount": x.refund_amount, "condition": x.condition} for x in request.lines.all()],
        }
    return view
