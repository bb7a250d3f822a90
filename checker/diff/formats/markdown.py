"""Markdown for a pull-request comment.

The first line is a hidden marker (``<!-- playbook-diff -->``) so CI can find its own comment
and update it. Then a table of counts per class, then each playbook's changes, loosened first;
wording changes are folded away, and dropped to a count when the comment would pass GitHub's
size limit.
"""

from __future__ import annotations

import sys
from typing import TextIO

from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange
from checker.diff.report import MARKER, DiffReport
from checker.markup.escape import inline

# GitHub refuses comments over 65,536 characters; keep room for the version findings.
COMMENT_LIMIT = 60_000


def cell(text: str) -> str:
    """Text safe inside a table cell: no pipes, tags, emphasis or line breaks."""
    return inline(text) if text else "—"


def _location(change: PolicyChange) -> str:
    where = f"`{change.path}:{change.line}`"
    return f"基准 {where}" if change.in_base else where


def _table(changes: list[PolicyChange]) -> list[str]:
    lines = ["| 类别 | 内容 | 原来 | 现在 | 位置 |", "|---|---|---|---|---|"]
    for c in changes:
        lines.append(
            f"| **{c.level.label}** | {cell(c.subject)} | {cell(c.old)} | {cell(c.new)} "
            f"| {_location(c)} |"
        )
    return lines


def _version(playbook: PlaybookDiff) -> str:
    if playbook.head is None:
        return f"删除（原版本 {playbook.base.version if playbook.base else '?'}）"
    if playbook.base is None:
        return f"新增，版本 {playbook.head.version}"
    if playbook.base.version == playbook.head.version:
        return f"版本 {playbook.head.version}（未升级）"
    return f"版本 {playbook.base.version} → {playbook.head.version}"


def _playbook(playbook: PlaybookDiff, compact: bool) -> list[str]:
    counts = "，".join(
        f"{level.label} {playbook.count(level)}" for level in ChangeLevel if playbook.count(level)
    )
    lines = [
        f"### {cell(playbook.title)}",
        "",
        f"`{playbook.path}` · {_version(playbook)} · {counts}",
        "",
    ]
    substantive = [c for c in playbook.changes if c.level is not ChangeLevel.WORDING]
    wording = [c for c in playbook.changes if c.level is ChangeLevel.WORDING]
    if substantive:
        lines += [*_table(substantive), ""]
    if wording and compact:
        lines += [f"另有措辞修改 {len(wording)} 处（评论篇幅有限，完整列表见 --format json）。", ""]
    elif wording:
        lines += [
            "<details>",
            f"<summary>措辞修改 {len(wording)} 处</summary>",
            "",
            *_table(wording),
            "",
            "</details>",
            "",
        ]
    return lines


def _findings(report: DiffReport) -> list[str]:
    lines = ["### 版本号检查", ""]
    if not report.findings:
        return [*lines, "版本号和变更记录符合要求。", ""]
    lines += ["| 级别 | 规则 | 位置 | 说明 |", "|---|---|---|---|"]
    for f in report.findings:
        text = f.message + (f" 提示：{f.hint}" if f.hint else "")
        label = f"已抑制的{f.severity.label}" if f.suppressed else f.severity.label
        if f.suppressed:
            text += f" 抑制原因：{f.suppressed_reason}"
        lines.append(
            f"| {label} | {f.rule_id} {f.rule_name} | `{f.path}:{f.line}` | {cell(text)} |"
        )
    return [*lines, "", report.summary.sentence(), ""]


def render(report: DiffReport, compact: bool = False) -> str:
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
    if counts[ChangeLevel.LOOSENED]:
        lines += [
            f"> **有 {counts[ChangeLevel.LOOSENED]} 处放宽义务的变更，请合规重点审阅。**",
            "",
        ]
    if not report.changes:
        lines += ["两个版本的手册在业务含义上没有差别。", ""]
    for playbook in report.diff.changed():
        lines += _playbook(playbook, compact)
    lines += _findings(report)
    return "\n".join(lines)


def write(report: DiffReport, out: TextIO = sys.stdout) -> None:
    text = render(report)
    if len(text) > COMMENT_LIMIT:
        text = render(report, compact=True)
    out.write(text)
