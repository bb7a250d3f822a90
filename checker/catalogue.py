"""Every rule of every layer, in one list: for ``playbook rules``, ``explain``, SARIF and the
handbook's rule pages.

Each layer declares its own rules where their logic is; importing those modules here is what
makes the list complete.
"""

from __future__ import annotations

import checker.diff.version_rules
import checker.model.builder
import checker.pipeline.discovery
import checker.pipeline.suppressions
import checker.rules
import checker.schema.rules
import checker.yaml.rules  # noqa: F401  (each import declares that layer's rules)
from checker.findings import Rule, declared, declared_rules


def all_rules() -> list[Rule]:
    """Every rule, by ID."""
    return declared_rules()


def get(rule_id: str) -> Rule | None:
    """The rule with this ID (any case), or None."""
    return declared(rule_id)
