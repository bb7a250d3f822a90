"""The handbook's Markdown, without a browser: escaping, the generated pages, ``playbook render``
and the MkDocs build stopping on broken playbooks.

Markdown is converted with the extensions and options of mkdocs.yml (read by MkDocs itself), so
what is checked here is what the site shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_support import (
    BROKEN_FILE,
    DOCS,
    PLAYBOOKS,
    ROOT,
    Element,
    break_playbooks,
    code_blocks,
    copy_playbooks,
    mkdocs_build,
    parse_html,
    render,
    replace_line,
    replace_once,
    site_config,
    site_markdown_config,
    squash,
    table_with_header,
    tables,
)

from checker.catalogue import all_rules
from checker.cli import main
from checker.model import Category, PlaybookSet
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES
from checker.pipeline.engine import check_paths
from checker.site.build import build_handbook
from checker.site.markdown import bullet_list, code_block, mermaid_label, table, tabs, text
from checker.site.pages import render_pages
from checker.site.triage import triage_data

Bundled = tuple[PlaybookSet, dict[str, str], dict[str, Element]]
OddSite = tuple[dict[str, Element], dict[str, str]]
CATEGORY_IDS = sorted(p.stem for p in (PLAYBOOKS / "categories").glob("*.yaml"))

# ---- markdown.text ---------------------------------------------------------------------------

HOSTILE_TEXTS = [
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param('<a href="javascript:alert(1)" onclick="alert(2)">点我</a>', id="a-javascript"),
    pytest.param("<iframe src=//evil.example></iframe>", id="iframe"),
    pytest.param('<!-- 注释 --> <div markdown="1">**块**</div>', id="comment-md-in-html"),
    pytest.param("**bold** __strong__ *em* _em_ ~~del~~", id="emphasis"),
    pytest.param("[link](http://x) ![图](x.png) <http://auto.example> [ref][1]", id="links"),
    pytest.param("`code` ``more``", id="backticks"),
    pytest.param("列一 | 列二 | 列三", id="pipes"),
    pytest.param("第一行\n第二行\n\n第三段", id="newlines"),
    pytest.param("&lt; &amp; &#60; &copy; & ; #", id="entities"),
    pytest.param("标题 {#evil .cls onclick=alert(1)} {: onmouseover=alert(1) }", id="attr-list"),
    pytest.param("# 不是标题", id="heading-marker"),
    pytest.param("> 不是引用", id="quote-marker"),
    pytest.param("- 不是列表", id="list-marker"),
    pytest.param("1. 不是编号", id="number-marker"),
    pytest.param("---", id="rule-marker"),
    pytest.param('=== "不是标签页"', id="tab-marker"),
    pytest.param('!!! danger "不是提示框"', id="admonition-marker"),
    pytest.param("??? note", id="details-marker"),
    pytest.param("```python", id="fence-marker"),
    pytest.param("反斜杠 \\ 和 \\* 和 \\\\", id="backslashes"),
    pytest.param("金额 ¥300.00，折扣 5% ~ 10%，联系 a_b@example.com", id="punctuation"),
]


def _contexts(value: str) -> dict[str, tuple[str, set[str]]]:
    """Markdown placing ``value`` as the pages do, and the only elements allowed in its HTML."""
    cell = text(value)
    return {
        "paragraph": (f"{text(value)}\n", {"p"}),
        "list item": (bullet_list([value]), {"ul", "li"}),
        "table cell": (
            table(("列",), [(cell,)]),
            {"table", "thead", "tbody", "tr", "th", "td"},
        ),
        "heading": (f"## {text(value)} {{#anchor}}\n", {"h2", "a"}),
    }


def _assert_inert(tree: Element, allowed: set[str]) -> None:
    elements = list(tree.iter())[1:]
    unexpected = sorted({e.tag for e in elements} - allowed)
    assert not unexpected, f"playbook text became markup: {unexpected}"
    for e in elements:
        if e.tag == "a":
            assert "headerlink" in e.classes, f"a link came from the text: {e.attrs}"
        handlers = [name for name in e.attrs if name.startswith("on")]
        assert not handlers, f"<{e.tag}> got event handlers {handlers}"


def _body_text(tree: Element, context: str) -> str:
    if context == "table cell":
        rows = tables(tree)
        assert len(rows) == 1 and len(rows[0]) == 2, f"the table got {rows}"
        assert len(rows[0][1]) == 1, f"the cell split: {rows[0][1]}"
        return rows[0][1][0]
    return squash(tree.text())


@pytest.mark.parametrize("context", ["paragraph", "list item", "table cell", "heading"])
@pytest.mark.parametrize("value", HOSTILE_TEXTS)
def test_text_is_shown_as_written_and_never_becomes_markup(value: str, context: str) -> None:
    source, allowed = _contexts(value)[context]
    html = render(source)
    for tag in ("<script", "<img", "<iframe", "<a href", "<div"):
        assert tag not in html.lower(), f"{tag!r} in {html!r}"
    tree = parse_html(html)
    _assert_inert(tree, allowed)  # no element but the context's own, no on* attribute
    assert _body_text(tree, context) == squash(value)


def test_text_keeps_everything_on_one_line() -> None:
    assert "\n" not in text("第一行\n第二行\r\n第三行")


@pytest.mark.parametrize("value", ["第一行\r\n第二行", "第一行\r第二行"], ids=["crlf", "cr"])
def test_text_with_a_carriage_return_stays_in_its_table_cell(value: str) -> None:
    """A YAML double-quoted "\\r\\n" reaches the renderer as a real CR (the loader keeps it);
    Markdown treats a CR as a line break, so the table row must not be split by it."""
    tree = parse_html(render(table(("列", "另一列"), [(text(value), "右")])))
    assert tables(tree) == [[["列", "另一列"], [squash(value), "右"]]]


@pytest.mark.parametrize(
    "value", ["    缩进的 <b>文字</b> *星号*", "\t制表符开头 <b>文字</b>"], ids=["spaces", "tab"]
)
def test_text_with_leading_indentation_stays_a_paragraph(value: str) -> None:
    """Schema strings may start with spaces (quoted YAML); four of them must not turn a
    paragraph into a code block that shows the escapes (&lt; \\*) literally."""
    tree = parse_html(render(f"前文\n\n{text(value)}\n"))
    _assert_inert(tree, {"p"})
    assert squash(tree.text()) == squash(f"前文 {value}")


def test_tab_titles_are_shown_as_written() -> None:
    """Tab labels are channel and severity titles from policy.yaml: Markdown in them must stay
    text (no bold, no live link to another site), like everywhere else on the page."""
    title = "客服**热线** [官网](https://evil.example) `代码` <b>粗</b>"
    tree = parse_html(render(tabs([(title, code_block("话术"))])))
    labels = list(tree.iter("label"))
    assert [squash(label.text()) for label in labels] == [squash(title)]
    markup = [e.tag for label in labels for e in list(label.iter())[1:]]
    assert not markup, f"the tab title became markup: {markup}"


# ---- markdown.code_block ----------------------------------------------------------------------

CODE_VALUES = [
    pytest.param("普通话术，含 {称呼} 占位符。", id="plain"),
    pytest.param("含 `反引号` 的话术", id="backtick"),
    pytest.param("三个 ``` 反引号在行中", id="three-inline"),
    pytest.param("```\n整行是围栏\n```", id="fence-lines"),
    pytest.param("````\n四个反引号\n````", id="four-fence"),
    pytest.param("~~~\n波浪线围栏\n~~~", id="tilde-fence"),
    pytest.param("<script>alert(1)</script> <img src=x onerror=alert(1)>", id="html"),
    pytest.param("**不加粗** [不是链接](http://x) &amp;", id="markdown"),
    pytest.param("第一行\n\n    缩进的第三行\n最后一行", id="multiline"),
]


def _fence_length(block: str) -> int:
    return len(re.match(r"\s*(`+)", block)[1])


@pytest.mark.parametrize("value", CODE_VALUES)
def test_code_block_shows_the_text_verbatim(value: str) -> None:
    block = code_block(value)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    assert _fence_length(block) > longest
    assert _fence_length(block) >= 3
    html = render(block)
    assert "<script" not in html and "<img" not in html
    assert code_blocks(parse_html(html)) == [value]


@pytest.mark.parametrize("value", CODE_VALUES)
def test_code_block_inside_a_channel_tab_shows_the_text_verbatim(value: str) -> None:
    tree = parse_html(render(tabs([("电话", code_block(value)), ("微信", code_block("第二个"))])))
    assert code_blocks(tree) == [value, "第二个"]
    assert [squash(label.text()) for label in tree.iter("label")] == ["电话", "微信"]


def test_code_block_picks_a_fence_longer_than_any_backtick_run() -> None:
    assert code_block("a ``` b").startswith("````text\n")
    assert code_block("`````").startswith("``````text\n")
    assert code_block("无反引号").startswith("```text\n")


# ---- markdown.mermaid_label ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ['他说"马上处理"', "<b>粗</b> & <script>", "#quot; 已是实体", "第一行\n第二行", '"]  A-->B["'],
    ids=["quotes", "html", "entity", "newline", "breakout"],
)
def test_mermaid_label_cannot_leave_its_quotes(value: str) -> None:
    label = mermaid_label(value)
    for char in ('"', "<", ">", "\n"):
        assert char not in label, f"{char!r} in {label!r}"
    node = f'    S0["{label}"]'
    assert node.count('"') == 2
    entities = {"#quot;": '"', "#lt;": "<", "#gt;": ">", "#amp;": "&", "#35;": "#"}
    decoded = re.sub(r"#(?:quot|lt|gt|amp|35);", lambda m: entities[m[0]], label)
    assert decoded == squash(value)


def test_site_markdown_uses_the_extensions_of_mkdocs_yml() -> None:
    extensions, configs = site_markdown_config()
    wanted = [
        "admonition",
        "attr_list",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.escapeall",
        "pymdownx.highlight",
        "pymdownx.superfences",
        "pymdownx.tabbed",
    ]
    assert set(wanted) <= set(extensions), extensions
    assert configs["pymdownx.tabbed"]["alternate_style"] is True
    tree = parse_html(render('=== "甲"\n\n    内容\n'))
    assert [e for e in tree.iter("div") if "tabbed-alternate" in e.classes], "alternate_style off"


# ---- render_pages on the bundled playbooks ------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Iterator[Bundled]:
    """The bundled playbooks checked from the repository (as `playbook check` sees them), their
    pages and each page converted to HTML."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = check_paths(["playbooks"])
        assert result.playbooks is not None and not result.summary.errors
        pages = render_pages(result.playbooks, all_rules(), "playbooks")
    html = {path: parse_html(render(source)) for path, source in pages.items()}
    yield result.playbooks, pages, html


