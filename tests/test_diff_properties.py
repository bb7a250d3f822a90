"""Properties of the diff over the bundled playbooks, with Hypothesis.

One leaf value anywhere (a sentence, a script, a time limit, an amount, a flag) is changed in
place in the YAML text. The diff must report it at that value (file, line and column in HEAD),
classify it by what the value means (a longer limit or a larger amount is loosened), and the
reverse change must classify oppositely.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
from conftest import PLAYBOOKS
from hypothesis import HealthCheck, given, settings
from yaml.nodes import MappingNode, Node, SequenceNode

from checker.diff.changes import ChangeLevel, PolicyChange
from checker.diff.compare import compare
from checker.diff.sources import assemble_side
from checker.model import PlaybookSet
from checker.model.duration import Duration, Unit, parse_duration
from checker.yaml.loader import LoadedFile, load_bytes
from checker.yaml.source import Pointer

LOOSENED, TIGHTENED, WORDING = ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED, ChangeLevel.WORDING
DURATION_KEYS = {
    "first_response",
    "update_interval",
    "resolution",
    "follow_up",
    "after",
    "execute_within",
    "limit",
}
# Ids, references, enumerations, dates and times: changing them is not a free edit of a value.
REFERENCE_KEYS = {
    "kind",
    "id",
    "version",
    "effective",
    "date",
    "to",
    "approver",
    "raise_to",
    "default",
    "applies_to",
    "certainty",
    "step",
    "start",
    "end",
    "data_from",
    "data_until",
    "time_zone",
    "url",
    "channels",
    "remedies",
    "related",
    "customer_types",
    "remedy_kinds",
    "rest_days",
    "signals",
    "signal",
    "category",
    "customer_type",
    "page",
    "phone",
}
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Leaf:
    path: str
    pointer: Pointer
    value: Any
    kind: str  # text, duration, amount, flag


def _leaf_kind(pointer: Pointer, value: Any) -> str | None:
    if "changelog" in pointer:
        return None  # judged by the version rules, not reported as a change
    key = next(part for part in reversed(pointer) if isinstance(part, str))
    if key in REFERENCE_KEYS or (key == "owner" and len(pointer) > 1):
        return None
    if isinstance(value, bool):
        return "flag"
    if isinstance(value, int):
        return "amount" if key == "max_amount" else None
    if key in DURATION_KEYS:
        return "duration"
    return "text"


def _leaves(path: str, value: Any, pointer: Pointer = ()) -> list[Leaf]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(path, v, (*pointer, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(path, v, (*pointer, i))]
    kind = _leaf_kind(pointer, value)
    return [Leaf(path, pointer, value, kind)] if kind else []


@cache
def bundled() -> dict[str, LoadedFile]:
    files = sorted(p for p in PLAYBOOKS.rglob("*.y*ml") if p.is_file())
    return {
        path: load_bytes(path, p.read_bytes())
        for p in files
        for path in [f"playbooks/{p.relative_to(PLAYBOOKS).as_posix()}"]
    }


def playbook_set(loaded: dict[str, LoadedFile]) -> PlaybookSet:
    side = assemble_side("对比", "测试", "playbooks", list(loaded.values()))
    assert not side.problems, [f"{f.path}:{f.line} {f.message}" for f in side.problems]
    return side.playbooks


@cache
def base_set() -> PlaybookSet:
    return playbook_set(bundled())


@cache
def all_leaves() -> list[Leaf]:
    return [leaf for path, item in bundled().items() for leaf in _leaves(path, item.data)]


def _node(root: Node, pointer: Pointer) -> Node:
    node = root
    for part in pointer:
        if isinstance(node, MappingNode):
            node = next(v for k, v in node.value if k.value == part)
        else:
            assert isinstance(node, SequenceNode)
            node = node.value[part]  # type: ignore[index]
    return node


def with_value(leaf: Leaf, value: Any) -> tuple[dict[str, LoadedFile], LoadedFile]:
    """The bundled files with ``leaf`` rewritten in place (the rest of the text untouched)."""
    original = bundled()[leaf.path]
    text = original.source.text
    node = _node(original.source.root, leaf.pointer)  # type: ignore[arg-type]
    start, end = node.start_mark.index, node.end_mark.index
    end = start + len(text[start:end].rstrip())  # a block scalar's end mark is past its newline
    written = json.dumps(value, ensure_ascii=False)  # JSON scalars are YAML flow scalars
    changed = load_bytes(leaf.path, (text[:start] + written + text[end:]).encode())
    assert not changed.findings, [f.message for f in changed.findings]
    return {**bundled(), leaf.path: changed}, changed


# ---- strategies ------------------------------------------------------------------------------

CJK = st.sampled_from("改新甲乙丙丁更再")


@st.composite
def edited_text(draw: st.DrawFn, old: str) -> str:
    """A small edit of a sentence: one character inserted or replaced."""
    char = draw(CJK)
    at = draw(st.integers(0, len(old)))
    if at < len(old) and draw(st.booleans()) and old[at] != char:
        return old[:at] + char + old[at + 1 :]
    return old[:at] + char + old[at:]


@st.composite
def other_duration(draw: st.DrawFn, old: str) -> str:
    """Another duration whose order against ``old`` is exact: natural time in minutes or hours,
    otherwise the same unit with another amount."""
    duration = parse_duration(old)
    if duration.unit in (Unit.MINUTE, Unit.HOUR):
        minutes = draw(st.integers(1, 20_000).filter(lambda m: m != duration.natural_minutes()))
        if minutes % 60 == 0 and draw(st.booleans()):
            return f"{minutes // 60}h"
        return f"{minutes}m"
    amount = draw(st.integers(1, 60).filter(lambda n: n != duration.amount))
    word = {
        Unit.CALENDAR_DAY: "calendar day",
        Unit.WORKING_DAY: "working day",
        Unit.WORKING_HOUR: "working hour",
    }[duration.unit]
    return f"{amount} {word}{'s' if amount > 1 else ''}"


def new_value(draw: st.DrawFn, leaf: Leaf) -> Any:
    if leaf.kind == "text":
        return draw(edited_text(leaf.value))
    if leaf.kind == "duration":
        return draw(other_duration(leaf.value))
    if leaf.kind == "amount":
        return draw(st.integers(0, 200_000).filter(lambda n: n != leaf.value))
    return not leaf.value


def expected_level(leaf: Leaf, value: Any) -> ChangeLevel:
    if leaf.kind == "text":
        return WORDING
    if leaf.kind == "duration":
        old, new = parse_duration(leaf.value), parse_duration(value)
        return LOOSENED if _length(new) > _length(old) else TIGHTENED
    if leaf.kind == "amount":
        return LOOSENED if value > leaf.value else TIGHTENED
    return LOOSENED if value is False else TIGHTENED  # a channel no longer answered live


def _length(duration: Duration) -> int:
    if duration.unit in (Unit.MINUTE, Unit.HOUR):
        return duration.natural_minutes()
    return duration.amount


# ---- properties ------------------------------------------------------------------------------


def test_the_bundled_playbooks_offer_every_kind_of_leaf():
    kinds = {leaf.kind for leaf in all_leaves()}
    assert kinds == {"text", "duration", "amount", "flag"}
    assert {leaf.path.split("/")[-1] for leaf in all_leaves()} >= {
        "policy.yaml",
        "customer-types.yaml",
        "calendar.yaml",
        "product-quality.yaml",
    }


@SETTINGS
@given(st.data())
def test_any_leaf_change_is_one_change_at_its_place(data: st.DataObject):
    leaf = data.draw(st.sampled_from(all_leaves()), label="leaf")
    value = new_value(data.draw, leaf)
    files, changed = with_value(leaf, value)
    changes = compare(base_set(), playbook_set(files)).changes
    assert len(changes) == 1, changes
    (change,) = changes
    assert (change.path, change.side) == (leaf.path, "head")
    assert (change.line, change.column) == changed.source.position(leaf.pointer), change
    assert change.level is expected_level(leaf, value), change


@SETTINGS
@given(st.data())
def test_limits_longer_is_loosened_shorter_is_tightened(data: st.DataObject):
    limits = [leaf for leaf in all_leaves() if leaf.pointer[0] == "limits"]
    leaf = data.draw(st.sampled_from(limits), label="limit")
    value = data.draw(other_duration(leaf.value), label="new")
    files, _ = with_value(leaf, value)
    (change,) = compare(base_set(), playbook_set(files)).changes
    old, new = parse_duration(leaf.value), parse_duration(value)
    assert change.kind == "limit"
    assert change.level is (LOOSENED if _length(new) > _length(old) else TIGHTENED)
    assert change.id == ("limit-longer" if change.level is LOOSENED else "limit-shorter")


def _levels(changes: list[PolicyChange]) -> list[ChangeLevel]:
    return sorted(c.level for c in changes)


@SETTINGS
@given(st.data())
def test_a_change_and_its_reverse_classify_oppositely(data: st.DataObject):
    leaf = data.draw(st.sampled_from(all_leaves()), label="leaf")
    files, _ = with_value(leaf, new_value(data.draw, leaf))
    head = playbook_set(files)
    forward = compare(base_set(), head).changes
    backward = compare(head, base_set()).changes
    assert _levels(backward) == sorted(c.level.opposite for c in forward)


@SETTINGS
@given(st.data())
def test_a_unit_change_tightens_only_if_the_reverse_loosens(data: st.DataObject):
    """Limits in different units are compared on the working calendar: a new limit can be later
    for some start times and earlier for others (loosened both ways), but "tightened" always
    means the reverse is loosened, and "same deadline" (wording) is symmetric."""
    durations = [leaf for leaf in all_leaves() if leaf.kind == "duration"]
    leaf = data.draw(st.sampled_from(durations), label="limit")
    amount = data.draw(st.integers(1, 12), label="amount")
    unit = data.draw(st.sampled_from(["h", " working hours", " working days", " calendar days"]))
    value = f"{amount}{unit}"
    if value == leaf.value:
        return
    files, _ = with_value(leaf, value)
    head = playbook_set(files)
    (forward,) = compare(base_set(), head).changes
    (backward,) = compare(head, base_set()).changes
    if forward.level is TIGHTENED:
        assert backward.level is LOOSENED
    if forward.level is WORDING:
        assert backward.level is WORDING
    if backward.level is TIGHTENED:
        assert forward.level is LOOSENED


def test_a_folded_block_scalar_is_located_at_its_first_line():
    leaf = next(
        leaf
        for leaf in all_leaves()
        if leaf.pointer == ("summary",) and bundled()[leaf.path].source.text.count("summary: >-")
    )
    files, changed = with_value(leaf, leaf.value + "改")
    (change,) = compare(base_set(), playbook_set(files)).changes
    line = next(i for i, text in enumerate(changed.source.lines, 1) if text.startswith("summary:"))
    assert (change.id, change.line) == ("summary-reworded", line)


def test_the_bundled_set_is_its_own_baseline():
    assert compare(base_set(), base_set()).changes == []
    assert Path(PLAYBOOKS).is_dir()
