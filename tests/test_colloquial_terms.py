"""The policy's 口语→术语 list as the checker sees it (PB221, PB222), beyond the rule examples."""

from __future__ import annotations

from pathlib import Path

from site_support import copy_playbooks, replace_once

from checker.pipeline.engine import check_paths

ROOT = Path(__file__).resolve().parent.parent


def _rule_findings(folder: Path, rule_id: str) -> list[str]:
    findings = check_paths([folder]).findings
    return [f"{f.path}:{f.line}:{f.column} {f.message}" for f in findings if f.rule_id == rule_id]


def test_the_bundled_list_is_clean() -> None:
    findings = check_paths([ROOT / "playbooks"]).findings
    assert not [f for f in findings if f.rule_id in ("PB221", "PB222")]


def test_a_term_nowhere_in_the_handbook_is_named_at_its_line(tmp_path: Path) -> None:
    root = copy_playbooks(tmp_path / "playbooks")
    replace_once(root / "policy.yaml", "  - term: 辱骂\n", "  - term: 谩骂不休\n")
    (found,) = _rule_findings(root, "PB221")
    line = next(
        i
        for i, text in enumerate((root / "policy.yaml").read_text("utf-8").splitlines(), 1)
        if text == "  - term: 谩骂不休"
    )
    assert f"policy.yaml:{line}:11 " in found
    assert "术语「谩骂不休」在手册里没有出现" in found and "“骂人”" in found


def test_a_broken_category_does_not_make_its_terms_missing(tmp_path: Path) -> None:
    root = copy_playbooks(tmp_path / "playbooks")
    # 漏水 and 异响 are keywords of product-quality only; break that file's schema
    replace_once(root / "categories" / "product-quality.yaml", "keywords:\n", "keyword:\n")
    findings = check_paths([root]).findings
    assert any(f.rule_id == "PB105" for f in findings), "the broken file is reported"
    assert _rule_findings(root, "PB221") == []


def test_a_word_for_two_terms_is_named_where_it_is_repeated(tmp_path: Path) -> None:
    root = copy_playbooks(tmp_path / "playbooks")
    replace_once(root / "policy.yaml", "    words: [消协, 消保委]\n", "    words: [消协, 骂人]\n")
    (found,) = _rule_findings(root, "PB222")
    assert "口语说法「骂人」已经对应术语「辱骂」，这里又对应「消费者协会」" in found


def test_the_policy_diff_reports_colloquial_terms_as_search_vocabulary() -> None:
    from test_diff_compare import BASE_FILES, changes_between

    from checker.diff.changes import ChangeLevel

    def with_terms(terms: str) -> dict[str, str]:
        files = dict(BASE_FILES)
        files["policy.yaml"] += f"colloquial_terms:\n{terms}"
        return files

    base = with_terms(
        "  - term: 漏水\n    words: [渗水, 滴水]\n  - term: 辱骂\n    words: [骂人]\n"
    )
    head = with_terms(
        "  - term: 漏水\n    words: [渗水, 滴水, 漏了]\n  - term: 起火\n    words: [着火]\n"
    )
    found = {(c.id, c.level, c.old, c.new) for c in changes_between(base, head)}
    # an unrelated term is a removal and an addition, not a rewording; a new word is added
    assert found == {
        ("colloquial-word-added", ChangeLevel.ADDED, "", "漏了"),
        ("colloquial-term-removed", ChangeLevel.REMOVED, "辱骂", ""),
        ("colloquial-term-added", ChangeLevel.ADDED, "", "起火"),
    }, found
    assert changes_between(base, base) == []
