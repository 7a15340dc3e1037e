"""Customs receipts from the inbox folder → :func:`services.receive_record`, one record at a time.

Each file is parsed (and validated), each record matched to its declaration (by the guid customs
echoes, else by order/waybill/list numbers), applied once (a receipt record is stored under its
message guid and position, so a file seen twice changes nothing), then the file is moved to
``inbox/processed`` — or ``inbox/unreadable`` if it is not a receipt haitao can read.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from haitao.customs import SchemaError, UnsupportedMessage, parse
from haitao.customs import receipts as r
from haitao.customs.folder_transport import PROCESSED, archive, read_inbox

from . import config, services
from .models import Declaration

logger = logging.getLogger(__name__)
UNREADABLE = "unreadable"
D = Declaration


def _match(**lookup) -> Declaration | None:
    return D.objects.filter(**lookup).select_related("order").first()


def _by_guid(guid: str, **fallback) -> Declaration | None:
    return _match(guid=guid) or _match(**fallback)


def _tax_bill(tax: r.Tax) -> dict:
    h = tax.head
    return {"invtNo": h.invtNo, "taxNo": h.taxNo, "customsTax": str(h.customsTax),
            "valueAddedTax": str(h.valueAddedTax), "consumptionTax": str(h.consumptionTax), "status": h.status,
            "lines": [{"gnum": i.gnum, "gcode": i.gcode, "taxPrice": str(i.taxPrice), "customsTax": str(i.customsTax),
                       "valueAddedTax": str(i.valueAddedTax), "consumptionTax": str(i.consumptionTax)}
                      for i in tax.items]}


def _records(message) -> list[tuple[Declaration | None, dict]]:
    """(declaration, fields for receive_record) of each record of a parsed receipt."""
    if isinstance(message, r.CEB312):
        return [(_by_guid(x.guid, message_type=D.Type.ORDER, order__number=x.orderNo), _status(x)) for x in message.returns]
    if isinstance(message, r.CEB412):
        return [(_by_guid(x.guid, message_type=D.Type.PAYMENT, order__payments__transaction_id=x.payTransactionId),
                 _status(x)) for x in message.returns]
    if isinstance(message, r.CEB512):
        return [(_by_guid(x.guid, message_type=D.Type.WAYBILL, order__shipment__waybill_no=x.logisticsNo), _status(x))
                for x in message.returns]
    if isinstance(message, r.CEB622):
        return [(_by_guid(x.guid, message_type=D.Type.INVENTORY, order__number=x.copNo),
                 {**_status(x), "pre_no": x.preNo or "", "invt_no": x.invtNo or ""}) for x in message.returns]
    if isinstance(message, (r.CEB624, r.CEB626)):
        kind = D.Type.CANCEL if isinstance(message, r.CEB624) else D.Type.RETURN
        return [(_by_guid(x.guid, message_type=kind, order__number=x.copNo), _status(x)) for x in message.returns]
    if isinstance(message, r.CEB816):
        return [(_match(message_type=D.Type.INVENTORY, invt_no=t.head.invtNo),
                 {"return_status": "", "return_info": f"tax bill {t.head.taxNo}", "return_time": t.head.returnTime,
                  "tax_bill": _tax_bill(t)}) for t in message.taxes]
    if isinstance(message, r.CEB900):
        x = message.result
        return [(_match(message_guid=x.oriCopMsgId), {"return_status": x.returnStatus, "return_info": x.returnInfo,
                                                      "return_time": x.returnTime, "format_error": True})]
    raise UnsupportedMessage(f"{type(message).__name__} is not a receipt")


def _status(x) -> dict:
    return {"return_status": x.returnStatus, "return_info": x.returnInfo, "return_time": x.returnTime,
            "code": r.error_code(x.returnInfo)}


def process_file(path: Path, data: bytes) -> Counter:
    counts: Counter = Counter()
    try:
        message = parse(data)
        records = _records(message)
    except (SchemaError, UnsupportedMessage) as exc:
        logger.warning("customs inbox: %s is not a readable receipt: %s", path.name, exc)
        archive(path, UNREADABLE)
        counts["unreadable"] += 1
        return counts
    kind = type(message).__name__
    for index, (decl, fields) in enumerate(records):
        outcome = services.receive_record(kind, message.guid, index, decl, filename=path.name, **fields)
        counts[outcome.split(" ")[0].rstrip(",")] += 1
    try:
        archive(path, PROCESSED)
    except FileNotFoundError:
        pass  # a concurrent pass moved it
    counts["receipts"] += 1
    return counts


def process_inbox(directory: Path | str | None = None) -> dict[str, int]:
    counts: Counter = Counter()
    for path, data in read_inbox(Path(directory or config.inbox_dir())):
        counts.update(process_file(path, data))
    return dict(counts)
