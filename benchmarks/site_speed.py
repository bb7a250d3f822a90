"""Handbook build speed and size on a synthetic 1,000-category corpus, side by side.

Builds the same handbook twice in one run:
  * with the ``playbooks`` MkDocs plugin (check + render + build), and
  * from the same pages written out first by ``playbook render``, with plain mkdocs (no
    plugin: the pages are ordinary Markdown files).
Prints both times, the generation overhead (target <= 15%), the number of pages, the total
built size and the search index size; then the size per page, to show that the site grows
linearly (the navigation does not list every category on every page).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

ROOT = Path(__file__).resolve().parent.parent


def config(work: Path, docs: Path, site: Path, plugin_playbooks: Path | None, nav: object) -> Path:
    """A copy of mkdocs.yml with absolute paths; without the plugin when plugin_playbooks is None."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "custom_dir: checker/site/theme", f"custom_dir: {ROOT / 'checker/site/theme'}"
    )
    if plugin_playbooks is None:
        text = text.replace("  - playbooks:\n      playbooks: playbooks\n", "")
    else:
        text = text.replace(
            "      playbooks: playbooks\n", f"      playbooks: {plugin_playbooks}\n"
        )
    text = text.replace("docs_dir: docs\n", f"docs_dir: {docs}\nsite_dir: {site}\n")
    text = text.replace("watch:\n  - playbooks\n", "")
    if nav is not None:
        text += "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
    path = work / ("mkdocs-plugin.yml" if plugin_playbooks else "mkdocs-plain.yml")
    path.write_text(text, encoding="utf-8")
    return path


def build(config_file: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"构建失败：{config_file}\n{done.stdout}\n{done.stderr}")
    return elapsed


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description="手册网站构建基准")
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()

    from checker.site.build import build_handbook, write_markdown

    work = Path(tempfile.mkdtemp(prefix="playbook-site-bench-"))
    try:
        corpus = work / "playbooks"
        generate(corpus, args.count)
        docs = work / "docs"
        shutil.copytree(ROOT / "docs", docs)

        # plain Markdown written once, outside the timed build
        plain_docs = work / "plain-docs"
        handbook = build_handbook(corpus)
        write_markdown(handbook, plain_docs, docs)

        plugin_site, plain_site = work / "site-plugin", work / "site-plain"
        t_plugin = build(config(work, docs, plugin_site, corpus, None))
        t_plain = build(config(work, plain_docs, plain_site, None, handbook.nav))

        pages = sum(1 for _ in plugin_site.rglob("index.html"))
        total = size(plugin_site)
        index = sum(size(plugin_site / b) for b in ("pagefind", "pagefind-reference"))
        html = [p.stat().st_size for p in (plugin_site / "categories").rglob("index.html")]
        print(f"语料：{args.count} 个类别；生成的页面共 {len(handbook.pages)} 个")
        print(f"插件构建（检查 + 生成 + 构建）   {t_plugin:8.2f} s")
        print(f"纯 Markdown + 原生 mkdocs 构建   {t_plain:8.2f} s")
        print(
            f"生成开销                         {(t_plugin / t_plain - 1) * 100:8.1f} %   （目标 ≤ 15%）"
        )
        print(f"站点页面数                       {pages:8d}")
        print(f"站点总大小                       {total / 1024 / 1024:8.1f} MiB")
        print(f"搜索索引大小                     {index / 1024 / 1024:8.1f} MiB")
        print(f"每个类别页面平均大小             {sum(html) / len(html) / 1024:8.1f} KiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
