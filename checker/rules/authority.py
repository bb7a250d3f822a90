"""Authority: remedies approved by a tier that may approve them; authority grows with the tier."""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.rules.context import RuleContext
from checker.rules.registry import rule

MONEY_KINDS = frozenset({"refund", "compensation", "voucher"})


@rule(
    "PB411",
    "remedy-within-authority",
    Severity.ERROR,
    "补救措施的审批层级必须有权批准这一种类，且金额上限不低于措施的单笔上限。",
    "让无权的人批准补救，要么一线员工当场承诺却兑现不了，要么越权审批造成损失。",
    good=(
        Example(
            "remedies:\n  - {id: refund, title: 退款, kind: refund, max_amount: 3000,"
            " approver: supervisor, conditions: 无法修复}\n"
        ),
    ),
    bad=(
        Example(
            "remedies:\n  - {id: refund, title: 退款, kind: refund, max_amount: 3000,"
            " approver: agent, conditions: 无法修复}\n"
        ),
    ),
)
def remedy_within_authority(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    for category in playbooks.categories:
        for remedy in category.remedies:
            tier = policy.tier(remedy.approver)
            if tier is None:
                continue
            where = (*remedy.at.pointer, "approver")
            if remedy.kind not in tier.remedy_kinds:
                yield r.on_value(
                    remedy.at.source,
                    where,
                    f"「{tier.title}」无权批准「{remedy.title}」这类补救（{remedy.kind}）。",
                    f"改由有权批准 {remedy.kind} 的层级审批，或在总则中扩大该层级的权限。",
                )
            elif remedy.max_amount is not None and remedy.max_amount > tier.max_amount:
                yield r.on_value(
                    remedy.at.source,
                    where,
                    f"「{remedy.title}」单笔最多 {remedy.max_amount} 元，超过「{tier.title}」"
                    f"{tier.max_amount} 元的审批权限。",
                    f"改由权限不低于 {remedy.max_amount} 元的层级审批，或降低单笔上限。",
                )


@rule(
    "PB412",
    "money-remedy-has-cap",
    Severity.WARNING,
    "涉及金钱的补救措施（退款、赔偿、代金券）应写明单笔上限 max_amount。",
    "没有上限的金钱补救无法判断审批权限，合规审阅时也看不出风险敞口。",
    good=(
        Example(
            "remedies:\n  - {id: voucher, title: 代金券, kind: voucher, max_amount: 100,"
            " approver: agent, conditions: 轻微不便}\n"
        ),
    ),
    bad=(
        Example(
            "remedies:\n  - {id: voucher, title: 代金券, kind: voucher,"
            " approver: agent, conditions: 轻微不便}\n"
        ),
    ),
)
def money_remedy_has_cap(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    for category in playbooks.categories:
        for remedy in category.remedies:
            if remedy.kind in MONEY_KINDS and remedy.max_amount is None:
                yield r.on_key(
                    remedy.at.source,
                    (*remedy.at.pointer, "kind"),
                    f"「{remedy.title}」涉及金钱，却没有写单笔上限。",
                    "加上 max_amount（元），并确认审批层级的权限覆盖这个金额。",
                )


@rule(
    "PB413",
    "authority-grows-upward",
    Severity.ERROR,
    "层级越高，审批金额上限不能更低，可批准的补救种类不能更少。",
    "上级权限小于下级，升级反而批不了下级能批的事，升级路径就失去意义。",
    good=(
        Example(
            "tiers:\n  - id: supervisor\n    authority:\n      max_amount: 8000\n",
            target="policy",
        ),
    ),
    bad=(
        Example(
            "tiers:\n  - id: supervisor\n    authority:\n      max_amount: 200\n",
            target="policy",
        ),
    ),
)
def authority_grows_upward(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    for lower, higher in zip(policy.tiers, policy.tiers[1:], strict=False):
        if higher.max_amount < lower.max_amount:
            yield r.on_value(
                higher.at.source,
                (*higher.at.pointer, "authority", "max_amount"),
                f"「{higher.title}」的金额上限 {higher.max_amount} 元低于下一级"
                f"「{lower.title}」的 {lower.max_amount} 元。",
                "上级的金额上限应不低于下级。",
            )
        missing = sorted(lower.remedy_kinds - higher.remedy_kinds)
        if missing:
            yield r.on_value(
                higher.at.source,
                (*higher.at.pointer, "authority", "remedy_kinds"),
                f"「{higher.title}」不能批准下级「{lower.title}」能批准的：{'、'.join(missing)}。",
                "上级可批准的补救种类应包含下级的全部种类。",
            )
