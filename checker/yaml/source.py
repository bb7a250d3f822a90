"""A playbook file as read from disk: its text, its YAML node tree, and positions on demand.

Positions are looked up lazily by walking the composed node tree along a JSON pointer, so a
clean file never pays for a position index it does not need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.yaml.resolver import compose

Pointer = tuple[str | int, ...]


@dataclass(eq=False)
class SourceFile:
    """One file: display path (repository-relative, POSIX), text and root node."""

    path: str
    text: str
    disk_path: Path | None = None
    _lines: list[str] | None = field(default=None, repr=False)
    _root: Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)

    @property
    def root(self) -> Node | None:
        """The node tree, composed on first use (only files with findings ever need it)."""
        if not self._composed:
            self._composed = True
            try:
                self._root = compose(self.text) if self.text else None
            except yaml.YAMLError:
                self._root = None
        return self._root

    def keep_tree(self, root: Node | None) -> None:
        """Hold the node tree composed while loading, for a file whose positions will be asked
        for anyway (a changed file in ``playbook diff``), so it is not composed twice."""
        self._root, self._composed = root, True

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def line_text(self, line: int) -> str:
        """The 1-based line's text, or '' when out of range."""
        lines = self.lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _node_at(self, pointer: Pointer) -> tuple[Node | None, Node | None, int]:
        """Walk to the deepest node on ``pointer``: (value node, its key node, depth reached)."""
        node, key_node, depth = self.root, None, 0
        for part in pointer:
            if isinstance(node, MappingNode):
                found = next(
                    (
                        kv
                        for kv in node.value
                        if isinstance(kv[0], ScalarNode) and kv[0].value == part
                    ),
                    None,
                )
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
