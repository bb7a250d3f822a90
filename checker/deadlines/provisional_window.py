"""From which day a complaint can get a 暂定 due time: the window in which the handbook warns.

A complaint received on day D gets a provisional due time when some limit, counted from D,
needs a day after the official data. Deadlines never move earlier when the start moves later
(tests/test_working_time.py), so the latest start of a day, 23:59, decides for the whole day
and the first such day is found by bisection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.model.duration import Duration, Unit


def first_affected_day(work: WorkCalendar, durations: Iterable[Duration]) -> dt.date | None:
    """The first day of the data on which a complaint (received at any time of it) gets a
    due time past the official data for one of ``durations``; None when none ever does
    (every limit is natural time, or the calendar has no provisional days)."""
    cal = work.calendar
    limits = {d.text: d for d in durations if d.unit not in (Unit.MINUTE, Unit.HOUR)}
    if work.provisional is None or not limits:
        return None

    def affected(day: dt.date) -> bool:
        start = dt.datetime.combine(day, dt.time(23, 59))
        for duration in limits.values():
            try:
                due = add(start, duration, work)
            except OutsideCalendar:
                return True  # even past the provisional years: certainly not exact
            if work.is_provisional(duration, due):
                return True
        return False

    low, high = cal.data_from, cal.data_until
    if not affected(high):
        return None
    while low < high:  # the first affected day in [low, high]
        middle = low + (high - low) // 2
        if affected(middle):
            high = middle
        else:
            low = middle + dt.timedelta(days=1)
    return low
