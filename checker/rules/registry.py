"""Model rules: a rule declaration plus the functions that check the playbook model.

``@rule(...)`` declares the rule (``checker.findings.define``) and records its check function;
the engine runs every recorded check once per run with that run's ``RuleContext``.

A check has one of two scopes, and the per-file cache depends on getting it right:

- a **file** check (the default) reads one file at a time: what it reports in a file depends only
  on that file and the shared files (policy, customer types, calendar). The engine may run it on
  a part of the set and reuses its results while the file and the shared files are unchanged.
  It must not read ``context.today`` unless it can live with a result cached until the date
  changes (the engine records that it did and keys the result by the date).
- an **across-files** check (``across_files=True``, or ``@across_files(rule)`` for the part of a
  rule that needs it) reads other categories through ``context.index``, the facts of every
  category. It runs on every check, after the file checks, and is never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from checker.findings import Example, Finding, Rule, Severity, define
from checker.rules.context import RuleContext

Check = Callable[[Rule, RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class ModelRule:
    """A declared rule with its file check and/or its across-files check."""

    rule: Rule
    check: Check | None = None
    across: Check | None = None

    def run(self, context: RuleContext) -> Iterator[Finding]:
        """The whole rule on the context's playbooks (both scopes)."""
        yield from self.run_file_part(context)
        yield from self.run_across_files(context)

    def run_file_part(self, context: RuleContext) -> Iterable[Finding]:
        return self.check(self.rule, context) if self.check is not None else ()

    def run_across_files(self, context: RuleContext) -> Iterable[Finding]:
        return self.across(self.rule, context) if self.across is not None else ()


_MODEL_RULES: dict[str, ModelRule] = {}


def rule(
    id: str,
    name: str,
    severity: Severity,
    summary: str,
    rationale: str,
    *,
    good: Sequence[Example] = (),
    bad: Sequence[Example] = (),
    across_files: bool = False,
) -> Callable[[Check], Rule]:
    """Declare a model rule; the decorated function receives the rule and the run's context.

    With ``across_files`` the function is the rule's across-files check (see the module)."""

    def wrap(check: Check) -> Rule:
        declared = define(id, name, severity, summary, rationale, good=good, bad=bad)
        if across_files:
            _MODEL_RULES[id] = ModelRule(declared, across=check)
        else:
            _MODEL_RULES[id] = ModelRule(declared, check=check)
        return declared

    return wrap


def across_files(declared: Rule) -> Callable[[Check], Check]:
    """Record the across-files part of a rule declared with ``@rule`` (same ID and messages)."""

    def wrap(check: Check) -> Check:
        current = _MODEL_RULES[declared.id]
        _MODEL_RULES[declared.id] = ModelRule(current.rule, current.check, check)
        return check

    return wrap


def model_rules() -> list[ModelRule]:
    """Every model rule, by ID (importing ``checker.rules`` records them all)."""
    import checker.rules  # noqa: F401

    return [_MODEL_RULES[key] for key in sorted(_MODEL_RULES)]


def model_rule(rule_id: str) -> ModelRule | None:
    import checker.rules  # noqa: F401

    return _MODEL_RULES.get(rule_id.upper())
