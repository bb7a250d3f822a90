"""One review of a change: load both sides, compare them, judge the version numbers.

A PB7xx finding suppressed by a comment counts as suppressed only when BASE already had that
suppression, or when the register of exceptions (exceptions.yaml, reviewed by compliance)
lists it and it is in force: a pull request cannot exempt itself. Loosened changes also
become PB708 warnings at their lines, for annotations in the Files tab.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from typing import Any

from checker.deadlines.clock import today
from checker.diff.changes import ChangeLevel, PolicyDiff
from checker.diff.compare import compare, playbooks_of
from checker.diff.report import DiffReport
from checker.diff.sources import Side, assemble_side, load_sides
from checker.diff.version_rules import LOOSENED_CHANGE
from checker.diff.versions import version_findings
from checker.findings import Finding
from checker.model import Calendar, Category, CustomerTypes, Header, PlaybookSet, Policy
from checker.pipeline.suppressions import apply as apply_suppressions
from checker.pipeline.suppressions import parse
from checker.yaml.loader import load_bytes
from checker.yaml.source import SourceFile

UNEARNED = (
    "这里的抑制注释是本次修改新加的，不生效：版本号检查（PB7xx）的抑制只有在基准版本中已经存在，"
    "或列在版本号检查例外登记（exceptions.yaml）中并在有效期内，才算数。"
)
UNEARNED_HINT = "确需例外时，请合规部在 exceptions.yaml 中登记这处变更、原因、批准人和有效期；否则按提示升级版本号。"


def build_report(base: str | None, head: str | None, playbooks: str) -> DiffReport:
    """Load both sides, compare them and judge the versions (raises ``InputError`` for a
    revision or folder that cannot be found, ``SideErrors`` for unreadable playbooks)."""
    base_side, head_side = load_sides(base, head, playbooks)
    for side in (base_side, head_side):
        if side.note:
            sys.stderr.write(side.note + "\n")
    diff = compare(base_side.playbooks, head_side.playbooks, lambda h: release_of(base_side, h))
    sources = head_side.playbooks.sources
    found = version_findings(diff) + loosened_findings(diff)
    findings = judge(apply_suppressions(found, sources).findings, diff, head_side, today())
    return DiffReport(
        base=base_side.title,
        head=head_side.title,
        diff=diff,
        findings=sorted(findings, key=Finding.sort_key),
        files=tuple(s.path for s in sources),
        sources={s.path: s for s in sources},
        revisions=(base_side.revision, head_side.revision),
    )


def loosened_findings(diff: PolicyDiff) -> list[Finding]:
    """PB708: every loosened change at its line in HEAD (a removal at the place it left)."""
    found = []
    for change in diff.changes:
        if change.level is not ChangeLevel.LOOSENED:
            continue
        spot = change.anchor if change.in_base else (change.path, change.line, change.column)
        if spot is None:
            continue  # the whole file is gone: nothing in HEAD to annotate
        message = f"放宽：{change.text}" + (f"（{change.note}）" if change.note else "")
        hint = "放宽义务需要合规明确批准，并在变更记录中写明理由。"
        rule = LOOSENED_CHANGE
        found.append(Finding(rule.id, rule.name, rule.severity, *spot, message, hint))
    return found


def judge(findings: list[Finding], diff: PolicyDiff, head: Side, day: dt.date) -> list[Finding]:
    """Suppressions of version findings that a pull request grants itself do not count; an
    exception in force in the register suppresses with its reason and approver."""
    register = head.playbooks.exceptions
    base_of = {p.head.at.source.path: p.base.at.source for p in diff.playbooks if p.base and p.head}
    judged = []
    for finding in findings:
        entry = register.covering(finding.path, finding.rule_id, day) if register else None
        if register is not None and entry is not None:
            reason = (
                f"例外登记 {register.at.source.path}：{entry.change}；{entry.reason}"
                f"（批准人 {entry.approver}，有效期至 {entry.expires}）"
            )
            judged.append(finding.suppress(reason))
        elif finding.suppressed and not _had(base_of.get(finding.path), finding.rule_id):
            message = f"{finding.message} {UNEARNED}"
            judged.append(
                replace(finding, suppressed_reason=None, message=message, hint=UNEARNED_HINT)
            )
        else:
            judged.append(finding)
    return judged


def _had(source: SourceFile | None, rule_id: str) -> bool:
    return source is not None and any(rule_id in s.rule_ids and s.reason for s in parse(source))


def release_of(base: Side, header: Header) -> tuple[ChangeLevel | None, str]:
    """What the release of BASE's current version of a playbook did, compared with the version
    before it in BASE's git history: loosened, tightened, or None when that cannot be told."""
    path = base.paths.get(header.at.source.path)
    if base.git is None or base.revision is None or path is None:
        return None, "基准不是 git 版本，没有历史可查"
    for commit, raw in base.git.history(base.revision, path):
        loaded = load_bytes(header.at.source.path, raw)
        version = loaded.data.get("version") if isinstance(loaded.data, dict) else None
        if version == header.version:
            continue
        earlier = assemble_side("历史", commit, base.folder, [loaded])
        before = next(iter(playbooks_of(earlier.playbooks).values()), None)
        now = next((p for p in playbooks_of(base.playbooks).values() if p.header == header), None)
        if earlier.problems or before is None or now is None:
            return None, f"上一版本 {version}（{commit[:7]}）无法读取"
        release = compare(_alone(base.playbooks, before), _alone(base.playbooks, now))
        levels = [c.level for c in release.changes if c.versioned]
        loosened, tightened = ChangeLevel.LOOSENED in levels, ChangeLevel.TIGHTENED in levels
        counts = "，".join(f"{lv.label} {levels.count(lv)}" for lv in ChangeLevel if lv in levels)
        did = None
        if loosened != tightened:
            did = ChangeLevel.LOOSENED if loosened else ChangeLevel.TIGHTENED
        what = f"是{did.label}" if did else ("既有放宽也有收紧" if loosened else "没有放宽或收紧")
        return did, f"相对上一版本 {version}（{commit[:7]}）{what}（{counts or '没有实质变更'}）"
    return None, f"git 历史中找不到 {header.version} 之前的版本"


def _alone(playbooks: PlaybookSet, playbook: Any) -> PlaybookSet:
    """The set's policy and calendar (for names and the clock) with just this one playbook."""
    alone = replace(playbooks, categories=(), customer_types=None, exceptions=None)
    if isinstance(playbook, Category):
        return replace(alone, categories=(playbook,))
    if isinstance(playbook, Policy):
        return replace(alone, policy=playbook)
    if isinstance(playbook, Calendar):
        return replace(alone, calendar=playbook)
    if isinstance(playbook, CustomerTypes):
        return replace(alone, customer_types=playbook)
    return replace(alone, exceptions=playbook)
