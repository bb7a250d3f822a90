"""The working calendar (calendar.yaml): the clock that working-time limits run on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checker.model.header import Header
from checker.model.location import At


@dataclass(frozen=True)
class NamedDate:
    date: dt.date
    name: str
    at: At


@dataclass(frozen=True)
class Calendar:
    """The working calendar (calendar.yaml): the clock that working-time limits run on."""

    header: Header
    start: dt.time
    end: dt.time
    hours_notes: str
    rest_days: frozenset[int]
    data_from: dt.date
    data_until: dt.date
    source: str
    holidays: tuple[NamedDate, ...]
    make_up_workdays: tuple[NamedDate, ...]
    notes: str
    at: At

    @property
    def hours_per_day(self) -> int:
        """Whole working hours in a working day (at least 1)."""
        minutes = (self.end.hour * 60 + self.end.minute) - (
            self.start.hour * 60 + self.start.minute
        )
        return max(1, minutes // 60)
