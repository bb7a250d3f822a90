"""Deadlines on a working calendar: add a playbook duration to the time a complaint arrived.

Counting conventions (stated in the authoring guide too):

* ``30m``, ``4h`` — natural time: plain clock arithmetic, day and night, holidays included.
  It needs no calendar data at all, so it is always exact.
* ``N working hours`` — only time inside the working periods of working days counts (opening
  to closing, minus any breaks such as a lunch hour). A start outside them counts from the next
  working period; a result never falls outside them (a deadline that uses up a period lands on
  that period's end, one that uses up a whole day on that day's closing time).
* ``N calendar days`` and ``N working days`` — periods counted in days, following 民法典
  第二百零一条 (the day the complaint arrives is not counted; counting starts the next day)
  and 第二百零三条 (a period whose last day is a statutory rest day ends on the first working
  day after it; where there are business hours, the period ends at closing time). So the
  deadline is closing time on the N-th counted day: for calendar days every day counts and
  the last one moves to the next working day if it is a rest day or holiday; for working
  days only working days count.

Which days are working days comes from the calendar's data (``data_from`` .. ``data_until``)
and, after it, from the provisional calendar if one is given (see ``provisional``); a due time
that needed a provisional day is provisional itself (``is_provisional``). A day outside both
raises ``OutsideCalendar`` instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import cached_property

from checker.deadlines.provisional import ProvisionalDays
from checker.model import Calendar
from checker.model.duration import Duration, Unit


class OutsideCalendar(ValueError):
    """A computation needed a day the calendar cannot tell about; the message is Chinese and
    says only what is missing (each surface adds what its reader should do about it)."""

    def __init__(self, message: str, day: dt.date | None) -> None:
        super().__init__(message)
        self.day = day


class WorkCalendar:
    """Which days are working days, and when each working period starts and ends."""

    def __init__(self, calendar: Calendar, provisional: ProvisionalDays | None = None) -> None:
        self.calendar = calendar
        self.provisional = provisional
        self.first = calendar.data_from
        self.last = provisional.last if provisional else calendar.data_until
        self.periods = tuple(
            (_since_midnight(start), _since_midnight(end)) for start, end in calendar.periods
        )
        self.per_day = sum((end - start for start, end in self.periods), dt.timedelta(0))
        self._years: dict[int, list[int]] = {}

    @cached_property
    def _holidays(self) -> frozenset[dt.date]:
        return frozenset(d.date for d in self.calendar.holidays)

    @cached_property
    def _make_up(self) -> frozenset[dt.date]:
        return frozenset(d.date for d in self.calendar.make_up_workdays)

    @cached_property
    def _provisional_holidays(self) -> frozenset[dt.date]:
        return (
            frozenset(d for d, _ in self.provisional.holidays) if self.provisional else frozenset()
        )

    @cached_property
    def _provisional_make_up(self) -> frozenset[dt.date]:
        if self.provisional is None:
            return frozenset()
        return frozenset(d for d, _ in self.provisional.make_up_workdays)

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def is_provisional_day(self, day: dt.date) -> bool:
        """A day after the official data (known only provisionally)."""
        return day > self.calendar.data_until

    def outside(self, day: dt.date | None) -> OutsideCalendar:
        """The error for a day this calendar cannot tell about (None: past the last date)."""
        cal = self.calendar
        what = str(day) if day is not None else f"{self.last} 之后的日期"
        if self.provisional is not None:
            known = (
                f"工作日历有 {cal.data_from} 至 {cal.data_until} 的官方数据，"
                f"之后到 {self.last} 按暂定日历推算"
            )
        else:
            known = f"工作日历只有 {cal.data_from} 至 {cal.data_until} 的数据"
        return OutsideCalendar(f"{known}，无法判断 {what} 是否上班。", day)

    def require(self, day: dt.date) -> None:
        if not self.covers(day):
            raise self.outside(day)

    def _works(self, day: dt.date) -> bool:
        if self.is_provisional_day(day):
            holidays, make_up = self._provisional_holidays, self._provisional_make_up
        else:
            holidays, make_up = self._holidays, self._make_up
        if day in make_up:
            return True
        return day.isoweekday() not in self.calendar.rest_days and day not in holidays

    def _working_days(self, year: int) -> list[int]:
        """Ordinals of the year's working days that the calendar covers, ascending (built per
        year when first needed, so a far-reaching calendar costs only the years used)."""
        if year not in self._years:
            first = max(self.first, dt.date(year, 1, 1)).toordinal()
            last = min(self.last, dt.date(year, 12, 31)).toordinal()
            self._years[year] = [
                o for o in range(first, last + 1) if self._works(dt.date.fromordinal(o))
            ]
        return self._years[year]

    def is_working_day(self, day: dt.date) -> bool:
        self.require(day)
        return self._works(day)

    def nth_working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``day`` (n >= 1)."""
        self.require(day)
        year = day.year
        days = self._working_days(year)
        index = bisect_right(days, day.toordinal()) + n - 1
        while index >= len(days):
            index -= len(days)
            year += 1
            if year > self.last.year:
                after = self.last
                raise self.outside(after + dt.timedelta(days=1) if after < dt.date.max else None)
            days = self._working_days(year)
        return dt.date.fromordinal(days[index])

    def opening(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()) + self.periods[0][0]

    def closing(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()) + self.periods[-1][1]

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.nth_working_day_after(day, 1)

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def consume(
        self, day: dt.date, cursor: dt.datetime, remaining: dt.timedelta
    ) -> tuple[dt.datetime | None, dt.timedelta]:
        """Spend working time on ``day`` from ``cursor``, period by period: (the moment it is
        used up, 0) or (None, what is left at closing)."""
        midnight = dt.datetime.combine(day, dt.time())
        for start, end in self.periods:
            period_end = midnight + end
            if cursor >= period_end:
                continue
            cursor = max(cursor, midnight + start)
            available = period_end - cursor
            if remaining <= available:
                return cursor + remaining, dt.timedelta(0)
            remaining -= available
        return None, remaining

    def is_provisional(self, duration: Duration, due: dt.datetime) -> bool:
        """Whether a due time depended on a provisional day. Natural time never does; every
        other computation looks at days from the start up to the due day and no further."""
        return duration.unit not in (Unit.MINUTE, Unit.HOUR) and self.is_provisional_day(due.date())


