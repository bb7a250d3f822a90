"""Every diff-stage rule's documented examples (PB7xx), run for real.

A diff rule compares two versions, so each example is merged into the HEAD copy of the example
playbooks while the BASE copy stays unchanged; then ``playbook diff BASE HEAD`` runs. A
category snippet with an id the base does not have becomes a new file next to the base's
(that is how PB707 shows a new playbook). A ``bad`` example must make its rule fire; a ``good``
one must not, must leave no version error at all, and must itself check clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    EXAMPLE_BASE,
    TARGET_FILES,
    copy_base,
    describe,
    errors,
    example_text,
    iter_examples,
    load_data,
    run,
)

from checker.catalogue import get
from checker.diff.review import build_report
from checker.findings import Example, Finding, Severity

DIFF_EXAMPLES = [
    (rule_id, kind, index, example)
    for rule_id, kind, index, example in iter_examples()
    if (rule := get(rule_id)) is not None and rule.stage == "diff"
]


def materialise_head(example: Example, dest: Path) -> Path:
    """The example base at ``dest`` with the example merged in (a category with a new id is
    written as a new file, leaving the base's category in place)."""
    folder = copy_base(dest)
    target = folder / TARGET_FILES[example.target]
    text = example_text(example, target.read_text(encoding="utf-8"))
    if example.target == "category":
        new_id = load_data(text)["id"]
        if new_id != load_data(target.read_text(encoding="utf-8"))["id"]:
            target = folder / "categories" / f"{new_id}.yaml"
    target.write_text(text, encoding="utf-8")
    return folder


def version_findings(tmp_path: Path, example: Example) -> list[Finding]:
    base = copy_base(tmp_path / "base" / "playbooks")
    head = materialise_head(example, tmp_path / "head" / "playbooks")
    return build_report(str(base), str(head), "playbooks").findings


def test_every_diff_rule_has_examples():
    ids = {rule_id for rule_id, *_ in DIFF_EXAMPLES}
    assert ids == {f"PB70{n}" for n in range(1, 9)}


@pytest.mark.parametrize(
    ("rule_id", "kind", "index", "example"),
    DIFF_EXAMPLES,
    ids=[f"{rule_id}-{kind}-{index}" for rule_id, kind, index, _ in DIFF_EXAMPLES],
)
def test_diff_rule_example(rule_id: str, kind: str, index: int, example: Example, tmp_path: Path):
    findings = version_findings(tmp_path, example)
    mine = [f for f in findings if f.rule_id == rule_id]
    if kind == "bad":
        assert mine, f"{rule_id} bad example #{index} did not fire; findings:\n{describe(findings)}"
        return
    wrong = mine + [f for f in findings if f.severity is Severity.ERROR]
    assert not wrong, f"{rule_id} good example #{index} is not clean:\n{describe(findings)}"
    head = tmp_path / "head" / "playbooks"
    problems = errors(run(head).findings)
    assert not problems, (
        f"{rule_id} good example #{index} fails playbook check:\n{describe(problems)}"
    )


def test_loosening_without_any_bump_is_one_finding(tmp_path: Path):
    """Resolution loosened to 8 working days, version unchanged: one cause, one finding (PB701,
    naming the major version it needs), not PB701 and PB702 for the same thing."""
    rule = get("PB701")
    assert rule is not None
    found = version_findings(tmp_path, rule.bad[0])
    findings = [f for f in found if f.severity is Severity.ERROR]
    assert [f.rule_id for f in findings] == ["PB701"]
    assert "放宽至少要升主版本号，例如改为 2.0.0" in findings[0].hint
    head = (tmp_path / "head" / "playbooks" / TARGET_FILES["category"]).read_text(encoding="utf-8")
    version_line = next(i for i, line in enumerate(head.splitlines(), 1) if '"version"' in line)
    assert all(f.line == version_line for f in findings), describe(findings)
    # the loosened limit itself is annotated at its own line (PB708, a warning)
    (annotation,) = [f for f in found if f.rule_id == "PB708"]
    assert (
        head.splitlines()[annotation.line - 1].strip().startswith('"resolution": "8 working days"')
    )


def test_new_playbook_example_adds_a_file(tmp_path: Path):
    rule = get("PB707")
    assert rule is not None
    head = materialise_head(rule.good[0], tmp_path / "playbooks")
    assert (head / "categories" / "damaged-parcel.yaml").is_file()
    same = (head / TARGET_FILES["category"]).read_bytes()
    assert same == (EXAMPLE_BASE / TARGET_FILES["category"]).read_bytes()
