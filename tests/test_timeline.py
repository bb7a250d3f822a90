"""`playbook timeline`: every due time of one complaint with the playbook line that set it, as
text and JSON, and plain Chinese errors (exit 2, no traceback) for bad input.

Checking the bundled playbooks is the slow part of a run, so the bundled set is checked once per
module and `playbook timeline` is handed that result (the command's own code still runs); a
modified copy of the playbooks goes through the real check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from conftest import replace_once

import checker.cli.timeline
from checker.cli import main
from checker.deadlines.provisional_window import first_affected_day
from checker.deadlines.timeline import TimelineError, parse_received, timeline, work_calendar
from checker.deadlines.working_time import OutsideCalendar, WorkCalendar, add
from checker.model import PlaybookSet
from checker.model.duration import Duration, parse_duration
from checker.pipeline.engine import CheckResult, check_paths
from checker.site.calculator import provisional_banner
from checker.site.pages.calculator import calculator_page
from checker.site.pages.names import Names
from checker.site.pages.worked_example import example_timeline

ROOT = Path(__file__).resolve().parent.parent
PQ = "playbooks/categories/product-quality.yaml"
HAS_CHINESE = re.compile(r"[\u4e00-\u9fff]")
KIND_ORDER = {"first_response": 0, "update": 1, "escalation": 2, "resolution": 3, "follow_up": 4}


@pytest.fixture(scope="module")
def bundled_result() -> Iterator[CheckResult]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = check_paths(["playbooks"])
    assert not result.summary.errors
    assert result.playbooks is not None
    yield result


@pytest.fixture
def playbooks(bundled_result: CheckResult) -> PlaybookSet:
    assert bundled_result.playbooks is not None
    return bundled_result.playbooks


@pytest.fixture(autouse=True)
def _repo_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bundled_result: CheckResult
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PLAYBOOK_DEBUG", raising=False)

    def cached(paths: Sequence[str], use_cache: bool = False) -> CheckResult:
        if list(paths) == ["playbooks"]:
            return bundled_result
        return check_paths(paths, use_cache)

    monkeypatch.setattr(checker.cli.timeline, "check_paths", cached)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["timeline", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def major_pq(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return cli(
        capsys,
        *("--category", "product-quality", "--severity", "major"),
        *("--received", "2026-09-30 17:40", *extra),
    )


def pq_lines() -> list[str]:
    return (ROOT / PQ).read_text(encoding="utf-8").splitlines()


def pq_line(needle: str, after: str) -> int:
    """Line (1-based) of ``needle`` in product-quality.yaml, after the line equal to ``after``."""
    lines = pq_lines()
    start = lines.index(after)
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


# The hand-worked timeline of a major product-quality complaint received Wed 2026-09-30 17:40
# (National Day holidays 10-01..10-07, make-up Saturday 10-10; see test_working_time.py):
#   first_response 2 working hours: 20 min on 09-30, 100 min from 10-08 09:00 -> 10-08 10:40
#   update_interval 1 working day x k: 10-08, 10-09, 10-10 (make-up Sat), 10-12 (Mon);
#     x5 = 10-13 is not before the resolution, so there are four updates
#   escalation 2 working days -> 10-09 18:00 (投诉处理中心经理); 4 -> 10-12 18:00 (客户服务总监)
#   resolution 5 working days -> 10-13 (Tue) 18:00; follow_up 8 -> 10-16 (Fri) 18:00
# Equal times: an update sorts before an escalation.
UPDATE = "limits.major.update_interval = 1 working day × "
EXPECTED_MAJOR = [
    (
        "first_response",
        "2026-10-08 10:40",
        "首次响应",
        "limits.major.first_response = 2 working hours",
    ),
    ("update", "2026-10-08 18:00", "第 1 次进展通报", UPDATE + "1"),
    ("update", "2026-10-09 18:00", "第 2 次进展通报", UPDATE + "2"),
    (
        "escalation",
        "2026-10-09 18:00",
        "升级到投诉处理中心经理",
        "escalation.major.steps.0.after = 2 working days",
    ),
    ("update", "2026-10-10 18:00", "第 3 次进展通报", UPDATE + "3"),
    ("update", "2026-10-12 18:00", "第 4 次进展通报", UPDATE + "4"),
    (
        "escalation",
        "2026-10-12 18:00",
        "升级到客户服务总监",
        "escalation.major.steps.1.after = 4 working days",
    ),
    ("resolution", "2026-10-13 18:00", "解决时限", "limits.major.resolution = 5 working days"),
    ("follow_up", "2026-10-16 18:00", "回访时限", "limits.major.follow_up = 8 working days"),
]


def expected_source(kind: str, rule: str) -> str:
    """Where the rule is written: the metric's line under limits.major, or the n-th ``after:``
    under escalation.major."""
    if kind == "escalation":
        step = int(rule.split(".")[3])
        start = pq_line("  major:", "escalation:")
        afters = [i + 1 for i in range(start, start + 12) if "after:" in pq_lines()[i]]
        return f"{PQ}:{afters[step]}"
    metric = "update_interval" if kind == "update" else kind
    start = pq_line("  major:", "limits:")
    lines = pq_lines()
    line = next(i + 1 for i in range(start, start + 6) if lines[i].startswith(f"    {metric}:"))
    return f"{PQ}:{line}"


def test_sources_point_at_the_hand_checked_lines() -> None:
    # When this was written: limits.major at lines 74-77 of product-quality.yaml and
    # escalation.major's steps at 99 and 102. Found by structure so that a new changelog entry
    # does not break the test; each line must hold exactly the rule it is cited for.
    def text(kind: str, rule: str = "") -> str:
        line = int(expected_source(kind, rule).rsplit(":", 1)[1])
        return pq_lines()[line - 1].strip()

    assert text("first_response") == 'first_response: "2 working hours"'
    assert text("update") == 'update_interval: "1 working day"'
    assert text("resolution") == 'resolution: "5 working days"'
    assert text("follow_up") == 'follow_up: "8 working days"'
    assert text("escalation", "escalation.major.steps.0.after") == '- after: "2 working days"'
    assert text("escalation", "escalation.major.steps.1.after") == '- after: "4 working days"'


def test_text_lists_every_due_time_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = major_pq(capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("产品质量 · ")
    assert "2026-09-30 17:40 周三（北京时间）" in lines[0]
    assert "2025-01-01 至 2026-12-31" in lines[1]
    assert "09:00–18:00（北京时间）" in lines[1]
    assert "暂定" not in out  # every item is inside the official data
    entries = [line for line in lines if re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} ", line)]
    assert len(entries) == len(EXPECTED_MAJOR), out
    for (kind, due, title, rule), entry in zip(EXPECTED_MAJOR, entries, strict=True):
        assert entry.startswith(due + " 周"), entry
        assert title in entry
        basis = lines[lines.index(entry) + 1]
        assert basis.strip() == f"依据：{rule}  {expected_source(kind, rule)}"
    assert "2026-10-10 18:00 周六" in out  # the make-up Saturday


def test_json_lists_kinds_in_time_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = major_pq(capsys, "--format", "json")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["category"] == "product-quality"
    assert payload["severity"] == "major"
    assert payload["received"] == "2026-09-30T17:40+08:00"
    assert payload["time_zone"] == "Asia/Shanghai"
    assert payload["provisional"] is None
    due = payload["due"]
    assert all(d["due"].endswith("+08:00") and d["provisional"] is False for d in due)
    got = [(d["kind"], d["due"][:16].replace("T", " "), d["title"], d["rule"]) for d in due]
    assert got == EXPECTED_MAJOR
    assert [d["due"] for d in due] == sorted(d["due"] for d in due)
    for d in due:
        assert d["source"] == expected_source(d["kind"], d["rule"])
        assert HAS_CHINESE.search(d["duration"])
    assert [d["tier"] for d in due if d["kind"] == "escalation"] == [
        "投诉处理中心经理",
        "客户服务总监",
    ]
    assert all(d["tier"] == "" for d in due if d["kind"] != "escalation")


def test_received_accepts_t_and_seconds() -> None:
    expected = dt.datetime(2026, 9, 30, 17, 40)
    for text in (
        "2026-09-30 17:40",
        "2026-09-30T17:40",
        "2026-09-30 17:40:00",
        " 2026-09-30 17:40 ",
    ):
        assert parse_received(text) == expected


# ---- errors -----------------------------------------------------------------------------------


def assert_usage_error(code: int, out: str, err: str) -> None:
    assert code == 2, err
    assert out == ""
    assert err.startswith("playbook：")
    assert HAS_CHINESE.search(err)
    assert "Traceback" not in err
    assert "内部错误" not in err


def test_unknown_category_lists_the_valid_ids(
    capsys: pytest.CaptureFixture[str], playbooks: PlaybookSet
) -> None:
    code, out, err = cli(
        capsys, "--category", "nonsense", "--severity", "major", "--received", "2026-09-30 17:40"
    )
    assert_usage_error(code, out, err)
    assert "没有投诉类别「nonsense」" in err
    ids = sorted(p.stem for p in (ROOT / "playbooks" / "categories").glob("*.yaml"))
    assert ids == sorted(c.id for c in playbooks.categories)
    for category_id in ids:
        assert category_id in err


def test_unknown_severity(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys,
        *("--category", "product-quality", "--severity", "urgent"),
        *("--received", "2026-09-30 17:40"),
    )
    assert_usage_error(code, out, err)
    assert "严重程度「urgent」" in err
    for severity in ("normal", "major", "critical"):
        assert severity in err


@pytest.mark.parametrize("received", ["明天", "2026-13-01 10:00"])
def test_unparseable_received_time(received: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys, "--category", "product-quality", "--severity", "major", "--received", received
    )
    assert_usage_error(code, out, err)
    assert f"无法识别收到投诉的时间「{received}」" in err
    assert "2026-09-30 17:40" in err  # shows the form to use


@pytest.mark.parametrize(
    "received",
    ["2026-02-30 10:00", "2026-09-30 25:00", "", "17:40", "2026/09/30 17:40", "昨天下午"],
)
def test_more_unparseable_times_are_timeline_errors(received: str) -> None:
    with pytest.raises(TimelineError, match="无法识别收到投诉的时间"):
        parse_received(received)


def test_a_time_before_the_calendars_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys,
        *("--category", "product-quality", "--severity", "major"),
        *("--received", "2024-12-31 17:40"),
    )
    assert_usage_error(code, out, err)
    assert "2025-01-01" in err
    assert "2024-12-31" in err
    assert "calendar.yaml" in err  # the CLI's reader may maintain it


# ---- past the official data: 暂定 -------------------------------------------------------------

# The case, with today 2026-11-30: a 紧急·重大 product-quality complaint received Mon
# 2026-12-28 10:00. Natural-time items (1h, 4h updates, 4h escalation) are exact; the resolution
# (3 working days: 12-29, 12-30, 12-31) is inside the data; the follow-up (5 working days:
# 12-29, 12-30, 12-31, then 2027-01-01 is 元旦 and 01-02/03 a weekend, so 01-04 and 01-05) is
# computed on the provisional calendar.
LATE = ("--category", "product-quality", "--severity", "critical", "--received", "2026-12-28 10:00")


def test_a_timeline_past_the_official_data_is_complete_and_marks_2027(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-30")
    code, out, err = cli(capsys, *LATE)
    assert (code, err) == (0, "")
    entries = [line for line in out.splitlines() if re.match(r"^\d{4}-\d{2}-\d{2} ", line)]
    assert entries[0].startswith("2026-12-28 11:00 周一  首次响应")
    assert any(e.startswith("2026-12-31 18:00 周四  解决时限") for e in entries)
    assert entries[-1] == "2027-01-05 18:00 周二  回访时限（5 个工作日）  【暂定】"
    for entry in entries:
        assert entry.endswith("【暂定】") == entry.startswith("2027-"), entry
    note = out.splitlines()[-1]
    assert note.startswith("暂定：")
    assert "2026-12-31" in note and "不含调休" in note and "提前或推后" in note


def test_json_past_the_official_data_marks_each_item(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-30")
    code, out, err = cli(capsys, *LATE, "--format", "json")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["received"] == "2026-12-28T10:00+08:00"
    assert payload["calendar"] == {
        "official_from": "2025-01-01",
        "official_until": "2026-12-31",
        "provisional_until": "2028-12-31",
    }
    assert "不含调休" in payload["provisional"]["reason"]
    assert "提前或推后" in payload["provisional"]["may_move"]
    due = payload["due"]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+08:00", d["due"]) for d in due)
    assert [d["due"] for d in due if d["provisional"]] == ["2027-01-05T18:00+08:00"]
    assert due[-1]["kind"] == "follow_up"


def test_every_category_and_severity_has_a_full_timeline_over_new_year(
    playbooks: PlaybookSet,
) -> None:
    """Each item is marked 暂定 exactly when the official data alone cannot give it."""
    official = WorkCalendar(playbooks.calendar)
    start = dt.datetime(2026, 12, 28, 10, 0)
    marked = 0
    for category_id, severity in pairs(playbooks):
        for d in timeline(playbooks, category_id, severity, start):
            try:
                exact = add(start, d.duration, official)
            except OutsideCalendar:
                exact = None
            assert d.provisional == (exact is None), (category_id, severity, d)
            if exact is not None:
                assert d.due == exact
            marked += d.provisional
    assert marked >= len(pairs(playbooks))  # every follow-up at least


def test_an_unshown_update_past_the_data_does_not_fail_the_timeline(
    playbooks: PlaybookSet,
) -> None:
    """On the official data alone (no provisional days), a 3-working-day resolution from Mon
    12-28 ends 12-31 18:00; the first 2-working-day update is 12-30, the second would need
    2027. It is after the resolution and never shown, so it must not sink the timeline."""
    category = playbooks.category("product-quality")
    assert category is not None
    limits = category.limits["critical"]
    tight = dataclasses.replace(
        limits,
        update_interval=dataclasses.replace(
            limits.update_interval, duration=parse_duration("2 working days")
        ),
        resolution=dataclasses.replace(
            limits.resolution, duration=parse_duration("3 working days")
        ),
        follow_up=dataclasses.replace(limits.follow_up, duration=parse_duration("4h")),
    )
    path = dataclasses.replace(category.escalation["critical"], steps=())
    changed = dataclasses.replace(
        category,
        limits={**category.limits, "critical": tight},
        escalation={**category.escalation, "critical": path},
    )
    changed_set = dataclasses.replace(
        playbooks, categories=tuple(changed if c is category else c for c in playbooks.categories)
    )
    items = timeline(
        changed_set,
        "product-quality",
        "critical",
        dt.datetime(2026, 12, 28, 10, 0),
        WorkCalendar(playbooks.calendar),
    )
    assert [(d.kind, f"{d.due:%m-%d %H:%M}") for d in items] == [
        ("first_response", "12-28 11:00"),
        ("follow_up", "12-28 14:00"),
        ("update", "12-30 18:00"),
        ("resolution", "12-31 18:00"),
    ]


def test_playbooks_with_an_error_are_refused(
    bundled_set: Path, edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        bundled_set / "categories" / "product-quality.yaml",
        replace_once('first_response: "2 working hours"', 'first_response: "2 business hours"'),
    )
    code, out, err = cli(
        capsys,
        *("--category", "product-quality", "--severity", "major"),
        *("--received", "2026-09-30 17:40", "--playbooks", str(bundled_set)),
    )
    assert_usage_error(code, out, err)
    assert "有错误" in err
    assert "playbook check" in err


def test_timeline_function_errors_are_chinese(playbooks: PlaybookSet) -> None:
    start = dt.datetime(2026, 9, 30, 17, 40)
    with pytest.raises(TimelineError, match="可选"):
        timeline(playbooks, "nope", "major", start)
    with pytest.raises(TimelineError, match="可选"):
        timeline(playbooks, "product-quality", "nope", start)
    with pytest.raises(OutsideCalendar, match="2028-12-31"):  # past the provisional years
        timeline(playbooks, "product-quality", "major", dt.datetime(2028, 12, 28, 17, 40))
    with pytest.raises(OutsideCalendar, match="2025-01-01"):
        timeline(playbooks, "product-quality", "major", dt.datetime(2024, 12, 31, 17, 40))


# ---- every category x severity ----------------------------------------------------------------

RECEIVED = [
    "2025-01-26 10:00",  # 春节调休 Sunday
    "2025-09-30 17:40",
    "2026-02-13 17:00",  # the Friday before Spring Festival 2026
    "2026-03-01 15:00",  # Sunday
    "2026-09-30 17:40",  # the Wednesday before National Day 2026
    "2026-10-10 08:00",  # make-up Saturday, before opening
    "2026-11-23 23:30",
    "2026-12-01 18:00",
    "2026-12-28 10:00",  # past the official data: partly 暂定
    "2026-12-31 18:00",
    "2027-02-04 17:40",  # the provisional Spring Festival 2027
]


def pairs(playbooks: PlaybookSet) -> list[tuple[str, str]]:
    return [(c.id, s) for c in playbooks.categories for s in c.limits]


def test_every_category_has_three_severities(playbooks: PlaybookSet) -> None:
    assert len(playbooks.categories) >= 7
    assert len(pairs(playbooks)) == 3 * len(playbooks.categories)


@pytest.mark.parametrize("received", RECEIVED)
def test_every_timeline_is_sorted_and_matches_working_time(
    received: str, playbooks: PlaybookSet
) -> None:
    calendar = work_calendar(playbooks.calendar)
    start = parse_received(received)
    for category in playbooks.categories:
        for severity, limits in category.limits.items():
            items = timeline(playbooks, category.id, severity, start)
            where = f"{category.id}/{severity} {received}"
            keys = [(d.due, KIND_ORDER[d.kind]) for d in items]
            assert keys == sorted(keys), where
            by_kind = {d.kind: d for d in items if d.kind not in ("update", "escalation")}
            assert set(by_kind) == {"first_response", "resolution", "follow_up"}, where
            for metric in ("first_response", "resolution", "follow_up"):
                limit = limits.metric(metric).duration
                assert by_kind[metric].due == add(start, limit, calendar), (where, metric)
                assert by_kind[metric].rule == f"limits.{severity}.{metric} = {limit.text}"
            resolution = by_kind["resolution"].due
            interval = limits.update_interval.duration
            updates = [d for d in items if d.kind == "update"]
            for k, update in enumerate(updates, start=1):
                step = Duration(interval.amount * k, interval.unit, interval.text)
                assert update.due == add(start, step, calendar), (where, k)
                assert update.due < resolution, (where, k)
                assert update.title == f"第 {k} 次进展通报"
            steps = category.escalation[severity].steps
            escalations = [d for d in items if d.kind == "escalation"]
            assert sorted(d.due for d in escalations) == sorted(
                add(start, s.after, calendar) for s in steps
            ), where
            assert all(d.tier and d.title == f"升级到{d.tier}" for d in escalations), where


def missing_updates(playbooks: PlaybookSet, received: str) -> list[str]:
    """Timelines whose progress updates stop before the resolution is due."""
    calendar = work_calendar(playbooks.calendar)
    start = parse_received(received)
    wrong = []
    for category in playbooks.categories:
        for severity, limits in category.limits.items():
            items = timeline(playbooks, category.id, severity, start)
            resolution = next(d.due for d in items if d.kind == "resolution")
            interval = limits.update_interval.duration
            listed = sum(d.kind == "update" for d in items)
            step = Duration(interval.amount * (listed + 1), interval.unit, interval.text)
            due = add(start, step, calendar)
            if due < resolution:
                wrong.append(
                    f"{category.id}/{severity} received {received}: {listed} updates listed "
                    f"(interval {interval.text}), update {listed + 1} due {due:%Y-%m-%d %H:%M} "
                    f"is missing although the resolution is due {resolution:%Y-%m-%d %H:%M}"
                )
    return wrong


def test_every_update_before_the_resolution_is_listed(playbooks: PlaybookSet) -> None:
    # "Every due time of one complaint" (checker/timeline.py): each progress update that falls
    # before the resolution is a due time, however many there are (a 4h interval and a
    # 3-working-day resolution over a long holiday give more than 60).
    wrong = [line for received in RECEIVED for line in missing_updates(playbooks, received)]
    assert not wrong, "updates are missing:\n" + "\n".join(wrong)


def test_every_source_line_holds_the_duration_it_cites(playbooks: PlaybookSet) -> None:
    start = dt.datetime(2026, 9, 30, 17, 40)
    for category in playbooks.categories:
        for severity in category.limits:
            for d in timeline(playbooks, category.id, severity, start):
                path, line = d.source.rsplit(":", 1)
                assert path == f"playbooks/categories/{category.id}.yaml"
                text = (ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
                assert d.duration.text in text, (d.source, text, d.rule)
                assert d.rule.split(" = ")[0].split(".")[-1] in text or d.kind == "escalation"


# ---- 暂定 in the handbook: the worked example, the banner, the calendar's years ---------------


def test_the_worked_example_marks_provisional_due_times(playbooks: PlaybookSet) -> None:
    category = playbooks.category("product-quality")
    assert category is not None
    received = dt.datetime(2026, 12, 28, 17, 40)
    markdown = example_timeline(category, playbooks, Names(playbooks), received)
    items = timeline(playbooks, "product-quality", category.default_severity, received)
    assert any(d.provisional for d in items) and not all(d.provisional for d in items)
    for d in items:
        row = next(line for line in markdown.splitlines() if d.title in line)
        assert ("（暂定）" in row) == d.provisional, row
    assert "不含调休" in markdown and "提前或推后" in markdown


def test_the_banner_window_starts_on_the_first_day_with_a_provisional_due_time(
    playbooks: PlaybookSet,
) -> None:
    """Bisection against a day-by-day scan: from which day does some category and severity,
    received at any time of the day, get a 暂定 due time?"""
    work = work_calendar(playbooks.calendar)
    durations = [
        d
        for c in playbooks.categories
        for limits in c.limits.values()
        for d in (limit.duration for limit in limits.all())
    ] + [s.after for c in playbooks.categories for p in c.escalation.values() for s in p.steps]
    first = first_affected_day(work, durations)
    scanned = None
    day = dt.date(2026, 11, 1)
    while scanned is None:
        for category_id, severity in pairs(playbooks):
            for at in (dt.time(0, 0), dt.time(12, 0), dt.time(23, 59)):
                start = dt.datetime.combine(day, at)
                if any(d.provisional for d in timeline(playbooks, category_id, severity, start)):
                    scanned = day
        day += dt.timedelta(days=1)
    assert first == scanned == dt.date(2026, 12, 11)


@pytest.mark.parametrize(
    ("today", "shown"), [("2026-10-15", False), ("2026-12-11", True), ("2026-12-20", True)]
)
def test_the_calculator_page_shows_the_banner_and_each_years_source(
    today: str, shown: bool, playbooks: PlaybookSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", today)
    page = calculator_page(playbooks)
    (banner,) = [line for line in page.splitlines() if "deadline-provisional-banner" in line]
    assert 'data-show-from="2026-12-11"' in banner
    assert ("hidden" not in banner) == shown
    assert "2027-01-01 起的截止时间为暂定" in page
    years = [line for line in page.splitlines() if re.match(r"^\| 20\d\d \|", line)]
    assert [line.split("|")[1:3] for line in years] == [
        [" 2025 ", " 官方数据 "],
        [" 2026 ", " 官方数据 "],
        [" 2027 ", " 暂定 "],
        [" 2028 ", " 暂定 "],
    ]
    assert "所有时间都是北京时间（" in page


def test_no_banner_once_even_the_provisional_years_are_over(playbooks: PlaybookSet) -> None:
    assert provisional_banner(playbooks, dt.date(2029, 1, 1)) == ""
