"""What a duration means on the working calendar, in words and by example (editor hovers).

The counting conventions are those of ``working_time`` (民法典 第二百零一条、第二百零三条 for
periods in days); the examples are computed with it, never estimated.
"""

from __future__ import annotations

import datetime as dt

from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.model import Calendar, Duration, Unit
from checker.model.vocabulary import weekday_name

EXAMPLE_TIME = dt.time(17, 0)  # late on a working day: the interesting case for most limits


def counting_rule(duration: Duration, calendar: Calendar | None) -> str:
    """How the duration is counted, e.g. for 2 working days: 收到当天不算，从次日起只数工作日…"""
    hours = f"{calendar.start:%H:%M}–{calendar.end:%H:%M}" if calendar else "上班时间"
    closing = f"{calendar.end:%H:%M}" if calendar else "下班时间"
    if duration.unit in (Unit.MINUTE, Unit.HOUR):
        return "自然时间：从收到时起连续计时，夜间、周末和节假日都算。"
    if duration.unit is Unit.WORKING_HOUR:
        return (
            f"工作小时：只在工作日的 {hours} 之间计时（跳过周末和法定节假日，调休上班日照常计时）；"
            "下班后收到的，从下一个工作日上班时开始计时。"
        )
    if duration.unit is Unit.WORKING_DAY:
        return (
            "工作日：收到当天不算，从次日起只数工作日（跳过周末和法定节假日，调休上班日照常算），"
            f"在第 {duration.amount} 个工作日下班时（{closing}）到期。"
        )
    return (
        f"自然日：收到当天不算，从次日起连续数 {duration.amount} 天（周末、节假日都算）；"
        f"最后一天是休息日或节假日的，顺延到其后第一个工作日；在当天下班时（{closing}）到期。"
    )


def _moment(value: dt.datetime) -> str:
    return f"{weekday_name(value)} {value:%H:%M}（{value:%Y-%m-%d}）"


def example_starts(calendar: Calendar, today: dt.date) -> list[dt.datetime]:
    """Start times that show the calendar at work: the next Friday at 17:00, and 17:00 on the
    last working day before the next public holiday (when the data has one)."""
    friday = today + dt.timedelta(days=(4 - today.weekday()) % 7)
    starts = [dt.datetime.combine(friday, EXAMPLE_TIME)]
    work = WorkCalendar(calendar)
    upcoming = sorted(h.date for h in calendar.holidays if h.date > today)
    if upcoming:
        day = upcoming[0] - dt.timedelta(days=1)
        try:
            while day > today and not work.is_working_day(day):
                day -= dt.timedelta(days=1)
        except OutsideCalendar:
            return starts
        if day > today and day != friday:
            starts.append(dt.datetime.combine(day, EXAMPLE_TIME))
    return starts


def examples(duration: Duration, calendar: Calendar, today: dt.date) -> list[str]:
    """Lines like 周五 17:00（2026-12-04）收到 → 周二 18:00（2026-12-08）到期."""
    work = WorkCalendar(calendar)
    lines = []
    for start in example_starts(calendar, today):
        try:
            due = add(start, duration, work)
        except OutsideCalendar as problem:
            lines.append(f"{_moment(start)}收到 → 算不出：{problem}")
            continue
        lines.append(f"{_moment(start)}收到 → {_moment(due)}到期")
    return lines
