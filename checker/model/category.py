"""One complaint category (categories/<id>.yaml)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from checker.model.duration import Duration
from checker.model.header import Header
from checker.model.location import At
from checker.model.script import Script
from checker.model.vocabulary import LIMIT_METRICS


@dataclass(frozen=True)
class SeverityTrigger:
    """``when`` in words; ``signals`` (ticked on the triage page) and ``amount_over`` are the
    same condition in a form the triage page can decide: the trigger holds when any of them
    does."""

    when: str
    raise_to: str
    at: At
    signals: tuple[str, ...] = ()
    amount_over: int | None = None


@dataclass(frozen=True)
class Emergency:
    """What staff do first, on the first screen, and how soon they report to the duty line."""

    actions: tuple[str, ...]
    report_within: Duration
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
    emergency: Emergency | None = None

    @property
    def title(self) -> str:
        return self.header.title

    def scripts(self) -> Iterator[Script]:
        for step in self.procedure:
            yield from step.scripts.values()
