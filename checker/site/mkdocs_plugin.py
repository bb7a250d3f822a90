"""A thin MkDocs adapter: the real work is in ``checker.site.build`` and ``pages``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from checker.site.build import Handbook, PlaybookErrors, build_handbook


class PlaybooksConfig(base.Config):
    playbooks = c.Type(str, default="playbooks")


class PlaybooksPlugin(BasePlugin[PlaybooksConfig]):
    """Checks the playbooks, then adds the generated pages, navigation and YAML sources."""

    handbook: Handbook | None = None

    def on_config(self, config: Any) -> Any:
        try:
            self.handbook = build_handbook(self.config.playbooks)
        except PlaybookErrors as errors:
            raise PluginError(f"手册文件有错误，网站未生成：\n\n{errors}") from None
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
