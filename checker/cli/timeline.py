"""``playbook timeline``: every due time of one complaint, with the playbook line behind it.

Due times past the calendar's official data are computed on the provisional calendar and
marked 暂定, with the reason and the way they may move; times are the calendar's wall-clock
time (北京时间), written with their offset in JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from checker.cli.errors import UsageError
from checker.deadlines.calendar_text import provisional_note, working_hours_text, zone_text
from checker.deadlines.time_zone import with_offset
from checker.deadlines.timeline import (
    DueTime,
    TimelineError,
    parse_received,
    timeline,
    work_calendar,
)
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar
from checker.model.vocabulary import PROVISIONAL, moment
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
        "--received",
        required=True,
        metavar="时间",
        help='收到投诉的时间（工作日历的时区，通常是北京时间），例如 "2026-09-30 17:40"',
    )
    parser.add_argument("--playbooks", default="playbooks", metavar="文件夹")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    result = check_paths([args.playbooks])
    playbooks = result.playbooks
    if result.summary.errors or playbooks is None:
        raise UsageError(
            f"「{args.playbooks}」中的手册有错误，先运行 playbook check 修正后再计算时限。"
        )
    cal = playbooks.calendar
    work = work_calendar(cal) if cal is not None else None
    try:
        received = parse_received(args.received)
        items = timeline(playbooks, args.category, args.severity, received, work)
    except TimelineError as error:
        raise UsageError(str(error)) from None
    except OutsideCalendar as error:
        raise UsageError(
            f"{error} 日历的数据由 calendar.yaml 维护（见 playbook calendar status）。"
        ) from None
    assert cal is not None and work is not None  # timeline() refuses playbooks without one
    category = playbooks.category(args.category)
    policy = playbooks.policy
    level = policy.severity(args.severity) if policy else None
    severity = level.title if level else args.severity
    note = provisional_note(work.provisional) if work.provisional else ""
    shown_note = note if any(d.provisional for d in items) else ""
    if args.format == "json":
        _json(args, received, items, work, shown_note)
        return 0
    lines = [
        f"{category.title if category else args.category} · {severity} · 收到投诉 "
        f"{moment(received)}（{zone_text(cal)}）",
        f"工作日历：官方数据 {cal.data_from} 至 {cal.data_until}，工作时间 {working_hours_text(cal)}"
        f"（{zone_text(cal)}）",
        "",
    ]
    for d in items:
        mark = f"  【{PROVISIONAL}】" if d.provisional else ""
        lines.append(f"{moment(d.due)}  {d.title}（{d.duration.label()}）{mark}")
        lines.append(f"    依据：{d.rule}  {d.source}")
    if shown_note:
        lines += ["", shown_note]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _json(
    args: argparse.Namespace,
    received: Any,
    items: list[DueTime],
    work: WorkCalendar,
    note: str,
) -> None:
    cal = work.calendar
    zone = cal.time_zone
    payload = {
        "category": args.category,
        "severity": args.severity,
        "received": with_offset(received, zone),
        "time_zone": zone,
        "calendar": {
            "official_from": cal.data_from.isoformat(),
            "official_until": cal.data_until.isoformat(),
            "provisional_until": work.last.isoformat() if work.provisional else None,
        },
        "provisional": (
            {
                "reason": work.provisional.reason(),
                "may_move": work.provisional.may_move(),
                "source": work.provisional.source,
            }
            if note and work.provisional
            else None
        ),
        "due": [
            {
                "kind": d.kind,
                "title": d.title,
                "due": with_offset(d.due, zone),
                "provisional": d.provisional,
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
