"""``playbook diff`` against real git repositories built in a temporary folder.

Each repository holds the example playbooks; commits change them. The command runs in-process
through ``checker.cli.main`` (with ``diff`` wired in as the owner wires it), so exit codes,
messages and output are exactly what a user sees.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import EXAMPLE_BASE, line_of

from checker.cli import diff as command
from checker.cli import playbook as cli

CATEGORY = "playbooks/categories/product-quality.yaml"
IDENTITY = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
LOOSEN = ('    resolution: "3 working days"', '    resolution: "4 working days"')
TIGHTEN = ('    resolution: "7 working days"', '    resolution: "6 working days"')
DROP_SCRIPT = ('      email: "{称呼}您好：来信已收到，工单号为{工单号}。"\n', "")
REWORD = ("summary: 产品存在质量缺陷或功能故障", "summary: 产品有质量缺陷或功能故障")


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **IDENTITY},
    )
    return result.stdout.strip()


def change(root: Path, *edits: tuple[str, str], path: str = CATEGORY) -> str:
    file = root / path
    text = file.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    file.write_text(text, encoding="utf-8")
    return text


def release(root: Path, version: str, date: str = "2026-02-20", path: str = CATEGORY) -> None:
    """Raise a playbook's version with a changelog entry, as an editor would."""
    change(
        root,
        ('version: "1.0.0"\neffective: "2026-01-10"', f'version: "{version}"\neffective: "{date}"'),
        (
            "changelog:\n",
            f'changelog:\n  - version: "{version}"\n    date: "{date}"\n    changes:\n      - 修订\n',
        ),
        path=path,
    )


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture(autouse=True, name="git_identity")
def git_identity_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(name="repo")
def repo_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository on ``main`` with the example playbooks committed; the working directory."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(EXAMPLE_BASE, root / "playbooks")
    commit(root, "Add the playbooks")
    monkeypatch.chdir(root)
    return root


Playbook = Callable[..., tuple[int, str, str]]


