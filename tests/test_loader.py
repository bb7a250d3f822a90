"""The strict loader: what it rejects that plain YAML lets through, and where it says so.

Every fixture is a small inline document; positions are 1-based and columns count characters.
"""

from __future__ import annotations

import re
import time

import pytest

from checker.findings import Finding
from checker.yaml.loader import MAX_BYTES, LoadedFile, load_bytes, load_text

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def load(text: str) -> LoadedFile:
    return load_text("categories/product-quality.yaml", text)


def only(result: LoadedFile, rule_id: str) -> Finding:
    """The single finding of the result, which must be of ``rule_id``."""
    assert [f.rule_id for f in result.findings] == [rule_id], _describe(result.findings)
    return result.findings[0]


def _describe(findings: list[Finding]) -> str:
    return (
        "\n".join(f"{f.rule_id} {f.line}:{f.column} {f.message} | {f.hint}" for f in findings)
        or "(no findings)"
    )


# ---- duplicate keys (PB007) -------------------------------------------------------------------

DUPLICATE_SUMMARY = """\
kind: category
summary: 产品质量问题
id: product-quality
summary: 产品故障
"""


def test_duplicate_key_is_reported_at_the_second_key():
    finding = only(load(DUPLICATE_SUMMARY), "PB007")
    assert (finding.line, finding.column) == (4, 1)


def test_duplicate_key_message_names_both_lines():
    finding = only(load(DUPLICATE_SUMMARY), "PB007")
    assert "summary" in finding.message
    assert "第 2 行" in finding.message
    assert "第 4 行" in finding.message


def test_duplicate_key_keeps_the_first_value():
    assert load(DUPLICATE_SUMMARY).data == {
        "kind": "category",
        "summary": "产品质量问题",
        "id": "product-quality",
    }


def test_duplicate_key_in_a_nested_mapping_is_reported_where_it_repeats():
    text = "处理:\n  时限: 4h\n  负责人: 客服\n  时限: 8h\n"
    result = load(text)
    finding = only(result, "PB007")
    assert (finding.line, finding.column) == (4, 3)
    assert result.data == {"处理": {"时限": "4h", "负责人": "客服"}}


# ---- anchors and aliases (PB006) --------------------------------------------------------------


def test_anchor_and_alias_are_both_reported_with_their_positions():
    result = load("cases:\n  - &case 洗衣机漏水\n  - *case\n")
    assert [(f.rule_id, f.line, f.column) for f in result.findings] == [
        ("PB006", 2, 5),
        ("PB006", 3, 5),
    ]
    assert "&case" in result.findings[0].message
    assert "*case" in result.findings[1].message


def test_file_with_anchors_yields_no_data():
    assert load("a: &x 1\nb: *x\n").data is None


BILLION_LAUGHS = """\
lol1: &lol1 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
lol2: &lol2 [*lol1,*lol1,*lol1,*lol1,*lol1,*lol1,*lol1,*lol1,*lol1,*lol1]
lol3: &lol3 [*lol2,*lol2,*lol2,*lol2,*lol2,*lol2,*lol2,*lol2,*lol2,*lol2]
lol4: &lol4 [*lol3,*lol3,*lol3,*lol3,*lol3,*lol3,*lol3,*lol3,*lol3,*lol3]
lol5: &lol5 [*lol4,*lol4,*lol4,*lol4,*lol4,*lol4,*lol4,*lol4,*lol4,*lol4]
lol6: &lol6 [*lol5,*lol5,*lol5,*lol5,*lol5,*lol5,*lol5,*lol5,*lol5,*lol5]
lol7: &lol7 [*lol6,*lol6,*lol6,*lol6,*lol6,*lol6,*lol6,*lol6,*lol6,*lol6]
lol8: &lol8 [*lol7,*lol7,*lol7,*lol7,*lol7,*lol7,*lol7,*lol7,*lol7,*lol7]
lol9: &lol9 [*lol8,*lol8,*lol8,*lol8,*lol8,*lol8,*lol8,*lol8,*lol8,*lol8]
"""


