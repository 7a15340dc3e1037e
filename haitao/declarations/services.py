"""Every write of the declarations app: declaring a paid order, the outbox bookkeeping, receipts
turned into order states (release, or rejection — published as CustomsRejected, on which payments
refunds and orders gives back quota and stock), and the built-in carrier's shipments.

Flow (docs/architecture.md, "The main flow"): paid (the OrderPaid event) → :func:`queue_declaration`
writes a "declare" task in the payment's transaction; the worker (:mod:`.batch`, a batch of tasks per
transaction) builds CEB311 (+CEB411 for payments haitao declares, +CEB511 from the built-in carrier),
writes them and their outbox rows (:func:`write_plans`) and moves the orders to ``declared``. The inventory list CEB621 is built and signed only once customs
has accepted the three (as real clients do), so it never races its own documents. CEB622 120 →
``customs_accepted``; 800 → ``released``; the carrier then ships and delivers. Any refusal →
``customs_rejected`` → payment refunded → ``refunded``, stock and quota released.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from haitao.common import domain_events as ev
from haitao.common import events
from haitao.compliance import quota as quota_ledger
from haitao.customs import CustomsError, build, parse
from haitao.customs.formats import parse_app_time
from haitao.inventory import services as inventory
from haitao.orders import services as orders
from haitao.orders.models import Order
from haitao.orders.states import IllegalTransition, Status

from . import config, mapping
from .countries import UnknownCountry
from .explanations import explain, explain_request
from .models import Declaration, DeclareTask, OutboxMessage, Receipt, Shipment, TaxBillCheck, TrackingEvent

logger = logging.getLogger(__name__)
D = Declaration
BUILD_ERRORS = (mapping.MappingError, UnknownCountry, CustomsError)
MAX_ATTEMPTS = 10
THREE = (D.Type.ORDER, D.Type.PAYMENT, D.Type.WAYBILL)
REQUESTS = (D.Type.CANCEL, D.Type.RETURN)  # answered by CEB624 / CEB626
ACTOR = "system:customs"


# --- declaring --------------------------------------------------------------------------------


def on_order_paid(order: Order, now=None) -> list[Declaration]:
    """Declare a just-paid order. Runs inside the payment's transaction; never raises for bad data
    (the payment must stand): an order that cannot be declared stays ``paid`` with a
    ``build_failed`` declaration the operator sees and retries."""
    if order.status != Status.PAID:
        return []
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return _declare(order, now)
    except BUILD_ERRORS as exc:
        logger.warning("order %s cannot be declared: %s", order.number, exc)
        return [build_failed(order, D.Type.ORDER, D.Sender.PLATFORM, config.platform(), exc)]


@dataclass
class Plan:
    """What declaring one order writes, built and validated but not saved yet."""

    order: Order
    shipment: Shipment
    decls: list[Declaration]
    note: str


def plan(order: Order, now) -> Plan:
    """Build, validate (and map) the order's CEB311/411/511, its shipment: no write; BUILD_ERRORS on bad data."""
    docs = mapping.documents(order, now)  # all four, identities checked, before anything is queued
    platform, carrier, box = config.platform(), config.carrier(), docs.parcel
    shipment = Shipment(order=order, logistics_code=carrier.code, logistics_name=carrier.name,
                        waybill_no=box.number, weight_kg=box.gross_kg)
    decls = [_prepared(order, D.Type.ORDER, D.Sender.PLATFORM, platform, docs.ceb311)]
    if docs.ceb411 is not None:
        decls.append(_prepared(order, D.Type.PAYMENT, D.Sender.PAYMENT, docs.pay_sender, docs.ceb411))
    else:  # the payment company sends its own record; customs answers it, not us
        decls.append(D(order=order, message_type=D.Type.PAYMENT, sender_role=D.Sender.PAYMENT,
                       sender_code=docs.pay_code, sender_name=docs.pay_name, guid=_guid(), message_guid=_guid(),
                       status=D.Status.EXTERNAL))
    decls.append(_prepared(order, D.Type.WAYBILL, D.Sender.CARRIER, carrier, docs.ceb511))
    return Plan(order, shipment, decls, f"CEB311/411/511 queued; waybill {box.number}")


