"""Shared helpers: build a playbook set from the rule example base and run the checker on it.

``tests`` is not a package, so the helpers live here as plain functions (imported by the test
modules with ``from conftest import ...``) and as fixtures.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.findings import Example, Finding, Severity
from checker.pipeline.engine import CheckResult, check_paths
from checker.yaml.loader import MAX_BYTES, load_text

# PB802 judges the calendar against *today*; every run of the suite (and every subprocess it
# starts) sees the same date, one the bundled 2025-2026 holiday data covers with more than the
# 60 days' notice PB802 asks for. Tests of PB802 and of the 暂定 banner set their own date.
os.environ.setdefault("PLAYBOOK_TODAY", "2026-10-15")

# the handbook's browser fixtures (one site build, one Chromium) for every browser test module
pytest_plugins = ["browser_harness"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_BASE = ROOT / "tests" / "example_base"
PLAYBOOKS = ROOT / "playbooks"

# Where each example target lives inside a playbook folder.
TARGET_FILES = {
    "policy": "policy.yaml",
    "category": "categories/product-quality.yaml",
    "customer-types": "customer-types.yaml",
    "calendar": "calendar.yaml",
}


# ---- writing YAML --------------------------------------------------------------------------


class _QuotingDumper(yaml.SafeDumper):
    """A dumper that double-quotes every string, so dates ("2026-01-10"), times ("09:00") and
    versions ("1.0.0") come back as text through the strict loader instead of being misread
    (PyYAML would write 09:00 plain, which YAML 1.1 reads as a sexagesimal number)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


_QuotingDumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """Plain data as playbook YAML text (UTF-8 friendly, key order kept, strings quoted)."""
    return yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=1000)


def load_data(text: str, path: str = "snippet.yaml") -> Any:
    """Read YAML exactly the way the checker does; the text must load without findings."""
    loaded = load_text(path, text)
    assert not loaded.findings, [f.message for f in loaded.findings]
    return loaded.data


def _has_ids(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(i, dict) and "id" in i for i in items)