def test_billion_laughs_is_rejected_without_expanding_it():
    started = time.perf_counter()
    result = load_bytes("bomb.yaml", BILLION_LAUGHS.encode("utf-8"))
    elapsed = time.perf_counter() - started

    assert result.data is None
    assert result.findings, "the alias bomb must be reported"
    assert {f.rule_id for f in result.findings} == {"PB006"}
    assert (result.findings[0].line, result.findings[0].column) == (1, 7)
    assert "&lol1" in result.findings[0].message
    assert any("*lol1" in f.message and f.line == 2 for f in result.findings)
    assert len(result.findings) < 100, "the report must stay readable, not list 10^9 aliases"
    assert elapsed < 2, f"took {elapsed:.2f} s"


# ---- YAML 1.1 coercions (PB008) ---------------------------------------------------------------

AMBIGUOUS = [
    "yes",
    "no",
    "on",
    "off",
    "Y",
    "1:30",
    "010",
    "0x1F",
    "2026-10-01",
    "2026-10-01 10:00:00",
]


@pytest.mark.parametrize("value", AMBIGUOUS)
def test_yaml_1_1_reading_stays_text(value):
    assert load(f"需要回访: {value}\n").data == {"需要回访": value}


@pytest.mark.parametrize("value", AMBIGUOUS)
def test_yaml_1_1_reading_is_reported_with_a_hint_to_quote_it(value):
    finding = only(load(f"需要回访: {value}\n"), "PB008")
    assert value in finding.message
    assert "引号" in finding.hint
    assert f'"{value}"' in finding.hint


def test_ambiguous_scalar_is_reported_at_the_value():
    finding = only(load("kind: category\n生效日期: 2026-10-01\n"), "PB008")
    assert (finding.line, finding.column) == (2, 7)


@pytest.mark.parametrize(
    ("written", "value"),
    [('"yes"', "yes"), ('"2026-10-01"', "2026-10-01"), ("'1:30'", "1:30"), ('"010"', "010")],
)
def test_quoted_text_is_accepted_as_text(written, value):
    result = load(f"需要回访: {written}\n")
    assert result.findings == []
    assert result.data == {"需要回访": value}


@pytest.mark.parametrize(
    ("written", "value", "kind"),
    [("true", True, bool), ("false", False, bool), ("12", 12, int), ("1.5", 1.5, float)],
)
def test_yaml_1_2_core_values_keep_their_type(written, value, kind):
    result = load(f"值: {written}\n")
    assert result.findings == []
    assert result.data == {"值": value}
    assert type(result.data["值"]) is kind


# ---- documents, size and encoding (PB002–PB005) -----------------------------------------------


def test_second_document_is_reported_where_it_starts():
    text = "kind: category\nid: product-quality\n---\nkind: category\nid: after-sales\n"
    result = load(text)
    finding = only(result, "PB005")
    assert finding.line == 3
    assert result.data is None


@pytest.mark.parametrize("text", ["", "# 只有注释\n# 第二行注释\n"], ids=["empty", "comments-only"])
def test_file_without_content_is_empty(text):
    result = load(text)
    assert only(result, "PB003").line == 1
    assert result.data is None


@pytest.mark.parametrize(
    "text",
    ["---\n", "--- # 只有分隔线\n", "%YAML 1.2\n---\n"],
    ids=["separator", "separator-and-comment", "directive-and-separator"],
)
def test_document_with_nothing_after_the_separator_is_empty(text):
    # A file that is only '---' has no content either; without a finding the checker would
    # skip it (data is None) and report the file as clean.
    result = load(text)
    assert only(result, "PB003").line >= 1
    assert result.data is None


def test_file_over_one_mebibyte_is_rejected_before_parsing():
    raw = b"summary: " + b"x" * MAX_BYTES + b"\n"
    result = load_bytes("big.yaml", raw)
    finding = only(result, "PB004")
    assert (finding.line, finding.column) == (1, 1)
    assert "1 MiB" in finding.message
    assert result.data is None


