"""Two playbook sets (BASE, HEAD) -> a ``PolicyDiff``: playbooks matched by kind and id, each
compared by the small functions of its kind's module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.diff.calendar_changes import compare_calendar
from checker.diff.category_changes import compare_category
from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange, PolicyDiff
from checker.diff.customer_type_changes import compare_customer_types
from checker.diff.policy_changes import compare_policy
from checker.diff.recorder import ChangeRecorder, Vocabulary
from checker.model import Header, PlaybookSet

Comparer = Callable[[ChangeRecorder, Any, Any], None]

# Report order of playbook kinds when their changes weigh the same.
_KIND_ORDER = ("policy", "calendar", "category", "customer-types")


def playbooks_of(playbooks: PlaybookSet) -> dict[str, tuple[Header, Any, Comparer]]:
    """Every modelled playbook by a key that stays the same across versions."""
    found: dict[str, tuple[Header, Any, Comparer]] = {}
    if playbooks.policy is not None:
        found["policy"] = (playbooks.policy.header, playbooks.policy, compare_policy)
    if playbooks.calendar is not None:
        found["calendar"] = (playbooks.calendar.header, playbooks.calendar, compare_calendar)
    for category in playbooks.categories:
        found.setdefault(f"category:{category.id}", (category.header, category, compare_category))
    if playbooks.customer_types is not None:
        found["customer-types"] = (
            playbooks.customer_types.header,
            playbooks.customer_types,
            compare_customer_types,
        )
    return found


def compare(base: PlaybookSet, head: PlaybookSet) -> PolicyDiff:
    """Every change from BASE to HEAD, per playbook; playbooks with loosened changes first."""
    words = Vocabulary.of(base, head)
    before, after = playbooks_of(base), playbooks_of(head)
    results = []
    for key in dict.fromkeys([*after, *before]):
        old, new = before.get(key), after.get(key)
        header = (new or old)[0]  # type: ignore[index]
        rec = ChangeRecorder(header.title, words)
        if old is None:
            rec.added(
                ChangeLevel.ADDED, "playbook", "整个手册", f"版本 {header.version}", header.at
            )
        elif new is None:
            # a deleted playbook takes every obligation in it along (a category's limits,
            # steps and scripts): reviewed as loosened, first in the report
            rec.removed(
                ChangeLevel.LOOSENED, "playbook", "整个手册", f"版本 {header.version}", header.at
            )
        else:
            new[2](rec, old[1], new[1])
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
