"""What every model rule of one run shares: the playbooks, today's date, the facts of every
category for the across-files checks, and the computations that several rules need (built once
per run, never kept in module globals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from checker.deadlines.limit_comparison import LimitComparison
from checker.findings import Located
from checker.model import Category, Duration, PlaybookSet


@dataclass(frozen=True)
class CategoryFacts:
    """What the across-files checks read of one category: small enough to keep for every
    category of a large set (and to cache), where the whole model is not."""

    id: str
    source: Located
    related: tuple[str, ...]
    durations: tuple[Duration, ...]
    words: tuple[str, ...] = ()  # title, summary and keywords: what search terms are mostly

    @classmethod
    def of(cls, category: Category) -> CategoryFacts:
        return cls(
            category.id,
            category.at.source,
            category.related,
            tuple({d.text: d for d in _durations(category)}.values()),
            (category.title, category.summary, *category.keywords),
        )


def _durations(category: Category) -> Iterator[Duration]:
    """Every limit and escalation time of the category, in the file's order."""
    for limits in category.limits.values():
        for limit in limits.all():
            yield limit.duration
    for path in category.escalation.values():
        for step in path.steps:
            yield step.after


@dataclass(frozen=True)
class SetIndex:
    """The whole set as the across-files checks see it: every valid category's facts (in the
    set's order) and the path of every file, valid or not."""

    categories: tuple[CategoryFacts, ...]
    paths: tuple[str, ...]
    # (path, whole text) of every file, read on demand (a check that needs more than facts)
    file_texts: Callable[[], Iterable[tuple[str, str]]] = field(default=tuple, compare=False)

    @cached_property
    def durations(self) -> tuple[Duration, ...]:
        """Every distinct limit and escalation time of the set, in order of appearance
        (categories that share one list of durations are looked at once)."""
        found: dict[str, Duration] = {}
        seen: set[int] = set()
        for category in self.categories:
            if id(category.durations) in seen:
                continue
            seen.add(id(category.durations))
            for duration in category.durations:
                found.setdefault(duration.text, duration)
        return tuple(found.values())

    @classmethod
    def of(cls, playbooks: PlaybookSet) -> SetIndex:
        return cls(
            tuple(CategoryFacts.of(c) for c in playbooks.categories),
            tuple(s.path for s in playbooks.sources),
            lambda: ((s.path, s.text) for s in playbooks.sources),
        )


class RuleContext:
    """One run's input to the model rules.

    ``playbooks`` may be a part of the set (the engine runs file checks on a few categories at a
    time, with the shared files); ``index`` always describes the whole set. Reading ``today``
    is recorded (``read_today``): a file check's cached result then holds only for that date.
    ``comparison``: one to reuse (with its answers) on the same calendar.
    """

    def __init__(
        self,
        playbooks: PlaybookSet,
        today: dt.date | None = None,
        index: SetIndex | None = None,
        comparison: LimitComparison | None = None,
    ) -> None:
        self.playbooks = playbooks
        self._today = today if today is not None else dt.date.today()
        self._index = index
        self.read_today = False
        if comparison is not None:
            self.__dict__["comparison"] = comparison  # cached_property's own slot

    @property
    def today(self) -> dt.date:
        self.read_today = True
        return self._today

    @cached_property
    def index(self) -> SetIndex:
        """The facts of every category: given by the engine, else those of ``playbooks``."""
        return self._index if self._index is not None else SetIndex.of(self.playbooks)

    @cached_property
    def comparison(self) -> LimitComparison:
        """Compares limits on this run's working calendar (memoised across rules and files)."""
        return LimitComparison(self.playbooks.calendar)

    def over(self, playbooks: PlaybookSet, index: SetIndex | None = None) -> RuleContext:
        """The same run's context over other playbooks with the same calendar: the date and
        the memoised comparison carry over (``read_today`` starts afresh)."""
        same = playbooks.calendar is self.playbooks.calendar
        return RuleContext(playbooks, self._today, index, self.comparison if same else None)
