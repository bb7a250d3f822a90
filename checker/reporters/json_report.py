"""Machine-readable JSON: every finding (suppressed ones marked) and the summary counts."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

from checker.findings import Finding, Summary
from checker.reporters.context import NO_CONTEXT, ReportContext


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule_id,
        "name": finding.rule_name,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "hint": finding.hint,
        "suppressed": finding.suppressed,
        "suppression_reason": finding.suppressed_reason,
    }


def write(
    findings: list[Finding],
    summary: Summary,
    out: TextIO = sys.stdout,
    context: ReportContext = NO_CONTEXT,
) -> None:
    payload = {"findings": [finding_dict(f) for f in findings], "summary": asdict(summary)}
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
