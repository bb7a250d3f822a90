"""The header search in headless Chromium, typed into the real box as staff would.

The handbook is built once (``mkdocs build --strict``: Pagefind index and lexicon included) and
served on 127.0.0.1. The staff phrasings of tests/data/staff_queries.yaml must find their page
in the first three results for at least 95% of them (the share is printed and written to
tests/artifacts/search-staff-queries.txt); every request the browser makes is recorded and must
go to that local server. Without /usr/bin/chromium these tests skip, except under CI, where
they fail (conftest.py's chromium_ready).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml
from browser_harness import Recorder, Site, build_and_serve
from site_support import ARTIFACTS, copy_playbooks, replace_once, site_config

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "staff_queries.yaml").read_text("utf-8"))
REQUIRED_SHARE = 0.95
REFERENCE_PAGES = {"rules/", "changelog/", "guides/authoring/", "guides/compliance-review/"}
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 740}
NO_RESULTS = "没有找到符合条件的结果"  # Material's zh text for search.result.none


@pytest.fixture(scope="module")
def handbook(chromium_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from build_and_serve(tmp_path_factory.mktemp("search") / "site")


@dataclass
class SearchTab:
    page: Any
    recorder: Recorder
    site: Site
    requested: list[str]

    def assert_only_local_requests(self) -> None:
        """Every URL the browser asked for is on the local server (or data:/blob:)."""
        assert self.requested, "no request was recorded"
        outside = [
            url
            for url in self.requested
            if not url.startswith(self.site.url) and urlsplit(url).scheme not in ("data", "blob")
        ]
        assert not outside, f"requests that left {self.site.url}: {outside}"
        self.recorder.assert_clean()

    def open(self, path: str = "") -> None:
        self.page.goto(self.site.url + path, wait_until="load")

    @property
    def box(self) -> Any:
        return self.page.locator("header .md-search__input")

    def type(self, query: str) -> None:
        """Type ``query`` into the header box key by key and wait for its complete answer."""
        self.box.click()
        self.box.fill("")
        self.box.press_sequentially(query, delay=15)
        self.wait_for(query)

    def wait_for(self, query: str) -> None:
        self.page.wait_for_function(
            "q => document.querySelector('[data-handbook-search]').dataset.searched === q",
            arg=query,
            timeout=15_000,
        )

    def results(self) -> list[str]:
        """Site paths of the results in order, staff pages and then the reference heading's."""
        hrefs = self.page.eval_on_selector_all(
            ".md-search-result__list > .md-search-result__item > a:first-child",
            "links => links.map(a => a.getAttribute('href'))",
        )
        base = urlsplit(self.site.url).path
        return [unquote(urlsplit(h).path).removeprefix(base) for h in hrefs]

    def items(self) -> list[str]:
        """Each list item: a page path, or the heading text of the reference pages."""
        return self.page.eval_on_selector_all(
            ".md-search-result__list > li",
            "items => items.map(li => li.classList.contains('handbook-search__scope')"
            " ? 'HEADING ' + li.textContent : li.querySelector('a').getAttribute('href'))",
        )


def _tab(browser: Any, site: Site, viewport: dict[str, int] = DESKTOP) -> tuple[Any, SearchTab]:
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    recorder = Recorder(context)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    return context, SearchTab(context.new_page(), recorder, site, requested)


@pytest.fixture
def tab(browser: Any, handbook: Site) -> Iterator[SearchTab]:
    context, tab = _tab(browser, handbook)
    try:
        yield tab
    finally:
        context.close()


# ---- staff phrasings ----------------------------------------------------------------------------


def test_the_staff_phrasings_cover_what_the_issue_asks_for() -> None:
    assert len(QUERIES) >= 60
    kinds = {q["kind"] for q in QUERIES}
    assert {"sentence", "colloquial", "number", "typo"} <= kinds, kinds
    assert any("24小时" in q["query"] for q in QUERIES)
    assert any("12315" in q["query"] for q in QUERIES)
    assert len({q["query"] for q in QUERIES}) == len(QUERIES), "a phrasing is listed twice"


