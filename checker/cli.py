"""The ``playbook`` command: check, rules, explain (more subcommands register themselves here).

Exit codes: 0 clean, 1 failing findings, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from checker import timeline_command
from checker.diff import command as diff_command
from checker.engine import UsageError, check_paths
from checker.explain import explain_rule, rules_table
from checker.reporters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"playbook：参数错误：{message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="playbook", description="投诉处理手册：检查、变更对比、时限计算、生成手册页面。"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

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

    render = sub.add_parser("render", help="把手册网站的页面写成 Markdown 文件（不依赖 MkDocs）")
    render.add_argument("--playbooks", default="playbooks", metavar="文件夹", help="手册文件夹")
    render.add_argument(
        "--out", required=True, metavar="文件夹", help="输出文件夹（必须为空或不存在）"
    )
    render.add_argument("--docs", default="docs", metavar="文件夹", help="同时复制的手写页面文件夹")

    timeline_command.add_parsers(sub)
    diff_command.add_parser(sub)

    sub.add_parser("rules", help="列出全部规则")
    explain = sub.add_parser("explain", help="解释一条规则并给出正反示例")
    explain.add_argument("rule_id", metavar="规则号")
    return parser


def _check(args: argparse.Namespace) -> int:
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    result = check_paths(args.paths, use_cache=not args.no_cache)
    summary = result.summary
    FORMATS[fmt](result.findings, summary, sys.stdout)
    return EXIT_FINDINGS if summary.fails(args.strict) else EXIT_CLEAN


def _explain(args: argparse.Namespace) -> int:
    text = explain_rule(args.rule_id)
    if text is None:
        sys.stderr.write(
            f"playbook：没有规则「{args.rule_id}」。运行 playbook rules 查看全部规则。\n"
        )
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_CLEAN


def _render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from checker.site.build import PlaybookErrors, build_handbook, write_markdown

    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(
            f"输出文件夹「{out}」已存在且不为空：为避免覆盖您的文件，请指定一个新文件夹。"
        )
    try:
        handbook = build_handbook(args.playbooks)
    except PlaybookErrors as errors:
        sys.stdout.write(str(errors))
        sys.stderr.write("playbook：手册文件有错误，没有生成页面。\n")
        return EXIT_FINDINGS
    written = write_markdown(handbook, out, Path(args.docs))
    sys.stdout.write(f"已写出 {len(written)} 个文件到 {out}。\n")
    return EXIT_CLEAN


COMMANDS = {
    "check": _check,
    "render": _render,
    "diff": diff_command.run,
    "timeline": timeline_command.run_timeline,
    "calendar": timeline_command.run_calendar,
    "rules": lambda args: (sys.stdout.write(rules_table()), EXIT_CLEAN)[1],
    "explain": _explain,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        sys.stderr.write(f"playbook：{error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as error:  # an internal bug: say so plainly, no traceback unless asked
        if os.environ.get("PLAYBOOK_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            f"playbook：内部错误（{type(error).__name__}: {error}）。这是检查器的缺陷，不是手册的问题；"
            "设置环境变量 PLAYBOOK_DEBUG=1 可查看详细信息。\n"
        )
        return EXIT_USAGE