def _since_midnight(value: dt.time) -> dt.timedelta:
    return dt.timedelta(hours=value.hour, minutes=value.minute)


def add(start: dt.datetime, duration: Duration, calendar: WorkCalendar) -> dt.datetime:
    """The deadline ``duration`` after ``start`` (see the module's counting conventions)."""
    if duration.unit is Unit.MINUTE:
        return _natural(start, dt.timedelta(minutes=duration.amount), calendar)
    if duration.unit is Unit.HOUR:
        return _natural(start, dt.timedelta(hours=duration.amount), calendar)
    calendar.require(start.date())
    if duration.unit is Unit.WORKING_HOUR:
        return add_working_minutes(start, duration.amount * 60, calendar)
    if duration.unit is Unit.WORKING_DAY:
        return calendar.closing(calendar.nth_working_day_after(start.date(), duration.amount))
    if start.date() > dt.date.max - dt.timedelta(days=duration.amount):
        raise calendar.outside(None)
    last = start.date() + dt.timedelta(days=duration.amount)
    calendar.require(last)
    return calendar.closing(calendar.working_day_on_or_after(last))


def _natural(start: dt.datetime, delta: dt.timedelta, calendar: WorkCalendar) -> dt.datetime:
    """Plain clock arithmetic: no holiday data is involved, so none is required."""
    try:
        return start + delta
    except OverflowError:
        raise calendar.outside(None) from None


def add_working_minutes(start: dt.datetime, minutes: int, calendar: WorkCalendar) -> dt.datetime:
    """Consume ``minutes`` of working time from ``start``, period by period."""
    day = start.date()
    if not (calendar.is_working_day(day) and start < calendar.closing(day)):
        day = calendar.next_working_day(day)
        start = calendar.opening(day)
    due, remaining = calendar.consume(day, start, dt.timedelta(minutes=minutes))
    if due is not None:
        return due
    # whole working days in one step, then the part of the last day
    whole, rest = divmod(remaining, calendar.per_day)
    if rest == dt.timedelta(0):  # the deadline fills a day exactly: that day's closing time
        return calendar.closing(calendar.nth_working_day_after(day, whole))
    day = calendar.nth_working_day_after(day, whole + 1)
    due, _ = calendar.consume(day, calendar.opening(day), rest)
    assert due is not None  # rest is less than a whole working day
    return due
