"""Versions, dates and changelogs: every file says what version it is and what changed.

The shapes of versions (PB601) and dates (PB603) are checked by the schema stage.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.model.version import Version
from checker.rules.context import RuleContext
from checker.rules.registry import rule


@rule(
    "PB602",
    "changelog-current",
    Severity.ERROR,
    "变更记录必须从新到旧排列，第一条就是当前版本，版本号不重复且逐条递减。",
    "没有当前版本的变更说明，审阅者和员工都不知道这一版改了什么。",
    good=(Example('version: "1.0.0"\n'),),
    bad=(Example('version: "1.1.0"\n'),),
)
def changelog_current(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    for header in playbooks.headers:
        entries = header.changelog
        if not any(e.version == header.version for e in entries):
            yield r.on_value(
                header.at.source,
                ("version",),
                f"当前版本 {header.version} 在变更记录中没有条目。",
                f'在 changelog 最前面加一条 version: "{header.version}"，写明改了什么。',
            )
        elif entries[0].version != header.version:
            yield r.on_value(
                entries[0].at.source,
                (*entries[0].at.pointer, "version"),
                f"变更记录的第一条是 {entries[0].version}，不是当前版本 {header.version}。",
                "变更记录按从新到旧排列，当前版本放在最前面。",
            )
        for newer, older in itertools.pairwise(entries):
            older_version, newer_version = (
                Version.parse(older.version),
                Version.parse(newer.version),
            )
            if older_version and newer_version and older_version >= newer_version:
                yield r.on_value(
                    older.at.source,
                    (*older.at.pointer, "version"),
                    f"变更记录中 {older.version} 排在 {newer.version} 之后，但并不更旧。",
                    "按版本从新到旧排列，每个版本只写一条。",
                )


@rule(
    "PB604",
    "effective-after-changelog",
    Severity.ERROR,
    "生效日期不得早于当前版本在变更记录中的日期。",
    "一个版本不可能在定稿之前就开始执行；这通常是忘了更新生效日期。",
    good=(Example('effective: "2026-01-10"\n'),),
    bad=(Example('effective: "2026-01-01"\n'),),
)
def effective_after_changelog(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    for header in playbooks.headers:
        entry = header.effective_before_release()
        if entry is not None:
            yield r.on_value(
                header.at.source,
                ("effective",),
                f"生效日期 {header.effective} 早于当前版本 {header.version} 的变更日期 {entry.date}。",
                "把生效日期改为变更日期当天或之后。",
            )
