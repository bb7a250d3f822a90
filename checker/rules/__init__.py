"""Every rule module; importing this package fills the registry.

IDs by concern: PB0xx reading files, PB1xx schema, PB2xx references, PB3xx time limits,
PB4xx escalation and authority, PB5xx scripts, PB6xx versions and dates, PB7xx version
discipline across a change (playbook diff), PB8xx the working calendar, PB9xx suppressions.
"""

from checker.rules import (  # noqa: F401
    authority,
    calendar,
    escalation,
    limits,
    metadata,
    references,
    schema,
    scripts,
    suppression,
    syntax,
    versioning,
)
from checker.rules.registry import Example, Rule, all_rules, get

__all__ = ["Example", "Rule", "all_rules", "get"]
