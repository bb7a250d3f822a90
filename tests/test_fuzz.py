"""A seeded fuzzer over the bundled playbooks: ``check`` and ``diff`` on mutated copies.

Each case mutates one file of a fresh copy (``tests/playbook_mutations.py``: hostile values,
deleted or re-indented lines, raw control characters, invalid bytes, cut-off files, removed
required keys, unknown keys) and runs the real commands in-process. Whatever the input:

* no internal error (``内部错误``), no traceback, exit code 0 or 1 for ``check``;
* the output of every format still parses (JSON, SARIF, JUnit XML);
* a mutation that certainly breaks the set never passes ``check``;
* ``diff`` against the untouched copy exits 0, 1 or 2, and 2 when ``check`` found a reading or
  schema error in the mutated copy (such a side cannot be compared).

The run is bounded to about a minute: ``PLAYBOOK_FUZZ_CASES`` cases (default 60), stopping
early after ``PLAYBOOK_FUZZ_SECONDS`` (default 75). ``PLAYBOOK_FUZZ_SEED`` picks another
sequence; a failure names the seed and case, which replays exactly.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import PLAYBOOKS
from playbook_mutations import Mutation, mutate

from checker.cli import main
from checker.reporters import FORMATS
from checker.schema.documents import KIND_SCHEMAS, documents

SEED = os.environ.get("PLAYBOOK_FUZZ_SEED", "playbooks-2026")
CASES = int(os.environ.get("PLAYBOOK_FUZZ_CASES", "60"))
SECONDS = float(os.environ.get("PLAYBOOK_FUZZ_SECONDS", "75"))
FORMAT_ORDER = sorted(FORMATS)
READING_OR_SCHEMA = re.compile(r"^PB[01]\d\d$")


def required_keys() -> dict[str, set[str]]:
    """Top-level keys each bundled file's schema requires, by path inside the folder."""
    required = {}
    for path in PLAYBOOKS.rglob("*.yaml"):
        relative = path.relative_to(PLAYBOOKS).as_posix()
        kind = "category" if relative.startswith("categories/") else relative.removesuffix(".yaml")
        required[relative] = set(documents()[KIND_SCHEMAS[kind]].get("required", []))
    return required


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def parses(fmt: str, out: str) -> bool:
    if fmt in ("json", "sarif"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
    return True


def problems_of_case(
    capsys: pytest.CaptureFixture[str], base: Path, case: Path, mutation: Mutation, index: int
) -> list[str]:
    problems = []
    fmt = FORMAT_ORDER[index % len(FORMAT_ORDER)]
    code, out, err = run(capsys, "check", "--no-cache", "--format", fmt, case.name)
    if "内部错误" in err or "Traceback" in err or code not in (0, 1):
        problems.append(f"check --format {fmt}: exit {code}: {err.strip()[:300]}")
    elif mutation.breaks and code == 0:
        problems.append(f"check --format {fmt} passed a broken set")
    try:
        parses(fmt, out)
    except (ValueError, ET.ParseError) as error:
        problems.append(f"check --format {fmt}: output does not parse: {error}")
    if index % 2 == 0:
        _, listed, _ = run(capsys, "check", "--no-cache", "--format", "json", case.name)
        unreadable = any(
            READING_OR_SCHEMA.match(f["rule"]) and f["severity"] == "error" and not f["suppressed"]
            for f in json.loads(listed)["findings"]
        )
        diff_code, _, diff_err = run(capsys, "diff", base.name, case.name, "--format", "json")
        if "内部错误" in diff_err or "Traceback" in diff_err or diff_code not in (0, 1, 2):
            problems.append(f"diff: exit {diff_code}: {diff_err.strip()[:300]}")
        elif unreadable and diff_code != 2:
            problems.append(f"diff compared an unreadable side (exit {diff_code})")
    return problems


def test_mutated_playbooks_never_crash_check_or_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PLAYBOOK_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    base = tmp_path / "base"
    shutil.copytree(PLAYBOOKS, base)
    required = required_keys()
    started = time.monotonic()
    failures, ran, broken = [], 0, 0
    for index in range(CASES):
        if time.monotonic() - started > SECONDS:
            break
        case = tmp_path / "case"
        shutil.rmtree(case, ignore_errors=True)
        shutil.copytree(PLAYBOOKS, case)
        mutation = mutate(case, random.Random(f"{SEED}-{index}"), required)
        ran += 1
        broken += mutation.breaks
        for problem in problems_of_case(capsys, base, case, mutation, index):
            failures.append(
                f"seed {SEED!r} case {index}: {mutation.file}: {mutation.description}: {problem}"
            )
    print(f"fuzz: {ran} cases ({broken} must fail) in {time.monotonic() - started:.0f} s")
    assert not failures, "\n".join(failures)
    assert ran >= min(CASES, 15), f"only {ran} cases ran in {SECONDS:.0f} s"
    assert broken, "no case exercised the must-fail oracle"


def test_the_mutator_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    required = required_keys()
    results = []
    for attempt in ("a", "b"):
        folder = tmp_path / attempt
        shutil.copytree(PLAYBOOKS, folder)
        mutations = [mutate(folder, random.Random(f"{SEED}-{i}"), required) for i in range(5)]
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yaml")}
        results.append((mutations, files))
    assert results[0] == results[1]


def test_the_must_fail_mutations_really_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The oracle's premise: removing a required key or adding an unknown one breaks a file."""
    monkeypatch.chdir(tmp_path)
    required = required_keys()
    seen = 0
    for index in range(400):
        folder = tmp_path / "probe"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(PLAYBOOKS, folder)
        mutation = mutate(folder, random.Random(f"probe-{index}"), required)
        if not mutation.breaks:
            continue
        seen += 1
        code, out, _ = run(capsys, "check", "--no-cache", folder.name)
        assert code == 1, f"{mutation}: {out[-300:]}"
        if seen == 6:
            break
    assert seen == 6


def test_the_oracle_sees_an_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fuzzer would notice: a checker that crashes on some input is reported as a problem."""
    import checker.pipeline.engine

    def crash(*_args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(checker.pipeline.engine, "run_rules", crash)
    shutil.copytree(PLAYBOOKS, tmp_path / "base")
    shutil.copytree(PLAYBOOKS, tmp_path / "case")
    untouched = Mutation("policy.yaml", "nothing changed", False)
    problems = problems_of_case(capsys, tmp_path / "base", tmp_path / "case", untouched, 1)
    assert problems and "ZeroDivisionError" in problems[0], problems
