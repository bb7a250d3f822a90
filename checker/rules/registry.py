"""The rule registry: every rule's ID, name, default severity, documentation and examples.

A rule's examples are its documentation (``playbook explain``, the handbook's rule page) and are
also run as tests: each ``bad`` example must trigger the rule, each ``good`` one must not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from checker.findings import Finding, Severity
from checker.source import SourceFile

if TYPE_CHECKING:
    from checker.model import PlaybookSet

Check = Callable[["PlaybookSet"], Iterable[Finding]]


@dataclass(frozen=True)
class Example:
    """A YAML snippet that shows the rule.

    ``target`` names the file it goes into in the example playbook set (``policy``,
    ``category``, ``customer-types``). With ``whole_file`` the snippet replaces the file.
    Otherwise it is merged into the file: mappings merge key by key (a null value deletes the
    key); lists whose items have an ``id`` merge item by item (new ids are appended) unless
    ``lists`` is ``"replace"``; other lists and scalars replace.
    """

    yaml: str
    target: str = "category"
    whole_file: bool = False
    note: str = ""
    lists: str = "merge"


@dataclass(frozen=True)
class Rule:
    """One rule. ``check`` is absent for rules the loader or schema stage applies itself."""

    id: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    good: Sequence[Example] = ()
    bad: Sequence[Example] = ()
    check: Check | None = field(default=None, compare=False)
    stage: str = "model"

    def at(
        self,
        source: SourceFile,
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
        self, source: SourceFile, pointer: Sequence[str | int], message: str, hint: str = ""
    ) -> Finding:
        """A finding at the value found at ``pointer``."""
        line, column = source.position(pointer)
        return self.at(source, line, column, message, hint)

    def on_key(
        self, source: SourceFile, pointer: Sequence[str | int], message: str, hint: str = ""
    ) -> Finding:
        """A finding at the key that holds ``pointer``."""
        line, column = source.key_position(pointer)
        return self.at(source, line, column, message, hint)


_REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.id in _REGISTRY:
        raise ValueError(f"duplicate rule id {rule.id}")
    _REGISTRY[rule.id] = rule
    return rule


def define(
    id: str,
    name: str,
    severity: Severity,
    summary: str,
    rationale: str,
    *,
    good: Sequence[Example] = (),
    bad: Sequence[Example] = (),
    stage: str = "model",
) -> Rule:
    """Register a rule applied by the loader or schema stage (no check function)."""
    return register(Rule(id, name, severity, summary, rationale, good, bad, None, stage))


def rule(
    id: str,
    name: str,
    severity: Severity,
    summary: str,
    rationale: str,
    *,
    good: Sequence[Example] = (),
    bad: Sequence[Example] = (),
) -> Callable[[Callable[[Rule, PlaybookSet], Iterable[Finding]]], Rule]:
    """Register a model rule; the decorated function receives the rule and the playbook set."""
    described = Rule(id, name, severity, summary, rationale, good, bad, None, "model")

    def wrap(fn: Callable[[Rule, PlaybookSet], Iterable[Finding]]) -> Rule:
        holder: list[Rule] = []

        def check(playbooks: PlaybookSet) -> Iterator[Finding]:
            yield from fn(holder[0], playbooks)

        check.__doc__ = fn.__doc__
        holder.append(register(replace(described, check=check)))
        return holder[0]

    return wrap


def all_rules() -> list[Rule]:
    """Every registered rule, by ID."""
    import checker.rules  # noqa: F401  (importing the package registers every rule module)

    return sorted(_REGISTRY.values(), key=lambda r: r.id)


def get(rule_id: str) -> Rule | None:
    import checker.rules  # noqa: F401

    return _REGISTRY.get(rule_id.upper())
