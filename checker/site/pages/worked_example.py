"""The worked example on each category page: the due times of a complaint received at the most
instructive moment of the calendar (just before its longest run of days off)."""

from __future__ import annotations

import datetime as dt

from checker.deadlines.calendar_text import provisional_explanation, provisional_mark
from checker.deadlines.timeline import timeline
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar
from checker.model import Category, PlaybookSet
from checker.site.markdown import not_searched, table, text
from checker.site.pages.fragments import moment_label
from checker.site.pages.names import Names


def example_received(playbooks: PlaybookSet) -> dt.datetime | None:
    """17:40 on the last working day before the longest run of days off in the calendar:
    the moment a worked example is most instructive."""
    cal = playbooks.calendar
    if cal is None:
        return None
    work = WorkCalendar(cal)
    best: tuple[int, dt.date] | None = None
    day, run, before = cal.data_from, 0, None
    while day <= cal.data_until:
        if work.is_working_day(day):
            if run and before and (best is None or run > best[0]):
                best = (run, before)
            run, before = 0, day
        else:
            run += 1
        day += dt.timedelta(days=1)
    return dt.datetime.combine(best[1], dt.time(17, 40)) if best else None


def example_timeline(
    category: Category, playbooks: PlaybookSet, names: Names, received: dt.datetime | None
) -> str:
    severity = category.default_severity
    if received is None or severity not in category.limits:
        return ""
    try:
        items = timeline(playbooks, category.id, severity, received)
    except (OutsideCalendar, ValueError):
        return ""
    rows = (
        (
            text(moment_label(d.due) + provisional_mark(d.provisional)),
            text(d.title),
            text(d.duration.label()),
        )
        for d in items
    )
    cal = playbooks.calendar
    provisional = cal is not None and any(d.provisional for d in items)
    return "\n".join(
        [
            "### 时限示例",
            "",
            f"一件「{text(names.severity.get(severity, severity))}」投诉在长假前最后一个工作日的 "
            f"{text(moment_label(received))} 收到，各项截止时间如下（按工作日历计算，节假日不计入工作时间）。"
            "其他时间和严重程度请用 [时限计算器](../calculator.md)。",
            "",
            not_searched(table(("截止时间", "事项", "依据时限"), rows)),
            text(provisional_explanation(cal)) + "\n" if provisional and cal else "",
        ]
    )
