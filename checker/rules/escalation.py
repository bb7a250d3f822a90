"""Escalation: always upward, in time, within the resolution limit, ending where it can decide."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.model import Category, EscalationPath, Policy
from checker.rules.context import RuleContext
from checker.rules.registry import rule

# The base set's normal path, written out: agent, then the supervisor after 3 working days.
_AGENT_TO_SUPERVISOR = Example(
    "escalation:\n  normal:\n    owner: agent\n    steps:\n"
    '      - {after: "3 working days", to: supervisor, when: 客户不接受方案}\n'
)


@rule(
    "PB401",
    "escalation-goes-up",
    Severity.ERROR,
    "升级路径的每一步都必须交给比当前更高的层级。",
    "平级或向下“升级”会让投诉在原地打转，客户等得越久情绪越激烈。",
    good=(_AGENT_TO_SUPERVISOR,),
    bad=(
        Example(
            "escalation:\n  normal:\n    owner: supervisor\n    steps:\n"
            '      - {after: "3 working days", to: agent, when: 客户不接受方案}\n'
        ),
    ),
)
def escalation_goes_up(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    for category in playbooks.categories:
        for path in category.escalation.values():
            current = policy.tier(path.owner)
            for step in path.steps:
                target = policy.tier(step.to)
                if current and target and target.rank <= current.rank:
                    yield r.on_value(
                        step.at.source,
                        (*step.at.pointer, "to"),
                        f"从「{current.title}」升级到「{target.title}」不是向上升级。",
                        "升级目标必须是层级列表中更靠后（更高）的层级。",
                    )
                current = target or current


@rule(
    "PB402",
    "escalation-in-time",
    Severity.ERROR,
    "升级时点必须逐步推后，并且都在该严重程度的解决时限之内。",
    "解决时限到了才升级，接手的人已经没有时间处理；时点倒序则说明路径写错了。",
    good=(_AGENT_TO_SUPERVISOR,),
    bad=(
        Example(
            "escalation:\n  normal:\n    owner: agent\n    steps:\n"
            '      - {after: "8 working days", to: supervisor, when: 客户不接受方案}\n'
        ),
    ),
)
def escalation_in_time(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    compare = context.comparison
    for category in playbooks.categories:
        for severity, path in category.escalation.items():
            limits = category.limits.get(severity)
            previous = None
            for step in path.steps:
                where = (*step.at.pointer, "after")
                if previous is not None:
                    example = compare.later(previous.after, step.after, strict=False)
                    if example:
                        yield r.on_value(
                            step.at.source,
                            where,
                            f"升级时点 {step.after.text} 没有晚于上一步的 {previous.after.text}"
                            f"{example.because(previous.after, step.after)}。",
                            "按时间先后排列升级节点，后一步的时点必须更晚。",
                        )
                if limits:
                    resolution = limits.resolution.duration
                    example = compare.later(step.after, resolution, strict=False)
                    if example:
                        yield r.on_value(
                            step.at.source,
                            where,
                            f"升级时点 {step.after.text} 不在解决时限 {resolution.text} 之内"
                            f"{example.because(step.after, resolution)}。",
                            "提前升级，给接手的层级留出处理时间。",
                        )
                previous = step


def _final_tier(path: EscalationPath) -> str:
    return path.steps[-1].to if path.steps else path.owner


def _cannot_decide(policy: Policy, category: Category, tier_id: str) -> list[str]:
    tier = policy.tier(tier_id)
    if tier is None:
        return []
    return [
        remedy.title
        for remedy in category.remedies
        if remedy.kind not in tier.remedy_kinds or (remedy.max_amount or 0) > tier.max_amount
    ]


@rule(
    "PB403",
    "escalation-ends-with-authority",
    Severity.ERROR,
    "升级路径必须终止在一个有权批准本类别全部补救措施的层级。",
    "如果路径的最高一层也批不了某项补救，投诉就会卡在那里无人能拍板。",
    good=(_AGENT_TO_SUPERVISOR,),
    bad=(Example("escalation:\n  normal:\n    owner: agent\n    steps: []\n"),),
)
def escalation_ends_with_authority(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    for category in playbooks.categories:
        for path in category.escalation.values():
            final = _final_tier(path)
            blocked = _cannot_decide(policy, category, final)
            tier = policy.tier(final)
            if blocked and tier:
                yield r.on_key(
                    path.at.source,
                    path.at.pointer,
                    f"升级路径止于「{tier.title}」，但它无权批准：{'、'.join(blocked)}。",
                    "再加一个升级节点，交给有权批准这些措施的层级。",
                )


@rule(
    "PB404",
    "trigger-raises-severity",
    Severity.ERROR,
    "严重程度的升级触发条件必须把等级提高到默认等级之上。",
    "“提高”到同级或更低等级的触发条件不会产生任何效果，却让员工以为已经升级处理。",
    good=(
        Example(
            "severity:\n  default: normal\n  triggers:\n    - {when: 涉及人身伤害, raise_to: critical}\n"
        ),
    ),
    bad=(
        Example(
            "severity:\n  default: major\n  triggers:\n    - {when: 重复投诉, raise_to: normal}\n"
        ),
    ),
)
def trigger_raises_severity(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    for category in playbooks.categories:
        default = policy.severity(category.default_severity)
        for trigger in category.triggers:
            target = policy.severity(trigger.raise_to)
            if default and target and target.rank <= default.rank:
                yield r.on_value(
                    trigger.at.source,
                    (*trigger.at.pointer, "raise_to"),
                    f"触发条件把等级“提高”到「{target.title}」，但默认等级已经是「{default.title}」。",
                    "提高到更高的等级，或删除这条触发条件。",
                )


@rule(
    "PB405",
    "owner-matches-severity",
    Severity.WARNING,
    "严重程度越高，负责层级不应越低。",
    "紧急·重大投诉由比一般投诉更低的层级负责，通常是写反了。",
    good=(Example("escalation:\n  major:\n    owner: supervisor\n"),),
    bad=(
        Example(
            "escalation:\n  major:\n    owner: agent\n    steps:\n"
            '      - {after: "2 working days", to: director, when: 客户不接受方案}\n'
            "  normal:\n    owner: supervisor\n    steps:\n"
            '      - {after: "3 working days", to: director, when: 客户不接受方案}\n'
        ),
    ),
)
def owner_matches_severity(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    policy = playbooks.policy
    if policy is None:
        return
    order = [s.id for s in policy.severities]
    for category in playbooks.categories:
        paths = [category.escalation[s] for s in order if s in category.escalation]
        for lower, higher in itertools.pairwise(paths):
            low, high = policy.tier(lower.owner), policy.tier(higher.owner)
            if low and high and high.rank < low.rank:
                yield r.on_value(
                    higher.at.source,
                    (*higher.at.pointer, "owner"),
                    f"更高的严重程度由「{high.title}」负责，低于较低等级的「{low.title}」。",
                    "让更高的严重程度由同级或更高的层级负责。",
                )
