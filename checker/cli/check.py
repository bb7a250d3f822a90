"""``playbook check``: validate playbook files and report every finding."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from checker.cli.errors import EXIT_CLEAN, EXIT_FINDINGS
from checker.cli.reporting import report_context
from checker.pipeline.engine import check_paths
from checker.reporters import FORMATS


def add_parser(sub: Any) -> None:
    check = sub.add_parser("check", help="检查手册文件（默认 playbooks/）")
    check.add_argument("paths", nargs="*", default=["playbooks"], metavar="路径")
    check.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default=None,
        help="输出格式；在 GitHub Actions 中默认为 github，其他情况默认为 text",
    )
    check.add_argument("--strict", action="store_true", help="有警告也算失败")
    check.add_argument("--no-cache", action="store_true", help="不使用也不写入 .playbook_cache/")


def default_format() -> str:
    """github under GitHub Actions, text elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def run(args: argparse.Namespace) -> int:
    fmt = args.format or default_format()
    result = check_paths(args.paths, use_cache=not args.no_cache)
    summary = result.summary
    context = report_context(result.line_text, args.strict)
    FORMATS[fmt](result.findings, summary, sys.stdout, context)
    return EXIT_FINDINGS if summary.fails(args.strict) else EXIT_CLEAN
