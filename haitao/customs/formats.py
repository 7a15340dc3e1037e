"""Value formats of the customs messages: guids, China-time stamps and N19,5 amounts."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

NS = "http://www.chinaport.gov.cn/ceb"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
CHINA_TZ = ZoneInfo("Asia/Shanghai")
CURRENCY_CNY = "142"  # customs currency code of RMB; the only one CBEC import messages use


def new_guid() -> str:
    """Uppercase 36-character UUID, the form the spec requires for every ``guid``."""
    return str(uuid.uuid4()).upper()


def china_now() -> datetime:
    return datetime.now(CHINA_TZ)


def _china(dt: datetime) -> datetime:
    # Naive datetimes are taken as China time already; aware ones are converted.
    return dt if dt.tzinfo is None else dt.astimezone(CHINA_TZ)


def app_time(dt: datetime) -> str:
    """``YYYYMMDDhhmmss`` in China time (appTime, payTime, logisticsTime)."""
    return _china(dt).strftime("%Y%m%d%H%M%S")


def decl_date(d: date) -> str:
    """``YYYYMMDD`` (declTime, ieDate); a datetime is converted to China time first."""
    if isinstance(d, datetime):
        d = _china(d)
    return d.strftime("%Y%m%d")


def return_time(dt: datetime) -> str:
    """``YYYYMMDDhhmmssSSS`` in China time (receipt returnTime)."""
    dt = _china(dt)
    return dt.strftime("%Y%m%d%H%M%S") + f"{dt.microsecond // 1000:03d}"


def parse_app_time(text: str) -> datetime:
    """Inverse of :func:`app_time` (first 14 digits), aware in China time."""
    return datetime.strptime(text[:14], "%Y%m%d%H%M%S").replace(tzinfo=CHINA_TZ)


def amount(value: Decimal | int) -> str:
    """N19,5 text: a plain decimal string ("436.40", "0"), never exponent notation.

    Floats are refused: money is Decimal from end to end.
    """
    if isinstance(value, float) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"amount must be Decimal or int, not {type(value).__name__}")
    text = format(Decimal(value), "f")
    return "0" if text.lstrip("-").strip("0.") == "" else text
