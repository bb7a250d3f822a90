"""Compiler-style text: ``path:line:col: 错误 PB301 [name] message``, a code frame and a hint."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from checker.findings import Finding, Severity, Summary
from checker.markup.terminal import display_width, printable
from checker.reporters.context import NO_CONTEXT, ReportContext

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"
# A long line is shown as a window around the column: this many characters before it, this
# many in all.
_BEFORE, _WINDOW = 30, 100


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _frame(finding: Finding, line_text: str, colour: bool) -> list[str]:
    if not line_text:
        return []
    number = str(finding.line)
    pad = " " * len(number)
    column = min(max(finding.column, 1), len(line_text) + 1)
    start = max(0, column - 1 - _BEFORE) if len(line_text) > _WINDOW else 0
    end = start + _WINDOW
    head = "…" if start else ""
    tail = "…" if end < len(line_text) else ""
    caret_at = display_width(head + printable(line_text[start : column - 1]))
    rest = printable(line_text[column - 1 : end]).rstrip()
    line_text = head + printable(line_text[start:end]) + tail
    marker = "^" * max(1, min(display_width(rest), 40))
    if colour:
        marker = _COLOURS[finding.severity] + marker + _RESET
    return [f"  {number} | {line_text.rstrip()}", f"  {pad} | {' ' * caret_at}{marker}"]


def format_finding(finding: Finding, line_text: str = "", colour: bool = False) -> str:
    label = finding.severity.label
    if finding.suppressed:
        label = f"已抑制的{label}"
    head_label = f"{_COLOURS[finding.severity]}{_BOLD}{label}{_RESET}" if colour else label
    location = f"{printable(finding.path)}:{finding.line}:{finding.column}"
    if colour:
        location = f"{_BOLD}{location}{_RESET}"
    message = printable(finding.message)
    lines = [f"{location}: {head_label} {finding.rule_id} [{finding.rule_name}] {message}"]
    if finding.suppressed:
        lines.append(f"  抑制原因：{printable(finding.suppressed_reason or '')}")
        return "\n".join(lines)
    lines.extend(_frame(finding, line_text, colour))
    if finding.hint:
        hint = f"  提示：{printable(finding.hint)}"
        lines.append(f"{_DIM}{hint}{_RESET}" if colour else hint)
    return "\n".join(lines)


def write(
    findings: list[Finding],
    summary: Summary,
    out: TextIO = sys.stdout,
    context: ReportContext = NO_CONTEXT,
) -> None:
    colour = use_colour(out)
    for finding in findings:
        line_text = context.line_text(finding.path, finding.line)
        out.write(format_finding(finding, line_text, colour) + "\n\n")
    sentence = summary.sentence()
    if colour:
        tone = _COLOURS[Severity.ERROR] if summary.errors else "\033[32m"
        sentence = f"{tone}{sentence}{_RESET}"
    out.write(sentence + "\n")
