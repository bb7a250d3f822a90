"""Recording changes of one playbook: the vocabulary and the comparisons every kind shares.

Change ids are ``<kind>-<verb>``: ``reworded`` (free text), ``added``/``removed`` (an item),
``longer``/``shorter`` (a duration), ``raised``/``lowered`` (an amount), ``lower``/``higher``
(a tier or severity), ``changed`` (a value with no direction, reviewed as loosened).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from checker.deadlines.limit_comparison import LimitComparison
from checker.diff.changes import BASE_SIDE, HEAD_SIDE, ChangeLevel, PolicyChange, change_text
from checker.diff.pairing import pair_items
from checker.model import At, Header, PlaybookSet, Policy
from checker.model.duration import Duration

T = TypeVar("T")

LOOSENED, TIGHTENED = ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED
ADDED, REMOVED, WORDING = ChangeLevel.ADDED, ChangeLevel.REMOVED, ChangeLevel.WORDING


@dataclass(frozen=True)
class Vocabulary:
    """Titles and ranks of severities, tiers and channels (HEAD's, else BASE's)."""

    severity_titles: dict[str, str]
    severity_ranks: dict[str, int]
    tier_titles: dict[str, str]
    tier_ranks: dict[str, int]
    channel_titles: dict[str, str]
    clock: LimitComparison

    @classmethod
    def of(cls, base: PlaybookSet, head: PlaybookSet) -> Vocabulary:
        policies = [p for p in (base.policy, head.policy) if p is not None]

        def merged(pick: Callable[[Policy], dict[str, str | int]]) -> dict:
            result: dict = {}
            for policy in policies:  # HEAD last, so its titles and ranks win
                result.update(pick(policy))
            return result

        calendar = head.calendar or base.calendar
        return cls(
            severity_titles=merged(lambda p: {s.id: s.title for s in p.severities}),
            severity_ranks=merged(lambda p: {s.id: s.rank for s in p.severities}),
            tier_titles=merged(lambda p: {t.id: t.title for t in p.tiers}),
            tier_ranks=merged(lambda p: {t.id: t.rank for t in p.tiers}),
            channel_titles=merged(lambda p: {c.id: c.title for c in p.channels}),
            clock=LimitComparison(calendar),
        )

    def severity(self, severity_id: str) -> str:
        return self.severity_titles.get(severity_id, severity_id)

    def tier(self, tier_id: str) -> str:
        return self.tier_titles.get(tier_id, tier_id)

    def channel(self, channel_id: str) -> str:
        return self.channel_titles.get(channel_id, channel_id)


def duration_level(old: Duration, new: Duration, clock: LimitComparison) -> ChangeLevel | None:
    """Later is loosened, earlier tightened, the same deadline for every start is wording.

    Limits in different units are compared on the working calendar, as the PB3xx rules do
    (``checker.deadlines.limit_comparison``): a new limit that ends later for any start time loosens the
    obligation for those complaints, even if it ends earlier for others.
    """
    if old.text == new.text:
        return None
    if clock.later(new, old) is not None:
        return LOOSENED
    if clock.later(old, new) is not None:
        return TIGHTENED
    return WORDING


def amount_label(amount: int | None) -> str:
    return "未规定" if amount is None else f"{amount} 元"


class ChangeRecorder:
    """Collects the changes of one playbook; every ``at`` is located in its own file."""

    def __init__(self, playbook: str, words: Vocabulary) -> None:
        self.playbook = playbook
        self.words = words
        self.changes: list[PolicyChange] = []

    # ---- one change ------------------------------------------------------------------------

    def add(
        self,
        verb: str,
        level: ChangeLevel,
        kind: str,
        subject: str,
        old: str,
        new: str,
        at: At,
        side: str = HEAD_SIDE,
    ) -> None:
        line, column = at.source.position(at.pointer)
        self.changes.append(
            PolicyChange(
                id=f"{kind}-{verb}",
                level=level,
                kind=kind,
                playbook=self.playbook,
                subject=subject,
                old=old,
                new=new,
                path=at.source.path,
                line=line,
                column=column,
                text=change_text(self.playbook, subject, old, new),
                side=side,
            )
        )

    def added(self, level: ChangeLevel, kind: str, subject: str, new: str, at: At) -> None:
        self.add("added", level, kind, subject, "", new, at)

    def removed(self, level: ChangeLevel, kind: str, subject: str, old: str, at: At) -> None:
        self.add("removed", level, kind, subject, old, "", at, BASE_SIDE)

    def items(
        self,
        base: Sequence[T],
        head: Sequence[T],
        key: Callable[[T], str],
        kind: str,
        what: str,
        removed: ChangeLevel,
        added: ChangeLevel,
        title: str,
    ) -> list[tuple[T, T]]:
        """Pair two lists of items by ``key``; record the removed and added ones (named by their
        ``title`` attribute) at the given levels; return the pairs for field-by-field checks."""
        pairing = pair_items(base, head, key=key)
        for _, old in pairing.removed:
            self.removed(removed, kind, what, getattr(old, title), old.at)  # type: ignore[attr-defined]
        for _, new in pairing.added:
            self.added(added, kind, what, getattr(new, title), new.at)  # type: ignore[attr-defined]
        return [(old, new) for (_, old), (_, new) in pairing.pairs]

    def fields(self, name: str, old: Any, new: Any, fields: Sequence[tuple[str, str, str]]) -> None:
        """Free-text fields of one paired item: (attribute, change kind, Chinese name)."""
        for attribute, kind, what in fields:
            self.text(
                kind,
                f"{name}的{what}",
                getattr(old, attribute),
                getattr(new, attribute),
                old.at.child(attribute),
                new.at.child(attribute),
            )

    def header(self, base: Header, head: Header) -> None:
        """Title and owner; version, dates and changelog are judged by the version rules."""
        self.text(
            "title", "标题", base.title, head.title, base.at.child("title"), head.at.child("title")
        )
        self.text(
            "owner",
            "负责部门",
            base.owner,
            head.owner,
            base.at.child("owner"),
            head.at.child("owner"),
        )

    # ---- values ----------------------------------------------------------------------------

    def text(self, kind: str, subject: str, old: str, new: str, base_at: At, head_at: At) -> None:
        """Free text: any change is wording (located in BASE when the text is gone)."""
        if old == new:
            return
        if new:
            self.add("reworded", WORDING, kind, subject, old, new, head_at)
        else:
            self.add("reworded", WORDING, kind, subject, old, new, base_at, BASE_SIDE)

    def duration(
        self,
        kind: str,
        subject: str,
        old: Duration | None,
        new: Duration | None,
        base_at: At,
        head_at: At,
    ) -> None:
        """A time limit: longer is loosened, a new limit tightens, a dropped one loosens."""
        if old is None and new is None:
            return
        if old is None:
            self.added(TIGHTENED, kind, subject, new.label(), head_at)  # type: ignore[union-attr]
        elif new is None:
            self.removed(LOOSENED, kind, subject, old.label(), base_at)
        else:
            level = duration_level(old, new, self.words.clock)
            if level is not None:
                verb = {LOOSENED: "longer", TIGHTENED: "shorter"}.get(level, "reworded")
                before, after = old.label(), new.label()
                if before == after:  # "1 working day" -> "1 working days"
                    before, after = old.text, new.text
                self.add(verb, level, kind, subject, before, after, head_at)

    def amount(
        self,
        kind: str,
        subject: str,
        old: int | None,
        new: int | None,
        base_at: At,
        head_at: At,
    ) -> None:
        """An amount ceiling: a higher one is more authority, i.e. loosened; no ceiling of its
        own (None) is the loosest."""
        if old == new:
            return
        if old is None:
            self.add(
                "added", TIGHTENED, kind, subject, amount_label(old), amount_label(new), head_at
            )
        elif new is None:
            self.add(
                "removed",
                LOOSENED,
                kind,
                subject,
                amount_label(old),
                amount_label(new),
                base_at,
                BASE_SIDE,
            )
        else:
            level, verb = (LOOSENED, "raised") if new > old else (TIGHTENED, "lowered")
            self.add(verb, level, kind, subject, amount_label(old), amount_label(new), head_at)

    def rank(
        self,
        kind: str,
        subject: str,
        old: str,
        new: str,
        ranks: dict[str, int],
        title: Callable[[str], str],
        head_at: At,
    ) -> None:
        """A tier or severity: moving down the ladder is loosened; unknown ids count as
        loosened, so a reviewer looks at them first."""
        if old == new:
            return
        if old in ranks and new in ranks:
            lower = ranks[new] < ranks[old]
            level, verb = (LOOSENED, "lower") if lower else (TIGHTENED, "higher")
        else:
            level, verb = LOOSENED, "changed"
        self.add(verb, level, kind, subject, title(old), title(new), head_at)

    def flag(
        self,
        kind: str,
        subject: str,
        old: bool,
        new: bool,
        head_at: At,
        on: str,
        off: str,
        loosened_when_on: bool,
    ) -> None:
        """A yes/no setting with a direction."""
        if old == new:
            return
        loosens = new is loosened_when_on
        level, verb = (LOOSENED, "relaxed") if loosens else (TIGHTENED, "tightened")
        self.add(verb, level, kind, subject, on if old else off, on if new else off, head_at)

    def undirected(self, kind: str, subject: str, old: str, new: str, head_at: At) -> None:
        """A substantive value whose direction cannot be told (a remedy's kind, a ceiling's
        scope): reviewed as loosened so it comes first."""
        if old != new:
            self.add("changed", LOOSENED, kind, subject, old, new, head_at)

    # ---- lists -----------------------------------------------------------------------------

    def texts(
        self,
        kind: str,
        subject: str,
        old: Sequence[str],
        new: Sequence[str],
        base_at: At,
        head_at: At,
        obligation: bool,
    ) -> None:
        """A list of sentences. For obligations (actions, evidence, handling...) a removed
        item is loosened and a new one tightened; otherwise they are removed / added."""
        gone, more = (LOOSENED, TIGHTENED) if obligation else (REMOVED, ADDED)
        pairing = pair_items(old, new, key=str, text=str)
        for (_, before), (j, after) in pairing.pairs:
            if before != after:
                self.add("reworded", WORDING, kind, subject, before, after, head_at.child(j))
        for i, before in pairing.removed:
            self.removed(gone, kind, subject, before, base_at.child(i))
        for j, after in pairing.added:
            self.added(more, kind, subject, after, head_at.child(j))

    def references(
        self,
        kind: str,
        subject: str,
        old: Sequence[str],
        new: Sequence[str],
        base_at: At,
        head_at: At,
        gone: ChangeLevel,
        more: ChangeLevel,
        title: Callable[[str], str] = str,
    ) -> None:
        """A list of ids (channels of a step, related categories...): membership only."""
        for i, item in enumerate(old):
            if item not in new:
                self.removed(gone, kind, subject, title(item), base_at.child(i))
        for j, item in enumerate(new):
            if item not in old:
                self.added(more, kind, subject, title(item), head_at.child(j))


def field_at(at: At, name: str) -> At:
    """The pointer of an optional field, or of its object when the field is not written."""
    child = at.child(name)
    return child if at.source.exists(child.pointer) else at


def item_at(list_at: At, value: object) -> At:
    """The pointer of ``value`` inside the YAML list at ``list_at`` (for values the model keeps
    as a set, e.g. a tier's remedy kinds); the list itself when it is not found."""
    node = list_at.source.root
    for part in list_at.pointer:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return list_at
    if isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            if isinstance(item, ScalarNode) and item.value == str(value):
                return list_at.child(index)
    return list_at
