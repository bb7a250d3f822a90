"""The working calendar: consistent data, and a warning before its data runs out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.findings import Example, Finding, Rule, Severity
from checker.model.duration import Duration
from checker.model.vocabulary import weekday_name
from checker.rules.context import RuleContext, SetIndex
from checker.rules.registry import rule

_CALENDAR_BASE = 'data_from: "2026-01-01"\ndata_until: "2026-12-31"\n'


@rule(
    "PB801",
    "calendar-consistent",
    Severity.ERROR,
    "工作日历必须自洽：下班晚于上班，节假日和调休日都在数据范围内、互不重复，调休上班日落在休息日。",
    "日历错一天，所有按工作日计算的截止时间都会跟着错；调休日落在平常的工作日上，说明日期抄错了。",
    good=(
        Example('make_up_workdays:\n  - {date: "2026-01-04", name: 元旦调休}\n', target="calendar"),
    ),
    bad=(
        Example('make_up_workdays:\n  - {date: "2026-01-05", name: 元旦调休}\n', target="calendar"),
    ),
)
def calendar_consistent(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    cal = playbooks.calendar
    if cal is None:
        return
    source = cal.at.source
    if cal.end <= cal.start:
        yield r.on_value(
            source,
            ("working_hours", "end"),
            "下班时间不晚于上班时间。",
            "把 end 改成晚于 start 的时间。",
        )
    if cal.data_until < cal.data_from:
        yield r.on_value(
            source, ("data_until",), "数据截止日早于起始日。", "检查 data_from 和 data_until。"
        )
    seen: dict[dt.date, str] = {}
    for kind, items in (("法定节假日", cal.holidays), ("调休上班日", cal.make_up_workdays)):
        for item in items:
            where = (*item.at.pointer, "date")
            if not cal.data_from <= item.date <= cal.data_until:
                yield r.on_value(
                    source,
                    where,
                    f"{kind} {item.date} 不在数据范围 {cal.data_from} 至 {cal.data_until} 之内。",
                    "调整 data_from / data_until，或删除这一天。",
                )
            if item.date in seen:
                yield r.on_value(
                    source,
                    where,
                    f"{item.date} 重复出现（已列为{seen[item.date]}）。",
                    "每个日期只能出现一次。",
                )
            seen[item.date] = kind
            if kind == "调休上班日" and item.date.isoweekday() not in cal.rest_days:
                yield r.on_value(
                    source,
                    where,
                    f"调休上班日 {item.date} 本来就是工作日（{weekday_name(item.date)}）。",
                    "调休上班日应当是周末；核对国务院办公厅的通知。",
                )


def _limits(index: SetIndex) -> dict[str, Duration]:
    """Every distinct limit and escalation time in the playbooks, by its text."""
    return {duration.text: duration for duration in index.durations}


@rule(
    "PB802",
    "calendar-covers-limits",
    Severity.WARNING,
    "从今天起算最长的时限，工作日历的数据必须还够用；快用完时提醒补充下一年的放假安排。",
    "国务院每年 11 月前后发布下一年的放假安排；日历没有及时补充，跨年的投诉就算不出截止时间。"
    "这条提醒按今天的日期判断（可用环境变量 PLAYBOOK_TODAY 固定日期）。",
    good=(
        Example('data_until: "2099-12-31"\n', target="calendar", note="数据一直覆盖到很远的将来。"),
    ),
    bad=(
        Example(
            'data_until: "2000-12-31"\ndata_from: "2000-01-01"\nholidays: []\nmake_up_workdays: []\n',
            target="calendar",
        ),
    ),
    across_files=True,
)
def calendar_covers_limits(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    cal = playbooks.calendar
    if cal is None:
        return
    start = dt.datetime.combine(context.today, dt.time(12, 0))
    work = WorkCalendar(cal)
    for duration in _limits(context.index).values():
        try:
            add(start, duration, work)
        except OutsideCalendar:
            yield r.on_value(
                cal.at.source,
                ("data_until",),
                f"工作日历的数据只到 {cal.data_until}：今天（{context.today}）收到的投诉，时限 {duration.text} "
                "会超出数据范围，届时无法计算截止时间。",
                "国务院办公厅发布下一年放假安排、chinesecalendar 更新后，运行 playbook calendar refresh 补充；"
                "不要自行推测节假日。",
            )
            return
