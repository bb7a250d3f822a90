"""Schema and reading problems: the exact position and the Chinese message and hint.

Each test starts from the example base, breaks one thing and checks what a reader is told.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import column_of, describe, line_of, replace_once, run

from checker.findings import Finding, Severity

CATEGORY = "categories/product-quality.yaml"
POLICY = "policy.yaml"


def only(findings: list[Finding], rule_id: str) -> Finding:
    """The single finding of ``rule_id``; fails with every finding listed otherwise."""
    matching = [f for f in findings if f.rule_id == rule_id]
    assert len(matching) == 1, f"expected one {rule_id}; findings:\n{describe(findings)}"
    return matching[0]


def break_file(base_set: Path, edit, name: str, old: str, new: str) -> tuple[str, list[Finding]]:
    """Apply one replacement to a file of the base set; return the new text and all findings."""
    text = edit(base_set / name, replace_once(old, new))
    return text, run(base_set).findings


def at(finding: Finding) -> tuple[int, int]:
    return (finding.line, finding.column)


# ---- unknown fields (PB105) --------------------------------------------------------------


def test_misspelt_field_gets_did_you_mean(base_set, edit):
    text, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        '    resolution: "7 working days"',
        '    resolutoin: "7 working days"',
    )
    unknown = only(findings, "PB105")
    line = line_of(text, "resolutoin:")
    assert at(unknown) == (line, 5)
    assert unknown.severity is Severity.ERROR
    assert unknown.path.endswith(CATEGORY)
    assert unknown.message == "未知字段「resolutoin」：「一个严重程度的时限」没有这个字段。"
    assert "resolution" in unknown.hint
    assert unknown.hint == "是不是想写「resolution」？"
    # The real field is now missing too, reported at the severity that lacks it.
    missing = only(findings, "PB101")
    assert at(missing) == (line_of(text, "  normal:", start_after="limits:"), 3)
    assert missing.message == "缺少必填字段「resolution」（解决时限）。"


def test_misspelt_top_level_field(base_set, edit):
    text, findings = break_file(base_set, edit, CATEGORY, "summary:", "sumary:")
    unknown = only(findings, "PB105")
    assert at(unknown) == (line_of(text, "sumary:"), 1)
    assert unknown.message == "未知字段「sumary」：「投诉类别」没有这个字段。"
    assert unknown.hint == "是不是想写「summary」？"


def test_misspelt_field_in_policy(base_set, edit):
    text, findings = break_file(
        base_set, edit, POLICY, "      max_amount: 300", "      max_amout: 300"
    )
    unknown = only(findings, "PB105")
    assert at(unknown) == (line_of(text, "max_amout:"), 7)
    assert unknown.path.endswith(POLICY)
    assert unknown.message == "未知字段「max_amout」：「审批权限」没有这个字段。"
    assert unknown.hint == "是不是想写「max_amount」？"
    # A broken policy leaves the categories without one.
    assert only(findings, "PB206").path.endswith(CATEGORY)


def test_unknown_field_without_close_match_lists_fields(base_set, edit):
    text, findings = break_file(base_set, edit, CATEGORY, "summary:", "zzzzqqq: 1\nsummary:")
    unknown = only(findings, "PB105")
    assert at(unknown) == (line_of(text, "zzzzqqq:"), 1)
    assert unknown.hint.startswith("这里可用的字段：")
    listed = unknown.hint.removeprefix("这里可用的字段：").rstrip("。").split("、")
    for name in ("kind", "id", "summary", "cases", "legal", "title", "version", "changelog"):
        assert name in listed
    assert len(listed) == len(set(listed)), f"fields listed twice: {unknown.hint}"


# ---- missing required fields ---------------------------------------------------------------


def test_missing_required_field_names_its_title(base_set, edit):
    text, findings = break_file(base_set, edit, CATEGORY, '    resolution: "7 working days"\n', "")
    missing = only(findings, "PB101")
    assert at(missing) == (line_of(text, "  normal:", start_after="limits:"), 3)
    assert missing.message == "缺少必填字段「resolution」（解决时限）。"
    assert "解决时限" in missing.message
    assert missing.hint == "收到投诉后多久内必须给出处理结果。"


def test_missing_top_level_field_is_reported_at_the_start(base_set, edit):
    _, findings = break_file(
        base_set, edit, CATEGORY, "legal:\n  involve_when:\n    - 客户提起诉讼\n", ""
    )
    missing = only(findings, "PB101")
    assert at(missing) == (1, 1)
    assert missing.message == "缺少必填字段「legal」（法务介入）。"


@pytest.mark.parametrize(
    ("old", "field", "title"),
    [
        ('version: "1.0.0"\neffective', "version", "版本号"),
        ("    kind: repair\n", "kind", "补救种类"),
    ],
    ids=["version", "remedy-kind"],
)
def test_missing_field_defined_by_reference_names_its_title(base_set, edit, old, field, title):
    """Fields whose title lives in a shared definition ($ref) are named like all others."""
    new = "effective" if old.endswith("effective") else ""
    _, findings = break_file(base_set, edit, CATEGORY, old, new)
    missing = only(findings, "PB101")
    assert f"「{field}」" in missing.message
    assert title in missing.message, missing.message


# ---- wrong types ---------------------------------------------------------------------------


def test_text_where_a_list_is_expected(base_set, edit):
    text, findings = break_file(
        base_set, edit, CATEGORY, "cases:\n  - 洗衣机漏水", "cases: 洗衣机漏水"
    )
    wrong = only(findings, "PB101")
    line = line_of(text, "cases: 洗衣机漏水")
    assert at(wrong) == (line, column_of(text, line, "洗衣机漏水"))
    assert wrong.message == "「典型案例」应为列表（以 - 开头的若干项），这里是「洗衣机漏水」。"
    assert "典型案例" in wrong.hint and "列表" in wrong.hint
    assert wrong.hint == "「典型案例」是列表：每一项单独一行，以「- 」开头。"


def test_quoted_boolean(base_set, edit):
    text, findings = break_file(base_set, edit, POLICY, "realtime: true", 'realtime: "true"')
    wrong = only(findings, "PB101")
    line = line_of(text, 'realtime: "true"')
    assert at(wrong) == (line, column_of(text, line, '"true"'))
    assert wrong.message == "「是否实时」应为true 或 false，这里是「true」。"
    assert wrong.hint == "写 true 或 false（不加引号）。"


def test_quoted_amount(base_set, edit):
    text, findings = break_file(base_set, edit, CATEGORY, "max_amount: 3000", 'max_amount: "3000"')
    wrong = only(findings, "PB101")
    line = line_of(text, 'max_amount: "3000"')
    assert at(wrong) == (line, column_of(text, line, '"3000"'))
    assert wrong.message == "「单笔上限（元）」应为整数，这里是「3000」。"
    assert "整数" in wrong.hint


def test_empty_list(base_set, edit):
    text, findings = break_file(base_set, edit, CATEGORY, "evidence:\n  - 产品照片", "evidence: []")
    empty = only(findings, "PB101")
    line = line_of(text, "evidence: []")
    assert at(empty) == (line, column_of(text, line, "[]"))
    assert empty.message == "「需收集的证据」至少要有 1 项。"


def test_empty_text(base_set, edit):
    text, findings = break_file(
        base_set, edit, CATEGORY, "summary: 产品存在质量缺陷或功能故障", 'summary: ""'
    )
    empty = only(findings, "PB101")
    line = line_of(text, 'summary: ""')
    assert at(empty) == (line, column_of(text, line, '""'))
    assert empty.message == "「概述」不能为空。"


# ---- enums ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "title", "suggestion"),
    [
        (CATEGORY, "kind: repair", "kind: repiar", "补救种类", "repair"),
        (CATEGORY, "  - id: assess", "  - id: asess", "步骤标识", "assess"),
        (POLICY, "certainty: verified", "certainty: verifed", "可靠程度", "verified"),
    ],
    ids=["remedy-kind", "step-id", "ceiling-certainty"],
)
def test_enum_typo_suggests_the_value(base_set, edit, name, old, new, title, suggestion):
    text, findings = break_file(base_set, edit, name, old, new)
    wrong = only(findings, "PB101")
    typo = new.split(": ")[1]
    line = line_of(text, new)
    assert wrong.path.endswith(name)
    assert at(wrong) == (line, column_of(text, line, typo))
    assert wrong.message == f"「{title}」不能是「{typo}」。"
    assert wrong.hint == f"是不是想写「{suggestion}」？"


# ---- ids (PB103) ---------------------------------------------------------------------------


def test_invalid_id_value(base_set, edit):
    text, findings = break_file(
        base_set, edit, CATEGORY, "  - id: free-repair", "  - id: Free_Repair"
    )
    bad = only(findings, "PB103")
    line = line_of(text, "id: Free_Repair")
    assert at(bad) == (line, column_of(text, line, "Free_Repair"))
    assert bad.message == "标识「Free_Repair」不合规范。"
    assert "小写英文字母" in bad.hint and "连字符" in bad.hint


def test_invalid_id_in_a_reference(base_set, edit):
    text, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        '    owner: agent\n    steps:\n      - after: "3',
        '    owner: Agent\n    steps:\n      - after: "3',
    )
    bad = only(findings, "PB103")
    line = line_of(text, "owner: Agent")
    assert at(bad) == (line, column_of(text, line, "Agent"))
    assert bad.message == "标识「Agent」不合规范。"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("  major:\n    first_response", "  Major:\n    first_response", "Major"),
        ('      email: "{称呼}您好：来信', '      EMAIL: "{称呼}您好：来信', "EMAIL"),
    ],
    ids=["severity-key-in-limits", "channel-key-in-scripts"],
)
def test_invalid_id_as_mapping_key_points_at_the_key(base_set, edit, old, new, key):
    """An id used as a key (limits.<severity>, scripts.<channel>) is reported at that key."""
    text, findings = break_file(base_set, edit, CATEGORY, old, new)
    bad = only(findings, "PB103")
    line = line_of(text, f"{key}:")
    assert f"「{key}」" in bad.message
    assert at(bad) == (line, column_of(text, line, key)), (
        f"reported at {at(bad)}, but {key!r} is at line {line}"
    )


# ---- durations (PB102) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message", "hint_parts"),
    [
        ("7d", "时长「7d」没有说明是自然日还是工作日。", ['"7 working days"', '"7 calendar days"']),
        (
            "3天",
            "时长「3天」没有说明是自然日还是工作日。",
            ['"3 working days"', '"3 calendar days"'],
        ),
        ("7 workdays", "时长「7 workdays」的写法无法识别。", ['"7 working days"']),
        ("4 hours", "时长「4 hours」的写法无法识别。", ["4h", '"4 working hours"']),
        ("1.5h", "时长「1.5h」不是整数。", ["90m"]),
        ("2 weeks", "时长「2 weeks」以周为单位，含义不够明确。", ['"10 working days"']),
        ("0h", "时长「0h」必须大于零。", ["正整数"]),
    ],
)
def test_bad_duration_explains_how_to_write_it(base_set, edit, written, message, hint_parts):
    text, findings = break_file(
        base_set, edit, CATEGORY, 'resolution: "7 working days"', f"resolution: {written}"
    )
    bad = only(findings, "PB102")
    line = line_of(text, f"resolution: {written}")
    assert at(bad) == (line, column_of(text, line, written))
    assert bad.message == message
    for part in hint_parts:
        assert part in bad.hint, bad.hint


def test_day_duration_hint_mentions_working_days(base_set, edit):
    _, findings = break_file(
        base_set, edit, CATEGORY, 'update_interval: "2 working days"', "update_interval: 2 days"
    )
    bad = only(findings, "PB102")
    assert "working days" in bad.hint
    assert "calendar days" in bad.hint


# ---- versions (PB601) ----------------------------------------------------------------------


def test_unquoted_version_read_as_number(base_set, edit):
    text, findings = break_file(
        base_set, edit, CATEGORY, 'version: "1.0.0"\neffective', "version: 1.2\neffective"
    )
    bad = only(findings, "PB601")
    assert at(bad) == (line_of(text, "version: 1.2"), len("version: ") + 1)
    assert bad.message == "「版本号」应为文字，这里是「1.2」。"
    assert "引号" in bad.hint
    assert '"1.2.0"' in bad.hint


def test_two_part_version_in_quotes(base_set, edit):
    text, findings = break_file(
        base_set, edit, CATEGORY, 'version: "1.0.0"\neffective', 'version: "1.2"\neffective'
    )
    bad = only(findings, "PB601")
    assert at(bad) == (line_of(text, 'version: "1.2"'), len("version: ") + 1)
    assert bad.message == "版本号「1.2」不是语义化版本号（主版本.次版本.修订号）。"
    assert "三段" in bad.hint


# ---- kinds (PB104) and the top level -------------------------------------------------------


def test_misspelt_kind_gets_did_you_mean(base_set, edit):
    _, findings = break_file(base_set, edit, CATEGORY, "kind: category", "kind: categroy")
    bad = only(findings, "PB104")
    assert at(bad) == (1, 7)
    assert bad.message == "未知的文件类型「categroy」。"
    assert bad.hint == "是不是想写「category」？"
    assert len(findings) == 1, describe(findings)


def test_missing_kind(base_set, edit):
    _, findings = break_file(base_set, edit, CATEGORY, "kind: category\n", "")
    bad = only(findings, "PB104")
    assert at(bad) == (1, 1)
    assert bad.message == "文件缺少 kind 字段，无法判断是哪类手册文件。"
    for kind in ("policy", "category", "customer-types"):
        assert kind in bad.hint


@pytest.mark.parametrize("content", ["- kind: category\n- id: product-quality\n", "只有一句话\n"])
def test_top_level_must_be_a_mapping(base_set, content):
    (base_set / CATEGORY).write_text(content, encoding="utf-8")
    findings = run(base_set).findings
    bad = only(findings, "PB101")
    assert at(bad) == (1, 1)
    assert bad.message == "文件顶层必须是映射（键: 值），这里是列表或单个值。"
    assert "kind:" in bad.hint


def test_top_level_list_after_a_comment(base_set):
    (base_set / CATEGORY).write_text("# 类别\n\n- kind: category\n", encoding="utf-8")
    bad = only(run(base_set).findings, "PB101")
    assert at(bad) == (3, 1)


# ---- reading problems that come before the schema --------------------------------------------


def test_unquoted_date(base_set, edit):
    text, findings = break_file(
        base_set, edit, CATEGORY, 'effective: "2026-01-10"', "effective: 2026-01-10"
    )
    bad = only(findings, "PB008")
    line = line_of(text, "effective: 2026-01-10")
    assert at(bad) == (line, column_of(text, line, "2026-01-10"))
    assert bad.message == "日期「2026-01-10」没有加引号：YAML 1.1 会把它读成日期对象而不是文字。"
    assert bad.hint == '加上引号写成 "2026-01-10"。'


def test_duplicate_key(base_set, edit):
    text, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        "summary: 产品存在质量缺陷或功能故障\n",
        "summary: 产品存在质量缺陷或功能故障\nsummary: 重复\n",
    )
    bad = only(findings, "PB007")
    first = line_of(text, "summary:")
    assert at(bad) == (first + 1, 1)
    assert f"第 {first} 行和第 {first + 1} 行" in bad.message


def test_tab_indentation(base_set, edit):
    text, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        '    first_response: "4 working hours"',
        '\tfirst_response: "4 working hours"',
    )
    bad = only(findings, "PB001")
    assert bad.line == line_of(text, "\tfirst_response")
    assert "制表符" in bad.message


def test_colon_in_plain_text(base_set, edit):
    text, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        "summary: 产品存在质量缺陷或功能故障",
        "summary: 产品存在: 质量缺陷",
    )
    bad = only(findings, "PB001")
    line = line_of(text, "summary: 产品存在: 质量缺陷")
    assert at(bad) == (line, column_of(text, line, ": 质量"))
    assert "冒号" in bad.message and "引号" in bad.hint


# ---- what an input method types: full-width and other non-ASCII digits --------------------


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ('"1３ working days"', "「３」（U+FF13）应为半角的「3」"),
        ('"７ working days"', "「７」（U+FF17）应为半角的「7」"),
        ('"7\u3000working days"', "全角空格（U+3000）应为半角空格"),
        ('"٧ working days"', "「٧」（U+0667）应为半角的「7」"),
    ],
)
def test_full_width_digit_in_a_duration_is_named_in_the_hint(base_set, edit, written, named):
    text, findings = break_file(
        base_set, edit, CATEGORY, 'resolution: "7 working days"', f"resolution: {written}"
    )
    bad = only(findings, "PB102")
    line = line_of(text, f"resolution: {written}")
    assert at(bad) == (line, column_of(text, line, written))
    assert "全角" in bad.message
    assert named in bad.hint


def test_full_width_digit_in_a_working_hours_time_is_named_in_the_hint(base_set, edit):
    text, findings = break_file(
        base_set, edit, "calendar.yaml", 'start: "09:00"', 'start: "0９:00"'
    )
    bad = only(findings, "PB101")
    assert at(bad) == (line_of(text, 'start: "0９:00"'), 10)
    assert bad.message == "「上班时间」的写法不对：「0９:00」。"
    assert "「９」（U+FF19）应为半角的「9」" in bad.hint


def test_full_width_digit_in_a_date_is_named_in_the_hint(base_set, edit):
    _, findings = break_file(
        base_set, edit, CATEGORY, 'effective: "2026-01-10"', 'effective: "2026-0１-10"'
    )
    bad = only(findings, "PB603")
    assert "「１」（U+FF11）应为半角的「1」" in bad.hint


def test_trailing_newline_in_a_duration_is_a_finding(base_set, edit):
    text, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        'resolution: "7 working days"',
        'resolution: "7 working days\\n"',
    )
    bad = only(findings, "PB102")
    assert at(bad) == (line_of(text, "7 working days\\n"), 17)
    assert "换行" in bad.message
    assert bad.hint == "去掉多余的空白，写成 7 working days。"


@pytest.mark.parametrize("digits", [7, 5000])
def test_duration_with_too_many_digits_is_a_finding(base_set, edit, digits):
    _, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        'resolution: "7 working days"',
        f'resolution: "{"9" * digits} working days"',
    )
    bad = only(findings, "PB102")
    assert bad.message == f"时长的数字有 {digits} 位，太大了。"


def test_version_with_a_trailing_newline_is_not_a_version(base_set, edit):
    _, findings = break_file(
        base_set, edit, CATEGORY, 'version: "1.0.0"\neffective', 'version: "1.0.0\\n"\neffective'
    )
    assert only(findings, "PB601").message.startswith("版本号「1.0.0")


def test_long_value_is_abbreviated_in_the_message(base_set, edit):
    _, findings = break_file(
        base_set,
        edit,
        CATEGORY,
        'version: "1.0.0"\neffective',
        f'version: "1.0.{"0" * 3000}"\neffective',
    )
    bad = only(findings, "PB601")
    assert "（共 3004 个字符）" in bad.message
    assert len(bad.message) < 120
