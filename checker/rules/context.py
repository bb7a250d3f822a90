"""What every model rule of one run shares: the playbooks, today's date and the computations
that several rules need (built once per run, never kept in module globals)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from checker.deadlines.limit_comparison import LimitComparison
from checker.model import PlaybookSet


@dataclass
class RuleContext:
    """One run's input to the model rules."""

    playbooks: PlaybookSet
    today: dt.date = field(default_factory=dt.date.today)

    @cached_property
    def comparison(self) -> LimitComparison:
        """Compares limits on this run's working calendar (memoised across rules and files)."""
        return LimitComparison(self.playbooks.calendar)
