"""Compiler-style text: ``path:line:col: 错误 PB301 [name] message``, a code frame and a hint."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from checker.findings import Finding, Severity, Summary
from checker.markup.terminal import display_width, printable

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"


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
    caret_at = display_width(printable(line_text[: finding.column - 1]))
    rest = printable(line_text[finding.column - 1 :]).rstrip()
    line_text = printable(line_text)
    marker = "^" * max(1, min(display_width(rest), 40))
    if colour:
        marker = _COLOURS[finding.severity] + marker + _RESET
    return [f"  {number} | {line_text.rstrip()}", f"  {pad} | {' ' * caret_at}{marker}"]


def format_finding(finding: Finding, line_text: str = "", colour: bool = False) -> str:
    label = finding.severity.label
    if finding.suppressed:
        label = f"已抑制的{label}"
    head_label = f"{_COLOURS[finding.severity]}{_BOLD}{label}{_RESET}" if colour else label
    location = f"{finding.path}:{finding.line}:{finding.column}"
    if colour:
        location = f"{_BOLD}{location}{_RESET}"
    message = printable(finding.message)
    lines = [f"{location}: {head_label} {finding.rule_id} [{finding.rule_name}] {message}"]
    if finding.suppressed:
        lines.append(f"  抑制原因：{finding.suppressed_reason}")
        return "\n".join(lines)
    lines.extend(_frame(finding, line_text, colour))
    if finding.hint:
        hint = f"  提示：{printable(finding.hint)}"
        lines.append(f"{_DIM}{hint}{_RESET}" if colour else hint)
    return "\n".join(lines)


def _line_text(finding: Finding, cache: dict[str, list[str]]) -> str:
    if finding.path not in cache:
        try:
            with open(finding.path, encoding="utf-8", errors="replace") as handle:
                cache[finding.path] = handle.read().splitlines()
        except OSError:
            cache[finding.path] = []
    lines = cache[finding.path]
    return lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""


def write(findings: list[Finding], summary: Summary, out: TextIO = sys.stdout) -> None:
    colour = use_colour(out)
    cache: dict[str, list[str]] = {}
    for finding in findings:
        out.write(format_finding(finding, _line_text(finding, cache), colour) + "\n\n")
    sentence = summary.sentence()
    if colour:
        tone = _COLOURS[Severity.ERROR] if summary.errors else "\033[32m"
        sentence = f"{tone}{sentence}{_RESET}"
    out.write(sentence + "\n")
