"""The one comparer: walks the declared fields (``checker.diff.specs``) of two versions of a
playbook and records each difference as a ``PolicyChange`` of a catalogued type.

A change is located in HEAD (in BASE when the thing is gone); positions are looked up only for
recorded changes, so an unchanged file's node tree is never composed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from checker.deadlines.limit_comparison import LimitComparison
from checker.diff.catalogue import change_type, label_of
from checker.diff.changes import BASE_SIDE, HEAD_SIDE, ChangeLevel, PolicyChange, change_text
from checker.diff.explain import limit_note
from checker.diff.fields import ADDED, LOOSENED, REMOVED, TIGHTENED, WORDING, Comparison, Field
from checker.diff.pairing import pair_items
from checker.diff.wording import raised
from checker.model import At, Duration, PlaybookSet
from checker.model.vocabulary import METRIC_TITLES

Spot = tuple[str, int, int]  # a path, line and column (1-based) where no pointer is at hand


@dataclass(frozen=True)
class Words:
    """What the two sets name and rank (HEAD's words win over BASE's): severities, tiers,
    channels, signals, categories, customer types; the forbidden phrases; the working
    calendar and the limits it governs."""

    titles: Mapping[str, Mapping[str, str]]
    ranks: Mapping[str, Mapping[str, int]]
    head: PlaybookSet = field(compare=False)
    clock: LimitComparison = field(compare=False)

    @classmethod
    def of(cls, base: PlaybookSet, head: PlaybookSet) -> Words:
        titles: dict[str, dict[str, str]] = {
            "severity": {},
            "tier": {},
            "channel": {},
            "signal": {},
            "category": {},
            "customer_type": {},
        }
        ranks: dict[str, dict[str, int]] = {"severity": {}, "tier": {}}
        for policy in (p for p in (base.policy, head.policy) if p):  # HEAD last, so it wins
            for ladder, entries in (("severity", policy.severities), ("tier", policy.tiers)):
                titles[ladder].update({e.id: e.title for e in entries})
                ranks[ladder].update({e.id: e.rank for e in entries})
            titles["channel"].update({c.id: c.title for c in policy.channels})
            titles["signal"].update({s.id: s.title for s in policy.signals})
        for side in (base, head):
            titles["category"].update({c.id: c.title for c in side.categories})
            if side.customer_types:
                titles["customer_type"].update({t.id: t.title for t in side.customer_types.types})
        return cls(titles, ranks, head, LimitComparison(head.calendar or base.calendar))

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
        return Words({**self.titles, vocabulary: titles}, self.ranks, self.head, self.clock)

    @cached_property
    def forbidden(self) -> tuple[str, ...]:
        policy = self.head.policy
        return tuple(p.phrase for p in policy.forbidden_phrases) if policy else ()

    def limits(self) -> Iterator[tuple[str, Duration]]:
        """Every limit HEAD's categories set, with where it is (for calendar notes)."""
        for c in self.head.categories:
            for limits in c.limits.values():
                for limit in limits.all():
                    yield (
                        f"「{c.title}」{self.severity(limit.severity)} {METRIC_TITLES[limit.metric]}",
                        limit.duration,
                    )
            for path in c.escalation.values():
                for step in path.steps:
                    yield (
                        f"「{c.title}」{self.severity(path.severity)} 升级到{self.tier(step.to)}",
                        step.after,
                    )
            for remedy in c.remedies:
                if remedy.execute_within is not None:
                    yield f"「{c.title}」补救措施「{remedy.title}」", remedy.execute_within


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
    values = (
        [getattr(n, "value", None) for n in node.value] if isinstance(node, SequenceNode) else []
    )
    return list_at.child(values.index(str(value))) if str(value) in values else list_at


