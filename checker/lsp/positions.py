"""Positions between the checker (1-based lines, columns in code points) and the editor
(0-based lines, characters in the encoding negotiated at start: UTF-16 unless the client
offers UTF-8 or UTF-32 first)."""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# code units per character, by negotiated encoding
_UNITS: dict[str, Callable[[str], int]] = {
    types.PositionEncodingKind.Utf8.value: lambda c: len(c.encode("utf-8")),
    types.PositionEncodingKind.Utf16.value: lambda c: 2 if ord(c) > 0xFFFF else 1,
    types.PositionEncodingKind.Utf32.value: lambda c: 1,
}


def split_lines(text: str) -> list[str]:
    """The text's lines as LSP counts them (CR LF, CR or LF end a line; nothing else)."""
    return _LINE_BREAK.split(text)


class Positions:
    """Converts columns on one document's lines for one encoding."""

    def __init__(self, lines: list[str], encoding: str | None) -> None:
        self.lines = lines
        self._units = _UNITS.get(
            str(encoding or ""), _UNITS[types.PositionEncodingKind.Utf16.value]
        )

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def to_client(self, line: int, column: int) -> types.Position:
        """0-based line and code-point column -> LSP position."""
        text = self.line(line)
        column = max(0, min(column, len(text)))
        return types.Position(line, sum(self._units(c) for c in text[:column]))

    def from_client(self, position: types.Position) -> tuple[int, int]:
        """LSP position -> 0-based line and code-point column (clamped to the line; a position
        inside a character counts as that character)."""
        text = self.line(position.line)
        units = 0
        for column, char in enumerate(text):
            units += self._units(char)
            if units > position.character:
                return position.line, column
        return position.line, len(text)

    def span(self, line: int, start: int, end: int) -> types.Range:
        return types.Range(self.to_client(line, start), self.to_client(line, end))
