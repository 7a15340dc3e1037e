"""Link source customers to existing haitao customers.

Pure. Personal data is compared only through keyed hashes: ``identity_hash(key, id_number)`` and
``phone_hash(key, phone)`` are HMAC-SHA256 with a key the caller passes in (the same key that hashes
haitao's own identities). No decision, reason or candidate carries a raw ID number or phone.

The rule, first that applies wins:

1. **ID number** — the source's ID number (valid under GB 11643) hashes to exactly one existing
   customer's ``id_hash``: ``linked`` (reason ``id_number``) when the names agree, ``review`` when
   they do not (a real-name identity is name + number). Several customers with that hash → review.
2. **Conflicting ID numbers** — both sides have an ID number and they differ: never linked; if phone
   and name still agree → ``review``, else go on as if unrelated.
3. **Phone + name** — same normalised mainland mobile and same normalised name → ``linked``
   (reasons ``phone``, ``name``); same phone, different name → ``review``.
4. **Name only** — the same name alone is never enough to link (there are many 王伟). It is ``review``
   only when something else partly agrees: the last four digits of the phone (``phone_tail`` or a
   clear ``phone`` on the existing record) or of the ID number (``id_tail``); otherwise ``created``.
5. Else ``created``.

Existing customers are records (objects or mappings) with ``customer_id``, ``name`` and any of
``id_hash``, ``phone_hash``, ``phone`` (clear, hashed here), ``phone_tail``, ``id_tail``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from haitao.rules.identity import clean_id_number, id_key

from .normalise import normalise_phone
from .text import fold

LINKED, REVIEW, CREATED = "linked", "review", "created"


def _bytes(key: bytes | str) -> bytes:
    return key.encode() if isinstance(key, str) else key


def _hmac(key: bytes | str, purpose: str, value: str) -> str:
    return hmac.new(_bytes(key), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


# One ID check for checkout and import alike: rules.identity.validate_resident_id (GB 11643 form,
# MOD 11-2 and a real birth date). stdnum's full validate() also wants the address code in its own
# table for the birth year, which refused valid numbers such as 440524188001010014 on import.
normalise_id_number = clean_id_number


def normalise_name(value: str | None) -> str:
    """NFKC, traditional as simplified, no spaces or middle dots, case-folded: '王 伟' = '王伟',
    '阿依古丽·买买提' = '阿依古丽买买提', '韓國' = '韩国'."""
    if not value:
        return ""
    text = fold(unicodedata.normalize("NFKC", value)).casefold()
    return re.sub(r"[\s·•・.\-]", "", text)


MAX_READINGS = 64  # a name of four characters with three readings each is 81: enough to cover real names


def name_readings(value: str | None) -> frozenset[str]:
    """How a name is written in the other script: a Chinese name's pinyin, every reading of a character
    that has several (曾 zeng or ceng, 单 shan or dan), surname first as passports write it; a Latin name's
    words surname-first or given-first ('FENG Pingsi', 'Minjun Xu')."""
    if not value:
        return frozenset()
    text = fold(unicodedata.normalize("NFKC", value))
    if _chinese(text):
        from pypinyin import Style, pinyin

        readings = [""]
        for options in pinyin(re.sub(r"[\s·•・.\-]", "", text), style=Style.NORMAL, heteronym=True):
            readings = [r + o for r in readings for o in dict.fromkeys(options)][:MAX_READINGS]
        return frozenset(readings)
    words = [w for w in re.split(r"[\s·•・.\-,]+", text.casefold()) if w]
    if not words:
        return frozenset()
    return frozenset({"".join(words), "".join(words[-1:] + words[:-1]), "".join(words[1:] + words[:1])})


def _chinese(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def names_agree(a: _Existing | CustomerName, b: _Existing | CustomerName) -> bool:
    """One name as written, or across scripts by its readings (冯平思 = FENG Pingsi); two Chinese names
    that only sound alike (张伟, 章伟) are two names."""
    if a.name == b.name:
        return bool(a.name)
    if _chinese(a.name) and _chinese(b.name):
        return False
    return bool(a.readings & b.readings)


def identity_hash(key: bytes | str, id_number: str | None) -> str | None:
    number = normalise_id_number(id_number)
    return id_key(number, _bytes(key)) if number else None


def phone_hash(key: bytes | str, phone: str | None) -> str | None:
    number = normalise_phone(phone)
    return _hmac(key, "phone", number) if number else None


@dataclass(frozen=True)
class CustomerDecision:
    source_id: str
    decision: str  # linked / review / created
    customer: str | None
    reasons: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)  # existing customer ids an operator should look at

    def to_dict(self) -> dict[str, Any]:
        data = {"source_id": self.source_id, "decision": self.decision, "customer": self.customer,
                "reasons": list(self.reasons)}
        if self.decision == REVIEW:
            data["candidates"] = list(self.candidates)
        return data


@dataclass(frozen=True)
class CustomerName:
    name: str
    readings: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Existing:
    customer_id: str
    name: str
    readings: frozenset[str]
    id_hash: str | None
    phone_hash: str | None
    phone_tail: str | None
    id_tail: str | None


def _get(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, Mapping) else getattr(record, name, None)


class CustomerIndex:
    """Existing customers indexed by id hash, phone hash and normalised name."""

    def __init__(self, existing: Iterable[Any], key: bytes | str):
        self.key = key
        self.by_id: dict[str, list[_Existing]] = defaultdict(list)
        self.by_phone: dict[str, list[_Existing]] = defaultdict(list)
        self.by_name: dict[str, list[_Existing]] = defaultdict(list)
        for record in existing:
            self.add(record)

    def add(self, record: Any) -> None:
        """Index one more existing customer (e.g. one just created from an earlier source line)."""
        phone = _get(record, "phone")
        clear = normalise_phone(phone)
        item = _Existing(
            customer_id=str(_get(record, "customer_id")),
            name=normalise_name(_get(record, "name")),
            readings=name_readings(_get(record, "name")),
            id_hash=_get(record, "id_hash"),
            phone_hash=_get(record, "phone_hash") or phone_hash(self.key, phone),
            phone_tail=_get(record, "phone_tail") or (clear[-4:] if clear else None),
            id_tail=(_get(record, "id_tail") or "").upper() or None,
        )
        if item.id_hash:
            self.by_id[item.id_hash].append(item)
        if item.phone_hash:
            self.by_phone[item.phone_hash].append(item)
        if item.name:
            self.by_name[item.name].append(item)

    def link(self, source: Any) -> CustomerDecision:
        """Decide one ``reader.SourceCustomer`` (or any record with id, name, id_number, phone)."""
        source_id = str(_get(source, "id"))
        name = normalise_name(_get(source, "name"))
        written = CustomerName(name, name_readings(_get(source, "name")))
        number = normalise_id_number(_get(source, "id_number"))
        id_hash = identity_hash(self.key, number)
        phone = normalise_phone(_get(source, "phone"))
        phone_key = _hmac(self.key, "phone", phone) if phone else None
        invalid_id = ["id_number invalid, not used"] if _get(source, "id_number") and not number else []

        def decide(decision: str, hits: list[_Existing], reasons: list[str]) -> CustomerDecision:
            customer = hits[0].customer_id if decision == LINKED else None
            ids = list(dict.fromkeys(h.customer_id for h in hits))
            return CustomerDecision(source_id, decision, customer, reasons + invalid_id, ids)

        # 1. the same verified ID number
        id_hits = self.by_id.get(id_hash, []) if id_hash else []
        if len(id_hits) > 1:
            return decide(REVIEW, id_hits, ["id_number", "id_number on several customers"])
        if id_hits:
            if names_agree(id_hits[0], written):
                return decide(LINKED, id_hits, ["id_number"])
            return decide(REVIEW, id_hits, ["id_number", "name differs"])

        # 2./3. the same phone
        phone_hits = self.by_phone.get(phone_key, []) if phone_key else []
        same_name = [h for h in phone_hits if names_agree(h, written)]
        if same_name:
            if id_hash and all(h.id_hash and h.id_hash != id_hash for h in same_name):
                return decide(REVIEW, same_name, ["phone", "name", "id_number differs"])
            if len(same_name) > 1:
                return decide(REVIEW, same_name, ["phone", "name", "several customers"])
            return decide(LINKED, same_name, ["phone", "name"])
        if phone_hits:
            return decide(REVIEW, phone_hits, ["phone", "name differs"])

        # 4. the same name: never enough alone
        name_hits = self.by_name.get(name, []) if name else []
        tail_phone = phone[-4:] if phone else None
        tail_id = number[-4:] if number else None
        partial = [h for h in name_hits
                   if (tail_phone and h.phone_tail == tail_phone) or (tail_id and h.id_tail == tail_id)]
        if partial:
            return decide(REVIEW, partial, ["name", "phone or id_number partly agrees"])
        if name_hits:
            return decide(CREATED, [], ["same name only: not enough to link"])
        return decide(CREATED, [], ["no existing customer"])


def link_customers(sources: Iterable[Any], existing: Iterable[Any] | CustomerIndex,
                   key: bytes | str | None = None) -> Iterator[CustomerDecision]:
    """Decide every source customer; ``existing`` is an iterable of records (then pass ``key``) or an index."""
    if isinstance(existing, CustomerIndex):
        index = existing
    else:
        if key is None:
            raise ValueError("a hashing key is needed to compare identities")
        index = CustomerIndex(existing, key)
    for source in sources:
        yield index.link(source)
