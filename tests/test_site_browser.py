"""The built handbook in headless Chromium: search, clean page loads, no network beyond the
machine, diagrams, copy buttons, escaping of hostile playbook text, and screenshots for a person.

The site is built once (``mkdocs build --strict``) and served on 127.0.0.1. Without
/usr/bin/chromium these tests skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from site_support import (
    ARTIFACTS,
    PLAYBOOKS,
    built_pages,
    copy_playbooks,
    mkdocs_build,
    parse_html,
    replace_line,
    serve,
    site_config,
)

from checker.deadlines.timeline import timeline
from checker.model.vocabulary import STEP_NAMES
from checker.pipeline.engine import check_paths

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
CATEGORY_IDS = sorted(p.stem for p in (PLAYBOOKS / "categories").glob("*.yaml"))
# Material 9.7+ renders the copy button as .md-code__button[data-md-type=copy]; older versions
# as .md-clipboard. Either counts.
COPY_BUTTON = ".md-clipboard, .md-code__button[data-md-type='copy']"


# ---- browser and site fixtures --------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    directory: Path
    url: str

    def page_url(self, path: str) -> str:
        return urljoin(self.url, path)


def _build_and_serve(site_dir: Path, config: Path | None = None) -> Iterator[Site]:
    result = mkdocs_build(site_dir, config)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    with serve(site_dir) as url:
        yield Site(site_dir, url)


@pytest.fixture(scope="session")
def site(chromium_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The handbook as ``mkdocs build --strict`` makes it from the repository."""
    yield from _build_and_serve(tmp_path_factory.mktemp("handbook") / "site")


