"""Refresh calendar.yaml's holidays and make-up working days from the ``chinesecalendar``
package (which carries the State Council's published schedules).

Only years the package knows are written; a year it does not know is refused, never guessed.
The header, working hours, rest days, time zone, hand-entered notices (of the years kept) and
notes of the existing file are kept. Strings are written as JSON strings (valid YAML
double-quoted scalars), so the output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from checker.deadlines import official
from checker.model.calendar import DEFAULT_TIME_ZONE

SOURCE = "chinesecalendar {version} 软件包（数据取自国务院办公厅历年发布的部分节假日安排通知）"


class UnknownYear(ValueError):
    """The package has no data for a year; the message is Chinese."""


def schedule(years: Iterable[int]) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, str]]]:
    """(holidays, make-up workdays) for the years, from chinesecalendar."""
    years = list(years)
    # every year between the first and the last: a gap would silently drop a year's holidays
    wanted = list(range(min(years), max(years) + 1))
    missing = [y for y in wanted if y not in official.known_years()]
    if missing:
        raise UnknownYear(
            f"chinesecalendar {official.package_version()} 没有 {'、'.join(map(str, missing))} 年的放假安排；"
            "请等待国务院发布通知、软件包更新后再刷新，不能自行推测。"
            "通知已经发布而软件包还没有收录的，可以按通知原文手工录入，并在 notices 中写明出处。"
        )
    holidays = [item for year in wanted for item in official.holidays(year)]
    workdays = [item for year in wanted for item in official.make_up_workdays(year)]
    return holidays, workdays


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(data: dict[str, Any], years: list[int]) -> str:
    """The whole calendar file: ``data`` supplies the header and the kept sections."""
    holidays, workdays = schedule(years)
    first, last = min(years), max(years)
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
    if hours.get("breaks"):
        lines.append("  breaks:")
        lines += [
            f"    - {{start: {_q(b['start'])}, end: {_q(b['end'])}}}" for b in hours["breaks"]
        ]
    if hours.get("notes"):
        lines.append(f"  notes: {_q(hours['notes'])}")
    lines += [
        f"rest_days: {json.dumps(sorted(data['rest_days']))}",
        f"time_zone: {_q(data.get('time_zone', DEFAULT_TIME_ZONE))}",
        f"data_from: {_q(dt.date(first, 1, 1).isoformat())}",
        f"data_until: {_q(dt.date(last, 12, 31).isoformat())}",
        f"source: {_q(SOURCE.format(version=official.package_version()))}",
    ]
    notices = [n for n in data.get("notices") or () if first <= n["year"] <= last]
    if notices:
        lines.append("notices:")
        for n in notices:
            lines += [
                f"  - year: {n['year']}",
                f"    title: {_q(n['title'])}",
                f"    number: {_q(n['number'])}",
                f"    date: {_q(n['date'])}",
                f"    url: {_q(n['url'])}",
            ]
    lines.append("holidays:")
    lines += [f"  - {{date: {_q(d.isoformat())}, name: {_q(n)}}}" for d, n in holidays]
    lines.append("make_up_workdays:")
    lines += [f"  - {{date: {_q(d.isoformat())}, name: {_q(n)}}}" for d, n in workdays]
    if data.get("notes"):
        lines.append(f"notes: {_q(data['notes'])}")
    return "\n".join(lines) + "\n"
