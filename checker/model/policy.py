"""The handbook-wide policy (policy.yaml): severities, tiers, channels and shared rules."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model.duration import Duration
from checker.model.header import Header
from checker.model.location import At


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
class ColloquialTerm:
    """Words customers and staff actually say (``words``) for a term the handbook uses."""

    term: str
    words: tuple[str, ...]
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
    colloquial_terms: tuple[ColloquialTerm, ...]
    placeholders: tuple[Placeholder, ...]
    record_fields: tuple[RecordField, ...]
    ceilings: tuple[RegulatoryCeiling, ...]

    def tier(self, tier_id: str) -> EscalationTier | None:
        return next((t for t in self.tiers if t.id == tier_id), None)

    def severity(self, severity_id: str) -> SeverityLevel | None:
        return next((s for s in self.severities if s.id == severity_id), None)

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)