def test_file_of_exactly_one_mebibyte_is_read():
    prefix = b"summary: "
    raw = prefix + b"x" * (MAX_BYTES - len(prefix) - 1) + b"\n"
    assert len(raw) == MAX_BYTES
    result = load_bytes("big.yaml", raw)
    assert result.findings == []
    assert len(result.data["summary"]) == MAX_BYTES - len(prefix) - 1


GBK_TEXT = "kind: category\nsummary: 客户投诉产品质量\n"


def test_gbk_file_is_reported_as_gbk_at_the_first_bad_byte():
    result = load_bytes("gbk.yaml", GBK_TEXT.encode("gbk"))
    finding = only(result, "PB002")
    assert (finding.line, finding.column) == (2, 10)
    assert "GBK" in finding.message
    assert "第 2 行第 10 列" in finding.message
    assert "UTF-8" in finding.hint
    assert result.data is None


def test_gbk_position_counts_utf8_characters_before_the_bad_byte_as_one_column_each():
    # 客 in GBK starts with 0xBF, never valid as the first byte of a UTF-8 character.
    raw = "标题: 中文".encode() + " 客户".encode("gbk") + b"\n"
    finding = only(load_bytes("mixed.yaml", raw), "PB002")
    assert (finding.line, finding.column) == (1, 8)


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe" + "kind: category\n".encode("utf-16-le"),
        b"\xfe\xff" + "kind: category\n".encode("utf-16-be"),
    ],
    ids=["utf-16-le", "utf-16-be"],
)
def test_utf16_file_with_bom_is_rejected_as_not_utf8(raw):
    result = load_bytes("utf16.yaml", raw)
    finding = only(result, "PB002")
    assert "UTF-16" in finding.message
    assert (finding.line, finding.column) == (1, 1)
    assert result.data is None


def test_utf8_bom_is_accepted_and_not_counted_as_a_column():
    result = load_bytes("bom.yaml", b"\xef\xbb\xbf" + "标题: 中文\n".encode())
    assert result.findings == []
    assert result.data == {"标题": "中文"}
    assert result.source.key_position(["标题"]) == (1, 1)


# ---- syntax errors (PB001) and tags (PB009) ---------------------------------------------------


def test_nested_mapping_on_one_line_is_a_syntax_error_in_chinese():
    finding = only(load("a: b: c\n"), "PB001")
    assert (finding.line, finding.column) == (1, 5)
    assert CHINESE.search(finding.message)
    assert CHINESE.search(finding.hint)


def test_tab_indentation_is_explained_as_a_tab():
    finding = only(load("处理:\n\t步骤: 致歉\n"), "PB001")
    assert finding.line == 2
    assert finding.column >= 1
    assert "制表符" in finding.message
    assert "Tab" in finding.message


def test_control_character_is_not_explained_as_a_tab():
    # libyaml's text is "unacceptable character ...: control characters are not allowed";
    # "unacceptable" contains "tab", which must not select the Tab explanation.
    finding = only(load("summary: 客户投诉\x07\n"), "PB001")
    assert "控制字符" in finding.message
    assert "制表符" not in finding.message


def test_control_character_position_counts_characters_not_bytes():
    finding = only(load("标题: 中文内容\x07\n"), "PB001")
    assert (finding.line, finding.column) == (1, 9)


def test_syntax_error_position_counts_cjk_characters_as_one_column():
    finding = only(load("标题: 中文: 内容\n"), "PB001")
    assert (finding.line, finding.column) == (1, 7)


@pytest.mark.parametrize(
    ("text", "value"),
    [("summary: !!binary aGVsbG8=\n", "aGVsbG8="), ("summary: !custom 文字\n", "文字")],
    ids=["binary", "custom"],
)
def test_unsupported_tag_is_reported_at_the_tagged_value(text, value):
    result = load(text)
    finding = only(result, "PB009")
    assert (finding.line, finding.column) == (1, 10)
    assert result.data == {"summary": value}


