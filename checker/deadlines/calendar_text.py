"""How the working calendar is described to people, the same way in the CLI and the handbook:
working hours, the time zone, and the 暂定 explanation."""

from __future__ import annotations

from checker.deadlines.provisional import ProvisionalDays, provisional_days
from checker.model import Calendar
from checker.model.vocabulary import PROVISIONAL, iso_weekday_name, time_zone_name


def working_hours_text(calendar: Calendar) -> str:
    """09:00–18:00, or 09:00–12:00、13:00–18:00 with a lunch break."""
    return "、".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in calendar.periods)


def working_week_text(calendar: Calendar) -> str:
    """周一、周二、周三、周四、周五: the weekdays that are not rest days."""
    return "、".join(iso_weekday_name(d) for d in range(1, 8) if d not in calendar.rest_days)


def zone_text(calendar: Calendar) -> str:
    """北京时间 (or the zone's own name)."""
    return time_zone_name(calendar.time_zone)


def provisional_note(provisional: ProvisionalDays) -> str:
    """What 暂定 means, why, and how such a due time may move: one paragraph."""
    return f"{PROVISIONAL}：{provisional.reason()}。{provisional.may_move()}。"


def provisional_mark(provisional: bool) -> str:
    """（暂定） after a due time computed on the provisional calendar, else nothing."""
    return f"（{PROVISIONAL}）" if provisional else ""


def provisional_explanation(calendar: Calendar) -> str:
    """The 暂定 paragraph for ``calendar``, or nothing when it has no provisional days."""
    days = provisional_days(calendar)
    return provisional_note(days) if days else ""
