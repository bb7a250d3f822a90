"""No playbook string ever becomes markup in the handbook.

Every free-text string of a copy of the bundled playbooks (found by walking the YAML, so new
fields are covered without a change here) carries ``hostile_payload``: raw HTML, a closing
</title> and </script>, an attribute break-out, a Markdown ``javascript:`` link, Mermaid entity
codes and entity-encoded markup that only turns live if something decodes it twice. The site is
built from that copy and every page is opened in Chromium; the test fails on any dialog, any
call of ``__xss``, any element the payload carries, and any console error or failed request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_harness import Site, build_and_serve, expected_diagrams, open_tab, wait_for_diagrams
from site_support import (
    HOSTILE_CALL,
    HostileCopy,
    built_pages,
    hostile_payload,
    hostile_playbooks,
    site_config,
)

pytestmark = pytest.mark.browser

# the header's search box (Material's markup, answered by Pagefind through handbook-search.js)
# and one result in it
SEARCH_BOX = "header [data-handbook-search-query]"
SEARCH_RESULT = "[data-handbook-search-result] .md-search-result__item"
# handbook-search.js writes the query here once its answer (both indexes) is on screen
SEARCH_DONE = "q => document.querySelector('[data-handbook-search]').dataset.searched === q"
# the payload typed into the search box calls __xss with this number (no playbook field has it)
SEARCH_FIELD = 999_999
# what any payload leaves in the DOM if it became markup anywhere
INJECTED = "[data-xss], a[href^='javascript:' i], img[src='x'], svg[onload]"


@pytest.fixture(scope="session")
def hostile(
    chromium_ready: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Site, HostileCopy]]:
    work = tmp_path_factory.mktemp("hostile")
    copy = hostile_playbooks(work / "playbooks")
    config = site_config(work / "config", copy.root)
    for site in build_and_serve(work / "site", config):
        yield site, copy


def _carrying(copy: HostileCopy, name: str, *at: str | int) -> bool:
    return any(field == (name, at) for field in copy.fields.values())


def test_the_payload_reaches_every_kind_of_string(hostile: tuple[Site, HostileCopy]) -> None:
    _, copy = hostile
    assert len(copy.fields) > 1000, len(copy.fields)
    # the strings whose escaping was once missing, and one of each context
    for name, at in [
        ("categories/product-quality.yaml", ("title",)),
        ("categories/product-quality.yaml", ("summary",)),
        ("categories/product-quality.yaml", ("keywords", 0)),
        ("categories/product-quality.yaml", ("procedure", 0, "scripts", "phone")),
        ("categories/product-quality.yaml", ("escalation", "major", "steps", 0, "when")),
        ("policy.yaml", ("severities", 0, "title")),
        ("policy.yaml", ("tiers", 0, "title")),
        ("policy.yaml", ("channels", 0, "title")),
        ("calendar.yaml", ("holidays", 0, "name")),
        ("customer-types.yaml", ("types", 0, "title")),
        ("policy.yaml", ("signals", 0, "title")),
        ("policy.yaml", ("routes", 0, "title")),
        ("policy.yaml", ("routes", 0, "hint")),
        ("policy.yaml", ("duty", "title")),
        ("policy.yaml", ("duty", "description")),
        ("categories/safety-incident.yaml", ("emergency", "actions", 0)),
    ]:
        assert _carrying(copy, name, *at), f"{name} {at} carries no payload"


def _open_and_probe(page: Any, site: Site, path: str) -> list[str]:
    page.goto(site.page_url(path), wait_until="load")
    wait_for_diagrams(page, expected_diagrams(site, path))
    if path == "calculator/":  # the result table shows category, severity and tier titles
        page.fill("[name=received]", "2026-11-30T10:00")
        page.locator(".deadline-calculator__result tr").first.wait_for()
    if path == "triage/":  # the result shows category, severity, signal and trigger texts
        page.locator("[name=category]").first.check()
        offered = page.eval_on_selector_all(
            "[name=signal]", "boxes => boxes.filter(b => b.offsetParent).map(b => b.id)"
        )
        for box in offered:  # a signal that routes elsewhere hides the first category's own
            if page.is_visible(f"#{box}"):
                page.check(f"#{box}")
        page.fill("[name=amount]", "50000")
        page.locator(".triage__reasons li").first.wait_for()
    page.wait_for_timeout(100)
    found = page.eval_on_selector_all(INJECTED, "els => els.map(e => e.outerHTML.slice(0, 120))")
    return [f"{path or '/'}: injected element {html}" for html in found]


def _search(page: Any, query: str) -> None:
    """Put ``query`` into the header box as typing does (an input event) and wait for the
    complete answer."""
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill(query)
    page.wait_for_function(SEARCH_DONE, arg=query, timeout=15_000)
    page.wait_for_timeout(200)


def _search_and_probe(page: Any, site: Site) -> list[str]:
    """The query is shown back (missing words, typo readings) and the index holds titles and
    text too: search for a payload, then show results that carry payloads."""
    page.goto(site.page_url(""), wait_until="load")
    problems = []
    for query in (hostile_payload(SEARCH_FIELD), "产品质量"):
        _search(page, query)
        found = page.eval_on_selector_all(
            INJECTED, "els => els.map(e => e.outerHTML.slice(0, 120))"
        )
        problems += [f"search {query[:20]!r}: injected element {html}" for html in found]
    if not page.locator(SEARCH_RESULT).count():
        problems.append("search: no results to look at")
    return problems


def test_no_playbook_string_becomes_markup_on_any_page(
    browser: Any, hostile: tuple[Site, HostileCopy]
) -> None:
    site, copy = hostile
    assert SEARCH_FIELD not in copy.fields
    calls: list[str] = []
    dialogs: list[str] = []
    problems: list[str] = []
    with open_tab(browser, site) as tab:
        tab.page.context.expose_function(
            "__xssReport", lambda field, url: calls.append(f"{url}: {field}")
        )
        tab.page.context.add_init_script(
            f"window.{HOSTILE_CALL} = n => window.__xssReport(String(n), location.pathname)"
        )
        tab.page.on(
            "dialog", lambda d: (dialogs.append(f"{tab.page.url}: {d.message}"), d.dismiss())
        )
        pages = built_pages(site.directory)
        assert len(pages) > 20, pages
        for path in pages:
            problems += _open_and_probe(tab.page, site, path)
        problems += _search_and_probe(tab.page, site)
        problems += tab.recorder.problems()
    where = {str(n): f"{name} {'/'.join(map(str, at))}" for n, (name, at) in copy.fields.items()}
    where[str(SEARCH_FIELD)] = "the query typed into the search box"
    problems += [f"{c} ran script ({where.get(c.rsplit(': ', 1)[1], '?')})" for c in calls]
    problems += [f"dialog: {d}" for d in dialogs]
    assert not problems, "\n".join(problems[:40])


def _number(copy: HostileCopy, name: str, *at: str | int) -> int:
    return next(n for n, key in copy.fields.items() if key == (name, at))


HEADING_TEXT = (
    "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
    ".map(n => n.textContent).join('').trim()"
)


def test_hostile_titles_are_shown_as_written(
    browser: Any, hostile: tuple[Site, HostileCopy]
) -> None:
    """Escaped, not dropped: the payload is visible text in <title>, the heading, the
    navigation and the table header of 时限总表."""
    site, copy = hostile
    category = "安全与意外事件" + hostile_payload(
        _number(copy, "categories/safety-incident.yaml", "title")
    )
    severity = "一般" + hostile_payload(_number(copy, "policy.yaml", "severities", 0, "title"))
    with open_tab(browser, site) as tab:
        tab.open("categories/safety-incident/")
        assert category in tab.page.evaluate("document.title")
        assert tab.page.eval_on_selector("article h1", HEADING_TEXT) == category
        assert category in (tab.page.text_content("nav.md-nav--primary") or "")
        tab.open("limits/")
        headers = tab.page.locator("article table th").all_text_contents()
        assert severity in [h.strip() for h in headers], headers
