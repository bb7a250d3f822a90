"""A thin MkDocs adapter: the real work is in ``checker.site.build``, ``pages`` and ``search``."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from checker.site.build import Handbook, PlaybookErrors, build_handbook
from checker.site.search.indexer import SearchIndexError, index_site, index_words
from checker.site.search.lexicon import build_lexicon, nav_titles
from checker.site.search.scope import REFERENCE, SCOPE_KEY, category_keywords, page_scope

LEXICON = "assets/search-lexicon.json"

# a diagram block as pymdownx.superfences writes it: <pre class="mermaid"> or <div class="mermaid">
DIAGRAM = re.compile(r'<(?:pre|div)\b[^>]*\bclass="mermaid"')


class PlaybooksConfig(base.Config):
    playbooks = c.Type(str, default="playbooks")
    # build the header search's Pagefind index and lexicon after the site (off: no search box
    # answers, e.g. a build that measures Material's own search instead)
    search = c.Type(bool, default=True)
    # a local mermaid build, added only to pages that have a diagram
    mermaid = c.Type(str, default="")


class PlaybooksPlugin(BasePlugin[PlaybooksConfig]):
    """Checks the playbooks, then adds the generated pages, navigation and YAML sources."""

    handbook: Handbook | None = None
    reference_pages: list[str]  # built files indexed in the reference scope
    search_keywords: dict[str, str]  # category page -> its keywords meta

    def on_config(self, config: Any) -> Any:
        try:
            self.handbook = build_handbook(self.config.playbooks)
        except PlaybookErrors as errors:
            raise PluginError(f"手册文件有错误，网站未生成：\n\n{errors}") from None
        self.reference_pages = []
        playbooks = self.handbook.playbooks
        self.search_keywords = {
            f"categories/{c.id}.md": category_keywords(c, playbooks.policy)
            for c in playbooks.categories
        }
        if not config.nav:
            config.nav = self.handbook.nav
        watch = str(Path(self.config.playbooks).resolve())
        if watch not in config.watch:
            config.watch.append(watch)
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.handbook is not None
        for path, content in self.handbook.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} 与自动生成的页面重名：请删除或改名这个手写文件。")
            files.append(File.generated(config, path, content=content))
        for path, source in self.handbook.sources.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        assert self.handbook is not None
        page.meta[SCOPE_KEY] = page_scope(page.file.src_uri, page.meta)
        if page.meta[SCOPE_KEY] == REFERENCE:
            self.reference_pages.append(page.file.dest_uri)
        if page.file.src_uri in self.search_keywords:
            page.meta["search_keywords"] = self.search_keywords[page.file.src_uri]
        return markdown

    def on_post_build(self, config: Any) -> None:
        """Index the built pages and write the lexicon the browser's query analysis reads."""
        assert self.handbook is not None
        if not self.config.search:
            return
        site = Path(config.site_dir)
        lexicon = build_lexicon(self.handbook.playbooks, nav_titles(self.handbook.nav))
        try:
            index_site(site, self.reference_pages)
            lexicon = lexicon.with_index_words(index_words(lexicon.searched()))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        (site / LEXICON).parent.mkdir(parents=True, exist_ok=True)
        (site / LEXICON).write_text(lexicon.to_json(), encoding="utf-8")

    def on_page_context(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        """Give Material the page title in the form it prints verbatim.

        MkDocs keeps ``page.title`` as HTML (entities escaped: navigation titles are
        ``html_text``, a heading's title is the converter's HTML). Material writes it into
        ``<title>`` through ``striptags``, which also decodes the entities, so a title holding
        ``&lt;/title&gt;&lt;img onerror=...&gt;`` would become live markup there. Material prints
        ``page.meta.title`` as it is, so the escaped title goes there.
        """
        if page.title and not page.is_homepage and "title" not in page.meta:
            page.meta["title"] = page.title
        return context

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        """Load mermaid (2.7 MB) on the pages that draw a diagram, and only there. Material
        renders ``.mermaid`` blocks with the ``mermaid`` it finds already defined; without it
        it would fetch one from a CDN, which the browser tests would catch."""
        if not self.config.mermaid or not DIAGRAM.search(output):
            return output
        src = get_relative_url(self.config.mermaid, page.url)
        tag = f'<script src="{html.escape(src)}"></script>'
        head, body_end, tail = output.rpartition("</body>")
        return f"{head}{tag}\n{body_end}{tail}" if body_end else output + tag
