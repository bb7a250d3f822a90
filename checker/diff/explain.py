"""Why a change of a limit, or of the working calendar, points the way it does.

A limit moved to another clock ("3 working days" -> 72h), or a calendar edit, moves deadlines
by different amounts for different start times. Both are measured as the checker measures
limits (``checker.deadlines``): the deadlines from the same start times (every hour of the
calendar's first year of data, or of the two months before an edited date) are computed before
and after, and the note gives the share that ends later, earlier or at the same time, with one
concrete start time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from checker.deadlines.limit_comparison import sample_times
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.model import Calendar, Duration, NamedDate, Unit
from checker.model.vocabulary import moment

YEAR, BEFORE_A_DATE = 366, 61  # days of start times sampled


def starts(
    calendar: Calendar, around: dt.date | None = None, hourly: bool = True
) -> list[dt.datetime]:
    """Start times to compare deadlines from: a year of data, or the days before ``around``."""
    first, last = (
        calendar.data_from,
        min(calendar.data_until, calendar.data_from + dt.timedelta(YEAR - 1)),
    )
    if around is not None:
        first = max(calendar.data_from, around - dt.timedelta(BEFORE_A_DATE - 1))
        last = min(calendar.data_until, around)
    times = [dt.time(hour) for hour in range(24)] if hourly else sample_times(calendar)
    days = (first + dt.timedelta(n) for n in range((last - first).days + 1))
    return [dt.datetime.combine(day, time) for day in days for time in times]


def due_times(
    duration: Duration, calendar: Calendar, at: Sequence[dt.datetime]
) -> list[dt.datetime | None]:
    work = WorkCalendar(calendar)
    found: list[dt.datetime | None] = []
    for start in at:
        try:
            found.append(add(start, duration, work))
        except OutsideCalendar:
            found.append(None)
    return found


@dataclass(frozen=True)
class Tally:
    """How deadlines moved over the sampled start times."""

    later: int
    earlier: int
    same: int
    example: tuple[dt.datetime, dt.datetime, dt.datetime] | None  # start, before, after

    @property
    def total(self) -> int:
        return self.later + self.earlier + self.same

    def share(self, count: int) -> str:
        return f"{round(100 * count / self.total)}%" if self.total else "0%"


def tally(
    at: Sequence[dt.datetime],
    before: Sequence[dt.datetime | None],
    after: Sequence[dt.datetime | None],
) -> Tally:
    later = earlier = same = 0
    first: dict[bool, tuple[dt.datetime, dt.datetime, dt.datetime]] = {}
    for start, old, new in zip(at, before, after, strict=True):
        if old is None or new is None:
            continue
        if new == old:
            same += 1
            continue
        later += new > old
        earlier += new < old
        first.setdefault(new > old, (start, old, new))
    return Tally(later, earlier, same, first.get(True) or first.get(False))


def _example(t: Tally) -> str:
    if t.example is None:
        return ""
    start, old, new = t.example
    return f"例如 {moment(start)} 收到的投诉，原来 {moment(old)} 到期，现在 {moment(new)} 到期。"


def limit_note(old: Duration, new: Duration, calendar: Calendar | None) -> str:
    """Shares of start times for which a limit on another clock ends later / earlier."""
    if calendar is None or old.unit is new.unit:
        return ""
    at = starts(calendar)
    t = tally(at, due_times(old, calendar, at), due_times(new, calendar, at))
    if not t.total:
        return ""
    return (
        f"两个时限单位不同，按工作日历逐个比较 {t.total:,} 个收到时间（{at[0]:%Y-%m-%d} 起一年内每个整点）："
        f"{new.label()} 比 {old.label()} 截止更晚的占 {t.share(t.later)}，更早的占 {t.share(t.earlier)}，"
        f"相同的占 {t.share(t.same)}。{_example(t)}"
    )


Limits = Callable[[], Iterable[tuple[str, Duration]]]  # (where it is used, the limit)


def calendar_effect(attr: str) -> Callable[[tuple[Any, Any], Limits, Any, Any], str]:
    """A note for an edit of one calendar field: the limits whose deadlines it moves."""

    def explain(roots: tuple[Any, Any], limits: Limits, old: Any, new: Any) -> str:
        base: Calendar = roots[0]
        value = getattr(base, attr)
        around = None
        if isinstance(value, frozenset):
            changed: Any = (value - {old}) | ({new} - {None})
        elif isinstance(value, tuple):  # holidays, make-up days, breaks: one item in or out
            changed = (*(item for item in value if item is not old), *([new] if new else []))
            edited = new or old
            around = edited.date if isinstance(edited, NamedDate) else None
        else:
            changed = new
        return calendar_note(base, replace(base, **{attr: changed}), limits(), around)

    return explain


def calendar_note(
    base: Calendar, edited: Calendar, limits: Iterable[tuple[str, Duration]], around: dt.date | None
) -> str:
    """Which limits' deadlines an edited calendar moves, and how often."""
    uses: dict[str, tuple[Duration, list[str]]] = {}
    for where, duration in limits:
        if duration.unit not in (Unit.MINUTE, Unit.HOUR):  # natural time ignores the calendar
            uses.setdefault(duration.text, (duration, []))[1].append(where)
    at = starts(base, around, hourly=around is not None)
    moved = []
    for duration, places in uses.values():
        t = tally(at, due_times(duration, base, at), due_times(duration, edited, at))
        if t.later or t.earlier:
            moved.append((t.later + t.earlier, duration, places, t))
    if not moved:
        return "按这次修改，抽样的收到时间里没有任何时限的截止时间发生变化。"
    moved.sort(key=lambda item: -item[0])
    parts = [
        f"{d.label()}（{len(places)} 处，如{places[0]}）推后 {t.share(t.later)}、提前 {t.share(t.earlier)}"
        for _, d, places, t in moved[:5]
    ]
    more = f"；共 {len(moved)} 个时限" if len(moved) > 5 else ""
    return f"截止时间因此改变的时限：{'；'.join(parts)}{more}。{_example(moved[0][3])}"
