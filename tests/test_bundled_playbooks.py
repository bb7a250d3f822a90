"""The bundled playbooks: clean, complete, and every rule catches a deliberate break in them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PLAYBOOKS, column_of, describe, line_of, replace_once, run, with_rule

from checker.model.vocabulary import STEP_IDS

CATEGORY_IDS = [
    "after-sales",
    "billing-pricing",
    "contract-dispute",
    "delivery-delay",
    "product-quality",
    "safety-incident",
    "service-attitude",
]
CUSTOMER_TYPE_IDS = ["dissatisfied", "complainant", "hard-to-communicate", "emotional", "difficult"]
CHANNEL_IDS = ["phone", "email", "web", "wechat", "onsite", "social"]
QUALITY = "categories/product-quality.yaml"


# The calendar rule PB802 warns when the holiday data runs out within the longest limit from
# *today* (from 60 days before the data ends); the bundled data covers 2025-2026, so the clean
# check is pinned to a date more than 60 days before its end.
# (tests/test_calendar.py shows the warning appearing as the data end approaches.)
PINNED_TODAY = "2026-10-15"


@pytest.fixture(scope="module")
def bundled():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLAYBOOK_TODAY", PINNED_TODAY)
        return run(PLAYBOOKS)


def test_bundled_playbooks_check_clean(bundled):
    assert bundled.findings == [], describe(bundled.findings)
    summary = bundled.summary
    assert summary.files == 10
    assert (summary.errors, summary.warnings, summary.infos, summary.suppressed) == (0, 0, 0, 0)
    assert not summary.fails(strict=True)


def test_set_contents(bundled):
    playbooks = bundled.playbooks
    assert playbooks is not None and playbooks.policy is not None
    assert sorted(c.id for c in playbooks.categories) == CATEGORY_IDS
    assert playbooks.customer_types is not None
    assert [t.id for t in playbooks.customer_types.types] == CUSTOMER_TYPE_IDS
    assert [s.id for s in playbooks.policy.severities] == ["normal", "major", "critical"]
    assert [c.id for c in playbooks.policy.channels] == CHANNEL_IDS
    assert playbooks.calendar is not None
    assert len(playbooks.headers) == 10


def test_every_category_file_is_named_after_its_id():
    names = sorted(p.stem for p in (PLAYBOOKS / "categories").glob("*.yaml"))
    assert names == CATEGORY_IDS


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_category_has_eight_steps_and_full_receive_scripts(bundled, category_id):
    category = bundled.playbooks.category(category_id)
    assert category is not None
    assert [s.id for s in category.procedure] == list(STEP_IDS)
    assert len(category.procedure) == 8
    receive = category.procedure[0]
    assert receive.id == "receive"
    assert sorted(receive.channels) == sorted(CHANNEL_IDS)
    assert sorted(receive.scripts) == sorted(CHANNEL_IDS)
    assert all(script.text.strip() for script in receive.scripts.values())
    for severity in ("normal", "major", "critical"):
        assert severity in category.limits
        assert severity in category.escalation


@pytest.mark.parametrize("name", [QUALITY, "policy.yaml", "customer-types.yaml"])
def test_single_file_is_checked_with_its_folder_as_context(name):
    result = run(PLAYBOOKS / name)
    assert result.findings == [], describe(result.findings)
    assert result.summary.files == 1
    assert len(result.paths) == 1 and result.paths[0].endswith(name)


# ---- deliberate breaks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """Replace ``old`` by ``new`` (once) in ``file``; expect ``rule`` where ``needle`` is."""

    id: str
    file: str
    old: str
    new: str
    rule: str
    line_needle: str
    column_needle: str
    start_after: str | None = None


BREAKS = [
    Break(
        "major-first-response-above-normal",
        QUALITY,
        'first_response: "2 working hours"',
        'first_response: "6 working hours"',
        "PB301",
        'first_response: "6 working hours"',
        '"6 working hours"',
    ),
    Break(
        "receive-social-script-removed",
        QUALITY,
        '      social: "您好，看到您反映的产品使用问题，给您添麻烦了，非常抱歉。'
        '为保护您的个人信息，请私信我们留下联系方式，或拨打和悦家电客服热线{热线}，专人会跟进处理。"\n',
        "",
        "PB503",
        "channels: [phone, email, web, wechat, onsite, social]",
        "social",
        start_after="- id: receive",
    ),
    Break(
        "unknown-tier-in-escalation",
        QUALITY,
        "        to: team-lead\n        when: 客户不接受维修方案",
        "        to: team-leader\n        when: 客户不接受维修方案",
        "PB201",
        "to: team-leader",
        "team-leader",
    ),
    Break(
        "unknown-tier-as-approver",
        QUALITY,
        '    approver: supervisor\n    execute_within: "5 working days"\n    conditions: 经检测',
        '    approver: manager\n    execute_within: "5 working days"\n    conditions: 经检测',
        "PB201",
        "approver: manager",
        "manager",
    ),
    Break(
        "escalation-out-of-order",
        QUALITY,
        '      - after: "4 working days"\n        to: supervisor',
        '      - after: "1 working day"\n        to: supervisor',
        "PB402",
        'after: "1 working day"',
        '"1 working day"',
    ),
    Break(
        "refund-slower-than-ceiling",
        QUALITY,
        'execute_within: "7 calendar days"',
        'execute_within: "10 calendar days"',
        "PB304",
        'execute_within: "10 calendar days"',
        '"10 calendar days"',
    ),
    Break(
        "forbidden-phrase-in-script",
        QUALITY,
        "检测结果已经出来了，",
        "检测结果已经出来了，我也没办法，",
        "PB501",
        "我也没办法",
        '"{称呼}您好，我是客服组长',
    ),
    Break(
        "undeclared-placeholder",
        QUALITY,
        "检测结果已经出来了，",
        "{客户名}，检测结果已经出来了，",
        "PB502",
        "{客户名}",
        '"{称呼}您好，我是客服组长',
    ),
    Break(
        "team-lead-authority-below-agent",
        "policy.yaml",
        "      max_amount: 1000\n",
        "      max_amount: 200\n",
        "PB413",
        "max_amount: 200",
        "200",
    ),
    Break(
        "policy-version-without-changelog",
        "policy.yaml",
        "version: 1.4.0\neffective",
        "version: 1.5.0\neffective",
        "PB602",
        "version: 1.5.0",
        "1.5.0",
    ),
    Break(
        "duplicate-customer-type",
        "customer-types.yaml",
        "  - id: difficult",
        "  - id: emotional",
        "PB202",
        "  - id: emotional",
        "emotional",
        start_after="  - id: emotional",
    ),
    Break(
        "unknown-severity-in-trigger",
        QUALITY,
        "      raise_to: critical\n      signals: [many-customers]\n    - when: 故障伴有",
        "      raise_to: severe\n      signals: [many-customers]\n    - when: 故障伴有",
        "PB201",
        "raise_to: severe",
        "severe",
    ),
]


@pytest.mark.parametrize("broken", BREAKS, ids=[b.id for b in BREAKS])
def test_break_is_reported_at_the_right_line(broken: Break, bundled_set: Path, edit):
    text = edit(bundled_set / broken.file, replace_once(broken.old, broken.new))
    findings = run(bundled_set).findings
    mine = with_rule(findings, broken.rule)
    assert mine, f"{broken.rule} not reported; findings:\n{describe(findings)}"
    line = line_of(text, broken.line_needle, start_after=broken.start_after)
    column = column_of(text, line, broken.column_needle)
    where = [(f.path.split("playbooks/")[-1], f.line, f.column) for f in mine]
    assert (broken.file, line, column) in where, (
        f"expected {broken.rule} at {broken.file}:{line}:{column}; findings:\n{describe(findings)}"
    )
    assert all(not f.suppressed for f in findings)


def test_break_in_one_category_leaves_the_others_clean(bundled_set: Path, edit):
    edit(
        bundled_set / QUALITY,
        replace_once('first_response: "2 working hours"', 'first_response: "6 working hours"'),
    )
    findings = run(bundled_set).findings
    assert {f.path.split("playbooks/")[-1] for f in findings} == {QUALITY}, describe(findings)
    assert {f.rule_id for f in findings} == {"PB301"}


def test_checking_one_file_reports_only_that_file(bundled_set: Path, edit):
    edit(
        bundled_set / "policy.yaml",
        replace_once("      max_amount: 1000\n", "      max_amount: 200\n"),
    )
    only_category = run(bundled_set / "categories" / "after-sales.yaml").findings
    assert all(f.path.endswith("after-sales.yaml") for f in only_category), describe(only_category)
    whole = run(bundled_set).findings
    assert any(f.rule_id == "PB413" and f.path.endswith("policy.yaml") for f in whole)
