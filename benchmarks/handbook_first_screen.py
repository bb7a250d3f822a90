"""What staff see first, and how fast, in the built handbook: figures for issue 13.

Opens the built site in headless Chromium (Debian's /usr/bin/chromium through Playwright) and
prints, for desktop (1366x768) and phone (390x844):
  * the page height of the home page, two category pages and 时限总表;
  * where (y in CSS pixels from the top of the page) the first occurrence of telling text
    sits, so "on the first screen" means y + its height <= the viewport height;
  * whether 时限总表 scrolls sideways on the phone;
  * how many A4 pages printing each category page gives (Chromium's print to PDF);
  * first contentful paint, DOMContentLoaded and load on a throttled phone (1.6 Mbps down, 750 kbps up, 150 ms RTT,
    4x CPU slow-down: Lighthouse's mobile profile), cold cache, and the bytes transferred.

    .venv/bin/python benchmarks/handbook_first_screen.py            # builds the site first
    .venv/bin/python benchmarks/handbook_first_screen.py --site DIR # an already built site

"话术" is where the first script block's label is (before the card existed, the first script
sat under the label 话术 in the procedure); "第一句话" is the card's script.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from site_support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
PAGES = ["", "categories/product-quality/", "categories/safety-incident/", "limits/"]
# page -> texts whose first visible occurrence in the article is located
PROBES = {
    "": ["有人受伤", "情绪激动", "退款", "媒体", "升级", "安全与意外事件"],
    "categories/product-quality/": ["首次响应", "升级", "分机", "话术", "第一句话"],
    "categories/safety-incident/": ["119", "8399", "首次响应", "话术", "第一句话"],
}
CATEGORY_PAGES = [
    f"categories/{p.stem}/" for p in sorted((ROOT / "playbooks/categories").glob("*.yaml"))
]
TIMED = ["", "categories/product-quality/", "limits/", "calculator/", "triage/"]

FIRST_TEXT = """(needle) => {
  const article = document.querySelector('article') || document.body;
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    const box = range.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // hidden (an unselected tab)
    return {y: Math.round(box.top + scrollY), h: Math.round(box.height)};
  }
  return null;
}"""

PHONE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def layout(browser: Any, url: str) -> None:
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        page = context.new_page()
        print(f"\n[{size} {width}x{height}]")
        for path in PAGES:
            page.goto(url + path, wait_until="load")
            page.wait_for_timeout(300)
            height_px = page.evaluate("document.documentElement.scrollHeight")
            probes = []
            for needle in PROBES.get(path, []):
                found = page.evaluate(FIRST_TEXT, needle)
                if found is None:
                    probes.append(f"{needle}=—")
                else:
                    fold = "" if found["y"] + found["h"] <= height else "↓"
                    probes.append(f"{needle}={found['y']}{fold}")
            line = f"  /{path:<32} height {height_px:>6}  " + "  ".join(probes)
            if path == "limits/":
                sideways = page.evaluate(
                    "() => [document.scrollingElement.scrollWidth > innerWidth,"
                    " [...document.querySelectorAll('article table')].some(t => {"
                    " const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;"
                    " return box.scrollWidth > box.clientWidth + 1; })]"
                )
                line += f"  page scrolls sideways: {sideways[0]}, a table overflows: {sideways[1]}"
            print(line)
        context.close()


def printing(browser: Any, url: str) -> None:
    print("\n[print to PDF, A4]")
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    for path in CATEGORY_PAGES:
        page.goto(url + path, wait_until="load")
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
        print(f"  /{path:<34} {pdf_pages(pdf)} pages")
    context.close()


def timing(browser: Any, url: str, runs: int) -> None:
    print("\n[throttled phone: 1.6 Mbps / 750 kbps / 150 ms RTT, 4x CPU; cold cache]")
    for path in TIMED:
        fcp, dcl, load, size = [], [], [], []
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            response = page.goto(url + path, wait_until="load", timeout=180_000)
            if response is None or response.status >= 400:
                context.close()
                break
            entry = page.evaluate(
                "() => { const n = performance.getEntriesByType('navigation')[0];"
                " const r = performance.getEntriesByType('resource');"
                " const p = performance.getEntriesByName('first-contentful-paint')[0];"
                " return [n.domContentLoadedEventEnd, n.loadEventEnd,"
                " n.transferSize + r.reduce((s, e) => s + e.transferSize, 0),"
                " p ? p.startTime : NaN]; }"
            )
            dcl.append(entry[0] / 1000)
            load.append(entry[1] / 1000)
            size.append(entry[2] / 1024)
            fcp.append(entry[3] / 1000)
            context.close()
        if not dcl:
            print(f"  /{path:<34} (no such page)")
            continue
        fcp.sort()
        dcl.sort()
        load.sort()
        print(
            f"  /{path:<34} first paint {fcp[len(fcp) // 2]:5.1f} s"
            f"  DOMContentLoaded {dcl[len(dcl) // 2]:6.1f} s"
            f"  load {load[len(load) // 2]:6.1f} s  transferred {max(size):7.0f} KiB"
            f"  (median of {len(dcl)})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="throttled loads per page")
    parser.add_argument("--skip", nargs="*", default=[], choices=["layout", "print", "timing"])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            build(site)
        with serve(site) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                if "layout" not in args.skip:
                    layout(browser, url)
                if "print" not in args.skip:
                    printing(browser, url)
                if "timing" not in args.skip:
                    timing(browser, url, args.runs)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
