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
    amount_over: int | None = None  # an amount above this is at least this severity


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
    phone: str = ""  # the internal extension staff dial to hand a complaint to this tier


@dataclass(frozen=True)
class DutyLine:
    """The 7×24 line safety incidents are reported to."""

    title: str
    phone: str
    description: str
    at: At


@dataclass(frozen=True)
class Signal:
    """Something a customer reports that staff tick on the triage page (有人受伤, 扬言曝光 …).

    ``raise_to``: the least severity it gives in every category; ``category``: the category
    it puts the complaint in. Categories' triggers refer to signals by id."""

    id: str
    title: str
    raise_to: str
    category: str
    at: At


@dataclass(frozen=True)
class Route:
    """A way in on the home page's first screen: exactly one target is set."""

    title: str
    hint: str
    category: str
    customer_type: str
    signal: str
    page: str
    at: At

    @property
    def target(self) -> tuple[str, str]:
        """(kind, id) of where it leads: category, customer_type, signal or page."""
        for kind in ("category", "customer_type", "signal"):
            if getattr(self, kind):
                return kind, getattr(self, kind)
        return "page", self.page


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
    duty: DutyLine | None = None
    signals: tuple[Signal, ...] = ()
    routes: tuple[Route, ...] = ()

    def tier(self, tier_id: str) -> EscalationTier | None:
        return next((t for t in self.tiers if t.id == tier_id), None)

    def severity(self, severity_id: str) -> SeverityLevel | None:
        return next((s for s in self.severities if s.id == severity_id), None)

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def signal(self, signal_id: str) -> Signal | None:
        return next((s for s in self.signals if s.id == signal_id), None)