@pytest.fixture(name="playbook")
def playbook_fixture(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Playbook:
    """Run ``playbook ARGS...``; returns (exit code, stdout, stderr)."""
    if "diff" not in cli.COMMANDS:  # until the owner wires it into checker/cli.py
        build = cli.build_parser

        def with_diff() -> argparse.ArgumentParser:
            parser = build()
            sub = next(a for a in parser._actions if a.dest == "command")
            command.add_parser(sub)
            return parser

        monkeypatch.setattr(cli, "build_parser", with_diff)
        monkeypatch.setitem(cli.COMMANDS, "diff", command.run)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(["diff", *argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


def state(root: Path) -> tuple[str, str, str, bytes]:
    """What must not change: HEAD, the index, the status and the branch list."""
    index = hashlib.sha256((root / ".git" / "index").read_bytes()).hexdigest()
    return (
        git(root, "rev-parse", "HEAD"),
        index,
        git(root, "status", "--porcelain"),
        git(root, "branch", "-a").encode(),
    )


# ---- the default base and the working tree ----------------------------------------------------


def test_default_base_is_the_merge_base_with_main(repo: Path, playbook: Playbook):
    git(repo, "checkout", "-q", "-b", "feature")
    head_text = change(repo, LOOSEN)
    commit(repo, "Loosen the critical resolution limit")
    git(repo, "checkout", "-q", "main")
    change(repo, REWORD)
    commit(repo, "Reword the summary on main after the branch point")
    git(repo, "checkout", "-q", "feature")

    code, out, _ = playbook("--format", "json")
    report = json.loads(out)
    assert report["base"]["label"].startswith("基准：main 与 HEAD 的合并基点")
    assert report["base"]["revision"] == git(repo, "merge-base", "HEAD", "main")
    assert report["head"] == {"label": "对比：工作区 playbooks", "revision": None}
    assert [(c["id"], c["level"]) for c in report["changes"]] == [("limit-longer", "loosened")]
    (limit,) = report["changes"]
    assert (limit["path"], limit["line"]) == (CATEGORY, line_of(head_text, LOOSEN[1]))
    assert limit["text"] == "「产品质量」紧急·重大 解决时限：3 个工作日 → 4 个工作日"
    errors = [f["rule"] for f in report["findings"] if f["severity"] == "error"]
    assert errors == ["PB701"], "one cause, one finding"
    assert [f["rule"] for f in report["findings"] if f["severity"] == "warning"] == ["PB708"]
    assert code == 1, "version errors always fail"


def test_uncommitted_changes_are_compared_and_nothing_is_touched(repo: Path, playbook: Playbook):
    change(repo, TIGHTEN)
    release(repo, "1.1.0")
    git(repo, "add", CATEGORY)  # staged...
    change(repo, REWORD)  # ...and unstaged
    before = state(repo)

    code, out, err = playbook()
    assert state(repo) == before
    assert code == 0, err
    # the new version's effective date is reported too (新增, not counted by the version rules)
    assert "放宽 0，收紧 1，新增 1，删除 0，措辞 1" in out
    assert "对比：工作区 playbooks" in out.splitlines()[0]


def test_explicit_revisions_locate_changes_in_the_head_revision(repo: Path, playbook: Playbook):
    base = git(repo, "rev-parse", "HEAD")
    base_text = (repo / CATEGORY).read_text(encoding="utf-8")
    head_text = change(repo, LOOSEN, DROP_SCRIPT)
    head = commit(repo, "Loosen and drop a script")
    # The working tree moves on; the report must follow the HEAD revision's text, not the disk.
    (repo / CATEGORY).write_text("# 注释\n" * 5 + head_text, encoding="utf-8")

    code, out, _ = playbook(base[:10], head, "--format", "text")
    line = line_of(head_text, LOOSEN[1])
    removed = line_of(base_text, "来信已收到")
    assert f"{CATEGORY}:{line}:17: 放宽 limit-longer 「产品质量」紧急·重大 解决时限" in out
    assert f"{CATEGORY}:{removed}:14（基准版本中的位置）: 放宽 script-removed" in out
    assert out.index("limit-longer") < out.index("PB701"), "version findings follow the changes"
    assert f"  {line_of(head_text, 'version:')} | version: " in out, "frame from HEAD's text"
    assert code == 1


def test_markdown_for_a_pull_request_comment(repo: Path, playbook: Playbook):
    base = git(repo, "rev-parse", "HEAD")
    change(repo, LOOSEN)
    release(repo, "2.0.0")
    commit(repo, "Loosen with a major release")

    code, out, _ = playbook(base, "HEAD", "--format", "markdown")
    assert code == 0
    assert out.splitlines()[0] == "<!-- playbook-diff -->"
    assert "| **放宽** | 紧急·重大 解决时限 | 3 个工作日 | 4 个工作日 |" in out
    assert "`playbooks/categories/product-quality.yaml` · 版本 1.0.0 → 2.0.0 · 放宽 1" in out
    assert "版本号和变更记录符合要求。" in out


# ---- gating --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "version", "fail_on", "code"),
    [
        (TIGHTEN, "1.1.0", None, 0),
        (TIGHTEN, "1.1.0", "loosened", 0),
        (TIGHTEN, "1.1.0", "any", 1),
        (LOOSEN, "2.0.0", None, 0),
        (LOOSEN, "2.0.0", "loosened", 1),
        (LOOSEN, "1.1.0", None, 1),  # PB702: a version error fails without --fail-on
    ],
)
def test_exit_codes(
    repo: Path,
    playbook: Playbook,
    edit: tuple[str, str],
    version: str,
    fail_on: str | None,
    code: int,
):
    change(repo, edit)
    release(repo, version)
    args = ["--fail-on", fail_on] if fail_on else []
    assert playbook(*args)[0] == code


def test_no_changes_exit_zero_even_with_fail_on_any(repo: Path, playbook: Playbook):
    code, out, _ = playbook("--fail-on", "any")
    assert (code, out.splitlines()[-1]) == (0, "没有变更。")


# ---- version findings through the checker's reporters ------------------------------------------


def test_check_versions_sarif(repo: Path, playbook: Playbook):
    change(repo, LOOSEN)
    code, out, _ = playbook("--check-versions", "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["PB701", "PB708"], "the loosened line is annotated"
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == CATEGORY
    assert code == 1


@pytest.mark.parametrize("fmt", ["github", "junit", "json", "text"])
def test_check_versions_other_formats(repo: Path, playbook: Playbook, fmt: str):
    change(repo, REWORD)
    code, out, _ = playbook("--check-versions", "--format", fmt)
    assert code == 1
    assert "PB704" in out
    assert "limit-longer" not in out and "<!-- playbook-diff -->" not in out
    if fmt == "junit":
        assert ET.fromstring(out.split("\n", 1)[1]).tag == "testsuites"
    if fmt == "github":
        assert out.startswith(f"::error file={CATEGORY},line=")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "sarif"], "格式 sarif 只用于版本号检查"),
        (["--check-versions", "--format", "markdown"], "--check-versions 只支持这些格式"),
    ],
)
def test_format_mismatch_is_a_usage_error(
    repo: Path, playbook: Playbook, args: list[str], message: str
):
    code, _, err = playbook(*args)
    assert code == 2 and message in err


# ---- shallow CI checkouts --------------------------------------------------------------------