def write_plans(plans: list[Plan], now) -> None:
    """Save the plans of any number of paid orders set-based: shipments, their first tracking events,
    declarations, outbox rows, the orders' move to ``declared`` with their audit events (six statements)."""
    if not plans:
        return
    Shipment.objects.bulk_create([p.shipment for p in plans])
    TrackingEvent.objects.bulk_create([
        TrackingEvent(shipment=p.shipment, code="created", description="已揽件，等待海关放行",
                      description_en="Waybill created, awaiting customs clearance", occurred_at=now) for p in plans])
    _save_queued([d for p in plans for d in p.decls], now)
    orders.transition_many([p.order for p in plans], "declare", ACTOR, [p.note for p in plans])
    # After the commit a broker, if configured, delivers at once (haitao.tasks); the tick otherwise.
    for p in plans:
        events.publish(ev.OrderDeclared(order_id=p.order.pk, number=p.order.number))


def _declare(order: Order, now) -> list[Declaration]:
    one = plan(order, now)
    write_plans([one], now)
    return one.decls


def _guid() -> str:
    from haitao.customs import new_guid

    return new_guid()


def _head_guid(message) -> str:
    records = next(getattr(message, name) for name in ("orders", "payments", "waybills", "inventories", "cancels",
                                                        "refunds") if hasattr(message, name))
    return getattr(records[0], "head", records[0]).guid


def _prepared(order, message_type, role, party, message, signer=None) -> Declaration:
    """An unsaved declaration holding the built (validated, maybe signed) XML of ``message``."""
    return D(order=order, message_type=message_type, sender_role=role, sender_code=party.code,
             sender_name=party.name, guid=_head_guid(message), message_guid=message.guid,
             xml=build(message, signer).decode("utf-8"), status=D.Status.QUEUED)


def _save_queued(decls: list[Declaration], now) -> None:
    """Insert the declarations and an outbox row for each one that haitao sends (two statements)."""
    D.objects.bulk_create(decls)
    OutboxMessage.objects.bulk_create([
        OutboxMessage(declaration=d, filename=f"{d.message_type}_{d.order.number}_{d.message_guid}.xml",
                      next_attempt_at=now) for d in decls if d.status == D.Status.QUEUED])


def build_failed(order, message_type, role, party, exc) -> Declaration:
    decl, _ = D.objects.update_or_create(
        order=order, message_type=message_type,
        defaults=dict(sender_role=role, sender_code=party.code, sender_name=party.name, guid=_guid(),
                      message_guid=_guid(), xml="", status=D.Status.BUILD_FAILED, last_error=str(exc)[:2000]))
    return decl


def queue_inventory(order: Order, now=None) -> Declaration | None:
    """Build, sign and queue CEB621 once CEB311/411/511 are all accepted (or sent by others)."""
    now = now or timezone.now()
    if order.status not in (Status.DECLARED, Status.CUSTOMS_ACCEPTED):
        return None
    three = {d.message_type: d.status for d in order.declarations.all()}
    if D.Type.INVENTORY in three:
        return None
    if any(three.get(t) not in (D.Status.ACCEPTED, D.Status.EXTERNAL) for t in THREE):
        return None
    platform = config.platform()
    try:
        with transaction.atomic():
            ceb621 = mapping.documents(order, now, _parcel_of(order)).ceb621
            decl = _prepared(order, D.Type.INVENTORY, D.Sender.PLATFORM, platform, ceb621, config.signer())
            _count_in_declaration_year(order, now)
            _save_queued([decl], now)
            return decl
    except quota_ledger.QuotaExhausted as exc:  # the new year's quota cannot take it: customs would refuse
        logger.warning("order %s: no quota left in its declaration year: %s", order.number, exc.message)
        return build_failed(order, D.Type.INVENTORY, D.Sender.PLATFORM, platform, exc.message)
    except BUILD_ERRORS as exc:
        logger.warning("order %s: CEB621 cannot be built: %s", order.number, exc)
        return build_failed(order, D.Type.INVENTORY, D.Sender.PLATFORM, platform, exc)


