"""The working calendar (calendar.yaml): the clock that working-time limits run on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checker.model.header import Header
from checker.model.location import At

# The zone a calendar runs in when it does not say: mainland China's statutory holidays and
# working hours are kept in Beijing time.
DEFAULT_TIME_ZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class NamedDate:
    date: dt.date
    name: str
    at: At


@dataclass(frozen=True)
class WorkingBreak:
    """A pause inside the working day (e.g. a lunch hour): working time does not run in it."""

    start: dt.time
    end: dt.time
    at: At


@dataclass(frozen=True)
class HolidayNotice:
    """The State Council notice a hand-entered year of holidays was copied from."""

    year: int
    title: str
    number: str
    date: dt.date
    url: str
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
    time_zone: str = DEFAULT_TIME_ZONE
    breaks: tuple[WorkingBreak, ...] = ()
    notices: tuple[HolidayNotice, ...] = ()

    @property
    def periods(self) -> tuple[tuple[dt.time, dt.time], ...]:
        """The working periods of a working day: opening to closing, minus the breaks
        (in the order written; PB801 checks they are ordered and inside the day)."""
        edges = [self.start]
        for pause in self.breaks:
            edges += [pause.start, pause.end]
        edges.append(self.end)
        return tuple((edges[i], edges[i + 1]) for i in range(0, len(edges), 2))

    @property
    def working_minutes_per_day(self) -> int:
        """Minutes of working time in a working day (0 or less when the hours are broken)."""
        return sum(_minutes(end) - _minutes(start) for start, end in self.periods)

    @property
    def hours_per_day(self) -> int:
        """Whole working hours in a working day (at least 1)."""
        return max(1, self.working_minutes_per_day // 60)

    def notice(self, year: int) -> HolidayNotice | None:
        """The hand-entered notice for ``year``, if there is one."""
        return next((n for n in self.notices if n.year == year), None)


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute
