"""时限总表: every category's limits per severity, then the regulatory ceilings."""

from __future__ import annotations

from checker.model import PlaybookSet
from checker.model.vocabulary import (
    LIMIT_METRICS,
    METRIC_TITLES,
    REMEDY_KIND_NAMES,
    certainty_label,
)
from checker.site.markdown import table, text
from checker.site.pages.names import Names


def limits_page(playbooks: PlaybookSet, names: Names) -> str:
    policy = playbooks.policy
    severities = [s.id for s in policy.severities] if policy else []
    parts = [
        "# 时限总表",
        "",
        "每个类别、每个严重程度的四项时限，从收到投诉时起算（进展通报为间隔）。"
        "“工作日”“工作小时”按工作时间计算，其余为自然时间。",
        "",
    ]
    headers = ("时限", *(names.severity.get(s, s) for s in severities))
    for category in playbooks.categories:
        rows = [
            (
                METRIC_TITLES[m],
                *(
                    text(category.limits[s].metric(m).duration.label())
                    if s in category.limits
                    else "—"
                    for s in severities
                ),
            )
            for m in LIMIT_METRICS
        ]
        parts += [
            f"## {text(category.title)} {{#{category.id}}}",
            "",
            f"[打开类别页面](categories/{category.id}.md)",
            "",
            # one value per cell, sized for a phone (handbook.css)
            '<div class="limits-table" markdown>',
            "",
            table(headers, rows),
            "</div>",
            "",
        ]
    if policy and policy.ceilings:
        parts += ["## 监管时限上限", "", "各类别的时限不得超过以下上限（检查器规则 PB304）。", ""]
        for c in policy.ceilings:  # a list, not a wide table: it must read on a phone
            note = f"{text(c.note)}" if c.note else ""
            parts += [
                f"- **{text(c.title)}**：{text(applies_to_label(c.applies_to))}不超过 "
                f"**{text(c.limit.label())}**。",
                "",
                f"    出处：{text(c.citation)}（{text(certainty_label(c.certainty))}）。{note}",
                "",
            ]
    return "\n".join(parts)


def applies_to_label(value: str) -> str:
    """What a ceiling constrains: a metric, or the execution time of a kind of remedy."""
    if value.startswith("remedy:"):
        kind = value.split(":", 1)[1]
        return f"{REMEDY_KIND_NAMES.get(kind, kind)}的执行时限"
    return METRIC_TITLES.get(value, value)
