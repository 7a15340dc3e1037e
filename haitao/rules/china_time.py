"""Beijing time, the clock the CBEC rules run on.

The annual quota is a calendar year and an order's limits are those of its day, both as customs sees
them in China (UTC+8), not as the server's own clock zone would have it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA_TZ = ZoneInfo("Asia/Shanghai")


def china_today() -> date:
    """Today's date in Asia/Shanghai. The one clock read in the rules; pass dates in to avoid it."""
    return datetime.now(CHINA_TZ).date()
