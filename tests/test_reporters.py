"""Output formats: SARIF, GitHub annotations, JUnit, JSON and text, from hand-made findings and
from a real broken copy of the bundled playbooks."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from checker.catalogue import all_rules
from checker.findings import Finding, Severity, Summary
from checker.pipeline.engine import check_paths
from checker.reporters import FORMATS, github, text
from checker.reporters.context import ReportContext

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SARIF_SCHEMA = SHARED / "corpora" / "sarif" / "sarif-schema-2.1.0.json"
PLAYBOOKS = REPO / "playbooks"
CATEGORY = "playbooks/categories/product-quality.yaml"

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# RFC 3986 URI-reference characters: unreserved, sub-delims, ":", "@", "/", "?", "#" and "%XX".
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Reporters read the environment (colours, GitHub); a CI runner must not change results."""
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))


def finding(
    rule_id: str = "PB201",
    severity: Severity = Severity.ERROR,
    path: str = CATEGORY,
    line: int = 3,
    column: int = 5,
    message: str = "层级「nobody」不存在。",
    hint: str = "改成已定义的层级。",
    suppressed_reason: str | None = None,
) -> Finding:
    names = {rule.id: rule.name for rule in all_rules()}
    return Finding(
        rule_id=rule_id,
        rule_name=names[rule_id],
        severity=severity,
        path=path,
        line=line,
        column=column,
        message=message,
        hint=hint,
        suppressed_reason=suppressed_reason,
    )


def lines_on_disk(path: str, line: int) -> str:
    """What a run that read ``path`` (relative to the working directory) gives reporters."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def render(fmt: str, findings: list[Finding], paths: tuple[str, ...], strict: bool = False) -> str:
    """The format's output; the text format gets its code frames from the files in the working
    directory, the others no file text (so no region ends)."""
    out = io.StringIO()
    context = ReportContext(line_text=lines_on_disk if fmt == "text" else _no_lines, strict=strict)
    FORMATS[fmt](findings, Summary.of(findings, paths), out, context)
    return out.getvalue()


def _no_lines(path: str, line: int) -> str:
    return ""


def copy_playbooks(root: Path) -> Path:
    target = root / "playbooks"
    shutil.copytree(PLAYBOOKS, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def broken_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the playbooks with one unknown tier (error), one money remedy without a cap
    (warning, suppressed with a reason) and one uncapped remedy left unsuppressed (warning)."""
    monkeypatch.chdir(tmp_path)
    folder = copy_playbooks(tmp_path)
    category = folder / "categories" / "product-quality.yaml"
    edit(category, "  normal:\n    owner: agent\n", "  normal:\n    owner: nobody\n")
    edit(
        category,
        "    kind: voucher\n    max_amount: 200\n",
        "    kind: voucher  # playbook: disable=PB412 代金券金额由财务系统统一控制\n",
    )
    edit(
        category,
        "    kind: compensation\n    max_amount: 5000\n",
        "    kind: compensation\n",
    )
    result = check_paths(["playbooks"])
    return result


# --- SARIF -------------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def assert_valid_sarif(document: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def assert_results_consistent(document: dict) -> None:
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        for location in result["locations"]:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert not uri.startswith("/"), uri
            assert "\\" not in uri, uri
            assert not re.match(r"^[A-Za-z]:", uri), uri
            assert not uri.startswith("file:"), uri


def test_sarif_of_hand_made_findings_validates_against_the_official_schema() -> None:
    findings = [
        finding(),
        finding(
            "PB412", Severity.WARNING, line=9, message="「代金券」涉及金钱，却没有写单笔上限。"
        ),
        finding("PB902", Severity.WARNING, line=12, hint=""),
        finding("PB412", Severity.WARNING, line=20, suppressed_reason="财务系统统一控制"),
    ]
    document = json.loads(render("sarif", findings, (CATEGORY,)))
    assert document["version"] == "2.1.0"
    assert_valid_sarif(document)
    assert_results_consistent(document)
    assert len(document["runs"][0]["results"]) == len(findings)