def test_staff_phrasings_find_their_page_in_the_top_three(
    tab: SearchTab, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = [q["page"] for q in QUERIES if not (tab.site.directory / q["page"]).is_dir()]
    assert not missing, f"expected pages that the handbook does not have: {missing}"
    tab.open("categories/")
    lines, hits = [], 0
    for q in QUERIES:
        tab.type(q["query"])
        top = tab.results()[:3]
        hit = q["page"] in top
        hits += hit
        lines.append(f"{'命中' if hit else '未中'}  {q['query']}  →  {q['page']}   前三：{top}")
    share = hits / len(QUERIES)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = [f"前三命中 {hits}/{len(QUERIES)} = {share:.1%}", *lines]
    (ARTIFACTS / "search-staff-queries.txt").write_text("\n".join(report) + "\n", "utf-8")
    with capsys.disabled():
        print(f"\nstaff phrasings in the top 3: {hits}/{len(QUERIES)} = {share:.1%}")
    misses = "\n".join(line for line in lines if line.startswith("未中"))
    assert share >= REQUIRED_SHARE, f"{hits}/{len(QUERIES)} in the top 3; missed:\n{misses}"
    assert any("/pagefind/" in url for url in tab.requested), "the search fetched no index"
    tab.assert_only_local_requests()


def test_the_last_word_is_searched_too(tab: SearchTab) -> None:
    tab.open()
    tab.type("受伤")
    assert tab.results()[0] == "categories/safety-incident/"
    tab.type("热水器烫伤")
    assert tab.results()[0] == "categories/safety-incident/"


def test_numbers_glued_to_chinese_find_the_same_pages(tab: SearchTab) -> None:
    tab.open()
    tab.type("24 小时")
    apart = tab.results()
    tab.type("24小时")
    assert apart, "24 小时 found nothing"
    assert tab.results() == apart


def test_a_sentence_in_the_customers_words_is_answered(tab: SearchTab) -> None:
    tab.open()
    sentence = "客户说他被你们的热水器烫伤了，现在很生气要赔钱"
    tab.type(sentence)
    assert tab.results()[0] == "categories/safety-incident/"
    # words no page has are named under the result, the way Material shows them
    tab.type("烫伤 鲸鱼")
    assert tab.results()[0] == "categories/safety-incident/"
    assert "鲸鱼" in tab.page.inner_text(".md-search-result__terms >> nth=0")


def test_a_query_without_hits_says_so_in_chinese(tab: SearchTab) -> None:
    tab.open()
    tab.type("火星探测器")  # no page of either index has these words
    assert tab.page.inner_text(".md-search-result__meta") == NO_RESULTS
    assert tab.items() == []
    tab.type("受伤")  # and the next query is answered again
    assert tab.results()[0] == "categories/safety-incident/"
    tab.assert_only_local_requests()


def test_a_typo_is_read_and_said_so(tab: SearchTab) -> None:
    tab.open()
    tab.type("退宽")
    assert "「退宽」按「退款」查找" in tab.page.inner_text(".md-search-result__meta")
    assert "categories/billing-pricing/" in tab.results()[:3]


# ---- staff pages first, reference pages in their own scope ------------------------------------------


def test_reference_pages_come_after_every_staff_page(tab: SearchTab) -> None:
    tab.open()
    for query in ("起火", "版本", "退款"):
        tab.type(query)
        items = tab.items()
        headings = [i for i, item in enumerate(items) if item.startswith("HEADING ")]
        base = urlsplit(tab.site.url).path
        paths = [unquote(urlsplit(i).path).removeprefix(base) for i in items if "HEADING" not in i]
        if not headings:
            assert not REFERENCE_PAGES & set(paths), (query, items)
            continue
        assert len(headings) == 1 and items[headings[0]].startswith("HEADING 编写与审阅资料")
        before = [unquote(urlsplit(i).path).removeprefix(base) for i in items[: headings[0]]]
        after = [unquote(urlsplit(i).path).removeprefix(base) for i in items[headings[0] + 1 :]]
        assert not REFERENCE_PAGES & set(before), (query, before)
        assert after and set(after) <= REFERENCE_PAGES, (query, after)
    tab.type("PB301")
    assert "rules/" in tab.results()


def test_the_home_page_is_not_a_result(tab: SearchTab) -> None:
    tab.open("limits/")
    for query in ("处理流程", "投诉类别"):
        tab.type(query)
        assert "" not in tab.results()


# ---- the box: Material's place, Material's keys ---------------------------------------------------


def test_keyboard_shortcuts_work_like_materials(tab: SearchTab) -> None:
    page = tab.page
    tab.open("categories/product-quality/")
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.matches('header .md-search__input')")
    page.keyboard.type("受伤")
    tab.wait_for("受伤")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('a.md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/categories/safety-incident/"))
    tab.assert_only_local_requests()


def test_a_link_opens_a_search(tab: SearchTab) -> None:
    tab.open(f"?q={quote('骂人')}")
    tab.wait_for("骂人")
    assert tab.page.evaluate("document.getElementById('__search').checked")
    assert "customer-types/" in tab.results()[:3]


def test_searching_fetches_only_from_this_server_and_little(browser: Any, handbook: Site) -> None:
    context, tab = _tab(browser, handbook)
    requested: list[Any] = []
    try:
        tab.open("categories/")
        tab.page.on("requestfinished", lambda request: requested.append(request))
        tab.type("客户说热水器漏电把手麻了要去消协")
        assert tab.results()
        fetched = sum(r.sizes()["responseBodySize"] for r in requested)
        assert fetched < 1024 * 1024, f"{fetched} bytes for one query"
        assert any("/pagefind/" in r.url for r in requested), "the search fetched no index"
        assert not any("search_index" in r.url for r in requested), "Material's index was fetched"
        tab.assert_only_local_requests()
    finally:
        context.close()


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_results_are_on_screen_at_both_sizes(
    browser: Any, handbook: Site, name: str, viewport: dict[str, int]
) -> None:
    context, tab = _tab(browser, handbook, viewport)
    try:
        tab.open("categories/")
        if name == "phone":  # the box hides behind Material's search icon on a phone
            tab.page.locator("label.md-header__button[for=__search]").click()
        tab.type("热水器把孩子烫伤了")
        assert tab.results()[0] == "categories/safety-incident/"
        first = tab.page.locator(".md-search-result__item").first.bounding_box()
        assert first is not None and first["y"] + 40 < viewport["height"], first
        assert first["x"] >= 0 and first["x"] + first["width"] <= viewport["width"] + 1, first
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(ARTIFACTS / f"search-{name}.png"))
        tab.assert_only_local_requests()
    finally:
        context.close()


# ---- hostile playbook text ----------------------------------------------------------------------------

KEYWORD_PAYLOAD = '漏水"><img src=x onerror="window.__xss_keyword=1">'
SUMMARY_PAYLOAD = "<img src=x onerror=window.__xss_excerpt=1> 猫眼漏洞"


@pytest.fixture(scope="module")
def hostile(chromium_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("search-hostile")
    root = copy_playbooks(work / "playbooks")
    category = root / "categories" / "product-quality.yaml"
    replace_once(category, "  - 漏水\n", f"  - '{KEYWORD_PAYLOAD}'\n")
    text = category.read_text(encoding="utf-8")
    text, n = re.subn(r"^summary: .*$", f'summary: "{SUMMARY_PAYLOAD}"', text, count=1, flags=re.M)
    assert n == 1
    category.write_text(text, encoding="utf-8")
    yield from build_and_serve(work / "site", site_config(work / "config", root))


def test_hostile_text_in_results_stays_text(browser: Any, hostile: Site) -> None:
    context, tab = _tab(browser, hostile)
    try:
        tab.open("categories/product-quality/")
        assert tab.page.evaluate("typeof window.__xss_keyword") == "undefined"
        tab.type("猫眼")
        assert tab.results()[0] == "categories/product-quality/"
        shown = tab.page.inner_text(".md-search-result__item >> nth=0")
        assert "<img src=x" in shown, shown
        assert tab.page.locator(".md-search-result img").count() == 0
        assert tab.page.evaluate("typeof window.__xss_excerpt") == "undefined"
        tab.assert_only_local_requests()
    finally:
        context.close()
