"""Where a model value stands in its file (for findings, diffs and source links)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.yaml.source import Pointer, SourceFile


@dataclass(frozen=True, slots=True)
class At:
    """Where a value stands: a file and a JSON pointer into it."""

    source: SourceFile
    pointer: Pointer

    def child(self, *parts: str | int) -> At:
        return At(self.source, (*self.pointer, *parts))
