"""``playbook lsp``: the checker as a language server on stdin/stdout, for editors."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checker.cli.errors import EXIT_CLEAN, EXIT_USAGE


def add_parser(sub: Any) -> None:
    sub.add_parser(
        "lsp",
        help="作为语言服务器运行（标准输入输出），在编辑器里边写边检查",
        description="在编辑器中（VS Code、Neovim 等）边写边显示全部检查规则的结果、时长的日历含义，"
        "并提供插入抑制注释的快速修复。由编辑器启动，通过标准输入输出通信。",
    )


def run(args: argparse.Namespace) -> int:
    try:
        from checker.lsp.server import serve
    except ImportError as missing:  # pygls is the optional extra "lsp"
        sys.stderr.write(
            f"playbook：语言服务器需要 pygls（{missing.name} 没有安装）。"
            "请安装：pip install 'complaint-playbooks[lsp]'。\n"
        )
        return EXIT_USAGE
    serve()
    return EXIT_CLEAN