def _count_in_declaration_year(order: Order, now) -> None:
    """Rule 6: customs counts the quota in the year the list is declared (China time); an order
    placed in an earlier year moves there and is checked against that year's limit again."""
    from haitao.checkout.quote import limit_schedule
    from haitao.rules.quota import quota_year

    entry = getattr(order, "quota_entry", None)
    if entry is not None and entry.year != quota_year(now):
        annual = limit_schedule().on(timezone.localdate(now)).annual
        quota_ledger.move_year(entry, quota_year(now), annual)


def _parcel_of(order: Order) -> mapping.Parcel | None:
    """The parcel as the waybill declared it (the list must repeat the waybill's number)."""
    shipment = Shipment.objects.filter(order=order).first()
    if shipment is None:
        return None
    net = mapping.parcel(order, config.carrier()).net_kg
    return mapping.Parcel(shipment.waybill_no, shipment.weight_kg, net)


def queue_declaration(order_id: int, now=None) -> None:
    """The payment's side of the outbox: one row saying "declare this order", in the payment's
    transaction (one INSERT). The documents are built by :func:`declare_queued`, outside it."""
    now = now or timezone.now()
    DeclareTask.objects.create(order_id=order_id, created_at=now, next_attempt_at=now)


def declare_queued(limit: int = 100, now=None) -> int:
    """Build the customs documents of up to ``limit`` queued paid orders (:mod:`.batch`)."""
    from .batch import declare_queued as declare_batches

    return declare_batches(limit, now)


def tasks_done(task_ids: list[int]) -> None:
    DeclareTask.objects.filter(pk__in=task_ids).update(status=DeclareTask.Status.DONE, done_at=timezone.now(),
                                                       last_error="")


def task_failed(task_id: int, exc: Exception, now) -> None:
    """The task stays pending and is retried after a backoff that grows with its attempts."""
    attempts = 1 + (DeclareTask.objects.filter(pk=task_id).values_list("attempts", flat=True).first() or 0)
    DeclareTask.objects.filter(pk=task_id, status=DeclareTask.Status.PENDING).update(
        attempts=attempts, last_error=f"{type(exc).__name__}: {exc}"[:2000], next_attempt_at=now + backoff(attempts))


DECLARE_BATCH = 100  # paid orders declared per worker pass (one transaction each batch, see batch.py)


def declare_pending(limit: int = DECLARE_BATCH) -> int:
    """Declare the paid orders not declared yet: the queued ones (:func:`declare_queued`), then, as the
    safety net (docs/rules.md, invariant 5), any paid order with neither a declaration nor a queued task."""
    done = declare_queued(limit)
    if done >= limit:  # a backlog: the safety net's scan of paid orders waits for a pass that empties the queue
        return done
    for order in (Order.objects.filter(status=Status.PAID, declarations__isnull=True)
                  .exclude(declare_task__status=DeclareTask.Status.PENDING).order_by("paid_at")[:limit]):
        try:
            with transaction.atomic():
                locked = Order.objects.select_for_update().get(pk=order.pk)
                if locked.status == Status.PAID and not locked.declarations.exists():
                    on_order_paid(locked)
                    done += 1
        except (IntegrityError, IllegalTransition):
            continue  # another worker declared it meanwhile
    return done


