"""The CBEC purchase limits and their dated history (docs/rules.md, rule 5).

The limits are policy, changed by circulars (财关税〔2016〕18号, 〔2018〕49号), so they are settings with
validity dates rather than constants: an order is judged by the limits in force on its date, and a
new circular is a new period in the settings, not a code change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from haitao.rules.money import parse_money, to_fen


class NoLimitPeriod(ValueError):
    """No limits are defined for the day asked: the CBEC retail regime did not apply then."""


@dataclass(frozen=True)
class LimitPeriod:
    """The single-transaction and annual limits (CNY) in force from ``valid_from`` to ``valid_to``
    (both inclusive; ``None`` = until further notice)."""

    valid_from: date
    valid_to: date | None
    single: Decimal
    annual: Decimal

    def __post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        if not 0 < self.single <= self.annual:
            raise ValueError(f"need 0 < single <= annual, got single {self.single}, annual {self.annual}")
        object.__setattr__(self, "single", to_fen(Decimal(self.single)))
        object.__setattr__(self, "annual", to_fen(Decimal(self.annual)))

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class LimitSchedule:
    """Non-overlapping limit periods in date order."""

    periods: tuple[LimitPeriod, ...]

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.periods, key=lambda p: p.valid_from))
        if not ordered:
            raise ValueError("a limit schedule needs at least one period")
        for earlier, later in zip(ordered, ordered[1:]):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise ValueError(f"limit periods overlap: {earlier.valid_from} and {later.valid_from}")
        object.__setattr__(self, "periods", ordered)

    def on(self, day: date) -> LimitPeriod:
        """The limits in force on ``day``; an order dated outside every period cannot be judged."""
        for period in self.periods:
            if period.covers(day):
                return period
        first = self.periods[0].valid_from
        if day < first:
            raise NoLimitPeriod(
                f"no CBEC limits are defined for {day.isoformat()}: the retail-import limits start on "
                f"{first.isoformat()}"
            )
        raise NoLimitPeriod(f"no CBEC limits are defined for {day.isoformat()}")

    @classmethod
    def from_settings(cls, rows: Iterable[Mapping[str, object]]) -> LimitSchedule:
        """Build from settings rows ``{"valid_from": "2019-01-01", "valid_to": None, "single": "5000",
        "annual": "26000"}``; dates may be ``date`` or ISO text, amounts text, int or Decimal."""
        periods = []
        for index, row in enumerate(rows):
            try:
                periods.append(
                    LimitPeriod(
                        valid_from=_as_date(row["valid_from"]),
                        valid_to=None if row.get("valid_to") is None else _as_date(row["valid_to"]),
                        single=parse_money(row["single"], allow_negative=False),  # type: ignore[arg-type]
                        annual=parse_money(row["annual"], allow_negative=False),  # type: ignore[arg-type]
                    )
                )
            except KeyError as missing:
                raise ValueError(f"limit period {index}: missing {missing}") from None
            except (TypeError, ValueError) as error:
                raise ValueError(f"limit period {index}: {error}") from None
        return cls(tuple(periods))


def _as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise TypeError(f"a date must be a date or ISO text, not {type(value).__name__}")


DEFAULT_LIMIT_SETTINGS: tuple[dict[str, object], ...] = (
    # 财关税〔2016〕18号
    {"valid_from": "2016-04-08", "valid_to": "2018-12-31", "single": "2000", "annual": "20000"},
    # 财关税〔2018〕49号; still in force (Ningbo Customs Q&A, 2025-11)
    {"valid_from": "2019-01-01", "valid_to": None, "single": "5000", "annual": "26000"},
)
DEFAULT_LIMITS = LimitSchedule.from_settings(DEFAULT_LIMIT_SETTINGS)
