"""Markdown building blocks for the handbook; every playbook string inside goes through
``checker.markup.escape`` (``text`` is its ``inline``), so it never becomes markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from checker.markup.escape import code_block, inline, mermaid_label, quoted_title

text = inline

__all__ = [
    "NOT_SEARCHED",
    "admonition",
    "bullet_list",
    "code_block",
    "indent",
    "mermaid_label",
    "not_searched",
    "quoted_title",
    "table",
    "tabs",
    "text",
]


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {text(item)}" for item in items) + "\n"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table. Headers are plain text and escaped here (a severity's title is a
    header); cells are Markdown and must already be escaped (use ``text``)."""
    lines = ["| " + " | ".join(text(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# The class of blocks the search index leaves out (checker.site.search.indexer): generated rows
# that repeat the page's words dozens of times (an example's deadlines) would make every page
# match 小时, and every search and excerpt slower, without helping anyone find anything.
NOT_SEARCHED = "not-searched"


def not_searched(block: str) -> str:
    """``block`` (Markdown) shown on the page but left out of the search index."""
    return f'<div class="{NOT_SEARCHED}" markdown>\n\n{block}\n</div>\n'


def indent(block: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else line for line in block.splitlines()) + "\n"


def admonition(kind: str, title: str, body: str, collapsible: bool = False) -> str:
    marker = "???" if collapsible else "!!!"
    return f'{marker} {kind} "{quoted_title(title)}"\n\n{indent(body)}\n'


def tabs(items: Iterable[tuple[str, str]], selected: str | None = None) -> str:
    """Content tabs (pymdownx.tabbed); titles are escaped, bodies are Markdown. The tab titled
    ``selected`` is open at first (else the first one)."""
    out = []
    for title, body in items:
        marker = "===+" if title == selected else "==="
        out.append(f'{marker} "{quoted_title(title)}"\n\n{indent(body)}')
    return "\n".join(out) + "\n"
