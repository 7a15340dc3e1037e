"""The buyer's identity — the one place for its rules, used by checkout and the history import alike:
resident ID number checks and the keyed hash of the number, mainland mobile numbers, the payer rule,
and masking of ID numbers, phones, names and addresses (docs/rules.md, rule 7).

Customs accepts only the resident ID card (``buyerIdType`` 1), so the number must be a well-formed
GB 11643 number; a checksum proves the form only, not that the number is this person's, which is
the separate, pluggable real-name verification. Masking exists because personal data never goes to
logs or screens in clear (docs/rules.md, "Personal data").
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumValidationError

from haitao.rules.china_time import china_today

ID_LENGTH = 18
MAX_NAME_LENGTH = 60
_ID_FORM = re.compile(r"[0-9]{17}[0-9X]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class InvalidIdNumber(ValueError):
    """``reason_code`` is one of: ``empty``, ``invalid_length``, ``invalid_format``,
    ``invalid_checksum``, ``invalid_birth_date``, ``birth_date_in_future``."""

    def __init__(self, reason_code: str, message: str) -> None:
        super().__init__(message)
        self.reason_code = reason_code
        self.message = message


class InvalidRealName(ValueError):
    """The name cannot be a real name on a customs declaration."""


def normalise_id_number(number: str) -> str:
    """Surrounding blanks off, check character ``x`` to ``X`` (customs and WeChat Pay want it upper)."""
    return number.strip().upper()


def validate_resident_id(number: str, today: date | None = None) -> str:
    """Return the normalised number or raise ``InvalidIdNumber``.

    ``stdnum.cn.ric`` supplies the MOD 11-2 check character and the birth-date reading. Its
    ``validate`` is not used as a whole: it also requires the address code to be in its own table for
    the birth year, which refuses valid numbers (440524188001010014, a rules-doc test vector) and is
    not part of rule 7.
    """
    normalised = normalise_id_number(number)
    if not normalised:
        raise InvalidIdNumber("empty", "the ID number is empty")
    if len(normalised) != ID_LENGTH:
        raise InvalidIdNumber(
            "invalid_length", f"a resident ID number has {ID_LENGTH} characters, this one {len(normalised)}"
        )
    if not _ID_FORM.fullmatch(normalised):
        raise InvalidIdNumber(
            "invalid_format", "a resident ID number is 17 digits and a check character (a digit or X)"
        )
    if ric.calc_check_digit(normalised) != normalised[-1]:
        raise InvalidIdNumber("invalid_checksum", "the check character does not match (GB 11643 MOD 11-2)")
    try:
        birth = ric.get_birth_date(normalised)
    except StdnumValidationError:
        raise InvalidIdNumber("invalid_birth_date", "characters 7-14 are not a real date of birth") from None
    if birth > (today or china_today()):
        raise InvalidIdNumber("birth_date_in_future", "the date of birth is in the future")
    return normalised


def clean_id_number(value: str | None, today: date | None = None) -> str | None:
    """An ID number as written anywhere (full-width digits, spaces, lower-case x) → the normalised
    number if it is a valid resident ID number by :func:`validate_resident_id`, else None."""
    if not value:
        return None
    number = unicodedata.normalize("NFKC", value).replace(" ", "")
    try:
        return validate_resident_id(number, today)
    except InvalidIdNumber:
        return None


def id_key(id_number: str, secret: bytes) -> str:
    """THE keyed hash of an ID number: HMAC-SHA256 (hex) of the normalised number. Stable per person,
    useless without the secret (a plain hash of an 18-character number with a known structure is
    cheap to reverse). It keys the quota ledger, identities and payer checks, and the import's
    customer matching."""
    if not isinstance(secret, bytes) or not secret:
        raise ValueError("secret must be non-empty bytes")
    return hmac.new(secret, normalise_id_number(id_number).encode("utf-8"), hashlib.sha256).hexdigest()


_MOBILE = re.compile(r"1[3-9]\d{9}")


def normalise_mobile(value: object) -> str | None:
    """A mainland mobile number as its 11 digits, else None: full-width digits folded, blanks, dashes,
    dots and brackets dropped, the country code (+86, 0086, 86) taken off
    (``+86 138-0013-8000`` → ``13800138000``)."""
    if value is None:
        return None
    text = re.sub(r"[\s\-().]", "", unicodedata.normalize("NFKC", str(value)))
    if text.startswith("+"):
        if not text.startswith("+86"):
            return None
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    return text if _MOBILE.fullmatch(text) else None


def validate_real_name(name: str) -> str:
    """The name as it will be declared: trimmed, non-empty, at most 60 characters, one line."""
    trimmed = name.strip()
    if not trimmed:
        raise InvalidRealName("the real name is empty")
    if len(trimmed) > MAX_NAME_LENGTH:
        raise InvalidRealName(f"the real name is longer than {MAX_NAME_LENGTH} characters")
    if _CONTROL.search(trimmed):
        raise InvalidRealName("the real name contains control characters")
    return trimmed


def payer_matches_orderer(payer_name: str, payer_id: str, buyer_name: str, buyer_id: str) -> bool:
    """The payer must be the orderer (18号): the same name and the same ID number, compared after
    trimming (and upper-casing the ID's X); names are otherwise compared exactly, as customs does."""
    return (
        payer_name.strip() == buyer_name.strip()
        and normalise_id_number(payer_id) == normalise_id_number(buyer_id)
        and bool(buyer_name.strip())
        and bool(normalise_id_number(buyer_id))
    )


def mask_id(number: str) -> str:
    """``1101**********002X``: first 4 and last 4 kept; anything of 8 or fewer is masked whole."""
    return _mask(normalise_id_number(number), keep_start=4, keep_end=4)


def mask_phone(number: str) -> str:
    """``138****8000``: first 3 and last 4 kept."""
    return _mask(number.strip(), keep_start=3, keep_end=4)


def mask_name(name: str) -> str:
    """``张*``: the first character kept (a lone character is masked too)."""
    return _mask(name.strip(), keep_start=1, keep_end=0)


def mask_address(province: str | None, city: str | None, district: str | None) -> str:
    """``浙江省杭州市西湖区***``: the district and above kept, the street hidden."""
    return f"{province or ''}{city or ''}{district or ''}***"


def _mask(text: str, keep_start: int, keep_end: int) -> str:
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * hidden + text[len(text) - keep_end:]