def _category(playbooks: PlaybookSet, category_id: str) -> Category:
    category = playbooks.category(category_id)
    assert category is not None, f"{category_id} not loaded"
    return category


def test_render_pages_yields_every_page(bundled: Bundled) -> None:
    _, pages, _ = bundled
    expected = {
        "index.md",
        "categories/index.md",
        "severities.md",
        "tiers.md",
        "limits.md",
        "customer-types.md",
        "scripts.md",
        "principles.md",
        "changelog.md",
        "rules.md",
        "triage.md",
        *(f"categories/{c}.md" for c in CATEGORY_IDS),
    }
    assert expected <= set(pages), sorted(expected - set(pages))
    assert all(content.startswith("# ") for content in pages.values())


def test_home_page_links_every_category(bundled: Bundled) -> None:
    _, _, html = bundled
    links = {a.attrs.get("href") for a in html["index.md"].iter("a")}
    for category_id in CATEGORY_IDS:
        assert f"categories/{category_id}.md" in links


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_category_page_has_its_limits_table(bundled: Bundled, category_id: str) -> None:
    playbooks, _, html = bundled
    category = _category(playbooks, category_id)
    severity_title = {s.id: s.title for s in playbooks.policy.severities}
    rows = table_with_header(html[f"categories/{category_id}.md"], "严重程度")
    assert rows[0] == ["严重程度", *(METRIC_TITLES[m] for m in LIMIT_METRICS)]
    expected = [
        [severity_title[severity], *(limits.metric(m).duration.label() for m in LIMIT_METRICS)]
        for severity, limits in category.limits.items()
    ]
    assert rows[1:] == expected
    assert {s.id for s in playbooks.policy.severities} == set(category.limits)


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_category_page_has_every_script(bundled: Bundled, category_id: str) -> None:
    playbooks, _, html = bundled
    category = _category(playbooks, category_id)
    blocks = code_blocks(html[f"categories/{category_id}.md"])
    scripts = [script.text.strip() for script in category.scripts()]
    assert scripts, "a category without scripts"
    missing = [s for s in scripts if s not in blocks]
    assert not missing, missing


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_category_page_has_every_remedy(bundled: Bundled, category_id: str) -> None:
    playbooks, _, html = bundled
    category = _category(playbooks, category_id)
    tier_title = {t.id: t.title for t in playbooks.policy.tiers}
    rows = table_with_header(html[f"categories/{category_id}.md"], "措施")
    by_title = {row[0]: row for row in rows[1:]}
    assert len(rows) - 1 == len(category.remedies)
    for remedy in category.remedies:
        row = by_title.get(remedy.title)
        assert row is not None, f"remedy {remedy.id} ({remedy.title}) missing"
        assert row[3] == tier_title[remedy.approver]
        amount = f"{remedy.max_amount} 元" if remedy.max_amount is not None else "—"
        assert row[2] == amount
        assert row[5] == squash(remedy.conditions)


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_category_page_links_its_yaml_source(bundled: Bundled, category_id: str) -> None:
    _, _, html = bundled
    target = f"../yaml/categories/{category_id}.yaml"
    links = [
        a for a in html[f"categories/{category_id}.md"].iter("a") if a.attrs.get("href") == target
    ]
    assert links, f"no link to {target}"
    assert "YAML" in links[0].text()


