"""Where each year of the working calendar comes from: the handbook, ``playbook calendar
status`` and the checker all state it the same way.

* official — the years the ``chinesecalendar`` package carries (the State Council's notices);
* hand-entered — a year copied by hand from the notice before the package has it, with the
  notice's title, number, date and URL in ``notices``;
* provisional — the years after the data, computed on the provisional calendar (暂定);
* unsourced — a year inside ``data_from`` .. ``data_until`` with neither: the calendar claims
  days it has no holiday data for (an error, PB803).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from checker.deadlines import official
from checker.deadlines.provisional import ProvisionalDays
from checker.model import Calendar, HolidayNotice
from checker.model.vocabulary import YEAR_STATUS_LABELS


class YearStatus(StrEnum):
    OFFICIAL = "official"
    HAND_ENTERED = "hand-entered"
    PROVISIONAL = "provisional"
    UNSOURCED = "unsourced"

    @property
    def label(self) -> str:
        return YEAR_STATUS_LABELS[self.value]


@dataclass(frozen=True)
class CalendarYear:
    """One year of the calendar (or the part of it the calendar covers)."""

    year: int
    first: dt.date
    last: dt.date
    status: YearStatus
    source: str  # where the days come from, in Chinese
    notice: HolidayNotice | None = None
    in_package: bool = False  # chinesecalendar carries the year (a hand-entered one is checked)


def _span(year: int, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    return max(first, dt.date(year, 1, 1)), min(last, dt.date(year, 12, 31))


def data_years(calendar: Calendar) -> list[CalendarYear]:
    """Every year inside the calendar's data, with its status."""
    known = official.known_years()
    package = f"chinesecalendar {official.package_version()} 软件包"
    years = []
    for year in range(calendar.data_from.year, calendar.data_until.year + 1):
        first, last = _span(year, calendar.data_from, calendar.data_until)
        notice = calendar.notice(year)
        if notice is not None:
            source = f"《{notice.title}》（{notice.number}，{notice.date}）{notice.url}"
            years.append(
                CalendarYear(
                    year, first, last, YearStatus.HAND_ENTERED, source, notice, year in known
                )
            )
        elif year in known:
            years.append(CalendarYear(year, first, last, YearStatus.OFFICIAL, package, None, True))
        else:
            years.append(CalendarYear(year, first, last, YearStatus.UNSOURCED, "", None, False))
    return years


def calendar_years(
    calendar: Calendar, provisional: ProvisionalDays | None = None
) -> list[CalendarYear]:
    """The data's years, then the provisional ones (when given)."""
    years = data_years(calendar)
    if provisional is not None:
        for year in provisional.years:
            first, last = _span(year, provisional.first, provisional.last)
            source = f"{provisional.source}推算：法定节假日和补假，不含调休上班日"
            years.append(CalendarYear(year, first, last, YearStatus.PROVISIONAL, source))
    return years


def unsourced_runs(calendar: Calendar) -> list[tuple[int, int]]:
    """Runs of consecutive years inside the data with no source, as (first, last) years.

    Counted without building a row per year, so a calendar claiming data up to 9999 is
    answered at once."""
    known = official.known_years()
    cited = {n.year for n in calendar.notices}
    sourced = sorted(
        y for y in known | cited if calendar.data_from.year <= y <= calendar.data_until.year
    )
    runs = []
    expected = calendar.data_from.year
    for year in [*sourced, calendar.data_until.year + 1]:
        if year > expected:
            runs.append((expected, year - 1))
        expected = year + 1
    return runs


def next_notice_title(calendar: Calendar) -> str:
    """The notice that will carry the first day after the data, e.g.
    《国务院办公厅关于2027年部分节假日安排的通知》."""
    year = calendar.data_until.year
    if (calendar.data_until.month, calendar.data_until.day) == (12, 31):
        year += 1
    return f"《国务院办公厅关于{year}年部分节假日安排的通知》"


def hours_in_order(calendar: Calendar) -> bool:
    """Opening, each break's start and end, and closing strictly increase: every working
    period is non-empty and they do not overlap."""
    edges = [calendar.start]
    for pause in calendar.breaks:
        edges += [pause.start, pause.end]
    edges.append(calendar.end)
    return all(a < b for a, b in pairwise(edges))


def computable(calendar: Calendar) -> bool:
    """Deadlines can be computed on this calendar: its working periods are in order, its
    data range is, and every year of the data has a source (PB801 and PB803 say what is
    wrong otherwise; the other rules then leave the calendar alone)."""
    return (
        hours_in_order(calendar)
        and calendar.data_from <= calendar.data_until
        and not unsourced_runs(calendar)
    )
