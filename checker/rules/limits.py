"""Time limits: ordered across severities, consistent within one, within regulatory ceilings."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.model.vocabulary import LIMIT_METRICS, METRIC_TITLES
from checker.rules.context import RuleContext
from checker.rules.registry import rule


@rule(
    "PB301",
    "severity-limit-order",
    Severity.ERROR,
    "严重程度越高，时限只能更短或相同，不能比低一级更宽松。",
    "紧急·重大投诉反而比一般投诉给更多时间，等于把最危险的事情排在后面。单位不同的时限"
    "（如自然日与工作日）按工作日历逐日计算比较：节假日前后任何一天收到的投诉都不能让高等级更晚到期。",
    good=(Example('limits:\n  major:\n    first_response: "2 working hours"\n'),),
    bad=(Example('limits:\n  major:\n    first_response: "6 working hours"\n'),),
)
def severity_limit_order(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    if playbooks.policy is None:
        return
    order = [s.id for s in playbooks.policy.severities]
    compare = context.comparison
    titles = {s.id: s.title for s in playbooks.policy.severities}
    for category in playbooks.categories:
        present = [s for s in order if s in category.limits]
        for lower, higher in itertools.pairwise(present):
            for metric in LIMIT_METRICS:
                low = category.limits[lower].metric(metric)
                high = category.limits[higher].metric(metric)
                example = compare.later(high.duration, low.duration)
                if example:
                    yield r.on_value(
                        high.at.source,
                        high.at.pointer,
                        f"「{titles[higher]}」的{METRIC_TITLES[metric]} {high.duration.text} "
                        f"比「{titles[lower]}」的 {low.duration.text} 更宽松"
                        f"{example.because(high.duration, low.duration)}。",
                        f"把它改为不超过 {low.duration.text}，或同时调整「{titles[lower]}」的时限；"
                        "紧急情况的时限宜用不受节假日顺延影响的自然小时（如 72h）。",
                    )


@rule(
    "PB302",
    "limit-sequence",
    Severity.ERROR,
    "同一严重程度内：首次响应 ≤ 进展通报间隔 ≤ 解决时限。",
    "第一次答复客户之前不可能通报进展；通报间隔比解决时限还长，等于承诺了一次也不通报。",
    good=(Example('limits:\n  normal:\n    update_interval: "2 working days"\n'),),
    bad=(Example('limits:\n  normal:\n    update_interval: "9 working days"\n'),),
)
def limit_sequence(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    compare = context.comparison
    for category in playbooks.categories:
        for limits in category.limits.values():
            chain = [limits.first_response, limits.update_interval, limits.resolution]
            for earlier, later in itertools.pairwise(chain):
                example = compare.later(earlier.duration, later.duration)
                if example:
                    yield r.on_value(
                        earlier.at.source,
                        earlier.at.pointer,
                        f"{METRIC_TITLES[earlier.metric]} {earlier.duration.text} 比"
                        f"{METRIC_TITLES[later.metric]} {later.duration.text} 还长"
                        f"{example.because(earlier.duration, later.duration)}。",
                        f"{METRIC_TITLES[earlier.metric]}不能超过{METRIC_TITLES[later.metric]}。",
                    )


@rule(
    "PB303",
    "follow-up-after-resolution",
    Severity.ERROR,
    "回访时限必须晚于解决时限（两者都从收到投诉时起算）。",
    "回访是确认问题已经解决、客户是否满意；在解决之前就到期的回访没有意义。",
    good=(Example('limits:\n  normal:\n    follow_up: "10 working days"\n'),),
    bad=(Example('limits:\n  normal:\n    follow_up: "5 working days"\n'),),
)
def follow_up_after_resolution(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    compare = context.comparison
    for category in playbooks.categories:
        for limits in category.limits.values():
            follow, resolve = limits.follow_up, limits.resolution
            example = compare.later(resolve.duration, follow.duration, strict=False)
            if example:
                yield r.on_value(
                    follow.at.source,
                    follow.at.pointer,
                    f"回访时限 {follow.duration.text} 没有晚于解决时限 {resolve.duration.text}"
                    f"{example.because(resolve.duration, follow.duration)}。",
                    "回访时限从收到投诉时起算，应比解决时限更长。",
                )


@rule(
    "PB304",
    "regulatory-ceiling",
    Severity.ERROR,
    "时限不得超过总则中引用的监管时限上限；补救措施的执行时限同样受约束。",
    "超过法规或监管要求的时限会直接构成违规；上限写在总则里并注明出处，类别只能更严。",
    good=(Example('limits:\n  normal:\n    resolution: "7 working days"\n'),),
    bad=(
        Example(
            'limits:\n  normal:\n    resolution: "12 working days"\n    follow_up: "15 working days"\n'
        ),
    ),
)
def regulatory_ceiling(r: Rule, context: RuleContext) -> Iterator[Finding]:
    playbooks = context.playbooks
    if playbooks.policy is None:
        return
    compare = context.comparison
    for ceiling in playbooks.policy.ceilings:
        cited = f"超过了「{ceiling.title}」的上限 {ceiling.limit.text}（{ceiling.citation}）"
        for category in playbooks.categories:
            if ceiling.applies_to in LIMIT_METRICS:
                for limits in category.limits.values():
                    limit = limits.metric(ceiling.applies_to)
                    example = compare.later(limit.duration, ceiling.limit)
                    if example:
                        yield r.on_value(
                            limit.at.source,
                            limit.at.pointer,
                            f"{METRIC_TITLES[limit.metric]} {limit.duration.text} {cited}"
                            f"{example.because(limit.duration, ceiling.limit)}。",
                            f"改为不超过 {ceiling.limit.text}。",
                        )
            elif ceiling.applies_to.startswith("remedy:"):
                kind = ceiling.applies_to.split(":", 1)[1]
                for remedy in category.remedies:
                    within = remedy.execute_within
                    if remedy.kind != kind or within is None:
                        continue
                    example = compare.later(within, ceiling.limit)
                    if example:
                        yield r.on_value(
                            remedy.at.source,
                            (*remedy.at.pointer, "execute_within"),
                            f"「{remedy.title}」的执行时限 {within.text} {cited}"
                            f"{example.because(within, ceiling.limit)}。",
                            f"改为不超过 {ceiling.limit.text}。",
                        )
