"""In-place suppressions: ``# playbook: disable=PB412 原因`` on the line, or alone on the line above.

A suppression needs a reason; one without a reason does not apply and is itself reported.
Suppressed findings stay in the report, marked, and are counted in the summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.findings import Example, Finding, Severity, Stage, define
from checker.yaml.source import SourceFile

_VOUCHER = (
    "remedies:\n  - {id: voucher, title: 代金券, kind: voucher, approver: agent,"
    " conditions: 轻微不便}"
)

SUPPRESSION_REASON = define(
    "PB901",
    "suppression-needs-reason",
    Severity.ERROR,
    "抑制注释必须写明原因：# playbook: disable=规则号 原因。",
    "每一条被抑制的检查都是一次有意识的例外，合规审阅时要看到为什么；没有原因的抑制不会生效。",
    good=(Example(_VOUCHER + "  # playbook: disable=PB412 面额由营销活动统一规定\n"),),
    bad=(Example(_VOUCHER + "  # playbook: disable=PB412\n"),),
    stage=Stage.ENGINE,
)
UNUSED_SUPPRESSION = define(
    "PB902",
    "unused-suppression",
    Severity.WARNING,
    "抑制注释所在的行没有对应规则的问题，应当删除。",
    "过期的抑制注释会在将来悄悄掩盖新问题。",
    good=(Example('limits:\n  normal:\n    resolution: "7 working days"\n'),),
    bad=(
        Example(
            'limits:\n  normal:\n    resolution: "7 working days"  # playbook: disable=PB304 历史遗留\n'
        ),
    ),
    stage=Stage.ENGINE,
)

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
