"""Model rules: a rule declaration plus the function that checks the playbook model.

``@rule(...)`` declares the rule (``checker.findings.define``) and records its check function;
the engine runs every recorded check once per run with that run's ``RuleContext``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from checker.findings import Example, Finding, Rule, Severity, define
from checker.rules.context import RuleContext

Check = Callable[[Rule, RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class ModelRule:
    """A declared rule and its check over the model."""

    rule: Rule
    check: Check

    def run(self, context: RuleContext) -> Iterable[Finding]:
        return self.check(self.rule, context)


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
) -> Callable[[Check], Rule]:
    """Declare a model rule; the decorated function receives the rule and the run's context."""

    def wrap(check: Check) -> Rule:
        declared = define(id, name, severity, summary, rationale, good=good, bad=bad)
        _MODEL_RULES[id] = ModelRule(declared, check)
        return declared

    return wrap


def model_rules() -> list[ModelRule]:
    """Every model rule, by ID (importing ``checker.rules`` records them all)."""
    import checker.rules  # noqa: F401

    return [_MODEL_RULES[key] for key in sorted(_MODEL_RULES)]


def model_rule(rule_id: str) -> ModelRule | None:
    import checker.rules  # noqa: F401

    return _MODEL_RULES.get(rule_id.upper())