def retry_declaration(decl: Declaration) -> str:
    """Operator retry: rebuild a declaration that failed to build, or re-queue a failed delivery."""
    if decl.status == D.Status.BUILD_FAILED:
        order = decl.order
        with transaction.atomic():
            decl.delete()
            if decl.message_type == D.Type.INVENTORY:
                queue_inventory(order)
            else:
                order.declarations.filter(status=D.Status.BUILD_FAILED).delete()
                on_order_paid(order)
        return "rebuilt"
    outbox = getattr(decl, "outbox", None)
    if outbox is not None and outbox.status == OutboxMessage.Status.FAILED:
        retry_outbox(outbox)
        return "requeued"
    return "nothing to retry"


# --- cancellation (CEB623) and return (CEB625) requests --------------------------------------


def declared_list(order: Order) -> Declaration | None:
    """The order's CEB621 if it is with customs, or on its way (queued, sent, accepted, released)."""
    return (order.declarations.filter(message_type=D.Type.INVENTORY)
            .exclude(status__in=(D.Status.BUILD_FAILED, D.Status.REJECTED)).first())


def released_at(order: Order):
    """When customs released the order's list: the CEB622 800's returnTime (China time), else the
    moment haitao applied it."""
    receipt = (Receipt.objects.filter(declaration__order=order, declaration__message_type=D.Type.INVENTORY,
                                      return_status="800").order_by("id").first())
    if receipt is not None and len(receipt.return_time) >= 14:
        return parse_app_time(receipt.return_time)
    event = order.events.filter(event="release").order_by("id").first()
    return event.created_at if event else None


def _declare_request(order: Order, message_type: str, build_message, now) -> Declaration:
    invt = declared_list(order)
    if invt is None or not invt.invt_no:
        raise mapping.MappingError(f"order {order.number} has no inventory list number from customs yet")
    message = build_message(parse(invt.xml.encode("utf-8"), check_schema=False), invt.invt_no, invt.pre_no)
    decl = _prepared(order, message_type, D.Sender.PLATFORM, config.platform(), message, config.signer())
    _save_queued([decl], now)  # the worker's next pass delivers it
    return decl


def declare_cancel(order: Order, reason: str, now=None) -> Declaration:
    """Queue the CEB623 of the order's declared list (the caller holds the order row)."""
    now = now or timezone.now()
    return _declare_request(order, D.Type.CANCEL, lambda declared, invt_no, pre_no: mapping.cancel_message(
        declared, invt_no, pre_no, reason, config.platform(), now), now)


def declare_return(order: Order, quantities: dict[int, int], reason: str, now=None) -> Declaration:
    """Queue the CEB625 returning ``quantities`` ({gnum: units}) of the order's released list."""
    now = now or timezone.now()
    return _declare_request(order, D.Type.RETURN, lambda declared, invt_no, pre_no: mapping.return_message(
        declared, invt_no, pre_no, quantities, reason, config.platform(), now), now)


def _request_answered(order: Order, decl: Declaration, return_status: str, code: str, info: str,
                      refused: bool) -> str:
    """CEB624/CEB626 (or a CEB900 on the request): 399 concludes it, 100/negative/format error refuse it;
    the reacting app (returns) hears it in this very transaction."""
    if refused:
        zh, en = explain_request(code)
        _raise_status(decl, D.Status.REJECTED, error_code=code[:10], buyer_message=zh[:300], buyer_message_en=en[:300])
    else:
        _raise_status(decl, D.Status.ACCEPTED)
        if return_status != "399":
            return "accepted"
    events.publish(ev.RequestAnswered(order.pk, decl.message_type, not refused, code, info))
    return "request refused" if refused else "request concluded"


# --- outbox bookkeeping -----------------------------------------------------------------------


def _raise_status(decl: Declaration, status: str, **fields) -> bool:
    """Move a declaration up its ladder only (receipts may arrive in any order)."""
    if D.RANK[status] <= D.RANK[decl.status]:
        return False
    decl.status = status
    for name, value in fields.items():
        setattr(decl, name, value)
    decl.save(update_fields=["status", "updated_at", *fields])
    return True