def test_yaml_sources_are_published_where_the_pages_link() -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        handbook = build_handbook("playbooks")
    for category_id in CATEGORY_IDS:
        source = handbook.sources[f"yaml/categories/{category_id}.yaml"]
        assert source.resolve() == (PLAYBOOKS / "categories" / f"{category_id}.yaml").resolve()


def _tables_by_heading(tree: Element) -> dict[str, list[list[str]]]:
    """Each h2's id -> the first table after it (rows of cell texts, header first)."""
    found: dict[str, list[list[str]]] = {}
    heading = None
    for element in tree.iter():
        if element.tag == "h2":
            heading = element.attrs.get("id")
        elif element.tag == "table" and heading and heading not in found:
            found[heading] = [
                [squash(c.text()) for c in row.iter() if c.tag in ("th", "td")]
                for row in element.iter("tr")
            ]
    return found


def test_limits_page_has_every_category_and_severity(bundled: Bundled) -> None:
    """One small table per category: a row per limit, a column per severity, one value per
    cell (it must read on a phone)."""
    playbooks, _, html = bundled
    severities = playbooks.policy.severities
    tables = _tables_by_heading(html["limits.md"])
    assert set(tables) >= {c.id for c in playbooks.categories}
    for category in playbooks.categories:
        rows = tables[category.id]
        assert rows[0] == ["时限", *(s.title for s in severities)], category.id
        expected = [
            [
                METRIC_TITLES[m],
                *(category.limits[s.id].metric(m).duration.label() for s in severities),
            ]
            for m in LIMIT_METRICS
        ]
        assert rows[1:] == expected, category.id
    headings = {squash(h.text()): h.attrs.get("id") for h in html["limits.md"].iter("h2")}
    assert {c.title: c.id for c in playbooks.categories}.items() <= headings.items()


