"""What a new or deleted playbook holds, in a few lines: a category's limits per severity, its
escalation and its remedies with their approvers; a policy's ladders; a calendar's range."""

from __future__ import annotations

from typing import Any

from checker.model import Calendar, Category, CustomerTypes, Exceptions, Policy
from checker.model.vocabulary import (
    LIMIT_METRICS,
    METRIC_TITLES,
    REMEDY_KIND_NAMES,
    iso_weekday_name,
)


def summary(playbook: Any, words: Any) -> tuple[str, ...]:
    if isinstance(playbook, Category):
        return _category(playbook, words)
    if isinstance(playbook, Policy):
        return (
            "严重程度：" + " < ".join(s.title for s in playbook.severities),
            "升级层级与审批上限："
            + "；".join(f"{t.title} {t.max_amount} 元" for t in playbook.tiers),
            f"禁用语 {len(playbook.forbidden_phrases)} 条，监管时限上限 {len(playbook.ceilings)} 条",
        )
    if isinstance(playbook, Calendar):
        rest = "、".join(iso_weekday_name(d) for d in sorted(playbook.rest_days))
        return (
            f"上班时间 {playbook.start:%H:%M}–{playbook.end:%H:%M}，每周休息 {rest or '无'}",
            f"数据 {playbook.data_from} 至 {playbook.data_until}：法定节假日 {len(playbook.holidays)} 天，"
            f"调休上班 {len(playbook.make_up_workdays)} 天",
        )
    if isinstance(playbook, CustomerTypes):
        return ("客户类型：" + "、".join(t.title for t in playbook.types),)
    if isinstance(playbook, Exceptions):
        return tuple(
            f"例外「{e.file}」（{'、'.join(sorted(e.rules))}）：{e.change}；批准人 {e.approver}，有效期至 {e.expires}"
            for e in playbook.entries
        )
    return ()


def _category(category: Category, words: Any) -> tuple[str, ...]:
    ranks = words.ranks.get("severity", {})
    lines = []
    for severity in sorted(category.limits, key=lambda s: ranks.get(s, len(ranks))):
        limits = category.limits[severity]
        times = "，".join(
            f"{METRIC_TITLES[m]} {limits.metric(m).duration.label()}" for m in LIMIT_METRICS
        )
        lines.append(f"{words.severity(severity)}：{times}")
        path = category.escalation.get(severity)
        if path is not None:
            steps = "".join(f"，{s.after.label()}后升级到{words.tier(s.to)}" for s in path.steps)
            lines.append(f"{words.severity(severity)} 升级：由{words.tier(path.owner)}负责{steps}")
    for remedy in category.remedies:
        parts = [f"审批 {words.tier(remedy.approver)}"]
        if remedy.max_amount is not None:
            parts.append(f"单笔上限 {remedy.max_amount} 元")
        if remedy.execute_within is not None:
            parts.append(f"执行时限 {remedy.execute_within.label()}")
        kind = REMEDY_KIND_NAMES.get(remedy.kind, remedy.kind)
        lines.append(f"补救措施「{remedy.title}」（{kind}）：{'，'.join(parts)}")
    return tuple(lines)
