"""Markdown: the pull-request comment (``write``) and the full report (``write_full``).

The first line is a hidden marker (``<!-- playbook-diff -->``) so CI can find its own comment
and update it. Then the counts per class; every loosened change of every playbook in one table,
first; edits of released history; then each playbook's other changes (wording folded away,
new and deleted playbooks summarised); then the version findings. A comment is capped at
``COMMENT_LIMIT`` characters (GitHub refuses more than 65,536): wording, then the other
classes, then the detail of loosened rows give way, but a loosened change is never dropped; the
full report goes to the job summary and an artifact.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import TextIO

from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange
from checker.diff.formats.highlight import marked, worth_marking
from checker.diff.report import MARKER, DiffReport
from checker.markup.escape import inline

COMMENT_LIMIT = 60_000
LOOSENED, HISTORY, WORDING = ChangeLevel.LOOSENED, ChangeLevel.HISTORY, ChangeLevel.WORDING
TRIM = 40


@dataclass(frozen=True)
class Step:
    """How much of the report a comment keeps at one step of giving way to fit."""

    wording: bool = False  # wording changes listed (else counted)
    others: bool = False  # tightened / added / removed listed (else counted)
    findings: bool = False  # version findings listed (else counted per rule)
    loosened: str = "full"  # loosened rows: full, trimmed, minimal, grouped


STEPS = (
    Step(wording=True, others=True, findings=True),
    Step(others=True, findings=True),
    Step(others=True),
    Step(),
    Step(loosened="trimmed"),
    Step(loosened="minimal"),
    Step(loosened="grouped"),
)


def cell(text: str, limit: int = 0) -> str:
    """Text safe inside a table cell: no pipes, tags, emphasis or line breaks."""
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return inline(text) if text else "—"


def _values(c: PolicyChange, full: bool) -> tuple[str, str]:
    if full and worth_marking(c.old, c.new, c.kind):
        return marked(c.old, c.new, inline, lambda s: f"~~{s}~~", lambda s: f"**{s}**")
    limit = 0 if full else TRIM
    return cell(c.old, limit), cell(c.new, limit)


def _class(c: PolicyChange) -> str:
    return f"**{c.level.label}**" + ("（混合）" if c.id.endswith("-mixed") else "")


def _location(c: PolicyChange) -> str:
    where = f"`{c.path}:{c.line}`"
    return f"基准 {where}" if c.in_base else where


def _table(changes: Iterable[PolicyChange], full: bool = True) -> list[str]:
    """A table of changes; the 说明 column only when some change says why it is classified so."""
    changes = list(changes)
    notes = full and any(c.note for c in changes)
    head = "| 类别 | 内容 | 原来 | 现在 | 位置 |" + (" 说明 |" if notes else "")
    lines = [head, "|---" * head.count(" |") + "|"]
    for c in changes:
        old, new = _values(c, full)
        subject = cell(c.subject, 0 if full else TRIM)
        row = f"| {_class(c)} | {subject} | {old} | {new} | {_location(c)} |"
        lines.append(row + (f" {cell(c.note) if c.note else ''} |" if notes else ""))
    return lines


def _minimal(changes: Iterable[PolicyChange]) -> list[str]:
    """One short row per loosened change: what, the new value, where (the file's name)."""
    lines = ["| 内容 | 现在 | 位置 |", "|---|---|---|"]
    for c in changes:
        where = f"{'基准 ' if c.in_base else ''}`{c.path.rsplit('/', 1)[-1]}:{c.line}`"
        lines.append(f"| {cell(c.subject, 16)} | {cell(c.new, 12)} | {where} |")
    return lines


def _grouped(changes: list[PolicyChange]) -> list[str]:
    """Loosened changes of one kind and subject in one row: how many, and the first places."""
    lines = ["| 类别 | 内容 | 处数 | 例如 | 位置 |", "|---|---|---|---|---|"]
    ordered = sorted(changes, key=lambda c: (c.id, c.subject))
    for (_, subject), same in groupby(ordered, key=lambda c: (c.id, c.subject)):
        group = list(same)
        first = group[0]
        places = "、".join(_location(c) for c in group[:2]) + ("等" if len(group) > 2 else "")
        example = cell(f"{first.old} → {first.new}", TRIM)
        lines.append(
            f"| {_class(first)} | {cell(subject, TRIM)} | {len(group)} | {example} | {places} |"
        )
    return lines


def _version(playbook: PlaybookDiff) -> str:
    base, head = playbook.base, playbook.head
    if head is None:
        return f"删除（原版本 {base.version if base else '—'}）"
    if base is None:
        return f"新增，版本 {head.version}" if head.version else "新增"
    if not head.version:
        return "没有版本号"
    if base.version == head.version:
        return f"版本 {head.version}（未升级）"
    return f"版本 {base.version} → {head.version}"


def _counts(changes: list[PolicyChange]) -> str:
    return "，".join(
        f"{lv.label} {n}" for lv in ChangeLevel if (n := sum(c.level is lv for c in changes))
    )


def _playbook(playbook: PlaybookDiff, wording: bool, others: bool) -> list[str]:
    """One playbook: its version, and its changes other than loosened and history (those are
    listed first, for every playbook together)."""
    if not playbook.changes and not playbook.summary:
        return []
    rest = [c for c in playbook.changes if c.level not in (LOOSENED, HISTORY)]
    worded = [c for c in rest if c.level is WORDING]
    substantive = [c for c in rest if c.level is not WORDING]
    where = f"`{playbook.path}` · {_version(playbook)} · {_counts(list(playbook.changes))}"
    lines = [f"### {cell(playbook.title)}", "", where, ""]
    if playbook.summary:
        shown = "新增" if playbook.status == "added" else "删除"
        lines += [f"{shown}的手册包含：", "", *(f"- {cell(line)}" for line in playbook.summary), ""]
    if substantive and others:
        lines += [*_table(substantive), ""]
    elif substantive:
        lines += [f"另有{_counts(substantive)}处（评论篇幅有限，完整列表见作业摘要）。", ""]
    if worded and wording:
        details = [f"<summary>措辞修改 {len(worded)} 处</summary>", "", *_table(worded), ""]
        lines += ["<details>", *details, "</details>", ""]
    elif worded:
        lines += [f"另有措辞修改 {len(worded)} 处（评论篇幅有限，完整列表见作业摘要）。", ""]
    return lines


def _findings(report: DiffReport, listed: bool) -> list[str]:
    lines = ["### 版本号检查", ""]
    findings = report.version_checks
    if not findings:
        return [*lines, "版本号和变更记录符合要求。", ""]
    if not listed:
        lines += ["| 规则 | 数量 | 例如 |", "|---|---|---|"]
        for rule, same in groupby(
            sorted(findings, key=lambda f: f.rule_id), key=lambda f: f.rule_id
        ):
            group = list(same)
            first = group[0]
            lines.append(
                f"| {rule} {first.rule_name} | {len(group)} | `{first.path}:{first.line}` {cell(first.message, TRIM)} |"
            )
        return [*lines, "", report.version_summary.sentence(), ""]
    lines += ["| 级别 | 规则 | 位置 | 说明 |", "|---|---|---|---|"]
    for f in findings:
        text = f.message + (f" 提示：{f.hint}" if f.hint else "")
        label = f"已抑制的{f.severity.label}" if f.suppressed else f.severity.label
        if f.suppressed:
            text += f" 抑制原因：{f.suppressed_reason}"
        lines.append(
            f"| {label} | {f.rule_id} {f.rule_name} | `{f.path}:{f.line}` | {cell(text)} |"
        )
    return [*lines, "", report.version_summary.sentence(), ""]


def _loosened(changes: list[PolicyChange], style: str) -> list[str]:
    if style == "grouped":
        return _grouped(changes)
    if style == "minimal":
        return _minimal(changes)
    return _table(changes, full=style == "full")


def render(report: DiffReport, step: int = 0) -> str:
    """The report at one step of giving way (0: everything)."""
    keep = STEPS[step]
    counts = report.counts()
    lines = [
        MARKER,
        "## 手册变更审阅",
        "",
        f"{cell(report.base)} → {cell(report.head)}",
        "",
        "| 类别 | 含义 | 数量 |",
        "|---|---|---|",
        *(f"| {level.label} | {level.meaning} | {n} |" for level, n in counts.items()),
        "",
    ]
    if step:
        lines += [
            "> 评论篇幅有限，部分内容只给出数量；完整报告见本次运行的作业摘要（job summary）和产物 playbook-diff。",
            "",
        ]
    loosened = [c for p in report.diff.playbooks for c in p.changes if c.level is LOOSENED]
    if loosened:
        lines += [f"> **有 {len(loosened)} 处放宽义务的变更，请合规重点审阅。**", ""]
        lines += [f"### 放宽（{len(loosened)} 处）", ""]
        lines += [*_loosened(loosened, keep.loosened), ""]
    history = [c for c in report.changes if c.level is HISTORY]
    if history:
        lines += [f"### 修改历史记录（{len(history)} 处）", "", *_table(history, keep.others), ""]
    if not report.changes:
        lines += ["两个版本的手册在业务含义上没有差别。", ""]
    if keep.others:
        for playbook in report.diff.playbooks:
            lines += _playbook(playbook, keep.wording, keep.others)
    else:
        rest = [c for c in report.changes if c.level not in (LOOSENED, HISTORY)]
        if rest:
            parts = "，".join(
                f"{lv.label}{'修改' if lv is WORDING else ''} {n} 处"
                for lv in ChangeLevel
                if (n := sum(c.level is lv for c in rest))
            )
            files = len({c.path for c in rest})
            lines += [f"另有{parts}（分布在 {files} 个文件中，完整列表见作业摘要）。", ""]
    lines += _findings(report, keep.findings)
    return "\n".join(lines)


def render_comment(report: DiffReport) -> str:
    """The largest step of the report that fits a pull-request comment."""
    for step in range(len(STEPS)):
        text = render(report, step)
        if len(text) <= COMMENT_LIMIT:
            return text
    return text


def write(report: DiffReport, out: TextIO = sys.stdout) -> None:
    """The pull-request comment."""
    out.write(render_comment(report))


def write_full(report: DiffReport, out: TextIO = sys.stdout) -> None:
    """Everything, for the job summary and the artifact."""
    out.write(render(report))