def test_scripts_page_has_every_script(bundled: Bundled) -> None:
    playbooks, _, html = bundled
    blocks = code_blocks(html["scripts.md"])
    wanted = [s.text.strip() for c in playbooks.categories for s in c.scripts()]
    wanted += [s.text.strip() for t in playbooks.customer_types.types for s in t.scripts]
    assert len(wanted) > 20
    missing = [s for s in wanted if s not in blocks]
    assert not missing, missing
    headings = {squash(h.text()) for h in html["scripts.md"].iter("h3")}
    for kind in playbooks.customer_types.types:
        assert kind.title in headings


def test_customer_types_page_has_every_type_and_script(bundled: Bundled) -> None:
    playbooks, _, html = bundled
    tree = html["customer-types.md"]
    ids = {h.attrs.get("id") for h in tree.iter("h2")}
    blocks = code_blocks(tree)
    for kind in playbooks.customer_types.types:
        assert f"type-{kind.id}" in ids
        for script in kind.scripts:
            assert script.text.strip() in blocks


def test_rules_page_has_every_rule_and_example(bundled: Bundled) -> None:
    _, _, html = bundled
    tree = html["rules.md"]
    ids = {h.attrs.get("id") for h in tree.iter("h2")}
    blocks = code_blocks(tree)
    rules = all_rules()
    assert len(rules) > 30
    for rule in rules:
        assert rule.id.lower() in ids, rule.id
        for example in (*rule.good, *rule.bad):
            assert example.yaml.rstrip("\n") in blocks, f"{rule.id} example missing"
    first_column = [row[0] for row in table_with_header(tree, "规则号")[1:]]
    assert first_column == [r.id for r in rules]