def test_tag_on_a_mapping_is_reported():
    finding = only(load("处理: !custom\n  时限: 4h\n"), "PB009")
    assert (finding.line, finding.column) == (1, 5)


def test_complex_key_is_reported_and_skipped():
    result = load("? [a, b]\n: 1\nid: x\n")
    assert only(result, "PB009").line == 1
    assert result.data == {"id": "x"}


@pytest.mark.parametrize("text", ["count: !!int 12\n", "summary: !!str 文字\n"], ids=["int", "str"])
def test_explicit_standard_tag_is_reported(text):
    # PB009's own summary: 不允许使用 YAML 标签（如 !!int、!include）.
    only(load(text), "PB009")


# ---- positions --------------------------------------------------------------------------------

NESTED = """\
kind: category
id: 产品质量
投诉类型:
  - 名称: 洗衣机漏水
    步骤:
      - 致歉
      - 上门检修: 48h
  - 名称: 冰箱不制冷
"""


@pytest.fixture
def nested() -> LoadedFile:
    result = load(NESTED)
    assert result.findings == []
    return result


@pytest.mark.parametrize(
    ("pointer", "position"),
    [
        (("kind",), (1, 7)),
        (("id",), (2, 5)),
        (("投诉类型", 0), (4, 5)),
        (("投诉类型", 0, "名称"), (4, 9)),
        (("投诉类型", 0, "步骤", 0), (6, 9)),
        (("投诉类型", 0, "步骤", 1, "上门检修"), (7, 15)),
        (("投诉类型", 1, "名称"), (8, 9)),
    ],
)
def test_position_of_a_value(nested, pointer, position):
    assert nested.source.position(pointer) == position


@pytest.mark.parametrize(
    ("pointer", "position"),
    [
        (("投诉类型",), (3, 1)),
        (("投诉类型", 0, "步骤"), (5, 5)),
        (("投诉类型", 0, "步骤", 1, "上门检修"), (7, 9)),
        (("投诉类型", 1, "名称"), (8, 5)),
    ],
)
def test_key_position_of_a_mapping_entry(nested, pointer, position):
    assert nested.source.key_position(pointer) == position


def test_key_position_of_a_list_item_is_the_item_itself(nested):
    assert nested.source.key_position(("投诉类型", 1)) == (8, 5)


def test_position_of_a_missing_entry_falls_back_to_its_nearest_ancestor(nested):
    assert not nested.source.exists(("投诉类型", 0, "备注"))
    assert nested.source.position(("投诉类型", 0, "备注")) == (4, 5)
    assert nested.source.position(("投诉类型", 9)) == (4, 3)


# ---- invisible characters (PB010) -------------------------------------------------------------

HEADER = "kind: category\nid: product-quality\n"


@pytest.mark.parametrize(
    ("escape", "named"),
    [
        ("\\0", "U+0000"),
        ("\\e", "U+001B"),
        ("\\x07", "U+0007"),
        ("\\u202e", "U+202E"),
        ("\\L", "U+2028"),
        ("\\N", "U+0085"),
    ],
)
def test_escaped_invisible_character_in_a_value_is_reported_at_the_value(escape, named):
    result = load(HEADER + f'summary: "产品{escape}质量"\n')
    finding = only(result, "PB010")
    assert (finding.line, finding.column) == (3, 10)
    assert named in finding.message
    assert "\x00" not in finding.message and "\x1b" not in finding.message
    assert result.data is not None, "the rest of the file is still checked"


def test_escaped_control_character_in_a_key_is_reported_at_the_key():
    finding = only(load(HEADER + '"sum\\emary": 产品\n'), "PB010")
    assert (finding.line, finding.column) == (3, 1)
    assert "U+001B" in finding.message


def test_tab_newline_and_carriage_return_escapes_are_ordinary_text():
    result = load(HEADER + 'summary: "第一行\\r\\n第二行\\t制表"\n')
    assert result.findings == []
    assert result.data["summary"] == "第一行\r\n第二行\t制表"