def mark_sent(row: OutboxMessage, now=None) -> None:
    row.status, row.sent_at, row.last_error = OutboxMessage.Status.SENT, now or timezone.now(), ""
    row.save(update_fields=["status", "sent_at", "last_error"])
    _raise_status(row.declaration, D.Status.SENT)


def mark_sent_many(rows: list[OutboxMessage], now=None) -> None:
    """:func:`mark_sent` for a batch: two UPDATEs (the rows; their declarations still queued → sent)."""
    if not rows:
        return
    now = now or timezone.now()
    OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(status=OutboxMessage.Status.SENT, sent_at=now,
                                                                     last_error="")
    below = [status for status, rank in D.RANK.items() if rank < D.RANK[D.Status.SENT]]
    D.objects.filter(pk__in=[r.declaration_id for r in rows], status__in=below).update(
        status=D.Status.SENT, updated_at=timezone.now())
    for row in rows:
        row.status, row.sent_at, row.last_error = OutboxMessage.Status.SENT, now, ""


def backoff(attempts: int) -> timedelta:
    base = float(os.environ.get("HAITAO_CUSTOMS_RETRY_SECONDS", "30"))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def mark_attempt_failed(row: OutboxMessage, error: str, now=None) -> None:
    now = now or timezone.now()
    row.attempts += 1
    row.last_error = error[:2000]
    if row.attempts >= MAX_ATTEMPTS:
        row.status = OutboxMessage.Status.FAILED
    row.next_attempt_at = now + backoff(row.attempts)
    row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def retry_outbox(row: OutboxMessage, now=None) -> None:
    if row.status == OutboxMessage.Status.SENT:
        return
    row.status, row.attempts, row.next_attempt_at = OutboxMessage.Status.PENDING, 0, now or timezone.now()
    row.save(update_fields=["status", "attempts", "next_attempt_at"])


# --- receipts ---------------------------------------------------------------------------------


def _locked_order(decl: Declaration) -> Order:
    return Order.objects.select_for_update().get(pk=decl.order_id)


def _move(order: Order, event: str, note: str = "") -> bool:
    try:
        orders.transition(order, event, ACTOR, note)
        return True
    except IllegalTransition:
        return False


def apply_return(decl: Declaration, return_status: str, return_info: str, code: str | None = None,
                 pre_no: str = "", invt_no: str = "", now=None) -> str:
    """One customs answer about one declaration → declaration and order state. Returns what it did."""
    now = now or timezone.now()
    order = _locked_order(decl)
    decl.return_status, decl.return_info = return_status, return_info[:1000]
    decl.pre_no, decl.invt_no = pre_no or decl.pre_no, invt_no or decl.invt_no
    decl.save(update_fields=["return_status", "return_info", "pre_no", "invt_no", "updated_at"])
    refused = return_status == "100" or return_status.startswith("-")
    if decl.message_type in REQUESTS:
        return _request_answered(order, decl, return_status, code or return_status, return_info, refused)
    if refused:
        return _reject(order, decl, code or return_status, now)
    if return_status == "120":
        _raise_status(decl, D.Status.ACCEPTED)
        if decl.message_type == D.Type.INVENTORY:
            if not _move(order, "customs_accept", "CEB622 120 海关入库"):
                return "accepted (late)"
            events.publish(ev.CustomsAccepted(order_id=order.pk, number=order.number))
            return "accepted"
        return "accepted, CEB621 queued" if queue_inventory(order, now) else "accepted"
    if return_status == "800" and decl.message_type == D.Type.INVENTORY:
        _raise_status(decl, D.Status.RELEASED)
        if order.status == Status.DECLARED:  # the 800 overtook its 120: release implies acceptance
            if _move(order, "customs_accept", "CEB622 120 海关入库 (implied by 800)"):
                events.publish(ev.CustomsAccepted(order_id=order.pk, number=order.number))
        if _move(order, "release", f"CEB622 800 放行 {decl.invt_no}"):
            _track(order.shipment, "released", "海关已放行", "Released by customs", now)
            events.publish(ev.CustomsReleased(order_id=order.pk, number=order.number, invt_no=decl.invt_no))
            return "released"
        return "released (late)"
    return "noted"


