"""The bundled working calendar: it is exactly what chinesecalendar says, `playbook calendar
refresh` reproduces it and refuses to guess, and PB801 / PB802 / PB603 guard its data."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from conftest import copy_base, describe, line_of, replace_once, run, with_rule

from checker.cli import main
from checker.deadlines import official, time_zone
from checker.deadlines.calendar_years import YearStatus, computable, data_years
from checker.deadlines.clock import today
from checker.deadlines.limit_comparison import LimitComparison
from checker.deadlines.time_zone import with_offset
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.findings import Severity
from checker.model import Calendar
from checker.model.duration import parse_duration
from checker.pipeline.engine import CheckResult
from checker.rules import calendar as calendar_rules
from checker.rules.context import RuleContext
from checker.rules.registry import model_rule
from checker.yaml.loader import load_text

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = ROOT / "playbooks" / "calendar.yaml"
CHINESE = re.compile(r"^[\u4e00-\u9fff0-9]+$")
HAS_CHINESE = re.compile(r"[\u4e00-\u9fff]")
SUITE_TODAY = "2026-10-15"  # tests/conftest.py: more than 60 days before the data ends


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Paths in findings are relative to the repository root; no cache is written into it."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PLAYBOOK_DEBUG", raising=False)


@pytest.fixture(scope="module")
def bundled_result() -> Iterator[CheckResult]:
    """The bundled playbooks checked once (checking is the slow part), on the suite's date."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        patch.setenv("PLAYBOOK_TODAY", SUITE_TODAY)
        yield run("playbooks")


@pytest.fixture
def cal(bundled_result: CheckResult) -> Calendar:
    assert bundled_result.playbooks is not None
    calendar = bundled_result.playbooks.calendar
    assert calendar is not None
    return calendar


# ---- the data ---------------------------------------------------------------------------------


def test_every_day_agrees_with_chinesecalendar(cal: Calendar) -> None:
    work = WorkCalendar(cal)
    day, days, wrong = cal.data_from, 0, []
    while day <= cal.data_until:
        if work.is_working_day(day) != chinese_calendar.is_workday(day):
            wrong.append(day.isoformat())
        day += dt.timedelta(days=1)
        days += 1
    assert days == 730  # 2025-01-01 .. 2026-12-31
    assert not wrong, f"working day differs from chinesecalendar on: {wrong}"


def test_holidays_and_make_up_days_are_exactly_chinesecalendars(cal: Calendar) -> None:

    def in_range(day: dt.date) -> bool:
        return cal.data_from <= day <= cal.data_until

    assert {h.date for h in cal.holidays} == {d for d in chinese_calendar.holidays if in_range(d)}
    assert {w.date for w in cal.make_up_workdays} == {
        d for d in chinese_calendar.workdays if in_range(d)
    }


