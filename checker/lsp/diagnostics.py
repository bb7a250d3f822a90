"""Findings as LSP diagnostics: the same rule, message, hint and position as ``playbook check``."""

from __future__ import annotations

from lsprotocol import types

from checker.findings import Finding, Severity
from checker.lsp.positions import Positions

SOURCE = "playbook"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def message_of(finding: Finding) -> str:
    """The message as ``check`` prints it: the finding, then 提示：the hint; a suppressed
    finding says so and why."""
    if finding.suppressed:
        return f"已抑制（原因：{finding.suppressed_reason}）：{finding.message}"
    return f"{finding.message}\n提示：{finding.hint}" if finding.hint else finding.message


def diagnostic(finding: Finding, positions: Positions) -> types.Diagnostic:
    """The finding at its line and column, marked to the end of the line's text (as the text
    report underlines it); a suppressed finding is only a hint."""
    line, column = finding.line - 1, finding.column - 1
    text = positions.line(line).rstrip()
    end = max(len(text), column + 1)
    return types.Diagnostic(
        range=positions.span(line, column, end),
        message=message_of(finding),
        severity=types.DiagnosticSeverity.Hint
        if finding.suppressed
        else _SEVERITY[finding.severity],
        code=finding.rule_id,
        source=SOURCE,
        data={"rule": finding.rule_name},
    )
