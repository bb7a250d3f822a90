"""Change records: what one policy change is, how it is classified, and the diff they form.

A ``PolicyChange`` is plain data (like a ``Finding``): the formats in ``checker.diff.formats``
render it, the version rules in ``checker.diff.versions`` judge it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from checker.model import Header


class ChangeLevel(StrEnum):
    """How a change moves the company's obligations; the value is the stable English name."""

    LOOSENED = "loosened"
    TIGHTENED = "tightened"
    ADDED = "added"
    REMOVED = "removed"
    WORDING = "wording"
    HISTORY = "history"

    @property
    def label(self) -> str:
        """The Chinese word shown to reviewers."""
        return _WORDS[self][0]

    @property
    def meaning(self) -> str:
        """One line that says what the class covers (the summary table of a report)."""
        return _WORDS[self][1]

    @property
    def rank(self) -> int:
        """Report order: loosened first, then edits of released history, wording last."""
        return _RANKS.index(self)

    @property
    def opposite(self) -> ChangeLevel:
        """The class of the reverse change."""
        return _OPPOSITES.get(self, self)


_WORDS = {
    ChangeLevel.LOOSENED: (
        "放宽",
        "义务减轻：时限延长、步骤或话术删除、权限下放、禁用语或监管上限取消",
    ),
    ChangeLevel.TIGHTENED: (
        "收紧",
        "义务加重：时限缩短、步骤或话术增加、权限收回、新增禁用语或上限",
    ),
    ChangeLevel.ADDED: ("新增", "新增手册或中性条目（案例、检索词、客户类型、原则、占位符等）"),
    ChangeLevel.REMOVED: ("删除", "删除手册或中性条目"),
    ChangeLevel.WORDING: ("措辞", "只改文字：概述、动作、话术、标题、说明"),
    ChangeLevel.HISTORY: ("修改历史记录", "改动已发布版本的变更记录：日期、版本号、内容或整条记录"),
}
_RANKS = [
    ChangeLevel.LOOSENED,
    ChangeLevel.HISTORY,
    ChangeLevel.TIGHTENED,
    ChangeLevel.ADDED,
    ChangeLevel.REMOVED,
    ChangeLevel.WORDING,
]
_OPPOSITES = {
    ChangeLevel.LOOSENED: ChangeLevel.TIGHTENED,
    ChangeLevel.TIGHTENED: ChangeLevel.LOOSENED,
    ChangeLevel.ADDED: ChangeLevel.REMOVED,
    ChangeLevel.REMOVED: ChangeLevel.ADDED,
}

BASE_SIDE, HEAD_SIDE = "base", "head"


def change_detail(subject: str, old: str, new: str) -> str:
    """What changed, e.g. 紧急·重大 解决时限：3 个工作日 → 4 个工作日."""
    if old and new:
        return f"{subject}：{old} → {new}"
    if new or old:
        return f"{'新增' if new else '删除'} {subject}：{new or old}"
    return subject


def change_text(playbook: str, subject: str, old: str, new: str) -> str:
    """The one-line Chinese sentence of a change, e.g.
    「产品质量」紧急·重大 解决时限：3 个工作日 → 4 个工作日."""
    return f"「{playbook}」{change_detail(subject, old, new)}"


@dataclass(frozen=True, slots=True)
class PolicyChange:
    """One change in business terms, located in a file.

    ``id`` is the stable change type (``limit-longer``, ``script-removed``...; see
    ``checker.diff.catalogue``), ``kind`` the object kind (``limit``, ``script``...),
    ``playbook`` the playbook's title, ``subject`` what changed (``紧急·重大 解决时限``),
    ``old``/``new`` the readable values ("" when absent). ``path``/``line``/``column`` (1-based)
    point into HEAD, or into BASE when ``side`` is ``"base"`` (the thing is gone from HEAD).
    ``text`` is the whole sentence, ``note`` why it is classified as it is (when that needs
    saying). ``versioned`` is False for changes the version number does not answer for (edits
    of suppressions and exceptions: they change the checks, not the obligations). A change
    located in BASE has an ``anchor`` in HEAD (path, line, column) where the thing used to be,
    for annotations on the changed file; None when the whole file is gone.
    """

    id: str
    level: ChangeLevel
    kind: str
    playbook: str
    subject: str
    old: str
    new: str
    path: str
    line: int
    column: int
    text: str
    side: str = HEAD_SIDE
    note: str = ""
    versioned: bool = True
    anchor: tuple[str, int, int] | None = None

    @property
    def detail(self) -> str:
        """The sentence without the playbook's title."""
        return change_detail(self.subject, self.old, self.new)

    @property
    def in_base(self) -> bool:
        return self.side == BASE_SIDE

    def sort_key(self) -> tuple[int, str, int, int, str]:
        return (self.level.rank, self.path, self.line, self.column, self.id)


@dataclass(frozen=True)
class PlaybookDiff:
    """The changes of one playbook file, matched between BASE and HEAD by kind and id (or, for
    a renamed category, by content). ``summary`` describes a new or deleted playbook."""

    key: str
    title: str
    path: str
    base: Header | None
    head: Header | None
    changes: tuple[PolicyChange, ...] = ()
    summary: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """``added``, ``removed``, ``changed`` or ``unchanged``."""
        if self.base is None or self.head is None:
            return "added" if self.base is None else "removed"
        return "changed" if self.changes else "unchanged"

    def count(self, level: ChangeLevel) -> int:
        return sum(change.level is level for change in self.changes)


@dataclass(frozen=True)
class PolicyDiff:
    """Every playbook's changes; playbooks with loosened changes first."""

    playbooks: tuple[PlaybookDiff, ...] = ()

    @property
    def changes(self) -> list[PolicyChange]:
        """All changes, loosened first, then by file and line."""
        return sorted((c for p in self.playbooks for c in p.changes), key=PolicyChange.sort_key)

    def count(self, level: ChangeLevel) -> int:
        return sum(p.count(level) for p in self.playbooks)

    def changed(self) -> list[PlaybookDiff]:
        return [p for p in self.playbooks if p.changes]