def deep_merge(base: Any, patch: Any, lists: str = "merge") -> Any:
    """Apply an example to the base, as ``Example`` documents it.

    Mappings merge key by key (a null value deletes the key). With ``lists="merge"``, a list
    whose items all have an ``id`` merges item by item (an item with a new id is appended);
    every other list, and every list with ``lists="replace"``, replaces the base's. Scalars
    replace.
    """
    if isinstance(patch, list) and lists == "merge" and _has_ids(patch) and _has_ids(base):
        merged_items = [dict(item) for item in base]
        for item in patch:
            match = next((m for m in merged_items if m["id"] == item["id"]), None)
            if match is None:
                merged_items.append(item)
            else:
                merged_items[merged_items.index(match)] = deep_merge(match, item, lists)
        return merged_items
    if not isinstance(patch, dict):
        return patch
    merged = dict(base) if isinstance(base, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = deep_merge(merged.get(key), value, lists)
    return merged


# ---- carrying comments (suppressions) over from a snippet to the merged file ------------------


def _comment_start(line: str) -> int | None:
    """Index of a YAML comment's '#' on the line (outside quotes), or None."""
    quote: str | None = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None


def _line_pointers(root: Node | None) -> dict[int, tuple[str | int, ...]]:
    """0-based line -> pointer of the outermost key or item that starts on that line."""
    found: dict[int, tuple[str | int, ...]] = {}

    def walk(node: Node, pointer: tuple[str | int, ...]) -> None:
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    here = (*pointer, key_node.value)
                    found.setdefault(key_node.start_mark.line, here)
                    walk(value_node, here)
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                here = (*pointer, i)
                found.setdefault(item.start_mark.line, here)
                walk(item, here)

    if root is not None:
        walk(root, ())
    return found


def snippet_comments(text: str) -> list[tuple[tuple[str | int, ...], str, bool]]:
    """Comments of a snippet as (pointer they belong to, comment text, standalone line)."""
    pointers = _line_pointers(load_text("snippet.yaml", text).source.root)
    lines = text.splitlines()
    comments = []
    for number, line in enumerate(lines):
        start = _comment_start(line)
        if start is None:
            continue
        standalone = not line[:start].strip()
        if standalone:
            following = [n for n in pointers if n > number]
            if not following:
                continue
            pointer = pointers[min(following)]
        elif number in pointers:
            pointer = pointers[number]
        else:
            continue
        comments.append((pointer, line[start:].rstrip(), standalone))
    return comments


def attach_comments(text: str, comments: list[tuple[tuple[str | int, ...], str, bool]]) -> str:
    """Put each comment back on (or just above) the line its pointer is on in ``text``."""
    if not comments:
        return text
    source = load_text("merged.yaml", text).source
    lines = text.splitlines()
    placed = []
    for pointer, comment, standalone in comments:
        assert source.exists(pointer), f"comment target {pointer} is missing after merging"
        line, column = source.key_position(pointer)
        placed.append((line, column, comment, standalone))
    for line, column, comment, standalone in sorted(placed, reverse=True):
        if standalone:
            lines.insert(line - 1, " " * (column - 1) + comment)
        else:
            lines[line - 1] += "  " + comment
    return "\n".join(lines) + "\n"


# ---- materialising rule examples -------------------------------------------------------------


def copy_base(dest: Path, base: Path = EXAMPLE_BASE) -> Path:
    """A writable copy of a playbook folder at ``dest``."""
    shutil.copytree(base, dest)
    return dest


def example_text(example: Example, base_text: str) -> str:
    """The target file's new text: the snippet itself, or the snippet merged into the base."""
    if example.whole_file:
        return example.yaml
    merged = deep_merge(load_data(base_text, "base.yaml"), load_data(example.yaml), example.lists)
    return attach_comments(dump_yaml(merged), snippet_comments(example.yaml))


def example_bytes(rule_id: str, kind: str, example: Example, base_text: str) -> bytes:
    """The target file's bytes, with the special cases the examples' notes describe."""
    text = example_text(example, base_text)
    if rule_id == "PB002" and kind == "bad":
        return text.encode("gbk")  # the note: written as GBK
    raw = text.encode("utf-8")
    if rule_id == "PB004" and kind == "bad":
        raw = raw * (MAX_BYTES // len(raw) + 2)  # the note: repeated until over 1 MiB
        assert len(raw) > MAX_BYTES
    return raw


def materialise(rule_id: str, kind: str, example: Example, dest: Path) -> Path:
    """Write the example base with the example applied to ``dest``; return the folder."""
    folder = copy_base(dest)
    target = folder / TARGET_FILES[example.target]
    raw = example_bytes(rule_id, kind, example, target.read_text(encoding="utf-8"))
    written = folder / example.file if example.file else target
    if rule_id == "PB012" and kind == "bad":
        # the note: a symbolic link to a copy kept outside the playbook folder
        outside = dest.parent / f"outside-{dest.name}" / written.name
        outside.parent.mkdir(parents=True, exist_ok=True)
        outside.write_bytes(raw)
        written.symlink_to(outside)
    else:
        written.write_bytes(raw)
    return folder


# ---- running the checker ---------------------------------------------------------------------


def run(*paths: Path | str) -> CheckResult:
    return check_paths([str(p) for p in paths])


def active(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not f.suppressed]


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in active(findings) if f.severity is Severity.ERROR]


def with_rule(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


def describe(findings: list[Finding]) -> str:
    """Findings, one per line, for assertion messages."""
    return (
        "\n".join(
            f"  {f.rule_id} {f.severity.value} {f.path}:{f.line}:{f.column} {f.message} | {f.hint}"
            + (f" [suppressed: {f.suppressed_reason}]" if f.suppressed else "")
            for f in findings
        )
        or "  (none)"
    )


def line_of(text: str, needle: str, start_after: str | None = None) -> int:
    """1-based number of the first line containing ``needle`` (after ``start_after`` if given)."""
    lines = text.splitlines()
    begin = 0
    if start_after is not None:
        begin = next(i for i, line in enumerate(lines) if start_after in line) + 1
    for i in range(begin, len(lines)):
        if needle in lines[i]:
            return i + 1
    raise AssertionError(f"{needle!r} not found")


def column_of(text: str, line: int, needle: str) -> int:
    """1-based column (in characters) of ``needle`` on the 1-based ``line``."""
    index = text.splitlines()[line - 1].index(needle)
    return index + 1


# ---- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def base_set(tmp_path: Path) -> Path:
    """A fresh writable copy of the rule example base."""
    return copy_base(tmp_path / "playbooks")


@pytest.fixture
def bundled_set(tmp_path: Path) -> Path:
    """A fresh writable copy of the bundled playbooks."""
    return copy_base(tmp_path / "playbooks", PLAYBOOKS)


@pytest.fixture
def edit() -> Callable[[Path, Callable[[str], str]], str]:
    """Rewrite a file's text with a function; returns the new text."""

    def apply(path: Path, change: Callable[[str], str]) -> str:
        old = path.read_text(encoding="utf-8")
        new = change(old)
        assert new != old, f"the edit did not change {path}"
        path.write_text(new, encoding="utf-8")
        return new

    return apply


def replace_once(old: str, new: str) -> Callable[[str], str]:
    """An edit that replaces exactly one occurrence of ``old``."""

    def change(text: str) -> str:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new)

    return change


def iter_examples() -> Iterator[tuple[str, str, int, Example]]:
    from checker.catalogue import all_rules

    for rule in all_rules():
        for kind, examples in (("good", rule.good), ("bad", rule.bad)):
            for i, example in enumerate(examples):
                yield rule.id, kind, i, example
