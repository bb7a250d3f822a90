"""Versions, dates and changelogs: every file says what version it is and what changed."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from checker.findings import Finding, Severity
from checker.model import At, PlaybookSet
from checker.rules.registry import Example, Rule, define, rule

VERSION_SEMVER = define(
    "PB601",
    "version-semver",
    Severity.ERROR,
    "版本号必须是语义化版本号 主版本.次版本.修订号，例如 1.4.0。",
    "版本号告诉合规和一线员工这次修改有多大：放宽义务升主版本，收紧或新增升次版本，措辞修改升修订号。",
    good=(Example('version: "1.0.0"\n'),),
    bad=(Example('version: "1.0"\n'),),
    stage="schema",
)


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def version_key(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return (major, minor, patch)


@rule(
    "PB602",
    "changelog-current",
    Severity.ERROR,
    "变更记录必须从新到旧排列，第一条就是当前版本，版本号不重复且逐条递减。",
    "没有当前版本的变更说明，审阅者和员工都不知道这一版改了什么。",
    good=(Example('version: "1.0.0"\n'),),
    bad=(Example('version: "1.1.0"\n'),),
)
def changelog_current(r: Rule, playbooks: PlaybookSet) -> Iterator[Finding]:
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
            if version_key(older.version) >= version_key(newer.version):
                yield r.on_value(
                    older.at.source,
                    (*older.at.pointer, "version"),
                    f"变更记录中 {older.version} 排在 {newer.version} 之后，但并不更旧。",
                    "按版本从新到旧排列，每个版本只写一条。",
                )


def _date_fields(playbooks: PlaybookSet) -> Iterator[tuple[str, At]]:
    for header in playbooks.headers:
        yield header.effective, header.at.child("effective")
        for entry in header.changelog:
            yield entry.date, entry.at.child("date")


@rule(
    "PB603",
    "real-dates",
    Severity.ERROR,
    '日期必须是真实存在的公历日期，写成带引号的 "YYYY-MM-DD"。',
    "2026-02-30 这样的日期无法计算生效时间，也说明这一处没有被认真审阅。",
    good=(Example('effective: "2026-02-28"\n'),),
    bad=(Example('effective: "2026-02-30"\n'),),
)
def real_dates(r: Rule, playbooks: PlaybookSet) -> Iterator[Finding]:
    for value, at in _date_fields(playbooks):
        if parse_date(value) is None:
            yield r.on_value(
                at.source,
                at.pointer,
                f"「{value}」不是真实存在的日期。",
                "检查月份（01-12）和这个月的天数。",
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
def effective_after_changelog(r: Rule, playbooks: PlaybookSet) -> Iterator[Finding]:
    for header in playbooks.headers:
        effective = parse_date(header.effective)
        entry = next((e for e in header.changelog if e.version == header.version), None)
        written = parse_date(entry.date) if entry else None
        if effective and written and effective < written:
            yield r.on_value(
                header.at.source,
                ("effective",),
                f"生效日期 {header.effective} 早于当前版本 {header.version} 的变更日期 {entry.date}。",  # type: ignore[union-attr]
                "把生效日期改为变更日期当天或之后。",
            )
