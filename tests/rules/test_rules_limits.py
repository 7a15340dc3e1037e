from datetime import date
from decimal import Decimal as D

import pytest

from haitao.rules.limits import DEFAULT_LIMITS, LimitPeriod, LimitSchedule, NoLimitPeriod


@pytest.mark.parametrize(
    ("day", "single", "annual"),
    [(date(2016, 4, 8), "2000", "20000"), (date(2018, 6, 1), "2000", "20000"),
     (date(2018, 12, 31), "2000", "20000"), (date(2019, 1, 1), "5000", "26000"),
     (date(2026, 11, 25), "5000", "26000"), (date(2040, 1, 1), "5000", "26000")],
)
def test_default_limits_by_date(day, single, annual):
    period = DEFAULT_LIMITS.on(day)
    assert (period.single, period.annual) == (D(single), D(annual))


def test_before_the_cbec_regime_there_are_no_limits():
    with pytest.raises(NoLimitPeriod, match="2016-04-07.*start on 2016-04-08"):
        DEFAULT_LIMITS.on(date(2016, 4, 7))


def test_from_settings_builds_a_dated_history():
    schedule = LimitSchedule.from_settings([
        {"valid_from": "2030-01-01", "single": "8000", "annual": 40000},
        {"valid_from": date(2019, 1, 1), "valid_to": "2029-12-31", "single": D("5000"), "annual": "26000"},
    ])
    assert schedule.on(date(2029, 12, 31)).single == D("5000")
    assert schedule.on(date(2030, 1, 1)).annual == D("40000")
    assert [p.valid_from.year for p in schedule.periods] == [2019, 2030]


@pytest.mark.parametrize(
    ("rows", "message"),
    [([{"valid_from": "2019-01-01", "single": "5000"}], "period 0: missing 'annual'"),
     ([{"valid_from": "2019-13-01", "single": "5000", "annual": "26000"}], "period 0"),
     ([{"valid_from": "2019-01-01", "single": "abc", "annual": "26000"}], "not a decimal amount"),
     ([{"valid_from": "2019-01-01", "single": "-5", "annual": "26000"}], "negative"),
     ([{"valid_from": "2019-01-01", "single": "30000", "annual": "26000"}], "single <= annual"),
     ([{"valid_from": "2019-01-01", "valid_to": "2018-01-01", "single": "1", "annual": "2"}], "before"),
     ([{"valid_from": "2019-01-01", "single": "1", "annual": "2"},
       {"valid_from": "2020-01-01", "single": "1", "annual": "2"}], "overlap"),
     ([], "at least one period")],
)
def test_from_settings_refuses_bad_settings(rows, message):
    with pytest.raises(ValueError, match=message):
        LimitSchedule.from_settings(rows)


def test_a_gap_between_periods_has_no_limits():
    schedule = LimitSchedule((
        LimitPeriod(date(2020, 1, 1), date(2020, 12, 31), D("1"), D("2")),
        LimitPeriod(date(2022, 1, 1), None, D("1"), D("2")),
    ))
    with pytest.raises(NoLimitPeriod, match="2021-06-01"):
        schedule.on(date(2021, 6, 1))
