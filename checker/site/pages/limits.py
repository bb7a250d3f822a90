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
        "每个类别、每个严重程度的四项时限（首次响应 / 进展通报间隔 / 解决 / 回访）。"
        "“工作日”“工作小时”按工作时间计算，其余为自然时间。",
        "",
    ]
    headers = ("类别", *(names.severity.get(s, s) for s in severities))
    rows = []
    for category in playbooks.categories:
        cells = [f"[{text(category.title)}](categories/{category.id}.md)"]
        for s in severities:
            limits = category.limits.get(s)
            cells.append(
                " / ".join(text(limits.metric(m).duration.label()) for m in LIMIT_METRICS)
                if limits
                else "—"
            )
        rows.append(cells)
    parts.append(table(headers, rows))
    if policy and policy.ceilings:
        parts += ["## 监管时限上限", "", "各类别的时限不得超过以下上限（检查器规则 PB304）。", ""]
        parts.append(
            table(
                ("上限", "约束", "时长", "出处", "可靠程度"),
                (
                    (
                        text(c.title),
                        text(applies_to_label(c.applies_to)),
                        text(c.limit.label()),
                        text(c.citation),
                        text(certainty_label(c.certainty)),
                    )
                    for c in policy.ceilings
                ),
            )
        )
        for c in policy.ceilings:
            if c.note:
                parts.append(f"- {text(c.title)}：{text(c.note)}")
        parts.append("")
    return "\n".join(parts)


def applies_to_label(value: str) -> str:
    """What a ceiling constrains: a metric, or the execution time of a kind of remedy."""
    if value.startswith("remedy:"):
        kind = value.split(":", 1)[1]
        return f"{REMEDY_KIND_NAMES.get(kind, kind)}的执行时限"
    return METRIC_TITLES.get(value, value)
