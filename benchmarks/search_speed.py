"""Header search speed and bytes on a 1,000-category handbook, side by side with Material's
built-in search.

Generates the synthetic corpus (benchmarks/corpus.py), builds the handbook as it ships (Pagefind
behind the header box) and, when jieba is importable, a second copy with Material's built-in
search (its lunr index, segmented by jieba: the handbook before the change). Each site is served
from 127.0.0.1; every measurement opens a category page in a new browser context (empty cache)
and types a query into the header box:

* first result: milliseconds from the input event to the first result shown, measured in the
  page (performance.now), typed right when the page has loaded and again 1 s after;
* bytes: every response body fetched from typing to the complete answer (first query on a cold
  page, then a second query on the same page).

Targets (issue 13): first result <= 300 ms, <= 1 MiB per query. Prints a table; not a test.

    .venv/bin/python benchmarks/search_speed.py [--count 1000] [--reps 3] [--no-builtin]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from corpus import generate
from site_support import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "受伤",
    "24小时",
    "退宽",
    "送货延迟",
    "客户情绪激动一直骂人怎么办",
    "客户说他被你们的热水器烫伤了",
]
SECOND_QUERY = "空调外机着火了怎么办"
PAGE = "categories/safety-incident-0005/"


def config(work: Path, corpus: Path, site: Path, builtin: bool) -> Path:
    """mkdocs.yml with absolute paths; ``builtin``: Material's search instead of Pagefind."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs\n", f"docs_dir: {ROOT / 'docs'}\nsite_dir: {site}\n")
    text = text.replace("      playbooks: playbooks\n", f"      playbooks: {corpus}\n")
    text = text.replace("watch:\n  - playbooks\n", "")
    if builtin:
        text = text.replace("  custom_dir: checker/site/theme\n", "")
        text = text.replace("plugins:\n", "plugins:\n  - search\n", 1)
        text = text.replace(
            f"      playbooks: {corpus}\n", f"      playbooks: {corpus}\n      search: false\n"
        )
        text = text.replace(
            "  - path: assets/javascripts/handbook-search.js\n    type: module\n", ""
        )
    else:
        text = text.replace(
            "custom_dir: checker/site/theme", f"custom_dir: {ROOT}/checker/site/theme"
        )
    path = work / ("mkdocs-builtin.yml" if builtin else "mkdocs-pagefind.yml")
    path.write_text(text, encoding="utf-8")
    return path


def build(config_file: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"构建失败：{config_file}\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# Installed before the page's scripts: the time of the first input event on the box and of the
# first result item that appears after it.
TIMING = """
window.__typed = null; window.__shown = null;
document.addEventListener('input', e => {
  if (window.__typed === null && e.target.matches('.md-search__input'))
    window.__typed = performance.now();
}, true);
new MutationObserver(() => {
  if (window.__typed !== null && window.__shown === null &&
      document.querySelector('.md-search-result__list > .md-search-result__item'))
    window.__shown = performance.now();
}).observe(document, {subtree: true, childList: true});
"""


@dataclass
class Measure:
    first_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    first_bytes: list[int] = field(default_factory=list)
    next_bytes: list[int] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def _type_and_wait(page: Any, query: str, timeout_ms: float) -> float:
    box = page.locator("header .md-search__input")
    box.click()
    page.evaluate("window.__typed = null; window.__shown = null")
    box.fill(query)
    box.press("End")  # Material's own search reads the box on keyup
    page.wait_for_function("window.__shown !== null", timeout=timeout_ms)
    return float(page.evaluate("window.__shown - window.__typed"))


def _settle(page: Any, query: str, builtin: bool) -> None:
    """Wait until the answer to ``query`` is complete (all result items and fragments in)."""
    if builtin:
        page.wait_for_timeout(1500)
    else:
        page.wait_for_function(
            "q => document.querySelector('[data-handbook-search]').dataset.searched === q",
            arg=query,
            timeout=60_000,
        )
    page.wait_for_timeout(300)


def measure(browser: Any, url: str, builtin: bool, reps: int) -> Measure:
    """Every query ``reps`` times (Material's own search: the first two, once: each takes
    tens of seconds)."""
    result = Measure()
    timeout = 300_000 if builtin else 30_000
    queries, reps = (QUERIES[:2], 1) if builtin else (QUERIES, reps)
    for query in queries:
        for _ in range(reps):
            for delay, times in ((0, result.first_ms), (1000, result.warm_ms)):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                fetched: list[Any] = []

                def route(r: Any) -> None:
                    if r.request.url.startswith("http://127.0.0.1"):
                        r.continue_()
                    else:
                        result.external.append(r.request.url)
                        r.abort()

                context.route("**/*", route)
                context.add_init_script(TIMING)
                page = context.new_page()
                page.goto(url + PAGE, wait_until="load")
                page.wait_for_timeout(delay)
                page.on("requestfinished", lambda request, sink=fetched: sink.append(request))
                times.append(_type_and_wait(page, query, timeout))
                if delay == 0:
                    _settle(page, query, builtin)
                    result.first_bytes.append(sum(r.sizes()["responseBodySize"] for r in fetched))
                    fetched.clear()
                    _type_and_wait(page, SECOND_QUERY, timeout)
                    _settle(page, SECOND_QUERY, builtin)
                    result.next_bytes.append(sum(r.sizes()["responseBodySize"] for r in fetched))
                context.close()
    return result


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):8.0f} ms（{min(values):.0f}–{max(values):.0f}）"


