"""Working time on the bundled calendar: hand-checked deadlines around the long holidays, the
counting conventions of checker/working_time.py as properties, no guessing outside the data,
the provisional (暂定) calendar after it, and working hours with a lunch break.

Every hand-checked case says how it was worked out from playbooks/calendar.yaml (working hours
09:00-18:00, Saturday and Sunday rest, holidays and make-up working days as listed there).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from functools import cache
from pathlib import Path

import chinese_calendar
import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.deadlines.provisional import provisional_days
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.model import Calendar, WorkingBreak
from checker.model.duration import Duration, Unit, parse_duration
from checker.pipeline.engine import check_paths

ROOT = Path(__file__).resolve().parent.parent
FIRST = dt.date(2025, 1, 1)
LAST = dt.date(2026, 12, 31)
OPEN = dt.time(9, 0)
CLOSE = dt.time(18, 0)


@cache
def bundled_calendar() -> Calendar:
    cwd = os.getcwd()
    os.chdir(ROOT)  # the brief's way: check_paths(["playbooks"]) from the repository root
    try:
        calendar = check_paths(["playbooks"]).playbooks.calendar
    finally:
        os.chdir(cwd)
    assert calendar is not None
    return calendar


@cache
def work_calendar() -> WorkCalendar:
    return WorkCalendar(bundled_calendar())


def at(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


def deadline(start: str, duration: str) -> str:
    return f"{add(at(start), parse_duration(duration), work_calendar()):%Y-%m-%d %H:%M}"


def test_the_bundled_calendar_is_the_one_these_cases_were_worked_out_on() -> None:
    cal = bundled_calendar()
    assert (cal.start, cal.end) == (OPEN, CLOSE)
    assert cal.rest_days == frozenset({6, 7})
    assert (cal.data_from, cal.data_until) == (FIRST, LAST)


# ---- hand-checked deadlines ------------------------------------------------------------------

HAND_CHECKED = [
    # --- National Day 2026: holidays 10-01 (Thu) .. 10-07 (Wed), make-up Saturday 10-10 ---
    # 09-30 is a Wednesday: 17:40-18:00 uses 20 minutes; 10-01..10-07 are holidays; 10-08 (Thu)
    # opens at 09:00 and the remaining 100 minutes end at 10:40.
    ("2026-09-30 17:40", "2 working hours", "2026-10-08 10:40"),
    # The arrival day is not counted; the first working day after 09-30 is 10-08 (Thu).
    ("2026-09-30 17:40", "1 working day", "2026-10-08 18:00"),
    # Counted working days: 10-08 (Thu), 10-09 (Fri), 10-10 (make-up Saturday) -> 10-10 18:00.
    ("2026-09-30 17:40", "3 working days", "2026-10-10 18:00"),
    # Calendar days: 10-01, 10-02, 10-03; the last day 10-03 is a holiday, so the period ends on
    # the first working day after it, 10-08 (Thu), at closing time.
    ("2026-09-30 17:40", "3 calendar days", "2026-10-08 18:00"),
    # Natural time: plain clock arithmetic, 17:40 + 1h = 18:40 the same day.
    ("2026-09-30 17:40", "1h", "2026-09-30 18:40"),
    # Natural minutes run through the night and the holiday alike: 17:40 + 30m = 18:10.
    ("2026-09-30 17:40", "30m", "2026-09-30 18:10"),
    # A start on a holiday (10-03, Sat) counts from the next working period: 10-08 09:00 + 4h.
    ("2026-10-03 11:00", "4 working hours", "2026-10-08 13:00"),
    # The make-up Saturday 10-10 is a working day: Fri 10-09 17:00 has 1 hour left, then 10-10
    # 09:00 + 1h = 10:00 (not Monday 10-12).
    ("2026-10-09 17:00", "2 working hours", "2026-10-10 10:00"),
    # 10-10 (make-up Saturday) counts; 10-11 is an ordinary Sunday; 10-12 Mon is the 2nd day.
    ("2026-10-09 12:00", "2 working days", "2026-10-12 18:00"),
    # The make-up Sunday 09-20 before National Day: Fri 09-18 17:30 leaves 30 minutes, Sat 09-19
    # rests, Sun 09-20 works: 09:00 + 30m = 09:30.
    ("2026-09-18 17:30", "1 working hour", "2026-09-20 09:30"),
    # --- Spring Festival 2026: holidays 02-15 (Sun) .. 02-23 (Mon), make-up 02-14 (Sat), 02-28
    # (Sat) ---
    # Fri 02-13 17:00: 1 hour left that day; 02-14 is a make-up working Saturday: 09:00 + 3h.
    ("2026-02-13 17:00", "4 working hours", "2026-02-14 12:00"),
    # Counted working days: 02-14 (make-up Saturday), then 02-15..02-23 are holidays, so the 2nd
    # is 02-24 (Tue).
    ("2026-02-13 17:00", "2 working days", "2026-02-24 18:00"),
    # 02-13 17:00 + 12 working hours: 1h on 02-13, 9h on 02-14 (to 18:00), holidays until 02-23,
    # 2h more on 02-24 -> 11:00.
    ("2026-02-13 17:00", "12 working hours", "2026-02-24 11:00"),
    # Calendar days from Sat 02-14: last day 02-17 is a holiday -> first working day after the
    # holidays, 02-24 (Tue), 18:00.
    ("2026-02-14 10:00", "3 calendar days", "2026-02-24 18:00"),
    # Working days from Thu 02-26: 02-27 (Fri), 02-28 (make-up Saturday) -> 02-28 18:00.
    ("2026-02-26 10:00", "2 working days", "2026-02-28 18:00"),
    # --- National Day 2025: holidays 10-01 (Wed) .. 10-08 (Wed), make-up Sun 09-28, Sat 10-11 ---
    # Fri 09-26 17:00: 1h that day, Sat 09-27 rests, Sun 09-28 is a make-up working day: 09:00
    # + 1h = 10:00.
    ("2025-09-26 17:00", "2 working hours", "2025-09-28 10:00"),
    # From Sat 09-27 the first counted working day is the make-up Sunday 09-28.
    ("2025-09-27 10:00", "1 working day", "2025-09-28 18:00"),
    # From the make-up Sunday 09-28 itself: next working day is Mon 09-29.
    ("2025-09-28 10:00", "1 working day", "2025-09-29 18:00"),
    # Tue 09-30 + 1 working day: 10-01..10-08 are holidays -> Thu 10-09.
    ("2025-09-30 12:00", "1 working day", "2025-10-09 18:00"),
    # 10-09 (Thu), 10-10 (Fri), 10-11 (make-up Saturday) -> 10-11 18:00.
    ("2025-09-30 12:00", "3 working days", "2025-10-11 18:00"),
    # Calendar days: the last day 10-07 is a holiday, 10-08 too -> Thu 10-09 18:00.
    ("2025-09-30 12:00", "7 calendar days", "2025-10-09 18:00"),
    # Tue 09-30 17:00 + 4 working hours: 1h on 09-30, then 10-09 09:00 + 3h = 12:00.
    ("2025-09-30 17:00", "4 working hours", "2025-10-09 12:00"),
    # --- a start on an ordinary Sunday (2026-03-01) ---
    # Sunday is no working period: counting starts Mon 03-02 09:00; + 3h = 12:00.
    ("2026-03-01 15:00", "3 working hours", "2026-03-02 12:00"),
    # The Sunday is not counted; the first working day after it is Mon 03-02.
    ("2026-03-01 15:00", "1 working day", "2026-03-02 18:00"),
    # Calendar days from Sunday: last day Tue 03-03, a working day -> 03-03 18:00.
    ("2026-03-01 15:00", "2 calendar days", "2026-03-03 18:00"),
    # Calendar days ending on a plain Saturday (Thu 03-05 + 2 = Sat 03-07) move to Mon 03-09.
    ("2026-03-05 10:00", "2 calendar days", "2026-03-09 18:00"),
    # --- before opening (08:00) and after closing (20:00) on Tue 2026-03-03 ---
    # Before opening, working hours count from 09:00: 09:00 + 2h = 11:00.
    ("2026-03-03 08:00", "2 working hours", "2026-03-03 11:00"),
    # Working days never count the arrival day, even before opening: next working day Wed 03-04.
    ("2026-03-03 08:00", "1 working day", "2026-03-04 18:00"),
    # After closing, working hours count from the next opening: Wed 03-04 09:00 + 2h.
    ("2026-03-03 20:00", "2 working hours", "2026-03-04 11:00"),
    ("2026-03-03 20:00", "1 working day", "2026-03-04 18:00"),
    # Natural time ignores working hours: 20:00 + 4h = 00:00 the next day.
    ("2026-03-03 20:00", "4h", "2026-03-04 00:00"),
    # --- exactly at closing (18:00) ---
    # Nothing is left of Tue 03-03 at 18:00; Wed 03-04 09:00 + 1h = 10:00.
    ("2026-03-03 18:00", "1 working hour", "2026-03-04 10:00"),
    # 17:59 still has one minute: 1 minute on 03-03, 59 minutes on 03-04 -> 09:59.
    ("2026-03-03 17:59", "1 working hour", "2026-03-04 09:59"),
    # Friday 18:00: the weekend is skipped, Mon 03-09 09:00 + 1h = 10:00.
    ("2026-03-06 18:00", "1 working hour", "2026-03-09 10:00"),
    # --- a working-hours deadline that uses up a whole day lands on closing time ---
    # 09:00 + 9 working hours fills Tue 03-03 exactly: 18:00 the same day, not Wed 09:00.
    ("2026-03-03 09:00", "9 working hours", "2026-03-03 18:00"),
    # Before opening, too: counted from 09:00, the 9 hours end at 18:00.
    ("2026-03-03 07:00", "9 working hours", "2026-03-03 18:00"),
    # Fri 03-06 17:00 + 10h: 1h Friday, 9h fill Mon 03-09 -> Mon 18:00, not Tue 09:00.
    ("2026-03-06 17:00", "10 working hours", "2026-03-09 18:00"),
    # 2026-09-30 10:00 + 8h fills the day to 18:00 (not 10-08 09:00 after the holiday).
    ("2026-09-30 10:00", "8 working hours", "2026-09-30 18:00"),
    # --- the first days of the data ---
    # 2025-01-01 is 元旦 (a holiday): counting starts Thu 01-02 09:00.
    ("2025-01-01 10:00", "1 working hour", "2025-01-02 10:00"),
    # Last days of the data: Wed 2026-12-30 + 1 working day = Thu 12-31 18:00 (inside the data).
    ("2026-12-30 23:30", "1 working day", "2026-12-31 18:00"),
    # Thu 12-31 10:00 + 8 working hours ends exactly at 18:00 on the last day of the data.
    ("2026-12-31 10:00", "8 working hours", "2026-12-31 18:00"),
    # Natural hours up to the last minute of the data.
    ("2026-12-31 20:00", "3h", "2026-12-31 23:00"),
]


@pytest.mark.parametrize(("start", "duration", "expected"), HAND_CHECKED)
def test_hand_checked_deadline(start: str, duration: str, expected: str) -> None:
    assert deadline(start, duration) == expected


def test_calendar_facts_the_hand_checked_cases_rely_on() -> None:
    cal = work_calendar()
    working = {
        "2026-10-10": True,  # 国庆节调休 (Saturday)
        "2026-10-08": True,
        "2026-10-01": False,
        "2026-10-07": False,
        "2026-02-14": True,  # 春节调休 (Saturday)
        "2026-02-28": True,  # 春节调休 (Saturday)
        "2026-02-15": False,
        "2026-02-23": False,
        "2025-09-28": True,  # 国庆节调休 (Sunday)
        "2025-10-11": True,  # 国庆节调休 (Saturday)
        "2025-10-08": False,
        "2026-03-01": False,  # an ordinary Sunday
        "2026-03-07": False,  # an ordinary Saturday
        "2026-03-03": True,
    }
    for day, expected in working.items():
        assert cal.is_working_day(dt.date.fromisoformat(day)) is expected, day


# ---- outside the calendar's data -------------------------------------------------------------

OUTSIDE = [
    # Thu 2026-12-31 + 1 working day needs 2027-01-01.
    ("2026-12-31 10:00", "1 working day"),
    # 12-31 at closing: the next working period would be in 2027.
    ("2026-12-31 18:00", "1 working hour"),
    # 10:00 + 9h on the last day: 8h fit, the 9th hour needs 2027.
    ("2026-12-31 10:00", "9 working hours"),
    # Mon 12-28 + 5 working days: 12-29, 12-30, 12-31, then 2027.
    ("2026-12-28 17:40", "5 working days"),
    # 12-31 + 1 calendar day is 2027-01-01.
    ("2026-12-31 10:00", "1 calendar day"),
    # A start after the data.
    ("2027-01-04 10:00", "1 working hour"),
    # A start before the data, for every unit that needs holiday data (even a result inside
    # the data is refused).
    ("2024-12-31 10:00", "1 working hour"),
    ("2024-12-31 10:00", "1 working day"),
    ("2024-12-31 10:00", "3 calendar days"),
]


@pytest.mark.parametrize(("start", "duration"), OUTSIDE)
def test_outside_the_data_is_refused_not_guessed(start: str, duration: str) -> None:
    """Without a provisional calendar, a day past the data is refused; the message says what
    the calendar knows and which day it cannot tell about (what to do is each surface's part:
    the CLI names calendar.yaml, the calculator tells staff to call the duty supervisor)."""
    with pytest.raises(OutsideCalendar) as caught:
        add(at(start), parse_duration(duration), work_calendar())
    message = str(caught.value)
    assert "2026-12-31" in message
    assert "2025-01-01" in message
    assert "无法判断" in message
    assert "calendar.yaml" not in message


# Natural time is plain clock arithmetic: no holiday data is involved, so it is exact even
# where the calendar has no data (the issue: "无法判断 2027-01-01 是否上班" for a 1-hour item).
NATURAL_OUTSIDE = [
    ("2026-12-31 20:00", "4h", "2027-01-01 00:00"),
    ("2026-12-31 23:59", "1m", "2027-01-01 00:00"),
    ("2027-01-04 10:00", "30m", "2027-01-04 10:30"),
    ("2024-12-31 23:00", "2h", "2025-01-01 01:00"),
]


@pytest.mark.parametrize(("start", "duration", "expected"), NATURAL_OUTSIDE)
def test_natural_time_needs_no_calendar_data(start: str, duration: str, expected: str) -> None:
    assert deadline(start, duration) == expected
    due = add(at(start), parse_duration(duration), work_calendar())
    assert not work_calendar().is_provisional(parse_duration(duration), due)


def test_outside_message_names_the_missing_day() -> None:
    with pytest.raises(OutsideCalendar, match="2027-01-01") as caught:
        add(at("2026-12-31 10:00"), parse_duration("1 working day"), work_calendar())
    assert caught.value.day == dt.date(2027, 1, 1)
    with pytest.raises(OutsideCalendar, match="2024-12-31"):
        add(at("2024-12-31 10:00"), parse_duration("1 working day"), work_calendar())


def test_natural_time_at_the_end_of_representable_dates_is_refused_not_an_overflow() -> None:
    with pytest.raises(OutsideCalendar, match="之后的日期"):
        add(at("9999-12-31 23:00"), parse_duration("2h"), work_calendar())


# ---- an independent oracle: chinesecalendar's day data and a plain count ----------------------


def oracle_working_day(day: dt.date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def oracle(start: dt.datetime, duration: Duration) -> dt.datetime | None:
    """The deadline by the stated conventions, with chinesecalendar deciding working days;
    None when a day it needs (or the start) is outside 2025-01-01 .. 2026-12-31 (natural
    time needs none)."""
    if duration.unit in (Unit.MINUTE, Unit.HOUR):  # no holiday data involved
        factor = 1 if duration.unit is Unit.MINUTE else 60
        return start + dt.timedelta(minutes=duration.amount * factor)
    if not FIRST <= start.date() <= LAST:
        return None
    if duration.unit is Unit.WORKING_HOUR:
        remaining = duration.amount * 60
        day = start.date()
        while day <= LAST:
            if oracle_working_day(day):
                begin = max(start, dt.datetime.combine(day, OPEN))
                close = dt.datetime.combine(day, CLOSE)
                if begin < close:
                    available = int((close - begin).total_seconds() // 60)
                    if remaining <= available:
                        return begin + dt.timedelta(minutes=remaining)
                    remaining -= available
            day += dt.timedelta(days=1)
        return None
    if duration.unit is Unit.WORKING_DAY:
        counted = 0
        day = start.date()
        while counted < duration.amount:
            day += dt.timedelta(days=1)
            if day > LAST:
                return None
            counted += oracle_working_day(day)
        return dt.datetime.combine(day, CLOSE)
    day = start.date() + dt.timedelta(days=duration.amount)
    while day <= LAST and not oracle_working_day(day):
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, CLOSE) if day <= LAST else None


def attempt(start: dt.datetime, duration: Duration) -> dt.datetime | None:
    """The engine's deadline, or None when it raises OutsideCalendar."""
    try:
        return add(start, duration, work_calendar())
    except OutsideCalendar:
        return None


