"""升级层级与审批权限: every tier, what it may approve, and how to reach it."""

from __future__ import annotations

from checker.model import Policy
from checker.model.vocabulary import REMEDY_KIND_NAMES
from checker.site.markdown import admonition, table, text


def tiers_page(policy: Policy) -> str:
    rows = [
        (
            f"[{text(t.title)}](#tier-{t.id})",
            text(t.phone) if t.phone else "—",
            f"{t.max_amount} 元",
            "、".join(text(REMEDY_KIND_NAMES.get(k, k)) for k in sorted(t.remedy_kinds)),
        )
        for t in policy.tiers
    ]
    parts = [
        "# 升级层级与审批权限",
        "",
        "层级从一线向上排列；每一层可以自行批准表中的补救种类和单笔金额。"
        "超出自己权限的，转给能批准的层级：拨打表中的分机，并在工单中转交。",
        "",
        table(("层级", "分机", "单笔金额上限", "可批准的补救种类"), rows),
    ]
    if policy.duty:
        duty = policy.duty
        parts += [
            admonition(
                "danger",
                f"{duty.title}：分机 {duty.phone}",
                f"{text(duty.description)}\n",
            )
        ]
    for t in policy.tiers:
        parts += [f"## {text(t.title)} {{#tier-{t.id}}}", "", text(t.role), ""]
        if t.phone:
            parts += [f"分机：**{text(t.phone)}**", ""]
        if t.contact:
            parts += [f"转交方式：{text(t.contact)}", ""]
        if t.notes:
            parts += [text(t.notes), ""]
    return "\n".join(parts)