def test_sarif_lists_every_registered_rule_once() -> None:
    document = json.loads(render("sarif", [], ()))
    assert_valid_sarif(document)
    ids = [rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == [rule.id for rule in all_rules()]
    assert len(set(ids)) == len(ids)
    assert document["runs"][0]["results"] == []


def test_sarif_levels_and_region_follow_the_finding() -> None:
    findings = [
        finding(line=7, column=13),
        finding("PB412", Severity.WARNING),
        finding("PB412", Severity.INFO),
    ]
    results = json.loads(render("sarif", findings, (CATEGORY,)))["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "startColumn": 13}
    assert results[0]["message"]["text"].startswith("层级「nobody」不存在。")


def test_sarif_suppressed_finding_is_in_source_with_justification() -> None:
    findings = [
        finding("PB412", Severity.WARNING, suppressed_reason="代金券金额由财务系统统一控制"),
        finding(),
    ]
    results = json.loads(render("sarif", findings, (CATEGORY,)))["runs"][0]["results"]
    assert results[0]["suppressions"][0]["kind"] == "inSource"
    assert results[0]["suppressions"][0]["justification"] == "代金券金额由财务系统统一控制"
    assert "suppressions" not in results[1]


def test_sarif_of_a_real_broken_copy(broken_run) -> None:
    document = json.loads(render("sarif", broken_run.findings, broken_run.paths))
    assert_valid_sarif(document)
    assert_results_consistent(document)
    results = document["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"PB201", "PB412"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {CATEGORY}
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["ruleId"] == "PB412"
    assert suppressed[0]["suppressions"] == [
        {"kind": "inSource", "justification": "代金券金额由财务系统统一控制"}
    ]


def test_sarif_uri_of_a_path_with_a_space_is_a_valid_uri_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The schema says artifactLocation.uri is a "uri-reference" (RFC 3986): a space must be
    percent-encoded, and decoding gives back the repository-relative path."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "my playbooks"
    shutil.copytree(PLAYBOOKS, folder)
    edit(folder / "categories" / "product-quality.yaml", "    owner: agent\n", "    owner: x\n")
    result = check_paths(["my playbooks"])
    document = json.loads(render("sarif", result.findings, result.paths))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert uris
    for uri in uris:
        assert URI_REFERENCE.match(uri), f"not an RFC 3986 URI reference: {uri!r}"
        assert unquote(uri) == "my playbooks/categories/product-quality.yaml"


# --- GitHub ------------------------------------------------------------------------------------


def test_github_escape_functions_match_actions_toolkit() -> None:
    assert github.escape_data("100% 完成\r\n下一行: a, b") == "100%25 完成%0D%0A下一行: a, b"
    assert (
        github.escape_property("100% 完成\r\n下一行: a, b") == "100%25 完成%0D%0A下一行%3A a%2C b"
    )
    # % first, so an already-escaped sequence is escaped again rather than passed through
    assert github.escape_data("%0A") == "%250A"


def test_github_annotation_escapes_message_and_properties() -> None:
    item = finding(
        path="playbooks/categories/a,b.yaml",
        line=12,
        column=7,
        message="金额超过 100%\n请核对：上限, 审批人",
        hint="改为 50%",
    )
    output = render("github", [item], (item.path,))
    first = output.splitlines()[0]
    assert first == (
        "::error file=playbooks/categories/a%2Cb.yaml,line=12,col=7,"
        "title=PB201 references-resolve::"
        "金额超过 100%25%0A请核对：上限, 审批人%0A提示：改为 50%25"
    )


def test_github_annotation_escapes_ascii_colon_and_comma_only_in_properties() -> None:
    item = finding(path="dir:x/a,b.yaml", message="a: b, c")
    line = github.annotation(item)
    props, body = line[len("::error ") :].split("::", 1)
    assert "file=dir%3Ax/a%2Cb.yaml" in props.split(",")
    assert body.startswith("a: b, c")


def test_github_commands_per_severity_and_suppressed_are_left_out() -> None:
    findings = [
        finding(),
        finding("PB412", Severity.WARNING),
        finding("PB412", Severity.INFO),
        finding("PB412", Severity.WARNING, suppressed_reason="已批准"),
    ]
    lines = render("github", findings, (CATEGORY,)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::error", "::warning", "::notice"]
    assert lines[-1].startswith("检查了 1 个文件：1 个错误，1 个警告，1 条提示")


def test_github_step_summary_gets_a_table_of_unsuppressed_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary_file = tmp_path / "step-summary.md"
    summary_file.write_text("# 之前的步骤\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    findings = [
        finding(line=3, column=5, message="层级「nobody」不存在。"),
        finding("PB412", Severity.WARNING, line=9, column=5, message="a | b 涉及金钱"),
        finding(
            "PB412", Severity.WARNING, line=20, message="已抑制的那条", suppressed_reason="批准"
        ),
    ]
    render("github", findings, (CATEGORY,))
    content = summary_file.read_text(encoding="utf-8")
    assert content.startswith("# 之前的步骤\n"), "the summary must be appended, not overwritten"
    assert "检查了 1 个文件：1 个错误，1 个警告，0 条提示" in content
    rows = [line for line in content.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 2  # header, separator, one row per unsuppressed finding
    assert f"`{CATEGORY}:3:5`" in rows[2] and "PB201" in rows[2] and "错误" in rows[2]
    assert f"`{CATEGORY}:9:5`" in rows[3] and "PB412" in rows[3] and "警告" in rows[3]
    assert "a \\| b 涉及金钱" in rows[3]
    assert "已抑制的那条" not in content


def test_github_step_summary_row_stays_one_line_for_a_multiline_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown table row cannot span lines: a newline in a message must not break the table."""
    summary_file = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    findings = [finding(message="第一行\n第二行"), finding("PB412", Severity.WARNING, line=9)]
    render("github", findings, (CATEGORY,))
    lines = summary_file.read_text(encoding="utf-8").splitlines()
    table = lines[lines.index("| 位置 | 级别 | 规则 | 说明 |") :]
    table = table[: next((i for i, line in enumerate(table) if not line.strip()), len(table))]
    assert len(table) == 2 + len(findings), table
    assert all(line.startswith("|") and line.endswith("|") for line in table), table
    assert "第一行" in table[2] and "第二行" in table[2]


def test_github_without_step_summary_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    render("github", [finding()], (CATEGORY,))
    assert list(tmp_path.iterdir()) == []


def test_github_output_of_a_real_broken_copy(broken_run) -> None:
    lines = render("github", broken_run.findings, broken_run.paths).splitlines()
    annotations = lines[:-1]
    active = [f for f in broken_run.findings if not f.suppressed]
    assert len(annotations) == len(active)
    assert all(
        re.match(r"^::(error|warning|notice) file=[^:]+,line=\d+,col=\d+,", a) for a in annotations
    )
    assert any(a.startswith(f"::error file={CATEGORY},") and "PB201" in a for a in annotations)
    assert all("\n" not in a for a in annotations)
    assert lines[-1].startswith("检查了 10 个文件：")


# --- JUnit -------------------------------------------------------------------------------------


def parse_junit(output: str) -> ET.Element:
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(output.encode("utf-8"))


def test_junit_has_one_testcase_per_checked_file_including_clean_ones() -> None:
    paths = ("playbooks/policy.yaml", CATEGORY, "playbooks/categories/after-sales.yaml")
    findings = [
        finding(line=3),
        finding(line=8, message="第二个错误"),
        finding("PB412", Severity.WARNING, path="playbooks/categories/after-sales.yaml"),
    ]
    root = parse_junit(render("junit", findings, paths))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert sorted(case.get("name") for case in cases) == sorted(paths)
    assert suite.get("tests") == "3"
    # only the file with errors fails; the warning-only and clean files pass
    assert suite.get("failures") == "1"
    failing = [case.get("name") for case in cases if case.find("failure") is not None]
    assert failing == [CATEGORY]
    assert len(suite.find(f"testcase[@name='{CATEGORY}']").findall("failure")) == 2


def test_junit_failures_equal_files_with_errors() -> None:
    paths = tuple(f"playbooks/categories/c{i}.yaml" for i in range(5))
    findings = [
        finding(path=paths[0]),
        finding(path=paths[0], line=9),
        finding(path=paths[2]),
        finding("PB412", Severity.WARNING, path=paths[3]),
        finding(path=paths[4], suppressed_reason="已批准"),
    ]
    suite = parse_junit(render("junit", findings, paths)).find("testsuite")
    assert suite.get("tests") == "5"
    assert suite.get("failures") == "2"
    assert suite.get("errors") == "0"


def test_junit_suite_counts_agree_with_its_testcases() -> None:
    """tests/failures/skipped count test cases (JUnit XML); suppressed findings in an otherwise
    passing file do not make any test case skipped (and never more skipped than tests)."""
    paths = (CATEGORY,)
    findings = [
        finding("PB412", Severity.WARNING, line=9, suppressed_reason="已批准"),
        finding("PB412", Severity.WARNING, line=20, suppressed_reason="已批准"),
    ]
    suite = parse_junit(render("junit", findings, paths)).find("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases)
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
    assert int(suite.get("skipped", "0")) == sum(c.find("skipped") is not None for c in cases)


def test_junit_keeps_chinese_text() -> None:
    message = "「紧急·重大」的解决时限 5 个工作日比「重要」的 3 个工作日更宽松。"
    root = parse_junit(render("junit", [finding("PB301", message=message)], (CATEGORY,)))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == message
    assert failure.get("type") == "PB301"
    assert message in failure.text
    assert "错误" in failure.text
    assert root.find("testsuite/system-out").text.startswith("检查了 1 个文件：1 个错误")


def test_junit_escapes_xml_special_characters() -> None:
    message = '键 <a> & "b" 不合法'
    root = parse_junit(render("junit", [finding(message=message)], (CATEGORY,)))
    assert root.find("testsuite/testcase/failure").get("message") == message


def test_junit_of_a_real_broken_copy(broken_run) -> None:
    root = parse_junit(render("junit", broken_run.findings, broken_run.paths))
    suite = root.find("testsuite")
    names = [case.get("name") for case in suite.findall("testcase")]
    assert sorted(names) == sorted(broken_run.paths)
    assert len(names) == 10
    assert suite.get("failures") == "1"
    failure = suite.find(f"testcase[@name='{CATEGORY}']/failure")
    assert failure.get("type") == "PB201"
    assert "层级「nobody」不存在" in failure.get("message")


# --- JSON --------------------------------------------------------------------------------------


def test_json_findings_and_summary_counts() -> None:
    findings = [
        finding(),
        finding("PB412", Severity.WARNING),
        finding("PB412", Severity.INFO),
        finding("PB412", Severity.WARNING, line=30, suppressed_reason="财务系统统一控制"),
    ]
    payload = json.loads(render("json", findings, (CATEGORY, "playbooks/policy.yaml")))
    summary = payload["summary"]
    assert summary["files"] == 2
    assert summary["errors"] == 1
    assert summary["warnings"] == 1
    assert summary["infos"] == 1
    assert summary["suppressed"] == 1
    assert summary["paths"] == [CATEGORY, "playbooks/policy.yaml"]
    assert [f["suppressed"] for f in payload["findings"]] == [False, False, False, True]
    assert payload["findings"][3]["suppression_reason"] == "财务系统统一控制"
    assert payload["findings"][0] == {
        "rule": "PB201",
        "name": "references-resolve",
        "severity": "error",
        "path": CATEGORY,
        "line": 3,
        "column": 5,
        "message": "层级「nobody」不存在。",
        "hint": "改成已定义的层级。",
        "suppressed": False,
        "suppression_reason": None,
    }


def test_json_is_utf8_text_not_unicode_escapes() -> None:
    output = render("json", [finding()], (CATEGORY,))
    assert "层级「nobody」不存在" in output


def test_json_of_a_real_broken_copy(broken_run) -> None:
    payload = json.loads(render("json", broken_run.findings, broken_run.paths))
    summary = payload["summary"]
    active = [f for f in payload["findings"] if not f["suppressed"]]
    assert summary["errors"] == sum(f["severity"] == "error" for f in active) > 0
    assert summary["warnings"] == sum(f["severity"] == "warning" for f in active) == 1
    assert summary["suppressed"] == sum(f["suppressed"] for f in payload["findings"]) == 1
    assert summary["files"] == 10
    assert all("suppressed" in f for f in payload["findings"])


# --- text --------------------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def write_file(tmp_path: Path, relative: str, content: str) -> Path:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def caret_offsets(output: str, line_number: int) -> tuple[str, str]:
    """The code-frame line and the caret line for ``line_number``."""
    lines = output.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(f"  {line_number} | "))
    return lines[index], lines[index + 1]


def test_text_heading_frame_and_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_file(
        tmp_path, CATEGORY, "kind: category\nid: product-quality\nescalation:\n    owner: nobody\n"
    )
    item = finding(line=4, column=12)
    output = render("text", [item], (CATEGORY,))
    lines = output.splitlines()
    assert lines[0] == f"{CATEGORY}:4:12: 错误 PB201 [references-resolve] 层级「nobody」不存在。"
    code, caret = caret_offsets(output, 4)
    assert code == "  4 |     owner: nobody"
    assert caret == "    |            ^^^^^^"
    assert "  提示：改成已定义的层级。" in lines
    assert lines[-1] == "检查了 1 个文件：1 个错误，0 个警告，0 条提示。"


def test_text_caret_counts_chinese_characters_as_two_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    line_text = "keywords: [质量, 坏了, on]"
    write_file(tmp_path, CATEGORY, f"kind: category\n{line_text}\n")
    column = line_text.index("on]") + 1  # columns are code points
    output = render("text", [finding("PB008", line=2, column=column)], (CATEGORY,))
    code, caret = caret_offsets(output, 2)
    prefix = "  2 | "
    assert code == prefix + line_text
    assert caret.startswith("    | ")
    caret_at = caret.index("^") - len(prefix)
    # 'keywords: [' (11) + 质量 (4) + ', ' (2) + 坏了 (4) + ', ' (2) = 23 display columns
    assert caret_at == text.display_width(line_text[: column - 1]) == 23
    assert caret[len(prefix) : len(prefix) + caret_at].strip() == ""


def test_text_caret_under_real_finding_after_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = copy_playbooks(tmp_path)
    category = folder / "categories" / "product-quality.yaml"
    content = category.read_text(encoding="utf-8")
    content, count = re.subn(r"keywords:\n(?:  - .*\n)+", "keywords: [质量, 坏了, on]\n", content)
    assert count == 1
    category.write_text(content, encoding="utf-8")
    result = check_paths(["playbooks"])
    ambiguous = [f for f in result.findings if f.rule_id == "PB008"]
    assert len(ambiguous) == 1
    output = render("text", result.findings, result.paths)
    item = ambiguous[0]
    assert f"{CATEGORY}:{item.line}:{item.column}: 错误 PB008 [ambiguous-scalar]" in output
    code, caret = caret_offsets(output, item.line)
    prefix = f"  {item.line} | "
    assert code[len(prefix) :][item.column - 1 :].startswith("on")
    assert caret.index("^") - len(prefix) == 23


def test_text_suppressed_finding_shows_reason_not_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path, CATEGORY, "kind: category\nremedies: x\n")
    item = finding("PB412", Severity.WARNING, line=2, suppressed_reason="财务系统统一控制")
    output = render("text", [item], (CATEGORY,))
    assert "已抑制的警告 PB412" in output
    assert "抑制原因：财务系统统一控制" in output
    assert "^" not in output
    assert (
        output.splitlines()[-1]
        == "检查了 1 个文件：0 个错误，0 个警告，0 条提示（另有 1 条已按注释说明抑制）。"
    )


def test_text_without_terminal_has_no_ansi_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path, CATEGORY, "kind: category\nowner: nobody\n")
    output = render("text", [finding(line=2, column=8)], (CATEGORY,))
    assert "\x1b" not in output


def test_text_on_terminal_is_coloured_unless_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path, CATEGORY, "kind: category\nowner: nobody\n")
    findings = [finding(line=2, column=8)]
    summary = Summary.of(findings, (CATEGORY,))

    coloured = FakeTerminal()
    text.write(findings, summary, coloured, ReportContext(lines_on_disk))
    assert ANSI.search(coloured.getvalue()), "a terminal gets colour by default"
    assert ANSI.sub("", coloured.getvalue()) == render("text", findings, (CATEGORY,))

    monkeypatch.setenv("NO_COLOR", "1")
    plain = FakeTerminal()
    text.write(findings, summary, plain, ReportContext(lines_on_disk))
    assert "\x1b" not in plain.getvalue()

    monkeypatch.setenv("FORCE_COLOR", "1")
    both = FakeTerminal()
    text.write(findings, summary, both, ReportContext(lines_on_disk))
    assert "\x1b" not in both.getvalue(), "NO_COLOR wins over FORCE_COLOR"


def test_text_empty_no_color_does_not_disable_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """no-color.org: only a non-empty NO_COLOR disables colour."""
    monkeypatch.setenv("NO_COLOR", "")
    assert text.use_colour(FakeTerminal())


def test_text_missing_source_file_still_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    output = render("text", [finding(path="gone.yaml")], ("gone.yaml",))
    assert output.splitlines()[0].startswith("gone.yaml:3:5: 错误 PB201")
    assert "提示：改成已定义的层级。" in output


def test_text_summary_sentence_counts() -> None:
    findings = [finding(), finding(line=4), finding("PB412", Severity.WARNING)]
    output = render("text", [], tuple(f"f{i}.yaml" for i in range(3)))
    assert output == "检查了 3 个文件：0 个错误，0 个警告，0 条提示。\n"
    assert (
        Summary.of(findings, ("a",)).sentence() == "检查了 1 个文件：2 个错误，1 个警告，0 条提示。"
    )


def test_text_of_a_real_broken_copy(broken_run) -> None:
    output = render("text", broken_run.findings, broken_run.paths)
    assert "\x1b" not in output
    heading = re.compile(
        r"^(\S+):(\d+):(\d+): (错误|警告|提示|已抑制的\S+) (PB\d{3}) \[([a-z0-9-]+)\] .+$"
    )
    headings = [line for line in output.splitlines() if heading.match(line)]
    assert len(headings) == len(broken_run.findings)
    assert any(
        re.match(rf"^{CATEGORY}:\d+:12: 错误 PB201 \[references-resolve\] ", h) for h in headings
    )
    assert "提示：" in output
    assert output.splitlines()[-1].startswith("检查了 10 个文件：")


# --- what real consumers accept ------------------------------------------------------------------

JUNIT_XSD = Path(__file__).resolve().parent / "data" / "junit" / "junit-10.xsd"
HOSTILE = "键\x00名\x1b[31m红\x07\x0b\udcff"


def assert_valid_junit(output: str) -> None:
    """Well-formed XML that Jenkins' JUnit schema accepts."""
    import xmlschema

    parse_junit(output)  # well-formed
    schema = xmlschema.XMLSchema(str(JUNIT_XSD))
    errors = list(schema.iter_errors(output))
    assert not errors, "\n".join(str(e) for e in errors[:3])


def test_junit_of_hand_made_findings_validates_against_the_jenkins_schema() -> None:
    findings = [
        finding(),
        finding("PB412", Severity.WARNING, line=9),
        finding("PB412", Severity.INFO, line=10),
        finding("PB412", Severity.WARNING, line=20, suppressed_reason="已批准"),
    ]
    assert_valid_junit(render("junit", findings, (CATEGORY, "playbooks/policy.yaml")))


def test_junit_of_a_real_broken_copy_validates_against_the_jenkins_schema(broken_run) -> None:
    assert_valid_junit(render("junit", broken_run.findings, broken_run.paths))
    assert_valid_junit(render("junit", broken_run.findings, broken_run.paths, strict=True))


def test_junit_stays_well_formed_with_control_characters_in_keys_and_file_names() -> None:
    path = "playbooks/categories/a\x1bb\x00.yaml"
    findings = [finding(path=path, message=f"未知字段「{HOSTILE}」。", hint=HOSTILE)]
    output = render("junit", findings, (path,))
    assert_valid_junit(output)
    failure = parse_junit(output).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "未知字段「键\\x00名\\x1b[31m红\\x07\\x0b\\udcff」。"
    assert parse_junit(output).find("testsuite/testcase").get("name") == (
        "playbooks/categories/a\\x1bb\\x00.yaml"
    )


@pytest.mark.parametrize("strict", [False, True])
def test_junit_failures_agree_with_the_test_cases_and_the_exit_code(strict: bool) -> None:
    """Under --strict a warning fails the run (exit 1), so it is a failure in the report too."""
    paths = ("playbooks/a.yaml", "playbooks/b.yaml", "playbooks/c.yaml")
    findings = [
        finding("PB412", Severity.WARNING, path=paths[0]),
        finding("PB412", Severity.INFO, path=paths[1]),
    ]
    suite = parse_junit(render("junit", findings, paths, strict=strict)).find("testsuite")
    cases = suite.findall("testcase")
    failing = [c.get("name") for c in cases if c.find("failure") is not None]
    assert int(suite.get("failures")) == len(failing)
    assert failing == (["playbooks/a.yaml"] if strict else [])
    assert (len(failing) > 0) is Summary.of(findings, paths).fails(strict)


def test_sarif_locations_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    """Run from a subfolder: the uri is still the repository path, with %SRCROOT% as base."""
    here = tmp_path / "repo" / "playbooks"
    findings = [finding(path="categories/product-quality.yaml")]
    context = ReportContext(source_root=tmp_path / "repo", working_directory=here)
    out = io.StringIO()
    FORMATS["sarif"](findings, Summary.of(findings, ()), out, context)
    document = json.loads(out.getvalue())
    assert_valid_sarif(document)
    run = document["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": CATEGORY, "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": (tmp_path / "repo").as_uri() + "/"}}


def test_sarif_links_each_rule_to_its_handbook_page_and_marks_the_span(tmp_path: Path) -> None:
    findings = [finding(line=2, column=8)]
    context = ReportContext(
        line_text=lambda path, line: ["kind: category", "owner: nobody   ", ""][line - 1],
        handbook_url="https://handbook.example.com/",
    )
    out = io.StringIO()
    FORMATS["sarif"](findings, Summary.of(findings, (CATEGORY,)), out, context)
    document = json.loads(out.getvalue())
    assert_valid_sarif(document)
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://handbook.example.com/rules/"
    assert all(
        rule["helpUri"] == f"https://handbook.example.com/rules/#{rule['id'].lower()}"
        for rule in driver["rules"]
    )
    region = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # "owner: nobody": the value starts at column 8 and ends before column 14 (exclusive end)
    assert region == {"startLine": 2, "startColumn": 8, "endColumn": 14}


def test_github_annotation_shows_control_characters_as_escapes() -> None:
    item = finding(path="playbooks/a\x1b[2Jb.yaml", message=f"未知字段「{HOSTILE}」。")
    line = github.annotation(item, "abc: x")
    assert "\x1b" not in line and "\x00" not in line and "\x07" not in line
    assert "file=playbooks/a\\x1b[2Jb.yaml" in line
    assert "未知字段「键\\x00名\\x1b[31m红\\x07\\x0b\\udcff」。" in line


def test_github_annotation_marks_where_the_span_ends() -> None:
    line = github.annotation(finding(line=2, column=8), "owner: nobody")
    assert ",line=2,col=8,endColumn=14,title=" in line


def test_text_shows_control_characters_in_file_names_and_messages_as_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    item = finding(path="a\x1b[2J.yaml", message=f"未知字段「{HOSTILE}」。", hint="\x00")
    output = render("text", [item], (item.path,))
    assert "\x1b" not in output and "\x00" not in output
    assert output.startswith("a\\x1b[2J.yaml:3:5: 错误 PB201")


def test_text_frame_comes_from_what_the_run_read_not_from_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_file(tmp_path, CATEGORY, "kind: category\nowner: 磁盘上的另一份\n")
    findings = [finding(line=2, column=8)]
    out = io.StringIO()
    context = ReportContext(line_text=lambda path, line: "owner: nobody")
    text.write(findings, Summary.of(findings, (CATEGORY,)), out, context)
    assert "  2 | owner: nobody" in out.getvalue()
    assert "磁盘上的另一份" not in out.getvalue()


def test_text_frame_of_a_very_long_line_is_a_window_around_the_column() -> None:
    line_text = "summary: " + "很" * 3000 + "错" + "长" * 3000
    column = line_text.index("错") + 1
    output = text.format_finding(finding(line=1, column=column), line_text)
    code, caret = output.splitlines()[1:3]
    assert len(code) < 120
    assert code.startswith("  1 | …") and code.endswith("…")
    shown = code[len("  1 | ") :]
    # the caret stands under 错, counted in terminal columns (CJK characters are two wide)
    assert caret.index("^") - len("    | ") == text.display_width(shown[: shown.index("错")])
