"""What staff see first, in Chromium at 1366x768 and 390x844: the home page's routes, each
category's card and the safety instruction on the first screen (asserted from positions; the
screenshots are saved in tests/artifacts/ for a person to look at); 时限总表 without sideways
scroll on a phone; each category printing as one A4 page; mermaid only on pages with a diagram;
and the triage page agreeing with the Python model through its real form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_harness import SCREENS, Site, Tab, open_tab
from site_support import ARTIFACTS, PLAYBOOKS, built_pages, parse_html

from checker.model import PlaybookSet
from checker.model.triage import assess
from checker.pipeline.engine import check_paths

pytestmark = pytest.mark.browser

CATEGORY_IDS = sorted(p.stem for p in (PLAYBOOKS / "categories").glob("*.yaml"))
# the element's box in page coordinates (CSS pixels from the top of the page)
BOX = (
    "e => { const r = e.getBoundingClientRect();"
    " return {top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY)}; }"
)


@pytest.fixture(scope="module")
def playbooks() -> PlaybookSet:
    result = check_paths([PLAYBOOKS])
    assert result.playbooks is not None and not result.summary.errors
    return result.playbooks


@pytest.fixture(params=list(SCREENS))
def screen(request: pytest.FixtureRequest, browser: Any, site: Site) -> Iterator[Tab]:
    """A tab the size of a desktop, then of a phone."""
    with open_tab(browser, site, SCREENS[request.param]) as tab:
        yield tab


def _fold(tab: Tab) -> int:
    return int(tab.page.viewport_size["height"])


def _shoot(tab: Tab, name: str) -> None:
    """The first screen as a PNG for a person: first-screen-<desktop|phone>-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = next(n for n, v in SCREENS.items() if v == tab.page.viewport_size)
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    path = ARTIFACTS / f"first-screen-{size}-{name}.png"
    tab.page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000, f"{path.name} looks empty"


def _box(tab: Tab, selector: str) -> dict[str, int]:
    return dict(tab.page.locator(selector).first.evaluate(BOX))


def test_home_routes_are_on_the_first_screen(screen: Tab, playbooks: PlaybookSet) -> None:
    screen.open("")
    links = screen.page.locator("article .routes a")
    assert playbooks.policy is not None
    assert links.count() == len(playbooks.policy.routes) >= 5
    boxes = [links.nth(i).evaluate(BOX) for i in range(links.count())]
    fold = _fold(screen)
    below = [
        (links.nth(i).inner_text().split("\n")[0], box)
        for i, box in enumerate(boxes)
        if box["bottom"] > fold
    ]
    assert not below, f"routes below the fold ({fold}px): {below}"
    _shoot(screen, "home")
    screen.recorder.assert_clean()


@pytest.mark.parametrize("category_id", CATEGORY_IDS)
def test_the_card_is_on_the_first_screen(
    screen: Tab, playbooks: PlaybookSet, category_id: str
) -> None:
    screen.open(f"categories/{category_id}/")
    fold = _fold(screen)
    card = f"article .admonition.card-for-{category_id}"
    title = _box(screen, f"{card} > .admonition-title")
    # the open tab: its limits and who owns the complaint (with the extension)
    blocks = screen.page.locator(f"{card} .tabbed-content > .tabbed-block")
    visible = [i for i in range(blocks.count()) if blocks.nth(i).is_visible()]
    assert len(visible) == 1, f"{len(visible)} tabs of the card are shown"
    paragraphs = blocks.nth(visible[0]).locator("p")
    limits = paragraphs.filter(has_text="时限：").first.evaluate(BOX)
    owner = paragraphs.filter(has_text="负责：").first.evaluate(BOX)
    assert title["top"] < limits["top"] < owner["top"] and owner["bottom"] <= fold, (
        f"card title {title}, limits {limits}, owner {owner}: the fold is at {fold}px"
    )
    category = playbooks.category(category_id)
    assert category is not None and playbooks.policy is not None
    default = playbooks.policy.severity(category.default_severity)
    assert default is not None
    opened = screen.page.locator(f"{card} .tabbed-labels > label").nth(default.rank)
    assert opened.inner_text().strip() == default.title
    if category_id in ("product-quality", "safety-incident"):
        _shoot(screen, category_id)
    screen.recorder.assert_clean()


def test_the_safety_instruction_and_duty_extension_are_on_the_first_screen(
    screen: Tab, playbooks: PlaybookSet
) -> None:
    screen.open("categories/safety-incident/")
    fold = _fold(screen)
    assert playbooks.policy is not None and playbooks.policy.duty is not None
    box = "article .admonition.emergency"
    first = screen.page.locator(f"{box} li").first
    assert "119" in first.inner_text() and "120" in first.inner_text()
    call = screen.page.locator(f"{box} .emergency__call")
    assert playbooks.policy.duty.phone in call.inner_text()
    for element in (first, call):
        where = element.evaluate(BOX)
        assert where["bottom"] <= fold, f"{element.inner_text()[:20]} ends at {where}"
    assert _box(screen, box)["top"] < _box(screen, "article .admonition.card")["top"]
    screen.recorder.assert_clean()


