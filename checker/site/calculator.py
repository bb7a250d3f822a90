"""The data the in-browser deadline calculator needs, exported from the playbooks.

The browser engine (docs/assets/javascripts/deadline-calculator.js) mirrors
``checker.deadlines.working_time`` and ``checker.deadlines.timeline``; tests run shared vectors through both.
"""

from __future__ import annotations

from typing import Any

from checker.markup.escape import script_json
from checker.model import PlaybookSet
from checker.model.duration import Duration
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES


def _duration(d: Duration) -> dict[str, Any]:
    return {"amount": d.amount, "unit": d.unit.value, "text": d.text, "label": d.label()}


def calculator_data(playbooks: PlaybookSet) -> dict[str, Any]:
    """Calendar, limits and escalation paths as plain JSON-ready data."""
    cal = playbooks.calendar
    policy = playbooks.policy
    tiers = {t.id: t.title for t in policy.tiers} if policy else {}
    severity_titles = {s.id: s.title for s in policy.severities} if policy else {}
    calendar = None
    if cal is not None:
        calendar = {
            "start": cal.start.strftime("%H:%M"),
            "end": cal.end.strftime("%H:%M"),
            "rest_days": sorted(cal.rest_days),
            "data_from": cal.data_from.isoformat(),
            "data_until": cal.data_until.isoformat(),
            "holidays": [d.date.isoformat() for d in cal.holidays],
            "make_up_workdays": [d.date.isoformat() for d in cal.make_up_workdays],
        }
    categories = []
    for category in playbooks.categories:
        severities = []
        for severity, limits in category.limits.items():
            path = category.escalation.get(severity)
            severities.append(
                {
                    "id": severity,
                    "title": severity_titles.get(severity, severity),
                    "limits": {m: _duration(limits.metric(m).duration) for m in LIMIT_METRICS},
                    "escalation": [
                        {"after": _duration(s.after), "tier": tiers.get(s.to, s.to)}
                        for s in (path.steps if path else ())
                    ],
                }
            )
        categories.append({"id": category.id, "title": category.title, "severities": severities})
    return {
        "calendar": calendar,
        "metric_titles": METRIC_TITLES,
        "default_category": categories[0]["id"] if categories else "",
        "categories": categories,
    }


def data_script(playbooks: PlaybookSet) -> str:
    """A ``<script type="application/json">`` block that cannot be closed by its content."""
    payload = script_json(calculator_data(playbooks))
    return f'<script type="application/json" id="deadline-calculator-data">{payload}</script>'
