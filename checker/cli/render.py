"""``playbook render``: the handbook's pages as plain Markdown files (no MkDocs needed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.cli.errors import EXIT_CLEAN, EXIT_FINDINGS, UsageError


def add_parser(sub: Any) -> None:
    render = sub.add_parser("render", help="把手册网站的页面写成 Markdown 文件（不依赖 MkDocs）")
    render.add_argument("--playbooks", default="playbooks", metavar="文件夹", help="手册文件夹")
    render.add_argument(
        "--out", required=True, metavar="文件夹", help="输出文件夹（必须为空或不存在）"
    )
    render.add_argument("--docs", default="docs", metavar="文件夹", help="同时复制的手写页面文件夹")


def run(args: argparse.Namespace) -> int:
    # imported here: `playbook check`, run on every save, does not pay for the site's modules
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
