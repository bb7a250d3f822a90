"""``playbook calendar``: ``status`` says where each year of the working calendar comes from
(official / hand-entered with its notice / 暂定) and when the official data ends; ``refresh``
rewrites holidays and make-up working days from chinesecalendar."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from checker.cli.errors import UsageError
from checker.deadlines.calendar_refresh import UnknownYear, render
from checker.deadlines.calendar_text import (
    provisional_note,
    working_hours_text,
    working_week_text,
    zone_text,
)
from checker.deadlines.calendar_years import (
    CalendarYear,
    YearStatus,
    calendar_years,
    next_notice_title,
)
from checker.deadlines.clock import today
from checker.deadlines.provisional import ProvisionalDays, provisional_days
from checker.findings import Severity
from checker.model import Calendar
from checker.pipeline.engine import check_paths
from checker.yaml.loader import load_text


def add_parser(sub: Any) -> None:
    calendar = sub.add_parser("calendar", help="工作日历：数据来源和刷新")
    actions = calendar.add_subparsers(dest="calendar_action", metavar="操作", required=True)
    status = actions.add_parser(
        "status", help="每一年的数据来源（官方数据、手工录入或暂定）和官方数据的截止日"
    )
    status.add_argument("--playbooks", default="playbooks", metavar="文件夹")
    status.add_argument("--format", choices=("text", "json"), default="text")
    refresh = actions.add_parser("refresh", help="用 chinesecalendar 软件包的数据刷新节假日和调休")
    refresh.add_argument("--file", default="playbooks/calendar.yaml", metavar="文件")
    refresh.add_argument("--years", nargs="+", type=int, required=True, metavar="年份")
    refresh.add_argument("--write", action="store_true", help="写回文件（默认只打印到标准输出）")


def run(args: argparse.Namespace) -> int:
    if args.calendar_action == "status":
        return run_status(args)
    return run_refresh(args)


def run_status(args: argparse.Namespace) -> int:
    result = check_paths([args.playbooks])
    cal = result.playbooks.calendar if result.playbooks else None
    if cal is None:
        raise UsageError(
            f"「{args.playbooks}」中没有可用的工作日历（calendar.yaml），先运行 playbook check 修正。"
        )
    calendar_errors = [
        f for f in result.findings if f.path == cal.at.source.path and f.severity is Severity.ERROR
    ]
    provisional = provisional_days(cal)
    years = calendar_years(cal, provisional)
    now = today(cal)
    if args.format == "json":
        json.dump(
            _status_json(cal, years, now, provisional), sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
        return 0
    left = (cal.data_until - now).days
    lines = [
        f"工作日历 {cal.at.source.path}（版本 {cal.header.version}）",
        f"时区：{zone_text(cal)}（{cal.time_zone}）；今天：{now}",
        f"工作时间：{working_week_text(cal)} {working_hours_text(cal)}",
        "",
    ]
    width = max((len(y.status.label) for y in years), default=0)
    for year in years:
        whole = (year.first.timetuple().tm_yday == 1) and (year.last.month, year.last.day) == (
            12,
            31,
        )
        span = "" if whole else f"（{year.first} 至 {year.last}）"
        label = year.status.label.ljust(width, "　")  # full-width padding keeps columns
        lines.append(f"{year.year} 年{span}  {label}  {_source(year)}")
    lines.append("")
    if left >= 0:
        lines.append(f"官方数据到 {cal.data_until}，还有 {left} 天。")
    else:
        lines.append(f"官方数据已于 {cal.data_until} 用完。")
    if provisional is not None:
        lines.append(f"{provisional.first} 起的截止时间为暂定，请留意{next_notice_title(cal)}。")
        lines.append(provisional_note(provisional))
    if calendar_errors:
        lines.append(
            f"注意：{cal.at.source.path} 有 {len(calendar_errors)} 个错误，运行 playbook check 查看。"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _source(year: CalendarYear) -> str:
    if year.status is YearStatus.HAND_ENTERED:
        checked = (
            "，已与 chinesecalendar 逐日核对" if year.in_package else "，chinesecalendar 尚未收录"
        )
        return year.source + checked
    if year.status is YearStatus.UNSOURCED:
        return "既不在 chinesecalendar 中，也没有手工录入的通知（PB803）"
    return year.source


def _status_json(
    cal: Calendar,
    years: list[CalendarYear],
    now: dt.date,
    provisional: ProvisionalDays | None,
) -> dict[str, Any]:
    return {
        "file": cal.at.source.path,
        "version": cal.header.version,
        "time_zone": cal.time_zone,
        "today": now.isoformat(),
        "official_until": cal.data_until.isoformat(),
        "days_left": (cal.data_until - now).days,
        "next_notice": next_notice_title(cal),
        "years": [
            {
                "year": y.year,
                "from": y.first.isoformat(),
                "until": y.last.isoformat(),
                "status": y.status.value,
                "label": y.status.label,
                "source": y.source,
                "notice": (
                    {
                        "title": y.notice.title,
                        "number": y.notice.number,
                        "date": y.notice.date.isoformat(),
                        "url": y.notice.url,
                    }
                    if y.notice
                    else None
                ),
                "checked_against_package": y.in_package,
            }
            for y in years
        ],
        "provisional": (
            {"reason": provisional.reason(), "may_move": provisional.may_move()}
            if provisional
            else None
        ),
    }


def run_refresh(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        loaded = load_text(str(path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"无法读取「{path}」：{error}") from None
    if (
        loaded.data is None
        or not isinstance(loaded.data, dict)
        or loaded.data.get("kind") != "calendar"
    ):
        raise UsageError(f"「{path}」不是有效的工作日历文件，先运行 playbook check 修正。")
    try:
        text = render(loaded.data, list(args.years))
    except UnknownYear as error:
        raise UsageError(str(error)) from None
    except KeyError as error:
        raise UsageError(f"「{path}」缺少字段 {error}，先运行 playbook check 修正。") from None
    if args.write:
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(
            f"已刷新 {path}：{min(args.years)}—{max(args.years)} 年。记得提升版本号并写变更记录。\n"
        )
    else:
        sys.stdout.write(text)
    return 0