def test_limits_page_reads_on_a_phone_without_sideways_scroll(
    browser: Any, site: Site, playbooks: PlaybookSet
) -> None:
    with open_tab(browser, site, SCREENS["phone"]) as tab:
        tab.open("limits/")
        overflow = tab.page.evaluate(
            "() => [document.scrollingElement.scrollWidth - innerWidth,"
            " ...[...document.querySelectorAll('article .md-typeset__scrollwrap, article table')]"
            ".map(e => e.scrollWidth - e.clientWidth)]"
        )
        assert max(overflow) <= 1, f"scrolls sideways by {max(overflow)}px"
        cells = tab.page.locator("article .limits-table td").all_inner_texts()
        labels = {
            limits.metric(m).duration.label()
            for c in playbooks.categories
            for limits in c.limits.values()
            for m in ("first_response", "update_interval", "resolution", "follow_up")
        }
        values = [c for c in cells if c not in ("首次响应", "进展通报间隔", "解决时限", "回访时限")]
        assert values and set(values) <= labels, "a cell holds more than one value"
        # no value broken over two lines
        lines = tab.page.eval_on_selector_all(
            "article .limits-table td",
            "tds => tds.map(td => { const r = document.createRange(); r.selectNodeContents(td);"
            " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })",
        )
        assert max(lines) == 1, "a value wraps inside its cell"
        _shoot(tab, "limits")
        tab.recorder.assert_clean()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_each_category_prints_as_one_a4_card(browser: Any, site: Site) -> None:
    with open_tab(browser, site) as tab:
        pages = {}
        for category_id in CATEGORY_IDS:
            tab.open(f"categories/{category_id}/")
            tab.page.emulate_media(media="print")
            pages[category_id] = _pdf_pages(tab.page.pdf(format="A4", print_background=True))
            printed = tab.page.evaluate(
                "() => [...document.querySelector('article').children]"
                ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.className || e.tagName)"
            )
            assert any("card" in c for c in printed), printed
            assert not any("tabbed" in c or c == "TABLE" for c in printed), printed
        assert pages == dict.fromkeys(CATEGORY_IDS, 1), pages
        tab.recorder.assert_clean()


def test_mermaid_is_loaded_only_where_a_diagram_is(site: Site) -> None:
    with_diagram, without = [], []
    for path in built_pages(site.directory):
        html = (site.directory / path / "index.html").read_text(encoding="utf-8")
        tree = parse_html(html)
        draws = any("mermaid" in e.classes for e in tree.iter())
        loads = any("mermaid" in (e.attrs.get("src") or "") for e in tree.iter("script"))
        assert draws == loads, f"/{path}: diagram {draws}, mermaid loaded {loads}"
        (with_diagram if draws else without).append(path)
    assert "" in with_diagram and "categories/product-quality/" in with_diagram
    assert {"limits/", "triage/", "calculator/", "tiers/"} <= set(without)


# ---- the triage page through its form ---------------------------------------------------------

TRIAGE_CASES = [
    ("product-quality", ["repeat"], "25000"),
    ("delivery-delay", ["danger"], ""),
    ("service-attitude", ["staff-abuse"], ""),
    ("", ["threatens-exposure"], ""),
    ("contract-dispute", [], "1,500"),
    ("after-sales", ["property-damage", "vulnerable"], ""),
    ("billing-pricing", [], "一千"),
]


@pytest.mark.parametrize(("category", "signals", "amount"), TRIAGE_CASES)
def test_triage_page_agrees_with_the_python_model(
    browser: Any,
    site: Site,
    playbooks: PlaybookSet,
    category: str,
    signals: list[str],
    amount: str,
) -> None:
    number = int(amount.replace(",", "")) if amount.replace(",", "").isdigit() else None
    expected = assess(playbooks, category, signals, number)
    assert playbooks.policy is not None
    titles = {s.id: s.title for s in playbooks.policy.severities}
    with open_tab(browser, site, SCREENS["phone"]) as tab:
        page = tab.page
        tab.open("triage/")
        if category:
            page.check(f"[name=category][value={category}]")
        for signal in signals:
            page.check(f"#signal-{signal}")
        if amount:
            page.fill("[name=amount]", amount)
        result = page.locator(".triage__result")
        level = result.locator(".triage__severity")
        assert level.inner_text().strip() == (
            titles[expected.severity] if expected.severity else "—"
        )
        assert (level.get_attribute("data-severity") or "") == expected.severity
        reasons = result.locator(".triage__reasons li").all_inner_texts()
        assert len(reasons) == len(expected.reasons)
        if number is None and amount:
            assert "金额只填数字" in result.inner_text()
        cards = page.locator("article .admonition.card:visible")
        if expected.category:
            assert cards.count() == 1
            assert f"card-for-{expected.category}" in (cards.first.get_attribute("class") or "")
            checked = cards.first.locator(".tabbed-set > input:checked").get_attribute("id")
            label = cards.first.locator(f"label[for='{checked}']").inner_text().strip()
            assert label == titles[expected.severity]
            picked = page.locator("[name=category]:checked").get_attribute("value")
            assert picked == expected.category
        else:
            assert cards.count() == 0
        tab.recorder.assert_clean()


def test_a_home_route_opens_triage_with_its_signal_ticked(
    browser: Any, site: Site, playbooks: PlaybookSet
) -> None:
    with open_tab(browser, site, SCREENS["phone"]) as tab:
        tab.open("")
        tab.page.locator("article .routes a", has_text="扬言找媒体").click()
        tab.page.wait_for_url("**/triage/#signal-threatens-exposure")
        assert tab.page.is_checked("#signal-threatens-exposure")
        level = tab.page.locator(".triage__result .triage__severity")
        assert level.get_attribute("data-severity") == "major"
        _shoot(tab, "triage")
        tab.recorder.assert_clean()