def working_minutes_between(a: dt.datetime, b: dt.datetime) -> int:
    """Minutes of working time in [a, b], counted directly from the calendar's days."""
    total = 0
    day = a.date()
    while day <= b.date():
        if work_calendar().is_working_day(day):
            lo = max(a, dt.datetime.combine(day, OPEN))
            hi = min(b, dt.datetime.combine(day, CLOSE))
            if hi > lo:
                total += int((hi - lo).total_seconds() // 60)
        day += dt.timedelta(days=1)
    return total


# ---- properties ------------------------------------------------------------------------------

STARTS = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 11, 30, 23, 59)
)
MINUTE_STARTS = STARTS.map(lambda t: t.replace(second=0, microsecond=0))
AMOUNTS = st.integers(min_value=1, max_value=40)
UNITS = st.sampled_from(list(Unit))
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def duration_of(amount: int, unit: Unit) -> Duration:
    return Duration(amount, unit, f"{amount} {unit.value}")


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS)
def test_working_hours_land_inside_working_hours(start: dt.datetime, amount: int) -> None:
    end = attempt(start, duration_of(amount, Unit.WORKING_HOUR))
    if end is None:  # only near the end of the data; the oracle property checks it is right
        assert oracle(start, duration_of(amount, Unit.WORKING_HOUR)) is None
        return
    assert work_calendar().is_working_day(end.date())
    assert OPEN <= end.time() <= CLOSE
    # The working time between start and deadline is exactly the amount asked for, and the
    # deadline is not at an opening time (a whole day used up ends at closing, not 09:00).
    assert working_minutes_between(start, end) == amount * 60
    assert end.time() != OPEN


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS)
def test_working_days_end_at_closing_on_a_working_day(start: dt.datetime, amount: int) -> None:
    end = attempt(start, duration_of(amount, Unit.WORKING_DAY))
    if end is None:
        assert oracle(start, duration_of(amount, Unit.WORKING_DAY)) is None
        return
    assert end.time() == CLOSE
    assert work_calendar().is_working_day(end.date())
    assert end.date() > start.date()  # the arrival day is never counted
    counted = sum(
        work_calendar().is_working_day(start.date() + dt.timedelta(days=i))
        for i in range(1, (end.date() - start.date()).days + 1)
    )
    assert counted == amount


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS)
def test_calendar_days_end_at_closing_on_or_after_the_last_day(
    start: dt.datetime, amount: int
) -> None:
    end = attempt(start, duration_of(amount, Unit.CALENDAR_DAY))
    if end is None:
        assert oracle(start, duration_of(amount, Unit.CALENDAR_DAY)) is None
        return
    last = start.date() + dt.timedelta(days=amount)
    assert end.time() == CLOSE
    assert end.date() >= last
    assert work_calendar().is_working_day(end.date())
    gap = (end.date() - last).days
    assert not any(work_calendar().is_working_day(last + dt.timedelta(days=i)) for i in range(gap))


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS, AMOUNTS, st.sampled_from([Unit.WORKING_HOUR, Unit.WORKING_DAY]))
def test_adding_in_two_steps_equals_adding_at_once(
    start: dt.datetime, a: int, b: int, unit: Unit
) -> None:
    at_once = attempt(start, duration_of(a + b, unit))
    first = attempt(start, duration_of(a, unit))
    in_two = None if first is None else attempt(first, duration_of(b, unit))
    assert at_once == in_two


