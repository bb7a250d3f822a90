"""Version discipline: the PB7xx rules (declared in ``checker.diff.version_rules``) applied to a
diff. Each playbook's version bump must be at least as big as its biggest change requires:
loosened -> major, tightened / added / removed -> minor, wording -> patch. One cause, one
finding: an unchanged version is PB701 (PB704 when only wording changed), a bump that is too
small PB702 or PB703.
"""

from __future__ import annotations

from enum import IntEnum

from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange, PolicyDiff
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
from checker.model.version import Version


class Bump(IntEnum):
    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return ("不升级", "修订号", "次版本号", "主版本号")[self.value]


REQUIRED = {
    ChangeLevel.LOOSENED: Bump.MAJOR,
    ChangeLevel.TIGHTENED: Bump.MINOR,
    ChangeLevel.ADDED: Bump.MINOR,
    ChangeLevel.REMOVED: Bump.MINOR,
    ChangeLevel.WORDING: Bump.PATCH,
    ChangeLevel.HISTORY: Bump.NONE,  # a release cannot undo an edit of released history
}
_WHAT = {Bump.MAJOR: "放宽", Bump.MINOR: "收紧、新增或删除", Bump.PATCH: "措辞修改"}


def required(change: PolicyChange) -> Bump:
    return REQUIRED[change.level] if change.versioned else Bump.NONE


def bump_of(old: Version, new: Version) -> Bump:
    """How big a step ``old`` -> ``new`` is. In 0.x (a draft) the minor number plays the major's
    part and the patch number the minor's."""
    if new <= old:
        return Bump.NONE
    if new[0] > old[0] or (old[0] == 0 and new[1] > old[1]):
        return Bump.MAJOR
    return Bump.MINOR if new[1] > old[1] or old[0] == 0 else Bump.PATCH


def next_version(old: Version, bump: Bump) -> str:
    """The smallest version after ``old`` that makes a ``bump``."""
    major, minor, patch = old
    if major == 0:  # see bump_of: in 0.x a minor step is a major one
        return f"0.{minor + 1}.0" if bump is Bump.MAJOR else f"0.{minor}.{patch + 1}"
    if bump is Bump.MAJOR:
        return f"{major + 1}.0.0"
    return f"{major}.{minor + 1}.0" if bump is Bump.MINOR else f"{major}.{minor}.{patch + 1}"


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


def _changed_playbook(playbook: PlaybookDiff, base: Header, head: Header) -> list[Finding]:
    old, new = Version.parse(base.version), Version.parse(head.version)
    if old is None or new is None:
        return []  # PB601 reports versions that are not semantic versions
    title = f"「{playbook.title}」"
    if new < old:
        return [
            _on_version(
                VERSION_NOT_LOWERED,
                head,
                f"{title}的版本号从 {base.version} 降到了 {head.version}。",
                f"版本号只能升高：在 {base.version} 的基础上升级，例如 {next_version(old, Bump.PATCH)}。",
            )
        ]
    versioned = [c for c in playbook.changes if required(c)]
    need = max(map(required, versioned), default=Bump.NONE)
    if need and bump_of(old, new) < need:
        count = sum(required(c) is need for c in versioned)
        example = next(c for c in versioned if required(c) is need)
        what = f"{count} 处{_WHAT[need]}（例如 {example.detail}）"
        advice = f"{_WHAT[need]}至少要升{need.label}，例如改为 {next_version(old, need)}"
        if new > old:
            rule = LOOSENING_MAJOR if need is Bump.MAJOR else TIGHTENING_MINOR
            message = (
                f"{title}有 {what}，版本号 {base.version} → {head.version} 没有升{need.label}。"
            )
            return [_on_version(rule, head, message, advice + "。"), *_changelog(head)]
        counts = "，".join(
            f"{lv.label} {n}" for lv in ChangeLevel if (n := sum(c.level is lv for c in versioned))
        )
        rule = WORDING_PATCH if need is Bump.PATCH else VERSION_RAISED
        message = f"{title}有 {len(versioned)} 处变更（{counts}），其中 {what}，但版本号仍是 {head.version}。"
        return [
            _on_version(
                rule, head, message, f"{advice}，并在 changelog 最前面加一条，写明改了什么。"
            )
        ]
    return _changelog(head) if new > old else []


def _changelog(head: Header) -> list[Finding]:
    """The new version's changelog entry comes first and is not dated after ``effective``
    (``Header.effective_before_release``, the check PB604 makes on one version)."""
    first = head.changelog[0] if head.changelog else None
    if first is None or first.version != head.version:
        shown = f"第一条是 {first.version}" if first else "没有任何条目"
        at = first.at.child("version") if first else head.at.child("changelog")
        message = f"版本号升到了 {head.version}，但变更记录{shown}，没有 {head.version} 的条目。"
        hint = f'在 changelog 最前面加一条 version: "{head.version}"，写明日期和改了什么。'
        return [CHANGELOG_NEW_VERSION.on_value(at.source, at.pointer, message, hint)]
    if head.effective_before_release() is None:
        return []
    message = f"生效日期 {head.effective} 早于新版本 {head.version} 的变更日期 {first.date}。"
    hint = "把生效日期改为变更日期当天或之后。"
    return [CHANGELOG_NEW_VERSION.on_value(head.at.source, ("effective",), message, hint)]


def _new_playbook(head: Header) -> list[Finding]:
    version = Version.parse(head.version)
    if version is None:
        return []
    if version == (1, 0, 0) or (version.major == 0 and 1 <= version.minor <= 9):
        return _changelog(head)
    message = f"新手册「{head.title}」的起始版本号是 {head.version}。"
    hint = "正式发布写 1.0.0，试行稿写 0.1.0 至 0.9.x。"
    return [_on_version(NEW_PLAYBOOK_VERSION, head, message, hint), *_changelog(head)]