@pytest.fixture
def shallow(tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A depth-1 clone of a feature branch whose base commit is on main."""
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature")
    change(repo, LOOSEN)
    release(repo, "2.0.0")
    commit(repo, "Loosen with a major release")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", repo.as_uri(), "clone")
    monkeypatch.chdir(clone)
    return clone, base


def test_shallow_clone_with_the_base_fetched(shallow: tuple[Path, str], playbook: Playbook):
    clone, base = shallow
    code, _, err = playbook(base)
    assert code == 2 and "git fetch --depth 1 origin" in err, "the base is not there yet"

    git(clone, "fetch", "-q", "--depth", "1", "origin", base)
    code, out, _ = playbook(base, "--format", "json")
    assert code == 0
    assert [c["id"] for c in json.loads(out)["changes"]] == [
        "limit-longer",
        "effective-new-version",
    ]


def test_shallow_clone_default_base_falls_back_to_the_branch_tip(
    shallow: tuple[Path, str], playbook: Playbook
):
    clone, base = shallow
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    code, out, err = playbook("--format", "json")
    assert code == 0
    assert "浅克隆" in err and "origin/main" in err
    assert json.loads(out)["base"] == {
        "label": f"基准：origin/main 的最新提交（{base[:7]}）",
        "revision": base,
    }


# ---- clear errors ----------------------------------------------------------------------------


def test_bad_revision(repo: Path, playbook: Playbook):
    code, out, err = playbook("no-such-branch")
    assert (code, out) == (2, "")
    assert "「no-such-branch」既不是文件夹，也不是这个仓库中的 git 版本" in err


def test_no_main_branch(repo: Path, playbook: Playbook):
    git(repo, "branch", "-m", "main", "trunk")
    code, _, err = playbook()
    assert code == 2
    assert "找不到主分支（依次尝试了 main、origin/main、master）" in err


def test_master_is_the_last_resort(repo: Path, playbook: Playbook):
    git(repo, "branch", "-m", "main", "master")
    change(repo, REWORD)
    code, out, _ = playbook("--format", "json")
    assert json.loads(out)["base"]["label"].startswith("基准：master 与 HEAD 的合并基点")
    assert code == 1  # PB701 + PB704


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, playbook: Playbook):
    shutil.copytree(EXAMPLE_BASE, tmp_path / "playbooks")
    monkeypatch.chdir(tmp_path)
    code, _, err = playbook()
    assert code == 2 and "当前目录不在 git 仓库中" in err


def test_missing_folders(repo: Path, playbook: Playbook):
    code, _, err = playbook("--playbooks", "nowhere")
    assert code == 2 and "找不到手册文件夹「nowhere」" in err
    base = git(repo, "rev-parse", "HEAD")
    shutil.copytree(repo / "playbooks", repo / "handbook")
    code, _, err = playbook(base, "--playbooks", "handbook")
    assert code == 2 and "中没有「handbook」文件夹" in err


def test_schema_errors_on_a_side_stop_the_diff(repo: Path, playbook: Playbook):
    change(repo, ('    resolution: "3 working days"', "    resolution: 3d"))
    broken = commit(repo, "Break a duration")
    change(repo, ("    resolution: 3d", '    resolution: "4 working days"'))
    code, out, err = playbook(broken)
    assert (code, out) == (2, "")
    assert f"playbook：基准：{broken}（{broken[:7]}） 的手册文件有错误，无法比较" in err
    assert "PB102" in err and "resolution: 3d" in err, "the checker's finding with its frame"


# ---- folders -----------------------------------------------------------------------------------


def test_two_folders_need_no_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, playbook: Playbook
):
    shutil.copytree(EXAMPLE_BASE, tmp_path / "old" / "playbooks")
    shutil.copytree(EXAMPLE_BASE, tmp_path / "new")
    change(tmp_path, TIGHTEN, path="new/categories/product-quality.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, _ = playbook("old", "new")
    assert code == 1  # PB701 + PB703
    assert "new/categories/product-quality.yaml:" in out and "收紧 limit-shorter" in out


SUPPRESSED_VERSION = (
    'title: 产品质量\nversion: "1.0.0"\n',
    'title: 产品质量\nversion: "1.0.0"  # playbook: disable=PB701,PB704 只改错别字，随下一版一起发布\n',
)


def test_a_version_suppression_the_change_adds_does_not_count(repo: Path, playbook: Playbook):
    """A pull request cannot exempt itself: the suppression is new, so PB704 stands (and the
    new comment is itself reported as a change)."""
    change(repo, REWORD, SUPPRESSED_VERSION)
    code, out, _ = playbook("--format", "markdown")
    assert code == 1
    assert "| 错误 | PB704 wording-needs-patch |" in out and "本次修改新加的，不生效" in out
    assert "| **放宽** | 抑制注释（PB701、PB704） |" in out
    code, out, _ = playbook("--check-versions", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert [(f["rule"], f["suppressed"]) for f in findings] == [("PB704", False), ("PB708", False)]
    assert "抑制注释" in findings[1]["message"], "the new suppression is annotated as a loosening"


def test_a_version_suppression_base_already_had_counts(repo: Path, playbook: Playbook):
    change(repo, SUPPRESSED_VERSION)
    commit(repo, "Suppress with a reason (reviewed and merged)")
    change(repo, REWORD)
    code, out, _ = playbook("--format", "markdown")
    assert code == 0
    assert "| 已抑制的错误 | PB704 wording-needs-patch |" in out and "只改错别字" in out
    code, out, _ = playbook("--check-versions", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 0 and {f["suppressed"] for f in findings} == {True}
