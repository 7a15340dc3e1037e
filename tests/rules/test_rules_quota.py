from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from haitao.rules.quota import (
    TRANSITIONS,
    EntryEvent,
    EntryState,
    IllegalTransition,
    QuotaEntry,
    check_annual,
    quota_key,
    quota_year,
    transition,
    used,
)
from haitao.rules.regime import LimitExceeded

SECRET = b"test-secret"


def test_quota_year_is_the_calendar_year_in_shanghai():
    # 16:30 UTC on 31 December is already 00:30 on 1 January in Shanghai
    assert quota_year(datetime(2026, 12, 31, 16, 30, tzinfo=timezone.utc)) == 2027
    assert quota_year(datetime(2026, 12, 31, 15, 59, tzinfo=timezone.utc)) == 2026
    assert quota_year(datetime(2027, 1, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))) == 2027
    assert quota_year(datetime(2027, 1, 1, 7, 0, tzinfo=timezone(timedelta(hours=-8)))) == 2027


def test_quota_year_refuses_naive_times():
    with pytest.raises(ValueError, match="timezone-aware"):
        quota_year(datetime(2026, 12, 31, 23, 0))


def test_quota_key_is_an_hmac_of_the_normalised_number():
    key = quota_key("11010519491231002X", SECRET)
    assert len(key) == 64 and int(key, 16) >= 0
    assert quota_key(" 11010519491231002x ", SECRET) == key
    assert quota_key("11010519491231002X", b"other") != key
    assert quota_key("440524188001010014", SECRET) != key
    assert "11010519491231002X" not in key


def test_quota_key_known_value():
    import hashlib
    import hmac

    expected = hmac.new(SECRET, b"11010519491231002X", hashlib.sha256).hexdigest()
    assert quota_key("11010519491231002x", SECRET) == expected


@pytest.mark.parametrize(("number", "secret"), [("", SECRET), ("  ", SECRET), ("1101", b""), ("1101", "str")])
def test_quota_key_refuses_empty_number_or_secret(number, secret):
    with pytest.raises(ValueError):
        quota_key(number, secret)


@pytest.mark.parametrize(
    ("state", "event", "after"),
    [("reserved", "paid", "committed"), ("reserved", "cancelled", "released"),
     ("reserved", "expired", "released"), ("reserved", "customs_rejected", "released"),
     ("committed", "cancelled", "released"), ("committed", "customs_rejected", "released"),
     ("committed", "returned", "released")],
)
def test_allowed_transitions(state, event, after):
    assert transition(state, event) == after


def test_every_other_transition_is_illegal():
    for state in EntryState.ALL:
        for event in EntryEvent.ALL:
            if (state, event) in TRANSITIONS:
                continue
            with pytest.raises(IllegalTransition) as illegal:
                transition(state, event)
            assert (illegal.value.state, illegal.value.event) == (state, event)


def test_released_is_final_and_paid_twice_is_an_error():
    assert not [key for key in TRANSITIONS if key[0] == EntryState.RELEASED]
    with pytest.raises(IllegalTransition, match="'committed' cannot be 'paid'"):
        transition("committed", "paid")
    with pytest.raises(IllegalTransition):
        transition("reserved", "returned")


def test_unknown_state_or_event_is_a_value_error():
    with pytest.raises(ValueError, match="state"):
        transition("pending", "paid")
    with pytest.raises(ValueError, match="event"):
        transition("reserved", "shipped")


def test_used_is_committed_plus_reserved():
    entries = [QuotaEntry(D("100.00"), "reserved"), QuotaEntry(D("250.50"), "committed"),
               QuotaEntry(D("999.99"), "released")]
    assert used(entries) == D("350.50")
    assert used([]) == D("0.00")


def test_used_accepts_any_object_with_amount_and_state():
    class Row:
        def __init__(self, amount, state):
            self.amount, self.state = amount, state

    assert used([Row(D("1.00"), "committed"), Row(D("2.00"), "released")]) == D("1.00")


def test_check_annual_allows_reaching_the_limit_exactly():
    assert check_annual(D("25900.00"), D("100.00"), D("26000")) == D("26000.00")
    with pytest.raises(LimitExceeded) as refused:
        check_annual(D("25900.00"), D("100.01"), D("26000"))
    assert refused.value.code == "annual_limit_exceeded"
    assert (refused.value.remaining, refused.value.amount_over) == (D("100.00"), D("0.01"))
