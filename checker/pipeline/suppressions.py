"""In-place suppressions: ``# playbook: disable=PB412 原因`` on the line, or alone on the line above.

A suppression needs a reason; one without a reason does not apply and is itself reported. So
is one whose reason is still a placeholder (the editor's quick fix inserts ``请写明原因``): a
comment accepted without being read must not silence anything.
Suppressed findings stay in the report, marked, and are counted in the summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.findings import Example, Finding, Rule, Severity, Stage, define, family_of
from checker.yaml.source import SourceFile

_VOUCHER = (
    "remedies:\n  - {id: voucher, title: 代金券, kind: voucher, approver: agent,"
    " conditions: 轻微不便}"
)

SUPPRESSION_REASON = define(
    "PB901",
    "suppression-needs-reason",
    Severity.ERROR,
    "抑制注释必须写明原因：# playbook: disable=规则号 原因；“请写明原因”这类占位文字不算原因。",
    "每一条被抑制的检查都是一次有意识的例外，合规审阅时要看到为什么；没有原因的抑制不会生效。"
    "编辑器的快速修复插入的注释带着占位文字“请写明原因”，在换成真实原因之前同样不生效，"
    "所以顺手接受快速修复不会悄悄放过问题。",
    good=(Example(_VOUCHER + "  # playbook: disable=PB412 面额由营销活动统一规定\n"),),
    bad=(
        Example(_VOUCHER + "  # playbook: disable=PB412\n"),
        Example(
            _VOUCHER + "  # playbook: disable=PB412 请写明原因\n",
            note="编辑器快速修复插入的占位文字，还没有换成真实原因。",
        ),
    ),
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


# What the editor's quick fix writes where the reason goes; it (and the like) is no reason.
REASON_PLACEHOLDER = "请写明原因"
_PLACEHOLDERS = {
    REASON_PLACEHOLDER,
    "原因",
    "写明原因",
    "填写原因",
    "请填写原因",
    "待填写",
    "待补充",
    "todo",
    "fixme",
    "tbd",
    "reason",
    "xxx",
    "...",
    "…",
}
_PLACEHOLDER_TRIM = " \t()（）[]【】<>《》「」:：-—_*#"


def is_placeholder(reason: str) -> bool:
    """Whether a suppression's reason is a placeholder rather than a reason."""
    return reason.strip(_PLACEHOLDER_TRIM).casefold() in _PLACEHOLDERS


@dataclass(frozen=True)
class Suppression:
    path: str
    line: int
    column: int
    applies_to_line: int
    rule_ids: frozenset[str]
    reason: str

    @property
    def effective(self) -> bool:
        """Only a suppression with a real reason applies."""
        return bool(self.reason) and not is_placeholder(self.reason)


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
    return apply_parsed(findings, [s for source in sources for s in parse(source)])


def apply_parsed(findings: Iterable[Finding], comments: list[Suppression]) -> Outcome:
    """``apply`` with the files' suppression comments already parsed (and perhaps cached)."""
    active = {
        (s.path, s.applies_to_line, rule_id): s
        for s in comments
        if s.effective
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
        [s for s in comments if not s.effective],
        [s for s in comments if s.effective and s not in used],
    )


def resolve(findings: Iterable[Finding], comments: list[Suppression]) -> list[Finding]:
    """Every finding with suppressions applied, plus PB901 for each suppression that has no
    real reason and PB902 for each one that matches nothing (except those of rules that only
    ``playbook diff`` runs)."""
    outcome = apply_parsed(findings, comments)
    result = outcome.findings
    for s in outcome.without_reason:
        ids = "、".join(sorted(s.rule_ids))
        if s.reason:
            message = f"抑制 {ids} 的注释写的原因「{s.reason}」还是占位文字，因此不生效。"
        else:
            message = f"抑制 {ids} 的注释没有写原因，因此不生效。"
        result.append(
            _at(
                SUPPRESSION_REASON,
                s,
                message,
                "在规则号后面写明原因，例如：# playbook: disable=PB304 经合规部书面批准的试点。",
            )
        )
    for s in outcome.unused:
        if _checked_elsewhere(s.rule_ids):
            continue
        result.append(
            _at(
                UNUSED_SUPPRESSION,
                s,
                f"第 {s.applies_to_line} 行没有 {'、'.join(sorted(s.rule_ids))} 的问题，这条抑制注释没有用。",
                "删除这条注释。",
            )
        )
    return result


def _at(rule: Rule, s: Suppression, message: str, hint: str) -> Finding:
    return Finding(rule.id, rule.name, rule.severity, s.path, s.line, s.column, message, hint)


def _checked_elsewhere(rule_ids: Iterable[str]) -> bool:
    """Suppressions of PB7xx belong to `playbook diff`; a check never reports those rules."""
    families = [family_of(rule_id) for rule_id in rule_ids]
    return all(f is not None and f.stage is Stage.DIFF for f in families)
