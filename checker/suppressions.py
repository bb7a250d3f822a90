"""In-place suppressions: ``# playbook: disable=PB412 原因`` on the line, or alone on the line above.

A suppression needs a reason; one without a reason does not apply and is itself reported.
Suppressed findings stay in the report, marked, and are counted in the summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.findings import Finding
from checker.source import SourceFile

_COMMENT = re.compile(
    r"#\s*playbook:\s*disable=(?P<ids>PB\d{3}(?:\s*,\s*PB\d{3})*)(?P<reason>[^\n]*)", re.IGNORECASE
)


@dataclass(frozen=True)
class Suppression:
    path: str
    line: int
    column: int
    applies_to_line: int
    rule_ids: frozenset[str]
    reason: str


def parse(source: SourceFile) -> list[Suppression]:
    """Every suppression comment of the file, with the line it applies to."""
    found: list[Suppression] = []
    if "playbook:" not in source.text:
        return found
    for number, text in enumerate(source.lines, start=1):
        match = _COMMENT.search(text)
        if not match:
            continue
        ids = frozenset(part.strip().upper() for part in match["ids"].split(",") if part.strip())
        reason = match["reason"].strip()
        alone = not text[: match.start()].strip()
        target = number + 1 if alone else number
        found.append(Suppression(source.path, number, match.start() + 1, target, ids, reason))
    return found


@dataclass(frozen=True)
class Outcome:
    findings: list[Finding]
    without_reason: list[Suppression]
    unused: list[Suppression]


def apply(findings: Iterable[Finding], sources: Iterable[SourceFile]) -> Outcome:
    """Mark suppressed findings and list suppressions that lack a reason or match nothing."""
    comments = [s for source in sources for s in parse(source)]
    active = {
        (s.path, s.applies_to_line, rule_id): s
        for s in comments
        if s.reason
        for rule_id in s.rule_ids
    }
    used: set[Suppression] = set()
    marked: list[Finding] = []
    for finding in findings:
        match = active.get((finding.path, finding.line, finding.rule_id))
        if match is None:
            marked.append(finding)
        else:
            used.add(match)
            marked.append(finding.suppress(match.reason))
    return Outcome(
        marked,
        [s for s in comments if not s.reason],
        [s for s in comments if s.reason and s not in used],
    )
