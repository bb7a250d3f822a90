"""The bundled working calendar: it is exactly what chinesecalendar says, `playbook calendar
refresh` reproduces it and refuses to guess, and PB801 / PB802 / PB603 guard its data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import chinese_calendar
import pytest
from conftest import describe, line_of, replace_once, run, with_rule

from checker.cli import main
from checker.deadlines.clock import today
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.findings import Severity
from checker.model import Calendar
from checker.pipeline.engine import CheckResult
from checker.rules.context import RuleContext
from checker.rules.registry import model_rule
from checker.yaml.loader import load_text

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = ROOT / "playbooks" / "calendar.yaml"
CHINESE = re.compile(r"^[\u4e00-\u9fff0-9]+$")
HAS_CHINESE = re.compile(r"[\u4e00-\u9fff]")


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
        patch.setenv("PLAYBOOK_TODAY", "2026-11-23")
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
    assert "calendar refresh" in finding.hint


def test_pb802_is_quiet_on_the_suites_date(bundled_result: CheckResult) -> None:
    assert with_rule(bundled_result.findings, "PB802") == []
    assert not [f for f in bundled_result.findings if f.severity is Severity.ERROR]


def test_pb802_fires_exactly_when_a_limit_from_today_runs_out(
    monkeypatch: pytest.MonkeyPatch, bundled_result: CheckResult
) -> None:
    """For each day of December 2026: a warning iff some limit, counted from noon that day,
    needs a day after data_until. (With the bundled limits the furthest-reaching one is
    contract-dispute normal follow_up = 15 working days: from Thu 12-10 noon 12-11, 12-14..18,
    12-21..25 and 12-28..31 are exactly 15 working days; from Fri 12-11 only 14 are left.)"""
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
    assert firing[-1] == dt.date(2026, 12, 31)


@pytest.mark.parametrize("value", ["not-a-date", "2026-02-30", "20261", " "])
def test_pb802_with_an_unparseable_date_falls_back_to_today(
    value: str, monkeypatch: pytest.MonkeyPatch, bundled_result: CheckResult
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", value)
    assert today() == dt.date.today()
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
    others = [f for f in findings if f.rule_id != "PB801" and f.severity is Severity.ERROR]
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