# ---- odd but valid playbook text, end to end ------------------------------------------------------


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory: pytest.TempPathFactory) -> OddSite:
    """A copy of the bundled playbooks with valid text that is awkward for Markdown."""
    root = copy_playbooks(tmp_path_factory.mktemp("odd") / "playbooks")
    replace_once(
        root / "policy.yaml",
        "    title: 客服热线\n",
        '    title: "客服**热线** [官网](https://evil.example)"\n',
    )
    replace_line(
        root / "categories" / "product-quality.yaml",
        r"summary: .*",
        r'summary: "产品质量投诉。\r\n第二行 | 表格"',
    )
    replace_once(
        root / "customer-types.yaml",
        "      - situation: 回访中客户流露失望\n",
        '      - situation: " 回访中客户流露失望 "\n',
    )
    handbook = build_handbook(root)
    return {path: parse_html(render(md)) for path, md in handbook.pages.items()}, handbook.pages


def test_odd_site_is_accepted_by_the_checker(odd_site: OddSite) -> None:
    html, _ = odd_site
    assert "categories/product-quality.md" in html


def test_channel_title_markdown_stays_text_in_tab_labels(odd_site: OddSite) -> None:
    html, _ = odd_site
    tree = html["categories/product-quality.md"]
    labels = [label for label in tree.iter("label") if "热线" in label.text()]
    assert labels, "no tab label with the channel title"
    for label in labels:
        assert squash(label.text()) == "客服**热线** [官网](https://evil.example)"
        assert not list(label.iter("a")), "the channel title became a link to another site"
        assert not list(label.iter("strong"))


def test_summary_with_crlf_keeps_the_home_table_row(odd_site: OddSite) -> None:
    html, _ = odd_site
    rows = table_with_header(html["index.md"], "类别")
    row = next(r for r in rows if r[0] == "产品质量")
    assert row[2] == "产品质量投诉。 第二行 | 表格"
    assert all(len(r) == 3 and r[0] for r in rows), rows


def test_situation_with_surrounding_spaces_stays_one_emphasis(odd_site: OddSite) -> None:
    html, _ = odd_site
    for page in ("customer-types.md", "scripts.md"):
        tree = html[page]
        ems = [squash(e.text()) for e in tree.iter("em")]
        assert "回访中客户流露失望" in ems, f"{page}: situation not emphasised"
        stray = [squash(li.text()) for li in tree.iter("li") if "流露失望" in li.text()]
        assert not stray, f"{page}: the situation became a list item {stray}"


