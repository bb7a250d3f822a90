"""The theme overrides for the header search (checker/site/theme/) are Material's own partials
with only the expected changes: a Material upgrade that changes them shows up here."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

THEME = Path(__file__).resolve().parent.parent / "checker" / "site" / "theme" / "partials"
MATERIAL = Path(material.__file__).resolve().parent / "templates" / "partials"
COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def _without_comment(text: str) -> str:
    return COMMENT.sub("", text, count=1)


def _header(text: str) -> str:
    old = (
        '    {% if "material/search" in config.plugins %}\n'
        '      {% set search = config.plugins["material/search"] | attr("config") %}\n'
        "      {% if search.enabled %}\n"
    )
    new = (
        '    {% if "material/search" not in config.plugins %}\n'
        '      {% if "playbooks" in config.plugins %}\n'
    )
    assert text.count(old) == 1, "Material's header no longer tests its search plugin this way"
    return text.replace(old, new)


def _search(text: str) -> str:
    for option in ("share", "suggest"):  # both need Material's own search
        text, n = re.subn(
            rf'\n *\{{% if "search\.{option}" in features %\}}.*?\{{% endif %\}}',
            "",
            text,
            count=1,
            flags=re.S,
        )
        assert n == 1, f"Material's search.{option} block changed"
    for old, new in (
        ('data-md-component="search"', "data-handbook-search"),
        ('name="search"', 'name="handbook-search"'),
        ('data-md-component="search-query"', "data-handbook-search-query"),
        ('data-md-component="search-result"', "data-handbook-search-result"),
        ('lang.t("search.result.initializer")', 'lang.t("search.result.placeholder")'),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(("name", "change"), [("header.html", _header), ("search.html", _search)])
def test_partial_is_materials_with_the_search_changes(name: str, change: object) -> None:
    ours = _without_comment((THEME / name).read_text(encoding="utf-8"))
    theirs = _without_comment((MATERIAL / name).read_text(encoding="utf-8"))
    assert callable(change)
    assert ours == change(theirs)


def test_no_material_search_component_is_left() -> None:
    search = _without_comment((THEME / "search.html").read_text(encoding="utf-8"))
    assert "data-md-component" not in search
    assert 'name="search"' not in search


def test_main_html_copies_materials_container_block() -> None:
    """main.html repeats Material's content container to mark its <article>; the markup it
    copies must still be Material's."""
    base = (MATERIAL.parent / "base.html").read_text(encoding="utf-8")
    ours = (THEME.parent / "main.html").read_text(encoding="utf-8")
    for line in (
        '<div class="md-content" data-md-component="content">',
        '{% include "partials/path.html" %}',
        '<article class="md-content__inner md-typeset">',
        '{% include "partials/content.html" %}',
    ):
        assert line in base, f"Material's base.html changed: {line}"
        assert line.removesuffix(">") in ours, line
