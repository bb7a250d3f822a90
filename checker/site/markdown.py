"""Markdown building blocks that never let playbook text become markup.

Every string that comes from a playbook goes through ``text`` (HTML-escaped, then Markdown
punctuation backslash-escaped; the site enables ``pymdownx.escapeall`` so any escape is valid),
``code_block`` (a fence longer than any backtick run inside) or ``mermaid_label``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

# ASCII punctuation except & and ; (they belong to the HTML entities html.escape produced)
_MARKDOWN_PUNCTUATION = re.compile(r"([!-%'-/:<-@\[-`{-~])")
# the same, also sparing # (html.escape(quote=True) writes ' as &#x27;)
_TITLE_PUNCTUATION = re.compile(r"([!\$%'-/:<-@\[-`{-~])")


def _one_line(value: str) -> str:
    """Every line break (\\n, \\r\\n, \\r, U+2028 ...) becomes a space; no leading indentation
    survives to turn a paragraph into a code block."""
    return " ".join(part.strip() for part in value.splitlines() if part.strip())


def text(value: str) -> str:
    """Playbook text for a paragraph, list item, heading or table cell."""
    escaped = html.escape(_one_line(value), quote=False)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)


def quoted_title(value: str) -> str:
    """Text for a quoted title (content tabs, admonitions), which the renderer treats as
    inline Markdown: quotes become entities, punctuation is escaped."""
    escaped = html.escape(_one_line(value), quote=True)
    return _TITLE_PUNCTUATION.sub(r"\\\1", escaped)


def bullet_list(items: Iterable[str]) -> str:
    return "\n".join(f"- {text(item)}" for item in items) + "\n"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped (use ``text``)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def code_block(value: str, language: str = "text", indent: int = 0) -> str:
    """A fenced block shown verbatim (with Material's copy button)."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * max(3, longest + 1)
    pad = " " * indent
    body = "\n".join(pad + line for line in value.splitlines())
    return f"{pad}{fence}{language}\n{body}\n{pad}{fence}\n"


def indent(block: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else line for line in block.splitlines()) + "\n"


def mermaid_label(value: str) -> str:
    """Text for a quoted Mermaid label: quotes and angle brackets as Mermaid entity codes."""
    replacements = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;"}
    escaped = "".join(replacements.get(ch, ch) for ch in value)
    return " ".join(escaped.split())


def admonition(kind: str, title: str, body: str, collapsible: bool = False) -> str:
    marker = "???" if collapsible else "!!!"
    return f'{marker} {kind} "{quoted_title(title)}"\n\n{indent(body)}\n'


def tabs(items: Iterable[tuple[str, str]]) -> str:
    """Content tabs (pymdownx.tabbed); titles are escaped, bodies are Markdown."""
    out = []
    for title, body in items:
        out.append(f'=== "{quoted_title(title)}"\n\n{indent(body)}')
    return "\n".join(out) + "\n"
