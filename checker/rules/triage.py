"""What the triage page (分诊) needs to decide a complaint's severity from the playbooks."""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import Example, Finding, Rule, Severity
from checker.rules.context import RuleContext
from checker.rules.registry import rule


@rule(
    "PB406",
    "trigger-decidable",
    Severity.WARNING,
    "严重程度的升级触发条件应写明分诊勾选项 signals 或金额门槛 amount_over。",
    "分诊页按员工勾选的情形和输入的金额判断严重程度；只有文字说明的触发条件，分诊页无法判断，"
    "员工会看到偏低的等级。",
    good=(
        Example(
            "severity:\n  default: normal\n  triggers:\n"
            "    - {when: 同一问题第二次投诉, raise_to: major, signals: [repeat]}\n"
            "    - {when: 涉及金额超过 5000 元, raise_to: major, amount_over: 5000}\n"
        ),
    ),
    bad=(
        Example(
            "severity:\n  default: normal\n  triggers:\n"
            "    - {when: 同一问题第二次投诉, raise_to: major}\n"
        ),
    ),
)
def trigger_decidable(r: Rule, context: RuleContext) -> Iterator[Finding]:
    for category in context.playbooks.categories:
        for trigger in category.triggers:
            if not trigger.signals and trigger.amount_over is None:
                yield r.on_key(
                    trigger.at.source,
                    trigger.at.pointer,
                    f"触发条件「{trigger.when}」没有写分诊勾选项或金额门槛，分诊页无法据此提高等级。",
                    "加上 signals: [勾选项标识]（在 policy.yaml 的 signals 中定义），"
                    "或 amount_over: 金额（元）。",
                )
