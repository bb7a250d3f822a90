"""What one file contributes to a check, in a form that can be kept between runs."""

from __future__ import annotations

from dataclasses import dataclass

from checker.findings import Finding
from checker.pipeline.suppressions import Suppression
from checker.rules.context import CategoryFacts

# A file's size, modification and change times (ns), inode and device: recorded only when the
# file had been at rest for a while, so that equal values mean equal contents.
FileStat = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Checked:
    """The file checks' findings in one file and what they were computed against: ``context``
    names the checker and the shared files (policy, customer types, calendar), ``date`` the
    day they read as today ('' when none of them read it)."""

    context: str
    date: str
    findings: tuple[Finding, ...]

    def holds(self, context: str, today: str) -> bool:
        return self.context == context and self.date in ("", today)


@dataclass(frozen=True)
class FileResult:
    """One file's own results: reading and schema findings, its suppression comments, its
    kind when it is schema-valid, the facts the across-files checks read (categories), and
    the file checks' findings once they have run."""

    path: str
    digest: str
    kind: str | None
    findings: tuple[Finding, ...]
    suppressions: tuple[Suppression, ...]
    facts: CategoryFacts | None = None
    checked: Checked | None = None
