"""Every due time of one complaint: first response, each progress update, each escalation,
resolution and follow-up, each with the playbook line that produced it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checker.deadlines.provisional import provisional_days
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.model import Calendar, Category, PlaybookSet
from checker.model.duration import Duration
from checker.model.vocabulary import METRIC_TITLES


@dataclass(frozen=True)
class DueTime:
    """One deadline: what is due, when, who acts, and the rule that set it."""

    kind: str  # first_response | update | escalation | resolution | follow_up
    title: str
    due: dt.datetime
    duration: Duration
    source: str  # e.g. playbooks/categories/product-quality.yaml:70
    rule: str  # e.g. limits.major.first_response = "2 working hours"
    tier: str = ""
    provisional: bool = False  # computed on the provisional calendar past the official data


class TimelineError(ValueError):
    """Bad input for a timeline (unknown category or severity); the message is Chinese."""


def _where(category: Category, pointer: tuple[str | int, ...]) -> str:
    line, _ = category.at.source.position(pointer)
    return f"{category.at.source.path}:{line}"


def work_calendar(calendar: Calendar) -> WorkCalendar:
    """The calendar with its provisional days after the official data (what staff-facing
    computations use; the checker's comparisons use the official data alone)."""
    return WorkCalendar(calendar, provisional_days(calendar))


def timeline(
    playbooks: PlaybookSet,
    category_id: str,
    severity: str,
    received: dt.datetime,
    calendar: WorkCalendar | None = None,
) -> list[DueTime]:
    """All due times, in time order; past the official data they are computed on the
    provisional calendar and marked. ``calendar`` defaults to ``work_calendar`` of the
    playbooks' calendar. Raises TimelineError or working_time.OutsideCalendar."""
    category = playbooks.category(category_id)
    if category is None:
        known = "、".join(c.id for c in playbooks.categories)
        raise TimelineError(f"没有投诉类别「{category_id}」。可选：{known}。")
    if severity not in category.limits or severity not in category.escalation:
        known = "、".join(category.limits)
        raise TimelineError(f"类别「{category.title}」没有严重程度「{severity}」。可选：{known}。")
    if playbooks.calendar is None:
        raise TimelineError("没有工作日历（calendar.yaml），无法计算工作时间。")
    if calendar is None:
        calendar = work_calendar(playbooks.calendar)
    limits = category.limits[severity]
    items: list[DueTime] = []

    def due(
        kind: str, title: str, duration: Duration, pointer: tuple[str | int, ...], tier: str = ""
    ) -> DueTime:
        rule = ".".join(str(p) for p in pointer) + f" = {duration.text}"
        at = add(received, duration, calendar)
        return DueTime(
            kind,
            title,
            at,
            duration,
            _where(category, pointer),
            rule,
            tier,
            calendar.is_provisional(duration, at),
        )

    for metric in ("first_response", "resolution", "follow_up"):
        limit = limits.metric(metric)
        items.append(due(metric, METRIC_TITLES[metric], limit.duration, limit.at.pointer))
    resolution_due = items[1].due
    interval = limits.update_interval
    k = 0
    while True:  # every update before the resolution deadline (intervals are positive)
        k += 1
        elapsed = Duration(
            interval.duration.amount * k, interval.duration.unit, interval.duration.text
        )
        try:
            at = add(received, elapsed, calendar)
        except OutsideCalendar:
            # past every day the calendar knows, so after the resolution (which it could
            # compute): the update would not be shown anyway
            break
        if at >= resolution_due:
            break
        items.append(
            DueTime(
                "update",
                f"第 {k} 次进展通报",
                at,
                elapsed,
                _where(category, interval.at.pointer),
                f"{'.'.join(map(str, interval.at.pointer))} = {interval.duration.text} × {k}",
                provisional=calendar.is_provisional(elapsed, at),
            )
        )
    tiers = {t.id: t.title for t in playbooks.policy.tiers} if playbooks.policy else {}
    for escalation in category.escalation[severity].steps:
        pointer = (*escalation.at.pointer, "after")
        tier = tiers.get(escalation.to, escalation.to)
        items.append(due("escalation", f"升级到{tier}", escalation.after, pointer, tier))
    order = {"first_response": 0, "update": 1, "escalation": 2, "resolution": 3, "follow_up": 4}
    return sorted(items, key=lambda d: (d.due, order[d.kind]))


def parse_received(value: str) -> dt.datetime:
    """'2026-09-30 17:40' (or with T, or with seconds); raises TimelineError in Chinese."""
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    raise TimelineError(
        f'无法识别收到投诉的时间「{value}」。请写成 "2026-09-30 17:40" 这样的格式（年-月-日 时:分）。'
    )
