"""GitHub Actions workflow commands (annotations), escaped as the Actions toolkit does.

GitHub shows at most 10 annotations of each level per step, so the full list also goes to the
job summary (``$GITHUB_STEP_SUMMARY``) when it is available. Control characters from keys and
file names are shown as escapes first: a raw ESC would recolour the job log, a NUL cut it.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from checker.findings import Finding, Severity, Summary
from checker.markup.escape import code_span, inline
from checker.markup.terminal import printable
from checker.reporters.context import NO_CONTEXT, ReportContext, region_end

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, line_text: str = "") -> str:
    """One workflow command; with the line's text the annotation also marks where it ends."""
    properties: list[tuple[str, object]] = [
        ("file", printable(finding.path)),
        ("line", finding.line),
        ("col", finding.column),
    ]
    end = region_end(line_text, finding.column)
    if end is not None:
        properties.append(("endColumn", end))
    properties.append(("title", f"{finding.rule_id} {finding.rule_name}"))
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    body = printable(finding.message, keep_newlines=True) + (
        f"\n提示：{printable(finding.hint, keep_newlines=True)}" if finding.hint else ""
    )
    return f"::{_COMMANDS[finding.severity]} {props}::{escape_data(body)}"


def summary_markdown(findings: list[Finding], summary: Summary) -> str:
    lines = ["## 手册检查结果", "", summary.sentence(), ""]
    active = [f for f in findings if not f.suppressed]
    if active:
        lines += ["| 位置 | 级别 | 规则 | 说明 |", "|---|---|---|---|"]
        for f in active:
            lines.append(
                f"| {code_span(f'{printable(f.path)}:{f.line}:{f.column}')} | {f.severity.label} "
                f"| {f.rule_id} | {inline(printable(f.message))} |"
            )
    return "\n".join(lines) + "\n"


def write(
    findings: list[Finding],
    summary: Summary,
    out: TextIO = sys.stdout,
    context: ReportContext = NO_CONTEXT,
) -> None:
    for finding in findings:
        if not finding.suppressed:
            out.write(annotation(finding, context.line_text(finding.path, finding.line)) + "\n")
    out.write(summary.sentence() + "\n")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary_markdown(findings, summary))