def _as_items(value: Any) -> list[Any]:
    """A list, the values of a mapping, or one optional object (none when absent)."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return list(value.values())
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _unset(value: Any) -> bool:
    """An optional value left out: None, or "" for an optional id or text."""
    return value is None or (isinstance(value, str) and not value)


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
        at: At | Spot,
        note: str = "",
        versioned: bool = True,
        anchor: At | None = None,
    ) -> None:
        """Record a change; one whose thing is gone from HEAD (``old`` only) is located in BASE,
        with an ``anchor`` in HEAD where it used to be."""
        changed = change_type(f"{kind}-{verb}", level)
        side = BASE_SIDE if old and not new else HEAD_SIDE
        spot = None
        if anchor is not None and side == BASE_SIDE:
            spot = (anchor.source.path, *anchor.source.position(anchor.pointer))
        path, line, column = (
            at if isinstance(at, tuple) else (at.source.path, *at.source.position(at.pointer))
        )
        text = change_text(self.playbook, subject, old, new)
        self.changes.append(
            PolicyChange(
                changed.id,
                level,
                kind,
                self.playbook,
                subject,
                old,
                new,
                path,
                line,
                column,
                text,
                side,
                note,
                versioned,
                spot,
            )
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
        fixed: ChangeLevel | None = None,
    ) -> None:
        """Compare two versions of one object, field by field."""
        for f in fields:
            before, after = f.value(old), f.value(new)
            if before == after:
                continue
            where = (ats[0].child(*f.pointer), ats[1].child(*f.pointer))
            inner = (*schema, *(p for p in f.pointer if isinstance(p, str)))
            label = label_of(self.kind, f, schema)
            visit = _Visit(self, f, where, subject_of(prefix, joiner, label), f.fixed or fixed)
            if f.comparison is Comparison.ITEMS:
                visit.items(before, after, (prefix, joiner, label), inner)
            elif f.comparison in (Comparison.SENTENCES, Comparison.SET):
                visit.members(before, after)
            elif f.comparison is Comparison.TEXT:
                visit.reworded(
                    self.show(f, before), self.show(f, after) if after else "", where[bool(after)]
                )
            elif f.optional and (_unset(before) or _unset(after)):
                visit.absent(before, after)
            else:
                visit.directed(before, after)

    def show(self, f: Field, value: Any) -> str:
        if f.show is not None:
            return f.show(value, self.words)
        return value.label() if isinstance(value, Duration) else str(value)


@dataclass
class _Visit:
    """One field of one object being compared."""

    rec: Recorder
    f: Field
    ats: tuple[At, At]
    subject: str
    fixed: ChangeLevel | None

    def record(
        self,
        verb: str,
        level: ChangeLevel,
        old: str,
        new: str,
        at: At,
        note: str = "",
        kind: str = "",
    ) -> None:
        level = self.fixed or level
        self.rec.record(
            kind or self.f.kind, verb, level, self.subject, old, new, at, note, anchor=self.ats[1]
        )

    def explained(self, level: ChangeLevel, old: Any, new: Any) -> str:
        if self.f.explain is None or level not in (LOOSENED, TIGHTENED):
            return ""
        return self.f.explain(self.rec.roots, self.rec.words.limits, old, new)

    def reworded(self, old: str, new: str, at: At) -> None:
        """Free text: wording, unless it changes an amount, a promise or a forbidden phrase."""
        more = (
            raised(old, new, self.rec.words.forbidden) if self.f.promise and old and new else None
        )
        if more is None or self.fixed:
            self.record("reworded", WORDING, old, new, at)
        else:
            self.record(more.verb, more.level, old, new, at, more.note, more.kind)

    def absent(self, old: Any, new: Any) -> None:
        """An optional value set or dropped: a new limit tightens, a dropped one loosens."""
        if _unset(old):
            self.record("added", TIGHTENED, "", self.rec.show(self.f, new), self.ats[1])
        else:
            self.record("removed", LOOSENED, self.rec.show(self.f, old), "", self.ats[0])

    def directed(self, old: Any, new: Any) -> None:
        f, words = self.f, self.rec.words
        before, after = self.rec.show(f, old), self.rec.show(f, new)
        note = ""
        if f.comparison is Comparison.DURATION:
            # compared on the working calendar as the PB3xx rules do: later for any start time
            # loosens the obligation for those complaints
            verb, level = _DURATION_MOVES[
                words.clock.later(new, old) is not None, words.clock.later(old, new) is not None
            ]
            note = limit_note(old, new, words.clock.calendar) if level is not WORDING else ""
            if before == after:  # "1 working day" -> "1 working days"
                before, after = old.text, new.text
        elif f.comparison is Comparison.NUMERIC:
            verb, level = (f.verbs[0], f.larger) if new > old else (f.verbs[1], f.larger.opposite)
            note = self.explained(level, old, new)
        elif f.comparison is Comparison.ORDERED and {old, new} <= set(
            words.ranks.get(f.ladder, {})
        ):
            lower = words.ranks[f.ladder][new] < words.ranks[f.ladder][old]
            verb, level = ("lower", LOOSENED) if lower else ("higher", TIGHTENED)
        else:
            verb, level = "changed", LOOSENED  # no direction can be told: reviewed first
        # a value dropped (an optional id or extension set to nothing) is shown where it was
        self.record(verb, level, before, after, self.ats[0] if _unset(new) else self.ats[1], note)

    def members(self, old: Any, new: Any) -> None:
        """Sentences are paired by likeness (an edit is one rewording); set members by value."""
        if self.f.comparison is Comparison.SENTENCES:
            pairing = pair_items(old, new, key=str, text=str)
            for (_, before), (j, after) in pairing.pairs:
                if before != after:
                    self.reworded(before, after, self.ats[1].child(j))
            gone = [(v, self.ats[0].child(i)) for i, v in pairing.removed]
            more = [(v, self.ats[1].child(j)) for j, v in pairing.added]
        else:
            gone = [(v, list_item_at(self.ats[0], v)) for v in sorted(set(old) - set(new))]
            more = [(v, list_item_at(self.ats[1], v)) for v in sorted(set(new) - set(old))]
        for value, at in gone:
            note = self.explained(self.f.removed, value, None)
            self.record("removed", self.f.removed, self.rec.show(self.f, value), "", at, note)
        for value, at in more:
            note = self.explained(self.f.added, None, value)
            self.record("added", self.f.added, "", self.rec.show(self.f, value), at, note)

    def items(
        self, old: Any, new: Any, names: tuple[str, str, str], schema: tuple[str, ...]
    ) -> None:
        f, rec, (prefix, joiner, label) = self.f, self.rec, names
        old_items, new_items = _as_items(old), _as_items(new)
        key = f.key if callable(f.key) else attrgetter(f.key)
        pairing = pair_items(
            old_items, new_items, key=key, text=attrgetter(f.alike) if f.alike else None
        )
        locate = f.locate or attrgetter("at")
        show = f.show
        title = (lambda item: show(item, rec.words)) if show else attrgetter(f.title)

        def subject(item: Any) -> str:
            return subject_of(prefix, joiner, f.subject(item, rec.words) if f.subject else label)

        for gone, item in [(True, i) for _, i in pairing.removed] + [
            (False, i) for _, i in pairing.added
        ]:
            outside = f.outside is not None and f.outside(item, self.rec.roots[gone])
            level = (REMOVED if gone else ADDED) if outside else (f.removed if gone else f.added)
            self.subject = subject(item)
            note = self.explained(level, item if gone else None, None if gone else item)
            old_shown, new_shown = (title(item), "") if gone else ("", title(item))
            self.record(
                "removed" if gone else "added", level, old_shown, new_shown, locate(item), note
            )
        for (_, before), (_, after) in pairing.pairs:
            if f.name or f.noun:
                name = (
                    f.name(after, rec.words)
                    if f.name
                    else f"{f.noun}「{attrgetter(f.title)(after)}」"
                )
                inner = subject_of(prefix, joiner, name)
            else:
                inner = subject(after)
            rec.walk(
                f.fields,
                before,
                after,
                (locate(before), locate(after)),
                inner,
                f.joiner,
                schema,
                self.fixed,
            )
        common = set(map(key, old_items)) & set(map(key, new_items))
        kept = (
            [i for i in old_items if key(i) in common],
            [i for i in new_items if key(i) in common],
        )
        if f.order and list(map(key, kept[0])) != list(map(key, kept[1])):
            before_order, after_order = (" < ".join(map(title, side)) for side in kept)
            self.subject = subject_of(prefix, joiner, f"{label}的高低顺序")
            self.record("changed", LOOSENED, before_order, after_order, self.ats[1], kind=f.order)
