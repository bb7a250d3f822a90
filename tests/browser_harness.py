"""The browser harness every handbook browser test shares: the built site served on 127.0.0.1,
one headless Chromium, tabs that record console errors, failed and external requests, and
diagrams read through Mermaid's closed shadow roots.

Loaded as a pytest plugin by ``conftest.py`` (``pytest_plugins``), so its session fixtures (one
site build, one browser) are shared by every module. Without /usr/bin/chromium the tests that
use it skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from site_support import CHROMIUM, CHROMIUM_ARGS, mkdocs_build, parse_html, serve

VIEWPORT = {"width": 1280, "height": 900}
# the two screens staff use: a desktop and a phone
SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}

# ---- browser and site fixtures --------------------------------------------------------------------


def _require_chromium() -> None:
    problem = None
    if not CHROMIUM.is_file():
        problem = (
            f"headless Chromium is missing: {CHROMIUM} does not exist (apt-get install chromium)"
        )
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as error:
            problem = f"the playwright package is missing ({error})"
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{problem}. Browser tests never skip in CI.", pytrace=False)
    pytest.skip(problem)


@pytest.fixture(scope="session")
def chromium_ready() -> None:
    _require_chromium()


@dataclass(frozen=True)
class Site:
    directory: Path
    url: str

    def page_url(self, path: str) -> str:
        return urljoin(self.url, path)


def build_and_serve(site_dir: Path, config: Path | None = None) -> Iterator[Site]:
    result = mkdocs_build(site_dir, config)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    with serve(site_dir) as url:
        yield Site(site_dir, url)


@pytest.fixture(scope="session")
def site(chromium_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The handbook as ``mkdocs build --strict`` makes it from the repository."""
    yield from build_and_serve(tmp_path_factory.mktemp("handbook") / "site")


@pytest.fixture(scope="session")
def browser(chromium_ready: None) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


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
        # Every page starts loading the search engine; leaving a page cancels what it was
        # still fetching (net::ERR_ABORTED), also what it asked for while the next page was
        # already on its way. That is the browser moving on, not a broken page: an abort is
        # not counted when the request came from another document (its Referer) than the one
        # the tab navigated to last.
        shown = {"url": ""}

        def request(sent: Any) -> None:
            if sent.is_navigation_request() and sent.frame == page.main_frame:
                shown["url"] = urldefrag(sent.url).url

        def failed(sent: Any) -> None:
            referer = sent.headers.get("referer")
            left = referer is not None and urldefrag(referer).url != shown["url"]
            if not (left and sent.failure == "net::ERR_ABORTED"):
                self.failed.append(f"{page.url}: {sent.url} {sent.failure}")

        page.on("request", request)
        page.on("requestfailed", failed)
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


def new_tab(browser: Any, site: Site, viewport: dict[str, int] | None = None) -> tuple[Any, Tab]:
    context = browser.new_context(viewport=viewport or VIEWPORT, locale="zh-CN")
    recorder = Recorder(context)
    page = context.new_page()
    return context, Tab(page, recorder, site)


@contextmanager
def open_tab(browser: Any, site: Site, viewport: dict[str, int] | None = None) -> Iterator[Tab]:
    """A tab in a browser context of its own, closed afterwards."""
    context, tab = new_tab(browser, site, viewport)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def tab(browser: Any, site: Site) -> Iterator[Tab]:
    with open_tab(browser, site) as opened:
        yield opened


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
