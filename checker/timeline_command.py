"""``playbook timeline`` and ``playbook calendar refresh``: argument wiring and output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from checker.engine import UsageError, check_paths
from checker.loader import load_text
from checker.timeline import TimelineError, parse_received, timeline
from checker.working_time import OutsideCalendar

WEEKDAYS = "一二三四五六日"


def add_parsers(sub: Any) -> None:
    parser = sub.add_parser("timeline", help="计算一件投诉的全部截止时间")
    parser.add_argument(
        "--category", required=True, metavar="类别", help="类别标识，例如 product-quality"
    )
    parser.add_argument(
        "--severity", required=True, metavar="严重程度", help="normal、major 或 critical"
    )
    parser.add_argument(
        "--received", required=True, metavar="时间", help='收到投诉的时间，例如 "2026-09-30 17:40"'
    )
    parser.add_argument("--playbooks", default="playbooks", metavar="文件夹")
    parser.add_argument("--format", choices=("text", "json"), default="text")

    calendar = sub.add_parser("calendar", help="工作日历")
    actions = calendar.add_subparsers(dest="calendar_action", metavar="操作", required=True)
    refresh = actions.add_parser("refresh", help="用 chinesecalendar 软件包的数据刷新节假日和调休")
    refresh.add_argument("--file", default="playbooks/calendar.yaml", metavar="文件")
    refresh.add_argument("--years", nargs="+", type=int, required=True, metavar="年份")
    refresh.add_argument("--write", action="store_true", help="写回文件（默认只打印到标准输出）")


def run_timeline(args: argparse.Namespace) -> int:
    result = check_paths([args.playbooks])
    if result.summary.errors or result.playbooks is None:
        raise UsageError(
            f"「{args.playbooks}」中的手册有错误，先运行 playbook check 修正后再计算时限。"
        )
    try:
        received = parse_received(args.received)
        items = timeline(result.playbooks, args.category, args.severity, received)
    except (TimelineError, OutsideCalendar) as error:
        raise UsageError(str(error)) from None
    category = result.playbooks.category(args.category)
    policy = result.playbooks.policy
    severity = (
        policy.severity(args.severity).title
        if policy and policy.severity(args.severity)
        else args.severity
    )
    if args.format == "json":
        payload = {
            "category": args.category,
            "severity": args.severity,
            "received": received.isoformat(timespec="minutes"),
            "due": [
                {
                    "kind": d.kind,
                    "title": d.title,
                    "due": d.due.isoformat(timespec="minutes"),
                    "duration": d.duration.label(),
                    "tier": d.tier,
                    "rule": d.rule,
                    "source": d.source,
                }
                for d in items
            ],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    cal = result.playbooks.calendar
    lines = [
        f"{category.title if category else args.category} · {severity} · 收到投诉 "
        f"{received:%Y-%m-%d %H:%M}（星期{WEEKDAYS[received.weekday()]}）",
    ]
    if cal:
        lines.append(
            f"工作日历：{cal.data_from} 至 {cal.data_until}，工作时间 {cal.start:%H:%M}–{cal.end:%H:%M}"
        )
    lines.append("")
    for d in items:
        lines.append(
            f"{d.due:%Y-%m-%d %H:%M} 周{WEEKDAYS[d.due.weekday()]}  {d.title}（{d.duration.label()}）"
        )
        lines.append(f"    依据：{d.rule}  {d.source}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def run_calendar(args: argparse.Namespace) -> int:
    from checker.calendar_refresh import UnknownYear, render

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