@PROPERTY
@given(MINUTE_STARTS, st.integers(min_value=0, max_value=60 * 24 * 20), AMOUNTS, UNITS)
def test_deadlines_are_monotonic_in_the_start_time(
    start: dt.datetime, later_by: int, amount: int, unit: Unit
) -> None:
    later = start + dt.timedelta(minutes=later_by)
    duration = duration_of(amount, unit)
    early_end, late_end = attempt(start, duration), attempt(later, duration)
    if early_end is None:  # outside the data: every later start is outside too
        assert late_end is None
    elif late_end is not None:
        assert early_end <= late_end


@PROPERTY
@given(MINUTE_STARTS, st.integers(min_value=1, max_value=60 * 24 * 3), st.booleans())
def test_natural_time_is_plain_datetime_addition(
    start: dt.datetime, minutes: int, in_hours: bool
) -> None:
    # Up to three days either way: 4320m, or 72h (the start is at most 2026-11-30).
    amount = minutes // 60 + 1 if in_hours else minutes
    duration = parse_duration(f"{amount}{'h' if in_hours else 'm'}")
    delta = dt.timedelta(hours=amount) if in_hours else dt.timedelta(minutes=amount)
    assert attempt(start, duration) == start + delta


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS, UNITS)
def test_every_unit_agrees_with_the_chinesecalendar_oracle(
    start: dt.datetime, amount: int, unit: Unit
) -> None:
    duration = duration_of(amount, unit)
    assert attempt(start, duration) == oracle(start, duration)


