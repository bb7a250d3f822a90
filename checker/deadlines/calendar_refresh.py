"""Refresh calendar.yaml's holidays and make-up working days from the ``chinesecalendar``
package (which carries the State Council's published schedules).

Only years the package knows are written; a year it does not know is refused, never guessed.
The header, working hours, rest days and notes of the existing file are kept. Strings are
written as JSON strings (valid YAML double-quoted scalars), so the output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

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


SOURCE = "chinesecalendar {version} 软件包（数据取自国务院办公厅历年发布的部分节假日安排通知）"


class UnknownYear(ValueError):
    """The package has no data for a year; the message is Chinese."""


def package_version() -> str:
    import chinese_calendar

    return str(getattr(chinese_calendar, "__version__", "unknown"))


def schedule(years: Iterable[int]) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, str]]]:
    """(holidays, make-up workdays) for the years, from chinesecalendar."""
    import chinese_calendar

    # every year between the first and the last: a gap would silently drop a year's holidays
    wanted = list(range(min(years), max(years) + 1))
    known = {d.year for d in chinese_calendar.holidays}
    missing = [y for y in wanted if y not in known]
    if missing:
        raise UnknownYear(
            f"chinesecalendar {package_version()} 没有 {'、'.join(map(str, missing))} 年的放假安排；"
            "请等待国务院发布通知、软件包更新后再刷新，不能自行推测。"
        )
    holidays = sorted(
        (d, HOLIDAY_NAMES.get(str(h), str(h)))
        for d, h in chinese_calendar.holidays.items()
        if d.year in wanted
    )
    workdays = sorted(
        (d, HOLIDAY_NAMES.get(str(h), str(h)) + "调休")
        for d, h in chinese_calendar.workdays.items()
        if d.year in wanted
    )
    return holidays, workdays


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(data: dict[str, Any], years: list[int]) -> str:
    """The whole calendar file: ``data`` supplies the header and the kept sections."""
    holidays, workdays = schedule(years)
    lines = [
        "# yaml-language-server: $schema=../schemas/calendar.schema.json",
        "kind: calendar",
        f"title: {_q(data['title'])}",
        f"version: {_q(data['version'])}",
        f"effective: {_q(data['effective'])}",
        f"owner: {_q(data['owner'])}",
        "changelog:",
    ]
    for entry in data["changelog"]:
        lines += [f"  - version: {_q(entry['version'])}", f"    date: {_q(entry['date'])}"]
        if entry.get("author"):
            lines.append(f"    author: {_q(entry['author'])}")
        lines.append("    changes:")
        lines += [f"      - {_q(change)}" for change in entry["changes"]]
    hours = data["working_hours"]
    lines += [
        "working_hours:",
        f"  start: {_q(hours['start'])}",
        f"  end: {_q(hours['end'])}",
    ]
    if hours.get("notes"):
        lines.append(f"  notes: {_q(hours['notes'])}")
    lines += [
        f"rest_days: {json.dumps(sorted(data['rest_days']))}",
        f"data_from: {_q(dt.date(min(years), 1, 1).isoformat())}",
        f"data_until: {_q(dt.date(max(years), 12, 31).isoformat())}",
        f"source: {_q(SOURCE.format(version=package_version()))}",
        "holidays:",
    ]
    lines += [f"  - {{date: {_q(d.isoformat())}, name: {_q(n)}}}" for d, n in holidays]
    lines.append("make_up_workdays:")
    lines += [f"  - {{date: {_q(d.isoformat())}, name: {_q(n)}}}" for d, n in workdays]
    if data.get("notes"):
        lines.append(f"notes: {_q(data['notes'])}")
    return "\n".join(lines) + "\n"
