"""变更记录: every playbook file's changelog entries, newest first."""

from __future__ import annotations

from checker.model import PlaybookSet
from checker.site.markdown import bullet_list, text
from checker.site.pages.names import source_path


def changelog_page(playbooks: PlaybookSet, playbooks_root: str) -> str:
    entries = []
    for header in playbooks.headers:
        for entry in header.changelog:
            entries.append((entry.date, header, entry))
    entries.sort(key=lambda item: (item[0], item[1].title), reverse=True)
    parts = ["# 变更记录", "", "全部手册文件的版本变更，最新的在前。", ""]
    for date, header, entry in entries:
        source = source_path(header.at.source.path, playbooks_root)
        parts += [
            f"## {text(date)} · {text(header.title)} {text(entry.version)}",
            "",
            f"[YAML 源文件]({source})"
            + (f" · 修订人：{text(entry.author)}" if entry.author else ""),
            "",
            bullet_list(entry.changes),
        ]
    return "\n".join(parts)