@pytest.mark.parametrize("raw", ["\u2028", "\u2029", "\u0085"])
def test_raw_yaml11_line_break_is_reported_where_editors_show_it(raw):
    """libyaml (YAML 1.1) breaks lines at U+2028, U+2029 and U+0085; editors, GitHub and SARIF
    viewers (YAML 1.2) do not. The character is reported at its place, and every later line
    number is the one editors show."""
    text = HEADER + f"summary: 产品{raw}质量\ncases: [a]\nnot_a_list: [1, 2\n"
    result = load(text)
    rules = [(f.rule_id, f.line, f.column) for f in result.findings]
    assert rules[0] == ("PB010", 3, 12)
    syntax = [f for f in result.findings if f.rule_id == "PB001"]
    assert syntax, _describe(result.findings)
    plain = load(text.replace(raw, ""))
    assert [(f.line, f.column) for f in syntax] == [
        (f.line, f.column) for f in plain.findings if f.rule_id == "PB001"
    ]


def test_raw_line_separator_inside_quotes_keeps_later_positions():
    result = load(HEADER + 'summary: "产品\u2028质量"\nid: again\n')
    assert [(f.rule_id, f.line, f.column) for f in result.findings] == [
        ("PB010", 3, 13),
        ("PB007", 4, 1),
    ]


def test_raw_bidirectional_override_is_reported():
    finding = only(load(HEADER + "summary: 退款\u202e金额\n"), "PB010")
    assert (finding.line, finding.column) == (3, 12)
    assert "U+202E" in finding.message


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_positions_count_crlf_and_cr_as_one_line_break(ending):
    text = ending.join(["kind: category", "id: product-quality", "summary: 质量", "id: again", ""])
    finding = only(load(text), "PB007")
    assert (finding.line, finding.column) == (4, 1)
    assert load(text).source.lines == [
        "kind: category",
        "id: product-quality",
        "summary: 质量",
        "id: again",
    ]


def test_source_lines_split_only_on_line_feed_and_carriage_return():
    source = load(HEADER + "summary: a\u2028b\x0cc\n").source
    assert source.lines[2] == "summary: a\u2028b\x0cc"
    assert len(source.lines) == 3


# ---- numbers (PB011) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["9" * 5000, "9007199254740992", "-9007199254740992", "1.0e999", "-1.5e300"],
    ids=["5000-digits", "2^53", "-2^53", "float-inf", "huge-float"],
)
def test_number_javascript_cannot_hold_is_reported_and_stops_the_file(number):
    result = load(HEADER + f"remedies:\n  - max_amount: {number}\n")
    finding = only(result, "PB011")
    assert (finding.line, finding.column) == (4, 17)
    assert len(finding.message) < 120, "a 5,000-digit number is abbreviated, not quoted whole"
    assert result.data is None


def test_largest_safe_integer_is_read():
    result = load(HEADER + "remedies:\n  - max_amount: 9007199254740991\n")
    assert result.findings == []
    assert result.data["remedies"][0]["max_amount"] == 9007199254740991


# ---- many duplicate keys ------------------------------------------------------------------------


def test_thirty_five_thousand_duplicate_keys_are_each_reported_with_the_first_line():
    """An 850 KB file of 17,500 keys written twice: every duplicate names the line of its
    first occurrence (the lookup is by key, not a scan of the mapping: this took 44 s)."""
    keys = [f"k{i:05d}: 问题{i:05d}\n" for i in range(17_500)]
    text = HEADER + "".join(keys) * 2
    assert len(text.encode("utf-8")) > 600_000
    result = load(text)
    duplicates = [f for f in result.findings if f.rule_id == "PB007"]
    assert len(duplicates) == 17_500
    last = duplicates[-1]
    assert last.line == 2 + 17_500 * 2
    assert f"第 {2 + 17_500} 行和第 {2 + 17_500 * 2} 行" in last.message
    assert result.source.key_position(("k17499",)) == (2 + 17_500, 1)
