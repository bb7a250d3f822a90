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
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from browser_harness import (
    VIEWPORT,
    Diagram,
    Site,
    Tab,
    build_and_serve,
    expected_diagrams,
    new_tab,
    open_tab,
    wait_for_diagrams,
)
from site_support import (
    ARTIFACTS,
    PLAYBOOKS,
    built_pages,
    copy_playbooks,
    parse_html,
    replace_line,
    site_config,
)

from checker.deadlines.timeline import timeline
from checker.model.vocabulary import STEP_NAMES, moment
from checker.pipeline.engine import check_paths

pytestmark = pytest.mark.browser

CATEGORY_IDS = sorted(p.stem for p in (PLAYBOOKS / "categories").glob("*.yaml"))
# Material 9.7+ renders the copy button as .md-code__button[data-md-type=copy]; older versions
# as .md-clipboard. Either counts.
COPY_BUTTON = ".md-clipboard, .md-code__button[data-md-type='copy']"


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
    context, tab = new_tab(browser, site)
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


# A request that never gets an answer until the page gives up on it (route left pending).
HANGING = "**/never-answered.json"
START_HANGING = "() => { window.__hang = fetch('never-answered.json').catch(() => {}); }"


def test_a_request_the_page_shown_gives_up_on_is_still_a_failure(tab: Tab) -> None:
    tab.open("")
    tab.page.route(HANGING, lambda route: None)
    tab.page.evaluate(
        "async () => { const stop = new AbortController();"
        " const asked = fetch('never-answered.json', {signal: stop.signal}).catch(() => {});"
        " setTimeout(() => stop.abort(), 200); await asked; }"
    )
    tab.page.wait_for_timeout(100)
    assert any("never-answered.json" in f for f in tab.recorder.failed), tab.recorder.failed


def test_what_a_left_page_was_still_fetching_is_not_a_failure(tab: Tab) -> None:
    """Every page starts loading the search engine; leaving a page cancels what is in flight
    (net::ERR_ABORTED), which the tour must not count as a broken page."""
    tab.open("")
    tab.page.route(HANGING, lambda route: None)
    tab.page.evaluate(START_HANGING)
    tab.page.wait_for_timeout(200)
    tab.open("limits/")
    tab.page.wait_for_timeout(200)
    assert not any("never-answered.json" in f for f in tab.recorder.failed), tab.recorder.failed


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
    yield from build_and_serve(work / "site", config)


@pytest.fixture
def xss_tab(browser: Any, xss_site: Site) -> Iterator[Tab]:
    with open_tab(browser, xss_site) as tab:
        yield tab


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
    ("product-quality", "critical", "2026-12-28T10:00"),  # past the official data: 暂定
]


def calculate(tab: Tab, category: str, severity: str, received: str) -> None:
    page = tab.page
    page.select_option("[name=category]", category)
    page.select_option("[name=severity]", severity)
    page.fill("[name=received]", received)


def shown_rows(tab: Tab, selector: str) -> list[tuple[str, str, bool]]:
    """(due time, title, marked 暂定) of each row; text_content, so folded rows count too."""
    rows = tab.page.locator(selector)
    return [
        (
            row.locator(".deadline-due").text_content() or "",
            row.locator("td").nth(1).locator("span").first.text_content() or "",
            row.locator(".deadline-provisional").count() == 1,
        )
        for row in rows.all()
    ]


@pytest.mark.parametrize(("category", "severity", "received"), CALCULATOR_CASES)
def test_calculator_page_matches_the_python_timeline(
    tab: Tab, category: str, severity: str, received: str
) -> None:
    """The answer first (everything but the progress updates, in time order), then the updates
    folded into one line that says how often and how many; each as Python computes it."""
    playbooks = check_paths([PLAYBOOKS]).playbooks
    assert playbooks is not None
    items = timeline(playbooks, category, severity, dt.datetime.fromisoformat(received))

    def expected(kind_is_update: bool) -> list[tuple[str, str, bool]]:
        return [
            (moment(d.due), d.title, d.provisional)
            for d in items
            if (d.kind == "update") == kind_is_update
        ]

    tab.open("calculator/")
    calculate(tab, category, severity, received)
    tab.page.locator(".deadline-answer").wait_for()
    assert shown_rows(tab, ".deadline-answer > table tbody tr") == expected(False)
    assert shown_rows(tab, ".deadline-answer__updates tbody tr") == expected(True)
    updates = expected(True)
    interval = next(c for c in playbooks.categories if c.id == category).limits[severity]
    summary = tab.page.locator(".deadline-answer__updates summary").inner_text()
    label = interval.update_interval.duration.label()
    assert summary == f"进展通报：每 {label}一次，" + (
        f"共 {len(updates)} 次" if updates else "解决时限前无需通报"
    )
    assert tab.page.locator(".deadline-answer__updates").get_attribute("open") is None
    tab.recorder.assert_clean()


