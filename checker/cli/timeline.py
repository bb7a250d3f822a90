"""``playbook timeline``: every due time of one complaint, with the playbook line behind it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from checker.cli.errors import UsageError
from checker.deadlines.timeline import TimelineError, parse_received, timeline
from checker.deadlines.working_time import OutsideCalendar
from checker.model.vocabulary import weekday_name
from checker.pipeline.engine import check_paths


def add_parser(sub: Any) -> None:
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


def run(args: argparse.Namespace) -> int:
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
    level = policy.severity(args.severity) if policy else None
    severity = level.title if level else args.severity
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
        f"{received:%Y-%m-%d %H:%M}（{weekday_name(received)}）",
    ]
    if cal:
        lines.append(
            f"工作日历：{cal.data_from} 至 {cal.data_until}，工作时间 {cal.start:%H:%M}–{cal.end:%H:%M}"
        )
    lines.append("")
    for d in items:
        lines.append(
            f"{d.due:%Y-%m-%d %H:%M} {weekday_name(d.due)}  {d.title}（{d.duration.label()}）"
        )
        lines.append(f"    依据：{d.rule}  {d.source}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
