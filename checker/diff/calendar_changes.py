"""Changes of the working calendar (calendar.yaml): the clock working-time limits run on.

Fewer working hours or more days off let a working-time limit fall later, so they are
loosened. Holidays and make-up workdays outside the dates BASE covered are new data, not a
change of rules: they count as added (or removed), not loosened or tightened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from checker.diff.pairing import pair_items
from checker.diff.recorder import (
    ADDED,
    LOOSENED,
    REMOVED,
    TIGHTENED,
    ChangeLevel,
    ChangeRecorder,
    item_at,
)
from checker.model import At, Calendar, HolidayNotice, NamedDate, WorkingBreak

Listed = TypeVar("Listed", WorkingBreak, HolidayNotice)

WEEKDAYS = {1: "周一", 2: "周二", 3: "周三", 4: "周四", 5: "周五", 6: "周六", 7: "周日"}


def compare_calendar(rec: ChangeRecorder, base: Calendar, head: Calendar) -> None:
    rec.header(base.header, head.header)
    root_b, root_h = base.at, head.at
    hours_b, hours_h = root_b.child("working_hours"), root_h.child("working_hours")
    _clock(
        rec,
        "working-start",
        "每天上班时间",
        base.start,
        head.start,
        later_loosens=True,
        at=hours_h.child("start"),
    )
    _clock(
        rec,
        "working-end",
        "每天下班时间",
        base.end,
        head.end,
        later_loosens=False,
        at=hours_h.child("end"),
    )
    _breaks(rec, base, head)
    rec.undirected(
        "time-zone", "日历时区", base.time_zone, head.time_zone, root_h.child("time_zone")
    )
    rec.text(
        "working-hours-notes",
        "工作时间说明",
        base.hours_notes,
        head.hours_notes,
        hours_b.child("notes"),
        hours_h.child("notes"),
    )
    for day in sorted(base.rest_days - head.rest_days):
        rec.removed(
            TIGHTENED,
            "rest-day",
            "每周休息日",
            WEEKDAYS.get(day, str(day)),
            item_at(root_b.child("rest_days"), day),
        )
    for day in sorted(head.rest_days - base.rest_days):
        rec.added(
            LOOSENED,
            "rest-day",
            "每周休息日",
            WEEKDAYS.get(day, str(day)),
            item_at(root_h.child("rest_days"), day),
        )
    _coverage(
        rec,
        "calendar-start",
        "日历数据起始日",
        base.data_from,
        head.data_from,
        later_extends=False,
        at=root_h.child("data_from"),
    )
    _coverage(
        rec,
        "calendar-end",
        "日历数据截止日",
        base.data_until,
        head.data_until,
        later_extends=True,
        at=root_h.child("data_until"),
    )
    _dates(rec, "holiday", "法定节假日", base, head, base.holidays, head.holidays, LOOSENED)
    _dates(
        rec,
        "make-up-workday",
        "调休上班日",
        base,
        head,
        base.make_up_workdays,
        head.make_up_workdays,
        TIGHTENED,
    )
    _notices(rec, base, head)
    rec.text(
        "calendar-source",
        "日历数据来源",
        base.source,
        head.source,
        root_b.child("source"),
        root_h.child("source"),
    )
    rec.text(
        "calendar-notes",
        "日历说明",
        base.notes,
        head.notes,
        root_b.child("notes"),
        root_h.child("notes"),
    )


def _clock(
    rec: ChangeRecorder,
    kind: str,
    subject: str,
    old: dt.time,
    new: dt.time,
    later_loosens: bool,
    at: At,
) -> None:
    """A shorter working day stretches every working-time limit: loosened."""
    if old == new:
        return
    level = LOOSENED if (new > old) is later_loosens else TIGHTENED
    verb = "later" if new > old else "earlier"
    rec.add(verb, level, kind, subject, old.strftime("%H:%M"), new.strftime("%H:%M"), at)


def _coverage(
    rec: ChangeRecorder,
    kind: str,
    subject: str,
    old: dt.date,
    new: dt.date,
    later_extends: bool,
    at: At,
) -> None:
    if old == new:
        return
    extends = (new > old) is later_extends
    level, verb = (ADDED, "extended") if extends else (REMOVED, "shortened")
    rec.add(verb, level, kind, subject, old.isoformat(), new.isoformat(), at)


def _covered(calendar: Calendar, day: dt.date) -> bool:
    return calendar.data_from <= day <= calendar.data_until


def _dates(
    rec: ChangeRecorder,
    kind: str,
    name: str,
    base: Calendar,
    head: Calendar,
    old: tuple[NamedDate, ...],
    new: tuple[NamedDate, ...],
    added_level: ChangeLevel,
) -> None:
    """A day off (or a make-up workday) added inside the dates BASE already covered changes
    the clock; outside them it is new data."""
    pairing = pair_items(old, new, key=lambda d: d.date.isoformat())
    for _, day in pairing.removed:
        level = added_level.opposite if _covered(head, day.date) else REMOVED
        rec.removed(level, kind, name, f"{day.date.isoformat()} {day.name}", day.at)
    for _, day in pairing.added:
        level = added_level if _covered(base, day.date) else ADDED
        rec.added(level, kind, name, f"{day.date.isoformat()} {day.name}", day.at)
    for (_, before), (_, after) in pairing.pairs:
        rec.text(
            f"{kind}-name",
            f"{after.date.isoformat()} 的名称",
            before.name,
            after.name,
            before.at.child("name"),
            after.at.child("name"),
        )


def _breaks(rec: ChangeRecorder, base: Calendar, head: Calendar) -> None:
    """A new break (a lunch hour) takes working time out of every day: loosened."""

    def label(pause: WorkingBreak) -> str:
        return f"{pause.start:%H:%M}–{pause.end:%H:%M}"

    _listed(rec, "working-break", "休息时段", base.breaks, head.breaks, label, LOOSENED)


def _notices(rec: ChangeRecorder, base: Calendar, head: Calendar) -> None:
    """The citation of a hand-entered year: new or removed data, not a change of rules."""

    def label(notice: HolidayNotice) -> str:
        return f"{notice.year} 年：{notice.title}（{notice.number}）"

    _listed(rec, "holiday-notice", "放假通知", base.notices, head.notices, label, ADDED)


def _listed(
    rec: ChangeRecorder,
    kind: str,
    subject: str,
    old: Sequence[Listed],
    new: Sequence[Listed],
    label: Callable[[Listed], str],
    added_level: ChangeLevel,
) -> None:
    """Items matched by their label; an added one is ``added_level``, a removed one the
    opposite."""
    pairing = pair_items(old, new, key=label)
    for _, item in pairing.removed:
        rec.removed(added_level.opposite, kind, subject, label(item), item.at)
    for _, item in pairing.added:
        rec.added(added_level, kind, subject, label(item), item.at)