def test_names_are_chinese(cal: Calendar) -> None:
    for item in (*cal.holidays, *cal.make_up_workdays):
        assert CHINESE.match(item.name), f"{item.date}: {item.name!r}"
    for item in cal.make_up_workdays:
        assert item.name.endswith("调休"), f"{item.date}: {item.name!r}"
    names = {h.name for h in cal.holidays}
    assert {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"} <= names


def test_make_up_workdays_fall_on_weekends(cal: Calendar) -> None:
    assert all(w.date.isoweekday() in cal.rest_days for w in cal.make_up_workdays)


# ---- playbook calendar refresh ----------------------------------------------------------------


def test_refresh_prints_exactly_the_bundled_file(capsys: pytest.CaptureFixture[str]) -> None:
    before = CALENDAR.read_bytes()
    assert main(["calendar", "refresh", "--years", "2025", "2026"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == CALENDAR.read_text(encoding="utf-8")
    assert CALENDAR.read_bytes() == before


def test_refresh_of_one_year_narrows_the_data_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "refresh", "--years", "2026"]) == 0
    out = capsys.readouterr().out
    assert 'data_from: "2026-01-01"' in out
    assert 'data_until: "2026-12-31"' in out
    assert '"2025-' not in out.split("holidays:")[1]


@pytest.mark.parametrize("years", [["2027"], ["2026", "2027"], ["2027", "2028"]])
@pytest.mark.parametrize("write", [False, True])
def test_refresh_of_an_unpublished_year_refuses_to_guess(
    years: list[str], write: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "calendar.yaml"
    target.write_bytes(CALENDAR.read_bytes())
    before, repo_before = target.read_bytes(), CALENDAR.read_bytes()
    argv = ["calendar", "refresh", "--file", str(target), "--years", *years]
    assert main([*argv, "--write"] if write else argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "2027" in err
    assert "不能自行推测" in err
    assert HAS_CHINESE.search(err)
    assert "Traceback" not in err
    assert target.read_bytes() == before
    assert CALENDAR.read_bytes() == repo_before


def test_refresh_with_a_gap_in_the_years_does_not_drop_the_missing_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--years 2024 2026 covers 2024-01-01 .. 2026-12-31; the calendar it writes must either
    hold 2025's holidays too or be refused. Writing 2025 without holidays would make 春节 2025 a
    run of working days: a silent guess."""
    code = main(["calendar", "refresh", "--years", "2024", "2026"])
    out, err = capsys.readouterr()
    if code != 0:
        assert code == 2
        assert HAS_CHINESE.search(err)
        return
    data = load_text("calendar.yaml", out).data
    first = dt.date.fromisoformat(data["data_from"])
    until = dt.date.fromisoformat(data["data_until"])
    written = {dt.date.fromisoformat(h["date"]) for h in data["holidays"]}
    published = {d for d in chinese_calendar.holidays if first <= d <= until}
    missing = sorted(published - written)
    assert not missing, (
        f"data_from {first} .. data_until {until}, but {len(missing)} holidays are missing, "
        f"e.g. {[d.isoformat() for d in missing[:5]]}"
    )


def test_refresh_write_rewrites_only_the_given_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "calendar.yaml"
    stale = CALENDAR.read_text(encoding="utf-8")
    stale = stale.replace('  - {date: "2026-10-10", name: "国庆节调休"}\n', "")
    stale = stale.replace('{date: "2026-10-07", name: "国庆节"}', '{date: "2026-10-07", name: "X"}')
    target.write_text(stale, encoding="utf-8")
    repo_before = CALENDAR.read_bytes()
    others = {p: p.read_bytes() for p in (ROOT / "playbooks").rglob("*.yaml")}
    argv = ["calendar", "refresh", "--file", str(target), "--years", "2025", "2026", "--write"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "已刷新" in out
    assert target.read_text(encoding="utf-8") == CALENDAR.read_text(encoding="utf-8")
    assert CALENDAR.read_bytes() == repo_before
    assert {p: p.read_bytes() for p in (ROOT / "playbooks").rglob("*.yaml")} == others


@pytest.mark.parametrize("name", ["policy.yaml", "categories/product-quality.yaml"])
def test_refresh_of_a_file_that_is_not_a_calendar_is_refused(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ROOT / "playbooks" / name
    before = path.read_bytes()
    assert main(["calendar", "refresh", "--file", str(path), "--years", "2026", "--write"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "不是有效的工作日历文件" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_refresh_of_a_missing_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert main(["calendar", "refresh", "--file", str(missing), "--years", "2026"]) == 2
    err = capsys.readouterr().err
    assert "无法读取" in err
    assert not missing.exists()


# ---- PB802: warn before the data runs out -----------------------------------------------------


def pb802(playbooks):
    """PB802's findings on these playbooks, judged against today (PLAYBOOK_TODAY)."""
    rule = model_rule("PB802")
    assert rule is not None
    return list(rule.run(RuleContext(playbooks, today())))


def test_pb802_warns_once_at_data_until_near_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-12-20")
    found = with_rule(run("playbooks").findings, "PB802")
    assert len(found) == 1, describe(found)
    (finding,) = found
    assert finding.severity is Severity.WARNING
    assert finding.path == "playbooks/calendar.yaml"
    assert finding.line == line_of(CALENDAR.read_text(encoding="utf-8"), "data_until:")
    assert "2026-12-31" in finding.message
    assert "2026-12-20" in finding.message
    assert "还有 11 天" in finding.message
    assert "《国务院办公厅关于2027年部分节假日安排的通知》" in finding.message
    assert "暂定" in finding.message
    assert "calendar refresh" in finding.hint
    assert "notices" in finding.hint


def test_pb802_is_quiet_on_the_suites_date(bundled_result: CheckResult) -> None:
    assert with_rule(bundled_result.findings, "PB802") == []
    assert not [f for f in bundled_result.findings if f.severity is Severity.ERROR]


def test_pb802_warns_from_60_days_before_the_data_end(
    monkeypatch: pytest.MonkeyPatch, bundled_result: CheckResult
) -> None:
    """Every day from 2026-10-01 to 2027-01-15: a warning from 2026-11-01 (60 days before
    2026-12-31) on, and after the end too; so 56 days before (2026-11-05) it fires."""
    playbooks = bundled_result.playbooks
    assert playbooks is not None
    firing = []
    day = dt.date(2026, 10, 1)
    while day <= dt.date(2027, 1, 15):
        monkeypatch.setenv("PLAYBOOK_TODAY", day.isoformat())
        if pb802(playbooks):
            firing.append(day)
        day += dt.timedelta(days=1)
    end = dt.date(2026, 12, 31)
    assert firing[0] == end - dt.timedelta(days=60) == dt.date(2026, 11, 1)
    assert firing == [firing[0] + dt.timedelta(days=i) for i in range(len(firing))]
    assert firing[-1] == dt.date(2027, 1, 15)
    assert end - dt.timedelta(days=56) in firing
    monkeypatch.setenv("PLAYBOOK_TODAY", "2027-01-05")
    (finding,) = pb802(playbooks)
    assert "已于 2026-12-31 用完" in finding.message


def test_pb802_also_fires_when_a_limit_from_today_runs_out(
    monkeypatch: pytest.MonkeyPatch, bundled_result: CheckResult
) -> None:
    """With the 60-day notice switched off, for each day of December 2026: a warning iff some
    limit, counted from noon that day, needs a day after data_until. (With the bundled limits
    the furthest-reaching one is contract-dispute normal follow_up = 15 working days: from Thu
    12-10 noon 12-11, 12-14..18, 12-21..25 and 12-28..31 are exactly 15 working days; from Fri
    12-11 only 14 are left.)"""
    monkeypatch.setattr(calendar_rules, "WARNING_DAYS", -1)
    playbooks = bundled_result.playbooks
    assert playbooks is not None and playbooks.calendar is not None
    calendar = WorkCalendar(playbooks.calendar)
    limits = [
        limit.duration
        for category in playbooks.categories
        for per_severity in category.limits.values()
        for limit in per_severity.all()
    ]
    firing, expected = [], []
    day = dt.date(2026, 12, 1)
    while day <= dt.date(2026, 12, 31):
        monkeypatch.setenv("PLAYBOOK_TODAY", day.isoformat())
        if pb802(playbooks):
            firing.append(day)
        noon = dt.datetime.combine(day, dt.time(12, 0))
        for duration in limits:
            try:
                add(noon, duration, calendar)
            except OutsideCalendar:
                expected.append(day)
                break
        day += dt.timedelta(days=1)
    assert firing == expected
    assert firing and firing == [firing[0] + dt.timedelta(days=i) for i in range(len(firing))]
    assert firing[0] == dt.date(2026, 12, 11)
    assert firing[-1] == dt.date(2026, 12, 31)


@pytest.mark.parametrize("value", ["not-a-date", "2026-02-30", "20261", " "])
def test_pb802_with_an_unparseable_date_falls_back_to_today(
    value: str, monkeypatch: pytest.MonkeyPatch, bundled_result: CheckResult
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", value)
    assert today() == dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert bundled_result.playbooks is not None
    found = pb802(bundled_result.playbooks)  # no crash, whatever the date
    assert all(f.rule_id == "PB802" for f in found)


def test_a_check_run_survives_an_unparseable_date(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", "明天")
    assert main(["check", "--no-cache", "playbooks/calendar.yaml"]) in (0, 1)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "内部错误" not in out + err


# ---- PB801 and PB603: consistent, real dates ---------------------------------------------------

OCTOBER_7 = '  - {date: "2026-10-07", name: "国庆节"}\n'
LAST_MAKE_UP = '  - {date: "2026-10-10", name: "国庆节调休"}\n'
HEADING = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): 错误 (?P<rule>PB\d{3}) ")


def test_pb801_finds_each_inconsistency_at_its_line(bundled_set: Path, edit) -> None:
    """Four independent mistakes in one copy of calendar.yaml (checking is slow, so they share
    a run); each is reported once, on its own line, and nothing else is an error."""
    path = bundled_set / "calendar.yaml"
    # 1. A make-up working day on a Monday (2026-01-05) instead of Sunday 01-04.
    edit(
        path,
        replace_once(
            '{date: "2026-01-04", name: "元旦调休"}', '{date: "2026-01-05", name: "元旦调休"}'
        ),
    )
    # 2. A holiday outside data_from .. data_until; 3. a holiday listed twice.
    extra = '  - {date: "2027-01-01", name: "元旦"}\n  - {date: "2026-10-01", name: "国庆节"}\n'
    edit(path, replace_once(OCTOBER_7, OCTOBER_7 + extra))
    # 4. A date both a holiday and a make-up working day (10-03 is a Saturday, so only the
    # duplicate is wrong).
    text = edit(
        path,
        replace_once(LAST_MAKE_UP, LAST_MAKE_UP + '  - {date: "2026-10-03", name: "国庆节调休"}\n'),
    )
    findings = run(bundled_set).findings
    found = sorted(with_rule(findings, "PB801"), key=lambda f: f.line)
    # PB803 also sees that 2026 no longer matches chinesecalendar: 01-04 is missing as a
    # make-up day, and 10-03 is now a working day (a make-up entry beats the holiday)
    (mismatch,) = with_rule(findings, "PB803")
    assert "2026-01-04（日历：休息；软件包：上班）" in mismatch.message
    assert "2026-10-03（日历：上班；软件包：休息）" in mismatch.message
    others = [
        f for f in findings if f.rule_id not in ("PB801", "PB803") and f.severity is Severity.ERROR
    ]
    assert not others, describe(others)
    assert all(f.path.endswith("calendar.yaml") for f in found)
    expected = [
        (line_of(text, '"2026-01-05"'), ("2026-01-05", "周一")),
        (line_of(text, '"2027-01-01"'), ("2027-01-01", "2026-12-31")),
        (line_of(text, '"2026-10-01"', start_after='"2026-10-07"'), ("2026-10-01", "重复")),
        (
            line_of(text, '"2026-10-03"', start_after="make_up_workdays:"),
            ("2026-10-03", "法定节假日"),
        ),
    ]
    expected.sort()
    assert [f.line for f in found] == [line for line, _ in expected], describe(found)
    for finding, (_, words) in zip(found, expected, strict=True):
        for word in words:
            assert word in finding.message, describe([finding])


def test_impossible_date_is_pb603_at_its_line(
    bundled_set: Path, edit, capsys: pytest.CaptureFixture[str]
) -> None:
    change = replace_once(
        '{date: "2026-02-15", name: "春节"}', '{date: "2026-02-30", name: "春节"}'
    )
    text = edit(bundled_set / "calendar.yaml", change)
    assert main(["check", "--no-cache", str(bundled_set)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "内部错误" not in out + err
    errors = [m for m in map(HEADING.match, out.splitlines()) if m]
    assert [(m["rule"], Path(m["path"]).name) for m in errors] == [("PB603", "calendar.yaml")], out
    assert int(errors[0]["line"]) == line_of(text, '"2026-02-30"')
    assert "「2026-02-30」不是真实存在的日期" in out


# ---- PB801: working hours with breaks, the time zone -------------------------------------------

HOURS = 'working_hours:\n  start: "09:00"\n  end: "18:00"\n'


def calendar_findings(folder: Path, rule_id: str) -> tuple[str, list]:
    """(calendar.yaml's text, the rule's findings) for a checked copy of the playbooks."""
    findings = run(folder).findings
    text = (folder / "calendar.yaml").read_text(encoding="utf-8")
    internal = [f for f in findings if "内部错误" in f.message]
    assert not internal, describe(internal)
    return text, with_rule(findings, rule_id)


def test_a_lunch_break_is_accepted_and_gives_two_periods(base_set: Path, edit) -> None:
    edit(
        base_set / "calendar.yaml",
        replace_once(HOURS, HOURS + '  breaks:\n    - {start: "12:00", end: "13:00"}\n'),
    )
    result = run(base_set)
    assert not [f for f in result.findings if f.severity is Severity.ERROR], describe(
        result.findings
    )
    cal = result.playbooks.calendar
    assert cal.periods == (
        (dt.time(9, 0), dt.time(12, 0)),
        (dt.time(13, 0), dt.time(18, 0)),
    )
    assert cal.hours_per_day == 8
    work = WorkCalendar(cal)
    due = add(dt.datetime(2026, 3, 3, 10, 0), parse_duration("4 working hours"), work)
    assert due == dt.datetime(2026, 3, 3, 15, 0)


@pytest.mark.parametrize(
    ("breaks", "line_needle", "words"),
    [
        # empty: ends when it starts
        ('    - {start: "12:00", end: "12:00"}\n', '"12:00", end: "12:00"', ("为空",)),
        # not ordered (and overlapping)
        (
            '    - {start: "13:00", end: "14:00"}\n    - {start: "12:00", end: "13:30"}\n',
            '"12:00", end: "13:30"',
            ("按先后排列", "14:00"),
        ),
        # touching: no working time between the two breaks
        (
            '    - {start: "12:00", end: "13:00"}\n    - {start: "13:00", end: "13:30"}\n',
            '"13:00", end: "13:30"',
            ("互不重叠",),
        ),
        # before opening
        ('    - {start: "08:00", end: "09:30"}\n', '"08:00"', ("上班时间 09:00",)),
        # up to closing
        ('    - {start: "17:00", end: "18:00"}\n', '"17:00"', ("下班时间 18:00",)),
    ],
)
def test_pb801_breaks_must_be_ordered_inside_the_day_and_not_empty(
    breaks: str, line_needle: str, words: tuple[str, ...], base_set: Path, edit
) -> None:
    edit(base_set / "calendar.yaml", replace_once(HOURS, HOURS + "  breaks:\n" + breaks))
    text, found = calendar_findings(base_set, "PB801")
    assert len(found) == 1, describe(found)
    assert found[0].line == line_of(text, line_needle)
    for word in words:
        assert word in found[0].message, describe(found)


def test_end_equal_to_start_is_a_finding_not_a_division_by_zero(
    bundled_set: Path, edit, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 9: working_hours.end == start gave ZeroDivisionError (PB3xx compare limits on
    the calendar); now PB801 says so at `end` and the limit rules compare nominally."""
    text = edit(bundled_set / "calendar.yaml", replace_once('end: "18:00"', 'end: "09:00"'))
    assert main(["check", "--no-cache", str(bundled_set)]) == 1
    out, err = capsys.readouterr()
    assert "内部错误" not in out + err and "Traceback" not in out + err
    errors = [m for m in map(HEADING.match, out.splitlines()) if m]
    assert [(m["rule"], int(m["line"])) for m in errors] == [("PB801", line_of(text, "end:"))]


def test_an_unknown_time_zone_is_pb801(base_set: Path, edit) -> None:
    edit(
        base_set / "calendar.yaml",
        replace_once("time_zone: Asia/Shanghai", "time_zone: Asia/Beijing"),
    )
    text, found = calendar_findings(base_set, "PB801")
    assert [(f.line, "Asia/Beijing" in f.message) for f in found] == [
        (line_of(text, "time_zone:"), True)
    ]
    assert "Asia/Shanghai" in found[0].hint


# ---- issue 9: a calendar must not claim days it has no data for --------------------------------


def test_data_until_9999_is_a_positioned_finding_and_nothing_iterates_the_years(
    base_set: Path, edit
) -> None:
    """Issue 9: `data_until: "9999-12-31"` passed after 24 s (every day to 9999 was built into
    a list). Now PB803 names the years without a source; the calendar is not computable, so
    no rule counts days on it and PB802 is not silenced into passing."""
    edit(
        base_set / "calendar.yaml",
        replace_once('data_until: "2026-12-31"', 'data_until: "9999-12-31"'),
    )
    text, found = calendar_findings(base_set, "PB803")
    assert len(found) == 1, describe(found)
    assert found[0].line == line_of(text, "data_until:")
    assert "2027—9999 年" in found[0].message
    result = run(base_set)
    cal = result.playbooks.calendar
    assert not computable(cal)
    assert LimitComparison(cal).calendar is None


def test_data_until_moved_past_the_known_years_is_an_error(
    bundled_set: Path, edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9: moving data_until to 2027-12-31 passed clean and silenced PB802."""
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-30")
    text = edit(
        bundled_set / "calendar.yaml",
        replace_once('data_until: "2026-12-31"', 'data_until: "2027-12-31"'),
    )
    findings = run(bundled_set).findings
    (finding,) = with_rule(findings, "PB803")
    assert finding.severity is Severity.ERROR
    assert finding.line == line_of(text, "data_until:")
    assert "2027 年" in finding.message and "chinesecalendar" in finding.message
    assert "notices" in finding.hint


def test_data_from_9999_is_a_finding_not_an_overflow(
    base_set: Path, edit, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edit(
        base_set / "calendar.yaml",
        replace_once('data_from: "2026-01-01"', 'data_from: "9999-12-31"'),
    )
    assert main(["check", "--no-cache", str(base_set)]) == 1
    out, err = capsys.readouterr()
    assert "内部错误" not in out + err and "Traceback" not in out + err
    errors = [m for m in map(HEADING.match, out.splitlines()) if m]
    assert [(m["rule"], int(m["line"])) for m in errors] == [
        ("PB801", line_of(text, "data_until:"))
    ]
    assert "数据截止日 2026-12-31 早于起始日 9999-12-31" in out


# ---- PB803: every year has a source; hand-entered notices -------------------------------------

# The real notice for 2026 (research notes §5: title and date from the Xinhua reprint on gmw.cn,
# the number from a reprint, the URL as cited in GitHub issues). chinesecalendar carries 2026,
# so a calendar citing it is cross-checked day by day.
NOTICE_2026 = (
    "notices:\n"
    "  - year: 2026\n"
    "    title: 国务院办公厅关于2026年部分节假日安排的通知\n"
    "    number: 国办发明电〔2025〕7号\n"
    '    date: "2025-11-04"\n'
    "    url: https://www.gov.cn/zhengce/content/202511/content_7047090.htm\n"
)
BEFORE_HOLIDAYS = "source: chinesecalendar 1.11.0 软件包（2026 年）\n"


def with_notice(folder: Path, edit, notice: str = NOTICE_2026) -> str:
    return edit(folder / "calendar.yaml", replace_once(BEFORE_HOLIDAYS, BEFORE_HOLIDAYS + notice))


def test_a_cited_notice_that_agrees_with_the_package_is_clean(base_set: Path, edit) -> None:
    with_notice(base_set, edit)
    result = run(base_set)
    assert not [f for f in result.findings if f.severity is Severity.ERROR], describe(
        result.findings
    )
    (year,) = data_years(result.playbooks.calendar)
    assert (year.year, year.status, year.in_package) == (2026, YearStatus.HAND_ENTERED, True)
    assert "国办发明电〔2025〕7号" in year.source


def test_a_hand_entered_year_is_cross_checked_against_the_package(base_set: Path, edit) -> None:
    with_notice(base_set, edit)
    text = edit(
        base_set / "calendar.yaml",
        replace_once('  - {date: "2026-10-10", name: 国庆节调休}\n', ""),
    )
    _, found = calendar_findings(base_set, "PB803")
    assert len(found) == 1, describe(found)
    assert found[0].line == line_of(text, "- year: 2026")
    assert "手工录入的 2026 年" in found[0].message
    assert "2026-10-10（日历：休息；软件包：上班）" in found[0].message


def test_a_year_the_package_lacks_is_accepted_only_with_its_notice(
    base_set: Path, edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if chinesecalendar did not carry 2026 yet (the situation of a freshly published
    notice): without a notice the year is unsourced; with it, it is hand-entered and not
    cross-checked. No holiday date is invented: the data are the real 2026 ones."""
    monkeypatch.setattr(official, "known_years", lambda: frozenset(range(2004, 2026)))
    text, found = calendar_findings(base_set, "PB803")
    assert [f.line for f in found] == [line_of(text, "data_until:")]
    assert "2026 年" in found[0].message
    with_notice(base_set, edit)
    _, found = calendar_findings(base_set, "PB803")
    assert found == [], describe(found)
    (year,) = data_years(run(base_set).playbooks.calendar)
    assert (year.status, year.in_package) == (YearStatus.HAND_ENTERED, False)


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("关于2026年部分", "关于2025年部分", "    title:", ("「2026年」",)),
        ('date: "2025-11-04"', 'date: "2027-11-04"', '"2027-11-04"', ("不晚于今天",)),
        ('date: "2025-11-04"', 'date: "2023-11-04"', '"2023-11-04"', ("2025 年或 2026 年",)),
        ("  - year: 2026\n", "  - year: 2027\n", "- year: 2027", ("不在数据范围",)),
    ],
)
def test_pb803_checks_the_citation(
    old: str, new: str, needle: str, words: tuple[str, ...], base_set: Path, edit
) -> None:
    with_notice(base_set, edit)
    text = edit(base_set / "calendar.yaml", replace_once(old, new))
    _, found = calendar_findings(base_set, "PB803")
    assert line_of(text, needle) in [f.line for f in found], describe(found)
    (finding,) = [f for f in found if f.line == line_of(text, needle)]
    for word in words:
        assert word in finding.message


@pytest.mark.parametrize("field", ["title", "number", "date", "url"], ids=lambda f: f"without-{f}")
def test_a_notice_needs_its_whole_citation(field: str, base_set: Path, edit) -> None:
    notice = "".join(
        line + "\n" for line in NOTICE_2026.splitlines() if not line.strip().startswith(field + ":")
    )
    with_notice(base_set, edit, notice)
    findings = run(base_set).findings
    schema = [
        f for f in findings if f.rule_id.startswith("PB1") and f.path.endswith("calendar.yaml")
    ]
    assert schema and any(field in f.message or field in f.hint for f in schema), describe(findings)


def test_a_notice_url_must_be_https(base_set: Path, edit) -> None:
    with_notice(base_set, edit, NOTICE_2026.replace("https://", "http://"))
    findings = run(base_set).findings
    assert [f.rule_id[:3] for f in findings if f.severity is Severity.ERROR] == ["PB1"], describe(
        findings
    )


# ---- playbook calendar status ---------------------------------------------------------------


def test_status_lists_each_year_and_when_the_official_data_ends(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-30")
    assert main(["calendar", "status"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert "北京时间（Asia/Shanghai）" in lines[1] and "2026-11-30" in lines[1]
    assert "09:00–18:00" in lines[2]
    years = [line for line in lines if re.match(r"^\d{4} 年", line)]
    assert [y.split()[:2] for y in years] == [
        ["2025", "年"],
        ["2026", "年"],
        ["2027", "年"],
        ["2028", "年"],
    ]
    assert "官方数据" in years[0] and "chinesecalendar 1.11.0" in years[0]
    assert "官方数据" in years[1]
    assert "暂定" in years[2] and "holidays" in years[2] and "不含调休" in years[2]
    assert "官方数据到 2026-12-31，还有 31 天。" in lines
    assert "《国务院办公厅关于2027年部分节假日安排的通知》" in out


def test_status_as_json_shows_a_hand_entered_notice(
    bundled_set: Path, edit, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-30")
    edit(
        bundled_set / "calendar.yaml",
        replace_once("\nholidays:\n", "\n" + NOTICE_2026 + "holidays:\n"),
    )
    assert main(["calendar", "status", "--playbooks", str(bundled_set), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["time_zone"] == "Asia/Shanghai"
    assert (payload["official_until"], payload["days_left"]) == ("2026-12-31", 31)
    by_year = {y["year"]: y for y in payload["years"]}
    assert by_year[2025]["status"] == "official"
    assert by_year[2026]["status"] == "hand-entered"
    assert by_year[2026]["notice"]["number"] == "国办发明电〔2025〕7号"
    assert by_year[2026]["checked_against_package"] is True
    assert by_year[2027]["status"] == by_year[2028]["status"] == "provisional"
    assert "不含调休" in payload["provisional"]["reason"]


def test_status_without_a_calendar_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_base(tmp_path / "playbooks")
    (folder / "calendar.yaml").unlink()
    assert main(["calendar", "status", "--playbooks", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "没有可用的工作日历" in err and "Traceback" not in err


# ---- the time zone: "today" in Beijing time ---------------------------------------------------


def test_today_is_the_date_in_beijing_not_on_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    """A runner on UTC at 2026-11-30 20:00 is already at 2026-12-01 04:00 in Beijing."""
    instant = dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.UTC)

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return instant.astimezone(tz) if tz else instant.replace(tzinfo=None)

    monkeypatch.delenv("PLAYBOOK_TODAY")
    monkeypatch.setattr(time_zone.dt, "datetime", Frozen)
    assert today() == dt.date(2026, 12, 1)
    assert with_offset(dt.datetime(2027, 1, 5, 18, 0), "Asia/Shanghai") == "2027-01-05T18:00+08:00"


def test_zone_data_comes_with_the_tzdata_package() -> None:
    """Without the system's zone files (slim images, Windows), Asia/Shanghai still loads."""
    code = (
        "import zoneinfo; z = zoneinfo.ZoneInfo('Asia/Shanghai');"
        "import datetime as dt; print(dt.datetime(2027, 1, 5, tzinfo=z).utcoffset())"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONTZPATH": str(ROOT / "no-zone-files-here")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "8:00:00"


# ---- playbook diff sees the new calendar fields ----------------------------------------------


def test_diff_reviews_a_lunch_break_and_a_zone_change_as_loosened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lunch break takes an hour out of every working day (working-hour limits end later);
    a different zone moves every due time: both are reviewed first, as loosened."""
    base = copy_base(tmp_path / "base")
    head = copy_base(tmp_path / "head")
    path = head / "calendar.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(HOURS, HOURS + '  breaks:\n    - {start: "12:00", end: "13:00"}\n')
    text = text.replace("time_zone: Asia/Shanghai", "time_zone: Asia/Hong_Kong")
    path.write_text(text, encoding="utf-8")
    # exit 1: the version was not raised (PB701/PB702), as for any loosening
    assert main(["diff", str(base), str(head), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    changes = {(c["id"], c["level"], c["new"]) for c in payload["changes"]}
    assert changes == {
        ("working-break-added", "loosened", "12:00–13:00"),
        ("time-zone-changed", "loosened", "Asia/Hong_Kong"),
    }
