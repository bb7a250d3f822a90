"""Pieces several pages share: the version block, guidance lists, tables of dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from checker.model import Guidance, Header, NamedDate
from checker.model.vocabulary import weekday_name
from checker.site.markdown import table, text


def version_block(header: Header, source_link: str) -> str:
    lines = [
        "## 版本与变更",
        "",
        f"版本 **{text(header.version)}** · 生效日期 {text(header.effective)} · "
        f"负责部门：{text(header.owner)} · [查看 YAML 源文件]({source_link})",
        "",
    ]
    for entry in header.changelog:
        author = f"（{text(entry.author)}）" if entry.author else ""
        lines.append(f"- **{text(entry.version)}**，{text(entry.date)}{author}")
        lines += [f"    - {text(change)}" for change in entry.changes]
    return "\n".join(lines) + "\n"


def guidance_list(items: Sequence[Guidance]) -> str:
    out = []
    for item in items:
        line = f"- **{text(item.title)}**：{text(item.description)}"
        if item.example:
            line += f"\n\n    例：{text(item.example)}"
        out.append(line)
    return "\n".join(out) + "\n"


def day_label(day: dt.date) -> str:
    """2026-10-01（周四）."""
    return f"{day}（{weekday_name(day)}）"


def moment_label(moment: dt.datetime) -> str:
    """2026-09-30 17:40（周三）."""
    return f"{moment:%Y-%m-%d %H:%M}（{weekday_name(moment)}）"


def dates_table(what: str, dates: Sequence[NamedDate]) -> str:
    return table(("日期", what), ((text(day_label(d.date)), text(d.name)) for d in dates))
