"""The working calendar: consistent data with a source for every year, and a warning in time
before its official data runs out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from checker.deadlines import official
from checker.deadlines.calendar_years import (
    YearStatus,
    computable,
    data_years,
    next_notice_title,
    unsourced_runs,
)
from checker.deadlines.time_zone import zone
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.findings import Example, Finding, Rule, Severity
from checker.model import Calendar, PlaybookSet
from checker.model.duration import Duration
from checker.model.vocabulary import weekday_name
from checker.rules.context import RuleContext
from checker.rules.registry import rule


@rule(
    "PB801",
    "calendar-consistent",
    Severity.ERROR,
    "工作日历必须自洽：上班时段按先后排列、互不重叠、都不为空，时区可以识别，节假日和调休日都在数据范围内、"
    "互不重复，调休上班日落在休息日。",
    "日历错一天，所有按工作日计算的截止时间都会跟着错；调休日落在平常的工作日上，说明日期抄错了。"
    "午休写在上班时间之外，或者两段休息重叠，工作小时就无从计算。",
    good=(
        Example(
            "make_up_workdays:\n"
            + "".join(
                f'  - {{date: "2026-{day}", name: {name}调休}}\n'
                for day, name in (
                    ("01-04", "元旦"),
                    ("02-14", "春节"),
                    ("02-28", "春节"),
                    ("05-09", "劳动节"),
                    ("09-20", "国庆节"),
                    ("10-10", "国庆节"),
                )
            ),
            target="calendar",
            note="2026 年的调休上班日都落在周末。",
        ),
        Example(
            'working_hours:\n  start: "09:00"\n  end: "18:00"\n  breaks:\n'
            '    - {start: "12:00", end: "13:00"}\n',
            target="calendar",
            note="午休 12:00–13:00：每天两段工作时间，共 8 个工作小时。",
        ),
    ),
    bad=(
        Example('make_up_workdays:\n  - {date: "2026-01-05", name: 元旦调休}\n', target="calendar"),
        Example(
            'working_hours:\n  start: "09:00"\n  end: "18:00"\n  breaks:\n'
            '    - {start: "13:00", end: "14:00"}\n    - {start: "12:00", end: "13:30"}\n',
            target="calendar",
            note="两段休息没有按先后排列，而且互相重叠。",
        ),
    ),
)
def calendar_consistent(r: Rule, context: RuleContext) -> Iterator[Finding]:
    cal = context.playbooks.calendar
    if cal is None:
        return
    yield from _hours(r, cal)
    source = cal.at.source
    if zone(cal.time_zone) is None:
        yield r.on_value(
            source,
            ("time_zone",),
            f"无法识别时区「{cal.time_zone}」。",
            '写 IANA 时区名称，例如 "Asia/Shanghai"（北京时间）。',
        )
    in_order = cal.data_from <= cal.data_until
    if not in_order:
        yield r.on_value(
            source,
            ("data_until",),
            f"数据截止日 {cal.data_until} 早于起始日 {cal.data_from}。",
            "检查 data_from 和 data_until。",
        )
    seen: dict[dt.date, str] = {}
    for kind, items in (("法定节假日", cal.holidays), ("调休上班日", cal.make_up_workdays)):
        for item in items:
            where = (*item.at.pointer, "date")
            if in_order and not cal.data_from <= item.date <= cal.data_until:
                yield r.on_value(
                    source,
                    where,
                    f"{kind} {item.date} 不在数据范围 {cal.data_from} 至 {cal.data_until} 之内。",
                    "调整 data_from / data_until，或删除这一天。",
                )
            if item.date in seen:
                yield r.on_value(
                    source,
                    where,
                    f"{item.date} 重复出现（已列为{seen[item.date]}）。",
                    "每个日期只能出现一次。",
                )
            seen[item.date] = kind
            if kind == "调休上班日" and item.date.isoweekday() not in cal.rest_days:
                yield r.on_value(
                    source,
                    where,
                    f"调休上班日 {item.date} 本来就是工作日（{weekday_name(item.date)}）。",
                    "调休上班日应当是周末；核对国务院办公厅的通知。",
                )


def _hours(r: Rule, cal: Calendar) -> Iterator[Finding]:
    """Opening < each break's start < its end < the next break's start < ... < closing."""
    source = cal.at.source
    if cal.end <= cal.start:
        yield r.on_value(
            source,
            ("working_hours", "end"),
            f"下班时间 {cal.end:%H:%M} 不晚于上班时间 {cal.start:%H:%M}，一天没有工作时间。",
            "把 end 改成晚于 start 的时间。",
        )
        return
    previous, what = cal.start, f"上班时间 {cal.start:%H:%M}"
    for pause in cal.breaks:
        pointer = pause.at.pointer
        if pause.end <= pause.start:
            yield r.on_value(
                source,
                (*pointer, "end"),
                f"休息时段 {pause.start:%H:%M}–{pause.end:%H:%M} 为空：结束不晚于开始。",
                '休息结束时间要晚于开始时间，例如午休写成 {start: "12:00", end: "13:00"}。',
            )
            return
        if pause.start <= previous:
            yield r.on_value(
                source,
                (*pointer, "start"),
                f"休息时段 {pause.start:%H:%M}–{pause.end:%H:%M} 没有晚于{what}："
                "休息时段要按先后排列、互不重叠，前后都要留有工作时间。",
                "按时间先后排列休息时段；重叠的合并成一段。",
            )
            return
        if pause.end >= cal.end:
            yield r.on_value(
                source,
                (*pointer, "end"),
                f"休息时段 {pause.start:%H:%M}–{pause.end:%H:%M} 没有早于下班时间 {cal.end:%H:%M}。",
                "下班前的休息不算休息：把下班时间提前到休息开始的时刻，删除这段休息。",
            )
            return
        previous, what = pause.end, f"前一段休息的结束 {pause.end:%H:%M}"


def _limits(playbooks: PlaybookSet) -> dict[str, Duration]:
    """Every distinct limit and escalation time in the playbooks, by its text."""
    found: dict[str, Duration] = {}
    for category in playbooks.categories:
        for limits in category.limits.values():
            for limit in limits.all():
                found.setdefault(limit.duration.text, limit.duration)
        for path in category.escalation.values():
            for step in path.steps:
                found.setdefault(step.after.text, step.after)
    return found


# PB802 warns this many days before the official data ends: the State Council's notice has
# come out between late October and early December, and a release of the packages follows.
WARNING_DAYS = 60


@rule(
    "PB802",
    "calendar-covers-limits",
    Severity.WARNING,
    f"工作日历的官方数据快用完时（截止日前 {WARNING_DAYS} 天起，或从今天起算最长的时限已超出数据）提醒"
    "补充下一年的放假安排，并说出要找的通知。",
    "国务院办公厅每年 10 月底到 12 月初发布下一年的放假安排；数据用完之后，跨年的截止时间只能按暂定日历"
    "推算（标注「暂定」，可能提前或推后）。提前提醒，才来得及在通知发布后录入。"
    "这条提醒按日历时区的今天判断（可用环境变量 PLAYBOOK_TODAY 固定日期）。",
    good=(
        Example(
            'data_until: "2026-12-31"\n',
            target="calendar",
            note="在 10 月中旬检查：离数据截止日还有两个多月，从今天起算的时限也都在数据之内。",
        ),
    ),
    bad=(
        Example(
            'data_until: "2026-11-30"\n',
            target="calendar",
            note="数据只到 11 月 30 日：在 10 月中旬检查，离截止日已不到 60 天。",
        ),
    ),
)
def calendar_covers_limits(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    cal = playbooks.calendar
    if cal is None or not computable(cal):
        return
    today = context.today
    left = (cal.data_until - today).days
    if left < 0:
        state = f"已于 {cal.data_until} 用完（今天是 {today}）"
    elif left <= WARNING_DAYS:
        state = f"只到 {cal.data_until}（今天是 {today}，还有 {left} 天）"
    else:
        overrun = _first_overrun(cal, playbooks, today)
        if overrun is None:
            return
        state = (
            f"只到 {cal.data_until}：今天（{today}）收到的投诉，时限 {overrun.text} 会超出数据范围"
        )
    yield r.on_value(
        cal.at.source,
        ("data_until",),
        f"工作日历的官方放假数据{state}。之后的截止时间只能按暂定日历推算（法定节假日和补假，不含调休），"
        f"在时限计算器和 playbook timeline 中标注「暂定」。请留意{next_notice_title(cal)}。",
        "通知发布后：chinesecalendar 收录了，就升级它并运行 playbook calendar refresh 补充；还没收录，就按通知原文"
        "录入这一年的 holidays 和 make_up_workdays、延长 data_until，并在 notices 中写明通知的标题、文号、日期和链接。"
        "不要自行推测节假日。",
    )


def _first_overrun(cal: Calendar, playbooks: PlaybookSet, today: dt.date) -> Duration | None:
    """A limit that, counted from noon today, needs a day after the official data."""
    if today < cal.data_from:
        return None
    start = dt.datetime.combine(today, dt.time(12, 0))
    work = WorkCalendar(cal)
    for duration in _limits(playbooks).values():
        try:
            add(start, duration, work)
        except OutsideCalendar:
            return duration
    return None


@rule(
    "PB803",
    "calendar-sourced",
    Severity.ERROR,
    "工作日历的每一年都要有出处：chinesecalendar 软件包收录的年份，或者按国务院办公厅通知手工录入、"
    "在 notices 中写明标题、文号、日期和链接的年份；软件包收录的年份逐日与它核对。",
    "日历不能声称它没有依据的日子：把 data_until 往后挪、却没有那一年的放假安排，截止时间就会悄悄算错，"
    "也不会再有人提醒。手工录入的年份在软件包收录后逐日核对，抄错的日期会被发现。",
    good=(
        Example(
            "notices:\n"
            "  - year: 2026\n"
            "    title: 国务院办公厅关于2026年部分节假日安排的通知\n"
            "    number: 国办发明电〔2025〕7号\n"
            '    date: "2025-11-04"\n'
            "    url: https://www.gov.cn/zhengce/content/202511/content_7047090.htm\n",
            target="calendar",
            note="2026 年的节假日注明了所依据的通知；chinesecalendar 也收录了这一年，两者逐日一致。",
        ),
    ),
    bad=(
        Example(
            'data_until: "2027-12-31"\n',
            target="calendar",
            note="2027 年的放假安排既不在 chinesecalendar 中，也没有手工录入的通知。",
        ),
    ),
)
def calendar_sourced(r: Rule, context: RuleContext) -> Iterator[Finding]:
    cal = context.playbooks.calendar
    if cal is None or cal.data_until < cal.data_from:
        return
    source = cal.at.source
    package = f"chinesecalendar {official.package_version()}"
    for first, last in unsourced_runs(cal):
        years = f"{first} 年" if first == last else f"{first}—{last} 年"
        at_end = last == cal.data_until.year
        yield r.on_value(
            source,
            ("data_until",) if at_end else ("data_from",),
            f"工作日历声称有 {years}的数据，但{package} 没有收录，notices 中也没有这一年的通知："
            "日历不能声称它没有依据的日子。",
            "把数据范围收回到有出处的年份；之后的截止时间会按暂定日历推算并标注「暂定」。"
            "通知已经发布的年份，按原文录入节假日和调休上班日，并在 notices 中写明标题、文号、日期和链接。",
        )
    yield from _notices(r, cal, context.today)
    for year in data_years(cal):
        if year.in_package:
            yield from _cross_check(r, cal, year.year, year.status, package)


def _notices(r: Rule, cal: Calendar, today: dt.date) -> Iterator[Finding]:
    source = cal.at.source
    seen: set[int] = set()
    for notice in cal.notices:
        pointer = notice.at.pointer
        if notice.year in seen:
            yield r.on_value(
                source,
                (*pointer, "year"),
                f"{notice.year} 年的通知重复录入。",
                "每一年只写一条通知。",
            )
        seen.add(notice.year)
        if not cal.data_from.year <= notice.year <= cal.data_until.year:
            yield r.on_value(
                source,
                (*pointer, "year"),
                f"通知安排的是 {notice.year} 年，不在数据范围 {cal.data_from} 至 {cal.data_until} 之内。",
                "录入这一年的节假日并延长 data_until，或删除这条通知。",
            )
        if f"{notice.year}年" not in notice.title.replace(" ", ""):
            yield r.on_value(
                source,
                (*pointer, "title"),
                f"通知标题「{notice.title}」中没有「{notice.year}年」。",
                "照抄通知的完整标题，例如《国务院办公厅关于2027年部分节假日安排的通知》；核对年份是否写错。",
            )
        if notice.date > today or not notice.year - 1 <= notice.date.year <= notice.year:
            yield r.on_value(
                source,
                (*pointer, "date"),
                f"通知日期 {notice.date} 不合理：安排 {notice.year} 年的通知应在 {notice.year - 1} 年或 "
                f"{notice.year} 年发布，而且不晚于今天（{today}）。",
                "照抄通知的成文或发布日期。",
            )


def _statutory_workday(
    cal: Calendar, holidays: set[dt.date], make_up: set[dt.date], day: dt.date
) -> bool:
    """Whether the calendar's holiday data makes ``day`` a working day on the statutory
    Monday-to-Friday week (what chinesecalendar answers, whatever the company's rest days)."""
    if day in make_up:
        return True
    return day.isoweekday() <= 5 and day not in holidays


def _cross_check(
    r: Rule, cal: Calendar, year: int, status: YearStatus, package: str
) -> Iterator[Finding]:
    """Every day of a year chinesecalendar carries: the calendar's data must agree with it."""
    holidays = {d.date for d in cal.holidays}
    make_up = {d.date for d in cal.make_up_workdays}
    first = max(cal.data_from, dt.date(year, 1, 1))
    last = min(cal.data_until, dt.date(year, 12, 31))
    wrong = []
    day = first
    while day <= last:
        ours = _statutory_workday(cal, holidays, make_up, day)
        if ours != official.is_workday(day):
            wrong.append((day, ours))
        day += dt.timedelta(days=1)
    if not wrong:
        return
    # at the notice of a hand-entered year; else at the first wrong day's entry, or at the
    # holidays key when that day is missing from the lists
    listed = {d.date: d.at.pointer for d in (*cal.holidays, *cal.make_up_workdays)}
    first_wrong = wrong[0][0]
    notice = cal.notice(year)
    if status is YearStatus.HAND_ENTERED and notice is not None:
        where = cal.at.source.position((*notice.at.pointer, "year"))
    elif first_wrong in listed:
        where = cal.at.source.position((*listed[first_wrong], "date"))
    else:
        where = cal.at.source.key_position(("holidays",))
    shown = "、".join(
        f"{d}（日历：{'上班' if ours else '休息'}；软件包：{'休息' if ours else '上班'}）"
        for d, ours in wrong[:5]
    )
    more = f"等 {len(wrong)} 天" if len(wrong) > 5 else ""
    entered = "手工录入的 " if status is YearStatus.HAND_ENTERED else ""
    yield r.at(
        cal.at.source,
        *where,
        f"{entered}{year} 年的放假数据与 {package} 不一致：{shown}{more}。",
        f"以国务院办公厅通知为准核对这些日期；软件包与通知一致时，运行 playbook calendar refresh 重新生成 {year} 年。",
    )