@settings(max_examples=100, deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(2026, 12, 1), max_value=dt.datetime(2026, 12, 31, 23, 59)),
    AMOUNTS,
    UNITS,
)
def test_near_the_end_of_the_data_results_are_exact_or_refused(
    start: dt.datetime, amount: int, unit: Unit
) -> None:
    """Late 2026 without a provisional calendar: either the oracle's deadline, or
    OutsideCalendar; never a silent guess."""
    start = start.replace(second=0, microsecond=0)
    duration = duration_of(amount, unit)
    expected = oracle(start, duration)
    if expected is None:
        with pytest.raises(OutsideCalendar, match=r"2026-12-31.*无法判断"):
            add(start, duration, work_calendar())
    else:
        assert add(start, duration, work_calendar()) == expected


# ---- past the official data: the provisional calendar (暂定) ----------------------------------


@cache
def provisional_calendar() -> WorkCalendar:
    return WorkCalendar(bundled_calendar(), provisional_days(bundled_calendar()))


def provisional_deadline(start: str, duration: str) -> tuple[str, bool]:
    parsed = parse_duration(duration)
    due = add(at(start), parsed, provisional_calendar())
    return f"{due:%Y-%m-%d %H:%M}", provisional_calendar().is_provisional(parsed, due)


# The provisional 2027 (holidays >= 0.85, category public, with 补假; research notes §2):
# 元旦 Fri 01-01; 春节 Fri 02-05 (除夕) .. Mon 02-08, 补假 Tue 02-09, Wed 02-10; 清明 Mon 04-05;
# 劳动节 Sat 05-01, Sun 05-02, 补假 Mon 05-03, Tue 05-04; 端午 Wed 06-09; 中秋 Wed 09-15;
# 国庆 Fri 10-01 .. Sun 10-03, 补假 Mon 10-04, Tue 10-05. No make-up working day.
PROVISIONAL_2027_DAYS_OFF = [
    "2027-01-01",
    *(f"2027-02-{d:02d}" for d in range(5, 11)),
    "2027-04-05",
    *(f"2027-05-{d:02d}" for d in range(1, 5)),
    "2027-06-09",
    "2027-09-15",
    *(f"2027-10-{d:02d}" for d in range(1, 6)),
]

