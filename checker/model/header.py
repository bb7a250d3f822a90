"""What every playbook file says about itself: kind, title, version, dates, changelog."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model.dates import parse_date
from checker.model.location import At


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    date: str
    changes: tuple[str, ...]
    author: str
    at: At


@dataclass(frozen=True)
class Header:
    """Metadata every playbook file carries."""

    kind: str
    title: str
    version: str
    effective: str
    owner: str
    changelog: tuple[ChangelogEntry, ...]
    at: At

    def current_entry(self) -> ChangelogEntry | None:
        """The changelog entry of the current version, if there is one."""
        return next((e for e in self.changelog if e.version == self.version), None)

    def effective_before_release(self) -> ChangelogEntry | None:
        """The current version's changelog entry when the effective date lies before its
        date: a version cannot take effect before it was written (PB604, PB706)."""
        entry = self.current_entry()
        if entry is None:
            return None
        effective, written = parse_date(self.effective), parse_date(entry.date)
        return entry if effective and written and effective < written else None
