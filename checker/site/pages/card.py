"""速查卡 (a category's card): what staff need while the customer is on the line, at the top of
the category page and on the triage page, and the one page a supervisor prints and pins up.

Per severity (one tab each, the category's default selected): the four limits, who owns the
complaint and how to reach them, when to escalate and to whom (with the tier's extension);
then the first script with its copy button. A category with an ``emergency`` also gets the
emergency box: what to do first and how soon to call the duty line, with its extension.
"""

from __future__ import annotations

from checker.model import Category, PlaybookSet
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES, STEP_NAMES
from checker.site.markdown import admonition, code_block, tabs, text
from checker.site.pages.names import Names

CARD_CLASS = "card"  # the print stylesheet and the triage page find cards by it


def card_classes(category: Category) -> str:
    return f"{CARD_CLASS} card-for-{category.id}"


def tier_with_phone(tier_id: str, playbooks: PlaybookSet, names: Names, link: str) -> str:
    """「客服组长 · 分机 8100」, the title linking to the tier (``link``: path to tiers.md)."""
    title = text(names.tier.get(tier_id, tier_id))
    tier = playbooks.policy.tier(tier_id) if playbooks.policy else None
    phone = f" · 分机 **{text(tier.phone)}**" if tier and tier.phone else ""
    return f"[{title}]({link}#tier-{tier_id}){phone}"


def emergency_box(category: Category, playbooks: PlaybookSet) -> str:
    """The first things to do on a dangerous call, and the duty line's extension."""
    emergency = category.emergency
    if emergency is None:
        return ""
    policy = playbooks.policy
    numbered = "\n".join(f"{i}. {text(a)}" for i, a in enumerate(emergency.actions, start=1))
    body = numbered + "\n"
    if policy and policy.duty:
        duty = policy.duty
        body += (
            f"\n**{text(emergency.report_within.label())}内电话报告 "
            f"{text(duty.title)}：分机 {text(duty.phone)}**"
            f"{{: .emergency__call }}\n"
        )
    return admonition("danger emergency", "先保人身安全", body)


def _severity_tab(
    category: Category, severity: str, playbooks: PlaybookSet, names: Names, tiers: str
) -> str:
    title = names.severity.get(severity, severity)
    lines = [f"**{text(title)}**{{: .card__severity }}", ""]
    limits = category.limits.get(severity)
    if limits:
        parts = [
            f"{METRIC_TITLES[m]} **{text(limits.metric(m).duration.label())}**"
            for m in LIMIT_METRICS
        ]
        lines += ["时限：" + " · ".join(parts), ""]
    path = category.escalation.get(severity)
    if path:
        lines += [f"负责：{tier_with_phone(path.owner, playbooks, names, tiers)}", ""]
        if path.steps:
            lines.append("升级：")
            lines.append("")
            lines += [
                f"- {text(step.after.label())}未解决，或{text(step.when.rstrip('。'))} → "
                f"{tier_with_phone(step.to, playbooks, names, tiers)}"
                for step in path.steps
            ]
            lines.append("")
        else:
            lines += ["全程由负责层级处理，不再升级。", ""]
    return "\n".join(lines)


def first_script(category: Category, names: Names) -> str:
    """The first step's first script, with what it is for."""
    for step in category.procedure:
        for channel, script in step.scripts.items():
            step_name = STEP_NAMES.get(step.id, step.title)
            label = f"{step_name} · {names.channel.get(channel, channel)}"
            return f"**第一句话**（{text(label)}）\n\n{code_block(script.text)}"
    return ""


def category_card(
    category: Category, playbooks: PlaybookSet, names: Names, root: str = "../", page: str = ""
) -> str:
    """The card as an admonition of class ``card card-for-<id>``. ``root``: the way from the
    page holding the card to the site's root; ``page``: the link to the category's page ("" on
    that page itself)."""
    tiers = f"{root}tiers.md"
    severities = tabs(
        (
            (names.severity.get(s, s), _severity_tab(category, s, playbooks, names, tiers))
            for s in category.limits
        ),
        selected=names.severity.get(category.default_severity, category.default_severity),
    )
    body = severities + "\n" + first_script(category, names)
    if category.legal_involve_when:
        first, count = category.legal_involve_when[0], len(category.legal_involve_when)
        more = f"等 {count} 种情形" if count > 1 else ""
        body += f"\n立即通知法务：{text(first.rstrip('。'))}{more}（见[法务介入]({page}#legal)）\n"
    return admonition(card_classes(category), f"速查卡 · {category.title}", body)
