"""The in-browser deadline calculator: its data, its form, and the 暂定 banner and calendar
status the handbook shows around it (the calculator page and every category page).

The browser engine (docs/assets/javascripts/deadline-calculator.js) mirrors
``checker.deadlines.working_time`` and ``checker.deadlines.timeline``, provisional days
included; tests run shared vectors through both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from checker.deadlines.calendar_text import (
    provisional_note,
    working_hours_text,
    working_week_text,
    zone_text,
)
from checker.deadlines.calendar_years import calendar_years, next_notice_title
from checker.deadlines.provisional import ProvisionalDays, provisional_days
from checker.deadlines.provisional_window import first_affected_day
from checker.deadlines.timeline import work_calendar
from checker.markup.escape import html_text, script_json
from checker.model import Calendar, Category, PlaybookSet
from checker.model.duration import Duration
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES, PROVISIONAL
from checker.site.markdown import table, text


def _duration(d: Duration) -> dict[str, Any]:
    return {"amount": d.amount, "unit": d.unit.value, "text": d.text, "label": d.label()}


def _days(items: Iterable[tuple[dt.date, str]]) -> list[str]:
    return [d.isoformat() for d, _ in items]


def calendar_data(cal: Calendar, provisional: ProvisionalDays | None) -> dict[str, Any]:
    """The calendar as the browser engine reads it."""
    return {
        "start": cal.start.strftime("%H:%M"),
        "end": cal.end.strftime("%H:%M"),
        "periods": [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in cal.periods],
        "rest_days": sorted(cal.rest_days),
        "data_from": cal.data_from.isoformat(),
        "data_until": cal.data_until.isoformat(),
        "holidays": [d.date.isoformat() for d in cal.holidays],
        "make_up_workdays": [d.date.isoformat() for d in cal.make_up_workdays],
        "time_zone": cal.time_zone,
        "zone_name": zone_text(cal),
        "provisional": (
            {
                "from": provisional.first.isoformat(),
                "until": provisional.last.isoformat(),
                "holidays": _days(provisional.holidays),
                "make_up_workdays": _days(provisional.make_up_workdays),
                "note": provisional_note(provisional),
            }
            if provisional
            else None
        ),
    }


def calculator_data(playbooks: PlaybookSet) -> dict[str, Any]:
    """Calendar, limits and escalation paths as plain JSON-ready data."""
    cal = playbooks.calendar
    policy = playbooks.policy
    tiers = {t.id: t for t in policy.tiers} if policy else {}
    severity_titles = {s.id: s.title for s in policy.severities} if policy else {}
    calendar = calendar_data(cal, provisional_days(cal)) if cal is not None else None
    categories = []
    for category in playbooks.categories:
        severities = []
        for severity, limits in category.limits.items():
            path = category.escalation.get(severity)
            steps = path.steps if path else ()
            severities.append(
                {
                    "id": severity,
                    "title": severity_titles.get(severity, severity),
                    "limits": {m: _duration(limits.metric(m).duration) for m in LIMIT_METRICS},
                    "escalation": [
                        {
                            "after": _duration(s.after),
                            "tier": tiers[s.to].title if s.to in tiers else s.to,
                            "contact": tiers[s.to].contact if s.to in tiers else "",
                        }
                        for s in steps
                    ],
                }
            )
        categories.append({"id": category.id, "title": category.title, "severities": severities})
    return {
        "calendar": calendar,
        "metric_titles": METRIC_TITLES,
        "provisional_label": PROVISIONAL,
        "default_category": categories[0]["id"] if categories else "",
        "categories": categories,
    }


def data_script(playbooks: PlaybookSet) -> str:
    """A ``<script type="application/json">`` block that cannot be closed by its content."""
    payload = script_json(calculator_data(playbooks))
    return f'<script type="application/json" id="deadline-calculator-data">{payload}</script>'


def calculator_form(cal: Calendar) -> str:
    """The form the script fills: category, severity, the received time (with a 现在 button
    that fills in the current time in the calendar's zone) and the result area."""
    zone = html_text(zone_text(cal))
    return (
        '<div id="deadline-calculator" class="deadline-calculator">\n'
        '<p><label>投诉类别 <select name="category"></select></label>\n'
        '<label>严重程度 <select name="severity"></select></label>\n'
        f'<label>收到投诉的时间（{zone}） <input type="datetime-local" name="received"></label>\n'
        '<button type="button" class="md-button deadline-calculator__now">现在</button></p>\n'
        '<div class="deadline-calculator__result" aria-live="polite"></div>\n'
        "</div>\n"
    )


def _durations(categories: Iterable[Category]) -> list[Duration]:
    found = []
    for category in categories:
        for limits in category.limits.values():
            found += [limit.duration for limit in limits.all()]
        for path in category.escalation.values():
            found += [step.after for step in path.steps]
    return found


def provisional_banner(
    playbooks: PlaybookSet, today: dt.date, categories: Iterable[Category] | None = None
) -> str:
    """The 暂定 banner: from which date due times are provisional, shown while a complaint
    received today could get one (for ``categories``, default all). Rendered visible when the
    build's today is already in that window; otherwise hidden, and the calculator script shows
    it once the reader's today (in the calendar's zone) reaches the window. Empty when no due
    time can become provisional."""
    cal = playbooks.calendar
    if cal is None:
        return ""
    work = work_calendar(cal)
    if work.provisional is None:
        return ""
    durations = _durations(playbooks.categories if categories is None else categories)
    show_from = first_affected_day(work, durations)
    if show_from is None or today > work.last:
        return ""
    provisional_from = work.provisional.first
    hidden = "" if today >= show_from else " hidden"
    title = f"{provisional_from} 起的截止时间为{PROVISIONAL}"
    body = (
        f"官方放假数据只到 {cal.data_until}，之后的截止时间按法定节假日和补假推算（不含调休），"
        f"标注「{PROVISIONAL}」；国务院办公厅的通知发布后可能提前或推后。"
        f"向客户承诺这类时间前，请值班主管确认。请留意{next_notice_title(cal)}。"
    )
    return (
        f'<div class="admonition warning deadline-provisional-banner" '
        f'data-show-from="{show_from}" data-time-zone="{html_text(cal.time_zone)}"{hidden}>\n'
        f'<p class="admonition-title">{html_text(title)}</p>\n'
        f"<p>{html_text(body)}</p>\n"
        "</div>\n"
    )


def calendar_rules(cal: Calendar) -> list[str]:
    """The 计算规则 bullets of the calculator page (Markdown lines)."""
    zone = zone_text(cal)
    return [
        f"- 所有时间都是{text(zone)}（{text(cal.time_zone)}）。",
        f"- 工作时间：每{text(working_week_text(cal))}，{text(working_hours_text(cal))}；"
        "法定节假日休息，调休上班日照常上班。",
        "- 以分钟、小时写的时限（如 30m、4h）按自然时间连续计算，夜间和节假日也计时。",
        "- 以工作小时写的时限只在工作时间内计时"
        + ("（午休等休息时段不计）" if cal.breaks else "")
        + "；下班后收到的投诉从下一个工作日上班时开始计时。",
        "- 以天写的时限（自然日、工作日）参照《民法典》第二百零一条、第二百零三条：收到投诉当天不计入，"
        "从次日起算；最后一天遇休息日或节假日顺延到其后第一个工作日；截止时间为当天下班时间。",
        f"- 官方放假数据覆盖 {cal.data_from} 至 {cal.data_until}。之后的截止时间按暂定日历推算，标注「{PROVISIONAL}」，"
        "见下方[日历数据来源](#calendar-years)。",
    ]


def calendar_years_section(cal: Calendar) -> str:
    """日历数据来源: each year official (package), hand-entered (with its notice) or 暂定."""
    provisional = provisional_days(cal)
    rows = []
    for year in calendar_years(cal, provisional):
        source = year.source
        if year.notice is not None:
            checked = (
                "已与 chinesecalendar 逐日核对" if year.in_package else "chinesecalendar 尚未收录"
            )
            source = (
                f"《{year.notice.title}》{year.notice.number}，{year.notice.date}，"
                f"{year.notice.url}（{checked}）"
            )
        rows.append((str(year.year), text(year.status.label), text(source)))
    lines = [
        "## 日历数据来源 {#calendar-years}",
        "",
        table(("年份", "状态", "来源"), rows),
    ]
    if provisional is not None:
        lines += [text(provisional_note(provisional)), ""]
    return "\n".join(lines)
