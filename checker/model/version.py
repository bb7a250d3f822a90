"""Semantic versions (主版本.次版本.修订号): the one parser and ordering every layer uses."""

from __future__ import annotations

import re
from typing import NamedTuple

_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


class Version(NamedTuple):
    """A version that orders as numbers do (1.10.0 > 1.9.0)."""

    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version | None:
        """The version, or None when ``text`` is not a semantic version."""
        match = _SEMVER.fullmatch(text)
        if match is None:
            return None
        return cls(*(int(part) for part in match.groups()))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"