# ---- playbook render -------------------------------------------------------------------------------


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("GITHUB_ACTIONS", "PLAYBOOK_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    return ROOT


def test_render_writes_pages_guides_and_sources(
    in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["render", "--out", str(out)]) == 0
    assert "已写出" in capsys.readouterr().out
    handbook = build_handbook("playbooks")
    for page, content in handbook.pages.items():
        assert (out / page).read_text(encoding="utf-8") == content, page
    guides = sorted(p.relative_to(DOCS) for p in DOCS.rglob("*") if p.is_file())
    assert any(g.parts[0] == "guides" for g in guides)
    for guide in guides:
        assert (out / guide).read_bytes() == (DOCS / guide).read_bytes(), guide
    for category_id in CATEGORY_IDS:
        copied = out / "yaml" / "categories" / f"{category_id}.yaml"
        assert (
            copied.read_bytes() == (PLAYBOOKS / "categories" / f"{category_id}.yaml").read_bytes()
        )


def test_render_into_an_empty_existing_folder(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["render", "--out", str(out)]) == 0
    assert (out / "index.md").is_file()


def test_render_refuses_a_non_empty_output_folder(
    in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("别覆盖我", encoding="utf-8")
    assert main(["render", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "不为空" in err
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    assert (out / "mine.txt").read_text(encoding="utf-8") == "别覆盖我"


def test_render_refuses_an_output_path_that_is_a_file(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("x", encoding="utf-8")
    assert main(["render", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "x"


def test_render_with_broken_playbooks_prints_the_findings_and_writes_nothing(
    in_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = copy_playbooks(tmp_path / "playbooks")
    line = break_playbooks(broken)
    out = tmp_path / "out"
    assert main(["render", "--playbooks", str(broken), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "PB201" in captured.out
    assert re.search(rf"{re.escape(BROKEN_FILE)}:{line}:\d+: 错误 PB201", captured.out), (
        captured.out
    )
    assert "nobody" in captured.out
    assert "没有生成页面" in captured.err
    assert not out.exists() or not any(out.iterdir())


# ---- the MkDocs build ---------------------------------------------------------------------------------


def test_mkdocs_build_stops_with_the_checkers_message(tmp_path: Path) -> None:
    broken = copy_playbooks(tmp_path / "playbooks")
    line = break_playbooks(broken)
    config = site_config(tmp_path / "config", broken)
    site = tmp_path / "site"
    result = mkdocs_build(site, config)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "PB201" in output
    assert re.search(rf"{re.escape(BROKEN_FILE)}:{line}:\d+: 错误 PB201", output), output
    assert "手册文件有错误" in output
    assert "Traceback" not in output
    assert not (site / "index.html").exists()


def test_mkdocs_build_of_a_good_copy_with_the_same_config_succeeds(tmp_path: Path) -> None:
    """The rewritten config is sound: the failure above comes from the playbooks alone."""
    good = copy_playbooks(tmp_path / "playbooks")
    config = site_config(tmp_path / "config", good)
    site = tmp_path / "site"
    result = mkdocs_build(site, config)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "categories" / "product-quality" / "index.html").is_file()


# ---- the card, the emergency box, the routes and the triage page --------------------------------


def _blocks(tree: Element) -> list[Element]:
    """The page's top-level elements, in order."""
    return [child for child in tree.children if isinstance(child, Element)]


def _tabs(block: Element) -> list[tuple[str, bool, Element]]:
    """(label, open at first, content) of the first tab set inside ``block``."""
    tab_set = next(e for e in block.iter("div") if "tabbed-set" in e.classes)
    inputs = [e for e in tab_set.children if isinstance(e, Element) and e.tag == "input"]
    labels = next(e for e in tab_set.iter("div") if "tabbed-labels" in e.classes)
    content = next(e for e in tab_set.iter("div") if "tabbed-content" in e.classes)
    bodies = [e for e in content.children if isinstance(e, Element)]
    names = [squash(label.text()) for label in labels.iter("label")]
    opened = ["checked" in i.attrs for i in inputs]
    return list(zip(names, opened, bodies, strict=True))


def _tier_with_phone(playbooks: PlaybookSet, tier_id: str) -> str:
    """「客服组长 · 分机 8100」; the front line (agent) has no extension of its own."""
    tier = playbooks.policy.tier(tier_id)
    assert tier is not None and (tier.phone or tier_id == "agent"), f"{tier_id}: no extension"
    return f"{tier.title} · 分机 {tier.phone}" if tier.phone else tier.title


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_category_page_opens_with_its_card(bundled: Bundled, category_id: str) -> None:
    playbooks, _, html = bundled
    category = _category(playbooks, category_id)
    blocks = _blocks(html[f"categories/{category_id}.md"])
    assert blocks[0].tag == "h1"
    card = blocks[2] if category.emergency else blocks[1]
    assert {"admonition", "card", f"card-for-{category_id}"} <= set(card.classes)
    titles = {s.id: s.title for s in playbooks.policy.severities}
    tabs = _tabs(card)
    assert [(name, opened) for name, opened, _ in tabs] == [
        (titles[s], s == category.default_severity) for s in category.limits
    ]
    for severity, (_, _, body) in zip(category.limits, tabs, strict=True):
        shown = squash(body.text())
        limits = category.limits[severity]
        for metric in LIMIT_METRICS:
            assert f"{METRIC_TITLES[metric]} {limits.metric(metric).duration.label()}" in shown
        path = category.escalation[severity]
        assert f"负责：{_tier_with_phone(playbooks, path.owner)}" in shown
        steps = [squash(li.text()) for li in body.iter("li")]
        assert len(steps) == len(path.steps)
        for step, line in zip(path.steps, steps, strict=True):
            assert line.startswith(f"{step.after.label()}未解决，或")
            assert line.endswith(f"→ {_tier_with_phone(playbooks, step.to)}"), line
    first = next(s for step in category.procedure for s in step.scripts.values())
    assert code_blocks(card)[0] == first.text.rstrip("\n")


def test_the_safety_page_opens_with_the_emergency_box(bundled: Bundled) -> None:
    playbooks, _, html = bundled
    category = _category(playbooks, "safety-incident")
    assert category.emergency is not None and playbooks.policy.duty is not None
    blocks = _blocks(html["categories/safety-incident.md"])
    box = blocks[1]
    assert {"admonition", "danger", "emergency"} <= set(box.classes)
    items = [squash(li.text()) for li in box.iter("li")]
    assert items == [squash(a) for a in category.emergency.actions]
    assert any("119" in item and "120" in item for item in items)
    duty = playbooks.policy.duty
    call = squash(next(e for e in box.iter("strong") if "emergency__call" in e.classes).text())
    assert call == f"15 分钟内电话报告 {duty.title}：分机 {duty.phone}"
    assert duty.phone == "8399"


def test_only_categories_with_an_emergency_have_the_box(bundled: Bundled) -> None:
    playbooks, _, html = bundled
    for category in playbooks.categories:
        boxes = [
            e for e in html[f"categories/{category.id}.md"].iter("div") if "emergency" in e.classes
        ]
        assert len(boxes) == (1 if category.emergency else 0), category.id


def test_home_page_routes_lead_where_the_policy_says(bundled: Bundled) -> None:
    playbooks, _, html = bundled
    blocks = _blocks(html["index.md"])
    assert blocks[0].tag == "h1"
    routes = blocks[1]
    assert "routes" in routes.classes
    links = list(routes.iter("a"))
    targets = {
        "有人受伤、有危险": "categories/safety-incident.md",
        "情绪激动、骂人": "customer-types.md#type-emotional",
        "要退款、要赔偿": "tiers.md",
        "扬言找媒体、12315、监管部门": "triage.md#signal-threatens-exposure",
        "要求升级、找领导": "tiers.md",
        "拿不准属于哪一类": "triage.md",
    }
    shown = {squash(a.iter("strong").__next__().text()): a.attrs.get("href") for a in links}
    assert shown == targets
    assert [r.title for r in playbooks.policy.routes] == list(targets)
    danger = [squash(a.text()) for a in links if "route--danger" in a.classes]
    assert len(danger) == 1 and danger[0].startswith("有人受伤、有危险")


def test_tiers_page_lists_every_extension(bundled: Bundled) -> None:
    playbooks, _, html = bundled
    rows = table_with_header(html["tiers.md"], "层级")
    assert rows[0][:2] == ["层级", "分机"]
    assert [r[:2] for r in rows[1:]] == [[t.title, t.phone or "—"] for t in playbooks.policy.tiers]
    duty = playbooks.policy.duty
    titles = [
        squash(p.text()) for p in html["tiers.md"].iter("p") if "admonition-title" in p.classes
    ]
    assert f"{duty.title}：分机 {duty.phone}" in titles


def test_triage_page_offers_every_category_and_signal(bundled: Bundled) -> None:
    playbooks, pages, html = bundled
    tree = html["triage.md"]
    radios = [e.attrs for e in tree.iter("input") if e.attrs.get("name") == "category"]
    boxes = [e.attrs for e in tree.iter("input") if e.attrs.get("name") == "signal"]
    assert [r["value"] for r in radios] == [c.id for c in playbooks.categories]
    assert [(b["value"], b["id"]) for b in boxes] == [
        (s.id, f"signal-{s.id}") for s in playbooks.policy.signals
    ]
    data = next(e for e in tree.iter("script") if e.attrs.get("id") == "triage-data")
    assert json.loads("".join(c for c in data.children if isinstance(c, str))) == triage_data(
        playbooks
    )
    cards = [e for e in tree.iter("div") if "card" in e.classes]
    assert [c.classes[2] for c in cards] == [f"card-for-{c.id}" for c in playbooks.categories]
    assert "triage.md" in pages


def test_a_signal_only_some_categories_use_is_offered_for_those(bundled: Bundled) -> None:
    _, _, html = bundled
    labels = {
        next(i for i in label.iter("input")).attrs["value"]: label.attrs.get("data-categories")
        for label in html["triage.md"].iter("label")
        if any(i.attrs.get("name") == "signal" for i in label.iter("input"))
    }
    assert labels["danger"] is None  # decides by itself: always offered
    assert labels["property-damage"] == "after-sales product-quality"
    assert labels["staff-misconduct"] == "service-attitude"
