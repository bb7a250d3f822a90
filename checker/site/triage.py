"""The data the triage page (分诊) needs, exported from the playbooks.

The browser logic (docs/assets/javascripts/triage.js) mirrors ``checker.model.triage.assess``;
tests run shared vectors through both (tests/test_triage_js.py).
"""

from __future__ import annotations

from typing import Any

from checker.markup.escape import script_json
from checker.model import PlaybookSet
from checker.model.triage import Assessment

DATA_ID = "triage-data"


def triage_data(playbooks: PlaybookSet) -> dict[str, Any]:
    """Severities, signals and every category's default and triggers as plain data."""
    policy = playbooks.policy
    return {
        "severities": [
            {"id": s.id, "title": s.title, "rank": s.rank, "amount_over": s.amount_over}
            for s in (policy.severities if policy else ())
        ],
        "signals": [
            {"id": s.id, "title": s.title, "raise_to": s.raise_to, "category": s.category}
            for s in (policy.signals if policy else ())
        ],
        "categories": [
            {
                "id": c.id,
                "title": c.title,
                "default": c.default_severity,
                "triggers": [
                    {
                        "when": t.when,
                        "raise_to": t.raise_to,
                        "signals": list(t.signals),
                        "amount_over": t.amount_over,
                    }
                    for t in c.triggers
                ],
            }
            for c in playbooks.categories
        ],
    }


def assessment_data(assessment: Assessment) -> dict[str, Any]:
    """An assessment as the browser's ``assess`` returns it."""
    return {
        "category": assessment.category,
        "routed_by": assessment.routed_by,
        "severity": assessment.severity,
        "reasons": [
            {"kind": r.kind.value, "severity": r.severity, "text": r.text, "amount": r.amount}
            for r in assessment.reasons
        ],
    }


def data_script(playbooks: PlaybookSet) -> str:
    """A ``<script type="application/json">`` block that cannot be closed by its content."""
    return f'<script type="application/json" id="{DATA_ID}">{script_json(triage_data(playbooks))}</script>'