PROVISIONAL_CASES = [
    # Mon 2026-12-28 17:40 + 5 working days: 12-29, 12-30, 12-31 (official), then 01-01 is 元旦,
    # 01-02/03 a weekend, 01-04 (Mon) the 4th and 01-05 (Tue) the 5th: provisional.
    ("2026-12-28 17:40", "5 working days", "2027-01-05 18:00", True),
    # Closing time on the last official day: the next working period is Mon 2027-01-04.
    ("2026-12-31 18:00", "1 working hour", "2027-01-04 10:00", True),
    # Tue 12-29 + 3 calendar days: the last day 2027-01-01 is 元旦, the next working day Mon 01-04.
    ("2026-12-29 10:00", "3 calendar days", "2027-01-04 18:00", True),
    # Inside the official data nothing changes and nothing is marked.
    ("2026-12-30 12:00", "1 working day", "2026-12-31 18:00", False),
    ("2026-12-31 10:00", "8 working hours", "2026-12-31 18:00", False),
    # Natural time is exact wherever it lands.
    ("2026-12-31 20:00", "4h", "2027-01-01 00:00", False),
    ("2027-02-05 10:00", "30m", "2027-02-05 10:30", False),
    # Thu 2027-02-04 + 1 working day: 02-05 .. 02-10 are off (02-06/07 the weekend) -> Thu 02-11.
    ("2027-02-04 10:00", "1 working day", "2027-02-11 18:00", True),
    # Thu 2027-09-30 17:00 + 2 working hours: 1h that day, 10-01 .. 10-05 off, Wed 10-06 10:00.
    ("2027-09-30 17:00", "2 working hours", "2027-10-06 10:00", True),
    # 妇女节 (Mon 2027-03-08) is a day off for part of the population only: a working day.
    ("2027-03-05 18:00", "1 working hour", "2027-03-08 10:00", True),
]


