"""Build the Pagefind indexes of a finished site: one for staff pages, one for reference pages.

Pagefind 1.5 extended (PyPI ``pagefind[extended]`` + ``pagefind_bin_extended``, pinned in the
``site`` extra) carries its binary and Chinese segmentation in the wheel: indexing runs
offline, in a new process, in a few seconds for the bundled handbook.
"""

from __future__ import annotations

import gzip
import html
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.site.markdown import NOT_SEARCHED

STAFF_BUNDLE = "pagefind"
REFERENCE_BUNDLE = "pagefind-reference"
REFERENCE_ROOT = "[data-search-scope=reference]"
# Not searched and not shown in excerpts: heading permalinks (¶), diagram sources, copy buttons,
# and the blocks the pages mark as not searched (an example's rows of deadlines).
EXCLUDED = (".headerlink", ".mermaid", ".md-code__nav", ".md-clipboard", f".{NOT_SEARCHED}")


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


FRAGMENT_HEADER = b"pagefind_dcd"
# Pagefind joins the words of a fragment's text with U+200B; a block of text ends with ". ".
_WORD_BREAK = "\u200b"


def read_fragment(path: Path) -> dict[str, object]:
    """A Pagefind 1.5 fragment file: gzip of b"pagefind_dcd" and the page's JSON."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as error:
        raise SearchIndexError(f"无法读取 Pagefind 的索引文件 {path.name}：{error}") from None
    if not raw.startswith(FRAGMENT_HEADER):
        raise SearchIndexError(
            f"Pagefind 的索引文件 {path.name} 不是 1.5 版的格式；请安装 pyproject.toml 中固定的版本。"
        )
    data = json.loads(raw[len(FRAGMENT_HEADER) :])
    if not isinstance(data, dict):
        raise SearchIndexError(f"Pagefind 的索引文件 {path.name} 不是 1.5 版的格式。")
    return data


def index_words(phrases: Iterable[str]) -> dict[str, list[str]]:
    """How Pagefind's own segmenter cuts each phrase into indexed words (消费者协会 → 消费, 者,
    协会). The browser's dictionary cuts differently; asking the index for its own words is what
    makes a phrase match the pages that have it. One page per phrase, indexed in a temporary
    folder."""
    unique = sorted(set(phrases))
    with tempfile.TemporaryDirectory(prefix="handbook-words-") as folder:
        site = Path(folder)
        for i, phrase in enumerate(unique):
            (site / f"{i}.html").write_text(
                '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>-</title>'
                f"</head><body><p>{html.escape(phrase)}</p></body></html>",
                encoding="utf-8",
            )
        _run(pagefind_command(site, "--output-subdir", STAFF_BUNDLE))
        found: dict[str, list[str]] = {}
        for fragment in (site / STAFF_BUNDLE / "fragment").glob("*.pf_fragment"):
            data = read_fragment(fragment)
            number = str(data.get("url", "")).strip("/").removesuffix(".html")
            content = str(data.get("content", "")).removesuffix(".")
            if number.isdigit() and int(number) < len(unique):
                words = [w.strip().lower() for w in content.split(_WORD_BREAK) if w.strip(" .")]
                found[unique[int(number)]] = words
    return found
