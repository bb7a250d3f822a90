"""Triage (分诊): the category and severity the playbooks give for what a customer reports
(checker.model.triage), and the checker guarding the data it reads (signals, routes, the duty
line, emergencies)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import describe, errors, line_of, replace_once, run, with_rule

from checker.model import PlaybookSet
from checker.model.triage import ReasonKind, assess
from checker.pipeline.engine import check_paths

ROOT = Path(__file__).resolve().parent.parent

Edit = Callable[[Path, Callable[[str], str]], str]


@pytest.fixture(scope="module")
def playbooks() -> PlaybookSet:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = check_paths(["playbooks"])
    assert result.playbooks is not None and not result.summary.errors
    return result.playbooks


def test_a_category_alone_gives_its_default(playbooks: PlaybookSet) -> None:
    result = assess(playbooks, "product-quality", [], None)
    assert (result.category, result.severity, result.routed_by) == ("product-quality", "normal", "")
    assert [r.kind for r in result.reasons] == [ReasonKind.DEFAULT]


def test_nothing_chosen_gives_nothing(playbooks: PlaybookSet) -> None:
    result = assess(playbooks, "", [], None)
    assert (result.category, result.severity, result.reasons) == ("", "", ())


def test_someone_hurt_puts_the_complaint_in_the_safety_category(playbooks: PlaybookSet) -> None:
    result = assess(playbooks, "delivery-delay", ["danger"], None)
    assert (result.category, result.routed_by, result.severity) == (
        "safety-incident",
        "danger",
        "critical",
    )


def test_a_threat_to_go_public_raises_every_category_at_least_to_major(
    playbooks: PlaybookSet,
) -> None:
    for category in playbooks.categories:
        result = assess(playbooks, category.id, ["threatens-exposure"], None)
        assert result.severity in ("major", "critical"), category.id
    assert assess(playbooks, "", ["threatens-exposure"], None).severity == "major"


def test_amounts_raise_only_above_the_threshold(playbooks: PlaybookSet) -> None:
    levels = {a: assess(playbooks, "after-sales", [], a).severity for a in (1000, 1001, 20001)}
    assert levels == {1000: "normal", 1001: "major", 20001: "critical"}
    amount = assess(playbooks, "after-sales", [], 1001).reasons[-1]
    assert (amount.kind, amount.amount) == (ReasonKind.AMOUNT, 1000)


def test_a_category_only_signal_counts_where_a_trigger_uses_it(playbooks: PlaybookSet) -> None:
    quality = assess(playbooks, "product-quality", ["property-damage"], None)
    billing = assess(playbooks, "billing-pricing", ["property-damage"], None)
    assert quality.severity == "major"
    assert quality.reasons[-1].kind == ReasonKind.TRIGGER
    assert quality.reasons[-1].text.startswith("故障已造成客户财产损失")
    assert billing.severity == "normal"


def test_a_category_trigger_can_raise_above_the_policy(playbooks: PlaybookSet) -> None:
    # many customers: 重要 by the policy, 紧急·重大 for a batch quality problem
    assert assess(playbooks, "", ["many-customers"], None).severity == "major"
    assert assess(playbooks, "product-quality", ["many-customers"], None).severity == "critical"


def test_unknown_ids_are_ignored(playbooks: PlaybookSet) -> None:
    result = assess(playbooks, "no-such-category", ["no-such-signal"], None)
    assert (result.category, result.severity, result.reasons) == ("", "", ())


# ---- the checker guards the data ---------------------------------------------------------------


def test_a_trigger_naming_an_unknown_signal_is_an_error(bundled_set: Path, edit: Edit) -> None:
    path = bundled_set / "categories" / "product-quality.yaml"
    text = edit(
        path, replace_once("signals: [property-damage]", "signals: [property-damage, leak]")
    )
    found = with_rule(errors(run(bundled_set).findings), "PB201")
    assert [(f.line, "「leak」" in f.message) for f in found] == [
        (line_of(text, "signals: [property-damage, leak]"), True)
    ], describe(found)


def test_a_route_to_an_unknown_place_is_an_error(bundled_set: Path, edit: Edit) -> None:
    path = bundled_set / "policy.yaml"
    text = edit(path, replace_once("    customer_type: emotional\n", "    customer_type: angry\n"))
    text = edit(path, replace_once("    signal: threatens-exposure\n", "    signal: media\n"))
    found = with_rule(errors(run(bundled_set).findings), "PB201")
    assert sorted(f.line for f in found) == [
        line_of(text, "customer_type: angry"),
        line_of(text, "signal: media"),
    ], describe(found)


def test_a_route_with_two_targets_is_refused(bundled_set: Path, edit: Edit) -> None:
    path = bundled_set / "policy.yaml"
    text = edit(
        path, replace_once("    page: triage\n", "    page: triage\n    category: after-sales\n")
    )
    found = [f for f in errors(run(bundled_set).findings) if f.path.endswith("policy.yaml")]
    assert [f.line for f in found] == [line_of(text, "- title: 拿不准属于哪一类")], describe(found)
    assert "最多要有 3 个字段，这里有 4 个" in found[0].message
    assert "每个入口写一个去处" in found[0].hint


def test_an_emergency_needs_the_duty_line(bundled_set: Path, edit: Edit) -> None:
    policy = bundled_set / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    start = text.index("duty:\n")
    end = text.index("\n\n", start) + 2
    policy.write_text(text[:start] + text[end:], encoding="utf-8")
    found = with_rule(errors(run(bundled_set).findings), "PB201")
    assert len(found) == 1 and found[0].path.endswith("safety-incident.yaml"), describe(found)
    assert "duty" in found[0].message + found[0].hint


@pytest.mark.parametrize("phone", ['"81-00"', "8100", '"８１００"', '""'])
def test_an_extension_is_digits_written_as_text(bundled_set: Path, edit: Edit, phone: str) -> None:
    path = bundled_set / "policy.yaml"
    text = edit(path, replace_once('    phone: "8100"\n', f"    phone: {phone}\n"))
    found = [f for f in errors(run(bundled_set).findings) if f.path.endswith("policy.yaml")]
    assert [f.line for f in found] == [line_of(text, f"phone: {phone}")], describe(found)
