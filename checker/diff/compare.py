"""Two playbook sets (BASE, HEAD) -> a ``PolicyDiff``.

Playbooks are matched by kind and id; a category whose id and file changed is recognised by its
content and compared as a rename. Each pair is walked by the one comparer over its kind's
declared fields; around the content, the comparison also covers the effective date, the
released changelog entries and the suppression comments. A byte-identical file is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange, PolicyDiff
from checker.diff.comparer import Recorder, Words
from checker.diff.specs import SPECS
from checker.diff.summaries import summary
from checker.model import Category, Exceptions, Header, PlaybookSet
from checker.model.vocabulary import KIND_NAMES
from checker.pipeline.suppressions import Suppression, parse
from checker.yaml.source import SourceFile

LOOSENED, TIGHTENED, ADDED = ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED, ChangeLevel.ADDED
# What the release of a version did, asked of BASE's history: (loosened / tightened / None if
# it cannot be told, the words that say so).
Releases = Callable[[Header], tuple[ChangeLevel | None, str]]
ALIKE = 0.5  # files at least this alike (difflib ratio of their lines) are one renamed category
RENAME_PAIRS = 2_500  # above this many candidate pairs, renames are matched by title only
_KIND_ORDER = tuple(SPECS)  # report order of kinds when their changes weigh the same


def playbooks_of(playbooks: PlaybookSet) -> dict[str, Any]:
    """Every modelled playbook by a key that stays the same across versions."""
    found: dict[str, Any] = {}
    singles = (playbooks.policy, playbooks.calendar, playbooks.customer_types, playbooks.exceptions)
    for single in singles:
        if single is not None:
            found[single.header.kind] = single
    for category in playbooks.categories:
        found.setdefault(f"category:{category.id}", category)
    return found


def compare(base: PlaybookSet, head: PlaybookSet, releases: Releases | None = None) -> PolicyDiff:
    """Every change from BASE to HEAD, per playbook; playbooks with loosened changes first.
    ``releases`` classifies a moved effective date (``checker.diff.review`` asks git)."""
    words = Words.of(base, head)
    before, after = playbooks_of(base), playbooks_of(head)
    renamed = _renames(
        {k: v for k, v in before.items() if k not in after},
        {k: v for k, v in after.items() if k not in before},
    )
    results = []
    for key in dict.fromkeys([*after, *before]):
        if key in renamed.values():
            continue
        old = before.get(renamed.get(key, key))
        results.append(_playbook(key, old, after.get(key), words, releases, key in renamed))
    return PolicyDiff(tuple(sorted(results, key=_weight)))


def _playbook(
    key: str, old: Any, new: Any, words: Words, releases: Releases | None, renamed: bool
) -> PlaybookDiff:
    header: Header = (new or old).header
    if isinstance(new or old, Category):
        remedies = {r.id: r.title for p in (old, new) if p for r in p.remedies}
        words = words.with_titles("remedy", remedies)
    rec = Recorder(header.title, header.kind, words, (old, new))
    if old is None or new is None:
        verb, level = ("added", ADDED) if old is None else ("removed", LOOSENED)
        # a deleted playbook takes every obligation in it along: loosened, first in the report
        shown = f"版本 {header.version}" if header.version else KIND_NAMES[header.kind]
        rec.record(
            "playbook",
            verb,
            level,
            "整个手册",
            *((shown, "") if new is None else ("", shown)),
            header.at,
        )
        if new is not None:
            _suppressions(rec, None, header.at.source)
        register = new or old
        if isinstance(register, Exceptions):  # each exception granted (or withdrawn) counts
            empty = replace(register, entries=())
            pair = (empty, register) if old is None else (register, empty)
            rec.walk(SPECS["exceptions"], *pair, (register.at, register.at))
    elif old.header.at.source.text != header.at.source.text:
        if renamed:
            was, now = (
                f"{old.id}（{old.header.at.source.path}）",
                f"{new.id}（{header.at.source.path}）",
            )
            rec.record(
                "playbook",
                "renamed",
                ChangeLevel.WORDING,
                "标识和文件名",
                was,
                now,
                header.at.child("id"),
            )
        rec.walk(SPECS[header.kind], old, _released(old, new), (old.header.at, header.at))
        _effective(rec, old.header, header, releases)
        _suppressions(rec, old.header.at.source, header.at.source)
    return PlaybookDiff(
        key=key,
        title=header.title,
        path=header.at.source.path,
        base=old.header if old else None,
        head=new.header if new else None,
        changes=tuple(sorted(rec.changes, key=PolicyChange.sort_key)),
        summary=summary(new or old, words) if old is None or new is None else (),
    )


def _released(old: Any, new: Any) -> Any:
    """HEAD without its new version's changelog entry: the rest is released history."""
    if isinstance(new, Exceptions):  # the register has no versions
        return new
    versions = {e.version for e in old.header.changelog}
    kept = tuple(
        e for e in new.header.changelog if e.version in versions or e.version != new.header.version
    )
    return replace(new, header=replace(new.header, changelog=kept))


