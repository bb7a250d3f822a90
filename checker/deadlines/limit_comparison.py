"""Is one limit ever later than another? Answered on the working calendar, not by a rule of thumb.

Two limits in the same unit compare by amount. Limits in different units (``3 calendar days``
against ``2 working days``, ``7 working days`` against a ``7 calendar days`` ceiling) are
compared by computing both deadlines from the same start times over the calendar's data
(several times of day on every day), so holidays, make-up days and the 民法典 Art.201/203
conventions all count: the answer comes with the first start time that shows the difference.
Without a calendar, a nominal conversion is used (a working day counts as 24 hours).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from checker.deadlines.calendar_years import computable
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.model import Calendar
from checker.model.duration import DEFAULT_WORKING_DAY_HOURS, Duration, Unit

MAX_DAYS = 800  # two years of holiday data is plenty to find a counterexample


@dataclass(frozen=True)
class Counterexample:
    """A start time at which ``a`` ends later than (or, non-strict, as late as) ``b``."""

    start: dt.datetime | None
    a_due: dt.datetime | None
    b_due: dt.datetime | None

    def because(self, a: Duration, b: Duration) -> str:
        """The clause a message adds after a colon; empty when the units are the same and the
        amounts already say it all."""
        if a.unit is b.unit:
            return ""
        if self.start is None or self.a_due is None or self.b_due is None:
            return f"：按名义换算（1 个工作日按 24 小时），{a.label()}不短于{b.label()}"
        return (
            f"：例如 {self.start:%Y-%m-%d %H:%M} 收到的投诉，{a.label()}到 {self.a_due:%Y-%m-%d %H:%M}，"
            f"{b.label()}到 {self.b_due:%Y-%m-%d %H:%M}"
        )


def sample_times(calendar: Calendar) -> tuple[dt.time, ...]:
    """Times of day that reach every branch of the deadline arithmetic on this calendar:
    midnight, opening, midday, the start, last minute and end of every working period (the
    last one's end is closing time), and late at night."""
    opening = dt.datetime.combine(dt.date.min, calendar.start)
    closing = dt.datetime.combine(dt.date.min, calendar.end)
    midday = opening + (closing - opening) / 2
    times = {dt.time(0, 0), midday.time().replace(second=0, microsecond=0), dt.time(23, 59)}
    for start, end in calendar.periods:
        last_minute = dt.datetime.combine(dt.date.min, end) - dt.timedelta(minutes=1)
        times |= {start, last_minute.time(), end}
    return tuple(sorted(times))


Answers = dict[tuple[str, str, bool], "Counterexample | None"]


class LimitComparison:
    """Compares limits on one working calendar (memoised: the same pairs recur across files).

    ``known``: answers found earlier on the same calendar (``answers()`` of another
    comparison), e.g. kept by the checker's cache between runs."""

    def __init__(self, calendar: Calendar | None, known: Answers | None = None) -> None:
        self._given = calendar
        self._memo: Answers = dict(known or {})
        self._due: dict[str, list[dt.datetime | None]] = {}

    @cached_property
    def calendar(self) -> Calendar | None:
        """The calendar compared on. One PB801/PB803 reject (hours out of order, unsourced
        years) cannot be counted on: then none, and limits compare nominally. Worked out on
        the first comparison not answered already (a re-check usually has none)."""
        given = self._given
        return given if given is not None and computable(given) else None

    @property
    def hours_per_day(self) -> int:
        return self.calendar.hours_per_day if self.calendar else DEFAULT_WORKING_DAY_HOURS

    def answers(self) -> Answers:
        """Every comparison answered so far, by (a's text, b's text, strict)."""
        return dict(self._memo)

    @cached_property
    def _starts(self) -> list[dt.datetime]:
        if self.calendar is None:
            return []
        first = self.calendar.data_from
        days = min((self.calendar.data_until - first).days, MAX_DAYS) + 1
        return [
            dt.datetime.combine(first + dt.timedelta(days=i), t)
            for i in range(days)
            for t in sample_times(self.calendar)
        ]

    def later(self, a: Duration, b: Duration, strict: bool = True) -> Counterexample | None:
        """A start at which ``a`` ends after ``b`` (``strict``) or no earlier than ``b``."""
        key = (a.text, b.text, strict)
        if key not in self._memo:
            self._memo[key] = self._compare(a, b, strict)
        return self._memo[key]

    def _compare(self, a: Duration, b: Duration, strict: bool) -> Counterexample | None:
        # Same unit: the amount decides, except that two calendar-day periods ending in the
        # same holiday run are both extended to the same day, so "no earlier" needs the calendar.
        if a.unit is b.unit and (strict or a.unit is not Unit.CALENDAR_DAY or a.amount >= b.amount):
            worse = a.amount > b.amount if strict else a.amount >= b.amount
            return Counterexample(None, None, None) if worse else None
        if self.calendar is None:
            na, nb = a.nominal_minutes(self.hours_per_day), b.nominal_minutes(self.hours_per_day)
            return Counterexample(None, None, None) if (na > nb if strict else na >= nb) else None
        for start, a_due, b_due in zip(
            self._starts, self._deadlines(a), self._deadlines(b), strict=True
        ):
            if a_due is None or b_due is None:
                continue
            if a_due > b_due or (not strict and a_due == b_due):
                return Counterexample(start, a_due, b_due)
        return None

    def _deadlines(self, duration: Duration) -> list[dt.datetime | None]:
        """The deadline from every sample start (None past the calendar's data), computed once
        per distinct duration."""
        if duration.text not in self._due:
            assert self.calendar is not None  # only asked when there is a calendar
            work = WorkCalendar(self.calendar)
            due: list[dt.datetime | None] = []
            for start in self._starts:
                try:
                    due.append(add(start, duration, work))
                except OutsideCalendar:
                    due.append(None)
            self._due[duration.text] = due
        return self._due[duration.text]
