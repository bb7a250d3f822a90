"""Output formats of ``playbook diff``: one small module each, all rendering a ``DiffReport``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from checker.diff.formats import json_format, markdown, text
from checker.diff.report import DiffReport

DiffFormat = Callable[[DiffReport, TextIO], None]

DIFF_FORMATS: dict[str, DiffFormat] = {
    "markdown": markdown.write,
    "markdown-full": markdown.write_full,
    "json": json_format.write,
    "text": text.write,
}
