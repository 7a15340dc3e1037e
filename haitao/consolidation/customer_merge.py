"""Customers: a source customer is linked to the haitao customer it is (same ID number, or same name and
phone), created as a new account through accounts' ``import_customer``, or queued for review.

The ID-number hashes the linker compares are keyed with a key that lives only in this process.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
from collections.abc import Iterator

from haitao.accounts.models import Address, Customer, Identity
from haitao.accounts.services import import_customer
from haitao.brands.models import Brand

from .batches import Context
from .link import CREATED, LINKED, REVIEW, CustomerIndex, identity_hash
from .models import ReviewItem, SourceRecord
from .reader import SourceCustomer
from .records import code, masked_customer, record_dict

IMPORT_EMAIL_DOMAIN = "import.haitao"


def create_customer(record: SourceCustomer, platform: str, brand: Brand, notes: list | None = None):
    """A new account for a source customer: unusable password, ``<platform>-<id>@import.haitao``,
    the identity when name and ID number are valid, the addresses that are complete. Skipped parts
    go to ``notes``. Returns accounts' ``ImportedCustomer``."""
    imported = import_customer(
        f"{code(platform, record.id, 100).lower()}@{IMPORT_EMAIL_DOMAIN}", name=record.name, phone=record.phone,
        id_number=record.id_number,
        addresses=[{"consignee": a.name, "phone": a.phone, "province": a.province, "city": a.city,
                    "district": a.district, "detail": a.detail} for a in record.addresses],
        signup_brand=brand, source=f"import:{platform}")
    if notes is not None:
        for kind, reason in imported.skipped:
            notes.append({"kind": f"{kind}_skipped", "source_id": record.id, "reason": reason})
    return imported


class CustomerMerge:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.key = secrets.token_bytes(32)
        self.rows: list[dict] = []
        self.counts: dict = {}

    def _existing_customers(self) -> Iterator[dict]:
        identities = {i.customer_id: i for i in Identity.objects.all()}
        phones: dict[int, str] = {}
        for address in Address.objects.order_by("-is_default", "id"):
            phones.setdefault(address.customer_id, address.phone)
        for customer in Customer.objects.all().iterator(chunk_size=2000):
            identity = identities.get(customer.pk)
            yield {"customer_id": customer.pk,
                   "name": identity.real_name if identity else customer.display_name,
                   "id_hash": identity_hash(self.key, identity.id_number) if identity else None,
                   "phone": customer.phone or phones.get(customer.pk)}

    def run(self) -> None:
        ctx = self.ctx
        self.people = CustomerIndex(self._existing_customers(), self.key)

        def handle(record: SourceCustomer) -> None:
            decision = self.people.link(record)
            if decision.decision == LINKED:
                ctx.map(SourceRecord.Kind.CUSTOMER, record.id, LINKED, decision.customer, reasons=decision.reasons)
            elif decision.decision == CREATED:
                customer = self._create(record)
                decision = dataclasses.replace(decision, customer=str(customer.pk))
                ctx.map(SourceRecord.Kind.CUSTOMER, record.id, CREATED, customer.pk, reasons=decision.reasons)
            else:
                ReviewItem.objects.update_or_create(
                    platform=ctx.platform, kind=ReviewItem.Kind.CUSTOMER, source_id=record.id,
                    defaults=dict(brand=ctx.brand, source=masked_customer(record),
                                  source_sealed=json.dumps(record_dict(record), ensure_ascii=False),
                                  proposed=decision.candidates[0] if decision.candidates else "",
                                  candidates=list(decision.candidates), reasons=list(decision.reasons)))
                ctx.map(SourceRecord.Kind.CUSTOMER, record.id, REVIEW, "", reasons=decision.reasons,
                        candidates=list(decision.candidates))
            self._add_row(decision.to_dict())

        def replay(row: SourceRecord) -> None:
            data = {"source_id": row.source_id, "decision": row.decision, "customer": row.target or None,
                    "reasons": row.detail.get("reasons", [])}
            if row.decision == REVIEW:
                data["candidates"] = row.detail.get("candidates", [])
            self._add_row(data)

        ctx.process("customers", SourceRecord.Kind.CUSTOMER, handle, replay, self.counts)

    def _add_row(self, data: dict) -> None:
        self.rows.append(data)
        self.counts[data["decision"]] = self.counts.get(data["decision"], 0) + 1

    def _create(self, record: SourceCustomer) -> Customer:
        imported = create_customer(record, self.ctx.platform, self.ctx.brand, self.ctx.notes)
        identity = imported.identity
        self.people.add({"customer_id": imported.customer.pk, "name": record.name,
                         "id_hash": identity_hash(self.key, identity.id_number) if identity else None,
                         "phone": imported.customer.phone or None})
        return imported.customer