@pytest.mark.parametrize(("start", "duration", "expected", "provisional"), PROVISIONAL_CASES)
def test_hand_checked_provisional_deadline(
    start: str, duration: str, expected: str, provisional: bool
) -> None:
    assert provisional_deadline(start, duration) == (expected, provisional)


def test_the_provisional_days_are_the_statutory_ones_without_make_up_days() -> None:
    days = provisional_days(bundled_calendar())
    assert days is not None
    assert (days.first, days.last) == (dt.date(2027, 1, 1), dt.date(2028, 12, 31))
    in_2027 = [d.isoformat() for d, _ in days.holidays if d.year == 2027]
    assert in_2027 == PROVISIONAL_2027_DAYS_OFF
    assert days.make_up_workdays == ()
    assert days.source.startswith("holidays ")
    assert all(re.search(r"[\u4e00-\u9fff]", name) for _, name in days.holidays)  # zh_CN names
    assert "2026-12-31" in days.reason() and "不含调休" in days.reason()
    assert "提前或推后" in days.may_move()


def test_every_provisional_day_agrees_with_the_holidays_package() -> None:
    """2027-2028 day by day against the package's own working-day answer (weekends rest)."""
    china = holidays.China(years=range(2027, 2029), language="zh_CN", categories=("public",))
    cal = provisional_calendar()
    day, wrong = dt.date(2027, 1, 1), []
    while day <= dt.date(2028, 12, 31):
        if cal.is_working_day(day) != china.is_working_day(day):
            wrong.append(day.isoformat())
        day += dt.timedelta(days=1)
    assert not wrong


