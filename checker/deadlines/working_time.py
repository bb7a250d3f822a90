"""Deadlines on a working calendar: add a playbook duration to the time a complaint arrived.

Counting conventions (stated in the authoring guide too):

* ``30m``, ``4h`` — natural time: plain clock arithmetic, day and night, holidays included.
* ``N working hours`` — only time inside working hours on working days counts. A start
  outside working hours counts from the next working period; a result never falls outside
  working hours (a deadline that uses up a whole day lands on that day's closing time).
* ``N calendar days`` and ``N working days`` — periods counted in days, following 民法典
  第二百零一条 (the day the complaint arrives is not counted; counting starts the next day)
  and 第二百零三条 (a period whose last day is a statutory rest day ends on the first working
  day after it; where there are business hours, the period ends at closing time). So the
  deadline is closing time on the N-th counted day: for calendar days every day counts and
  the last one moves to the next working day if it is a rest day or holiday; for working
  days only working days count.

Every computation stays inside the calendar's data: a date outside ``data_from`` ..
``data_until`` raises ``OutsideCalendar`` instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import cached_property

from checker.model import Calendar
from checker.model.duration import Duration, Unit


class OutsideCalendar(ValueError):
    """A computation needed a day the calendar has no data for; the message is Chinese."""


class WorkCalendar:
    """Which days are working days, and when the working day starts and ends."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar

    @cached_property
    def _holidays(self) -> frozenset[dt.date]:
        return frozenset(d.date for d in self.calendar.holidays)

    @cached_property
    def _make_up(self) -> frozenset[dt.date]:
        return frozenset(d.date for d in self.calendar.make_up_workdays)

    def require(self, day: dt.date) -> None:
        cal = self.calendar
        if not cal.data_from <= day <= cal.data_until:
            raise OutsideCalendar(
                f"工作日历只有 {cal.data_from} 至 {cal.data_until} 的数据，"
                f"无法判断 {day} 是否上班；请在 calendar.yaml 中补充国务院发布的放假安排后再计算。"
            )

    @cached_property
    def _working_days(self) -> list[int]:
        """Ordinals of every working day in the data, ascending (for O(log n) look-ups)."""
        cal = self.calendar
        days = []
        for ordinal in range(cal.data_from.toordinal(), cal.data_until.toordinal() + 1):
            day = dt.date.fromordinal(ordinal)
            if day in self._make_up or (
                day.isoweekday() not in cal.rest_days and day not in self._holidays
            ):
                days.append(ordinal)
        return days

    def is_working_day(self, day: dt.date) -> bool:
        self.require(day)
        if day in self._make_up:
            return True
        return day.isoweekday() not in self.calendar.rest_days and day not in self._holidays

    def nth_working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``day`` (n >= 1)."""
        self.require(day)
        index = bisect_right(self._working_days, day.toordinal()) + n - 1
        if index >= len(self._working_days):
            last = self.calendar.data_until
            self.require(last + dt.timedelta(days=1))  # raises with the calendar's message
        return dt.date.fromordinal(self._working_days[index])

    def opening(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.calendar.start)

    def closing(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.calendar.end)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.nth_working_day_after(day, 1)

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)


def add(start: dt.datetime, duration: Duration, calendar: WorkCalendar) -> dt.datetime:
    """The deadline ``duration`` after ``start`` (see the module's counting conventions)."""
    calendar.require(start.date())
    if duration.unit is Unit.MINUTE:
        return _natural(start, dt.timedelta(minutes=duration.amount), calendar)
    if duration.unit is Unit.HOUR:
        return _natural(start, dt.timedelta(hours=duration.amount), calendar)
    if duration.unit is Unit.WORKING_HOUR:
        return add_working_minutes(start, duration.amount * 60, calendar)
    if duration.unit is Unit.WORKING_DAY:
        return calendar.closing(calendar.nth_working_day_after(start.date(), duration.amount))
    last = start.date() + dt.timedelta(days=duration.amount)
    calendar.require(last)
    return calendar.closing(calendar.working_day_on_or_after(last))


def _natural(start: dt.datetime, delta: dt.timedelta, calendar: WorkCalendar) -> dt.datetime:
    end = start + delta
    calendar.require(end.date())
    return end


def add_working_minutes(start: dt.datetime, minutes: int, calendar: WorkCalendar) -> dt.datetime:
    """Consume ``minutes`` of working time from ``start``, period by period."""
    day = start.date()
    if calendar.is_working_day(day) and start < calendar.closing(day):
        cursor = max(start, calendar.opening(day))
    else:
        day = calendar.next_working_day(day)
        cursor = calendar.opening(day)
    remaining = dt.timedelta(minutes=minutes)
    available = calendar.closing(day) - cursor
    if remaining <= available:
        return cursor + remaining
    remaining -= available
    # whole working days in one step, then the part of the last day
    per_day = calendar.closing(day) - calendar.opening(day)
    whole, rest = divmod(remaining, per_day)
    if rest == dt.timedelta(0):  # the deadline fills a day exactly: that day's closing time
        return calendar.closing(calendar.nth_working_day_after(day, whole))
    day = calendar.nth_working_day_after(day, whole + 1)
    return calendar.opening(day) + rest
