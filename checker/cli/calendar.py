"""``playbook calendar refresh``: holidays and make-up working days from chinesecalendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.cli.errors import UsageError
from checker.deadlines.calendar_refresh import UnknownYear, render
from checker.yaml.loader import load_text


def add_parser(sub: Any) -> None:
    calendar = sub.add_parser("calendar", help="工作日历")
    actions = calendar.add_subparsers(dest="calendar_action", metavar="操作", required=True)
    refresh = actions.add_parser("refresh", help="用 chinesecalendar 软件包的数据刷新节假日和调休")
    refresh.add_argument("--file", default="playbooks/calendar.yaml", metavar="文件")
    refresh.add_argument("--years", nargs="+", type=int, required=True, metavar="年份")
    refresh.add_argument("--write", action="store_true", help="写回文件（默认只打印到标准输出）")


def run(args: argparse.Namespace) -> int:
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
