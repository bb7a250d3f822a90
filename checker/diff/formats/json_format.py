"""Machine-readable JSON with stable keys: the sides, counts, playbooks, changes, findings."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange
from checker.diff.report import DiffReport
from checker.reporters.json_report import finding_dict


def change_dict(change: PolicyChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "level": change.level.value,
        "level_label": change.level.label,
        "kind": change.kind,
        "playbook": change.playbook,
        "subject": change.subject,
        "old": change.old,
        "new": change.new,
        "path": change.path,
        "line": change.line,
        "column": change.column,
        "side": change.side,
        "text": change.text,
        "note": change.note,
        "versioned": change.versioned,
        "anchor": dict(zip(("path", "line", "column"), change.anchor, strict=True))
        if change.anchor
        else None,
    }


def playbook_dict(playbook: PlaybookDiff) -> dict[str, Any]:
    return {
        "key": playbook.key,
        "title": playbook.title,
        "path": playbook.path,
        "status": playbook.status,
        "base_version": playbook.base.version if playbook.base else None,
        "head_version": playbook.head.version if playbook.head else None,
        "counts": {level.value: playbook.count(level) for level in ChangeLevel},
        "summary": list(playbook.summary),
    }


def document(report: DiffReport) -> dict[str, Any]:
    counts = {level.value: report.diff.count(level) for level in ChangeLevel}
    base_revision, head_revision = report.revisions
    return {
        "base": {"label": report.base, "revision": base_revision},
        "head": {"label": report.head, "revision": head_revision},
        "summary": {**counts, "total": sum(counts.values())},
        "playbooks": [playbook_dict(p) for p in report.diff.playbooks],
        "changes": [change_dict(c) for c in report.changes],
        "findings": [finding_dict(f) for f in report.findings],
        "findings_summary": asdict(report.summary),
    }


def write(report: DiffReport, out: TextIO = sys.stdout) -> None:
    json.dump(document(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