def test_calculator_leads_with_the_answer_past_the_official_data(tab: Tab) -> None:
    """The issue's case: 紧急·重大 received Mon 2026-12-28 10:00 gets every due time; only the
    follow-up (in 2027) is 暂定, and the note says why and how it may move."""
    tab.open("calculator/")
    calculate(tab, "product-quality", "critical", "2026-12-28T10:00")
    page = tab.page
    page.locator(".deadline-answer").wait_for()
    main = shown_rows(tab, ".deadline-answer > table tbody tr")
    assert main[0] == ("2026-12-28 11:00 周一", "首次响应", False)
    assert main[-1] == ("2027-01-05 18:00 周二", "回访时限", True)
    assert [row[2] for row in main] == [row[0].startswith("2027") for row in main]
    assert any("升级到" in title for _, title, _ in main)
    contacts = page.locator(".deadline-answer .deadline-contact").all_inner_texts()
    assert contacts and all("分机" in c for c in contacts)  # how to reach each tier
    note = page.locator(".deadline-answer__note").inner_text()
    assert "2026-12-31" in note and "不含调休" in note and "提前或推后" in note
    assert page.locator(".deadline-calculator__error").count() == 0
    # the answer is within the first screen, the updates are one line
    box = page.locator(".deadline-answer > table").bounding_box()
    assert box is not None and box["y"] + box["height"] < 2 * VIEWPORT["height"]
    tab.recorder.assert_clean()


def test_calculator_counts_around_a_lunch_break(tab: Tab) -> None:
    """The page's own data with a 12:00-13:00 break (as calendar.yaml would export it):
    contract-dispute 一般 has a first response of 4 working hours; from 10:00 it is 15:00."""

    def with_lunch(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        one_period = '"periods":[["09:00","18:00"]]'
        assert body.count(one_period) == 1
        body = body.replace(one_period, '"periods":[["09:00","12:00"],["13:00","18:00"]]')
        route.fulfill(response=response, body=body)

    tab.page.route("**/calculator/", with_lunch)
    tab.open("calculator/")
    calculate(tab, "contract-dispute", "normal", "2026-03-03T10:00")
    tab.page.locator(".deadline-answer").wait_for()
    first = shown_rows(tab, ".deadline-answer > table tbody tr")[0]
    assert first == ("2026-03-03 15:00 周二", "首次响应", False)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours (alpha ignored)."""

    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_calculator_errors_are_readable_and_say_what_to_do(tab: Tab) -> None:
    page = tab.page
    tab.open("calculator/")
    calculate(tab, "product-quality", "normal", "2029-01-02T10:00")
    error = page.locator(".deadline-calculator__error")
    error.wait_for()
    text = error.inner_text()
    assert "2028-12-31" in text and "2029-01-02" in text
    assert "请联系值班主管" in text
    assert "calendar.yaml" not in text
    assert error.get_attribute("role") == "alert"
    colours = error.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    assert contrast(*colours) >= 4.5, colours
    assert page.locator(".deadline-answer").count() == 0


def test_the_now_button_fills_in_beijing_time(tab: Tab) -> None:
    page = tab.page
    tab.open("calculator/")
    before = dt.datetime.now(ZoneInfo("Asia/Shanghai")).replace(second=0, microsecond=0)
    page.click(".deadline-calculator__now")
    after = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
    value = dt.datetime.fromisoformat(page.input_value("[name=received]"))
    assert before.replace(tzinfo=None) <= value <= after.replace(tzinfo=None)
    page.locator(".deadline-answer, .deadline-calculator__error").first.wait_for()


@pytest.mark.parametrize("path", ["calculator/", "categories/contract-dispute/"])
def test_the_provisional_banner_appears_when_the_readers_today_is_in_the_window(
    browser: Any, site: Site, path: str
) -> None:
    """The suite builds the site on 2026-10-15 (tests/conftest.py), when nothing is 暂定
    yet: the banner is in the page, hidden, and the script shows it once the reader's date
    in Beijing reaches the window (contract-dispute 一般: 15 working days, from 2026-12-11)."""
    html = (site.directory / path / "index.html").read_text(encoding="utf-8")
    (banner,) = [
        e for e in parse_html(html).iter("div") if "deadline-provisional-banner" in e.classes
    ]
    assert "hidden" in banner.attrs
    shows_from = dt.date.fromisoformat(banner.attrs["data-show-from"] or "")
    assert shows_from <= dt.date(2026, 12, 11)
    for moment_utc, visible in (
        (dt.datetime(2026, 11, 1, 2, 0, tzinfo=dt.UTC), False),
        # 16:30 UTC on the day before is already the first day in Beijing
        (dt.datetime.combine(shows_from, dt.time(0, 30)) - dt.timedelta(hours=8), True),
    ):
        with open_tab(browser, site) as tab:
            tab.page.clock.set_fixed_time(moment_utc.replace(tzinfo=dt.UTC))
            tab.open(path)
            shown = tab.page.locator(".deadline-provisional-banner")
            assert shown.is_visible() is visible, moment_utc
            if visible:
                assert "2027-01-01 起的截止时间为暂定" in shown.inner_text()
