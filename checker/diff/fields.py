"""What a field of a playbook is, for the diff: a declaration, not code.

A ``Field`` names a model attribute, the change type it reports (``kind``, the prefix of a
change id), how two values compare (``Comparison``) and which way is looser. Its label is the
schema's title at its path (``checker.schema.titles``) unless it says otherwise.
``checker.diff.specs`` declares every kind of playbook with these, ``checker.diff.comparer``
walks them and ``checker.diff.catalogue`` lists every change they can report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter
from typing import Any

from checker.diff.changes import ChangeLevel

LOOSENED, TIGHTENED = ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED
ADDED, REMOVED, WORDING = ChangeLevel.ADDED, ChangeLevel.REMOVED, ChangeLevel.WORDING
HISTORY = ChangeLevel.HISTORY

Show = Callable[[Any, Any], str]  # (value, the run's words) -> what people read


class Comparison(Enum):
    """How two values of a field compare."""

    TEXT = "text"  # free text: any change is wording
    SENTENCES = "sentences"  # a list of sentences, paired by likeness
    SET = "set"  # ids or values: membership only
    DURATION = "duration"  # a time limit, compared on the working calendar
    NUMERIC = "numeric"  # an amount, a time of day, a date, a yes/no: it has an order
    ORDERED = "ordered"  # a tier or severity: a place on a ladder
    CHOICE = "choice"  # a value with no direction (reviewed as loosened)
    ITEMS = "items"  # objects, paired by key, each compared field by field


@dataclass(frozen=True)
class Field:
    """One field of a model object.

    ``path`` is where the value stands in YAML, relative to its object (default: ``attr``);
    ``label`` overrides the schema's title ("" for a field that is its object itself).
    ``NUMERIC``: ``larger`` is the class of a larger value, ``verbs`` name the larger and the
    smaller move; ``optional`` values may be absent, which means no limit (the loosest).
    ``removed``/``added``: the classes of a member or item leaving or joining. ``ITEMS`` pair by
    ``key`` (leftovers by the likeness of ``alike``), show an item by its ``title`` attribute
    (or ``show``) under the list's label (or ``subject``), and name a paired one
    ``noun「title」`` (or ``name``) before its ``fields``' labels, linked by ``joiner``.
    ``locate`` finds an item's YAML object, ``order`` reports a reordering, ``outside`` tells
    when an item is new data rather than a change of rules. ``explain`` writes why a
    directional change points the way it does; a rewording of a ``promise`` field that adds an
    amount, a time promise or a forbidden phrase is raised above wording
    (``checker.diff.wording``); ``fixed`` puts every change below the field in one class.
    """

    attr: str
    kind: str
    comparison: Comparison
    label: str | None = None
    path: tuple[str | int, ...] | None = None
    show: Show | None = None
    larger: ChangeLevel = LOOSENED
    verbs: tuple[str, str] = ("raised", "lowered")
    optional: bool = False
    removed: ChangeLevel = REMOVED
    added: ChangeLevel = ADDED
    ladder: str = ""
    key: str | Callable[[Any], Any] = "id"
    alike: str = ""
    title: str = "title"
    noun: str = ""
    name: Show | None = None
    subject: Show | None = None
    fields: tuple[Field, ...] = ()
    joiner: str = "的"
    locate: Callable[[Any], Any] | None = None
    order: str = ""
    outside: Callable[[Any, Any], bool] | None = None
    explain: Callable[[tuple[Any, Any], Any, Any, Any], str] | None = None
    promise: bool = False
    fixed: ChangeLevel | None = None

    def value(self, obj: Any) -> Any:
        return attrgetter(self.attr)(obj)

    @property
    def pointer(self) -> tuple[str | int, ...]:
        return self.path if self.path is not None else (self.attr,)

    def outcomes(self, fixed: ChangeLevel | None = None) -> list[tuple[str, ChangeLevel]]:
        """Every (verb, class) this field reports by itself (not its items' fields), all in
        one class when it or a field it sits in is ``fixed``."""
        found = {
            Comparison.TEXT: [("reworded", WORDING)],
            Comparison.SENTENCES: [("reworded", WORDING)],
            Comparison.DURATION: [
                ("longer", LOOSENED),
                ("shorter", TIGHTENED),
                ("mixed", LOOSENED),
                ("reworded", WORDING),
            ],
            Comparison.NUMERIC: [
                (self.verbs[0], self.larger),
                (self.verbs[1], self.larger.opposite),
            ],
            Comparison.ORDERED: [("higher", TIGHTENED), ("lower", LOOSENED), ("changed", LOOSENED)],
            Comparison.CHOICE: [("changed", LOOSENED)],
        }.get(self.comparison, [])
        if self.comparison in (Comparison.SENTENCES, Comparison.SET, Comparison.ITEMS):
            found += [("removed", self.removed), ("added", self.added)]
        if self.optional:
            found += [("added", TIGHTENED), ("removed", LOOSENED)]
        if self.outside is not None:
            found += [("added", ADDED), ("removed", REMOVED)]
        return [(verb, self.fixed or fixed or level) for verb, level in found]


def text(attr: str, kind: str, **options: Any) -> Field:
    return Field(attr, kind, Comparison.TEXT, **options)


def sentences(attr: str, kind: str, obligation: bool = False, **options: Any) -> Field:
    """For obligations (actions, evidence...) a removed sentence loosens, a new one tightens."""
    gone, more = (LOOSENED, TIGHTENED) if obligation else (REMOVED, ADDED)
    return Field(attr, kind, Comparison.SENTENCES, removed=gone, added=more, **options)


def members(attr: str, kind: str, **options: Any) -> Field:
    return Field(attr, kind, Comparison.SET, **options)


def duration(attr: str, kind: str, **options: Any) -> Field:
    return Field(attr, kind, Comparison.DURATION, **options)


def numeric(attr: str, kind: str, **options: Any) -> Field:
    return Field(attr, kind, Comparison.NUMERIC, **options)


def ordered(attr: str, kind: str, ladder: str, **options: Any) -> Field:
    """A tier or severity id, ranked by the ``ladder`` of that name and shown by its title."""
    options.setdefault("show", lambda key, words: words.title(ladder, key))
    return Field(attr, kind, Comparison.ORDERED, ladder=ladder, **options)


def choice(attr: str, kind: str, **options: Any) -> Field:
    return Field(attr, kind, Comparison.CHOICE, **options)


def items(attr: str, kind: str, *fields: Field, **options: Any) -> Field:
    return Field(attr, kind, Comparison.ITEMS, fields=fields, **options)
