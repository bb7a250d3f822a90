"""The typed, immutable playbook model, built once from schema-valid data.

Rules, the deadline engine, the handbook and the policy diff read these objects, never raw
dicts. Every object that a finding can point at carries ``at``: its file and JSON pointer.
One module per kind of file; ``builder`` turns validated data into them; ``vocabulary`` holds
every Chinese label of the domain's terms.
"""

from checker.model.calendar import Calendar, HolidayNotice, NamedDate, WorkingBreak
from checker.model.category import (
    Category,
    Emergency,
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
from checker.model.exceptions import Exceptions, VersionException
from checker.model.header import ChangelogEntry, Header
from checker.model.location import At
from checker.model.playbook_set import PlaybookSet
from checker.model.policy import (
    Channel,
    ColloquialTerm,
    DutyLine,
    EscalationTier,
    ForbiddenPhrase,
    Guidance,
    Placeholder,
    Policy,
    RecordField,
    RegulatoryCeiling,
    Route,
    SeverityLevel,
    Signal,
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
    "DutyLine",
    "Emergency",
    "EscalationPath",
    "EscalationStep",
    "EscalationTier",
    "Exceptions",
    "ForbiddenPhrase",
    "Guidance",
    "Header",
    "HolidayNotice",
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
    "Route",
    "Script",
    "SeverityLevel",
    "SeverityTrigger",
    "Signal",
    "Unit",
    "VersionException",
    "WorkingBreak",
    "parse_duration",
]
