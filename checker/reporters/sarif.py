"""SARIF 2.1.0 for GitHub code scanning; suppressed findings carry a ``suppressions`` entry.

Locations are relative to the repository root (``uriBaseId: %SRCROOT%``, resolved in
``originalUriBaseIds``), so a viewer finds the file whatever directory the check ran in; each
rule links to its section of the published handbook (``helpUri``) when the handbook's address is
known; a region ends where the text output's carets end.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from checker import __version__
from checker.findings import Finding, Rule, Severity, Summary, declared_rules
from checker.reporters.context import NO_CONTEXT, ReportContext, region_end

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule: Rule, context: ReportContext) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.summary}\n\n{rule.rationale}\n\n运行 playbook explain {rule.id} 查看示例。"
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }
    url = context.rule_url(rule.id)
    if url:
        described["helpUri"] = url
    return described


class _Locator:
    """Finding paths (relative to the working directory) as artifact locations."""

    def __init__(self, context: ReportContext) -> None:
        self.here = context.working_directory or Path.cwd()
        self.root = context.source_root or self.here

    def artifact(self, path: str) -> dict[str, Any]:
        absolute = Path(os.path.normpath(self.here / path))
        try:
            relative = PurePosixPath(absolute.relative_to(self.root).as_posix())
        except ValueError:  # outside the repository: an absolute file URI, no base
            return {"uri": absolute.as_uri()}
        return {"uri": quote(str(relative), safe="/"), "uriBaseId": SOURCE_ROOT}

    def bases(self) -> dict[str, Any]:
        return {SOURCE_ROOT: {"uri": self.root.as_uri().rstrip("/") + "/"}}


def _result(
    finding: Finding, index: dict[str, int], locator: _Locator, context: ReportContext
) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": finding.line, "startColumn": finding.column}
    end = region_end(context.line_text(finding.path, finding.line), finding.column)
    if end is not None:
        region["endColumn"] = end
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": _LEVELS[finding.severity],
        "message": {"text": f"{finding.message} {finding.hint}".strip()},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": locator.artifact(finding.path),
                    "region": region,
                }
            }
        ],
    }
    if finding.suppressed:
        result["suppressions"] = [
            {"kind": "inSource", "justification": finding.suppressed_reason or ""}
        ]
    return result


def document(
    findings: list[Finding],
    context: ReportContext = NO_CONTEXT,
) -> dict[str, Any]:
    rules = declared_rules()  # every rule once the command has imported checker.catalogue
    index = {rule.id: i for i, rule in enumerate(rules)}
    locator = _Locator(context)
    driver: dict[str, Any] = {
        "name": "playbook",
        "version": __version__,
        "rules": [_rule(rule, context) for rule in rules],
    }
    if context.handbook_url:
        driver["informationUri"] = f"{context.handbook_url}rules/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": locator.bases(),
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index, locator, context) for f in findings],
            }
        ],
    }


def write(
    findings: list[Finding],
    summary: Summary,
    out: TextIO = sys.stdout,
    context: ReportContext = NO_CONTEXT,
) -> None:
    json.dump(document(findings, context), out, ensure_ascii=False, indent=2)
    out.write("\n")
