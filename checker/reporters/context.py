"""What a report needs besides the findings: the checked text (for code frames and spans),
whether warnings fail, where the repository root is (SARIF) and where the handbook is published
(links from each rule to its page). Reporters never read files themselves: the text comes from
what the run read, so a file is never opened twice and a refused link never at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker.findings import Severity


def _no_text(path: str, line: int) -> str:
    return ""


@dataclass(frozen=True)
class ReportContext:
    """``line_text(path, line)`` gives a 1-based line of a checked file ('' when unknown);
    ``strict`` makes warnings failures (``--strict``); ``source_root`` is the repository root
    SARIF locations are relative to (``%SRCROOT%``), finding paths being relative to
    ``working_directory``; ``handbook_url`` is the published handbook (ends with ``/``)."""

    line_text: Callable[[str, int], str] = _no_text
    strict: bool = False
    source_root: Path | None = None
    working_directory: Path | None = None
    handbook_url: str | None = None

    def rule_url(self, rule_id: str) -> str | None:
        """The rule's section on the handbook's 检查规则 page (its anchor is the lower-case ID)."""
        if not self.handbook_url:
            return None
        return f"{self.handbook_url}rules/#{rule_id.lower()}"

    def fails(self, severity: Severity) -> bool:
        """Whether a finding of this severity fails the run: errors, and warnings if strict."""
        return severity is Severity.ERROR or (self.strict and severity is Severity.WARNING)


def region_end(line_text: str, column: int) -> int | None:
    """The column just after the marked span (exclusive, in code points): from ``column`` to
    the end of the line's content, as the text output's carets mark it; None when unknown."""
    content = line_text.rstrip()
    if not content or column > len(content):
        return None
    return len(content) + 1


NO_CONTEXT = ReportContext()
"""No file text, not strict, paths relative to the working directory, no handbook links."""
