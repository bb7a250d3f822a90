"""What used to slip past the policy review, case by case: renames, effective dates, released
history, self-granted suppressions and the register of exceptions, duplicate ids, explained
directions, promises in wording, new playbooks, order, and a comment that fits.

Cases that need git history run ``playbook diff`` in a temporary repository (the fixtures of
``test_diff_git``); the others compare two in-memory copies of the example playbooks.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE_BASE, TARGET_FILES, run
from test_diff_compare import BASE_FILES, changes_between, edit, playbook_set, report_for
from test_diff_git import (  # noqa: F401  (fixtures: git_identity, playbook, repo)
    CATEGORY,
    LOOSEN,
    Playbook,
    change,
    commit,
    git_identity_fixture,
    playbook_fixture,
    release,
    repo_fixture,
)

from checker.deadlines.working_time import WorkCalendar, add
from checker.diff.changes import ChangeLevel, PlaybookDiff, PolicyChange, PolicyDiff
from checker.diff.compare import compare
from checker.diff.formats import markdown, text
from checker.diff.report import DiffReport
from checker.diff.review import build_report
from checker.diff.sources import SideErrors, load_sides
from checker.model.duration import parse_duration

LOOSENED, TIGHTENED, HISTORY = ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED, ChangeLevel.HISTORY
ADDED, WORDING = ChangeLevel.ADDED, ChangeLevel.WORDING
CATEGORY_NAME = TARGET_FILES["category"]


def ids(changes: list[PolicyChange]) -> list[tuple[str, ChangeLevel]]:
    return [(c.id, c.level) for c in changes]


def rendered(write: Callable[[DiffReport, io.StringIO], None], report: DiffReport) -> str:
    out = io.StringIO()
    write(report, out)
    return out.getvalue()


# ---- renames -------------------------------------------------------------------------------------


def renamed_head() -> dict[str, str]:
    """product-quality renamed to product-issue (file and id) and, in the same change, its
    normal resolution loosened 7 -> 9 working days."""
    head = {k: v for k, v in BASE_FILES.items() if k != CATEGORY_NAME}
    text_ = BASE_FILES[CATEGORY_NAME].replace("id: product-quality", "id: product-issue")
    text_ = text_.replace('    resolution: "7 working days"', '    resolution: "9 working days"')
    head["categories/product-issue.yaml"] = text_
    return head


def test_a_renamed_category_is_one_rename_plus_its_changes():
    changes = changes_between(BASE_FILES, renamed_head())
    assert ids(changes) == [("limit-longer", LOOSENED), ("playbook-renamed", WORDING)]
    renamed = changes[1]
    assert "product-quality" in renamed.old and "product-issue" in renamed.new
    assert changes[0].path == "playbooks/categories/product-issue.yaml"


def test_a_renamed_category_continues_its_version():
    diff = compare(playbook_set(BASE_FILES), playbook_set(renamed_head()))
    (renamed,) = diff.changed()
    assert renamed.base is not None and renamed.head is not None, "one playbook, not two"
    findings = report_for(renamed_head()).findings
    assert [f.rule_id for f in findings] == ["PB701"], "not PB707: the version continues"
    assert "放宽至少要升主版本号，例如改为 2.0.0" in findings[0].hint


def test_an_unrelated_new_category_is_not_a_rename():
    head = dict(BASE_FILES)
    head["categories/delivery.yaml"] = BASE_FILES[CATEGORY_NAME].replace(
        "id: product-quality", "id: delivery"
    )
    assert ids(changes_between(BASE_FILES, head)) == [("playbook-added", ADDED)]


# ---- effective dates and released history --------------------------------------------------------


def released(repo_: Path, version: str, date: str, effective: str, *edits: tuple[str, str]) -> None:
    change(repo_, *edits)
    release(repo_, version, date)
    if effective != date:
        change(repo_, (f'effective: "{date}"', f'effective: "{effective}"'))


TIGHTEN = ('    resolution: "7 working days"', '    resolution: "6 working days"')
DELAY = ('effective: "2026-12-01"', 'effective: "2027-06-01"')


def test_delaying_a_tightening_is_loosened(repo: Path, playbook: Playbook):
    released(repo, "1.1.0", "2026-11-20", "2026-12-01", TIGHTEN)
    commit(repo, "Release 1.1.0: a tighter resolution limit from 2026-12-01")
    change(repo, DELAY)
    code, out, _ = playbook("--format", "json")
    (moved,) = json.loads(out)["changes"]
    assert (moved["id"], moved["level"]) == ("effective-later", "loosened")
    assert (moved["old"], moved["new"]) == ("2026-12-01", "2027-06-01")
    assert "收紧" in moved["note"] and "推迟" in moved["note"]
    assert code == 1, "a loosened change with the version unchanged is PB701"
    assert playbook("--fail-on", "loosened")[0] == 1


def test_delaying_a_loosening_is_tightened(repo: Path, playbook: Playbook):
    released(repo, "2.0.0", "2026-11-20", "2026-12-01", LOOSEN)
    commit(repo, "Release 2.0.0: a looser resolution limit from 2026-12-01")
    change(repo, DELAY)
    (moved,) = json.loads(playbook("--format", "json")[1])["changes"]
    assert (moved["id"], moved["level"]) == ("effective-later", "tightened")


def test_a_moved_date_without_history_is_reviewed_as_loosened():
    head = edit("category", 'effective: "2026-01-10"', 'effective: "2026-03-01"')
    (moved,) = changes_between(BASE_FILES, head)
    assert (moved.id, moved.level) == ("effective-later", LOOSENED)
    assert "无法判断" in moved.note


def test_a_new_versions_date_is_reported_but_not_versioned(repo: Path, playbook: Playbook):
    released(repo, "1.1.0", "2026-11-20", "2026-12-01", TIGHTEN)
    code, out, _ = playbook("--format", "json")
    found = {c["id"]: c for c in json.loads(out)["changes"]}
    assert found["effective-new-version"]["level"] == "added"
    assert found["effective-new-version"]["versioned"] is False
    assert code == 0, "1.1.0 answers for the tightening; the date needs no bump of its own"


HISTORY_EDITS = [
    ('    date: "2026-01-05"', '    date: "2025-12-20"', "history-date-reworded"),
    ("      - 首个版本", "      - 首个正式版本", "history-changes-reworded"),
]


@pytest.mark.parametrize(("old", "new", "change_id"), HISTORY_EDITS)
def test_editing_released_history_is_its_own_class(old: str, new: str, change_id: str):
    head = edit("category", old, new)
    (edited,) = changes_between(BASE_FILES, head)
    assert (edited.id, edited.level) == (change_id, HISTORY)
    assert edited.level.label == "修改历史记录"
    assert report_for(head).findings == [], "a release cannot undo a history edit: no PB7xx"


def test_deleting_a_released_entry_is_a_history_edit(repo: Path, playbook: Playbook):
    released(repo, "1.1.0", "2026-11-20", "2026-11-20", TIGHTEN)
    commit(repo, "Release 1.1.0")
    change(
        repo, ('  - version: "1.0.0"\n    date: "2026-01-05"\n    changes:\n      - 首个版本\n', "")
    )
    code, out, _ = playbook("--format", "json")
    assert [(c["id"], c["level"]) for c in json.loads(out)["changes"]] == [
        ("history-removed", "history")
    ]
    assert code == 0
    assert playbook("--fail-on", "history")[0] == 1
    assert playbook("--fail-on", "loosened,history")[0] == 1
    assert playbook("--fail-on", "loosened")[0] == 0


def test_fail_on_refuses_an_unknown_class(repo: Path, playbook: Playbook):
    with pytest.raises(SystemExit):
        playbook("--fail-on", "looser")


# ---- suppressions and the register of exceptions --------------------------------------------------

SUPPRESS = (
    'title: 产品质量\nversion: "1.0.0"\n',
    'title: 产品质量\nversion: "1.0.0"  # playbook: disable=PB701,PB702 小调整不升版本\n',
)


def register(expires: str = "2027-02-28", rules: str = "[PB701]") -> str:
    return (
        "kind: exceptions\ntitle: 版本号检查例外登记\nowner: 合规部\nexceptions:\n"
        "  - file: categories/product-quality.yaml\n"
        f"    rules: {rules}\n"
        "    change: 紧急·重大 解决时限 3 → 4 个工作日，试点期间不升版本\n"
        "    reason: 华东区三个月试点\n"
        "    approver: 合规部 李敏\n"
        f'    expires: "{expires}"\n'
    )


def test_a_pull_request_cannot_exempt_itself(repo: Path, playbook: Playbook):
    change(repo, LOOSEN, SUPPRESS)
    code, out, _ = playbook("--check-versions", "--format", "github")
    assert code == 1
    assert out.startswith(f"::error file={CATEGORY},line=4"), "the finding is annotated"
    assert "::warning" in out and "PB708" in out, "so are the loosened lines"
    code, out, _ = playbook("--format", "json")
    report = json.loads(out)
    assert ("suppression-added", "loosened") in {(c["id"], c["level"]) for c in report["changes"]}


def test_an_exception_in_the_register_lets_it_through(repo: Path, playbook: Playbook):
    change(repo, LOOSEN)
    (repo / "playbooks" / "exceptions.yaml").write_text(register(), encoding="utf-8")
    code, out, _ = playbook("--format", "markdown")
    assert code == 0
    assert "| 已抑制的错误 | PB701 version-raised |" in out
    assert "合规部 李敏" in out and "2027\\-02\\-28" in out
    added = json.loads(playbook("--format", "json")[1])["playbooks"]
    assert any(p["status"] == "added" and p["summary"] for p in added), "the new register"


def test_an_expired_exception_does_not(
    repo: Path, playbook: Playbook, monkeypatch: pytest.MonkeyPatch
):
    change(repo, LOOSEN)
    (repo / "playbooks" / "exceptions.yaml").write_text(register("2026-10-31"), encoding="utf-8")
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-01")
    assert playbook()[0] == 1
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-10-30")
    assert playbook()[0] == 0, "the same exception the day before it expires"


def test_the_register_is_validated_with_positions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-23")
    folder = shutil.copytree(EXAMPLE_BASE, tmp_path / "playbooks")
    bad = register("2026-10-31", "[PB301]").replace("    approver: 合规部 李敏\n", "")
    (folder / "exceptions.yaml").write_text(bad, encoding="utf-8")
    findings = [f for f in run(folder).findings if f.path.endswith("exceptions.yaml")]
    assert [(f.rule_id, f.line, f.path.rsplit("/", 1)[-1]) for f in findings] == [
        ("PB101", 5, "exceptions.yaml"),
        ("PB101", 6, "exceptions.yaml"),
    ]
    assert "缺少必填字段「approver」（批准人）" in findings[0].message
    assert "「规则号」的写法不对：「PB301」" in findings[1].message
    assert "只有版本号检查（PB7xx）的规则可以登记例外" in findings[1].hint
    (folder / "exceptions.yaml").write_text(register("2026-10-31"), encoding="utf-8")
    (expired,) = [f for f in run(folder).findings if f.path.endswith("exceptions.yaml")]
    assert (expired.rule_id, expired.line) == ("PB903", 10)
    assert "已于 2026-10-31 过期" in expired.message
    wrong = register().replace("categories/product-quality.yaml", "categories/quality.yaml")
    (folder / "exceptions.yaml").write_text(wrong, encoding="utf-8")
    (missing,) = [f for f in run(folder).findings if f.path.endswith("exceptions.yaml")]
    assert (missing.rule_id, missing.line) == ("PB904", 5)
    assert "categories/product-quality.yaml" in missing.hint


# ---- duplicate ids ----------------------------------------------------------------------------------


def test_duplicate_step_ids_are_refused_by_check_and_diff(tmp_path: Path):
    folder = shutil.copytree(EXAMPLE_BASE, tmp_path / "head" / "playbooks")
    target = folder / CATEGORY_NAME
    target.write_text(
        target.read_text(encoding="utf-8").replace("  - id: assess\n", "  - id: receive\n"),
        encoding="utf-8",
    )
    line = target.read_text(encoding="utf-8").splitlines().index("  - id: receive", 60) + 1
    assert ("PB202", line) in {(f.rule_id, f.line) for f in run(folder).findings}
    with pytest.raises(SideErrors) as refused:
        load_sides(str(EXAMPLE_BASE), str(folder), "playbooks")
    (side,) = refused.value.sides
    assert [(f.rule_id, f.line) for f in side.problems] == [("PB202", line)]
    assert "步骤标识「receive」重复" in side.problems[0].message


# ---- explained directions -----------------------------------------------------------------------


def test_a_limit_on_another_clock_is_mixed_with_shares_and_an_example():
    head = edit("category", '    resolution: "3 working days"', "    resolution: 72h")
    (limit,) = changes_between(BASE_FILES, head)
    assert (limit.id, limit.level) == ("limit-mixed", LOOSENED)
    shares = [int(n) for n in re.findall(r"占 (\d+)%", limit.note)]
    assert len(shares) == 3 and 98 <= sum(shares) <= 102 and shares[0] and shares[1]
    example = re.search(
        r"例如 (\S+ \S+) \S+ 收到的投诉，原来 (\S+ \S+) \S+ 到期，现在 (\S+ \S+) \S+ 到期",
        limit.note,
    )
    assert example is not None, limit.note
    start, before, after = example.groups()
    calendar = playbook_set(head).calendar
    assert calendar is not None
    work, at = WorkCalendar(calendar), dt.datetime.fromisoformat(start)
    assert add(at, parse_duration("3 working days"), work) == dt.datetime.fromisoformat(before)
    assert add(at, parse_duration("72h"), work) == dt.datetime.fromisoformat(after)
    assert after > before, "the example shows the looser side"
    page = rendered(markdown.write, report_for(head))
    assert "| **放宽**（混合） | 紧急·重大 解决时限 |" in page


def test_removing_a_day_off_is_tightened_and_names_the_limits_it_moves():
    head = edit("calendar", "rest_days: [6, 7]", "rest_days: [6]")
    (removed,) = changes_between(BASE_FILES, head)
    assert (removed.id, removed.level) == ("rest-day-removed", TIGHTENED)
    assert removed.old == "周日"
    assert "截止时间因此改变的时限" in removed.note
    assert "工作日" in removed.note and "提前" in removed.note and "「产品质量」" in removed.note


# ---- wording --------------------------------------------------------------------------------------

SCRIPT = "我们可以为您免费维修"


@pytest.mark.parametrize(
    ("new", "change_id", "level"),
    [
        ("我们可以为您免费维修，三天内全额退款", "promise-added", TIGHTENED),
        ("我们可以为您免费维修，这不归我管", "forbidden-wording-added", LOOSENED),
        ("我们可以尽快为您维修", "promise-removed", LOOSENED),
        ("我们可以为您维修", "promise-removed", LOOSENED),
        ("我们可以马上为您免费维修", "promise-added", TIGHTENED),
        ("我们可以为您免费修理", "script-reworded", WORDING),
    ],
)
def test_a_rewording_that_promises_is_more_than_wording(
    new: str, change_id: str, level: ChangeLevel
):
    head = edit("category", SCRIPT, new)
    (reworded,) = changes_between(BASE_FILES, head)
    assert (reworded.id, reworded.level) == (change_id, level)


def test_a_longer_promise_in_an_action_is_loosened():
    base = edit("category", "      - 安排维修\n", "      - 退款批准后 7 个自然日内原路退回\n")
    head = edit("category", "      - 安排维修\n", "      - 退款批准后 10 个自然日内原路退回\n")
    (longer,) = changes_between(base, head)
    assert (longer.id, longer.level) == ("promise-longer", LOOSENED)
    assert "7个自然日内 → 10个自然日内" in longer.note


def test_a_reworded_script_shows_only_what_changed():
    head = edit("category", SCRIPT, "我们可以为您上门免费维修")
    report = report_for(head)
    page = rendered(markdown.write, report)
    assert "为您**上门**免费维修" in page
    assert "改动：{称呼}，我们可以为您{+上门+}免费维修。" in rendered(text.write, report)


# ---- new playbooks, order -----------------------------------------------------------------------


def test_a_new_playbook_is_summarised():
    head = dict(BASE_FILES)
    head["categories/delivery.yaml"] = BASE_FILES[CATEGORY_NAME].replace(
        "id: product-quality", "id: delivery"
    )
    (playbook_,) = compare(playbook_set(BASE_FILES), playbook_set(head)).changed()
    assert (
        playbook_.summary[0]
        == "一般：首次响应 4 个工作小时，进展通报间隔 2 个工作日，解决时限 7 个工作日，回访时限 10 个工作日"
    )
    assert (
        "补救措施「退款」（退款）：审批 客服主管，单笔上限 3000 元，执行时限 7 个自然日"
        in playbook_.summary
    )
    page = rendered(markdown.write, report_for(head))
    assert "新增的手册包含：" in page and "审批 客服主管" in page


def test_loosened_changes_come_first_across_the_whole_report():
    head = edit("policy", "    title: 重要\n", "    title: 较重\n")  # wording in the policy
    head = edit("calendar", "rest_days: [6, 7]", "rest_days: [5, 6, 7]", head)  # loosened
    head = edit(
        "category", '    resolution: "7 working days"', '    resolution: "8 working days"', head
    )
    page = rendered(markdown.write, report_for(head))
    first = page.index("### 放宽（2 处）")
    assert first < page.index("### 示例总则") and first < page.index("### 产品质量")
    table = page[first : page.index("\n\n", page.index("|---", first))]
    assert table.count("| **放宽** |") == 2 and "较重" not in table.split("\n", 2)[2].split("|")[2]


# ---- a comment that fits --------------------------------------------------------------------------


def many(count: int) -> DiffReport:
    """A report with ``count`` loosened limits in as many files, and wording in each."""
    playbooks = []
    for n in range(count):
        path = f"playbooks/categories/category-{n:04d}.yaml"
        limit = PolicyChange(
            "limit-longer",
            LOOSENED,
            "limit",
            f"类别 {n}",
            "一般 解决时限",
            "7 个工作日",
            "8 个工作日",
            path,
            71,
            17,
            f"「类别 {n}」一般 解决时限：7 个工作日 → 8 个工作日",
        )
        words = PolicyChange(
            "summary-reworded",
            WORDING,
            "summary",
            f"类别 {n}",
            "概述",
            "旧的概述" * 20,
            "新的概述" * 20,
            path,
            20,
            10,
            "…",
        )
        playbooks.append(
            PlaybookDiff(f"category:{n}", f"类别 {n}", path, None, None, (limit, words))
        )
    return DiffReport("基准", "对比", PolicyDiff(tuple(playbooks)))


@pytest.mark.parametrize("count", [50, 400, 1000, 2000])
def test_the_comment_fits_and_keeps_every_loosened_change(count: int):
    report = many(count)
    comment = markdown.render_comment(report)
    assert len(comment) <= markdown.COMMENT_LIMIT
    loosened = re.search(r"### 放宽（(\d+) 处）\n\n(.*?)\n\n", comment, re.S)
    assert loosened is not None and int(loosened[1]) == count
    rows = [line for line in loosened[2].splitlines()[2:]]
    listed = sum(int(r.split(" | ")[2]) for r in rows) if "处数" in loosened[2] else len(rows)
    assert listed == count, "every loosened change is a row, or counted in a grouped row"
    if count <= 400:
        assert len(rows) == count, "listed one by one while they fit"
    assert "完整报告见本次运行的作业摘要" in comment or count <= 50
    full = io.StringIO()
    markdown.write_full(report, full)
    assert full.getvalue().count("| **放宽** |") == count, "the full report has every row"


# ---- scale: identical files are not read twice ---------------------------------------------------


def test_identical_files_are_loaded_once_and_only_changed_ones_keep_their_tree(tmp_path: Path):
    base = shutil.copytree(EXAMPLE_BASE, tmp_path / "base" / "playbooks")
    head = shutil.copytree(EXAMPLE_BASE, tmp_path / "head" / "playbooks")
    target = head / CATEGORY_NAME
    target.write_text(
        target.read_text(encoding="utf-8").replace("洗衣机漏水", "洗衣机渗水"), encoding="utf-8"
    )
    base_side, head_side = load_sides(str(base), str(head), "playbooks")
    shared = {id(s) for s in base_side.playbooks.sources} & {
        id(s) for s in head_side.playbooks.sources
    }
    assert len(shared) == len(head_side.playbooks.sources) - 1, "all but the changed file"
    kept = [s.path for s in head_side.playbooks.sources if s._composed]
    assert len(kept) == 1 and kept[0].endswith(CATEGORY_NAME), "only the changed file's tree"
    report = build_report(str(base), str(head), "playbooks")
    assert [c.id for c in report.changes] == ["case-reworded"]
    assert not any(s._composed for s in head_side.playbooks.sources if id(s) in shared)
