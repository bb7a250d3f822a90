"""The register of approved exceptions to the version rules (exceptions.yaml).

A suppression comment for a PB7xx rule that a pull request adds does not count by itself:
the exception must be listed here, with the change it lets through, the reason, who approved
it and until when (``checker.diff.review``). The file is reviewed by compliance like a playbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from checker.model.dates import parse_date
from checker.model.header import Header
from checker.model.location import At


@dataclass(frozen=True)
class VersionException:
    file: str  # relative to the playbook folder
    rules: frozenset[str]
    change: str
    reason: str
    approver: str
    expires: str
    at: At

    def valid_on(self, day: dt.date) -> bool:
        expires = parse_date(self.expires)
        return expires is not None and day <= expires


@dataclass(frozen=True)
class Exceptions:
    """The register: a title, the department that approves, the exceptions."""

    title: str
    owner: str
    entries: tuple[VersionException, ...]
    at: At

    @property
    def header(self) -> Header:
        """The register as the diff sees a file: a title and a place, no version."""
        return Header("exceptions", self.title, "", "", self.owner, (), self.at)

    def relative(self, path: str) -> str:
        """A playbook file's path as the register names it (relative to its own folder)."""
        folder = PurePosixPath(self.at.source.path).parent
        try:
            return PurePosixPath(path).relative_to(folder).as_posix()
        except ValueError:
            return path

    def covering(self, path: str, rule_id: str, day: dt.date) -> VersionException | None:
        """The exception in force on ``day`` that lets ``rule_id`` through for ``path``."""
        name = self.relative(path)
        return next(
            (e for e in self.entries if e.file == name and rule_id in e.rules and e.valid_on(day)),
            None,
        )
