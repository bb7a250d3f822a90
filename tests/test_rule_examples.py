"""Every rule's documented examples, run for real against the example base.

A ``bad`` example must make its rule fire; a ``good`` example must not, and must leave the
example set clean (no error at all), because the handbook shows it as the right way to write it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import (
    EXAMPLE_BASE,
    TARGET_FILES,
    active,
    copy_base,
    deep_merge,
    describe,
    dump_yaml,
    example_bytes,
    iter_examples,
    load_data,
    materialise,
    run,
    with_rule,
)

from checker.catalogue import all_rules, get
from checker.cli.rules import explain_rule
from checker.findings import Example, Severity, Stage
from checker.model.builder import ONE_FILE_PER_KIND
from checker.rules.registry import model_rule
from checker.yaml.loader import MAX_BYTES, load_bytes

# diff-stage rules compare two versions of a set: tests/test_diff_examples.py runs theirs
RULES = all_rules()
DIFF_RULES = {r.id for r in RULES if r.stage == Stage.DIFF}
EXAMPLES = [e for e in iter_examples() if e[0] not in DIFF_RULES]


@pytest.mark.parametrize(
    ("rule_id", "kind", "index", "example"),
    EXAMPLES,
    ids=[f"{rule_id}-{kind}-{index}" for rule_id, kind, index, _ in EXAMPLES],
)
def test_rule_example(rule_id: str, kind: str, index: int, example: Example, tmp_path: Path):
    folder = materialise(rule_id, kind, example, tmp_path / "playbooks")
    findings = run(folder).findings
    mine = with_rule(active(findings), rule_id)
    if kind == "bad":
        assert mine, (
            f"{rule_id} bad example #{index} did not trigger {rule_id}; findings:\n"
            f"{describe(findings)}"
        )
    elif example.whole_file:
        # A whole-file example shows how a file is *read* (encoding, YAML syntax, kind); it is
        # not a complete playbook, so only reading problems and the rule itself must be absent.
        problems = with_rule(findings, rule_id) + [
            f for f in active(findings) if re.fullmatch(r"PB0\d\d", f.rule_id)
        ]
        assert not problems, (
            f"{rule_id} good example #{index} must read cleanly and not trigger {rule_id}; "
            f"findings:\n{describe(findings)}"
        )
    else:
        problems = with_rule(findings, rule_id) + [
            f for f in active(findings) if f.severity is Severity.ERROR and f.rule_id != rule_id
        ]
        assert not problems, (
            f"{rule_id} good example #{index} is not a clean set (it must not trigger "
            f"{rule_id} and must have no errors); findings:\n{describe(findings)}"
        )


# ---- the registry itself -----------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_good_and_bad_examples(rule):
    assert len(rule.good) >= 1, f"{rule.id} has no good example"
    assert len(rule.bad) >= 1, f"{rule.id} has no bad example"
    for example in (*rule.good, *rule.bad):
        assert example.target in TARGET_FILES, example.target
        assert example.yaml.strip(), f"{rule.id} has an empty example"


def test_rule_ids_and_names():
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert RULES, "no rules registered"
    for rule in RULES:
        assert re.fullmatch(r"PB\d{3}", rule.id), rule.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert isinstance(rule.severity, Severity)
        assert rule.summary and rule.rationale
    assert len(set(ids)) == len(ids), "duplicate rule ids"
    assert len(set(names)) == len(names), "duplicate rule names"
    assert ids == sorted(ids)


def test_rule_lookup_by_id():
    assert get("pb301") is get("PB301") is not None
    assert get("PB999") is None


def test_model_rules_have_checks_and_staged_rules_do_not():
    built = {ONE_FILE_PER_KIND.id}  # applied by the model builder while it assembles the set
    for rule in RULES:
        if rule.stage == "model" and rule.id not in built:
            assert model_rule(rule.id) is not None, rule.id
        else:
            assert rule.stage in {"load", "schema", "model", "engine", "diff"}, (
                rule.id,
                rule.stage,
            )
            assert model_rule(rule.id) is None, rule.id


# ---- the example base and the materialiser ---------------------------------------------------


def test_example_base_checks_clean():
    result = run(EXAMPLE_BASE)
    assert result.findings == [], describe(result.findings)
    assert result.summary.files == 4
    assert result.playbooks is not None
    assert result.playbooks.policy is not None
    assert [c.id for c in result.playbooks.categories] == ["product-quality"]
    assert result.playbooks.customer_types is not None


@pytest.mark.parametrize("target", sorted(TARGET_FILES))
def test_dumped_base_round_trips(target: str, tmp_path: Path):
    """Writing the base back through the test dumper changes no value and stays clean."""
    original = (EXAMPLE_BASE / TARGET_FILES[target]).read_text(encoding="utf-8")
    data = load_data(original)
    dumped = dump_yaml(data)
    assert load_data(dumped) == data
    folder = copy_base(tmp_path / "playbooks")
    (folder / TARGET_FILES[target]).write_text(dumped, encoding="utf-8")
    findings = run(folder).findings
    assert findings == [], describe(findings)


def test_dates_times_and_versions_stay_text():
    data = {"effective": "2026-01-10", "start": "09:00", "version": "1.0.0", "n": "010"}
    text = dump_yaml(data)
    assert load_data(text) == data


def test_deep_merge_semantics():
    base = {"a": {"x": 1, "y": [1, 2]}, "b": 2, "c": {"d": 1}}
    patch = {"a": {"y": [3], "z": {"k": None, "v": 1}}, "b": None, "c": "text"}
    assert deep_merge(base, patch) == {"a": {"x": 1, "y": [3], "z": {"v": 1}}, "c": "text"}
    assert base == {"a": {"x": 1, "y": [1, 2]}, "b": 2, "c": {"d": 1}}, "base was modified"


def test_suppression_comments_survive_merging(tmp_path: Path):
    rule = get("PB902")
    assert rule is not None
    folder = materialise("PB902", "bad", rule.bad[0], tmp_path / "playbooks")
    text = (folder / TARGET_FILES["category"]).read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "# playbook: disable=PB304" in x)
    assert line.lstrip().startswith('"resolution": "7 working days"')


def test_special_case_encodings():
    """PB002's bad example is written as GBK and PB004's is repeated past 1 MiB."""
    gbk = get("PB002").bad[0]  # type: ignore[union-attr]
    raw = example_bytes("PB002", "bad", gbk, "")
    assert [f.rule_id for f in load_bytes("x.yaml", raw).findings] == ["PB002"]
    big = get("PB004").bad[0]  # type: ignore[union-attr]
    raw = example_bytes("PB004", "bad", big, "")
    assert len(raw) > MAX_BYTES
    assert [f.rule_id for f in load_bytes("x.yaml", raw).findings] == ["PB004"]


def test_merged_example_only_touches_its_target(tmp_path: Path):
    rule = get("PB413")
    assert rule is not None
    folder = materialise("PB413", "bad", rule.bad[0], tmp_path / "playbooks")
    for target, name in TARGET_FILES.items():
        same = (folder / name).read_bytes() == (EXAMPLE_BASE / name).read_bytes()
        assert same is (target != "policy"), target
    policy = load_data((folder / "policy.yaml").read_text(encoding="utf-8"))
    base = load_data((EXAMPLE_BASE / "policy.yaml").read_text(encoding="utf-8"))
    # lists of items with ids merge item by item: every tier stays, only supervisor changed
    assert [t["id"] for t in policy["tiers"]] == [t["id"] for t in base["tiers"]]
    changed = [t for t, b in zip(policy["tiers"], base["tiers"], strict=True) if t != b]
    assert [t["id"] for t in changed] == ["supervisor"]
    assert changed[0]["authority"]["max_amount"] == 200
    assert changed[0]["authority"]["remedy_kinds"] == base["tiers"][1]["authority"]["remedy_kinds"]
    assert {k: v for k, v in policy.items() if k != "tiers"} == {
        k: v for k, v in base.items() if k != "tiers"
    }


# ---- playbook explain ----------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_explain_shows_rule_and_every_example(rule):
    page = explain_rule(rule.id)
    assert page is not None
    assert rule.id in page
    assert rule.name in page
    assert rule.summary in page
    assert rule.rationale in page
    assert rule.severity.label in page
    assert f"disable={rule.id}" in page
    for example in (*rule.good, *rule.bad):
        for line in example.yaml.splitlines():
            if line.strip():
                assert f"    {line}" in page, f"{rule.id}: example line {line!r} missing"
        if example.note:
            assert example.note in page
    assert page.count("正确示例") == len(rule.good)
    assert page.count("错误示例") == len(rule.bad)


def test_explain_is_case_insensitive_and_unknown_is_none():
    assert explain_rule("pb301") == explain_rule("PB301")
    assert explain_rule("PB999") is None


def test_explain_names_the_target_file():
    page = explain_rule("PB413")
    assert page is not None
    assert "并入 playbooks/policy.yaml" in page
    page = explain_rule("PB001")
    assert page is not None
    assert "整个文件" in page
