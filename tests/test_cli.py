"""The ``playbook`` command: exit codes, formats, bad input, the cache and internal errors.

Most runs call ``checker.cli.main`` in-process; a few start ``python -m checker`` to see exactly
what a user or a CI job sees.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

import checker.cli.check
import checker.pipeline.engine
from checker.catalogue import all_rules
from checker.cli import main
from checker.reporters import FORMATS
from checker.rules import registry

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SARIF_SCHEMA = SHARED / "corpora" / "sarif" / "sarif-schema-2.1.0.json"
PLAYBOOKS = REPO / "playbooks"
CATEGORY = "playbooks/categories/product-quality.yaml"
OTHER_CATEGORY = "playbooks/categories/after-sales.yaml"

HEADING = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<label>错误|警告|提示|已抑制的\S+) "
    r"(?P<rule>PB\d{3}) \[(?P<name>[a-z0-9-]+)\] .+$"
)
ENV_NAMES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR", "PLAYBOOK_DEBUG")


# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No CI variables leak in, and no test writes a cache into the repository."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(cache_dir))
    return cache_dir


@pytest.fixture
def cache_dir(_clean_environment: Path) -> Path:
    return _clean_environment


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding a fresh copy of the bundled playbooks; it is the cwd."""
    root = tmp_path / "work"
    shutil.copytree(PLAYBOOKS, root / "playbooks")
    monkeypatch.chdir(root)
    return root


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def break_tier(root: Path, relative: str = CATEGORY) -> None:
    """Point the normal-severity escalation at a tier that does not exist (PB201)."""
    edit(root / relative, "  normal:\n    owner: agent\n", "  normal:\n    owner: nobody\n")


