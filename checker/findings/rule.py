"""Rule declarations: every rule's ID, name, default severity, documentation and examples.

Each layer declares the rules whose logic it holds (the YAML reader PB0xx, the schema stage
PB1xx, the model builder, the model rules, suppressions PB9xx, the diff PB7xx) with ``define``;
``checker.catalogue`` imports them all. A rule's examples are its documentation (``playbook
explain``, the handbook's rule page) and are also run as tests: each ``bad`` example must
trigger the rule, each ``good`` one must not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from checker.findings.finding import Finding, Severity


class Stage(StrEnum):
    """Where a rule's logic runs; the value is stable English, ``label`` is shown to people."""

    LOAD = "load"
    SCHEMA = "schema"
    MODEL = "model"
    ENGINE = "engine"
    DIFF = "diff"

    @property
    def label(self) -> str:
        return {
            "load": "读取",
            "schema": "结构",
            "model": "业务",
            "engine": "注释",
            "diff": "变更",
        }[self.value]

    @property
    def in_check(self) -> bool:
        """Whether ``playbook check`` runs rules of this stage (PB7xx run in ``playbook diff``)."""
        return self is not Stage.DIFF


@dataclass(frozen=True)
class RuleFamily:
    """A range of rule IDs with one concern (PB3xx: time limits)."""

    prefix: str
    concern: str
    stage: Stage


FAMILIES = (
    RuleFamily("PB0", "读取文件：编码、YAML 语法与陷阱", Stage.LOAD),
    RuleFamily("PB1", "结构：JSON Schema、字段名、标识、时长", Stage.SCHEMA),
    RuleFamily("PB2", "引用与完整性：引用存在、标识唯一、覆盖全部严重程度和步骤", Stage.MODEL),
    RuleFamily("PB3", "时限：各严重程度有序、响应早于解决、监管上限", Stage.MODEL),
    RuleFamily("PB4", "升级与审批权限", Stage.MODEL),
    RuleFamily("PB5", "话术：禁用语、占位符、各渠道话术", Stage.MODEL),
    RuleFamily("PB6", "版本号、日期和变更记录", Stage.MODEL),
    RuleFamily("PB7", "变更纪律：版本号与变更的大小相符（playbook diff）", Stage.DIFF),
    RuleFamily("PB8", "工作日历", Stage.MODEL),
    RuleFamily("PB9", "抑制注释", Stage.ENGINE),
)


def family_of(rule_id: str) -> RuleFamily | None:
    """The family an ID belongs to by its number, whether or not such a rule exists."""
    return next((f for f in FAMILIES if rule_id.upper().startswith(f.prefix)), None)


class Located(Protocol):
    """A file that can say where a JSON pointer's value and key stand (1-based)."""

    @property
    def path(self) -> str: ...

    def position(self, pointer: Sequence[str | int]) -> tuple[int, int]: ...

    def key_position(self, pointer: Sequence[str | int]) -> tuple[int, int]: ...


@dataclass(frozen=True)
class Example:
    """A YAML snippet that shows the rule.

    ``target`` names the file it goes into in the example playbook set (``policy``,
    ``category``, ``customer-types``, ``calendar``). With ``whole_file`` the snippet replaces
    the file. Otherwise it is merged into the file: mappings merge key by key (a null value
    deletes the key); lists whose items have an ``id`` merge item by item (new ids are
    appended) unless ``lists`` is ``"replace"``; other lists and scalars replace. With
    ``file`` the result is written as an extra file at that path of the playbook folder and
    the target file stays as it is.
    """

    yaml: str
    target: str = "category"
    whole_file: bool = False
    note: str = ""
    lists: str = "merge"
    file: str = ""


@dataclass(frozen=True)
class Rule:
    """One rule's declaration; the logic lives in the module that declares it."""

    id: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    good: Sequence[Example] = ()
    bad: Sequence[Example] = ()
    stage: Stage = Stage.MODEL

    def at(
        self,
        source: Located,
        line: int,
        column: int,
        message: str,
        hint: str = "",
    ) -> Finding:
        """A finding of this rule at an explicit 1-based position."""
        return Finding(
            rule_id=self.id,
            rule_name=self.name,
            severity=self.severity,
            path=source.path,
            line=line,
            column=column,
            message=message,
            hint=hint,
        )

    def on_value(
        self, source: Located, pointer: Sequence[str | int], message: str, hint: str = ""
    ) -> Finding:
        """A finding at the value found at ``pointer``."""
        line, column = source.position(pointer)
        return self.at(source, line, column, message, hint)

    def on_key(
        self, source: Located, pointer: Sequence[str | int], message: str, hint: str = ""
    ) -> Finding:
        """A finding at the key that holds ``pointer``."""
        line, column = source.key_position(pointer)
        return self.at(source, line, column, message, hint)


_DECLARED: dict[str, Rule] = {}


def define(
    id: str,
    name: str,
    severity: Severity,
    summary: str,
    rationale: str,
    *,
    good: Sequence[Example] = (),
    bad: Sequence[Example] = (),
    stage: Stage = Stage.MODEL,
) -> Rule:
    """Declare a rule; its ID must be new."""
    if id in _DECLARED:
        raise ValueError(f"duplicate rule id {id}")
    declared = Rule(id, name, severity, summary, rationale, tuple(good), tuple(bad), stage)
    _DECLARED[id] = declared
    return declared


def declared(rule_id: str) -> Rule | None:
    """The rule with this ID among those declared so far (the finding's own rule is always
    declared: it was imported to produce the finding)."""
    return _DECLARED.get(rule_id.upper())


def declared_rules() -> list[Rule]:
    """Every rule declared so far, by ID; ``checker.catalogue`` makes that all of them."""
    return sorted(_DECLARED.values(), key=lambda r: r.id)
