"""Everything loaded in one run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.model.calendar import Calendar
from checker.model.category import Category
from checker.model.customer_types import CustomerTypes
from checker.model.duration import DEFAULT_WORKING_DAY_HOURS
from checker.model.exceptions import Exceptions
from checker.model.header import Header
from checker.model.policy import Policy
from checker.model.script import Script
from checker.yaml.source import SourceFile


@dataclass(frozen=True)
class PlaybookSet:
    """Everything loaded in one run; the input of every rule, the renderer and the diff."""

    policy: Policy | None = None
    categories: tuple[Category, ...] = ()
    customer_types: CustomerTypes | None = None
    calendar: Calendar | None = None
    exceptions: Exceptions | None = None
    headers: tuple[Header, ...] = ()
    sources: tuple[SourceFile, ...] = field(default=(), compare=False)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def hours_per_day(self) -> int:
        return self.calendar.hours_per_day if self.calendar else DEFAULT_WORKING_DAY_HOURS

    def all_scripts(self) -> Iterator[Script]:
        for category in self.categories:
            yield from category.scripts()
        if self.customer_types:
            for kind in self.customer_types.types:
                yield from kind.scripts
