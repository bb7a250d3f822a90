"""The one comparer: walks the declared fields (``checker.diff.specs``) of two versions of a
playbook and records each difference as a ``PolicyChange`` of a catalogued type.

A change is located in HEAD (in BASE when the thing is gone); positions are looked up only for
recorded changes, so an unchanged file's node tree is never composed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from checker.deadlines.limit_comparison import LimitComparison
from checker.diff.catalogue import change_type, label_of
from checker.diff.changes import BASE_SIDE, ChangeLevel, PolicyChange, change_text
from checker.diff.fields import ADDED, LOOSENED, REMOVED, TIGHTENED, WORDING, Comparison, Field
from checker.diff.pairing import pair_items
from checker.model import At, PlaybookSet
from checker.model.duration import Duration


@dataclass(frozen=True)
class Words:
    """Titles and ranks of the ids playbooks refer to (HEAD's win over BASE's), and the working
    calendar that limits are compared on."""

    titles: Mapping[str, Mapping[str, str]]
    ranks: Mapping[str, Mapping[str, int]]
    clock: LimitComparison = field(compare=False)

    @classmethod
    def of(cls, base: PlaybookSet, head: PlaybookSet) -> Words:
        titles: dict[str, dict[str, str]] = {"severity": {}, "tier": {}, "channel": {}}
        ranks: dict[str, dict[str, int]] = {"severity": {}, "tier": {}}
        for policy in (base.policy, head.policy):  # HEAD last, so its words win
            for ladder, entries in (
                (("severity", policy.severities), ("tier", policy.tiers)) if policy else ()
            ):
                titles[ladder].update({e.id: e.title for e in entries})
                ranks[ladder].update({e.id: e.rank for e in entries})
            titles["channel"].update({c.id: c.title for c in policy.channels} if policy else {})
        return cls(titles, ranks, LimitComparison(head.calendar or base.calendar))

    def title(self, vocabulary: str, key: str) -> str:
        return self.titles.get(vocabulary, {}).get(key, key)

    def severity(self, key: str) -> str:
        return self.title("severity", key)

    def tier(self, key: str) -> str:
        return self.title("tier", key)

    def channel(self, key: str) -> str:
        return self.title("channel", key)

    def with_titles(self, vocabulary: str, titles: Mapping[str, str]) -> Words:
        """These words and one more vocabulary (a category's remedies, named by its steps)."""
        return Words({**self.titles, vocabulary: titles}, self.ranks, self.clock)


def subject_of(prefix: str, joiner: str, label: str) -> str:
    """步骤「接收与登记」 + 的 + 动作; a field without a label stands for its object."""
    if not label:
        return prefix
    return f"{prefix}{joiner}{label}" if prefix else label


def list_item_at(list_at: At, value: object) -> At:
    """Where ``value`` stands in the YAML list at ``list_at`` (the model keeps some lists as
    sets, without an index); the list itself when it is not found."""
    node = list_at.source.root
    for part in list_at.pointer:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
    found = [
        i
        for i, n in enumerate(getattr(node, "value", []))
        if getattr(n, "value", None) == str(value)
    ]
    return list_at.child(found[0]) if isinstance(node, SequenceNode) and found else list_at


_DURATION_MOVES = {
    (True, False): ("longer", LOOSENED),
    (False, True): ("shorter", TIGHTENED),
    (True, True): ("mixed", LOOSENED),  # later for some start times, earlier for others
    (False, False): ("reworded", WORDING),  # the same deadline for every start time
}


class Recorder:
    """Collects the changes of one playbook of ``kind`` (BASE and HEAD in ``roots``)."""

    def __init__(self, playbook: str, kind: str, words: Words, roots: tuple[Any, Any]) -> None:
        self.playbook, self.kind, self.words, self.roots = playbook, kind, words, roots
        self.changes: list[PolicyChange] = []

    def record(
        self,
        kind: str,
        verb: str,
        level: ChangeLevel,
        subject: str,
        old: str,
        new: str,
        at: At,
        side: str = "head",
    ) -> None:
        changed = change_type(f"{kind}-{verb}", level)
        line, column = at.source.position(at.pointer)
        text = change_text(self.playbook, subject, old, new)
        where = (at.source.path, line, column, text, side)
        self.changes.append(
            PolicyChange(changed.id, level, kind, self.playbook, subject, old, new, *where)
        )

    def walk(
        self,
        fields: Sequence[Field],
        old: Any,
        new: Any,
        ats: tuple[At, At],
        prefix: str = "",
        joiner: str = "的",
        schema: tuple[str, ...] = (),
    ) -> None:
        """Compare two versions of one object, field by field."""
        for f in fields:
            before, after = f.value(old), f.value(new)
            if before == after:
                continue
            where = (ats[0].child(*f.pointer), ats[1].child(*f.pointer))
            inner = (*schema, *(p for p in f.pointer if isinstance(p, str)))
            label = label_of(self.kind, f, schema)
            if f.comparison is Comparison.ITEMS:
                self._items(f, before, after, where, (prefix, joiner, label), inner)
                continue
            subject = subject_of(prefix, joiner, label)
            if f.comparison in (Comparison.SENTENCES, Comparison.SET):
                self._members(f, before, after, where, subject)
            elif f.comparison is Comparison.TEXT:
                self._text(f, before, after, where, subject)
            elif f.optional and (before is None or after is None):
                self._absent(f, before, after, where, subject)
            else:
                verb, level = self._direction(f, before, after)
                self.record(f.kind, verb, level, subject, *self._shown(f, before, after), where[1])

    def show(self, f: Field, value: Any) -> str:
        if f.show is not None:
            return f.show(value, self.words)
        return value.label() if isinstance(value, Duration) else str(value)

    def _shown(self, f: Field, old: Any, new: Any) -> tuple[str, str]:
        before, after = self.show(f, old), self.show(f, new)
        if before == after and isinstance(old, Duration):  # "1 working day" -> "1 working days"
            return old.text, new.text
        if f.comparison is Comparison.ORDERED:
            return self.words.title(f.ladder, old), self.words.title(f.ladder, new)
        return before, after

    def _direction(self, f: Field, old: Any, new: Any) -> tuple[str, ChangeLevel]:
        if f.comparison is Comparison.DURATION:
            # compared on the working calendar as the PB3xx rules do: later for any start time
            # loosens the obligation for those complaints
            clock = self.words.clock
            return _DURATION_MOVES[
                clock.later(new, old) is not None, clock.later(old, new) is not None
            ]
        if f.comparison is Comparison.NUMERIC:
            return (f.verbs[0], f.larger) if new > old else (f.verbs[1], f.larger.opposite)
        ranks = self.words.ranks.get(f.ladder, {})
        if f.comparison is Comparison.ORDERED and old in ranks and new in ranks:
            return ("lower", LOOSENED) if ranks[new] < ranks[old] else ("higher", TIGHTENED)
        return "changed", LOOSENED  # no direction can be told: reviewed first

    def _text(self, f: Field, old: str, new: str, ats: tuple[At, At], subject: str) -> None:
        before, after = self.show(f, old), self.show(f, new) if new else ""
        side = 1 if new else 0
        self.record(
            f.kind,
            "reworded",
            WORDING,
            subject,
            before,
            after,
            ats[side],
            "head" if new else BASE_SIDE,
        )

    def _absent(self, f: Field, old: Any, new: Any, ats: tuple[At, At], subject: str) -> None:
        """An optional value set or dropped: a new limit tightens, a dropped one loosens."""
        if old is None:
            self.record(f.kind, "added", TIGHTENED, subject, "", self.show(f, new), ats[1])
        else:
            self.record(
                f.kind, "removed", LOOSENED, subject, self.show(f, old), "", ats[0], BASE_SIDE
            )

    def _members(self, f: Field, old: Any, new: Any, ats: tuple[At, At], subject: str) -> None:
        """Sentences are paired by likeness (an edit is one rewording); set members by value."""
        if f.comparison is Comparison.SENTENCES:
            pairing = pair_items(old, new, key=str, text=str)
            for (_, before), (j, after) in pairing.pairs:
                if before != after:
                    self.record(
                        f.kind, "reworded", WORDING, subject, before, after, ats[1].child(j)
                    )
            gone = [(v, ats[0].child(i)) for i, v in pairing.removed]
            more = [(v, ats[1].child(j)) for j, v in pairing.added]
        else:
            gone = [(v, list_item_at(ats[0], v)) for v in sorted(set(old) - set(new))]
            more = [(v, list_item_at(ats[1], v)) for v in sorted(set(new) - set(old))]
        for value, at in gone:
            self.record(
                f.kind, "removed", f.removed, subject, self.show(f, value), "", at, BASE_SIDE
            )
        for value, at in more:
            self.record(f.kind, "added", f.added, subject, "", self.show(f, value), at)

    def _items(
        self,
        f: Field,
        old: Any,
        new: Any,
        ats: tuple[At, At],
        names: tuple[str, str, str],
        schema: tuple[str, ...],
    ) -> None:
        prefix, joiner, label = names
        old_items = list(old.values()) if isinstance(old, Mapping) else list(old)
        new_items = list(new.values()) if isinstance(new, Mapping) else list(new)
        key = attrgetter(f.key)
        pairing = pair_items(
            old_items, new_items, key=key, text=attrgetter(f.alike) if f.alike else None
        )
        locate = f.locate or attrgetter("at")
        show = f.show
        title = (lambda item: show(item, self.words)) if show else attrgetter(f.title)

        def subject(item: Any) -> str:
            return subject_of(prefix, joiner, f.subject(item, self.words) if f.subject else label)

        for _, item in pairing.removed:
            outside = f.outside is not None and f.outside(item, self.roots[1])
            level = REMOVED if outside else f.removed
            self.record(
                f.kind, "removed", level, subject(item), title(item), "", locate(item), BASE_SIDE
            )
        for _, item in pairing.added:
            outside = f.outside is not None and f.outside(item, self.roots[0])
            self.record(
                f.kind,
                "added",
                ADDED if outside else f.added,
                subject(item),
                "",
                title(item),
                locate(item),
            )
        for (_, before), (_, after) in pairing.pairs:
            if f.name or f.noun:
                name = (
                    f.name(after, self.words)
                    if f.name
                    else f"{f.noun}「{attrgetter(f.title)(after)}」"
                )
                inner = subject_of(prefix, joiner, name)
            else:
                inner = subject(after)
            self.walk(
                f.fields, before, after, (locate(before), locate(after)), inner, f.joiner, schema
            )
        common = set(map(key, old_items)) & set(map(key, new_items))
        kept = (
            [i for i in old_items if key(i) in common],
            [i for i in new_items if key(i) in common],
        )
        if f.order and list(map(key, kept[0])) != list(map(key, kept[1])):
            shown = [" < ".join(map(title, side)) for side in kept]
            self.record(
                f.order,
                "changed",
                LOOSENED,
                subject_of(prefix, joiner, f"{label}的高低顺序"),
                shown[0],
                shown[1],
                ats[1],
            )
