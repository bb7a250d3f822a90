"""One escaper per context for text that comes from a playbook (or a file name, or a key).

* ``inline``: a paragraph, list item, heading or table cell in Markdown (the handbook's
  Python-Markdown with ``pymdownx.escapeall``, and GitHub's comments and job summaries alike):
  one line, HTML-escaped, ASCII punctuation backslash-escaped, so nothing becomes markup.
* ``quoted_title``: the quoted title of a content tab or admonition.
* ``code_span`` / ``code_block``: verbatim text in backticks or a fence.
* ``html_text``: text placed into raw HTML (an element's text or a quoted attribute).
* ``mermaid_label``: the quoted label of a Mermaid node.
* ``script_json``: data for a ``<script type="application/json">`` block (the browser's
  calculator and triage page read their playbook data from one).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

# ASCII punctuation except & and ; (they belong to the HTML entities html.escape produced)
_MARKDOWN_PUNCTUATION = re.compile(r"([!-%'-/:<-@\[-`{-~])")
# the same, also sparing # (html.escape(quote=True) writes ' as &#x27;)
_TITLE_PUNCTUATION = re.compile(r"([!\$%'-/:<-@\[-`{-~])")


def one_line(value: str) -> str:
    """Every line break (\\n, \\r\\n, \\r, U+2028 ...) becomes a space; no leading indentation
    survives to turn a paragraph into a code block."""
    return " ".join(part.strip() for part in value.splitlines() if part.strip())


def inline(value: str) -> str:
    """Playbook text for a Markdown paragraph, list item, heading or table cell."""
    escaped = html.escape(one_line(value), quote=False)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)


def quoted_title(value: str) -> str:
    """Text for a quoted title (content tabs, admonitions), which the renderer treats as
    inline Markdown: quotes become entities, punctuation is escaped."""
    escaped = html.escape(one_line(value), quote=True)
    return _TITLE_PUNCTUATION.sub(r"\\\1", escaped)


def html_text(value: str) -> str:
    """Text for raw HTML: an element's content or a double-quoted attribute value."""
    return html.escape(value, quote=True)


def _fence_for(value: str, minimum: int) -> str:
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    return "`" * max(minimum, longest + 1)


def code_span(value: str) -> str:
    """Verbatim inline code (a path, a key) that also stays inside a Markdown table cell."""
    flat = one_line(value).replace("|", "\\|")
    fence = _fence_for(flat, 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def code_block(value: str, language: str = "text", indent: int = 0) -> str:
    """A fenced block shown verbatim (with Material's copy button)."""
    fence = _fence_for(value, 3)
    pad = " " * indent
    body = "\n".join(pad + line for line in value.splitlines())
    return f"{pad}{fence}{language}\n{body}\n{pad}{fence}\n"


def mermaid_label(value: str) -> str:
    """Text for a quoted Mermaid label: quotes and angle brackets as Mermaid entity codes."""
    replacements = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;"}
    escaped = "".join(replacements.get(ch, ch) for ch in value)
    return " ".join(escaped.split())


def script_json(value: Any) -> str:
    """JSON that cannot end or alter the ``<script>`` element holding it: ``<``, ``>`` and
    ``&`` become \\u escapes (so no ``</script>`` or ``<!--``), U+2028/U+2029 too."""
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        payload = payload.replace(char, f"\\u{ord(char):04x}")
    return payload
