"""One category's page: quick facts, recognition, severity, limits, escalation, the procedure
with its scripts, remedies, evidence, legal involvement and the version block."""

from __future__ import annotations

import datetime as dt

from checker.deadlines.clock import today
from checker.model import Category, PlaybookSet, ProcedureStep
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES, REMEDY_KIND_NAMES
from checker.site.calculator import provisional_banner
from checker.site.markdown import admonition, bullet_list, code_block, table, tabs, text
from checker.site.pages.card import category_card, emergency_box
from checker.site.pages.diagrams import escalation_diagram
from checker.site.pages.fragments import version_block
from checker.site.pages.names import Names
from checker.site.pages.worked_example import example_timeline


def limits_table(category: Category, names: Names) -> str:
    rows = []
    for severity, limits in category.limits.items():
        rows.append(
            (
                text(names.severity.get(severity, severity)),
                *(text(limits.metric(m).duration.label()) for m in LIMIT_METRICS),
            )
        )
    headers = ("严重程度", *(METRIC_TITLES[m] for m in LIMIT_METRICS))
    return table(headers, rows)


def step_section(index: int, step: ProcedureStep, names: Names, category: Category) -> str:
    lines = [
        f"### {index}. {text(step.title)} {{#step-{step.id}}}",
        "",
        f"负责：[{text(names.tier.get(step.owner, step.owner))}](../tiers.md#tier-{step.owner})",
        "",
        bullet_list(step.actions),
    ]
    if step.remedies:
        titles = {r.id: r.title for r in category.remedies}
        offered = "、".join(text(titles.get(r, r)) for r in step.remedies)
        lines += [f"本步可提出的补救措施：{offered}（见 [补救措施与审批](#remedies)）", ""]
    if step.scripts:
        lines.append("**话术**")
        lines.append("")
        lines.append(
            tabs(
                (names.channel.get(channel, channel), code_block(script.text))
                for channel, script in step.scripts.items()
            )
        )
    if step.tips:
        lines.append(admonition("warning", "注意", bullet_list(step.tips)))
    return "\n".join(lines) + "\n"


def remedies_table(category: Category, names: Names) -> str:
    rows = []
    for r in category.remedies:
        rows.append(
            (
                text(r.title),
                text(REMEDY_KIND_NAMES.get(r.kind, r.kind)),
                f"{r.max_amount} 元" if r.max_amount is not None else "—",
                f"[{text(names.tier.get(r.approver, r.approver))}](../tiers.md#tier-{r.approver})",
                text(r.execute_within.label()) if r.execute_within else "—",
                text(r.conditions),
            )
        )
    return table(("措施", "种类", "单笔上限", "审批层级", "执行时限", "适用条件"), rows)


def category_page(
    category: Category,
    playbooks: PlaybookSet,
    names: Names,
    source: str,
    example: dt.datetime | None = None,
) -> str:
    """One category's page; ``example`` is when the worked example timeline starts."""
    default = category.default_severity
    parts = [
        f"# {text(category.title)}",
        "",
        emergency_box(category, playbooks),
        category_card(category, playbooks, names),
        provisional_banner(playbooks, today(playbooks.calendar), (category,)),
        text(category.summary),
        "",
        "## 典型案例",
        "",
        bullet_list(category.cases),
        "## 如何识别",
        "",
        bullet_list(category.recognition),
    ]
    if category.keywords:
        parts += [f"检索词：{'、'.join(text(k) for k in category.keywords)}", ""]
    parts += ["## 严重程度", "", f"默认为「{text(names.severity.get(default, default))}」。"]
    if category.triggers:
        parts += [
            "出现以下情形时提高等级：",
            "",
            table(
                ("情形", "提高到"),
                (
                    (text(t.when), text(names.severity.get(t.raise_to, t.raise_to)))
                    for t in category.triggers
                ),
            ),
        ]
    parts += [
        "",
        "## 时限",
        "",
        "时限从收到投诉时起算（进展通报为间隔）。",
        "",
        limits_table(category, names),
    ]
    parts.append(example_timeline(category, playbooks, names, example))
    parts += [
        "## 升级路径",
        "",
        tabs(
            (names.severity.get(s, s), escalation_diagram(category, s, playbooks, names))
            for s in category.escalation
        ),
        "## 处理步骤",
        "",
    ]
    for i, step in enumerate(category.procedure, start=1):
        parts.append(step_section(i, step, names, category))
    parts += ["## 补救措施与审批 {#remedies}", "", remedies_table(category, names)]
    parts += ["## 需收集的证据", "", bullet_list(category.evidence)]
    parts += ["## 法务介入 {#legal}", "", bullet_list(category.legal_involve_when)]
    if category.legal_notes:
        parts += [text(category.legal_notes), ""]
    if category.customer_types:
        links = "、".join(
            f"[{text(names.customer_type.get(t, t))}](../customer-types.md#type-{t})"
            for t in category.customer_types
        )
        parts += ["## 常见客户类型", "", links, ""]
    if category.related:
        links = "、".join(f"[{text(names.category.get(r, r))}]({r}.md)" for r in category.related)
        parts += ["## 相关类别", "", links, ""]
    parts.append(version_block(category.header, f"../{source}"))
    return "\n".join(parts)
