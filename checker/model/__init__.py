"""The typed, immutable playbook model, built once from schema-valid data.

Rules, the deadline engine, the handbook and the policy diff read these objects, never raw
dicts. Every object that a finding can point at carries ``at``: its file and JSON pointer.
One module per kind of file; ``builder`` turns validated data into them; ``vocabulary`` holds
every Chinese label of the domain's terms.
"""

from checker.model.calendar import Calendar, NamedDate
from checker.model.category import (
    Category,
    EscalationPath,
    EscalationStep,
    ProcedureStep,
    Remedy,
    ResponseLimit,
    ResponseLimits,
    SeverityTrigger,
)
from checker.model.customer_types import CustomerType, CustomerTypes
from checker.model.duration import Duration, DurationError, Unit, parse_duration
from checker.model.header import ChangelogEntry, Header
from checker.model.location import At
from checker.model.playbook_set import PlaybookSet
from checker.model.policy import (
    Channel,
    ColloquialTerm,
    EscalationTier,
    ForbiddenPhrase,
    Guidance,
    Placeholder,
    Policy,
    RecordField,
    RegulatoryCeiling,
    SeverityLevel,
)
from checker.model.script import Script

__all__ = [
    "At",
    "Calendar",
    "Category",
    "ChangelogEntry",
    "Channel",
    "ColloquialTerm",
    "CustomerType",
    "CustomerTypes",
    "Duration",
    "DurationError",
    "EscalationPath",
    "EscalationStep",
    "EscalationTier",
    "ForbiddenPhrase",
    "Guidance",
    "Header",
    "NamedDate",
    "Placeholder",
    "PlaybookSet",
    "Policy",
    "ProcedureStep",
    "RecordField",
    "RegulatoryCeiling",
    "Remedy",
    "ResponseLimit",
    "ResponseLimits",
    "Script",
    "SeverityLevel",
    "SeverityTrigger",
    "Unit",
    "parse_duration",
]
