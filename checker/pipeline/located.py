"""A file's positions without its text in memory: read again only when a finding needs one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.yaml.loader import load_bytes
from checker.yaml.source import SourceFile


class FileOnDisk:
    """Where a pointer stands in a file that is not held in memory (a category of a large set,
    or one whose results came from the cache). The across-files checks rarely need a position
    there; when they do, the file is read and composed again, once."""

    def __init__(self, path: str, disk_path: Path | None) -> None:
        self.path = path
        self.disk_path = disk_path
        self._source: SourceFile | None = None

    def source(self) -> SourceFile:
        if self._source is None:
            try:
                raw = self.disk_path.read_bytes() if self.disk_path is not None else b""
            except OSError:
                raw = b""
            self._source = load_bytes(self.path, raw).source
        return self._source

    def position(self, pointer: Sequence[str | int]) -> tuple[int, int]:
        return self.source().position(pointer)

    def key_position(self, pointer: Sequence[str | int]) -> tuple[int, int]:
        return self.source().key_position(pointer)
