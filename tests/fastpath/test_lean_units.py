"""Pieces of the lean path's Python that need no database."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from haitao.orders import lean
from haitao.rules.quota import quota_year


def test_the_calendar_kept_per_minute_turns_with_the_year_in_shanghai():
    eve = datetime(2026, 12, 31, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in Shanghai
    for now in (eve, eve + timedelta(seconds=1), eve + timedelta(seconds=61), eve - timedelta(minutes=1), eve):
        assert lean._calendar(now) == (timezone.localdate(now), quota_year(now)), now
    assert lean._calendar(eve)[1] == 2026 and lean._calendar(eve + timedelta(seconds=1))[1] == 2027