def test_the_holidays_package_agrees_with_chinesecalendar_where_both_have_data() -> None:
    """The provisional source is trustworthy: on 2025-2026 it gives exactly the published
    working days (a new release that changed China's data would show here first)."""
    china = holidays.China(years=range(2025, 2027), language="zh_CN", categories=("public",))
    day, wrong = FIRST, []
    while day <= LAST:
        if china.is_working_day(day) != chinese_calendar.is_workday(day):
            wrong.append(day.isoformat())
        day += dt.timedelta(days=1)
    assert not wrong


def test_past_the_provisional_years_is_refused() -> None:
    with pytest.raises(OutsideCalendar) as caught:
        add(at("2028-12-28 10:00"), parse_duration("5 working days"), provisional_calendar())
    message = str(caught.value)
    assert "2029-01-01" in message
    assert "2026-12-31" in message and "暂定" in message and "2028-12-31" in message


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS, UNITS)
def test_the_provisional_calendar_never_changes_an_exact_due_time(
    start: dt.datetime, amount: int, unit: Unit
) -> None:
    """Where the official data suffices the result is the same and unmarked; where it does
    not, there is now a result, marked 暂定 (natural time is never marked)."""
    duration = duration_of(amount, unit)
    exact = attempt(start, duration)
    due = add(start, duration, provisional_calendar())
    marked = provisional_calendar().is_provisional(duration, due)
    if exact is not None:
        assert (due, marked) == (exact, False)
    else:
        assert marked and due.date() > LAST


# ---- working hours with a break ---------------------------------------------------------------


@cache
def lunch_calendar() -> WorkCalendar:
    """The bundled calendar with a 12:00-13:00 lunch break: 8 working hours a day."""
    cal = bundled_calendar()
    lunch = WorkingBreak(dt.time(12, 0), dt.time(13, 0), cal.at)
    return WorkCalendar(dataclasses.replace(cal, breaks=(lunch,)))


def lunch_deadline(start: str, duration: str) -> str:
    return f"{add(at(start), parse_duration(duration), lunch_calendar()):%Y-%m-%d %H:%M}"