def _kib(values: list[int]) -> str:
    return f"{statistics.median(values) / 1024:8.0f} KiB（最多 {max(values) / 1024:.0f}）"


def main() -> None:
    parser = argparse.ArgumentParser(description="手册搜索速度基准（1000 个类别）")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--no-builtin", action="store_true", help="不测 Material 自带搜索")
    parser.add_argument(
        "--work",
        type=Path,
        help="工作目录：保留生成的站点，再次运行时直接复用（默认用临时目录并删除）",
    )
    args = parser.parse_args()
    try:
        import jieba  # noqa: F401

        builtin = not args.no_builtin
    except ImportError:
        builtin = False
        print("（未安装 jieba：不测 Material 自带搜索；pip install jieba==0.42.1 后可对比）")
    from playwright.sync_api import sync_playwright

    work = args.work or Path(tempfile.mkdtemp(prefix="playbook-search-bench-"))
    try:
        corpus = work / "playbooks"
        if not (corpus / "categories").is_dir():
            generate(corpus, args.count)
        sites = {"Pagefind（现在）": (work / "site-pagefind", False)}
        if builtin:
            sites["Material 自带搜索（原来）"] = (work / "site-builtin", True)
        built = {}
        for name, (site, is_builtin) in sites.items():
            reused = (site / ("search" if is_builtin else "pagefind")).is_dir()
            seconds = float("nan") if reused else build(config(work, corpus, site, is_builtin))
            index = (
                size(site / "search")
                if is_builtin
                else size(site / "pagefind") + size(site / "pagefind-reference")
            )
            built[name] = (seconds, index)
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for name, (site, is_builtin) in sites.items():
                    with serve(site) as url:
                        results[name] = measure(browser, url, is_builtin, args.reps)
            finally:
                browser.close()
        load = os.getloadavg()
        print(f"语料：{args.count} 个类别；每个查询 {args.reps} 次，每次新的浏览器上下文（空缓存）")
        print(f"查询：{'、'.join(QUERIES)}；同页第二个查询：{SECOND_QUERY}")
        print(f"机器负载（1/5/15 分钟）：{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
        for name, m in results.items():
            seconds, index = built[name]
            print(f"\n== {name}")
            print(f"构建时间                           {seconds:8.1f} s")
            print(f"搜索索引大小                       {index / 1024 / 1024:8.1f} MiB")
            print(f"首个结果，页面加载完立即输入       {_ms(m.first_ms)}   （目标 ≤ 300 ms）")
            print(f"首个结果，页面加载 1 秒后输入      {_ms(m.warm_ms)}")
            print(f"冷页面第一个查询下载               {_kib(m.first_bytes)}   （目标 ≤ 1 MiB）")
            print(f"同页后续查询下载                   {_kib(m.next_bytes)}")
            print(f"访问外部主机的请求                 {len(m.external):8d}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