def _effective(rec: Recorder, old: Header, new: Header, releases: Releases | None) -> None:
    """A moved effective date moves when an obligation starts: classified by what the version
    it governs did, as far as BASE's history can tell."""
    if old.effective == new.effective:
        return
    at, subject = new.at.child("effective"), "生效日期"
    if old.version != new.version:
        note = f"新版本 {new.version} 自 {new.effective} 生效；原版本 {old.version} 自 {old.effective} 生效。"
        rec.record(
            "effective",
            "new-version",
            ADDED,
            subject,
            old.effective,
            new.effective,
            at,
            note=note,
            versioned=False,
        )
        return
    later = new.effective > old.effective  # ISO dates (the schema's) order as text
    did, told = releases(old) if releases else (None, "基准不是 git 版本，没有历史可查")
    move = "推迟" if later else "提前"
    if did in (LOOSENED, TIGHTENED):
        level = did.opposite if later else did
        note = f"版本 {new.version} {told}：生效日期{move}就是{move}{did.label}。"
    else:
        level = LOOSENED
        note = f"无法判断版本 {new.version} 相对上一版本是收紧还是放宽（{told}），按放宽审阅。"
    rec.record(
        "effective",
        "later" if later else "earlier",
        level,
        subject,
        old.effective,
        new.effective,
        at,
        note=note,
    )


def _suppressions(rec: Recorder, old: SourceFile | None, new: SourceFile) -> None:
    """Suppression comments added or removed: they change what the checks report, not the
    obligations, so the version number does not answer for them."""

    def keyed(source: SourceFile | None) -> dict[tuple[Any, ...], Suppression]:
        found = {}
        for s in parse(source) if source else ():
            line = source.line_text(s.applies_to_line) if source else ""
            content = line[: s.column - 1] if s.applies_to_line == s.line else line
            found[(s.rule_ids, s.reason, content.strip())] = s
        return found

    before, after = keyed(old), keyed(new)
    for gone, side in ((True, before), (False, after)):
        for key in side.keys() - (after if gone else before).keys():
            s = side[key]
            subject, shown = (
                f"抑制注释（{'、'.join(sorted(s.rule_ids))}）",
                s.reason or "（没有写原因）",
            )
            verb, level = ("removed", TIGHTENED) if gone else ("added", LOOSENED)
            old_new = (shown, "") if gone else ("", shown)
            note = f"作用于第 {s.applies_to_line} 行：{key[2]}"
            rec.record(
                "suppression",
                verb,
                level,
                subject,
                *old_new,
                (s.path, s.line, s.column),
                note=note,
                versioned=False,
            )


def _renames(gone: dict[str, Any], added: dict[str, Any]) -> dict[str, str]:
    """New key -> old key for categories whose id and file changed but whose content is mostly
    the same (most alike first)."""
    gone = {k: v for k, v in gone.items() if isinstance(v, Category)}
    added = {k: v for k, v in added.items() if isinstance(v, Category)}
    scored = []
    for old_key, old in gone.items():
        for new_key, new in added.items():
            if len(gone) * len(added) > RENAME_PAIRS:
                score = float(old.title == new.title)
            else:
                matcher = SequenceMatcher(
                    None, old.header.at.source.lines, new.header.at.source.lines, autojunk=False
                )
                alike = matcher.real_quick_ratio() >= ALIKE and matcher.quick_ratio() >= ALIKE
                score = matcher.ratio() if alike else 0.0
            if score >= ALIKE:
                scored.append((-score, new_key, old_key))
    found: dict[str, str] = {}
    for _, new_key, old_key in sorted(scored):
        if new_key not in found and old_key not in found.values():
            found[new_key] = old_key
    return found


def _weight(playbook: PlaybookDiff) -> tuple[int, int, str]:
    kind = playbook.key.split(":", 1)[0]
    return (
        0 if playbook.count(LOOSENED) else 1,
        _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER),
        playbook.path,
    )
