"""In-place suppressions: ``# playbook: disable=PB304 原因`` on the line or alone just above it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import active, column_of, describe, line_of, replace_once, run, with_rule

from checker.findings import Severity
from checker.pipeline.suppressions import parse
from checker.yaml.source import SourceFile

CATEGORY = "categories/product-quality.yaml"

# Normal resolution above the policy's 10-working-day ceiling: exactly one PB304 finding.
# (follow_up moves up as well so that PB303 stays quiet.)
LIMIT = '    resolution: "7 working days"\n    follow_up: "10 working days"\n'
OVER = '    resolution: "12 working days"{comment}\n    follow_up: "15 working days"\n'
RESOLUTION = 'resolution: "12 working days"'


def over_ceiling(base_set: Path, edit, comment: str = "", above: str = "") -> str:
    """Make the PB304 finding, with an optional trailing comment or a comment line above."""
    new = OVER.format(comment=comment)
    if above:
        new = f"    {above}\n{new}"
    return edit(base_set / CATEGORY, replace_once(LIMIT, new))


def test_unsuppressed_finding_fails_the_run(base_set, edit):
    text = over_ceiling(base_set, edit)
    result = run(base_set)
    finding = next(iter(with_rule(result.findings, "PB304")), None)
    assert finding is not None, describe(result.findings)
    assert [f.rule_id for f in result.findings] == ["PB304"], describe(result.findings)
    line = line_of(text, RESOLUTION)
    assert (finding.line, finding.column) == (line, column_of(text, line, '"12 working days"'))
    assert not finding.suppressed
    assert result.summary.errors == 1
    assert result.summary.suppressed == 0
    assert result.summary.fails(strict=False)


@pytest.mark.parametrize(
    ("comment", "above"),
    [
        ("  # playbook: disable=PB304 经合规部书面批准的试点", ""),
        ("", "# playbook: disable=PB304 经合规部书面批准的试点"),
        ("  #playbook:disable=pb304 经合规部书面批准的试点", ""),
    ],
    ids=["same-line", "line-above", "compact-lowercase"],
)
def test_suppression_with_reason(base_set, edit, comment, above):
    over_ceiling(base_set, edit, comment, above)
    result = run(base_set)
    assert [f.rule_id for f in result.findings] == ["PB304"], describe(result.findings)
    finding = result.findings[0]
    assert finding.suppressed
    assert finding.suppressed_reason == "经合规部书面批准的试点"
    assert finding.severity is Severity.ERROR  # kept as it is, only marked
    summary = result.summary
    assert (summary.errors, summary.warnings, summary.suppressed) == (0, 0, 1)
    assert not summary.fails(strict=False)
    assert not summary.fails(strict=True)
    assert "另有 1 条已按注释说明抑制" in summary.sentence()


def test_suppression_of_several_rules(base_set, edit):
    over_ceiling(base_set, edit, "  # playbook: disable=PB303,PB304 试点")
    result = run(base_set)
    assert [(f.rule_id, f.suppressed_reason) for f in result.findings] == [("PB304", "试点")]


def test_suppression_without_reason_does_not_apply(base_set, edit):
    text = over_ceiling(base_set, edit, "  # playbook: disable=PB304")
    result = run(base_set)
    line = line_of(text, RESOLUTION)
    assert sorted(f.rule_id for f in result.findings) == ["PB304", "PB901"], describe(
        result.findings
    )
    finding = with_rule(result.findings, "PB304")[0]
    assert not finding.suppressed
    assert finding.suppressed_reason is None
    missing = with_rule(result.findings, "PB901")[0]
    assert missing.severity is Severity.ERROR
    assert (missing.line, missing.column) == (line, column_of(text, line, "# playbook"))
    assert "PB304" in missing.message and "原因" in missing.message
    assert "disable=" in missing.hint
    summary = result.summary
    assert (summary.errors, summary.suppressed) == (2, 0)
    assert summary.fails(strict=False)


@pytest.mark.parametrize(
    "placeholder", ["请写明原因", "（请写明原因）", "原因", "TODO", "todo:", "【待填写】", "..."]
)
def test_a_placeholder_is_no_reason(base_set, edit, placeholder):
    """What the editor's quick fix inserts (请写明原因), or the like, does not suppress: PB901
    names it until a real reason replaces it."""
    over_ceiling(base_set, edit, above=f"# playbook: disable=PB304 {placeholder}")
    result = run(base_set)
    assert sorted(f.rule_id for f in active(result.findings)) == ["PB304", "PB901"]
    missing = with_rule(result.findings, "PB901")[0]
    assert f"「{placeholder}」还是占位文字" in missing.message


@pytest.mark.parametrize(
    "reason", ["待填写表单的字段由营销部另定", "TODO 清单外的试点，经合规部批准"]
)
def test_a_reason_that_merely_contains_a_placeholder_word_counts(base_set, edit, reason):
    over_ceiling(base_set, edit, above=f"# playbook: disable=PB304 {reason}")
    result = run(base_set)
    assert [(f.rule_id, f.suppressed_reason) for f in result.findings] == [("PB304", reason)]


def test_suppression_without_reason_on_the_line_above(base_set, edit):
    text = over_ceiling(base_set, edit, above="# playbook: disable=PB304   ")
    result = run(base_set)
    assert sorted(f.rule_id for f in active(result.findings)) == ["PB304", "PB901"]
    missing = with_rule(result.findings, "PB901")[0]
    assert missing.line == line_of(text, RESOLUTION) - 1
    assert missing.column == 5


def test_suppression_on_a_clean_line_is_unused(base_set, edit):
    text = edit(
        base_set / CATEGORY,
        replace_once(
            '    resolution: "7 working days"',
            '    resolution: "7 working days"  # playbook: disable=PB304 历史遗留',
        ),
    )
    result = run(base_set)
    assert [f.rule_id for f in result.findings] == ["PB902"], describe(result.findings)
    unused = result.findings[0]
    line = line_of(text, "disable=PB304")
    assert unused.severity is Severity.WARNING
    assert (unused.line, unused.column) == (line, column_of(text, line, "# playbook"))
    assert f"第 {line} 行" in unused.message and "PB304" in unused.message
    summary = result.summary
    assert (summary.errors, summary.warnings, summary.suppressed) == (0, 1, 0)
    assert not summary.fails(strict=False)
    assert summary.fails(strict=True)


def test_suppression_for_another_rule_does_not_hide_the_finding(base_set, edit):
    over_ceiling(base_set, edit, "  # playbook: disable=PB302 不相关")
    result = run(base_set)
    assert sorted(f.rule_id for f in result.findings) == ["PB304", "PB902"]
    assert not with_rule(result.findings, "PB304")[0].suppressed


def test_comment_above_applies_only_to_the_next_line(base_set, edit):
    """A comment alone on a line covers the line right below it, not the one after."""
    text = edit(
        base_set / CATEGORY,
        replace_once(
            '    update_interval: "2 working days"\n' + LIMIT,
            '    # playbook: disable=PB304 试点\n    update_interval: "2 working days"\n'
            + OVER.format(comment=""),
        ),
    )
    result = run(base_set)
    assert sorted(f.rule_id for f in result.findings) == ["PB304", "PB902"], describe(
        result.findings
    )
    assert not with_rule(result.findings, "PB304")[0].suppressed
    unused = with_rule(result.findings, "PB902")[0]
    assert unused.line == line_of(text, "disable=PB304")
    assert f"第 {line_of(text, 'update_interval')} 行" in unused.message


def test_rule_list_with_space_after_comma(base_set, edit):
    """``disable=PB303, PB304 原因`` names two rules; the reason is what follows them."""
    over_ceiling(base_set, edit, "  # playbook: disable=PB303, PB304 试点")
    result = run(base_set)
    assert [(f.rule_id, f.suppressed_reason) for f in result.findings] == [("PB304", "试点")], (
        describe(result.findings)
    )


def test_parse_reports_target_lines_and_reasons():
    text = (
        "a: 1  # playbook: disable=PB304 原因一\n"
        "# playbook: disable=pb201,PB202 原因二\n"
        "b: 2\n"
        "c: 3  # playbook: disable=PB304\n"
        "d: 4  # 普通注释\n"
    )
    found = parse(SourceFile("x.yaml", text))
    assert [(s.line, s.applies_to_line, sorted(s.rule_ids), s.reason) for s in found] == [
        (1, 1, ["PB304"], "原因一"),
        (2, 3, ["PB201", "PB202"], "原因二"),
        (4, 4, ["PB304"], ""),
    ]
    assert [s.column for s in found] == [7, 1, 7]
