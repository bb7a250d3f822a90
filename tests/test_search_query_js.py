"""The header search's query analysis and ranking in JavaScript
(docs/assets/javascripts/handbook-search-query.js), run by Node's test runner with the lexicon
the bundled playbooks generate: `node --test tests/js/search-query.test.mjs`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.pipeline.engine import check_paths
from checker.site.search.indexer import index_words
from checker.site.search.lexicon import build_lexicon

ROOT = Path(__file__).resolve().parent.parent
JS_TEST = ROOT / "tests" / "js" / "search-query.test.mjs"


def test_query_analysis_in_node(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not on PATH; the search's query analysis cannot be checked in CI")
        pytest.skip("node is not on PATH: the search's query analysis was not checked")
    playbooks = check_paths([ROOT / "playbooks"]).playbooks
    assert playbooks is not None
    lexicon = tmp_path / "search-lexicon.json"
    built = build_lexicon(playbooks)
    built = built.with_index_words(index_words(built.searched()))
    lexicon.write_text(built.to_json(), encoding="utf-8")
    completed = subprocess.run(
        [node, "--test", str(JS_TEST.relative_to(ROOT))],
        cwd=ROOT,
        env={**os.environ, "LEXICON": str(lexicon)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, f"node --test failed:\n{output}"
    assert "# fail 0" in output and "# skipped 0" in output and "# pass " in output, output
