"""Compiler-style text, like ``playbook check``: one line per change, loosened first, then the
version findings with their code frames."""

from __future__ import annotations

import sys
from typing import TextIO

from checker.diff.changes import PolicyChange
from checker.diff.formats.highlight import inline_diff, worth_marking
from checker.diff.report import DiffReport
from checker.reporters.text import format_finding, printable


def format_change(change: PolicyChange) -> str:
    """The change's line; under it what changed in a rewording, and why it is classified so."""
    where = f"{change.path}:{change.line}:{change.column}"
    if change.in_base:
        where += "（基准版本中的位置）"
    lines = [f"{where}: {change.level.label} {change.id} {printable(change.text)}"]
    if worth_marking(change.old, change.new, change.kind):
        lines.append(f"  改动：{printable(inline_diff(change.old, change.new))}")
    if change.note:
        lines.append(f"  说明：{printable(change.note)}")
    return "\n".join(lines)


def write(report: DiffReport, out: TextIO = sys.stdout) -> None:
    out.write(f"手册变更：{report.base} → {report.head}\n\n")
    for change in report.changes:
        out.write(format_change(change) + "\n")
    if report.changes:
        out.write("\n")
    out.write(report.count_sentence() + "\n")
    if report.version_checks:
        out.write("\n版本号检查：\n\n")
        for finding in report.version_checks:
            out.write(format_finding(finding, report.line_text(finding)) + "\n\n")
        out.write("版本号检查：" + report.version_summary.sentence() + "\n")
