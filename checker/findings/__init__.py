"""The bottom layer: findings, severities and rule declarations that every other layer shares."""

from checker.findings.finding import Finding, Severity, Summary
from checker.findings.rule import (
    FAMILIES,
    Example,
    Located,
    Rule,
    RuleFamily,
    Stage,
    declared,
    declared_rules,
    define,
    family_of,
)

__all__ = [
    "FAMILIES",
    "Example",
    "Finding",
    "Located",
    "Rule",
    "RuleFamily",
    "Severity",
    "Stage",
    "Summary",
    "declared",
    "declared_rules",
    "define",
    "family_of",
]