def drop_voucher_cap(root: Path) -> None:
    """A money remedy without max_amount: a PB412 warning and nothing else."""
    edit(root / CATEGORY, "    kind: voucher\n    max_amount: 200\n", "    kind: voucher\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse errors
        code = exit_.code if isinstance(exit_.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENV_NAMES}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_process(
    cwd: Path, *argv: str, code: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    command = (
        [sys.executable, "-c", code, *argv] if code else [sys.executable, "-m", "checker", *argv]
    )
    return subprocess.run(
        command,
        cwd=cwd,
        env=subprocess_env(**env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def headings(output: str) -> list[re.Match[str]]:
    return [m for line in output.splitlines() if (m := HEADING.match(line))]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- exit codes and basic commands -------------------------------------------------------------


def test_check_bundled_playbooks_is_clean(capsys, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = run(capsys, "check")
    assert code == 0, out + err
    assert out.strip().splitlines()[-1] == "检查了 10 个文件：0 个错误，0 个警告，0 条提示。"
    assert err == ""


def test_check_bundled_playbooks_in_a_subprocess(tmp_path: Path) -> None:
    result = run_process(REPO, "check", PLAYBOOK_CACHE_DIR=str(tmp_path / "c"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查了 10 个文件：0 个错误" in result.stdout


def test_broken_copy_exits_1_with_location_and_rule(work: Path, capsys) -> None:
    break_tier(work)
    code, out, _ = run(capsys, "check")
    assert code == 1
    found = headings(out)
    assert found
    first = found[0]
    assert (first["path"], first["rule"], first["name"], first["label"]) == (
        CATEGORY,
        "PB201",
        "references-resolve",
        "错误",
    )
    line = (work / CATEGORY).read_text(encoding="utf-8").splitlines()[int(first["line"]) - 1]
    assert line[int(first["col"]) - 1 :].startswith("nobody")
    assert "检查了 10 个文件：1 个错误" in out


def test_broken_copy_in_a_subprocess(work: Path, tmp_path: Path) -> None:
    break_tier(work)
    result = run_process(work, "check", PLAYBOOK_CACHE_DIR=str(tmp_path / "c"))
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(CATEGORY)}:\d+:12: 错误 PB201 ", result.stdout, re.M)
    assert "Traceback" not in result.stderr


def test_strict_turns_a_warning_only_run_into_a_failure(work: Path, capsys) -> None:
    drop_voucher_cap(work)
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert [(m["rule"], m["label"]) for m in headings(out)] == [("PB412", "警告")]
    assert "0 个错误，1 个警告" in out

    strict_code, strict_out, _ = run(capsys, "check", "--strict")
    assert strict_code == 1
    assert strict_out == out, "--strict changes the exit code, not the report"


def test_strict_on_a_clean_copy_still_passes(work: Path, capsys) -> None:
    assert run(capsys, "check", "--strict")[0] == 0


def test_missing_path_is_a_usage_error_in_chinese(work: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "没有这个文件夹")
    assert code == 2
    assert "找不到路径「没有这个文件夹」" in err
    assert "Traceback" not in err
    assert out == ""


def test_missing_path_in_a_subprocess(tmp_path: Path) -> None:
    result = run_process(tmp_path, "check", "missing.yaml")
    assert result.returncode == 2
    assert "找不到路径「missing.yaml」" in result.stderr
    assert "Traceback" not in result.stderr


def test_default_path_missing_is_a_usage_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check")
    assert code == 2
    assert "找不到路径「playbooks」" in err


def test_unknown_format_exits_2(work: Path, capsys) -> None:
    code, _, err = run(capsys, "check", "--format", "xml")
    assert code == 2
    assert "参数错误" in err
    assert "Traceback" not in err


def test_unknown_option_and_command_exit_2(capsys) -> None:
    assert run(capsys, "check", "--bogus")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2


def test_no_arguments_prints_help_and_exits_2(capsys) -> None:
    code, out, _ = run(capsys)
    assert code == 2
    assert "usage: playbook" in out
    for command in ("check", "rules", "explain"):
        assert command in out


def test_no_arguments_in_a_subprocess(tmp_path: Path) -> None:
    result = run_process(tmp_path)
    assert result.returncode == 2
    assert "usage: playbook" in result.stdout + result.stderr


def test_explain_known_rule(capsys) -> None:
    code, out, err = run(capsys, "explain", "PB301")
    assert code == 0
    assert out.startswith("PB301 [severity-limit-order]")
    assert "为什么：" in out
    assert "正确示例" in out and "错误示例" in out
    assert err == ""


def test_explain_is_case_insensitive(capsys) -> None:
    assert run(capsys, "explain", "pb301")[0] == 0


def test_explain_unknown_rule_exits_2(capsys) -> None:
    code, out, err = run(capsys, "explain", "PB999")
    assert code == 2
    assert "没有规则「PB999」" in err
    assert out == ""


def test_explain_in_a_subprocess(tmp_path: Path) -> None:
    assert run_process(tmp_path, "explain", "PB301").returncode == 0
    unknown = run_process(tmp_path, "explain", "PB999")
    assert unknown.returncode == 2
    assert "没有规则「PB999」" in unknown.stderr


@pytest.mark.parametrize("rule_id", [rule.id for rule in all_rules()])
def test_explain_every_rule(capsys, rule_id: str) -> None:
    code, out, _ = run(capsys, "explain", rule_id)
    assert code == 0
    assert out.startswith(f"{rule_id} [")


def test_rules_lists_every_rule_id(capsys) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    listed = re.findall(r"^(PB\d{3}) ", out, re.M)
    assert listed == [rule.id for rule in all_rules()]
    assert f"共 {len(all_rules())} 条规则" in out


# --- formats -----------------------------------------------------------------------------------


def test_github_actions_defaults_to_github_format(work: Path, capsys, monkeypatch) -> None:
    break_tier(work)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "check")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file={CATEGORY},line=")
    assert all(line.startswith("::") for line in lines[:-1])
    assert lines[-1].startswith("检查了 10 个文件：")

    code, out, _ = run(capsys, "check", "--format", "text")
    assert headings(out), "an explicit --format wins over the GitHub default"


def test_github_actions_default_in_a_subprocess(work: Path, tmp_path: Path) -> None:
    break_tier(work)
    summary = tmp_path / "summary.md"
    result = run_process(
        work,
        "check",
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        PLAYBOOK_CACHE_DIR=str(tmp_path / "c"),
    )
    assert result.returncode == 1
    assert result.stdout.startswith("::error ")
    assert "| 位置 | 级别 | 规则 | 说明 |" in summary.read_text(encoding="utf-8")


def test_other_github_actions_values_keep_text(work: Path, capsys, monkeypatch) -> None:
    break_tier(work)
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert headings(run(capsys, "check")[1])


def _parse_text(out: str) -> None:
    assert headings(out)
    assert out.splitlines()[-1].startswith("检查了 ")


def _parse_json(out: str) -> None:
    payload = json.loads(out)
    assert payload["summary"]["errors"] >= 1
    assert all(f["path"] == CATEGORY for f in payload["findings"])


def _parse_sarif(out: str) -> None:
    document = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    assert document["runs"][0]["results"]


def _parse_github(out: str) -> None:
    lines = out.splitlines()
    assert all(re.match(r"^::(error|warning|notice) [^:]*::.+$", line) for line in lines[:-1])
    assert lines[0].startswith("::error ")
    assert lines[-1].startswith("检查了 ")


def _parse_junit(out: str) -> None:
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "1"


PARSERS: dict[str, Callable[[str], None]] = {
    "text": _parse_text,
    "json": _parse_json,
    "sarif": _parse_sarif,
    "github": _parse_github,
    "junit": _parse_junit,
}


def test_every_format_has_a_parser() -> None:
    assert set(PARSERS) == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_parseable_for_a_broken_copy(work: Path, capsys, fmt: str) -> None:
    break_tier(work)
    code, out, err = run(capsys, "check", "--format", fmt)
    assert code == 1
    assert err == ""
    PARSERS[fmt](out)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_machine_formats_in_a_subprocess(work: Path, tmp_path: Path, fmt: str) -> None:
    break_tier(work)
    result = run_process(work, "check", "--format", fmt, PLAYBOOK_CACHE_DIR=str(tmp_path / "c"))
    assert result.returncode == 1
    PARSERS[fmt](result.stdout)


def test_text_output_has_no_colour_when_piped(work: Path, capsys) -> None:
    break_tier(work)
    _, out, _ = run(capsys, "check")
    assert "\x1b[" not in out


def test_no_color_respected_even_when_forced(work: Path, capsys, monkeypatch) -> None:
    break_tier(work)
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, coloured, _ = run(capsys, "check")
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    _, plain, _ = run(capsys, "check")
    assert "\x1b[" not in plain


@pytest.mark.parametrize(
    "raw",
    [b'kind: policy\ntitle: "\x1b[31m\xe7\xba\xa2\x1b[0m"\n', b"kind: policy\x00\x07\n"],
    ids=["ansi-escape", "nul-and-bell"],
)
def test_text_output_does_not_echo_control_characters_from_the_file(
    tmp_path: Path, monkeypatch, capsys, raw: bytes
) -> None:
    """Not on a terminal the text report has no escape sequences, even when the checked file
    contains some: the code frame must not copy raw control characters to the output."""
    (tmp_path / "control.yaml").write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "control.yaml")
    assert code == 1
    assert headings(out)
    control = sorted({hex(ord(c)) for c in out if ord(c) < 0x20 and c != "\n"})
    assert not control, f"raw control characters in the report: {control}"


def test_step_summary_table_survives_a_key_with_a_newline(
    work: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    """A quoted key may contain a newline; its PB105 message must still be one table row."""
    (work / CATEGORY).write_text(
        (work / CATEGORY).read_text(encoding="utf-8") + '"bad\\nkey": 1\n', encoding="utf-8"
    )
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys, "check", "--format", "github")
    assert code == 1
    assert "bad%0Akey" in out
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = rows[rows.index("| 位置 | 级别 | 规则 | 说明 |") :]
    assert len(table) == 3, table
    assert table[2].startswith(f"| `{CATEGORY}:") and table[2].endswith(" |"), table


# --- bad input ---------------------------------------------------------------------------------


def _binary(folder: Path) -> Path:
    path = folder / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path


def _gbk(folder: Path) -> Path:
    path = folder / "gbk.yaml"
    path.write_bytes("kind: category\nid: product-quality\ntitle: 产品质量\n".encode("gbk"))
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.yaml"
    path.write_bytes(b"")
    return path


def _no_yaml(folder: Path) -> Path:
    path = folder / "notes"
    path.mkdir()
    (path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (path / "data.json").write_text("{}", encoding="utf-8")
    return path


def _list_only(folder: Path) -> Path:
    path = folder / "list.yaml"
    path.write_text("- 质量\n- 坏了\n", encoding="utf-8")
    return path


def _nul_bytes(folder: Path) -> Path:
    path = folder / "nul.yaml"
    path.write_bytes(b"kind: policy\x00\x01\n")
    return path


def _utf16(folder: Path) -> Path:
    path = folder / "utf16.yaml"
    path.write_bytes("kind: policy\n".encode("utf-16"))
    return path


def _comments_only(folder: Path) -> Path:
    path = folder / "comments.yaml"
    path.write_text("# 只有注释\n", encoding="utf-8")
    return path


def _unterminated(folder: Path) -> Path:
    path = folder / "unterminated.yaml"
    path.write_text('kind: policy\ntitle: "总则\n', encoding="utf-8")
    return path


def _deep(folder: Path) -> Path:
    path = folder / "deep.yaml"
    path.write_text("[" * 5000 + "\n", encoding="utf-8")
    return path


def _escaped_nul(folder: Path) -> Path:
    path = folder / "escaped-nul.yaml"
    path.write_text('kind: policy\ntitle: "总\\0则"\n', encoding="utf-8")
    return path


def _line_separator(folder: Path) -> Path:
    path = folder / "separator.yaml"
    path.write_text("kind: policy\ntitle: 总\u2028则\n", encoding="utf-8")
    return path


def _huge_number(folder: Path) -> Path:
    path = folder / "huge.yaml"
    path.write_text("kind: policy\nversion: " + "9" * 5000 + "\n", encoding="utf-8")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def _dangling_link(folder: Path) -> Path:
    path = folder / "dangling.yaml"
    path.symlink_to(folder / "nowhere.yaml")
    return path


SECRET = "SECRET_TOKEN=hunter2"


def _link_outside(folder: Path) -> Path:
    secret = folder.parent / "secret.env"
    secret.write_text(f"kind: policy\n# {SECRET}\ntitle: 外面的文件\n", encoding="utf-8")
    path = folder / "linked.yaml"
    path.symlink_to(secret)
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str | None]] = {
    "escaped-nul": (_escaped_nul, "PB010"),
    "line-separator": (_line_separator, "PB010"),
    "huge-number": (_huge_number, "PB011"),
    "fifo": (_fifo, "PB012"),
    "dangling-link": (_dangling_link, "PB012"),
    "link-outside": (_link_outside, "PB012"),
    "binary": (_binary, "PB002"),
    "gbk": (_gbk, "PB002"),
    "empty": (_empty, "PB003"),
    "list-only": (_list_only, "PB101"),
    "no-yaml-folder": (_no_yaml, None),
    "nul-bytes": (_nul_bytes, None),
    "utf16": (_utf16, "PB002"),
    "comments-only": (_comments_only, "PB003"),
    "unterminated-string": (_unterminated, "PB001"),
    "deep-nesting": (_deep, None),
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_never_gives_a_traceback(
    tmp_path: Path, monkeypatch, capsys, kind: str, fmt: str
) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    make, rule = BAD_INPUTS[kind]
    target = make(folder)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--format", fmt, target.relative_to(tmp_path).as_posix())
    assert "Traceback" not in err
    assert "内部错误" not in err
    assert SECRET not in out + err, "a refused link's target is never read"
    if target.is_dir():
        # nothing to check is a usage error: said on stderr, nothing on stdout
        assert code == 2
        assert "没有找到" in err
        assert out == ""
        return
    assert code == 1, out + err
    if rule is not None and fmt in ("text", "json", "github"):
        assert rule in out
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "junit":
        ET.fromstring(out.encode("utf-8"))


@pytest.mark.parametrize("kind", ["binary", "gbk", "empty", "no-yaml-folder", "list-only"])
def test_bad_input_in_a_subprocess(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    target = BAD_INPUTS[kind][0](folder)
    result = run_process(
        tmp_path,
        "check",
        target.relative_to(tmp_path).as_posix(),
        PLAYBOOK_CACHE_DIR=str(tmp_path / "c"),
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == (2 if target.is_dir() else 1)


def test_checker_never_modifies_user_files(work: Path, tmp_path: Path, capsys) -> None:
    break_tier(work)
    drop_voucher_cap(work)
    for make, _ in BAD_INPUTS.values():
        make(work)
    for path in list(work.rglob("*")):  # make mtimes distinguishable from "just written"
        os.utime(
            path,
            ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000),
            follow_symlinks=False,
        )
    before = snapshot(work)
    for fmt in sorted(FORMATS):
        for args in (["check"], ["check", "--no-cache"], ["check", "--strict"], ["check", "."]):
            run(capsys, *args, "--format", fmt)
    run_process(work, "check", ".", PLAYBOOK_CACHE_DIR=str(tmp_path / "c"))
    after = snapshot(work)
    assert after.keys() == before.keys(), "no file may be added to or removed from the checkout"
    for name, (content, mtime) in before.items():
        assert after[name][0] == content, f"{name} changed"
        assert after[name][1] == mtime, f"{name} touched"


# --- cache -------------------------------------------------------------------------------------


def test_cache_gives_identical_output_and_ignores_itself(
    work: Path, cache_dir: Path, capsys
) -> None:
    break_tier(work)
    first = run(capsys, "check")
    assert first[0] == 1
    store = cache_dir / "check-runs.json"
    assert store.is_file()
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    second = run(capsys, "check")
    assert second == first
    for fmt in sorted(FORMATS):
        assert run(capsys, "check", "--format", fmt) == run(
            capsys, "check", "--format", fmt, "--no-cache"
        )


def test_second_run_is_answered_from_the_cache(work: Path, capsys, monkeypatch) -> None:
    break_tier(work)
    first = run(capsys, "check")

    def must_not_run(*_args, **_kwargs):
        raise AssertionError("an unchanged run must not be checked again")

    monkeypatch.setattr(checker.pipeline.engine, "check_loaded", must_not_run)
    assert run(capsys, "check") == first


def test_changing_one_byte_gives_fresh_results(work: Path, capsys) -> None:
    assert run(capsys, "check")[0] == 0
    edit(work / CATEGORY, "  normal:\n    owner: agent\n", "  normal:\n    owner: agenx\n")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "「agenx」" in out
    edit(work / CATEGORY, "owner: agenx\n", "owner: agent\n")
    assert run(capsys, "check")[0] == 0


def test_changing_a_context_file_gives_fresh_results(work: Path, capsys) -> None:
    """Checking one category is cached together with the policy it was checked against."""
    assert run(capsys, "check", CATEGORY)[0] == 0
    edit(work / "playbooks" / "policy.yaml", "  - id: agent\n", "  - id: agenx\n")
    code, out, _ = run(capsys, "check", CATEGORY)
    assert code == 1
    assert "PB201" in out


def test_different_paths_are_cached_separately(work: Path, capsys) -> None:
    whole = run(capsys, "check")
    single = run(capsys, "check", CATEGORY)
    assert "检查了 10 个文件" in whole[1]
    assert "检查了 1 个文件" in single[1]
    assert run(capsys, "check") == whole


def test_no_cache_writes_no_cache(work: Path, cache_dir: Path, capsys, monkeypatch) -> None:
    assert run(capsys, "check", "--no-cache")[0] == 0
    assert not cache_dir.exists()
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR")
    assert run(capsys, "check", "--no-cache")[0] == 0
    assert not (work / ".playbook_cache").exists()


def test_default_cache_lives_in_the_working_directory(work: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR")
    assert run(capsys, "check")[0] == 0
    assert (work / ".playbook_cache" / "check-runs.json").is_file()
    assert (work / ".playbook_cache" / ".gitignore").is_file()


def test_corrupt_cache_is_ignored(work: Path, cache_dir: Path, capsys) -> None:
    break_tier(work)
    expected = run(capsys, "check", "--no-cache")
    cache_dir.mkdir()
    (cache_dir / "check-runs.json").write_text("{这不是 JSON", encoding="utf-8")
    assert run(capsys, "check") == expected
    assert run(capsys, "check") == expected


def test_cache_in_subprocesses(work: Path, tmp_path: Path) -> None:
    break_tier(work)
    cache = tmp_path / "proc-cache"
    first = run_process(work, "check", PLAYBOOK_CACHE_DIR=str(cache))
    second = run_process(work, "check", PLAYBOOK_CACHE_DIR=str(cache))
    assert (cache / "check-runs.json").is_file()
    assert (cache / ".gitignore").is_file()
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )
    assert first.returncode == 1


# --- one file with its playbook folder as context -----------------------------------------------


def test_single_category_file_is_checked_against_the_policy(work: Path, capsys) -> None:
    break_tier(work)
    break_tier(work, OTHER_CATEGORY)
    code, out, _ = run(capsys, "check", CATEGORY)
    assert code == 1
    found = headings(out)
    assert {m["path"] for m in found} == {CATEGORY}
    assert {m["rule"] for m in found} == {"PB201"}, "the policy was loaded: no PB206"
    assert "层级「nobody」不存在" in out
    assert out.splitlines()[-1].startswith("检查了 1 个文件：1 个错误")


def test_single_category_file_json_reports_only_that_file(work: Path, capsys) -> None:
    break_tier(work)
    break_tier(work, OTHER_CATEGORY)
    code, out, _ = run(capsys, "check", "--format", "json", CATEGORY)
    payload = json.loads(out)
    assert code == 1
    assert payload["summary"]["paths"] == [CATEGORY]
    assert payload["summary"]["files"] == 1
    assert {f["path"] for f in payload["findings"]} == {CATEGORY}


def test_single_clean_category_file(work: Path, capsys) -> None:
    break_tier(work, OTHER_CATEGORY)
    code, out, _ = run(capsys, "check", CATEGORY)
    assert code == 0
    assert out == "检查了 1 个文件：0 个错误，0 个警告，0 条提示。\n"


def test_single_category_file_from_inside_the_folder(work: Path, capsys, monkeypatch) -> None:
    break_tier(work)
    monkeypatch.chdir(work / "playbooks" / "categories")
    code, out, _ = run(capsys, "check", "product-quality.yaml")
    assert code == 1
    assert {m["path"] for m in headings(out)} == {"product-quality.yaml"}
    assert "PB206" not in out


# --- internal errors ---------------------------------------------------------------------------


def _boom(*_args, **_kwargs):
    raise RuntimeError("故意的故障")


def _assert_internal_error(code: int, out: str, err: str) -> None:
    assert code == 2
    assert "内部错误" in err
    assert "RuntimeError" in err
    assert "PLAYBOOK_DEBUG=1" in err


def test_internal_error_in_a_rule_exits_2_without_traceback(
    work: Path, capsys, monkeypatch
) -> None:
    rule = registry.model_rule("PB301")
    monkeypatch.setitem(registry._MODEL_RULES, "PB301", dataclasses.replace(rule, check=_boom))
    code, out, err = run(capsys, "check", "--no-cache")
    _assert_internal_error(code, out, err)
    assert "Traceback" not in err


def test_internal_error_in_the_engine_exits_2_without_traceback(
    work: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(checker.pipeline.engine, "run_rules", _boom)
    monkeypatch.setattr(checker.cli.check, "check_paths", _boom)
    code, out, err = run(capsys, "check")
    _assert_internal_error(code, out, err)
    assert "Traceback" not in err


def test_internal_error_in_a_reporter_exits_2(work: Path, capsys, monkeypatch) -> None:
    monkeypatch.setitem(FORMATS, "json", _boom)
    code, out, err = run(capsys, "check", "--format", "json")
    _assert_internal_error(code, out, err)
    assert "Traceback" not in err


def test_playbook_debug_shows_the_traceback(work: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(checker.pipeline.engine, "run_rules", _boom)
    monkeypatch.setenv("PLAYBOOK_DEBUG", "1")
    code, out, err = run(capsys, "check", "--no-cache")
    _assert_internal_error(code, out, err)
    assert "Traceback" in err


INJECT_FAULT = """
import sys
import checker.pipeline.engine
def boom(*args, **kwargs):
    raise RuntimeError("故意的故障")
checker.pipeline.engine.run_rules = boom
from checker.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_internal_error_in_a_subprocess(work: Path, tmp_path: Path) -> None:
    result = run_process(work, "check", "--no-cache", code=INJECT_FAULT)
    _assert_internal_error(result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr

    debug = run_process(work, "check", "--no-cache", code=INJECT_FAULT, PLAYBOOK_DEBUG="1")
    _assert_internal_error(debug.returncode, debug.stdout, debug.stderr)
    assert "Traceback" in debug.stderr


# --- hostile playbook folders: links, pipes, odd names, odd paths -----------------------------


def link_category_outside(root: Path, target_text: str) -> Path:
    """categories/x.yaml as a symbolic link to a file next to (not inside) the playbooks."""
    outside = root / "outside.yaml"
    outside.write_text(target_text, encoding="utf-8")
    link = root / "playbooks" / "categories" / "x.yaml"
    link.symlink_to(outside)
    return link


def test_link_to_the_process_environment_is_refused_unread(work: Path, tmp_path: Path) -> None:
    (work / "playbooks" / "categories" / "x.yaml").symlink_to("/proc/self/environ")
    result = run_process(
        work, "check", "--no-cache", PLAYBOOK_SECRET="do-not-print-0451", CI="true"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "do-not-print-0451" not in result.stdout + result.stderr
    found = headings(result.stdout)
    assert [(m["path"], m["line"], m["col"], m["rule"]) for m in found] == [
        ("playbooks/categories/x.yaml", "1", "1", "PB012")
    ]
    assert "指向手册文件夹之外的符号链接" in result.stdout


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_link_to_a_valid_category_outside_fails_the_check_in_every_format(
    work: Path, capsys, fmt: str
) -> None:
    text = (work / CATEGORY).read_text(encoding="utf-8").replace(
        "id: product-quality", "id: x"
    ) + f"# {SECRET}\n"
    link_category_outside(work, text)
    code, out, err = run(capsys, "check", "--no-cache", "--format", fmt)
    assert code == 1, out + err
    assert "PB012" in out
    assert SECRET not in out + err


def test_diff_refuses_a_link_out_of_the_folder_in_either_side(work: Path, capsys) -> None:
    base = work / "base"
    shutil.copytree(work / "playbooks", base)
    link_category_outside(work, f"kind: category\n# {SECRET}\n")
    for argv in (["diff", "base", "playbooks"], ["diff", "base"], ["diff", "playbooks", "base"]):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert "PB012" in err and "x.yaml" in err, err
        assert SECRET not in out + err
        assert "内部错误" not in err


def test_mkdocs_build_refuses_a_link_out_of_the_folder_without_a_traceback(
    tmp_path: Path,
) -> None:
    from site_support import copy_playbooks, mkdocs_build, site_config

    root = tmp_path / "handbook"
    root.mkdir()
    playbooks = copy_playbooks(root / "playbooks")
    text = (playbooks / "categories" / "product-quality.yaml").read_text(encoding="utf-8")
    link_category_outside(root, text.replace("id: product-quality", "id: x") + f"# {SECRET}\n")
    result = mkdocs_build(tmp_path / "site", site_config(tmp_path / "config", playbooks))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(r"categories/x\.yaml:1:1: 错误 PB012", output), output
    assert SECRET not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_fifo_in_the_folder_is_reported_and_never_waited_on(work: Path) -> None:
    os.mkfifo(work / "playbooks" / "categories" / "pipe.yaml")
    result = run_process(work, "check", "--no-cache")  # a read of the FIFO would block forever
    assert result.returncode == 1
    assert "categories/pipe.yaml:1:1: 错误 PB012" in result.stdout
    assert "管道 FIFO" in result.stdout


def test_dangling_link_and_upper_case_extension_are_reported_not_skipped(
    work: Path, capsys
) -> None:
    categories = work / "playbooks" / "categories"
    (categories / "gone.yaml").symlink_to(categories / "deleted.yaml")
    shutil.copy(work / CATEGORY, categories / "copy.YAML")
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json")
    assert code == 1
    reported = {(f["path"], f["rule"]) for f in json.loads(out)["findings"]}
    assert reported == {
        ("playbooks/categories/gone.yaml", "PB012"),
        ("playbooks/categories/copy.YAML", "PB013"),
    }
    summary = json.loads(out)["summary"]
    assert summary["files"] == 12, "refused entries count as checked files"


def test_link_inside_the_folder_is_read_once(work: Path, capsys) -> None:
    """A link that stays inside the playbook folder reads nothing new: it is allowed, and the
    file it names is read once."""
    folder = work / "playbooks"
    (folder / "shared").mkdir()
    (folder / "categories" / "after-sales.yaml").rename(folder / "shared" / "after-sales.yaml")
    (folder / "categories" / "after-sales.yaml").symlink_to("../shared/after-sales.yaml")
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json")
    assert code == 0, out
    assert json.loads(out)["summary"]["files"] == 10


@pytest.mark.parametrize("command", ["check", "diff"])
def test_path_too_long_for_the_system_is_a_usage_error(work: Path, capsys, command: str) -> None:
    code, out, err = run(capsys, command, "x" * 300)
    assert code == 2
    assert out == ""
    assert "太长" in err or "无法访问" in err, err
    assert "内部错误" not in err
    assert "x" * 100 not in err, "the path is abbreviated"


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("summary: ", 'summary: "\\0" # ', "PB010"),
        ('    resolution: "3 working days"', '    resolution: "1３ working days"', "PB102"),
        ('    resolution: "3 working days"', '    resolution: "3 working days\\n"', "PB102"),
        ("    max_amount: 200", "    max_amount: " + "9" * 5000, "PB011"),
    ],
    ids=["nul-in-text", "full-width-digit", "newline-in-duration", "5000-digit-number"],
)
def test_odd_values_fail_the_check_with_a_finding(
    work: Path, capsys, old: str, new: str, rule: str
) -> None:
    edit(work / CATEGORY, old, new)
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json")
    assert code == 1, err
    assert rule in {f["rule"] for f in json.loads(out)["findings"]}


def test_full_width_time_in_the_calendar_fails_the_check(work: Path, capsys) -> None:
    edit(work / "playbooks" / "calendar.yaml", 'start: "09:00"', 'start: "0９:00"')
    code, out, err = run(capsys, "check", "--no-cache")
    assert code == 1, err
    assert "U+FF19" in out


def test_strict_junit_counts_a_warning_as_the_failure_it_is(work: Path, capsys) -> None:
    drop_voucher_cap(work)
    for strict, expected_code, failures in ((False, 0, "0"), (True, 1, "1")):
        argv = ["check", "--no-cache", "--format", "junit", *(["--strict"] if strict else [])]
        code, out, _ = run(capsys, *argv)
        assert code == expected_code
        suite = ET.fromstring(out.encode("utf-8")).find("testsuite")
        assert suite is not None
        assert suite.get("failures") == failures


def test_sarif_from_a_subfolder_locates_files_from_the_repository_root(
    work: Path, capsys, monkeypatch
) -> None:
    (work / ".git").mkdir()
    break_tier(work)
    monkeypatch.chdir(work / "playbooks" / "categories")
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "sarif", "../")
    assert code == 1
    document = json.loads(out)
    run_ = document["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == work.as_uri() + "/"
    locations = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True)
        for r in run_["results"]
    }
    assert locations == {json.dumps({"uri": CATEGORY, "uriBaseId": "%SRCROOT%"}, sort_keys=True)}
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
