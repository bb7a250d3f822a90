"""Hover on a duration: what it means on the working calendar, with examples computed by
``checker.deadlines`` (e.g. 周五 17:00（2026-12-04）收到 → 周二 18:00（2026-12-08）到期)."""

from __future__ import annotations

import datetime as dt

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.deadlines.explain import counting_rule, examples
from checker.model import Calendar, DurationError, parse_duration
from checker.model.vocabulary import LIMIT_METRICS
from checker.yaml.resolver import compose

# Fields whose value is a duration: the limits, escalation steps (after), remedies
# (execute_within) and regulatory ceilings (limit).
DURATION_FIELDS = frozenset((*LIMIT_METRICS, "after", "execute_within", "limit"))


def scalar_at(text: str, line: int, column: int) -> tuple[str, ScalarNode] | None:
    """The mapping value under the 0-based (line, code-point column) and its key, or None
    (also when the text does not parse as YAML right now)."""
    try:
        root = compose(text)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    return _find(root, "", line, column)


def _contains(node: Node, line: int, column: int) -> bool:
    start, end = node.start_mark, node.end_mark
    return (start.line, start.column) <= (line, column) <= (end.line, end.column)


def _find(node: Node | None, key: str, line: int, column: int) -> tuple[str, ScalarNode] | None:
    if node is None or not _contains(node, line, column):
        return None
    if isinstance(node, ScalarNode):
        return key, node
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            name = key_node.value if isinstance(key_node, ScalarNode) else ""
            found = _find(value, str(name), line, column)
            if found is not None:
                return found
    elif isinstance(node, SequenceNode):
        for item in node.value:
            found = _find(item, key, line, column)
            if found is not None:
                return found
    return None


def explain(value: str, calendar: Calendar | None, today: dt.date) -> str:
    """Markdown for a hover on a duration: its reading, how it is counted, examples on the
    calendar, or what is wrong with it."""
    try:
        duration = parse_duration(value)
    except DurationError as problem:
        return f"**这不是有效的时长**：{problem.message}\n\n提示：{problem.hint}"
    parts = [f"**{duration.label()}**（{duration.text}）", "", counting_rule(duration, calendar)]
    if calendar is None:
        parts += ["", "没有工作日历（calendar.yaml），无法举例计算截止时间。"]
        return "\n".join(parts)
    parts += ["", "按本手册的工作日历："]
    parts += [f"- {line}" for line in examples(duration, calendar, today)]
    return "\n".join(parts)
