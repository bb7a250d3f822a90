"""What the ``chinesecalendar`` package knows: the State Council's published holiday schedules.

It is the authority for a year's holidays and 调休 make-up working days: it fails loudly for a
year it has no data for, and a release carries a year only after the State Council's notice is
out. Imported lazily (a check of a folder without a calendar never needs it).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_version() -> str:
    """The installed chinesecalendar version, e.g. 1.11.0."""
    import chinese_calendar

    return str(getattr(chinese_calendar, "__version__", "unknown"))


@cache
def known_years() -> frozenset[int]:
    """Every year the installed chinesecalendar has the State Council's schedule for."""
    import chinese_calendar

    return frozenset(d.year for d in chinese_calendar.holidays)


def holidays(year: int) -> list[tuple[dt.date, str]]:
    """The year's days off (weekend days inside a holiday run included), with Chinese names."""
    import chinese_calendar

    return sorted(
        (d, HOLIDAY_NAMES.get(str(name), str(name)))
        for d, name in chinese_calendar.holidays.items()
        if d.year == year
    )


def make_up_workdays(year: int) -> list[tuple[dt.date, str]]:
    """The year's 调休 make-up working days, named after their holiday (国庆节调休)."""
    import chinese_calendar

    return sorted(
        (d, HOLIDAY_NAMES.get(str(name), str(name)) + "调休")
        for d, name in chinese_calendar.workdays.items()
        if d.year == year
    )


@cache
def _days() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    import chinese_calendar

    return frozenset(chinese_calendar.holidays), frozenset(chinese_calendar.workdays)


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a working day by the published schedule (the year must be known):
    chinesecalendar's own rule, a make-up day or a weekday that is no holiday."""
    holidays, workdays = _days()
    return day in workdays or (day.isoweekday() <= 5 and day not in holidays)
