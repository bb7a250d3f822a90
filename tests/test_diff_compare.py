"""The policy diff in business terms: each kind of edit of the example playbooks is named,
classified and located; the formats render it; the version arithmetic behind PB7xx.

Every case edits one file of the example base in memory (one exact text replacement), compares
BASE -> HEAD and then HEAD -> BASE: the reverse must classify oppositely.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import EXAMPLE_BASE, TARGET_FILES, dump_yaml, line_of, load_data

from checker.diff.changes import ChangeLevel, PolicyChange
from checker.diff.compare import compare
from checker.diff.formats import json_format, markdown, text
from checker.diff.report import MARKER, DiffReport
from checker.diff.sources import assemble_side
from checker.diff.versions import Bump, Version, bump_of, next_version, version_findings
from checker.model import PlaybookSet
from checker.yaml.loader import load_bytes

LOOSENED, TIGHTENED = ChangeLevel.LOOSENED, ChangeLevel.TIGHTENED
ADDED, REMOVED, WORDING = ChangeLevel.ADDED, ChangeLevel.REMOVED, ChangeLevel.WORDING
BASE_FILES = {
    name: (EXAMPLE_BASE / name).read_text(encoding="utf-8") for name in TARGET_FILES.values()
}


def playbook_set(files: dict[str, str]) -> PlaybookSet:
    loaded = [load_bytes(f"playbooks/{name}", text.encode()) for name, text in files.items()]
    side = assemble_side("对比", "测试", "playbooks", loaded)
    assert not side.problems, [f.message for f in side.problems]
    return side.playbooks


def edit(target: str, old: str, new: str, files: dict[str, str] | None = None) -> dict[str, str]:
    files = dict(files or BASE_FILES)
    name = TARGET_FILES[target]
    assert files[name].count(old) == 1, f"{old!r} occurs {files[name].count(old)} times"
    files[name] = files[name].replace(old, new)
    return files


def changes_between(base: dict[str, str], head: dict[str, str]) -> list[PolicyChange]:
    return compare(playbook_set(base), playbook_set(head)).changes


@dataclass(frozen=True)
class Case:
    """One edit: ``old`` -> ``new`` in ``target``; the single change it must produce."""

    name: str
    target: str
    old: str
    new: str
    level: ChangeLevel
    id: str
    at: str  # text on the change's line (in HEAD, or in BASE for a removal)
    after: str | None = None  # the line is the first with ``at`` after this text

    def __str__(self) -> str:
        return self.name


CASES = [
    # ---- time limits and escalation
    Case(
        "limit longer",
        "category",
        '    resolution: "3 working days"',
        '    resolution: "4 working days"',
        LOOSENED,
        "limit-longer",
        '"4 working days"',
    ),
    Case(
        "limit shorter",
        "category",
        '    resolution: "7 working days"',
        '    resolution: "6 working days"',
        TIGHTENED,
        "limit-shorter",
        '"6 working days"',
    ),
    Case(
        "limit same deadline",
        "category",
        'update_interval: "1 working day"',
        'update_interval: "1 working days"',
        WORDING,
        "limit-reworded",
        '"1 working days"',
    ),
    Case(
        "limit natural -> working hours",
        "category",
        "first_response: 1h",
        'first_response: "1 working hours"',
        LOOSENED,
        "limit-longer",
        '"1 working hours"',
    ),
    Case(
        "escalation later",
        "category",
        '- after: "3 working days"',
        '- after: "4 working days"',
        LOOSENED,
        "escalation-wait-longer",
        '"4 working days"',
    ),
    Case(
        "escalation step removed",
        "category",
        '    steps:\n      - after: "2 working days"\n        to: director\n'
        "        when: 客户要求超出权限的赔偿\n",
        "    steps: []\n",
        LOOSENED,
        "escalation-step-removed",
        '- after: "2 working days"',
    ),
    Case(
        "escalation to a lower tier",
        "category",
        "        to: supervisor\n",
        "        to: agent\n",
        LOOSENED,
        "escalation-target-lower",
        "to: agent",
    ),
    Case(
        "escalation owner lower",
        "category",
        "    owner: director\n",
        "    owner: supervisor\n",
        LOOSENED,
        "escalation-owner-lower",
        "owner: supervisor",
        after="客户要求超出权限的赔偿",
    ),
    # ---- procedure
    Case(
        "script removed",
        "category",
        '      email: "{称呼}您好：来信已收到，工单号为{工单号}。"\n',
        "",
        LOOSENED,
        "script-removed",
        "来信已收到",
    ),
    Case(
        "script added",
        "category",
        '      phone: "{称呼}您好，想了解一下维修后产品是否正常。"\n',
        '      phone: "{称呼}您好，想了解一下维修后产品是否正常。"\n'
        '      email: "{称呼}您好：想了解维修后产品是否正常。"\n',
        TIGHTENED,
        "script-added",
        "想了解维修后",
    ),
    Case(
        "script reworded",
        "category",
        "我们可以为您免费维修",
        "我们可以免费为您维修",
        WORDING,
        "script-reworded",
        "免费为您维修",
    ),
    Case(
        "action added",
        "category",
        "      - 查看维修记录\n",
        "      - 查看维修记录\n      - 核对产品序列号\n",
        TIGHTENED,
        "action-added",
        "核对产品序列号",
    ),
    Case(
        "step channel removed",
        "category",
        "channels: [phone, email]",
        "channels: [phone]",
        LOOSENED,
        "step-channel-removed",
        "channels: [phone, email]",
    ),
    Case(
        "step removed",
        "category",
        "  - id: archive\n    title: 归档与改进\n    owner: agent\n    actions:\n"
        "      - 记录原因并归档\n    channels: []\n",
        "",
        LOOSENED,
        "step-removed",
        "- id: archive",
    ),
    Case(
        "step owner higher",
        "category",
        "    title: 调查原因\n    owner: agent\n",
        "    title: 调查原因\n    owner: supervisor\n",
        TIGHTENED,
        "step-owner-higher",
        "owner: supervisor",
        after="title: 调查原因",
    ),
    Case(
        "tip added",
        "category",
        "      - 查看维修记录\n    channels: []\n",
        "      - 查看维修记录\n    channels: []\n    tips:\n      - 先查保修期\n",
        ADDED,
        "tip-added",
        "先查保修期",
    ),
    # ---- severity
    Case(
        "trigger removed",
        "category",
        "  triggers:\n    - when: 涉及人身伤害\n      raise_to: critical\n      signals: [injury]\n",
        "  triggers: []\n",
        LOOSENED,
        "severity-trigger-removed",
        "- when: 涉及人身伤害",
    ),
    Case(
        "trigger to a lower level",
        "category",
        "raise_to: critical",
        "raise_to: major",
        LOOSENED,
        "severity-trigger-level-lower",
        "raise_to: major",
    ),
    Case(
        "default severity higher",
        "category",
        "default: normal",
        "default: major",
        TIGHTENED,
        "default-severity-higher",
        "default: major",
    ),
    # ---- remedies, evidence, legal
    Case(
        "remedy approver lower",
        "category",
        "approver: supervisor",
        "approver: agent",
        LOOSENED,
        "remedy-approver-lower",
        "approver: agent",
        after="id: refund",
    ),
    Case(
        "remedy ceiling raised",
        "category",
        "max_amount: 3000",
        "max_amount: 5000",
        LOOSENED,
        "remedy-max-amount-raised",
        "max_amount: 5000",
    ),
    Case(
        "remedy ceiling introduced",
        "category",
        "    kind: repair\n",
        "    kind: repair\n    max_amount: 500\n",
        TIGHTENED,
        "remedy-max-amount-added",
        "max_amount: 500",
    ),
    Case(
        "remedy slower",
        "category",
        '"7 calendar days"',
        '"10 calendar days"',
        LOOSENED,
        "remedy-deadline-longer",
        '"10 calendar days"',
    ),
    Case(
        "remedy kind changed",
        "category",
        "kind: refund",
        "kind: voucher",
        LOOSENED,
        "remedy-kind-changed",
        "kind: voucher",
    ),
    Case(
        "evidence added",
        "category",
        "  - 产品照片\n",
        "  - 产品照片\n  - 购买凭证\n",
        TIGHTENED,
        "evidence-added",
        "购买凭证",
    ),
    Case(
        "legal trigger added",
        "category",
        "    - 客户提起诉讼\n",
        "    - 客户提起诉讼\n    - 媒体采访\n",
        TIGHTENED,
        "legal-trigger-added",
        "媒体采访",
    ),
    # ---- neutral items and wording
    Case(
        "case added",
        "category",
        "  - 洗衣机漏水\n",
        "  - 洗衣机漏水\n  - 冰箱不制冷\n",
        ADDED,
        "case-added",
        "冰箱不制冷",
    ),
    Case(
        "customer type reference removed",
        "category",
        "customer_types: [emotional]",
        "customer_types: []",
        REMOVED,
        "customer-type-ref-removed",
        "customer_types",
    ),
    Case(
        "summary reworded",
        "category",
        "summary: 产品存在质量缺陷或功能故障",
        "summary: 产品有质量缺陷或功能故障",
        WORDING,
        "summary-reworded",
        "summary:",
    ),
    Case(
        "title reworded",
        "category",
        "title: 产品质量\n",
        "title: 产品质量问题\n",
        WORDING,
        "title-reworded",
        "title: 产品质量问题",
    ),
    # ---- policy
    Case(
        "tier authority raised",
        "policy",
        "max_amount: 300\n",
        "max_amount: 500\n",
        LOOSENED,
        "tier-max-amount-raised",
        "max_amount: 500",
    ),
    Case(
        "tier may approve a new kind",
        "policy",
        "[apology, voucher, refund, repair]",
        "[apology, voucher, refund, repair, replacement]",
        LOOSENED,
        "tier-remedy-kind-added",
        "replacement]",
    ),
    Case(
        "forbidden phrase added",
        "policy",
        "    reason: 推卸责任\n",
        "    reason: 推卸责任\n  - phrase: 你自己看说明书\n    reason: 敷衍\n",
        TIGHTENED,
        "forbidden-phrase-added",
        "你自己看说明书",
    ),
    Case(
        "ceiling raised",
        "policy",
        'limit: "10 working days"',
        'limit: "12 working days"',
        LOOSENED,
        "ceiling-limit-longer",
        '"12 working days"',
    ),
    Case(
        "principle added",
        "policy",
        "    description: 第一时间回复客户\n",
        "    description: 第一时间回复客户\n  - title: 实事求是\n    description: 不夸大不隐瞒\n",
        ADDED,
        "principle-added",
        "实事求是",
    ),
    Case(
        "placeholder removed",
        "policy",
        "  - name: 工单号\n    description: 投诉工单编号\n",
        "",
        REMOVED,
        "placeholder-removed",
        "- name: 工单号",
    ),
    Case(
        "record field added",
        "policy",
        "    description: 姓名和联系方式\n",
        "    description: 姓名和联系方式\n  - id: promise\n    title: 承诺事项\n"
        "    description: 对客户承诺的时间点\n",
        TIGHTENED,
        "record-field-added",
        "id: promise",
    ),
    Case(
        "channel no longer realtime",
        "policy",
        "realtime: true",
        "realtime: false",
        LOOSENED,
        "channel-realtime-relaxed",
        "realtime: false",
    ),
    Case(
        "channel handling added",
        "policy",
        "      - 当天回复\n",
        "      - 当天回复\n      - 抄送主管\n",
        TIGHTENED,
        "channel-handling-added",
        "抄送主管",
    ),
    Case(
        "severity title reworded",
        "policy",
        "    title: 重要\n",
        "    title: 较重\n",
        WORDING,
        "severity-title-reworded",
        "title: 较重",
    ),
    # ---- customer types
    Case(
        "customer script added",
        "customer-types",
        '        text: "{称呼}，我非常理解您的心情，我们一定尽快处理。"\n',
        '        text: "{称呼}，我非常理解您的心情，我们一定尽快处理。"\n'
        "      - situation: 客户要求立即答复时\n"
        '        text: "{称呼}，我现在就帮您查。"\n',
        TIGHTENED,
        "customer-script-added",
        "- situation: 客户要求立即答复时",
    ),
    Case(
        "thing to avoid added",
        "customer-types",
        "      - 与客户争辩\n",
        "      - 与客户争辩\n      - 打断客户\n",
        TIGHTENED,
        "customer-avoid-added",
        "打断客户",
    ),
    Case(
        "strategy added",
        "customer-types",
        "      - 先安抚情绪\n",
        "      - 先安抚情绪\n      - 复述客户诉求\n",
        ADDED,
        "customer-strategy-added",
        "复述客户诉求",
    ),
    # ---- calendar
    Case(
        "holiday added",
        "calendar",
        '  - {date: "2026-01-03", name: 元旦}\n',
        '  - {date: "2026-01-03", name: 元旦}\n  - {date: "2026-12-30", name: 公司庆典放假}\n',
        LOOSENED,
        "holiday-added",
        "2026-12-30",
    ),
    Case(
        "shorter working day",
        "calendar",
        'end: "18:00"',
        'end: "17:00"',
        LOOSENED,
        "working-end-earlier",
        'end: "17:00"',
    ),
    Case(
        "rest day added",
        "calendar",
        "rest_days: [6, 7]",
        "rest_days: [5, 6, 7]",
        LOOSENED,
        "rest-day-added",
        "rest_days",
    ),
    Case(
        "make-up workday removed",
        "calendar",
        'make_up_workdays:\n  - {date: "2026-01-04", name: 元旦调休}\n',
        "make_up_workdays:\n",
        LOOSENED,
        "make-up-workday-removed",
        "2026-01-04",
    ),
]
UNDIRECTED = {"remedy-kind-changed"}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_edit_is_one_classified_located_change(case: Case):
    head = edit(case.target, case.old, case.new)
    changes = changes_between(BASE_FILES, head)
    assert [(c.id, c.level) for c in changes] == [(case.id, case.level)], changes
    change = changes[0]
    removal = change.in_base
    text = (BASE_FILES if removal else head)[TARGET_FILES[case.target]]
    assert change.path == f"playbooks/{TARGET_FILES[case.target]}"
    assert change.line == line_of(text, case.at, case.after), change
    assert text.splitlines()[change.line - 1][change.column - 1 :].strip(), "column past the text"
    assert removal == (case.level is not WORDING and not change.new), change


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_reverse_edit_classifies_oppositely(case: Case):
    head = edit(case.target, case.old, case.new)
    forward = changes_between(BASE_FILES, head)
    backward = changes_between(head, BASE_FILES)
    expected = [c.level if c.id in UNDIRECTED else c.level.opposite for c in forward]
    assert sorted(c.level for c in backward) == sorted(expected)


def test_the_issue_example_reads_in_business_terms():
    head = edit("category", '    resolution: "3 working days"', '    resolution: "4 working days"')
    (change,) = changes_between(BASE_FILES, head)
    assert change.text == "「产品质量」紧急·重大 解决时限：3 个工作日 → 4 个工作日"
    assert (change.playbook, change.subject) == ("产品质量", "紧急·重大 解决时限")
    assert (change.old, change.new, change.kind) == ("3 个工作日", "4 个工作日", "limit")


def test_identical_sets_have_no_changes():
    assert changes_between(BASE_FILES, BASE_FILES) == []


def test_an_edited_sentence_is_one_rewording_not_a_removal_and_an_addition():
    head = edit("category", "      - 记录投诉内容\n", "      - 详细记录投诉内容\n")
    (change,) = changes_between(BASE_FILES, head)
    assert (change.id, change.old, change.new) == (
        "action-reworded",
        "记录投诉内容",
        "详细记录投诉内容",
    )


def test_an_unrelated_replacement_is_a_removal_and_an_addition():
    base = edit("category", "  - 产品照片\n", "  - 产品照片\n  - 维修单\n")
    head = edit("category", "  - 产品照片\n", "  - 购买凭证\n  - 产品照片\n")
    found = {(c.id, c.level, c.side) for c in changes_between(base, head)}
    assert found == {("evidence-removed", LOOSENED, "base"), ("evidence-added", TIGHTENED, "head")}


def test_tier_order_swapped_is_reviewed_as_loosened():
    data = load_data(BASE_FILES["policy.yaml"])
    data["tiers"][0], data["tiers"][1] = data["tiers"][1], data["tiers"][0]
    head = {**BASE_FILES, "policy.yaml": dump_yaml(data)}
    order = [c for c in changes_between(BASE_FILES, head) if c.id == "tier-order-changed"]
    assert [(c.level, c.old, c.new) for c in order] == [
        (
            LOOSENED,
            "一线客服专员 < 客服主管 < 客户服务总监",
            "客服主管 < 一线客服专员 < 客户服务总监",
        )
    ]


def test_holidays_beyond_the_base_calendar_are_new_data_not_a_loosening():
    head = edit("calendar", 'data_until: "2026-12-31"', 'data_until: "2027-12-31"')
    head = edit(
        "calendar",
        '  - {date: "2026-01-03", name: 元旦}\n',
        '  - {date: "2026-01-03", name: 元旦}\n  - {date: "2027-01-01", name: 元旦}\n',
        head,
    )
    found = {(c.id, c.level) for c in changes_between(BASE_FILES, head)}
    assert found == {("calendar-end-extended", ADDED), ("holiday-added", ADDED)}


def test_new_and_removed_playbooks():
    category = BASE_FILES[TARGET_FILES["category"]]
    new = category.replace("id: product-quality", "id: damaged-parcel").replace(
        "title: 产品质量", "title: 包裹破损"
    )
    head = {**BASE_FILES, "categories/damaged-parcel.yaml": new}
    (added,) = changes_between(BASE_FILES, head)
    assert (added.id, added.level, added.path, added.line) == (
        "playbook-added",
        ADDED,
        "playbooks/categories/damaged-parcel.yaml",
        1,
    )
    assert added.text == "「包裹破损」新增 整个手册：版本 1.0.0"
    # deleting a playbook drops every obligation in it: loosened, so it is reviewed first
    (removed,) = changes_between(head, BASE_FILES)
    assert (removed.id, removed.level, removed.side) == ("playbook-removed", LOOSENED, "base")


def test_loosened_changes_come_first_in_the_diff_and_among_playbooks():
    head = edit("customer-types", "title: 示例客户类型", "title: 客户类型")
    head = edit("policy", "max_amount: 300\n", "max_amount: 500\n", head)
    head = edit("category", "summary: 产品存在质量缺陷或功能故障", "summary: 产品故障", head)
    diff = compare(playbook_set(BASE_FILES), playbook_set(head))
    assert [c.level for c in diff.changes] == [LOOSENED, WORDING, WORDING]
    assert diff.changed()[0].key == "policy"


# ---- formats --------------------------------------------------------------------------------


def report_for(head: dict[str, str]) -> DiffReport:
    diff = compare(playbook_set(BASE_FILES), playbook_set(head))
    return DiffReport("基准：main", "对比：工作区", diff, version_findings(diff))


def rendered(write: Callable[[DiffReport, io.StringIO], None], report: DiffReport) -> str:
    out = io.StringIO()
    write(report, out)
    return out.getvalue()


LOOSEN_AND_REWORD = edit(
    "category",
    '    resolution: "3 working days"',
    '    resolution: "4 working days"',
    edit("category", "我们可以为您免费维修", "我们可以|免费|为您维修"),
)


def test_markdown_is_a_pr_comment_with_marker_counts_and_loosened_first():
    page = rendered(markdown.write, report_for(LOOSEN_AND_REWORD))
    lines = page.splitlines()
    assert lines[0] == MARKER
    assert (
        "| 放宽 | 义务减轻：时限延长、步骤或话术删除、权限下放、禁用语或监管上限取消 | 1 |" in lines
    )
    assert "| 措辞 | 只改文字：摘要、动作、话术、标题、说明 | 1 |" in lines
    assert "### 产品质量" in lines
    loosened = page.index("| **放宽** | 紧急·重大 解决时限 | 3 个工作日 | 4 个工作日 |")
    assert loosened < page.index("<summary>措辞修改 1 处</summary>")
    assert "我们可以\\|免费\\|为您维修" in page, "pipes in a cell are escaped"
    assert "PB701" in page and "PB702" in page, "version findings follow the changes"


def test_markdown_drops_wording_details_past_the_comment_limit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(markdown, "COMMENT_LIMIT", 500)
    page = rendered(markdown.write, report_for(LOOSEN_AND_REWORD))
    assert "另有措辞修改 1 处" in page
    assert "| **放宽** | 紧急·重大 解决时限 |" in page


def test_json_has_stable_keys():
    document = json.loads(rendered(json_format.write, report_for(LOOSEN_AND_REWORD)))
    assert list(document) == [
        "base",
        "head",
        "summary",
        "playbooks",
        "changes",
        "findings",
        "findings_summary",
    ]
    assert document["summary"] == {
        "loosened": 1,
        "tightened": 0,
        "added": 0,
        "removed": 0,
        "wording": 1,
        "total": 2,
    }
    assert list(document["changes"][0]) == [
        "id",
        "level",
        "level_label",
        "kind",
        "playbook",
        "subject",
        "old",
        "new",
        "path",
        "line",
        "column",
        "side",
        "text",
    ]
    assert document["changes"][0]["level"] == "loosened"
    assert document["base"] == {"label": "基准：main", "revision": None}
    assert {f["rule"] for f in document["findings"]} == {"PB701", "PB702"}


def test_text_is_compiler_style_and_marks_removals():
    head = edit("category", '      email: "{称呼}您好：来信已收到，工单号为{工单号}。"\n', "")
    output = rendered(text.write, report_for(head))
    line = line_of(BASE_FILES[TARGET_FILES["category"]], "来信已收到")
    assert (
        f"playbooks/categories/product-quality.yaml:{line}:14（基准版本中的位置）: 放宽 "
        "script-removed 「产品质量」删除 步骤「接收与登记」的电子邮件话术："
    ) in output
    assert "共 1 处变更：放宽 1，收紧 0，新增 0，删除 0，措辞 0。" in output


def test_empty_diff_reports_say_so():
    report = report_for(BASE_FILES)
    assert "没有变更。" in rendered(text.write, report)
    assert "两个版本的手册在业务含义上没有差别。" in rendered(markdown.write, report)


# ---- version arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ((1, 2, 0), (1, 2, 0), Bump.NONE),
        ((1, 2, 0), (1, 1, 9), Bump.NONE),
        ((1, 2, 0), (1, 2, 1), Bump.PATCH),
        ((1, 2, 3), (1, 3, 0), Bump.MINOR),
        ((1, 2, 3), (2, 0, 0), Bump.MAJOR),
        ((0, 3, 1), (0, 3, 2), Bump.MINOR),  # 0.x: the patch number acts as the minor
        ((0, 3, 1), (0, 4, 0), Bump.MAJOR),  # and the minor number as the major
        ((0, 9, 0), (1, 0, 0), Bump.MAJOR),
    ],
)
def test_bump_of(old: Version, new: Version, bump: Bump):
    assert bump_of(old, new) is bump


@pytest.mark.parametrize(
    ("old", "bump", "expected"),
    [
        ((1, 2, 3), Bump.MAJOR, "2.0.0"),
        ((1, 2, 3), Bump.MINOR, "1.3.0"),
        ((1, 2, 3), Bump.PATCH, "1.2.4"),
        ((0, 2, 3), Bump.MAJOR, "0.3.0"),
        ((0, 2, 3), Bump.MINOR, "0.2.4"),
    ],
)
def test_next_version_is_the_smallest_sufficient_one(old: Version, bump: Bump, expected: str):
    assert next_version(old, bump) == expected
    parsed = tuple(int(p) for p in expected.split("."))
    assert bump_of(old, parsed) >= bump


def released(text: str, version: str, date: str = "2026-02-20") -> str:
    """A playbook's text at ``version``, with its changelog entry and effective date."""
    data = load_data(text)
    data["version"] = version
    data["effective"] = date
    data["changelog"].insert(0, {"version": version, "date": date, "changes": ["修订"]})
    return dump_yaml(data)


