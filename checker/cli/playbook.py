"""The ``playbook`` command: parse the arguments, run one subcommand, map errors to exit codes.

Exit codes: 0 clean, 1 failing findings, 2 usage or internal error. Each subcommand is one
module of this package with ``add_parser`` and ``run``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from checker.cli import calendar, check, diff, lsp, render, rules, timeline
from checker.cli.errors import EXIT_CLEAN, EXIT_USAGE
from checker.markup.terminal import abbreviated, printable
from checker.pipeline.discovery import InputError

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": check.run,
    "render": render.run,
    "diff": diff.run,
    "timeline": timeline.run,
    "calendar": calendar.run,
    "rules": rules.run_rules,
    "explain": rules.run_explain,
    "lsp": lsp.run,
}


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese errors and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"playbook：参数错误：{message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="playbook", description="投诉处理手册：检查、变更对比、时限计算、生成手册页面。"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for module in (check, render, timeline, calendar, diff, rules, lsp):
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        sys.stderr.write(f"playbook：{error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except OSError as error:  # the operating system refused a path (too long, no permission...)
        shown = f"「{printable(abbreviated(str(error.filename)))}」" if error.filename else ""
        sys.stderr.write(f"playbook：无法访问{shown}：{error.strerror or error}。\n")
        return EXIT_USAGE
    except Exception as error:  # an internal bug: say so plainly, no traceback unless asked
        if os.environ.get("PLAYBOOK_DEBUG"):
            import traceback  # only here: its import costs every run a few milliseconds

            traceback.print_exc()
        sys.stderr.write(
            f"playbook：内部错误（{type(error).__name__}: {error}）。这是检查器的缺陷，不是手册的问题；"
            "设置环境变量 PLAYBOOK_DEBUG=1 可查看详细信息。\n"
        )
        return EXIT_USAGE
