"""`haitao customs export`: an order's messages as files ``<type>_<orderNo>.xml``, each XSD-valid —
the four documents, and the cancellation (CEB623) and return (CEB625) requests when there were any.

The messages sent (or queued) are written as stored: the very bytes customs got. A message not made
yet (CEB621 before the three documents are accepted) is built fresh, signed, and written too, so
an operator always gets the order's complete set; it is not queued by exporting.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from haitao.customs import build, validate
from haitao.customs.folder_transport import write_atomic

from . import config, mapping
from .models import Declaration, Shipment

D = Declaration


def order_messages(order) -> dict[str, bytes]:
    """{message type: XML bytes} of the order (stored, else freshly built)."""
    stored = {d.message_type: d.xml.encode("utf-8") for d in order.declarations.all() if d.xml}
    external = set(order.declarations.filter(status=D.Status.EXTERNAL).values_list("message_type", flat=True))
    requests = (D.Type.CANCEL, D.Type.RETURN)  # only ever made on request, never built for export
    wanted = [t for t in D.Type.values if t not in stored and t not in external and t not in requests]
    if wanted:
        shipment = Shipment.objects.filter(order=order).first()
        box = None
        if shipment is not None:
            box = mapping.Parcel(shipment.waybill_no, shipment.weight_kg,
                                 mapping.parcel(order, config.carrier()).net_kg)
        docs = mapping.documents(order, timezone.now(), box)
        fresh = {D.Type.ORDER: docs.ceb311, D.Type.PAYMENT: docs.ceb411, D.Type.WAYBILL: docs.ceb511,
                 D.Type.INVENTORY: docs.ceb621}
        for message_type in wanted:
            message = fresh[message_type]
            if message is not None:
                signer = config.signer() if message_type == D.Type.INVENTORY else None
                stored[message_type] = build(message, signer)
    return {t: stored[t] for t in D.Type.values if t in stored}


def export_order(order, out: Path | str) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for message_type, xml in order_messages(order).items():
        validate(xml)  # raises SchemaError: nothing invalid leaves haitao
        path = out / f"{message_type}_{order.number}.xml"
        write_atomic(path, xml)
        paths.append(path)
    return paths
