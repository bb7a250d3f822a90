"""A playbook file as read from disk: its text, its YAML node tree, and positions on demand.

Positions are looked up lazily by walking the composed node tree along a JSON pointer, so a
clean file never pays for a position index it does not need.

Lines are what editors, GitHub and SARIF viewers count: a line ends at LF, CRLF or CR and
nowhere else. libyaml follows YAML 1.1, which also breaks lines at U+0085, U+2028 and U+2029;
the parser is therefore given the text with those three replaced by spaces (the loader reports
each of them, PB010), so every position it marks is the position people see.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.yaml.resolver import compose

Pointer = tuple[str | int, ...]

LINE_BREAK = re.compile(r"\r\n|\r|\n")
# YAML 1.1 line breaks that YAML 1.2 (and every editor) reads as ordinary characters
YAML11_BREAKS = re.compile("[\u0085\u2028\u2029]")
_AS_SPACE = {ord(ch): " " for ch in "\u0085\u2028\u2029"}


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as editors count them (LF, CRLF, CR), without their ends."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # a final line break ends the last line, it does not start a new one
    return lines


def parser_text(text: str) -> str:
    """``text`` as given to libyaml: same length, YAML 1.1-only line breaks as spaces."""
    return text.translate(_AS_SPACE) if YAML11_BREAKS.search(text) else text


@dataclass(eq=False)
class SourceFile:
    """One file: display path (repository-relative, POSIX), text and root node."""

    path: str
    text: str
    disk_path: Path | None = None
    _lines: list[str] | None = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)
    _root: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)
    # id(mapping node) -> entries; the nodes live as long as ``_root`` holds them
    _mapping_index: dict[int, dict[str, tuple[Node, Node]]] = field(
        default_factory=dict, repr=False
    )

    @property
    def root(self) -> Node | None:
        """The node tree, composed on first use (only files with findings ever need it)."""
        if not self._composed:
            self._composed = True
            try:
                self._root = compose(parser_text(self.text)) if self.text else None
            except yaml.YAMLError:
                self._root = None
        return self._root

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    def index_position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``index`` (columns in code points)."""
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in LINE_BREAK.finditer(self.text))]
        line = bisect.bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """The 1-based line's text, or '' when out of range."""
        lines = self.lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _entries(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """A mapping's (key node, value node) by key, first occurrence first, as the loader
        keeps it; built once per mapping, so a file with 35,000 findings stays linear."""
        index = self._mapping_index.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))
            self._mapping_index[id(node)] = index
        return index

    def _node_at(self, pointer: Pointer) -> tuple[Node | None, Node | None, int]:
        """Walk to the deepest node on ``pointer``: (value node, its key node, depth reached)."""
        node, key_node, depth = self.root, None, 0
        for part in pointer:
            if isinstance(node, MappingNode):
                found = self._entries(node).get(part) if isinstance(part, str) else None
                if found is None:
                    break
                key_node, node = found
            elif (
                isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value)
            ):
                key_node, node = None, node.value[part]
            else:
                break
            depth += 1
        return node, key_node, depth

    def position(self, pointer: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, column) of the value at ``pointer``, or of its nearest ancestor."""
        node, _, _ = self._node_at(tuple(pointer))
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def key_position(self, pointer: Sequence[str | int]) -> tuple[int, int]:
        """1-based position of the key that holds ``pointer`` (the value's own for list items)."""
        node, key_node, depth = self._node_at(tuple(pointer))
        if depth == len(pointer) and key_node is not None:
            return (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def exists(self, pointer: Sequence[str | int]) -> bool:
        return self._node_at(tuple(pointer))[2] == len(pointer)
