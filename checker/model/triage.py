"""Triage (分诊): the category and severity the playbooks give for what a customer reports.

Staff tick signals (``policy.signals``: 有人受伤, 扬言曝光, 第二次投诉 …), choose the category
the complaint is about and may enter the amount at stake. The playbooks decide:

* the category: the first ticked signal (in the policy's order) that names one, else the
  chosen category;
* the severity: the highest of the category's default, every ticked signal's ``raise_to``,
  every severity whose ``amount_over`` the amount exceeds, and every trigger of the category
  that holds (one of its ``signals`` is ticked, or the amount exceeds its ``amount_over``).

The handbook's triage page runs the same logic in the browser
(docs/assets/javascripts/triage.js); tests compare the two on shared vectors.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from checker.model.playbook_set import PlaybookSet


class ReasonKind(StrEnum):
    DEFAULT = "default"  # the category's default severity
    SIGNAL = "signal"  # a ticked signal's raise_to
    AMOUNT = "amount"  # the amount exceeds a severity's amount_over
    TRIGGER = "trigger"  # one of the category's triggers holds


@dataclass(frozen=True)
class Reason:
    """One reason for a severity: ``text`` is the playbook's words (a signal's title, a
    trigger's ``when``), ``amount`` the threshold an amount exceeded."""

    kind: ReasonKind
    severity: str
    text: str = ""
    amount: int | None = None


@dataclass(frozen=True)
class Assessment:
    category: str  # "" when nothing decides it
    routed_by: str  # the signal that decided the category, or ""
    severity: str  # "" when neither a category nor a signal gives one
    reasons: tuple[Reason, ...]


def assess(
    playbooks: PlaybookSet, category_id: str, signals: Collection[str], amount: int | None
) -> Assessment:
    """What the playbooks say about a complaint: see the module's docstring."""
    policy = playbooks.policy
    ticked = set(signals)
    known = policy.signals if policy else ()
    routed = next((s for s in known if s.id in ticked and s.category), None)
    if routed is not None and playbooks.category(routed.category) is not None:
        category_id = routed.category
    else:
        routed = None
    category = playbooks.category(category_id) if category_id else None
    reasons: list[Reason] = []
    if category is not None:
        reasons.append(Reason(ReasonKind.DEFAULT, category.default_severity))
    reasons += [
        Reason(ReasonKind.SIGNAL, s.raise_to, s.title)
        for s in known
        if s.id in ticked and s.raise_to
    ]
    if amount is not None and policy is not None:
        reasons += [
            Reason(ReasonKind.AMOUNT, level.id, amount=level.amount_over)
            for level in policy.severities
            if level.amount_over is not None and amount > level.amount_over
        ]
    if category is not None:
        for trigger in category.triggers:
            by_signal = any(s in ticked for s in trigger.signals)
            by_amount = (
                amount is not None
                and trigger.amount_over is not None
                and amount > trigger.amount_over
            )
            if by_signal or by_amount:
                reasons.append(Reason(ReasonKind.TRIGGER, trigger.raise_to, trigger.when))
    rank = {level.id: level.rank for level in policy.severities} if policy else {}
    ranked = [r for r in reasons if r.severity in rank]
    severity = max(ranked, key=lambda r: rank[r.severity]).severity if ranked else ""
    return Assessment(
        category.id if category else "", routed.id if routed else "", severity, tuple(reasons)
    )
