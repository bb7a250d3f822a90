"""Two playbook sets (BASE, HEAD) -> a ``PolicyDiff``: playbooks matched by kind and id, each
compared by the one comparer over its kind's declared fields."""

from __future__ import annotations

from typing import Any

from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange, PolicyDiff
from checker.diff.comparer import Recorder, Words
from checker.diff.specs import SPECS
from checker.model import Category, Header, PlaybookSet

# Report order of playbook kinds when their changes weigh the same.
_KIND_ORDER = tuple(SPECS)


def playbooks_of(playbooks: PlaybookSet) -> dict[str, tuple[Header, Any]]:
    """Every modelled playbook by a key that stays the same across versions."""
    found: dict[str, tuple[Header, Any]] = {}
    for single in (playbooks.policy, playbooks.calendar):
        if single is not None:
            found[single.header.kind] = (single.header, single)
    for category in playbooks.categories:
        found.setdefault(f"category:{category.id}", (category.header, category))
    if playbooks.customer_types is not None:
        found["customer-types"] = (playbooks.customer_types.header, playbooks.customer_types)
    return found


def _compare(rec: Recorder, old: Any, new: Any, header: Header) -> None:
    """One playbook in both versions; a byte-identical file has nothing to report."""
    base_at, head_at = old.header.at, new.header.at
    if base_at.source.text == head_at.source.text:
        return
    if isinstance(new, Category):
        remedies = {r.id: r.title for r in (*old.remedies, *new.remedies)}
        rec.words = rec.words.with_titles("remedy", remedies)
    rec.walk(SPECS[header.kind], old, new, (base_at, head_at))


def compare(base: PlaybookSet, head: PlaybookSet) -> PolicyDiff:
    """Every change from BASE to HEAD, per playbook; playbooks with loosened changes first."""
    words = Words.of(base, head)
    before, after = playbooks_of(base), playbooks_of(head)
    results = []
    for key in dict.fromkeys([*after, *before]):
        old, new = before.get(key), after.get(key)
        header = (new or old or (None, None))[0]
        assert header is not None
        rec = Recorder(header.title, header.kind, words, (old and old[1], new and new[1]))
        if old is None:
            rec.record(
                "playbook",
                "added",
                ChangeLevel.ADDED,
                "整个手册",
                "",
                f"版本 {header.version}",
                header.at,
            )
        elif new is None:
            # a deleted playbook takes every obligation in it along (a category's limits,
            # steps and scripts): reviewed as loosened, first in the report
            rec.record(
                "playbook",
                "removed",
                ChangeLevel.LOOSENED,
                "整个手册",
                f"版本 {header.version}",
                "",
                header.at,
                "base",
            )
        else:
            _compare(rec, old[1], new[1], header)
        results.append(
            PlaybookDiff(
                key=key,
                title=header.title,
                path=header.at.source.path,
                base=old[0] if old else None,
                head=new[0] if new else None,
                changes=tuple(sorted(rec.changes, key=PolicyChange.sort_key)),
            )
        )
    return PolicyDiff(tuple(sorted(results, key=_weight)))


def _weight(playbook: PlaybookDiff) -> tuple[int, int, str]:
    kind = playbook.key.split(":", 1)[0]
    return (
        0 if playbook.count(ChangeLevel.LOOSENED) else 1,
        _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER),
        playbook.path,
    )
