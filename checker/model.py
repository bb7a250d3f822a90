"""Typed, immutable playbook objects built once from schema-valid data.

Rules, the handbook renderer and the policy diff read these objects, never raw dicts. Every
object that a finding can point at carries ``at``: its file and JSON pointer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.durations import DEFAULT_WORKING_DAY_HOURS, Duration, parse_duration
from checker.source import Pointer, SourceFile

SEVERITY_IDS = ("normal", "major", "critical")
STEP_IDS = (
    "receive",
    "assess",
    "investigate",
    "propose",
    "communicate",
    "execute",
    "follow-up",
    "archive",
)
STEP_NAMES = {
    "receive": "接收与登记",
    "assess": "评估与分类",
    "investigate": "调查原因",
    "propose": "制定方案",
    "communicate": "沟通方案",
    "execute": "落实与跟踪",
    "follow-up": "回访",
    "archive": "归档与改进",
}
REMEDY_KIND_NAMES = {
    "refund": "退款",
    "replacement": "换货",
    "repair": "维修",
    "compensation": "赔偿",
    "voucher": "代金券",
    "apology": "致歉",
    "goodwill": "关怀礼品",
    "service-redo": "重新服务",
}
LIMIT_METRICS = ("first_response", "update_interval", "resolution", "follow_up")
METRIC_TITLES = {
    "first_response": "首次响应",
    "update_interval": "进展通报间隔",
    "resolution": "解决时限",
    "follow_up": "回访时限",
}


@dataclass(frozen=True, slots=True)
class At:
    """Where a value stands: a file and a JSON pointer into it."""

    source: SourceFile
    pointer: Pointer

    def child(self, *parts: str | int) -> At:
        return At(self.source, (*self.pointer, *parts))


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    date: str
    changes: tuple[str, ...]
    author: str
    at: At


@dataclass(frozen=True)
class Header:
    """Metadata every playbook file carries."""

    kind: str
    title: str
    version: str
    effective: str
    owner: str
    changelog: tuple[ChangelogEntry, ...]
    at: At


@dataclass(frozen=True)
class SeverityLevel:
    id: str
    title: str
    definition: str
    factors: tuple[str, ...]
    examples: tuple[str, ...]
    rank: int
    at: At


@dataclass(frozen=True)
class EscalationTier:
    id: str
    title: str
    role: str
    contact: str
    max_amount: int
    remedy_kinds: frozenset[str]
    notes: str
    rank: int
    at: At


@dataclass(frozen=True)
class Channel:
    id: str
    title: str
    realtime: bool
    handling: tuple[str, ...]
    at: At


@dataclass(frozen=True)
class Guidance:
    """A principle, technique, mistake, dispute route or improvement practice."""

    title: str
    description: str
    example: str
    at: At


@dataclass(frozen=True)
class ForbiddenPhrase:
    phrase: str
    reason: str
    instead: str
    at: At


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    at: At


@dataclass(frozen=True)
class RecordField:
    id: str
    title: str
    description: str
    at: At


@dataclass(frozen=True)
class RegulatoryCeiling:
    id: str
    title: str
    applies_to: str
    limit: Duration
    citation: str
    certainty: str
    note: str
    at: At


@dataclass(frozen=True)
class Policy:
    """The handbook-wide policy (policy.yaml)."""

    header: Header
    purpose: str
    severities: tuple[SeverityLevel, ...]
    tiers: tuple[EscalationTier, ...]
    channels: tuple[Channel, ...]
    principles: tuple[Guidance, ...]
    techniques: tuple[Guidance, ...]
    mistakes: tuple[Guidance, ...]
    dispute_resolution: tuple[Guidance, ...]
    improvement: tuple[Guidance, ...]
    forbidden_phrases: tuple[ForbiddenPhrase, ...]
    placeholders: tuple[Placeholder, ...]
    record_fields: tuple[RecordField, ...]
    ceilings: tuple[RegulatoryCeiling, ...]

    def tier(self, tier_id: str) -> EscalationTier | None:
        return next((t for t in self.tiers if t.id == tier_id), None)

    def severity(self, severity_id: str) -> SeverityLevel | None:
        return next((s for s in self.severities if s.id == severity_id), None)

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)


@dataclass(frozen=True)
class SeverityTrigger:
    when: str
    raise_to: str
    at: At


@dataclass(frozen=True)
class ResponseLimit:
    """One time limit of one severity, e.g. critical resolution within 3 working days."""

    severity: str
    metric: str
    duration: Duration
    at: At


@dataclass(frozen=True)
class ResponseLimits:
    severity: str
    first_response: ResponseLimit
    update_interval: ResponseLimit
    resolution: ResponseLimit
    follow_up: ResponseLimit
    at: At

    def metric(self, name: str) -> ResponseLimit:
        return getattr(self, name)

    def all(self) -> tuple[ResponseLimit, ...]:
        return tuple(self.metric(m) for m in LIMIT_METRICS)


@dataclass(frozen=True)
class EscalationStep:
    after: Duration
    to: str
    when: str
    at: At


@dataclass(frozen=True)
class EscalationPath:
    severity: str
    owner: str
    steps: tuple[EscalationStep, ...]
    at: At


@dataclass(frozen=True)
class Script:
    """Words staff say or write, with where they come from."""

    text: str
    channel: str
    at: At
    situation: str = ""
    step: str = ""


@dataclass(frozen=True)
class ProcedureStep:
    id: str
    title: str
    owner: str
    actions: tuple[str, ...]
    channels: tuple[str, ...]
    scripts: Mapping[str, Script]
    tips: tuple[str, ...]
    remedies: tuple[str, ...]
    at: At


@dataclass(frozen=True)
class Remedy:
    id: str
    title: str
    kind: str
    max_amount: int | None
    approver: str
    execute_within: Duration | None
    conditions: str
    at: At


@dataclass(frozen=True)
class Category:
    """One complaint category (categories/<id>.yaml)."""

    header: Header
    id: str
    summary: str
    cases: tuple[str, ...]
    recognition: tuple[str, ...]
    keywords: tuple[str, ...]
    related: tuple[str, ...]
    customer_types: tuple[str, ...]
    default_severity: str
    triggers: tuple[SeverityTrigger, ...]
    limits: Mapping[str, ResponseLimits]
    escalation: Mapping[str, EscalationPath]
    procedure: tuple[ProcedureStep, ...]
    remedies: tuple[Remedy, ...]
    evidence: tuple[str, ...]
    legal_involve_when: tuple[str, ...]
    legal_notes: str
    at: At

    @property
    def title(self) -> str:
        return self.header.title

    def scripts(self) -> Iterator[Script]:
        for step in self.procedure:
            yield from step.scripts.values()


@dataclass(frozen=True)
class CustomerType:
    id: str
    title: str
    description: str
    recognition: tuple[str, ...]
    strategies: tuple[str, ...]
    scripts: tuple[Script, ...]
    avoid: tuple[str, ...]
    at: At


@dataclass(frozen=True)
class CustomerTypes:
    """The customer types (customer-types.yaml)."""

    header: Header
    needs: tuple[str, ...]
    types: tuple[CustomerType, ...]


@dataclass(frozen=True)
class NamedDate:
    date: dt.date
    name: str
    at: At


@dataclass(frozen=True)
class Calendar:
    """The working calendar (calendar.yaml): the clock that working-time limits run on."""

    header: Header
    start: dt.time
    end: dt.time
    hours_notes: str
    rest_days: frozenset[int]
    data_from: dt.date
    data_until: dt.date
    source: str
    holidays: tuple[NamedDate, ...]
    make_up_workdays: tuple[NamedDate, ...]
    notes: str
    at: At

    @property
    def hours_per_day(self) -> int:
        """Whole working hours in a working day (at least 1)."""
        minutes = (self.end.hour * 60 + self.end.minute) - (
            self.start.hour * 60 + self.start.minute
        )
        return max(1, minutes // 60)


@dataclass(frozen=True)
class PlaybookSet:
    """Everything loaded in one run; the input of every rule, the renderer and the diff."""

    policy: Policy | None = None
    categories: tuple[Category, ...] = ()
    customer_types: CustomerTypes | None = None
    calendar: Calendar | None = None
    headers: tuple[Header, ...] = ()
    sources: tuple[SourceFile, ...] = field(default=(), compare=False)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def hours_per_day(self) -> int:
        return self.calendar.hours_per_day if self.calendar else DEFAULT_WORKING_DAY_HOURS

    def all_scripts(self) -> Iterator[Script]:
        for category in self.categories:
            yield from category.scripts()
        if self.customer_types:
            for kind in self.customer_types.types:
                yield from kind.scripts


# ---- building from validated data -------------------------------------------------------


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def _guidance(items: list[dict[str, Any]] | None, at: At) -> tuple[Guidance, ...]:
    return tuple(
        Guidance(g["title"], g["description"], g.get("example", ""), at.child(i))
        for i, g in enumerate(items or ())
    )


def build_header(data: dict[str, Any], source: SourceFile) -> Header:
    root = At(source, ())
    return Header(
        kind=data["kind"],
        title=data["title"],
        version=data["version"],
        effective=data["effective"],
        owner=data["owner"],
        changelog=tuple(
            ChangelogEntry(
                e["version"],
                e["date"],
                _texts(e["changes"]),
                e.get("author", ""),
                root.child("changelog", i),
            )
            for i, e in enumerate(data["changelog"])
        ),
        at=root,
    )


def build_policy(data: dict[str, Any], source: SourceFile) -> Policy:
    root = At(source, ())
    return Policy(
        header=build_header(data, source),
        purpose=data.get("purpose", ""),
        severities=tuple(
            SeverityLevel(
                s["id"],
                s["title"],
                s["definition"],
                _texts(s["factors"]),
                _texts(s.get("examples")),
                i,
                root.child("severities", i),
            )
            for i, s in enumerate(data["severities"])
        ),
        tiers=tuple(
            EscalationTier(
                t["id"],
                t["title"],
                t["role"],
                t.get("contact", ""),
                t["authority"]["max_amount"],
                frozenset(t["authority"]["remedy_kinds"]),
                t["authority"].get("notes", ""),
                i,
                root.child("tiers", i),
            )
            for i, t in enumerate(data["tiers"])
        ),
        channels=tuple(
            Channel(
                c["id"],
                c["title"],
                c.get("realtime", False),
                _texts(c["handling"]),
                root.child("channels", i),
            )
            for i, c in enumerate(data["channels"])
        ),
        principles=_guidance(data["principles"], root.child("principles")),
        techniques=_guidance(data.get("techniques"), root.child("techniques")),
        mistakes=_guidance(data.get("mistakes"), root.child("mistakes")),
        dispute_resolution=_guidance(
            data.get("dispute_resolution"), root.child("dispute_resolution")
        ),
        improvement=_guidance(data.get("improvement"), root.child("improvement")),
        forbidden_phrases=tuple(
            ForbiddenPhrase(
                f["phrase"], f["reason"], f.get("instead", ""), root.child("forbidden_phrases", i)
            )
            for i, f in enumerate(data["forbidden_phrases"])
        ),
        placeholders=tuple(
            Placeholder(p["name"], p["description"], root.child("placeholders", i))
            for i, p in enumerate(data["placeholders"])
        ),
        record_fields=tuple(
            RecordField(r["id"], r["title"], r["description"], root.child("record_fields", i))
            for i, r in enumerate(data["record_fields"])
        ),
        ceilings=tuple(
            RegulatoryCeiling(
                c["id"],
                c["title"],
                c["applies_to"],
                parse_duration(c["limit"]),
                c["citation"],
                c["certainty"],
                c.get("note", ""),
                root.child("regulatory_ceilings", i),
            )
            for i, c in enumerate(data["regulatory_ceilings"])
        ),
    )


def build_category(data: dict[str, Any], source: SourceFile) -> Category:
    root = At(source, ())
    limits = {
        severity: ResponseLimits(
            severity,
            *(
                ResponseLimit(
                    severity, m, parse_duration(values[m]), root.child("limits", severity, m)
                )
                for m in LIMIT_METRICS
            ),
            at=root.child("limits", severity),
        )
        for severity, values in data["limits"].items()
    }
    escalation = {
        severity: EscalationPath(
            severity,
            path["owner"],
            tuple(
                EscalationStep(
                    parse_duration(s["after"]),
                    s["to"],
                    s["when"],
                    root.child("escalation", severity, "steps", i),
                )
                for i, s in enumerate(path["steps"])
            ),
            root.child("escalation", severity),
        )
        for severity, path in data["escalation"].items()
    }
    procedure = tuple(
        ProcedureStep(
            s["id"],
            s["title"],
            s["owner"],
            _texts(s["actions"]),
            _texts(s["channels"]),
            {
                channel: Script(text, channel, root.child("procedure", i, "scripts", channel))
                for channel, text in (s.get("scripts") or {}).items()
            },
            _texts(s.get("tips")),
            _texts(s.get("remedies")),
            root.child("procedure", i),
        )
        for i, s in enumerate(data["procedure"])
    )
    remedies = tuple(
        Remedy(
            r["id"],
            r["title"],
            r["kind"],
            r.get("max_amount"),
            r["approver"],
            parse_duration(r["execute_within"]) if "execute_within" in r else None,
            r["conditions"],
            root.child("remedies", i),
        )
        for i, r in enumerate(data["remedies"])
    )
    return Category(
        header=build_header(data, source),
        id=data["id"],
        summary=data["summary"],
        cases=_texts(data["cases"]),
        recognition=_texts(data["recognition"]),
        keywords=_texts(data.get("keywords")),
        related=_texts(data.get("related")),
        customer_types=_texts(data.get("customer_types")),
        default_severity=data["severity"]["default"],
        triggers=tuple(
            SeverityTrigger(t["when"], t["raise_to"], root.child("severity", "triggers", i))
            for i, t in enumerate(data["severity"]["triggers"])
        ),
        limits=limits,
        escalation=escalation,
        procedure=procedure,
        remedies=remedies,
        evidence=_texts(data["evidence"]),
        legal_involve_when=_texts(data["legal"]["involve_when"]),
        legal_notes=data["legal"].get("notes", ""),
        at=root,
    )


def build_customer_types(data: dict[str, Any], source: SourceFile) -> CustomerTypes:
    root = At(source, ())
    return CustomerTypes(
        header=build_header(data, source),
        needs=_texts(data.get("needs")),
        types=tuple(
            CustomerType(
                t["id"],
                t["title"],
                t["description"],
                _texts(t["recognition"]),
                _texts(t["strategies"]),
                tuple(
                    Script(
                        s["text"],
                        "",
                        root.child("types", i, "scripts", j, "text"),
                        s["situation"],
                        s.get("step", ""),
                    )
                    for j, s in enumerate(t["scripts"])
                ),
                _texts(t["avoid"]),
                root.child("types", i),
            )
            for i, t in enumerate(data["types"])
        ),
    )


def _dates(items: list[dict[str, Any]], at: At) -> tuple[NamedDate, ...]:
    return tuple(
        NamedDate(dt.date.fromisoformat(d["date"]), d["name"], at.child(i))
        for i, d in enumerate(items)
    )


def build_calendar(data: dict[str, Any], source: SourceFile) -> Calendar:
    """Build the calendar; the caller has checked that every date is a real date."""
    root = At(source, ())
    hours = data["working_hours"]
    return Calendar(
        header=build_header(data, source),
        start=dt.time.fromisoformat(hours["start"]),
        end=dt.time.fromisoformat(hours["end"]),
        hours_notes=hours.get("notes", ""),
        rest_days=frozenset(data["rest_days"]),
        data_from=dt.date.fromisoformat(data["data_from"]),
        data_until=dt.date.fromisoformat(data["data_until"]),
        source=data["source"],
        holidays=_dates(data["holidays"], root.child("holidays")),
        make_up_workdays=_dates(data["make_up_workdays"], root.child("make_up_workdays")),
        notes=data.get("notes", ""),
        at=root,
    )
