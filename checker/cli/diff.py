"""``playbook diff [BASE [HEAD]]``: what a change to the playbooks means, for compliance review.

Exit codes: 0 nothing to stop for; 1 a version-discipline error (PB7xx), or changes matched
by ``--fail-on``; 2 a usage error, a revision or folder that cannot be found, or playbooks on
either side that cannot be read (their findings are printed).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from checker.cli.errors import UsageError
from checker.cli.reporting import report_context
from checker.reporters import FORMATS
from checker.reporters.text import format_finding

if TYPE_CHECKING:
    from checker.diff.report import DiffReport
    from checker.diff.sources import SideErrors

# The diff's own modules are imported when ``diff`` runs, so that ``playbook check`` (run on
# every save) does not pay for them at start-up.
EXIT_CLEAN, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FAIL_ON = ("loosened", "any")
REPORT_FORMATS = ("markdown", "json", "text")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``diff`` on the ``playbook`` command's subparsers."""
    parser = subparsers.add_parser(
        "diff",
        help="比较两个版本的手册：放宽、收紧、新增、删除和措辞修改，并检查版本号",
        description=(
            "按业务含义比较两个版本的手册。基准和对比可以是 git 版本或文件夹；"
            "默认基准是 HEAD 与主分支（依次尝试 main、origin/main、master）的合并基点，"
            "默认对比是工作区。不修改工作区、暂存区和 HEAD，不访问网络。"
        ),
    )
    parser.add_argument("base", nargs="?", metavar="基准", help="git 版本或文件夹")
    parser.add_argument("head", nargs="?", metavar="对比", help="git 版本或文件夹（默认工作区）")
    parser.add_argument(
        "--playbooks", default="playbooks", metavar="文件夹", help="手册文件夹（默认 playbooks）"
    )
    parser.add_argument(
        "--format",
        choices=sorted(set(REPORT_FORMATS) | set(FORMATS)),
        default=None,
        help="变更报告：markdown、json、text（默认）；加 --check-versions 时：text、json、sarif、"
        "github、junit",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="有放宽（loosened）或有任何变更（any）时以退出码 1 结束",
    )
    parser.add_argument(
        "--check-versions",
        action="store_true",
        help="只输出版本号检查（PB7xx）的结果，使用检查器的输出格式",
    )
    return parser


def _format(args: argparse.Namespace) -> str:
    if args.check_versions:
        fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        if fmt not in FORMATS:
            raise UsageError(
                f"--check-versions 只支持这些格式：{'、'.join(sorted(FORMATS))}；"
                f"{fmt} 是变更报告的格式，去掉 --check-versions 即可使用。"
            )
        return fmt
    fmt = args.format or "text"
    if fmt not in REPORT_FORMATS:
        raise UsageError(
            f"格式 {fmt} 只用于版本号检查：请加上 --check-versions，"
            f"或使用变更报告的格式 {'、'.join(REPORT_FORMATS)}。"
        )
    return fmt


def _side_errors(errors: SideErrors) -> int:
    for side in errors.sides:
        sys.stderr.write(
            f"playbook：{side.title} 的手册文件有错误，无法比较（共 {len(side.problems)} 个）：\n\n"
        )
        sources = {s.path: s for s in side.playbooks.sources}
        for finding in side.problems:
            source = sources.get(finding.path)
            line = source.line_text(finding.line) if source else ""
            sys.stderr.write(format_finding(finding, line) + "\n\n")
    sys.stderr.write("请先修正这些错误（playbook check 可以检查工作区中的文件），再比较。\n")
    return EXIT_USAGE


def exit_code(report: DiffReport, fail_on: str | None) -> int:
    """1 for a version error or a change that ``--fail-on`` names, else 0."""
    from checker.diff.changes import ChangeLevel

    if report.version_errors():
        return EXIT_FAILED
    if fail_on == "any" and report.changes:
        return EXIT_FAILED
    if fail_on == "loosened" and report.diff.count(ChangeLevel.LOOSENED):
        return EXIT_FAILED
    return EXIT_CLEAN


def run(args: argparse.Namespace) -> int:
    """Run ``playbook diff`` with parsed arguments; returns the exit code."""
    from checker.diff.formats import DIFF_FORMATS
    from checker.diff.review import build_report
    from checker.diff.sources import SideErrors

    fmt = _format(args)
    try:
        report = build_report(args.base, args.head, args.playbooks)
    except SideErrors as errors:
        return _side_errors(errors)
    if not args.check_versions:
        DIFF_FORMATS[fmt](report, sys.stdout)
    elif fmt == "text":
        # HEAD may be a git revision: frames come from its text, not from the files on disk.
        for finding in report.findings:
            sys.stdout.write(format_finding(finding, report.line_text(finding)) + "\n\n")
        sys.stdout.write(report.summary.sentence() + "\n")
    else:
        lines = {(f.path, f.line): report.line_text(f) for f in report.findings}
        context = report_context(lambda path, line: lines.get((path, line), ""))
        FORMATS[fmt](report.findings, report.summary, sys.stdout, context)
    return exit_code(report, args.fail_on)