class Recorder:
    """Everything that went wrong while a browser context was open.

    Requests to any host but 127.0.0.1 are aborted and recorded (data: and blob: URLs never
    leave the machine)."""

    def __init__(self, context: Any) -> None:
        self.external: list[str] = []
        self.console: list[str] = []
        self.failed: list[str] = []
        context.route("**/*", self._route)
        context.on("page", self.watch)

    def _route(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def watch(self, page: Any) -> None:
        def console(message: Any) -> None:
            if message.type == "error":
                self.console.append(f"{page.url}: console error: {message.text}")

        def response(answer: Any) -> None:
            if answer.status >= 400:
                self.failed.append(f"{page.url}: HTTP {answer.status} for {answer.url}")

        page.on("console", console)
        page.on("pageerror", lambda error: self.console.append(f"{page.url}: uncaught {error}"))
        page.on("requestfailed", lambda r: self.failed.append(f"{page.url}: {r.url} {r.failure}"))
        page.on("response", response)

    def problems(self) -> list[str]:
        return [*(f"external request: {u}" for u in self.external), *self.console, *self.failed]

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


@dataclass
class Tab:
    page: Any
    recorder: Recorder
    site: Site

    def open(self, path: str) -> None:
        self.page.goto(self.site.page_url(path), wait_until="load")


def _new_tab(browser: Any, site: Site) -> tuple[Any, Tab]:
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    recorder = Recorder(context)
    page = context.new_page()
    return context, Tab(page, recorder, site)


@pytest.fixture
def tab(browser: Any, site: Site) -> Iterator[Tab]:
    context, tab = _new_tab(browser, site)
    try:
        yield tab
    finally:
        context.close()


# ---- diagrams through closed shadow roots (CDP) ------------------------------------------------------


@dataclass
class Diagram:
    svgs: int
    text: str
    error: bool


def _attributes(node: dict[str, Any]) -> dict[str, str]:
    values = node.get("attributes") or []
    return dict(zip(values[::2], values[1::2], strict=False))


def _below(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(node.get("children") or []) + list(node.get("shadowRoots") or [])
    if node.get("contentDocument"):
        found.append(node["contentDocument"])
    return found


def _svg_content(node: dict[str, Any], inside_style: bool = False) -> tuple[int, list[str], bool]:
    """(svg elements, visible text, mermaid error marker) in a subtree."""
    name = node.get("nodeName", "").lower()
    svgs = 1 if name == "svg" else 0
    texts = [node["nodeValue"]] if node.get("nodeType") == 3 and not inside_style else []
    classes = _attributes(node).get("class", "").split()
    error = "error-icon" in classes or "error-text" in classes
    for child in _below(node):
        n, t, e = _svg_content(child, inside_style or name == "style")
        svgs, error = svgs + n, error or e
        texts += t
    return svgs, texts, error


def diagrams(page: Any) -> list[Diagram]:
    """Every mermaid host on the page with what its (closed) shadow root holds."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
    finally:
        cdp.detach()
    found: list[Diagram] = []

    def walk(node: dict[str, Any]) -> None:
        if "mermaid" in _attributes(node).get("class", "").split():
            svgs, texts, error = 0, [], False
            for root in node.get("shadowRoots") or []:
                n, t, e = _svg_content(root)
                svgs, error = svgs + n, error or e
                texts += t
            found.append(Diagram(svgs, " ".join("".join(texts).split()), error))
            return
        for child in _below(node):
            walk(child)

    walk(document["root"])
    return found


def expected_diagrams(site: Site, path: str) -> int:
    html = (site.directory / path / "index.html").read_text(encoding="utf-8")
    return sum(1 for e in parse_html(html).iter() if "mermaid" in e.classes)


def wait_for_diagrams(page: Any, expected: int, timeout: float = 15.0) -> list[Diagram]:
    deadline = time.monotonic() + timeout
    while True:
        found = diagrams(page)
        done = len(found) >= expected and all(d.svgs for d in found)
        if done or time.monotonic() > deadline:
            return found
        page.wait_for_timeout(100)


# ---- one tour of every page -----------------------------------------------------------------------------


@dataclass
class Visit:
    problems: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    expected_diagrams: int = 0
    diagrams: list[Diagram] = field(default_factory=list)


@pytest.fixture(scope="session")
def tour(browser: Any, site: Site) -> dict[str, Visit]:
    """Every built page opened once, with its problems, requests and diagrams recorded."""
    context, tab = _new_tab(browser, site)
    visits: dict[str, Visit] = {}
    try:
        for path in built_pages(site.directory):
            recorder = tab.recorder
            before = (len(recorder.external), len(recorder.problems()))
            tab.open(path)
            visit = Visit(expected_diagrams=expected_diagrams(site, path))
            visit.diagrams = wait_for_diagrams(tab.page, visit.expected_diagrams)
            tab.page.wait_for_timeout(150)  # late console errors and requests
            visit.external = recorder.external[before[0] :]
            visit.problems = recorder.problems()[before[1] :]
            visits[path] = visit
    finally:
        context.close()
    return visits


def test_the_tour_saw_every_generated_page(tour: dict[str, Visit]) -> None:
    wanted = {"", "categories/", "limits/", "scripts/", "customer-types/", "rules/", "tiers/"}
    wanted |= {f"categories/{c}/" for c in CATEGORY_IDS}
    wanted |= {"guides/quick-start/", "guides/authoring/", "guides/compliance-review/"}
    assert wanted <= set(tour), sorted(wanted - set(tour))


def test_every_page_loads_without_console_errors_or_failed_requests(
    tour: dict[str, Visit],
) -> None:
    problems = {path or "/": v.problems for path, v in tour.items() if v.problems}
    assert not problems, "\n".join(f"{p}: {'; '.join(msgs)}" for p, msgs in problems.items())


def test_no_page_requests_anything_from_another_host(tour: dict[str, Visit]) -> None:
    external = {path or "/": v.external for path, v in tour.items() if v.external}
    assert not external, external


def test_diagrams_render_as_svg(tour: dict[str, Visit]) -> None:
    for path in ["", *(f"categories/{c}/" for c in CATEGORY_IDS)]:
        assert tour[path].expected_diagrams >= 1, f"{path or '/'} has no diagram"
    for path, visit in tour.items():
        shown = visit.diagrams
        assert len(shown) == visit.expected_diagrams, f"{path or '/'}: {len(shown)} hosts"
        assert all(d.svgs >= 1 for d in shown), f"{path or '/'}: a diagram did not render"
        assert not any(d.error for d in shown), f"{path or '/'}: mermaid drew an error"
    home = " ".join(d.text for d in tour[""].diagrams)
    for name in STEP_NAMES.values():
        assert name in home, f"step {name} missing from the process diagram"


# ---- nothing in the built files loads from another host ----------------------------------------------------

LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
FOREIGN = re.compile(r"^\s*(?:https?:)?//(?!127\.0\.0\.1[:/])", re.IGNORECASE)
CSS_LOAD = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.I)
# String literals in JavaScript holding a URL a script could load: a web resource or a
# well-known CDN. (URLs in comments, e.g. "see https://github.com/...", are not loaded.)
JS_RESOURCE = re.compile(
    r"""(?<=["'`])(?:https?:)?//[^\s'"`)<>\\]+?\.(?:m?js|css|woff2?|ttf|otf|png|jpe?g|gif|webp|ico)\b"""
    r"""|(?<=["'`])(?:https?:)?//(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com"""
    r"""|fonts\.googleapis\.com|fonts\.gstatic\.com|ajax\.googleapis\.com)[^\s'"`)<>\\]*""",
    re.IGNORECASE,
)
# Material's bundle loads these only when the browser lacks ResizeObserver or when no local
# mermaid is defined; the handbook ships mermaid (extra_javascript) and the tour above proves
# no request leaves the machine. Anything else is a finding.
MATERIAL_FALLBACKS = {
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
}


def _foreign_in_html(html: str) -> list[str]:
    found = []
    for element in parse_html(html).iter():
        for name in LOADING_ATTRIBUTES.get(element.tag, ()):
            value = element.attrs.get(name) or ""
            candidates = value.split(",") if name == "srcset" else [value]
            found += [f"<{element.tag} {name}={c.strip()}>" for c in candidates if FOREIGN.match(c)]
        style = element.attrs.get("style") or ""
        found += [f"style url {u}" for u in CSS_LOAD.findall(style) if FOREIGN.match(u)]
        inline = "".join(c for c in element.children if isinstance(c, str))
        if element.tag == "style":
            found += [f"<style> {u}" for u in CSS_LOAD.findall(inline) if FOREIGN.match(u)]
        if element.tag == "script":
            found += [f"<script> {u}" for u in JS_RESOURCE.findall(inline)]
    return found


def test_the_scan_finds_what_would_load_from_another_host() -> None:
    html = (
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
        'href="//fonts.googleapis.com/css"><img srcset="a.png 1x, https://x.example/b.png 2x">'
        '<div style="background: url(https://x.example/bg.png)"></div>'
        "<script>load('https://unpkg.com/lib@1/dist/lib.js')</script>"
        '<a href="https://example.com/">plain link</a> 访问 https://example.com/ 文字'
        '<img src="http://127.0.0.1:8000/ok.png"><script src="assets/local.js"></script>'
    )
    found = _foreign_in_html(html)
    assert len(found) == 5, found
    assert CSS_LOAD.findall("@import 'https://x.example/a.css'; a{b:url(/local.png)}") == [
        "https://x.example/a.css"
    ]


def test_built_files_load_nothing_from_another_host(site: Site) -> None:
    findings = []
    for path in sorted(site.directory.rglob("*")):
        relative = path.relative_to(site.directory).as_posix()
        if path.suffix == ".html":
            found = _foreign_in_html(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            content = path.read_text(encoding="utf-8", errors="replace")
            found = [u for u in CSS_LOAD.findall(content) if FOREIGN.match(u)]
        elif path.suffix == ".js":
            content = path.read_text(encoding="utf-8", errors="replace")
            found = [u for u in JS_RESOURCE.findall(content) if u not in MATERIAL_FALLBACKS]
        else:
            continue
        findings += [f"{relative}: {f}" for f in found]
    assert not findings, "\n".join(findings)
    index = (site.directory / "index.html").read_text(encoding="utf-8")
    assert "mermaid-11.12.1.min.js" in index, "the local mermaid is not loaded"
    assert "fonts.googleapis.com" not in index


# ---- copy buttons ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["categories/product-quality/", "scripts/"])
def test_scripts_have_copy_buttons(tab: Tab, path: str) -> None:
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.open(path)
    tab.page.wait_for_selector(f"pre :is({COPY_BUTTON})", state="attached")
    blocks = tab.page.eval_on_selector_all(
        "div.highlight pre",
        "(pres, sel) => pres.map(p => ({copy: !!p.querySelector(sel),"
        " text: (p.querySelector('code') || p).innerText}))",
        COPY_BUTTON,
    )
    assert len(blocks) >= 5
    without = [b["text"][:40] for b in blocks if not b["copy"]]
    assert not without, f"script blocks without a copy button: {without}"
    first = tab.page.locator("div.highlight pre").first
    first.hover()
    first.locator(COPY_BUTTON).first.click()
    copied = tab.page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == blocks[0]["text"].strip()
    tab.recorder.assert_clean()


# ---- search ---------------------------------------------------------------------------------------------


def _category_yaml(category_id: str) -> tuple[dict[str, Any], str]:
    source = (PLAYBOOKS / "categories" / f"{category_id}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(source), source


def _categories_with_keyword(word: str) -> set[str]:
    return {f"categories/{c}/" for c in CATEGORY_IDS if word in _category_yaml(c)[0]["keywords"]}


def _categories_mentioning(word: str) -> set[str]:
    return {f"categories/{c}/" for c in CATEGORY_IDS if word in _category_yaml(c)[1]}


# query -> (what a staff member wants, the acceptable pages)
SEARCHES: dict[str, tuple[str, Callable[[], set[str]]]] = {
    "退款": ("a category whose keywords list 退款", lambda: _categories_with_keyword("退款")),
    "赔偿": ("a category page that deals with 赔偿", lambda: _categories_mentioning("赔偿")),
    "升级": ("escalation tiers and authority", lambda: {"tiers/"}),
    "情绪激动": ("the customer types", lambda: {"customer-types/"}),
    "质量": ("product quality", lambda: {"categories/product-quality/"}),
    "回访": ("a category page with its follow-up step", lambda: _categories_mentioning("回访")),
    "送货延迟": ("delivery delay", lambda: {"categories/delivery-delay/"}),
    "人身安全": ("safety incidents", lambda: {"categories/safety-incident/"}),
    "合同": ("contract disputes", lambda: {"categories/contract-dispute/"}),
}


def search(tab: Tab, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the site paths of the result pages, in order."""
    tab.open("")
    box = tab.page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    # Chinese characters arrive as text input without key events, the way an IME commits them;
    # Material reads the box on keyup, and a real IME commit ends with one. So does this:
    box.press("End")
    tab.page.wait_for_selector(".md-search-result__item", timeout=10_000)
    script = (
        "els => els.map(e => (e.querySelector('a.md-search-result__link') || e.querySelector('a'))"
        ".getAttribute('href'))"
    )
    selector = ".md-search-result__list > .md-search-result__item"
    previous: list[str] | None = None
    deadline = time.monotonic() + 10
    while True:  # results update per keystroke: wait until they settle
        tab.page.wait_for_timeout(250)
        hrefs = tab.page.eval_on_selector_all(selector, script)
        if hrefs == previous or time.monotonic() > deadline:
            break
        previous = hrefs
    base = urlsplit(tab.site.url).path
    paths = []
    for href in hrefs:
        path = unquote(urlsplit(urljoin(tab.page.url, href)).path)
        paths.append(path.removeprefix(base))
    return paths


SEARCH_IDS = {
    "退款": "tuikuan",
    "赔偿": "peichang",
    "升级": "shengji",
    "情绪激动": "qingxu-jidong",
    "质量": "zhiliang",
    "回访": "huifang",
    "送货延迟": "songhuo-yanchi",
    "人身安全": "renshen-anquan",
    "合同": "hetong",
}


@pytest.mark.parametrize("query", [pytest.param(q, id=SEARCH_IDS[q]) for q in SEARCHES])
def test_search_finds_the_right_page(tab: Tab, query: str) -> None:
    wanted, acceptable = SEARCHES[query]
    expected = acceptable()
    assert expected, f"nothing in the playbooks matches the expectation for {query}"
    results = search(tab, query)
    top = results[:5]
    assert expected & set(top), (
        f"searching {query!r} should show {wanted} ({sorted(expected)}) in the first 5 "
        f"results; got {top}"
    )
    tab.recorder.assert_clean()


# ---- screenshots for a person ---------------------------------------------------------------------------


def test_screenshots_for_review(tab: Tab, site: Site) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "home.png": ("", True),
        "category-product-quality.png": ("categories/product-quality/", False),
    }
    for name, (path, full_page) in shots.items():
        tab.open(path)
        wait_for_diagrams(tab.page, expected_diagrams(site, path))
        tab.page.evaluate("document.fonts.ready.then(() => true)")
        tab.page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)
    search(tab, "退款")
    tab.page.screenshot(path=str(ARTIFACTS / "search-退款.png"))
    for name in [*shots, "search-退款.png"]:
        assert (ARTIFACTS / name).stat().st_size > 20_000, f"{name} looks empty"
    tab.recorder.assert_clean()


# ---- hostile playbook text in a second site -----------------------------------------------------------------

SUMMARY_PAYLOAD = "<script>window.__xss=1</script>"
SCRIPT_PAYLOAD = '<img src=x onerror="window.__xss=2">'
TITLE_PAYLOAD = '产品质量<svg onload="window.__xss_nav=1">'
TIER_PAYLOAD = '一线客服专员<svg onload="window.__xss_tier=1">"引号"'


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="session")
def xss_site(chromium_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The handbook built from playbooks whose text carries HTML and script."""
    work = tmp_path_factory.mktemp("xss")
    root = copy_playbooks(work / "playbooks")
    category = root / "categories" / "product-quality.yaml"
    content = category.read_text(encoding="utf-8")
    content, n = re.subn(
        r"^summary: (.*)$",
        lambda m: (
            f'summary: "{SUMMARY_PAYLOAD}{m[1][1:]}'
            if m[1].startswith('"')
            else f"summary: {SUMMARY_PAYLOAD}{m[1]}"
        ),
        content,
        count=1,
        flags=re.M,
    )
    assert n == 1
    content, n = re.subn(
        r'^(\s+phone: ")',
        lambda m: m[1] + SCRIPT_PAYLOAD.replace('"', '\\"'),
        content,
        count=1,
        flags=re.M,
    )
    assert n == 1
    category.write_text(content, encoding="utf-8")
    replace_line(category, r"title: .*", f"title: {_yaml_string(TITLE_PAYLOAD)}")
    replace_line(
        root / "policy.yaml", r"    title: 一线客服专员", f"    title: {_yaml_string(TIER_PAYLOAD)}"
    )
    config = site_config(work / "config", root)
    yield from _build_and_serve(work / "site", config)


@pytest.fixture
def xss_tab(browser: Any, xss_site: Site) -> Iterator[Tab]:
    context, tab = _new_tab(browser, xss_site)
    try:
        yield tab
    finally:
        context.close()


def test_hostile_summary_and_script_are_shown_as_text(xss_tab: Tab) -> None:
    page = xss_tab.page
    xss_tab.open("categories/product-quality/")
    wait_for_diagrams(page, expected_diagrams(xss_tab.site, "categories/product-quality/"))
    assert page.evaluate("typeof window.__xss") == "undefined"
    text = page.inner_text("article")
    assert SUMMARY_PAYLOAD in text
    assert "<script>" in text
    assert SCRIPT_PAYLOAD in page.text_content("article")  # the phone tab may be hidden
    assert page.locator("img[src='x']").count() == 0
    xss_tab.recorder.assert_clean()


def test_hostile_category_title_stays_text_in_the_navigation(xss_tab: Tab) -> None:
    page = xss_tab.page
    for path in ("", "categories/product-quality/"):
        xss_tab.open(path)
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss_nav") == "undefined", (
            f"{path or '/'}: the category title ran as HTML"
        )
        # text_content: on "/" the 投诉类别 section is collapsed, so inner_text would omit it
        nav = page.text_content("nav.md-nav--primary") or ""
        assert TITLE_PAYLOAD in nav, f"{path or '/'}: the title is not shown as written"
        assert page.locator("nav.md-nav--primary svg[onload]").count() == 0


def test_hostile_tier_title_stays_text_in_diagrams(xss_tab: Tab) -> None:
    page = xss_tab.page
    path = "categories/product-quality/"
    xss_tab.open(path)
    shown = wait_for_diagrams(page, expected_diagrams(xss_tab.site, path))
    assert shown and all(d.svgs >= 1 and not d.error for d in shown), shown
    assert page.evaluate("typeof window.__xss_tier") == "undefined"
    assert any(TIER_PAYLOAD in d.text for d in shown), [d.text for d in shown]


# ---- the deadline calculator agrees with the Python engine ------------------------------------

CALCULATOR_CASES = [
    ("product-quality", "major", "2026-09-30T17:40"),  # eve of National Day, make-up Saturday after
    ("safety-incident", "critical", "2026-02-13T17:00"),  # Spring Festival, continuous hours
    ("contract-dispute", "normal", "2025-09-28T10:00"),  # a make-up Sunday
    ("delivery-delay", "critical", "2026-05-01T08:30"),  # Labour Day holiday
]


@pytest.mark.parametrize(("category", "severity", "received"), CALCULATOR_CASES)
def test_calculator_page_matches_the_python_timeline(
    tab: Tab, category: str, severity: str, received: str
) -> None:
    playbooks = check_paths([PLAYBOOKS]).playbooks
    assert playbooks is not None
    expected = [
        (d.due.strftime("%Y-%m-%d %H:%M"), d.title)
        for d in timeline(playbooks, category, severity, dt.datetime.fromisoformat(received))
    ]
    page = tab.page
    tab.open("calculator/")
    page.select_option("[name=category]", category)
    page.select_option("[name=severity]", severity)
    page.fill("[name=received]", received)
    rows = page.locator(".deadline-calculator__result tbody tr")
    rows.first.wait_for()
    shown = [
        (cells[0][:16], cells[1])
        for cells in (rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count()))
    ]
    assert shown == expected


def test_calculator_page_refuses_dates_beyond_the_calendar(tab: Tab) -> None:
    page = tab.page
    tab.open("calculator/")
    page.select_option("[name=category]", "product-quality")
    page.select_option("[name=severity]", "normal")
    page.fill("[name=received]", "2026-12-28T17:40")
    error = page.locator(".deadline-calculator__error")
    error.wait_for()
    assert "2026-12-31" in error.inner_text() and "calendar.yaml" in error.inner_text()
    assert page.locator(".deadline-calculator__result table").count() == 0