def apply_format_error(decl: Declaration, code: str, info: str, now=None) -> str:
    """A CEB900: the exchange refused the message itself (not well-formed, schema, signature)."""
    order = _locked_order(decl)
    decl.return_status, decl.return_info = code, info[:1000]
    decl.save(update_fields=["return_status", "return_info", "updated_at"])
    if decl.message_type in REQUESTS:
        return _request_answered(order, decl, code, code, info, refused=True)
    return _reject(order, decl, code, now or timezone.now())


def _reject(order: Order, decl: Declaration, code: str, now) -> str:
    zh, en = explain(code)
    _raise_status(decl, D.Status.REJECTED, error_code=code[:10], buyer_message=zh[:300], buyer_message_en=en[:300])
    if not _move(order, "customs_reject", f"{code} {zh}"):
        return "rejected (order already past it)"
    # In this transaction: orders gives back stock and quota, payments refunds (→ order refunded).
    events.publish(ev.CustomsRejected(order_id=order.pk, number=order.number, code=code, reason=zh))
    cancel_shipment(order, "海关未放行，运单已取消", "Customs refused: waybill cancelled", now)
    order.refresh_from_db(fields=["status"])
    if order.status != Status.REFUNDED:
        logger.warning("order %s rejected by customs (%s): not refunded (no payment left)", order.number, code)
        return "rejected"
    logger.info("order %s rejected by customs (%s): refunded, holds released", order.number, code)
    return "rejected, refunded"


def apply_tax_bill(decl: Declaration, bill: dict, now=None) -> str:
    decl.tax_bill = bill
    decl.save(update_fields=["tax_bill", "updated_at"])
    check = check_tax_bill(decl.order, bill, now)
    return "tax_bill mismatch" if check.mismatch else "tax_bill"


def check_tax_bill(order: Order, bill: dict, now=None) -> TaxBillCheck:
    """Set the CEB816 against the tax withheld, per line and in total; a gap is logged for operators
    (who see it on the dashboard, the tax-bill list and the order page)."""
    withheld_by_line = {line.gnum: line.duty + line.consumption_tax + line.vat for line in order.lines.all()}
    billed_by_line = {int(x["gnum"]): sum(Decimal(x[k]) for k in ("customsTax", "valueAddedTax", "consumptionTax"))
                      for x in bill.get("lines", [])}
    billed = sum((Decimal(bill[k]) for k in ("customsTax", "valueAddedTax", "consumptionTax")), Decimal(0))
    lines = [{"gnum": g, "withheld": str(withheld_by_line.get(g, Decimal(0))), "billed": str(billed_by_line.get(g, 0))}
             for g in sorted(set(withheld_by_line) | set(billed_by_line))]
    check, _ = TaxBillCheck.objects.update_or_create(order=order, defaults=dict(
        invt_no=bill.get("invtNo", "")[:18], tax_no=bill.get("taxNo", "")[:40], withheld=order.tax_total,
        billed=billed, difference=billed - order.tax_total, lines=lines, received_at=now or timezone.now()))
    if check.mismatch:
        logger.warning("order %s: customs billed %s tax, %s was withheld (difference %s)", order.number, billed,
                       order.tax_total, check.difference)
    return check


