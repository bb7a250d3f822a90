"""The header search's query analysis and ranking in JavaScript
(docs/assets/javascripts/handbook-search-query.js), run by Node's test runner with the lexicon
the bundled playbooks generate: `node --test tests/js/search-query.test.mjs`."""

from __future__ import annotations

from pathlib import Path

from node_tests import run_node_tests

from checker.pipeline.engine import check_paths
from checker.site.search.indexer import index_words
from checker.site.search.lexicon import build_lexicon

ROOT = Path(__file__).resolve().parent.parent
JS_TEST = ROOT / "tests" / "js" / "search-query.test.mjs"


def test_query_analysis_in_node(tmp_path: Path) -> None:
    playbooks = check_paths([ROOT / "playbooks"]).playbooks
    assert playbooks is not None
    lexicon = tmp_path / "search-lexicon.json"
    built = build_lexicon(playbooks)
    built = built.with_index_words(index_words(built.searched()))
    lexicon.write_text(built.to_json(), encoding="utf-8")
    output = run_node_tests(JS_TEST, {"LEXICON": str(lexicon)}, "the search's query analysis")
    assert "# fail 0" in output and "# skipped 0" in output and "# pass " in output, output
