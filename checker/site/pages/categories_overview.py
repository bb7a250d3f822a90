"""投诉类别总览 (categories/index): every category with its default severity and keywords."""

from __future__ import annotations

from checker.model import PlaybookSet
from checker.site.markdown import table, text
from checker.site.pages.names import Names


def categories_overview(playbooks: PlaybookSet, names: Names) -> str:
    rows = [
        (
            f"[{text(c.title)}]({c.id}.md)",
            text(names.severity.get(c.default_severity, c.default_severity)),
            "、".join(text(k) for k in c.keywords),
        )
        for c in playbooks.categories
    ]
    return "# 投诉类别总览\n\n" + table(("类别", "默认严重程度", "检索词"), rows)
