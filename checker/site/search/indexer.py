"""Build the Pagefind indexes of a finished site: one for staff pages, one for reference pages.

Pagefind 1.5 extended (PyPI ``pagefind[extended]`` + ``pagefind_bin_extended``, pinned in the
``site`` extra) carries its binary and Chinese segmentation in the wheel: indexing runs
offline, in a new process, in a few seconds for the bundled handbook.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

STAFF_BUNDLE = "pagefind"
REFERENCE_BUNDLE = "pagefind-reference"
REFERENCE_ROOT = "[data-search-scope=reference]"
# Not searched and not shown in excerpts: heading permalinks (¶), diagram sources, copy buttons.
EXCLUDED = (".headerlink", ".mermaid", ".md-code__nav", ".md-clipboard")


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do (in Chinese)."""


def pagefind_command(site_dir: Path, *options: str) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "zh"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return [*command, *options, "--silent"]


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=900
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"无法运行 Pagefind 建立搜索索引：{error}") from None
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        if "No module named pagefind" in output or "binary" in output.lower():
            raise SearchIndexError(
                "没有找到 Pagefind，无法建立搜索索引。请运行 make .venv/.installed（或 "
                "pip install -e '.[site]'）安装 pagefind[extended] 和 pagefind_bin_extended。\n"
                + output
            )
        raise SearchIndexError(f"Pagefind 建立搜索索引失败（退出码 {done.returncode}）：\n{output}")


def index_site(site_dir: Path, reference_pages: Sequence[str]) -> None:
    """Index the staff pages (those marked data-pagefind-body) into ``pagefind/`` and the
    ``reference_pages`` (built files relative to ``site_dir``) into ``pagefind-reference/``."""
    _run(pagefind_command(site_dir, "--output-subdir", STAFF_BUNDLE))
    if reference_pages:
        pages = sorted(reference_pages)
        glob = pages[0] if len(pages) == 1 else "{" + ",".join(pages) + "}"
        _run(
            pagefind_command(
                site_dir,
                "--glob",
                glob,
                "--root-selector",
                REFERENCE_ROOT,
                "--output-subdir",
                REFERENCE_BUNDLE,
            )
        )