def receive_record(kind: str, message_guid: str, index: int, decl: Declaration | None, *, return_status: str,
                   return_info: str, return_time: str = "", code: str | None = None, filename: str = "",
                   pre_no: str = "", invt_no: str = "", tax_bill: dict | None = None, format_error: bool = False,
                   now=None) -> str:
    """Store one receipt record and apply it, once: a record already stored is a ``duplicate``."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Receipt.objects.create(message_type=kind[:6], message_guid=message_guid, record_index=index,
                                       declaration=decl, return_status=return_status[:8],
                                       return_info=return_info[:1000], return_time=return_time[:17],
                                       error_code=(code or (return_status if format_error else ""))[:10],
                                       filename=filename[:160])
        except IntegrityError:
            return "duplicate"
        if decl is None:
            logger.warning("customs receipt %s #%s matches no declaration", message_guid, index)
            return "unmatched"
        if tax_bill is not None:
            return apply_tax_bill(decl, tax_bill, now)
        if format_error:
            return apply_format_error(decl, return_status, return_info, now)
        return apply_return(decl, return_status, return_info, code, pre_no, invt_no, now)


def cancel_shipment(order: Order, zh: str, en: str, now=None) -> None:
    """The parcel will not go: its waybill is cancelled (if it was not shipped yet)."""
    shipment = Shipment.objects.filter(order=order, status=Shipment.Status.CREATED).first()
    if shipment is not None:
        shipment.status = Shipment.Status.CANCELLED
        shipment.save(update_fields=["status"])
        _track(shipment, "cancelled", zh, en, now or timezone.now())


# --- the built-in carrier ---------------------------------------------------------------------


def _track(shipment: Shipment, code: str, zh: str, en: str, when, location: str = "") -> None:
    TrackingEvent.objects.get_or_create(shipment=shipment, code=code, defaults=dict(
        description=zh, description_en=en, location=location, occurred_at=when))


def advance_shipments(now=None) -> dict[str, int]:
    """Deliver parcels shipped before this pass (after the carrier's delay), then ship released ones."""
    now = now or timezone.now()
    delay = timedelta(seconds=float(os.environ.get("HAITAO_CARRIER_DELIVERY_SECONDS", "0")))
    delivered = shipped = 0
    for shipment in Shipment.objects.filter(status=Shipment.Status.SHIPPED, shipped_at__lte=now - delay,
                                            shipped_at__lt=now).select_related("order"):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=shipment.order_id)
            if Shipment.objects.filter(pk=shipment.pk, status=Shipment.Status.SHIPPED).update(
                    status=Shipment.Status.DELIVERED, delivered_at=now) != 1:
                continue
            _track(shipment, "delivered", "已签收", "Delivered", now)
            delivered += _move(order, "deliver", f"waybill {shipment.waybill_no} signed for")
    for shipment in Shipment.objects.filter(status=Shipment.Status.CREATED, order__status=Status.RELEASED):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=shipment.order_id)
            if order.status != Status.RELEASED or Shipment.objects.filter(
                    pk=shipment.pk, status=Shipment.Status.CREATED).update(
                    status=Shipment.Status.SHIPPED, shipped_at=now) != 1:
                continue
            inventory.consume_order(order.pk)
            where = order.warehouse.name
            _track(shipment, "shipped", f"包裹已从{where}发出", f"Parcel left {order.warehouse.name_en}", now, where)
            shipped += _move(order, "ship", f"{shipment.logistics_name} waybill {shipment.waybill_no}")
    return {"parcels_shipped": shipped, "parcels_delivered": delivered}


# --- what the buyer sees ----------------------------------------------------------------------


def buyer_view(order: Order) -> dict:
    """Status, customs explanation (if refused), waybill and tracking, for the storefront/API."""
    rejected = order.declarations.filter(status=D.Status.REJECTED).order_by("updated_at").first()
    shipment = Shipment.objects.filter(order=order).first()
    return {
        "status": order.status,
        "status_display": order.get_status_display(),
        "history": [(e.to_status, e.created_at) for e in order.events.all()],
        "customs_explanation": rejected.buyer_message if rejected else "",
        "customs_explanation_en": rejected.buyer_message_en if rejected else "",
        "waybill": {"carrier": shipment.logistics_name, "number": shipment.waybill_no} if shipment else None,
        "tracking": [{"code": e.code, "description": e.description, "description_en": e.description_en,
                      "at": e.occurred_at} for e in shipment.events.all()] if shipment else [],
    }
