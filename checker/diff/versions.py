"""Version discipline: the PB7xx rules (declared in ``checker.diff.version_rules``) applied to a
diff. Each playbook's version bump must be at least as big as its biggest change requires:
loosened -> major, tightened / added / removed -> minor, wording -> patch.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyDiff
from checker.diff.version_rules import (
    CHANGELOG_NEW_VERSION,
    LOOSENING_MAJOR,
    NEW_PLAYBOOK_VERSION,
    TIGHTENING_MINOR,
    VERSION_NOT_LOWERED,
    VERSION_RAISED,
    WORDING_PATCH,
)
from checker.findings import Finding, Rule
from checker.model import Header

Version = tuple[int, int, int]


class Bump(IntEnum):
    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return {0: "不升级", 1: "修订号", 2: "次版本号", 3: "主版本号"}[self.value]


REQUIRED = {
    ChangeLevel.LOOSENED: Bump.MAJOR,
    ChangeLevel.TIGHTENED: Bump.MINOR,
    ChangeLevel.ADDED: Bump.MINOR,
    ChangeLevel.REMOVED: Bump.MINOR,
    ChangeLevel.WORDING: Bump.PATCH,
}
_RULE_FOR = {Bump.MAJOR: LOOSENING_MAJOR, Bump.MINOR: TIGHTENING_MINOR, Bump.PATCH: WORDING_PATCH}
_WHAT = {Bump.MAJOR: "放宽", Bump.MINOR: "收紧、新增或删除", Bump.PATCH: "措辞修改"}


def parse_version(text: str) -> Version | None:
    parts = text.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return (int(parts[0]), int(parts[1]), int(parts[2]))


def bump_of(old: Version, new: Version) -> Bump:
    """How big a step ``old`` -> ``new`` is. In 0.x (a draft) the minor number plays the major's
    part and the patch number the minor's."""
    if new <= old:
        return Bump.NONE
    if new[0] > old[0]:
        return Bump.MAJOR
    if old[0] == 0:
        return Bump.MAJOR if new[1] > old[1] else Bump.MINOR
    return Bump.MINOR if new[1] > old[1] else Bump.PATCH


def next_version(old: Version, bump: Bump) -> str:
    """The smallest version after ``old`` that makes a ``bump``."""
    major, minor, patch = old
    if major == 0:  # see bump_of: in 0.x a minor step is a major one
        return f"0.{minor + 1}.0" if bump is Bump.MAJOR else f"0.{minor}.{patch + 1}"
    if bump is Bump.MAJOR:
        return f"{major + 1}.0.0"
    if bump is Bump.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def version_findings(diff: PolicyDiff) -> list[Finding]:
    """Every PB7xx finding of a diff, in file order."""
    findings: list[Finding] = []
    for playbook in diff.playbooks:
        if playbook.head is None:
            continue
        if playbook.base is None:
            findings.extend(_new_playbook(playbook.head))
        else:
            findings.extend(_changed_playbook(playbook, playbook.base, playbook.head))
    return sorted(findings, key=Finding.sort_key)


def _on_version(rule: Rule, header: Header, message: str, hint: str) -> Finding:
    return rule.on_value(header.at.source, ("version",), message, hint)


def _counts(playbook: PlaybookDiff) -> str:
    return "，".join(
        f"{level.label} {playbook.count(level)}" for level in ChangeLevel if playbook.count(level)
    )


def _changed_playbook(playbook: PlaybookDiff, base: Header, head: Header) -> list[Finding]:
    old, new = parse_version(base.version), parse_version(head.version)
    if old is None or new is None:
        return []  # PB601 reports versions that are not semantic versions
    title = f"「{playbook.title}」"
    if new < old:
        suggest = next_version(old, Bump.PATCH)
        return [
            _on_version(
                VERSION_NOT_LOWERED,
                head,
                f"{title}的版本号从 {base.version} 降到了 {head.version}。",
                f"版本号只能升高：在 {base.version} 的基础上升级，例如 {suggest}。",
            )
        ]
    findings = []
    required = max((REQUIRED[c.level] for c in playbook.changes), default=Bump.NONE)
    made = bump_of(old, new)
    if required and new == old:
        findings.append(
            _on_version(
                VERSION_RAISED,
                head,
                f"{title}有 {len(playbook.changes)} 处变更（{_counts(playbook)}），"
                f"但版本号仍是 {head.version}。",
                f"升到 {next_version(old, required)}，并在 changelog 最前面加一条，写明改了什么。",
            )
        )
    if made < required:
        example = next(c for c in playbook.changes if REQUIRED[c.level] is required)
        count = sum(REQUIRED[c.level] is required for c in playbook.changes)
        findings.append(
            _on_version(
                _RULE_FOR[required],
                head,
                f"{title}有 {count} 处{_WHAT[required]}（例如 {example.detail}），"
                + (
                    f"版本号仍是 {head.version}，没有升{required.label}。"
                    if new == old
                    else f"版本号 {base.version} → {head.version} 没有升{required.label}。"
                ),
                f"{_WHAT[required]}至少要升{required.label}，例如改为 "
                f"{next_version(old, required)}。",
            )
        )
    if new > old:
        findings.extend(_changelog(head))
    return findings


def _changelog(head: Header) -> list[Finding]:
    """The new version's changelog entry comes first and is not dated after ``effective``."""
    first = head.changelog[0] if head.changelog else None
    if first is None or first.version != head.version:
        shown = f"第一条是 {first.version}" if first else "没有任何条目"
        at = first.at.child("version") if first else head.at.child("changelog")
        return [
            CHANGELOG_NEW_VERSION.on_value(
                at.source,
                at.pointer,
                f"版本号升到了 {head.version}，但变更记录{shown}，没有 {head.version} 的条目。",
                f'在 changelog 最前面加一条 version: "{head.version}"，写明日期和改了什么。',
            )
        ]
    effective, written = _date(head.effective), _date(first.date)
    if effective and written and effective < written:
        return [
            CHANGELOG_NEW_VERSION.on_value(
                head.at.source,
                ("effective",),
                f"生效日期 {head.effective} 早于新版本 {head.version} 的变更日期 {first.date}。",
                "把生效日期改为变更日期当天或之后。",
            )
        ]
    return []


def _new_playbook(head: Header) -> list[Finding]:
    version = parse_version(head.version)
    if version is None:
        return []
    findings = []
    if not (version == (1, 0, 0) or (version[0] == 0 and 1 <= version[1] <= 9)):
        findings.append(
            _on_version(
                NEW_PLAYBOOK_VERSION,
                head,
                f"新手册「{head.title}」的起始版本号是 {head.version}。",
                "正式发布写 1.0.0，试行稿写 0.1.0 至 0.9.x。",
            )
        )
    return findings + _changelog(head)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
