"""Compiler-style text, like ``playbook check``: one line per change, loosened first, then the
version findings with their code frames."""

from __future__ import annotations

import sys
from typing import TextIO

from checker.diff.changes import PolicyChange
from checker.diff.report import DiffReport
from checker.reporters.text import format_finding, printable


def format_change(change: PolicyChange) -> str:
    where = f"{change.path}:{change.line}:{change.column}"
    if change.in_base:
        where += "（基准版本中的位置）"
    return f"{where}: {change.level.label} {change.id} {printable(change.text)}"


def write(report: DiffReport, out: TextIO = sys.stdout) -> None:
    out.write(f"手册变更：{report.base} → {report.head}\n\n")
    for change in report.changes:
        out.write(format_change(change) + "\n")
    if report.changes:
        out.write("\n")
    out.write(report.count_sentence() + "\n")
    if report.findings:
        out.write("\n版本号检查：\n\n")
        for finding in report.findings:
            out.write(format_finding(finding, report.line_text(finding)) + "\n\n")
        out.write("版本号检查：" + report.summary.sentence() + "\n")