LUNCH_CASES = [
    # The case: 10:00-12:00 is 2 hours, 13:00-15:00 the other 2.
    ("2026-03-03 10:00", "4 working hours", "2026-03-03 15:00"),
    # A deadline that uses up the morning lands at 12:00, not after lunch.
    ("2026-03-03 09:00", "3 working hours", "2026-03-03 12:00"),
    # Received during lunch: counting starts at 13:00.
    ("2026-03-03 12:30", "1 working hour", "2026-03-03 14:00"),
    ("2026-03-03 12:00", "1 working hour", "2026-03-03 14:00"),
    # 11:30 + 1h: 30 minutes before lunch, 30 after.
    ("2026-03-03 11:30", "1 working hour", "2026-03-03 13:30"),
    # A whole 8-hour day ends at closing; the 9th hour is the next morning.
    ("2026-03-03 09:00", "8 working hours", "2026-03-03 18:00"),
    ("2026-03-03 09:00", "9 working hours", "2026-03-04 10:00"),
    # Fri 03-06 17:30 + 8h: 30 min Friday, Mon 03-09 09:00-12:00 (3h) and 13:00-17:30 (4.5h).
    ("2026-03-06 17:30", "8 working hours", "2026-03-09 17:30"),
    # Across National Day 2026: Wed 09-30 17:40 + 2h: 20 min, then 10-08 09:00 + 100 min.
    ("2026-09-30 17:40", "2 working hours", "2026-10-08 10:40"),
    # Days are counted the same way with or without a break (closing time is still 18:00).
    ("2026-09-30 17:40", "3 working days", "2026-10-10 18:00"),
    ("2026-09-30 17:40", "3 calendar days", "2026-10-08 18:00"),
]


@pytest.mark.parametrize(("start", "duration", "expected"), LUNCH_CASES)
def test_hand_checked_deadline_with_a_lunch_break(start: str, duration: str, expected: str) -> None:
    assert lunch_deadline(start, duration) == expected


LUNCH_PERIODS = ((dt.time(9, 0), dt.time(12, 0)), (dt.time(13, 0), dt.time(18, 0)))


def lunch_minutes_between(a: dt.datetime, b: dt.datetime) -> int:
    """Minutes inside the two working periods in [a, b], counted directly."""
    total = 0
    day = a.date()
    while day <= b.date():
        if lunch_calendar().is_working_day(day):
            for start, end in LUNCH_PERIODS:
                lo = max(a, dt.datetime.combine(day, start))
                hi = min(b, dt.datetime.combine(day, end))
                if hi > lo:
                    total += int((hi - lo).total_seconds() // 60)
        day += dt.timedelta(days=1)
    return total


def lunch_attempt(start: dt.datetime, duration: Duration) -> dt.datetime | None:
    try:
        return add(start, duration, lunch_calendar())
    except OutsideCalendar:
        return None


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS)
def test_with_a_break_working_hours_count_only_inside_the_periods(
    start: dt.datetime, amount: int
) -> None:
    end = lunch_attempt(start, duration_of(amount, Unit.WORKING_HOUR))
    if end is None:
        return
    assert lunch_calendar().is_working_day(end.date())
    assert any(s < end.time() <= e for s, e in LUNCH_PERIODS)  # never at an opening or in lunch
    assert lunch_minutes_between(start, end) == amount * 60


@PROPERTY
@given(MINUTE_STARTS, AMOUNTS, AMOUNTS)
def test_with_a_break_adding_in_two_steps_equals_adding_at_once(
    start: dt.datetime, a: int, b: int
) -> None:
    at_once = lunch_attempt(start, duration_of(a + b, Unit.WORKING_HOUR))
    first = lunch_attempt(start, duration_of(a, Unit.WORKING_HOUR))
    in_two = None if first is None else lunch_attempt(first, duration_of(b, Unit.WORKING_HOUR))
    assert at_once == in_two


@PROPERTY
@given(MINUTE_STARTS, st.integers(min_value=0, max_value=60 * 24 * 5), AMOUNTS)
def test_with_a_break_deadlines_are_monotonic(
    start: dt.datetime, later_by: int, amount: int
) -> None:
    duration = duration_of(amount, Unit.WORKING_HOUR)
    early, late = (
        lunch_attempt(start, duration),
        lunch_attempt(start + dt.timedelta(minutes=later_by), duration),
    )
    if early is not None and late is not None:
        assert early <= late
