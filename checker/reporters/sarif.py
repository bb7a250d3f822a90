"""SARIF 2.1.0 for GitHub code scanning; suppressed findings carry a ``suppressions`` entry."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO
from urllib.parse import quote

from checker import __version__
from checker.findings import Finding, Rule, Severity, Summary, declared_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.summary}\n\n{rule.rationale}\n\n运行 playbook explain {rule.id} 查看示例。"
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": _LEVELS[finding.severity],
        "message": {"text": f"{finding.message} {finding.hint}".strip()},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(finding.path, safe="/")},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }
    if finding.suppressed:
        result["suppressions"] = [
            {"kind": "inSource", "justification": finding.suppressed_reason or ""}
        ]
    return result


def document(findings: list[Finding]) -> dict[str, Any]:
    rules = declared_rules()  # every rule once the command has imported checker.catalogue
    index = {rule.id: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "playbook",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index) for f in findings],
            }
        ],
    }


def write(findings: list[Finding], summary: Summary, out: TextIO = sys.stdout) -> None:
    json.dump(document(findings), out, ensure_ascii=False, indent=2)
    out.write("\n")
