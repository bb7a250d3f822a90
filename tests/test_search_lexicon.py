"""What the build gives the header search: the lexicon, page scopes, category keywords, the
pinyin table and the Pagefind runs (checker/site/search/)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.model import PlaybookSet
from checker.pipeline.engine import check_paths
from checker.site.search import indexer, pinyin_table
from checker.site.search.indexer import (
    SearchIndexError,
    index_site,
    index_words,
    read_fragment,
)
from checker.site.search.lexicon import build_lexicon, nav_titles, query_form, stopwords
from checker.site.search.scope import REFERENCE, STAFF, category_keywords, page_scope

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def playbooks() -> PlaybookSet:
    result = check_paths([ROOT / "playbooks"])
    assert result.playbooks is not None and not result.summary.errors
    return result.playbooks


# ---- the lexicon --------------------------------------------------------------------------------


def test_every_colloquial_word_is_searched_with_its_term(playbooks: PlaybookSet) -> None:
    lexicon = build_lexicon(playbooks)
    assert playbooks.policy is not None and playbooks.policy.colloquial_terms
    for entry in playbooks.policy.colloquial_terms:
        for word in entry.words:
            assert lexicon.phrases[query_form(word)] == [query_form(word), entry.term]
        assert lexicon.phrases[entry.term][0] == entry.term
    assert lexicon.phrases["骂人"] == ["骂人", "辱骂"]


def test_category_keywords_and_names_are_kept_whole(playbooks: PlaybookSet) -> None:
    lexicon = build_lexicon(playbooks, ["时限总表", "话术库"])
    for category in playbooks.categories:
        assert category.title in lexicon.phrases
        for keyword in category.keywords:
            assert query_form(keyword) in lexicon.phrases
            assert query_form(keyword) in lexicon.keywords
    for name in ("时限总表", "话术库", "情绪化客户", "客服主管", "紧急·重大", "首次响应"):
        assert name in lexicon.phrases, name
    assert "辱骂" not in lexicon.keywords  # a term, not a category's keyword


def test_the_lexicon_is_json_the_browser_reads(playbooks: PlaybookSet) -> None:
    data = json.loads(build_lexicon(playbooks).to_json())
    assert set(data) == {"phrases", "keywords", "stopwords", "pinyin", "split", "whole"}
    assert "的" in data["stopwords"] and "客户" in data["stopwords"]
    assert "款" in data["pinyin"]["kuan"] and "宽" in data["pinyin"]["kuan"]


def test_phrases_are_read_as_the_browser_reads_queries() -> None:
    assert query_form(" ＡＰＰ下单 ") == "app下单"


def test_stopwords_skip_comment_lines() -> None:
    words = stopwords()
    assert "的" in words and "客户" in words
    assert not any(w.startswith("#") for w in words)
    assert len(words) == len(set(words))


def test_nav_titles_walks_sections() -> None:
    nav = [{"首页": "index.md"}, {"投诉类别": [{"总览": "categories/index.md"}]}, "x.md"]
    assert list(nav_titles(nav)) == ["首页", "投诉类别", "总览"]


# ---- staff pages and reference pages -------------------------------------------------------------


def test_pages_for_authors_and_reviewers_are_in_the_reference_scope() -> None:
    assert page_scope("rules.md", {}) == REFERENCE
    assert page_scope("changelog.md", {}) == REFERENCE
    assert page_scope("guides/authoring.md", {"search_scope": "reference"}) == REFERENCE
    assert page_scope("categories/product-quality.md", {}) == STAFF
    assert page_scope("guides/quick-start.md", {"search_scope": "anything else"}) == STAFF
    for guide in ("authoring.md", "compliance-review.md"):
        front = (ROOT / "docs" / "guides" / guide).read_text(encoding="utf-8").split("---")[1]
        assert "search_scope: reference" in front, guide
    assert not (ROOT / "docs/guides/quick-start.md").read_text("utf-8").startswith("---")


def test_category_keywords_meta_has_the_colloquial_words(playbooks: PlaybookSet) -> None:
    safety = playbooks.category("safety-incident")
    assert safety is not None
    words = category_keywords(safety, playbooks.policy).split(" ")
    assert words[: len(safety.keywords)] == list(safety.keywords)
    assert {"着火", "烫到", "电到"} <= set(words)
    assert "骂人" not in words  # 辱骂 is not a keyword of this category


def test_category_keywords_meta_cannot_break_out_of_its_field(playbooks: PlaybookSet) -> None:
    category = playbooks.categories[0]
    odd = dataclasses.replace(category, keywords=("甲,乙", "丙\t丁", "  "))
    assert category_keywords(odd, None) == "甲 乙 丙 丁"


# ---- the pinyin table ---------------------------------------------------------------------------------


def test_pinyin_table_is_what_pypinyin_reads() -> None:
    try:
        import pypinyin  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("pypinyin (dev extra) is missing: the pinyin table cannot be checked")
        pytest.skip("pypinyin is not installed: the pinyin table was not compared")
    packaged = (Path(pinyin_table.__file__).with_name(pinyin_table.TABLE)).read_text("utf-8")
    assert packaged == pinyin_table.generate(), (
        "pinyin-table.txt differs from pypinyin: run "
        "python -m checker.site.search.pinyin_table --write"
    )


def test_pinyin_table_covers_the_gb2312_characters() -> None:
    readings = pinyin_table.readings()
    assert len(pinyin_table.gb2312_characters()) == 6763
    assert set(pinyin_table.gb2312_characters()) <= set(readings)
    assert "kuan" in readings["款"] and "kuan" in readings["宽"]
    assert {"hang", "xing"} <= set(readings["行"])


# ---- Pagefind ---------------------------------------------------------------------------------------


def _page(folder: Path, name: str, body: str, scope: str = "staff") -> None:
    marker = " data-pagefind-body" if scope == "staff" else ""
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{name}</title></head>'
        f'<body><nav>导航 菜单</nav><div data-search-scope="{scope}"{marker}>{body}</div>'
        "</body></html>",
        encoding="utf-8",
    )


def test_index_site_makes_a_staff_and_a_reference_bundle(tmp_path: Path) -> None:
    _page(tmp_path, "safety/index.html", "<h1>安全</h1><p>客户烫伤了。</p>")
    _page(tmp_path, "quality/index.html", "<h1>质量</h1><p>冰箱不制冷。</p>")
    _page(tmp_path, "rules/index.html", "<h1>检查规则</h1><p>PB221 术语。</p>", "reference")
    index_site(tmp_path, ["rules/index.html"])
    staff = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    reference = json.loads((tmp_path / "pagefind-reference" / "pagefind-entry.json").read_text())
    assert [lang["page_count"] for lang in staff["languages"].values()] == [2]
    assert [lang["page_count"] for lang in reference["languages"].values()] == [1]
    fragments = [read_fragment(f) for f in (tmp_path / "pagefind/fragment").glob("*")]
    assert sorted(str(f["url"]) for f in fragments) == ["/quality/", "/safety/"]
    assert all("导航" not in str(f["content"]) for f in fragments)  # only the page body
    (text,) = [
        read_fragment(f)["content"] for f in (tmp_path / "pagefind-reference/fragment").glob("*")
    ]
    assert "PB221" in str(text) and "导航" not in str(text)


def test_index_words_are_pagefinds_own_cut() -> None:
    words = index_words(["消费者协会", "次品", "12315", "App"])
    assert words["消费者协会"] == ["消费", "者", "协会"]
    assert words["次品"] == ["次品"]
    assert words["12315"] == ["12315"]
    assert words["App"] == ["app"]


def test_the_index_is_built_without_the_network(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rn", "true"], check=False).returncode:
        pytest.skip("unshare -rn (a network namespace of one's own) is not available here")
    _page(tmp_path, "a/index.html", "<h1>安全</h1><p>客户烫伤了。</p>")
    script = (
        "import sys; from pathlib import Path; from checker.site.search.indexer import index_site;"
        " index_site(Path(sys.argv[1]), [])"
    )
    done = subprocess.run(
        [unshare, "-rn", sys.executable, "-c", script, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()


def test_a_missing_pagefind_is_named_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    failed = subprocess.CompletedProcess([], 1, "", "/usr/bin/python: No module named pagefind")
    monkeypatch.setattr(indexer.subprocess, "run", lambda *a, **k: failed)
    with pytest.raises(SearchIndexError, match="没有找到 Pagefind"):
        index_site(Path("site"), [])


def test_a_fragment_of_another_format_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "x.pf_fragment"
    other.write_bytes(gzip.compress(b'{"url": "/"}'))
    with pytest.raises(SearchIndexError, match=r"1\.5"):
        read_fragment(other)