@pytest.mark.parametrize(
    ("version", "rules"),
    [("1.0.0", {"PB701", "PB703"}), ("1.0.1", {"PB703"}), ("1.1.0", set()), ("2.0.0", set())],
)
def test_a_new_remedy_needs_a_minor_bump(version: str, rules: set[str]):
    head = edit(
        "category",
        "remedies:\n  - id: free-repair\n",
        "remedies:\n  - id: gift\n    title: 关怀礼品\n    kind: goodwill\n    approver: agent\n"
        "    conditions: 客户等待较久\n  - id: free-repair\n",
    )
    name = TARGET_FILES["category"]
    if version != "1.0.0":
        head[name] = released(head[name], version)
    diff = compare(playbook_set(BASE_FILES), playbook_set(head))
    assert {f.rule_id for f in version_findings(diff)} == rules


def test_a_lowered_version_is_pb705_only():
    name = TARGET_FILES["category"]
    head = edit("category", "summary: 产品存在质量缺陷或功能故障", "summary: 产品故障")
    head[name] = released(head[name], "0.9.0").replace('"1.0.0"', '"0.8.0"')
    diff = compare(playbook_set(BASE_FILES), playbook_set(head))
    assert [f.rule_id for f in version_findings(diff)] == ["PB705"]


@pytest.mark.parametrize(
    ("version", "allowed"),
    [
        ("1.0.0", True),
        ("0.1.0", True),
        ("0.9.4", True),
        ("0.0.1", False),
        ("1.1.0", False),
        ("2.0.0", False),
        ("0.10.0", False),
    ],
)
def test_new_playbooks_start_at_a_sane_version(version: str, allowed: bool):
    category = BASE_FILES[TARGET_FILES["category"]].replace("id: product-quality", "id: parcel")
    data = load_data(category)
    data["version"] = version
    data["changelog"][0]["version"] = version
    head = {**BASE_FILES, "categories/parcel.yaml": dump_yaml(data)}
    diff = compare(playbook_set(BASE_FILES), playbook_set(head))
    assert [f.rule_id for f in version_findings(diff)] == ([] if allowed else ["PB707"])
