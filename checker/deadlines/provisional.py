"""The provisional calendar past the official data: statutory holidays computed, 调休 unknown.

When a due time needs days after ``data_until`` (the State Council's notice for the next year
is not out, or not entered yet), it is computed on a provisional calendar and marked 暂定:

* statutory days off (元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋, 国庆) with the 补假 days
  the law requires when one falls on a weekend, from the ``holidays`` package, which computes
  the lunar dates (category ``public`` only: 妇女节 etc. are days off for part of the
  population and never count);
* the calendar's own weekly rest days;
* no 调休 make-up working days: nobody knows them before the notice, and they are never
  invented.

It is wrong only near the holidays the notice rearranges, by at most a couple of working days
each (research: 2008-2026 never had more than two make-up days per holiday), earlier or later.
The ``holidays`` package is imported lazily: only a computation that needs these days pays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from checker.model import Calendar

# How many years past the official data a due time may be computed provisionally; further out
# the computation is refused (a received time that far ahead is a typing mistake).
PROVISIONAL_YEARS = 2

REASON = (
    "工作日历的官方数据只到 {until}，之后的放假安排尚未收录（国务院办公厅的通知未发布，"
    "或已发布但还没有录入），暂按 {source}推算：法定节假日和补假放假，周末休息，不含调休上班日"
)
MAY_MOVE = (
    "通知发布后可能提前或推后：调休会把长假前后的周末改为上班、把工作日改为放假，"
    "春节、劳动节、国庆节前后变化最大，每个长假通常相差不超过 2 个工作日（2008—2026 年的安排都是如此）"
)


@dataclass(frozen=True)
class ProvisionalDays:
    """The provisional days after a calendar's data: ``first`` .. ``last``."""

    first: dt.date
    last: dt.date
    holidays: tuple[tuple[dt.date, str], ...]
    make_up_workdays: tuple[tuple[dt.date, str], ...]
    source: str  # e.g. "holidays 0.109 软件包"

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first.year, self.last.year + 1))

    def reason(self) -> str:
        """Why a due time is 暂定, in one sentence."""
        until = self.first - dt.timedelta(days=1)
        return REASON.format(until=until, source=self.source)

    @staticmethod
    def may_move() -> str:
        """How a 暂定 due time may change once the notice is known."""
        return MAY_MOVE


def provisional_days(calendar: Calendar) -> ProvisionalDays | None:
    """The provisional days after ``calendar``'s data, or None when there can be none (the
    data reaches the end of the representable dates, or ``holidays`` is not installed)."""
    if calendar.data_until >= dt.date(dt.MAXYEAR - PROVISIONAL_YEARS, 1, 1):
        return None
    first = calendar.data_until + dt.timedelta(days=1)
    last = dt.date(calendar.data_until.year + PROVISIONAL_YEARS, 12, 31)
    return _computed(first, last)


@cache
def _computed(first: dt.date, last: dt.date) -> ProvisionalDays | None:
    try:
        import holidays
        from holidays.countries.china import China
    except ImportError:  # pragma: no cover - a declared dependency; refuse rather than guess
        return None
    years = range(first.year, last.year + 1)
    # language fixed: names otherwise follow the process locale (English under C.UTF-8)
    china = China(years=years, language="zh_CN", categories=("public",))
    days_off = tuple(sorted((d, str(name)) for d, name in china.items() if first <= d <= last))
    # empty for every year whose notice the package does not carry yet
    worked = tuple(sorted((d, "调休上班日") for d in china.weekend_workdays if first <= d <= last))
    return ProvisionalDays(first, last, days_off, worked, f"holidays {holidays.__version__} 软件包")
